"""The run report: the summary line of the CLI and run.json (options, versions, inputs, counts, timings)."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.engine.inputs import InputFile
from pipeline.engine.parts import DocumentRow
from pipeline.export.tables import atomic_write
from pipeline.process import Options


@dataclass
class RunSummary:
    """What a batch did, for the final line of the CLI and for run.json."""

    n_ok: int = 0
    n_failed: int = 0
    n_chars: int = 0
    n_applied: int = 0
    n_suggested: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # documents.csv's count columns, summed
    n_reused: int = 0
    wall_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def n_entities(self) -> int:
        return self.counts.get("n_entities", 0)

    @property
    def n_dates(self) -> int:
        return self.counts.get("n_dates", 0)

    @property
    def chars_per_second(self) -> float:
        return self.n_chars / self.wall_seconds if self.wall_seconds else 0.0

    def add(self, row: DocumentRow) -> None:
        if row.status == "ok":
            self.n_ok += 1
        else:
            self.n_failed += 1
            self.failures.append((row.doc_id, row.error))
        self.n_reused += row.reused
        self.n_chars += row.n_chars
        self.n_applied += row.applied
        self.n_suggested += row.suggested
        for column, n in row.counts.items():
            self.counts[column] = self.counts.get(column, 0) + n
        for stage, seconds in row.stage_seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + seconds

    def line(self) -> str:
        return (f"documents: {self.n_ok} ok, {self.n_failed} failed | {self.n_chars:,} characters | corrections: "
                f"{self.n_applied} applied, {self.n_suggested} suggested | {self.n_entities} entities | "
                f"{self.n_dates} dates | {self.wall_seconds:.1f} s | {self.chars_per_second:,.0f} chars/s")

    def as_json(self) -> dict:
        return {"n_ok": self.n_ok, "n_failed": self.n_failed, "n_chars": self.n_chars, "n_applied": self.n_applied,
                "n_suggested": self.n_suggested, "n_entities": self.n_entities, "n_dates": self.n_dates,
                "counts": dict(self.counts), "n_reused": self.n_reused, "wall_seconds": self.wall_seconds,
                "failures": [list(f) for f in self.failures]}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    found = {"python": sys.version.split()[0]}
    for package in ("vn-history-pipeline", "underthesea", "spacy", "pandas", "wordfreq", "pyarrow", "openpyxl"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def write_run_json(out: Path, options: Options, files: list[InputFile], rows: list[DocumentRow],
                   summary: RunSummary, run_options: dict) -> None:
    by_id = {r.doc_id: r for r in rows}
    report = {
        "options": {**options.as_dict(), **run_options},
        "versions": versions(),
        "inputs": [{"doc_id": f.doc_id, "path": f.path, "sha256": by_id[f.doc_id].sha256,
                    "status": by_id[f.doc_id].status} for f in files],
        "summary": summary.as_json(),
        "timings": {"wall_seconds": round(summary.wall_seconds, 3),
                    "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
                    "chars_per_second": round(summary.chars_per_second, 1)},
    }
    atomic_write(out / "run.json",
                 lambda tmp: tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"))
