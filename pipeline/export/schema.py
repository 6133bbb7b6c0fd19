"""The output contract: every table and its columns, in order (documented in README.md).

The per-document tables, their surface columns and the count columns of documents.csv come from the stage
registry (``pipeline.stages.REGISTRY``), so a registered stage's table is written, typed and checked like the
others. ``TABLES``, ``PER_DOCUMENT_TABLES`` and ``SURFACE_COLUMN`` are live views of the registry.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Iterator

from pipeline.stages import REGISTRY

DOCUMENT_HEAD = ("doc_id", "path", "sha256", "encoding", "n_chars")
DOCUMENT_TAIL = ("status", "error", "warnings", "seconds")
ENTITY_INDEX = ("entity_id", "canonical", "label", "n_mentions", "n_documents", "variants", "first_doc_id",
                "first_start", "last_doc_id", "last_start")
# Column types; every other column is a string. A stage's table adds its own (``Table.types``).
_TYPES = {**dict.fromkeys(("start", "end", "sent_id", "n_chars", "n_mentions", "n_documents", "first_start",
                           "last_start"), "int"), "seconds": "float"}


def count_columns() -> list[str]:
    """documents.csv's count columns, one per registered table (n_sentences, n_corrections, ...)."""
    return [table.count for table in REGISTRY.tables()]


def tables() -> dict[str, list[str]]:
    return {"documents": [*DOCUMENT_HEAD, *count_columns(), *DOCUMENT_TAIL],
            **{t.name: list(t.columns) for t in REGISTRY.tables()},
            "entity_index": list(ENTITY_INDEX)}


def column_types(name: str) -> dict[str, str]:
    """Column -> "int", "float" or "bool" for one table (strings are not listed)."""
    types = dict(_TYPES)
    if name == "documents":
        types.update(dict.fromkeys(count_columns(), "int"))
    for table in REGISTRY.tables():
        if table.name == name:
            types.update(table.types)
    return types


class _Tables(Mapping):
    def __getitem__(self, name: str) -> list[str]:
        return tables()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(tables())

    def __len__(self) -> int:
        return len(tables())


class _PerDocument(Sequence):
    def __getitem__(self, i):
        return tuple(t.name for t in REGISTRY.tables())[i]

    def __len__(self) -> int:
        return len(REGISTRY.tables())


class _Surface(Mapping):
    def _map(self) -> dict[str, str]:
        return {t.name: t.surface for t in REGISTRY.tables() if t.surface}

    def __getitem__(self, name: str) -> str:
        return self._map()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


TABLES: Mapping[str, list[str]] = _Tables()
# Tables whose rows point into a document's raw text, and the column that must equal raw[start:end].
SURFACE_COLUMN: Mapping[str, str] = _Surface()
PER_DOCUMENT_TABLES: Sequence[str] = _PerDocument()
