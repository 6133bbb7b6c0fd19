"""Readers for the ingest stage's data files (pipeline/ingest/data/*.tsv): rows of tab-separated fields."""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_rows(name: str) -> list[list[str]]:
    """The rows of ``data/<name>``, split on tabs; ``#`` comment lines and blank lines are skipped."""
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def parse_code_points(field: str) -> str:
    """``"U+0302 U+0301"`` -> the characters; any other field is taken literally."""
    parts = field.split()
    if parts and all(p.upper().startswith("U+") for p in parts):
        return "".join(chr(int(p[2:], 16)) for p in parts)
    return field
