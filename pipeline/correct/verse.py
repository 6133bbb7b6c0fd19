"""Verse lines of a text (lục bát, data/verse.tsv) and whether a correction breaks their meter.

A poem quoted in a history book keeps its old words and its repetitions ("Tôi đà biết mặt", "Làm cho cho hại"):
a change that alters the number of syllables of a line in meter, or the tone class of a syllable the meter fixes,
is a change of the poem, not a repair, so the corrector only suggests it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.vi.syllable import is_vietnamese_syllable, split_tone
from pipeline.vi.table import read_table

VERSE_PATH = Path(__file__).parent / "data" / "verse.tsv"
LEVEL_TONES = (0, 1)  # ngang, huyền (split_tone's numbers); sắc, ngã, hỏi, nặng are oblique
_WORD = re.compile(r"[^\W\d_]+")
_OTHER = re.compile(r"\d")


class Meter(NamedTuple):
    name: str
    syllables: int
    pattern: str


@lru_cache(maxsize=1)
def meters(path: Path = VERSE_PATH) -> dict[int, Meter]:
    """{syllable count: meter} from the data file."""
    rows = read_table(path, ("meter", "syllables", "pattern", "example"), {"syllables": int})
    out = {}
    for row in rows:
        if len(row.pattern) != row.syllables or set(row.pattern) - set("BT-"):
            raise ValueError(f"{path}: meter {row.meter}: pattern {row.pattern!r} must have one of B, T, - "
                             f"per syllable ({row.syllables})")
        out[row.syllables] = Meter(row.meter, row.syllables, row.pattern)
    return out


def tone_class(syllable: str) -> str:
    """"T" for an oblique tone (sắc, hỏi, ngã, nặng), "B" for a level one (ngang, huyền)."""
    return "T" if any(t not in LEVEL_TONES for t in split_tone(syllable)[1]) else "B"


def meter_of(line: str) -> Meter | None:
    """The meter a line fits, or None: only Vietnamese syllables (no digits), as many as the meter has, with
    the tone class it fixes at each position."""
    if _OTHER.search(line):
        return None
    words = _WORD.findall(line)
    meter = meters().get(len(words))
    if meter is None or not all(is_vietnamese_syllable(w) for w in words):
        return None
    if all(p == "-" or tone_class(w) == p for w, p in zip(words, meter.pattern)):
        return meter
    return None


def _neighbour(text: str, line_start: int, line_end: int, step: int) -> str | None:
    """The nearest non-empty line before (step -1) or after (step 1) a line, or None."""
    if step < 0:
        end = line_start - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            if text[start:end].strip():
                return text[start:end]
            end = start - 1
        return None
    start = line_end + 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return text[start:end]
        start = end + 1
    return None


def breaks_meter(text: str, start: int, end: int, replacement: str) -> bool:
    """True when ``text[start:end]`` lies on a line of verse and replacing it makes the line leave its meter.
    A line is verse when it fits a meter and so does the line before or after it (a poem has more than one
    line), or when it is the only line of the text (a verse quoted as its own paragraph); a prose line that
    fits a meter by chance among prose lines is not."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    meter = meter_of(line)
    if meter is None:
        return False
    around = [_neighbour(text, line_start, line_end, step) for step in (-1, 1)]
    if any(n is not None for n in around) and not any(n is not None and meter_of(n) for n in around):
        return False
    edited = line[:start - line_start] + replacement + line[end - line_start:]
    return meter_of(edited) != meter
