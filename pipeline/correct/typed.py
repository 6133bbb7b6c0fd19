"""Words typed with the VNI input method switched off: a digit inside a word stands for the mark VNI types with it
("na8m" for "năm", "qu6an" for "quân", "than2h" for "thành"; data/vni_typing.tsv).

``typed_words`` finds letters, one digit and letters with no space; a digit between two words that are words on
their own ("Giang1để", "lệnh1mới") is a footnote mark that lost its spaces, and capitals after the first letter
or a capital and one letter ("F5E", "K2b") make a code: both are left alone. A hand typing such words
also swaps letters ("al2m" for "la2m": ``transpositions``). ``decoded`` puts the digit's mark where VNI would have
put it ("ba3n" -> "bản"); ``shows_mark`` tells whether a reading of the word
shows the mark the digit types; the corrector weighs the readings in context.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from pipeline.vi.keys import fold
from pipeline.vi.syllable import split_tone
from pipeline.vi.table import one_of, read_table

DATA_PATH = Path(__file__).parent / "data" / "vni_typing.tsv"
VOWELS = "aeiouy"
_TYPED = re.compile(r"(?<![^\W_])([^\W\d_]+)([1-9])([^\W\d_]+)(?![^\W_])")


class TypedWord(NamedTuple):
    """A word with a digit inside: its span in the text, its letters without the digit, the digit, and where
    it stood among the letters."""

    start: int
    end: int
    letters: str
    digit: str
    at: int


class VniMark(NamedTuple):
    kind: str  # "tone" or "letter"
    marks: str  # the letter that carries the tone, or the letters with the diacritic
    example: str  # "typed intended"


@lru_cache(maxsize=1)
def vni_marks() -> dict[str, VniMark]:
    """{digit: the mark VNI types with it} from data/vni_typing.tsv."""
    rows = read_table(DATA_PATH, ("digit", "kind", "marks", "example"), {"kind": one_of("tone", "letter")})
    return {row.digit: VniMark(row.kind, unicodedata.normalize("NFC", row.marks), row.example) for row in rows}


def typed_words(text: str, is_word: Callable[[str], bool]) -> Iterator[TypedWord]:
    """Words of ``text`` with one digit inside, unless both sides of the digit are words (``is_word``)."""
    for match in _TYPED.finditer(text):
        left, digit, right = match.groups()
        if is_word(left) and is_word(right):
            continue  # "Giang1để": a footnote mark between two words
        letters = left + right
        if any(c.isupper() for c in letters[1:]) or (letters[0].isupper() and len(letters) < 3):
            continue  # "F5E", "A1H", "K2b": codes and model names, not typed words
        yield TypedWord(match.start(), match.end(), letters, digit, len(left))


def decoded(letters: str, digit: str, at: int) -> str | None:
    """``letters`` with the mark of ``digit`` put where VNI puts it: on the nearest letter before position ``at``
    (where the digit stood) that takes it, else the nearest after ("na"+8+"m" -> "năm", "ba"+3+"n" -> "bản"); None
    when no letter takes it ("kh"+6+"ng")."""
    mark = vni_marks().get(digit)
    if mark is None:
        return None
    letters = split_tone(letters)[0] if mark.kind == "tone" else letters
    bases = {fold(m): m for m in mark.marks}  # "a" -> "â", "d" -> "đ"
    for i in [*range(at - 1, -1, -1), *range(at, len(letters))]:
        char = letters[i]
        if mark.kind == "tone" and fold(char) in VOWELS:
            tone = unicodedata.normalize("NFD", mark.marks)[-1]
            return unicodedata.normalize("NFC", letters[:i + 1] + tone + letters[i + 1:])
        if mark.kind == "letter" and char.lower() in bases:
            base = bases[char.lower()]
            return letters[:i] + (base.upper() if char.isupper() else base) + letters[i + 1:]
    return None


def transpositions(letters: str) -> set[str]:
    """``letters`` with two neighbouring letters swapped, each way ("alm" -> "lam", "aml")."""
    return {letters[:i] + letters[i + 1] + letters[i] + letters[i + 2:] for i in range(len(letters) - 1)
            if letters[i] != letters[i + 1]}


def shows_mark(word: str, digit: str) -> bool:
    """Whether ``word`` (a reading of a typed word) shows the mark that VNI types with ``digit``."""
    mark = vni_marks().get(digit)
    if mark is None:
        return False
    bare, tones = split_tone(word)
    if mark.kind == "tone":
        return split_tone(mark.marks)[1][0] in tones
    return any(c in bare for c in mark.marks)
