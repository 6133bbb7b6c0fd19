"""Writing the tables with pandas: streamed in chunks to a temporary file, renamed into place when complete.

An interrupted run therefore never leaves a truncated table under its final name.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from pipeline.export.schema import TABLES

FORMATS = ("csv", "parquet")
_INT_COLUMNS = {"start", "end", "sent_id", "n_chars", "n_sentences", "n_corrections", "n_entities", "n_dates",
                "anchor", "n_mentions", "n_documents", "first_start", "last_start"}
_FLOAT_COLUMNS = {"score", "seconds"}
_BOOL_COLUMNS = {"applied", "year_inferred"}


def _frame(name: str, rows: list[dict], fmt: str) -> pd.DataFrame:
    """Rows as a DataFrame with the contract's columns and stable types (nullable ints, lower-case booleans)."""
    columns = TABLES[name]
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column in _INT_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column in _FLOAT_COLUMNS:
            frame[column] = frame[column].astype("float64")
        elif column in _BOOL_COLUMNS:
            values = frame[column].astype("boolean")
            frame[column] = values.map({True: "true", False: "false"}).astype("string") if fmt == "csv" else values
        else:
            frame[column] = frame[column].astype("string")
    return frame


class TableWriter:
    """Appends rows of one table to ``OUTDIR/<name>.<fmt>.tmp``; ``close()`` renames it to its final name."""

    def __init__(self, outdir: Path, name: str, fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        self.name, self.fmt = name, fmt
        self.path = Path(outdir) / f"{name}.{fmt}"
        self._tmp = self.path.with_name(self.path.name + ".tmp")
        self._handle = None
        self._parquet = None
        self._started = False

    def write(self, rows: list[dict]) -> None:
        if not rows and self._started:
            return
        frame = _frame(self.name, rows, self.fmt)
        if self.fmt == "csv":
            if self._handle is None:
                self._handle = open(self._tmp, "w", encoding="utf-8", newline="")
            frame.to_csv(self._handle, header=not self._started, index=False, lineterminator="\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._tmp, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        self._started = True

    def close(self) -> Path:
        if not self._started:
            self.write([])
        if self._handle is not None:
            self._handle.close()
        if self._parquet is not None:
            self._parquet.close()
        os.replace(self._tmp, self.path)
        return self.path


def write_clean_text(outdir: Path, doc_id: str, text: str) -> Path:
    """Write ``clean/<doc_id>.txt`` atomically, newlines exactly as in the text."""
    path = Path(outdir) / "clean" / f"{doc_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.replace(tmp, path)
    return path


class EntityIndex:
    """Counts mentions per entity across the run; gives each entity one canonical name, its variants, and its
    first and last mention (doc_id, start) so that a reader can jump to the source."""

    def __init__(self) -> None:
        self.labels: dict[str, Counter] = defaultdict(Counter)
        self.canonicals: dict[str, Counter] = defaultdict(Counter)
        self.variants: dict[str, Counter] = defaultdict(Counter)
        self.documents: dict[str, set[str]] = defaultdict(set)
        self.first: dict[str, tuple[str, int]] = {}
        self.last: dict[str, tuple[str, int]] = {}

    def add(self, rows: list[dict]) -> None:
        for row in rows:
            key = row["entity_id"]
            self.labels[key][row["label"]] += 1
            self.canonicals[key][row["canonical"]] += 1
            self.variants[key][row["text"]] += 1
            self.documents[key].add(row["doc_id"])
            where = (row["doc_id"], row["start"])
            self.first[key] = min(self.first.get(key, where), where)
            self.last[key] = max(self.last.get(key, where), where)

    def canonical_names(self) -> dict[str, str]:
        from pipeline.entities import choose_canonicals
        return choose_canonicals(dict(self.canonicals))

    def rows(self, canonical: dict[str, str]) -> list[dict]:
        return [{"entity_id": key, "canonical": canonical.get(key, ""), "label": self.labels[key].most_common(1)[0][0],
                 "n_mentions": sum(self.variants[key].values()), "n_documents": len(self.documents[key]),
                 "variants": "|".join(f"{v}:{n}" for v, n in self.variants[key].most_common()),
                 "first_doc_id": self.first[key][0], "first_start": self.first[key][1],
                 "last_doc_id": self.last[key][0], "last_start": self.last[key][1]}
                for key in sorted(self.variants)]
