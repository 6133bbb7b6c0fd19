"""How much a decoded text looks like Vietnamese: the yardstick that picks among legacy encodings and VIQR.

The text splits into tokens at spaces, hyphens, dashes and slashes; a token's core is what remains once
punctuation (ASCII, and the common marks listed in data/punctuation.tsv) is stripped from both ends. A core with a
non-ASCII character is one unit, good when it is a Vietnamese syllable (so "t«i", TCVN3's "tôi" read as
Windows-1258, is bad); ASCII cores say nothing about the encoding but do say whether the text is Vietnamese
at all (``syllable_share``). Syllables are checked by ``pipeline.vi.syllable.is_vietnamese_syllable``.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.ingest.tables import data_table, parse_code_points
from pipeline.vi.syllable import is_vietnamese_syllable

PUNCTUATION_COLUMNS = ("value", "example?")

TOKEN_SEPARATORS = re.compile(r"[\s\-/\u2013\u2014]+")


@lru_cache(maxsize=1)
def common_punctuation() -> frozenset[str]:
    """The common non-ASCII marks of data/punctuation.tsv."""
    return frozenset(row.value for row in data_table("punctuation.tsv", PUNCTUATION_COLUMNS,
                                                     {"value": parse_code_points}))


def is_syllable(word: str) -> bool:
    """True when ``word`` (NFC) is a Vietnamese syllable written in lower, Title or UPPER case."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    return is_vietnamese_syllable(word.lower())


@dataclass(frozen=True)
class Plausibility:
    """Units that look Vietnamese (good) or like mojibake (bad), and how many of all words are syllables."""

    good: int
    bad: int
    syllables: int
    words: int

    @property
    def score(self) -> float:
        """Share of good units (0 when there is none at all): what tells one decoding from another."""
        total = self.good + self.bad
        return self.good / total if total else 0.0

    @property
    def syllable_share(self) -> float:
        """Share of all words, ASCII ones included, that are Vietnamese syllables: is the text Vietnamese?"""
        return self.syllables / self.words if self.words else 0.0


def _sample(text: str, max_chars: int, slices: int) -> str:
    """The whole text when short, else ``slices`` evenly spaced stretches of it, cut at whitespace."""
    if len(text) <= max_chars:
        return text
    width = max_chars // slices
    step = len(text) // slices
    parts = []
    for start in range(0, slices * step, step):
        stretch = text[start:start + width]
        parts.append(stretch[stretch.find(" ") + 1:stretch.rfind(" ")])
    return "\n".join(parts)


def _count(text: str) -> Plausibility:
    punctuation = string.punctuation + "".join(sorted(common_punctuation()))
    good = bad = syllables = words = 0
    for token, n in Counter(TOKEN_SEPARATORS.split(unicodedata.normalize("NFC", text))).items():
        core = token.strip(punctuation)
        if not any(ch.isalpha() for ch in core):
            bad += n * (not core.isascii())  # a stray symbol ("¸", "¶") is a wrong decoding's mark
            continue
        valid = is_syllable(core)
        words += n
        syllables += n * valid
        if not core.isascii():
            good += n * valid
            bad += n * (not valid)
    return Plausibility(good, bad, syllables, words)


def vietnamese_plausibility(text: str, max_chars: int = 100_000, min_units: int = 200) -> Plausibility:
    """Count the units of ``text`` that look Vietnamese, and those that look like a wrong decoding.

    A long text is judged on ``max_chars`` characters sampled evenly through it (fast), unless the sample
    holds fewer than ``min_units`` units (a mostly-ASCII file): then on the whole text."""
    sampled = _count(_sample(text, max_chars, slices=25))
    if len(text) <= max_chars or sampled.good + sampled.bad >= min_units:
        return sampled
    return _count(text)
