"""The decisions file a reviewer saves: CSV with doc_id, table, start, end, decision, value (and optionally the
raw ``surface``, to notice a decision about text that has since changed).

| table | decision | value |
| --- | --- | --- |
| corrections | accept / reject | the proposal (``corrected``) meant, or empty for the first one at these offsets |
| entities | accept / reject | (empty): the mention is right / is no entity |
| entities | label | PER, LOC, ORG or MISC |
| entities | canonical | the entity's standard name |
| entities | add | the label of a mention the pipeline missed |
| dates | accept / wrong | (empty) |
| dates | value | the right ISO 8601 / TIMEX3 value |
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.export.tables import atomic_write

STORED = Path("review") / "decisions.csv"  # OUTDIR's decisions, applied again after each run


def stored_decisions(outdir: str | os.PathLike) -> Path:
    return Path(outdir) / STORED


COLUMNS = ["doc_id", "table", "start", "end", "decision", "value"]
OPTIONAL_COLUMNS = ["surface"]
LABELS = ("PER", "LOC", "ORG", "MISC")
# decision -> the slot it fills: a later decision in the same slot replaces an earlier one
DECISIONS: dict[str, dict[str, str]] = {
    "corrections": {"accept": "verdict", "reject": "verdict"},
    "entities": {"accept": "verdict", "reject": "verdict", "label": "label", "canonical": "canonical",
                 "add": "add"},
    "dates": {"accept": "verdict", "wrong": "verdict", "value": "value"},
}
NEEDS_VALUE = {"label", "canonical", "add", "value"}


class DecisionsError(Exception):
    """A decisions file that cannot be used (one line: file, line, what is wrong)."""


@dataclass(frozen=True)
class Decision:
    doc_id: str
    table: str
    start: int
    end: int
    decision: str
    value: str = ""
    surface: str | None = None

    @property
    def span(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)

    @property
    def slot(self) -> tuple:
        return (self.doc_id, self.table, self.start, self.end, DECISIONS[self.table][self.decision])

    def as_row(self) -> dict:
        return {"doc_id": self.doc_id, "table": self.table, "start": self.start, "end": self.end,
                "decision": self.decision, "value": self.value, "surface": self.surface or ""}


def _check(row: dict, where: str) -> Decision:
    table, decision, value = row["table"], row["decision"], row["value"] or ""
    if table not in DECISIONS:
        raise DecisionsError(f"{where}: table {table!r} cannot be reviewed; expected one of {', '.join(DECISIONS)}")
    if decision not in DECISIONS[table]:
        raise DecisionsError(f"{where}: decision {decision!r} is not one for {table}; expected one of "
                             f"{', '.join(DECISIONS[table])}")
    try:
        start, end = int(row["start"]), int(row["end"])
    except (TypeError, ValueError):
        raise DecisionsError(f"{where}: start and end must be whole numbers, got {row['start']!r}, {row['end']!r}") \
            from None
    if not 0 <= start <= end:
        raise DecisionsError(f"{where}: expected 0 <= start <= end, got {start}, {end}")
    if decision in NEEDS_VALUE and not value.strip():
        raise DecisionsError(f"{where}: decision {decision!r} needs a value")
    if decision in ("label", "add") and value not in LABELS:
        raise DecisionsError(f"{where}: label {value!r} is not one of {', '.join(LABELS)}")
    if not row["doc_id"]:
        raise DecisionsError(f"{where}: doc_id is empty")
    surface = row.get("surface")
    return Decision(row["doc_id"], table, start, end, decision, value.strip() if decision != "value" else value,
                    surface if surface not in (None, "") else None)


def read_decisions(path: str | os.PathLike) -> list[Decision]:
    """Every decision of the file, validated; raises DecisionsError naming the file and line."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DecisionsError(f"{path}:1: expected the columns {', '.join(COLUMNS)}; missing "
                                     f"{', '.join(missing)}")
            return [_check(row, f"{path}:{reader.line_num}") for row in reader]
    except OSError as err:
        raise DecisionsError(f"{path}: cannot be read ({err.strerror or err})") from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise DecisionsError(f"{path}: not a UTF-8 CSV file ({err})") from None


def merge(*groups: list[Decision]) -> list[Decision]:
    """Later decisions replace earlier ones in the same slot; sorted for a deterministic file."""
    slots: dict[tuple, Decision] = {}
    for group in groups:
        for decision in group:
            slots.pop(decision.slot, None)
            slots[decision.slot] = decision
    return sorted(slots.values(), key=lambda d: (d.doc_id, d.start, d.end, d.table, d.decision))


def write_decisions(path: str | os.PathLike, decisions: list[Decision]) -> Path:
    """Write atomically, with the optional surface column."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS + OPTIONAL_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(d.as_row() for d in decisions)

    atomic_write(path, write)
    return path
