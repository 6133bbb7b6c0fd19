"""Spaces the scanner lost around punctuation and numbers: "thu,tháng", "sư.Phế", "Hồ(1406)", "Tháng3".

Vietnamese typography sets a space after a comma or semicolon, after a sentence's final period before the
next sentence, and before an opening bracket. Where two words touch such a mark, the space was lost in
scanning; each rule of ``data/glue.tsv`` says which marks, what must touch them, where the space goes and how
sure that is. A number glued to the word before it ("Tháng3") is split only when the batch writes that word
before a spaced number often and glues one to it nowhere else, or a hundred times less often than it spaces one
(the lost spaces of a long book: "tháng8" 9 times beside "tháng 8" 2882 times): a footnote mark glued to a word ("Thần Long9",
"được 30 năm6") or a siglum with its volume ("CMTB1,9"), which a book repeats, is the printer's and stays.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

from pipeline.correct.decision import thresholds
from pipeline.document import CleanEdit
from pipeline.vi.table import one_of, read_table

DATA_PATH = Path(__file__).parent / "data" / "glue.tsv"
_T = thresholds()  # data/thresholds.tsv: the numbered_* and glued_* rows say what each means
NUMBERED_MIN = _T["numbered_min"]
NUMBERED_SHARE = _T["numbered_share"]
GLUED_MAX = _T["glued_max"]
GLUED_SHARE = _T["glued_share"]
CLASSES = ("alnum", "letter", "digit", "lower", "title", "any", "space", "quote")
OPENING_QUOTES = "\"“«"
GLUE_COLUMNS = ("left", "marks", "right", "side", "score", "example?")
_GLUED_NUMBER = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,})(\d{1,4})(?![^\W_])")


class GlueRule(NamedTuple):
    left: str
    marks: str
    right: str
    side: str
    score: float


def _touches(kind: str, text: str, at: int, step: int) -> bool:
    """Whether the characters at ``at`` (going left with step -1, right with +1) are of ``kind``."""
    char = text[at] if 0 <= at < len(text) else ""
    if kind == "space":  # a space before the mark, itself after a word's end: "năm thứ 1) .Mùa"
        return char in (" ", "\t") and 0 <= at + step < len(text) and not text[at + step].isspace()
    if not char or char.isspace():
        return False
    if kind == "quote":
        return char in OPENING_QUOTES and 0 <= at + step < len(text) and text[at + step].isalpha()
    if kind == "any":
        return True
    if kind == "letter":
        return char.isalpha()
    if kind == "alnum":
        return char.isalnum()
    if kind == "digit":
        return char.isdigit()
    nxt = text[at + step] if 0 <= at + step < len(text) else ""
    if kind == "lower":
        return char.islower() and nxt.islower()
    return char.isupper() and nxt.islower()  # "title"


@lru_cache(maxsize=1)
def glue_rules() -> tuple[GlueRule, ...]:
    """The rules of data/glue.tsv."""
    kind = one_of(*CLASSES)
    rows = read_table(DATA_PATH, GLUE_COLUMNS, {"left": kind, "right": kind, "side": one_of("before", "after"),
                                                "score": float})
    return tuple(GlueRule(*row[:5]) for row in rows)


def glue_edits(text: str, numbered: Callable[[str], tuple[int, int, int]], threshold: float) -> list[CleanEdit]:
    """Space insertions (kind "spacing") for ``text``; ``numbered(word)`` gives how often the batch writes the
    word before a spaced number, before a glued one, and at all."""
    edits: dict[int, CleanEdit] = {}
    for rule in glue_rules():
        for match in re.finditer(f"[{re.escape(rule.marks)}]", text):
            at = match.start()
            if _touches(rule.left, text, at - 1, -1) and _touches(rule.right, text, at + 1, 1):
                corrected = " " + text[at] if rule.side == "before" else text[at] + " "
                edits.setdefault(at, CleanEdit(at, at + 1, corrected, "spacing", rule.score,
                                               rule.score >= threshold))
    for match in _GLUED_NUMBER.finditer(text):
        spaced, glued, total = numbered(match.group(1))
        if spaced < NUMBERED_MIN or spaced < NUMBERED_SHARE * total or glued > max(GLUED_MAX, GLUED_SHARE * spaced):
            continue  # a word the batch glues numbers to again: footnote marks ("năm6") or a siglum ("CMTB1")
        score = round(spaced / (spaced + 1.0 + 0.1 * total), 4)
        at = match.start(2)
        edits.setdefault(at, CleanEdit(at, at + 1, " " + text[at], "spacing", score, score >= threshold))
    return sorted(edits.values(), key=lambda e: e.start)
