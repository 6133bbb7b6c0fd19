"""Named entities (PER, LOC, ORG, MISC) of the clean text, with canonical names and stable entity ids.

The names below load on first use (PEP 562): the recognizer imports spaCy, which commands that never
recognize anything (``--help``, ``report``, ``apply-review``) should not pay for.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {"choose_canonicals": ".keys", "entity_key": ".keys",
          "EntityMention": ".recognizer", "EntityRecognizer": ".recognizer"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value
    return value
