"""Syllable tokens of the clean text with the facts the rules need (capital, foreign, number, sentence start)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.vi.tone import tone_key

_TOKEN = re.compile(r"[\w\u0300-\u036f]+(?:[-'’.][\w\u0300-\u036f]+)*")  # combining marks: text not in NFC
# A Latin capital and a full stop between two capitalized words: the initial of a name ("Franklin D. Roosevelt");
# not "châu Á. Ở", where a Vietnamese word ends a sentence.
_INITIAL = re.compile(r"\.[ \u00a0](?=[^\W\d_])")
# After these characters a capital says nothing: a sentence, quotation, bracket or list item begins.
_OPENERS = frozenset(":\"“‘«([-–—'")
_PARTS = re.compile(r"[-'’.]")  # the joints of a hyphenated, apostrophized or dotted word


@dataclass(frozen=True)
class Tok:
    """One syllable (or hyphenated/dotted compound) of a sentence; ``text`` is its NFC form, ``low`` its match form
    (lexicon.word_key: lower case, the tone mark of oa/oe/uy in one place)."""

    start: int
    end: int
    text: str
    low: str
    cap: bool
    foreign: bool
    number: bool
    initial: bool


@lru_cache(maxsize=65536)
def is_foreign(word: str) -> bool:
    """Some part of the word is not a Vietnamese syllable (a transliterated or damaged name: name evidence)."""
    from pipeline.vi.syllable import classify_token

    return any(classify_token(part) in ("foreign", "damage") for part in _PARTS.split(word) if part)


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]``; ``initial`` marks tokens whose capital may only mark a sentence start."""
    toks: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        word, stop = unicodedata.normalize("NFC", m.group(0)), m.end()
        if (len(word) == 1 and "A" <= word <= "Z" and toks and toks[-1].cap and not text[toks[-1].end:m.start()].strip()
                and _INITIAL.match(text, stop, end) and text[stop + 2].isupper()):
            word, stop = word + ".", stop + 1  # "John F. Kennedy": a Latin capital and its full stop after a name
        number = any(c.isdigit() for c in word)
        before = text[toks[-1].end:m.start()].strip() if toks else ""
        initial = not toks or (bool(before) and before[-1] in _OPENERS) or before.endswith((".", "!", "?", "…"))
        # A damaged word at a sentence start ("NNhưng") is an OCR slip, not a name.
        foreign = not number and is_foreign(word) and not (initial and word[1:2].isupper())
        toks.append(Tok(m.start(), stop, word, tone_key(word.lower()), word[0].isupper(), foreign, number, initial))
    return toks
