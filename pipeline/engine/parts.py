"""The part store, ``OUTDIR/.parts/``: each document's typed outcome as soon as it is done (for the merge and for
--resume), and the documents the corpus-statistics pass prepared (decoded and normalized once) until they are
processed.

A part file holds two pickles: a small header (the reuse key and the document's ``DocumentRow``), then the rows,
so that deciding whether a part can be reused reads the header only.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.engine.inputs import InputFile
from pipeline.export.tables import atomic_write, write_clean_text
from pipeline.process import Started

# Bump when the rows a document gives change shape, so that --resume never reuses parts written before.
PARTS_VERSION = 3
_PREPARED = ".prepared.pkl"


@dataclass
class DocumentRow:
    """A document's line of documents.csv, and what the run summary adds up."""

    doc_id: str
    path: str
    sha256: str = ""
    encoding: str = ""
    n_chars: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # count column (n_sentences, ...) -> rows
    status: str = "error"
    error: str = ""
    warnings: str = ""
    seconds: float = 0.0
    applied: int = 0
    suggested: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    reused: bool = False

    @classmethod
    def of(cls, item: InputFile) -> DocumentRow:
        return cls(item.doc_id, item.path)

    def csv_row(self, count_columns: list[str]) -> dict:
        return {"doc_id": self.doc_id, "path": self.path, "sha256": self.sha256, "encoding": self.encoding,
                "n_chars": self.n_chars, **{c: self.counts.get(c, 0) for c in count_columns},
                "status": self.status, "error": self.error, "warnings": self.warnings, "seconds": self.seconds}


@dataclass
class DocumentOutcome:
    """What processing one document gave: its row, and when it succeeded its table rows and clean text."""

    row: DocumentRow
    rows: dict[str, list[dict]] = field(default_factory=dict)
    clean_text: str | None = None


@dataclass
class Prepared:
    """A document decoded and taken through the prefix stages by the corpus-statistics pass (or why it could not
    be): processing continues from ``started`` instead of reading and decoding the file again."""

    item: InputFile
    sha256: str = ""
    encoding: str = ""
    warnings: str = ""
    n_chars: int = 0
    started: Started | None = None
    error: str = ""  # cannot read or decode: the document's error

    def row(self) -> DocumentRow:
        return DocumentRow(self.item.doc_id, self.item.path, self.sha256, self.encoding, self.n_chars,
                           warnings=self.warnings, error=self.error)


class PartStore:
    def __init__(self, outdir: Path):
        self.outdir = Path(outdir)
        self.dir = self.outdir / ".parts"

    def path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha1(doc_id.encode("utf-8")).hexdigest() + ".pkl")

    def clear(self) -> None:
        if self.dir.exists():
            for stale in self.dir.iterdir():
                stale.unlink()

    def store(self, outcome: DocumentOutcome, key: str) -> DocumentRow:
        """Write one document's clean text and part file; returns its row."""
        row = outcome.row
        if outcome.clean_text is not None:
            write_clean_text(self.outdir, row.doc_id, outcome.clean_text)
        corrections = outcome.rows.get("corrections", [])
        row.applied = sum(1 for r in corrections if r["applied"])
        row.suggested = len(corrections) - row.applied
        self.dir.mkdir(parents=True, exist_ok=True)
        header = {"version": PARTS_VERSION, "key": (row.sha256, key), "row": row}

        def write(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(outcome.rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(self.path(row.doc_id), write)
        return row

    def _read(self, doc_id: str, rows: bool) -> tuple[dict, dict | None] | None:
        try:
            with open(self.path(doc_id), "rb") as handle:
                header = pickle.load(handle)
                if not isinstance(header, dict) or header.get("version") != PARTS_VERSION:
                    return None
                return header, (pickle.load(handle) if rows else None)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError, TypeError):
            return None

    def load_rows(self, doc_id: str) -> dict[str, list[dict]] | None:
        """A stored document's table rows (None when its part is missing or unreadable)."""
        found = self._read(doc_id, rows=True)
        return found[1] if found else None

    def reusable(self, item: InputFile, sha256: str, key: str) -> DocumentRow | None:
        """The previous run's row for this document when its bytes, the options and the statistics are unchanged."""
        found = self._read(item.doc_id, rows=False)
        if found and found[0]["key"] == (sha256, key) and found[0]["row"].status == "ok" \
                and (self.outdir / "clean" / f"{item.doc_id}.txt").exists():
            row = found[0]["row"]
            row.reused = True
            return row
        return None

    def put_prepared(self, prepared: Prepared) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.path(prepared.item.doc_id).with_suffix(_PREPARED)
        atomic_write(path, lambda tmp: tmp.write_bytes(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)))

    def take_prepared(self, doc_id: str) -> Prepared | None:
        """The prepared document, removed from the store (None when there is none)."""
        path = self.path(doc_id).with_suffix(_PREPARED)
        try:
            prepared = pickle.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        path.unlink(missing_ok=True)
        return prepared

    def remove_prepared(self) -> None:
        if self.dir.is_dir():
            for path in self.dir.glob(f"*{_PREPARED}"):
                path.unlink(missing_ok=True)

    def remove_stale(self, files: list[InputFile], rows: list[DocumentRow]) -> None:
        """Clean texts and parts of documents that are not in this run, and clean texts of documents that failed."""
        ok = {row.doc_id for row in rows if row.status == "ok"}
        clean = self.outdir / "clean"
        if clean.is_dir():
            for path in clean.rglob("*.txt"):
                if path.relative_to(clean).as_posix()[:-4] not in ok:
                    path.unlink(missing_ok=True)
        if self.dir.is_dir():
            keep = {self.path(f.doc_id).name for f in files}
            for path in self.dir.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)
