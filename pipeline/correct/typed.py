"""Words typed with the VNI input method switched off: a digit inside a word stands for the mark VNI types with it
("na8m" for "năm", "qu6an" for "quân", "than2h" for "thành"; data/vni_typing.tsv).

``typed_words`` finds letters, one digit and letters with no space; a digit between two words that are words on
their own ("Giang1để", "lệnh1mới") is a footnote mark that lost its spaces, left alone. ``shows_mark`` tells
whether a reading of the word shows the mark the digit types; the corrector weighs the readings in context.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from pipeline.vi.syllable import split_tone
from pipeline.vi.table import one_of, read_table

DATA_PATH = Path(__file__).parent / "data" / "vni_typing.tsv"
_TYPED = re.compile(r"(?<![^\W_])([^\W\d_]+)([1-9])([^\W\d_]+)(?![^\W_])")


class TypedWord(NamedTuple):
    """A word with a digit inside: its span in the text, its letters without the digit, and the digit."""

    start: int
    end: int
    letters: str
    digit: str


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
        yield TypedWord(match.start(), match.end(), left + right, digit)


def shows_mark(word: str, digit: str) -> bool:
    """Whether ``word`` (a reading of a typed word) shows the mark that VNI types with ``digit``."""
    mark = vni_marks().get(digit)
    if mark is None:
        return False
    bare, tones = split_tone(word)
    if mark.kind == "tone":
        return split_tone(mark.marks)[1][0] in tones
    return any(c in bare for c in mark.marks)
