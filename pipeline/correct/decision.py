"""What the corrector decides about one token (``Decision``), and the thresholds it decides with.

The numbers live in ``data/thresholds.tsv`` (name, value, meaning), so that a reader can see and change them
without reading code; the score calibration lives beside them in ``data/calibration.json``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.vi.table import read_table

THRESHOLDS_PATH = Path(__file__).parent / "data" / "thresholds.tsv"


class Decision(NamedTuple):
    """A correction of one token: its written form (or candidate key), P(right), kind, calibration features."""

    corrected: str
    score: float
    kind: str  # ocr_nonword, ocr_realword, name, spacing, number, case (a lost capital)
    features: tuple[float, ...] | None  # None for decisions scored by a rule (names, numbers, case)


@lru_cache(maxsize=1)
def thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, float]:
    """{name: value} from the thresholds file; a malformed line fails with ``file:line: expected …``."""
    # "meaning" is typed so that an empty one fails: every threshold says what it means.
    return {row.name: row.value for row in read_table(path, ("name", "value", "meaning"),
                                                      {"value": float, "meaning": str})}
