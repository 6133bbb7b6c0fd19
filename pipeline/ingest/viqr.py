r"""VIQR (RFC 1456): Vietnamese written in ASCII with marks after the vowels ("Vie^.t Nam" = "Việt Nam").

``looks_like_viqr`` says whether an ASCII text is clearly VIQR; ``viqr_to_unicode`` converts it. The marks come
from data/viqr.tsv. A "." or "?" that ends a toneless word is ambiguous (tone or punctuation): it is read as the
nặng / hỏi tone only when the sentence visibly goes on (see ``_trailing_mark_is_tone``); "\." is always literal.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.ingest.plausibility import is_syllable
from pipeline.ingest.tables import data_table, parse_code_points
from pipeline.vi.table import one_of

VIQR_COLUMNS = ("kind", "written", "applies", "mark?", "example?")
_viqr_kind = one_of("modifier", "tone", "onset", "escape")

AMBIGUOUS_AT_WORD_END = ".?"
PUNCTUATION_AFTER_TONE = ".,;:"
MIN_MARKED_WORDS = 3
MIN_MARKED_SHARE = 0.2
MIN_VALID_SHARE = 0.8
_CONTEXT = 16
_NON_ASCII_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]|[\u0300-\u036f]")


@dataclass(frozen=True)
class ViqrRules:
    """The marks of data/viqr.tsv: written character -> (vowels it applies to, combining mark)."""

    modifiers: dict[str, tuple[str, str]]
    tones: dict[str, tuple[str, str]]
    onsets: dict[str, str]
    escape: str
    word: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> ViqrRules:
    """Load data/viqr.tsv and build the pattern of a VIQR word (letters, marks, escaped characters)."""
    kinds: dict[str, dict[str, tuple[str, str]]] = {"modifier": {}, "tone": {}, "onset": {}, "escape": {}}
    for row in data_table("viqr.tsv", VIQR_COLUMNS, {"kind": _viqr_kind}):
        kinds[row.kind][row.written] = (row.applies, parse_code_points(row.mark))
    escape = next(iter(kinds["escape"]))
    marks = re.escape("".join(kinds["modifier"]) + "".join(kinds["tone"]))
    word = re.compile(rf"[A-Za-z](?:[A-Za-z]|{re.escape(escape)}\S|[{marks}])*")
    onsets = {written: result for written, (result, _) in kinds["onset"].items()}
    return ViqrRules(kinds["modifier"], kinds["tone"], onsets, escape, word)


def _trailing_mark_is_tone(mark: str, following: str) -> bool:
    """A "." or "?" ending a toneless word is a tone when the sentence visibly goes on after it: punctuation
    follows, or (for ".") a lower-case word, or (for "?", rare in prose while the hỏi tone is common) any word."""
    if not following:
        return False
    if following[0] in PUNCTUATION_AFTER_TONE:
        return True
    if following[0] not in " \t":
        return False
    nxt = following.lstrip(" \t")[:1]
    return nxt.islower() or nxt.isdigit() or (mark == "?" and nxt.isalpha())


@dataclass
class _Letter:
    """One output character: a letter that may take a modifier and a tone, or a literal character."""

    base: str
    literal: bool = False
    modifier: str = ""
    tone: str = ""

    def takes(self, allowed: str, is_tone: bool) -> bool:
        """Whether a modifier (before any tone) or a tone (one per letter) may go on this letter."""
        return not self.literal and self.base in allowed and not self.tone and (is_tone or not self.modifier)

    def text(self) -> str:
        return unicodedata.normalize("NFC", self.base + self.modifier + self.tone)


def convert_word(word: str, following: str) -> tuple[str, int]:
    """Convert one VIQR word; returns the text and how many marks were read unambiguously as marks."""
    r = rules()
    letters: list[_Letter] = []
    unambiguous = 0
    i = 0
    onset = next((w for w in r.onsets if word.startswith(w)), None)
    if onset:
        letters.append(_Letter(r.onsets[onset]))
        unambiguous += 1
        i = len(onset)
    while i < len(word):
        ch = word[i]
        last = letters[-1] if letters else _Letter("", literal=True)
        if ch == r.escape and i + 1 < len(word):
            letters.append(_Letter(word[i + 1], literal=True))
            i += 1
        elif ch in r.modifiers and last.takes(r.modifiers[ch][0], is_tone=False):
            last.modifier = r.modifiers[ch][1]
            unambiguous += 1
        elif ch in r.tones and last.takes(r.tones[ch][0], is_tone=True):
            ambiguous = ch in AMBIGUOUS_AT_WORD_END and not word[i + 1:i + 2].isalpha()
            has_tone = any(letter.tone for letter in letters)
            if ambiguous and (has_tone or not _trailing_mark_is_tone(ch, word[i + 1:] + following)):
                letters.append(_Letter(ch, literal=True))
            else:
                last.tone = r.tones[ch][1]
                unambiguous += not ambiguous
        else:
            letters.append(_Letter(ch, literal=not ch.isalpha()))
        i += 1
    return "".join(letter.text() for letter in letters), unambiguous


def looks_like_viqr(text: str) -> bool:
    """True when a text without non-ASCII letters is clearly VIQR: many words carry VIQR marks and most of
    them become Vietnamese syllables."""
    if _NON_ASCII_LETTER.search(text):
        return False
    r = rules()
    words = 0
    marked: list[str] = []
    for m in r.word.finditer(text):
        words += 1
        converted, unambiguous = convert_word(m.group(), text[m.end():m.end() + _CONTEXT])
        if unambiguous:
            marked.append(converted)
    if len(marked) < MIN_MARKED_WORDS or len(marked) < MIN_MARKED_SHARE * words:
        return False
    valid = sum(is_syllable(w.strip(string.punctuation)) for w in marked)
    return valid >= MIN_VALID_SHARE * len(marked)


def viqr_to_unicode(text: str) -> str:
    """Convert a VIQR text to Unicode (precomposed letters); characters outside words are kept as they are."""
    word = rules().word
    return word.sub(lambda m: convert_word(m.group(), text[m.end():m.end() + _CONTEXT])[0], text)
