"""Tone-mark placement in the open rhymes oa, oe, uy: "hòa/khỏe/thủy" (modern) versus "hoà/khoẻ/thuỷ" (old print).

Only these rhymes without a final consonant differ between the two styles; every other syllable has one
accepted placement and is left alone.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TONE_STYLES = ("hòa", "hoà", "keep")
# Combining tone marks in the order of tone numbers 1..5 (0 = ngang, no mark): TONE_MARKS[tone - 1].
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_TONED = "àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ"
# A word containing one of the styled pairs; the full check happens in restyle_word.
CANDIDATE = re.compile(
    rf"\w*(?:o[{_TONED[:10]}]|[{_TONED[15:20]}][ae]|u[{_TONED[25:]}]|[{_TONED[20:25]}]y)\w*",
    re.IGNORECASE,
)
_OPEN_RHYME = re.compile(r"^(?P<onset>[^\W\d_]*?)(?P<rhyme>oa|oe|uy)$")


@lru_cache(maxsize=131072)
def restyle_word(word: str, style: str) -> str:
    """Put the tone mark of an open oa/oe/uy syllable where ``style`` wants it; other words come back unchanged
    (cached: the entity keys ask for the same few thousand syllables again and again)."""
    if style == "keep" or not word:
        return word
    if style not in TONE_STYLES:
        raise ValueError(f"unknown tone style {style!r}; expected one of {', '.join(TONE_STYLES)}")
    if word[-1] < "\x80" and word[-1] not in "aeyAEY":
        return word  # ends in a plain letter (or digit, sign) no open oa/oe/uy rhyme ends with: nothing to move
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    bare = decomposed.replace(tones[0], "")
    if not bare.isalpha() or any(unicodedata.combining(c) for c in bare):
        return word
    match = _OPEN_RHYME.match(bare.lower())
    if not match or match["onset"].endswith("q"):  # "quý": the u belongs to the onset qu
        return word
    vowel_index = match.start("rhyme") + (0 if style == "hòa" else 1)
    restyled = bare[: vowel_index + 1] + tones[0] + bare[vowel_index + 1:]
    return unicodedata.normalize("NFC", restyled)


@lru_cache(maxsize=131072)
def tone_key(word: str) -> str:
    """A style-independent form for comparing words ("hoà" and "hòa" share one key)."""
    return restyle_word(word, "hòa")
