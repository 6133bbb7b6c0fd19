"""The review loop: a person's decisions (decisions.csv) applied to a run's OUTDIR, and exchange formats.

Its names are imported on first use (PEP 562): ``python -m pipeline run`` imports this package for the CLI's
review commands and would otherwise import pandas, which only the review itself needs."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .apply import ReviewSummary, apply_review
    from .decisions import Decision, DecisionsError, read_decisions, stored_decisions, write_decisions
    from .outdir import OutdirError, RunOutput

_MODULES = {"ReviewSummary": "apply", "apply_review": "apply", "Decision": "decisions", "DecisionsError": "decisions",
            "read_decisions": "decisions", "stored_decisions": "decisions", "write_decisions": "decisions",
            "OutdirError": "outdir", "RunOutput": "outdir"}

__all__ = ["Decision", "DecisionsError", "OutdirError", "ReviewSummary", "RunOutput", "apply_review",
           "read_decisions", "stored_decisions", "write_decisions"]


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
