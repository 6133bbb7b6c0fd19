"""How much a decoded text looks like Vietnamese: the yardstick that picks among legacy encodings and VIQR.

The text splits into tokens at spaces, hyphens, dashes and slashes; a token's core is what remains once
punctuation (ASCII, and the common marks listed in data/alphabet.tsv) is stripped from both ends. A core with a
non-ASCII character is one unit, good when it is a Vietnamese syllable (so "t«i", TCVN3's "tôi" read as
Windows-1258, is bad); ASCII cores say nothing about the encoding but do say whether the text is Vietnamese
at all (``syllable_share``). Syllables are checked by ``pipeline.vi.syllable.is_vietnamese_syllable``;
``looks_like_syllable`` is a rough letter-shape check built from ``data/alphabet.tsv``.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pipeline.ingest.tables import data_table, parse_code_points
from pipeline.vi.syllable import is_vietnamese_syllable
from pipeline.vi.table import one_of

ALPHABET_COLUMNS = ("kind", "value", "example?")
_alphabet_kind = one_of("vowel", "consonant", "tone_mark", "nucleus", "punctuation")

TOKEN_SEPARATORS = re.compile(r"[\s\-/\u2013\u2014]+")


@dataclass(frozen=True)
class Alphabet:
    """The letter classes of data/alphabet.tsv."""

    vowels: frozenset[str]
    consonants: frozenset[str]
    tone_marks: frozenset[str]
    nuclei: frozenset[str]
    punctuation: frozenset[str]


@lru_cache(maxsize=1)
def alphabet() -> Alphabet:
    """Load data/alphabet.tsv."""
    kinds: dict[str, set[str]] = {}
    for row in data_table("alphabet.tsv", ALPHABET_COLUMNS, {"kind": _alphabet_kind, "value": parse_code_points}):
        kinds.setdefault(row.kind, set()).add(row.value)
    return Alphabet(*(frozenset(kinds[k]) for k in ("vowel", "consonant", "tone_mark", "nucleus", "punctuation")))


def looks_like_syllable(word: str) -> bool:
    """Rough shape check of a lower-case word: Vietnamese letters, one tone at most, consonants + a known vowel
    group + consonants. Not a syllable model: the tests' stand-in for pipeline/vi/syllable.py."""
    abc = alphabet()
    decomposed = unicodedata.normalize("NFD", word)
    if sum(ch in abc.tone_marks for ch in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in abc.tone_marks))
    if not base or len(base) > 7 or not all(ch in abc.vowels or ch in abc.consonants for ch in base):
        return False
    onset = len(base) - len(base.lstrip("".join(abc.consonants)))
    coda = len(base) - len(base.rstrip("".join(abc.consonants)))
    nucleus = base[onset:len(base) - coda]
    if base[:onset] in ("q", "g") and len(nucleus) > 1 and nucleus[0] == {"q": "u", "g": "i"}[base[:onset]]:
        nucleus = nucleus[1:]  # "qu", "gi" are onsets: quý, giờ
    return onset <= 3 and coda <= 2 and nucleus in abc.nuclei


@lru_cache(maxsize=1)
def _syllable_checker() -> Callable[[str], bool]:
    """The syllable model of pipeline/vi/ (tests swap in the rough shape check)."""
    return is_vietnamese_syllable


def is_syllable(word: str) -> bool:
    """True when ``word`` (NFC) is a Vietnamese syllable written in lower, Title or UPPER case."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    return _syllable_checker()(word.lower())


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
    punctuation = string.punctuation + "".join(alphabet().punctuation)
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
