"""A finished run's OUTDIR as files: its tables (CSV or Parquet) as strings, run.json, and each document's
raw and clean text rebuilt from ``clean/<doc_id>.txt`` and corrections.csv (no source file needed).

Review and report read only these files, never a stage's objects, so they keep working whatever a stage does
inside as long as the output contract holds.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path

import pandas as pd

from pipeline.export.tables import atomic_write
from pipeline.review.textmap import OffsetError, Replacement, TextMap, raw_from_clean

TRUE, FALSE = "true", "false"


class OutdirError(Exception):
    """OUTDIR cannot be read as a run's output (one line naming the problem)."""


def _as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text the way the CSV tables write it: booleans true/false, missing values empty."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: TRUE, False: FALSE}).astype(object).where(values.notna(), "")
        else:
            out[column] = values.astype(object).where(values.notna(), "").map(str)
    return out.reset_index(drop=True)


def _typed_like(frame: pd.DataFrame, dtypes: dict) -> pd.DataFrame:
    """String columns back to the types a Parquet table had (new columns stay text)."""
    out = frame.copy()
    for column, dtype in dtypes.items():
        if column not in out:
            continue
        if pd.api.types.is_bool_dtype(dtype):
            out[column] = out[column].map({TRUE: True, FALSE: False}).astype("boolean")
        elif pd.api.types.is_integer_dtype(dtype):
            out[column] = pd.to_numeric(out[column].replace("", None)).astype("Int64")
        elif pd.api.types.is_float_dtype(dtype):
            out[column] = pd.to_numeric(out[column].replace("", None)).astype("float64")
        else:
            out[column] = out[column].astype("string")
    return out


