"""The ingest stage's data files (pipeline/ingest/data/*.tsv), read with ``pipeline.vi.table.read_table``."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from pipeline.vi.table import code_points, read_table

DATA_DIR = Path(__file__).parent / "data"


def data_table(name: str, columns: Sequence[str],
               types: Mapping[str, type | Callable[[str], Any]] | None = None) -> list[tuple]:
    """The typed rows of ``data/<name>`` (see ``read_table``); a malformed line fails with ``file:line: …``."""
    return read_table(DATA_DIR / name, columns, types)


def parse_code_points(field: str) -> str:
    """``"U+0302 U+0301"`` -> the characters; any other field is taken literally."""
    parts = field.split()
    if parts and all(p.upper().startswith("U+") for p in parts):
        return code_points(field)
    return field


def hex_byte(field: str) -> int:
    """``"A1"`` -> 161: a byte written in hexadecimal."""
    value = int(field, 16)
    if not 0 <= value <= 0xFF:
        raise ValueError("a byte is 00 to FF")
    return value
