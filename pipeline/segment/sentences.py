"""Sentence boundaries on the clean text: after . ! ? … when the next word starts a sentence, and at blank lines.

A single newline inside a paragraph (OCR hard line breaks) does not end a sentence unless the line ends with
sentence punctuation. Abbreviations that keep a sentence open are data (data/abbreviations.txt).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipeline.vi.table import read_words

ABBREVIATIONS_PATH = Path(__file__).parent / "data" / "abbreviations.txt"
# Terminal punctuation with closing quotes/brackets, then the space before the next sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)\]]*(?P<space>\s+)(?=["'“‘«(\[\-–—]?[\d\w])|\n[ \t\f\v\r]*\n\s*""")
_LAST_WORD = re.compile(r"(\S+)$")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\r]*\n")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The words of data/abbreviations.txt."""
    return frozenset(read_words(ABBREVIATIONS_PATH))


def _keeps_sentence_open(text: str, boundary_start: int) -> bool:
    """True when the period at ``boundary_start`` closes an initial or an abbreviation."""
    word = _LAST_WORD.search(text, max(0, boundary_start - 12), boundary_start + 1)
    if not word:
        return False
    token = word.group(1)
    return (len(token) == 2 and token[0].isupper()) or token in abbreviations()


def _starts_sentence(text: str, pos: int) -> bool:
    """The next word may open a sentence: an upper-case letter, a digit, or a quote/dash before one."""
    following = text[pos:pos + 3].lstrip("\"'“‘«([-–— ")
    return bool(following) and (following[0].isupper() or following[0].isdigit())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, trimmed of surrounding whitespace, covering every word."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group("space") is not None:
            end = match.start("space")
            paragraph_ends = _BLANK_LINE.search(match.group("space")) is not None
            if not paragraph_ends and (not _starts_sentence(text, match.end())
                                       or _keeps_sentence_open(text, match.start())):
                continue
        else:
            end = match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