def read_text(path: Path) -> str:
    """A UTF-8 text file exactly as written (newlines untranslated)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


class RunOutput:
    """One OUTDIR: tables read lazily as string frames, written back atomically in the run's format."""

    def __init__(self, outdir: str | os.PathLike):
        self.path = Path(outdir)
        if not (self.path / "run.json").is_file():
            raise OutdirError(f"{self.path} holds no run.json: not the output folder of a run")
        self.fmt = self.run_info.get("options", {}).get("format", "csv")
        if self.fmt not in ("csv", "parquet"):
            raise OutdirError(f"{self.path}: the report and the review read CSV or Parquet tables, this run wrote "
                              f"{self.fmt} (run again with --format csv or parquet)")
        self._tables: dict[str, pd.DataFrame] = {}
        self._dtypes: dict[str, dict] = {}
        self._by_doc: dict[str, dict[str, pd.DataFrame]] = {}
        self._sources: dict[str, tuple[str, str]] | None = None  # doc_id -> (path, sha256), from documents
        self._maps: dict[str, TextMap] = {}  # text_map without verdicts, by doc_id (the report asks twice)

    @cached_property
    def run_info(self) -> dict:
        try:
            return json.loads((self.path / "run.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise OutdirError(f"{self.path / 'run.json'}: cannot be read ({err})") from None

    def table(self, name: str) -> pd.DataFrame:
        """The table as strings (cached; the same frame object on every call)."""
        if name not in self._tables:
            path = self.path / f"{name}.{self.fmt}"
            if not path.is_file():
                raise OutdirError(f"{path} is missing: the run did not finish")
            if self.fmt == "csv":
                frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
            else:
                frame = pd.read_parquet(path)
                self._dtypes[name] = dict(frame.dtypes)
                frame = _as_strings(frame)
            self._tables[name] = frame
        return self._tables[name]

    def write_table(self, name: str, frame: pd.DataFrame) -> Path:
        """Replace the table atomically (temporary file, then rename)."""
        path = self.path / f"{name}.{self.fmt}"
        if self.fmt == "csv":
            atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8"))
        else:
            typed = _typed_like(frame, self._dtypes.get(name, {}))
            atomic_write(path, lambda tmp: typed.to_parquet(tmp, index=False))
        self._tables[name] = frame.reset_index(drop=True)
        self._by_doc.pop(name, None)
        if name == "documents":
            self._sources = None
        if name == "corrections":
            self._maps.clear()
        return path

    def doc_ids(self) -> list[str]:
        """Documents that succeeded (they have a clean text)."""
        docs = self.table("documents")
        return list(docs.loc[docs["status"] == "ok", "doc_id"])

    def rows_of(self, name: str, doc_id: str) -> pd.DataFrame:
        """The table's rows of one document (grouped once per table)."""
        if name not in self._by_doc:
            frame = self.table(name)
            self._by_doc[name] = {doc: rows for doc, rows in frame.groupby("doc_id", sort=False)}
        rows = self._by_doc[name].get(doc_id)
        return rows if rows is not None else self.table(name).iloc[:0]

    def clean_path(self, doc_id: str) -> Path:
        return self.path / "clean" / f"{doc_id}.txt"

    def source_text(self, doc_id: str) -> str | None:
        """The document's raw text from its input file, when that file is still there with the same bytes."""
        from pipeline.ingest import IngestError, decode_bytes
        if self._sources is None:
            docs = self.table("documents")
            self._sources = dict(zip(docs["doc_id"], zip(docs["path"], docs["sha256"])))
        path, sha256 = self._sources[doc_id]
        try:
            data = Path(path).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                return None
            return decode_bytes(data).text
        except (OSError, IngestError):
            return None

    def text_map(self, doc_id: str, verdicts: dict[tuple[int, int], tuple[str, str]] | None = None) -> TextMap:
        """Raw and clean text of a document under its applied corrections.

        The raw text comes from the input file when it is unchanged, else it is rebuilt from the clean text
        and the corrections the clean text holds: the applied ones, or those with ``verdicts`` (a reviewer's
        (decision, value) by span) imposed, when the tables came back from a re-run but the clean text did not.
        Without ``verdicts`` the map is kept until the corrections table is written again.
        """
        if not verdicts and doc_id in self._maps:
            return self._maps[doc_id]
        corrections = self.rows_of("corrections", doc_id)
        rows = list(zip(corrections["start"].astype(int), corrections["end"].astype(int), corrections["corrected"],
                        corrections["original"], corrections["applied"] == TRUE))
        first_at: dict[tuple[int, int], int] = {}
        for n, (s, e, *_) in enumerate(rows):
            first_at.setdefault((s, e), n)

        def applied(imposed: dict) -> tuple[list[Replacement], list[str]]:
            chosen = []
            for n, (s, e, corrected, original, flag) in enumerate(rows):
                if (s, e) in imposed:
                    decision, value = imposed[(s, e)]
                    meant = corrected == value if value else first_at[(s, e)] == n
                    flag = meant if decision == "accept" else flag and not meant
                if flag:
                    chosen.append((Replacement(s, e, corrected), original))
            return [r for r, _ in chosen], [o for _, o in chosen]

        replacements, _ = applied({})
        raw = self.source_text(doc_id)
        if raw is None:
            clean = self._clean_text(doc_id)
            for imposed in ({}, verdicts or {}):
                try:
                    raw = raw_from_clean(clean, *applied(imposed))
                    break
                except OffsetError as err:
                    problem = err
            else:
                raise OutdirError(f"{doc_id}: its clean text and corrections disagree ({problem})")
        try:
            text_map = TextMap(raw, replacements)
        except OffsetError as err:
            raise OutdirError(f"{doc_id}: {err}") from None
        if not verdicts:
            self._maps[doc_id] = text_map
        return text_map

    def _clean_text(self, doc_id: str) -> str:
        path = self.clean_path(doc_id)
        try:
            return read_text(path)
        except FileNotFoundError:
            raise OutdirError(f"{path} is missing") from None
        except (OSError, UnicodeDecodeError) as err:
            raise OutdirError(f"{path}: cannot be read ({err})") from None
