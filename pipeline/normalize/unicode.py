"""Diacritic and code-point normalization as raw-coordinate edits: NFC, look-alikes, invisibles, tone placement.

Only words that contain something to normalize are looked at (one regex scan), so clean text costs almost
nothing. Each changed word becomes one ``Edit`` whose kind is ``unicode`` (code points changed) or
``tone_style`` (only the tone mark moved).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.document import Edit
from pipeline.vi.table import code_points, read_table
from pipeline.vi.tone import TONE_STYLES, restyle_word

DATA_DIR = Path(__file__).parent / "data"
_STYLE_PAIR = "o[àáảãạèéẻẽẹ]|[òóỏõọ][ae]|u[ỳýỷỹỵ]|[ùúủũụ]y"


INVISIBLE_COLUMNS = ("first", "last", "what")
LOOKALIKE_COLUMNS = ("found", "replacement?", "why?")  # an empty replacement deletes


def _code_point(field: str) -> int:
    if len(chars := code_points(field)) != 1:
        raise ValueError("expected one code point")
    return ord(chars)


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    """Look-alike replacements and invisible-character deletions, from the data files."""
    table: dict[int, str] = {}
    for first, last, _what in read_table(DATA_DIR / "invisible.tsv", INVISIBLE_COLUMNS,
                                         {"first": _code_point, "last": _code_point}):
        for cp in range(first, last + 1):
            table[cp] = ""
    for found, replacement, _why in read_table(DATA_DIR / "lookalikes.tsv", LOOKALIKE_COLUMNS,
                                               {"found": _code_point, "replacement": code_points},
                                               defaults={"replacement": ""}):
        table[found] = replacement
    return table


@lru_cache(maxsize=4)
def _suspect_pattern(tone_style: str) -> re.Pattern[str]:
    """Single separator characters to replace, or words holding something to normalize."""
    table = _translation()
    in_word = [cp for cp in sorted(table) if not table[cp].isspace() and table[cp] != "-"]
    separators = "".join(re.escape(chr(cp)) for cp in sorted(set(table) - set(in_word)))
    special = "".join(re.escape(chr(cp)) for cp in in_word) + "\u0300-\u036f"
    word = rf"[\w{special}]"
    triggers = f"[{special}]" if tone_style == "keep" else f"[{special}]|{_STYLE_PAIR}"
    return re.compile(rf"[{separators}]|{word}*?(?:{triggers}){word}*", re.IGNORECASE)


def normalize_word(word: str, tone_style: str) -> tuple[str, str]:
    """The normalized form of one word and the edit kind ("unicode", "tone_style" or "" when unchanged)."""
    fixed = unicodedata.normalize("NFC", word.translate(_translation()))
    styled = "".join(restyle_word(part, tone_style) if part.isalpha() else part
                     for part in re.split(r"(\W+)", fixed)) if fixed else fixed
    if fixed != word:
        return styled, "unicode"
    if styled != word:
        return styled, "tone_style"
    return word, ""


def normalize_edits(raw: str, tone_style: str = "hòa") -> list[Edit]:
    """Edits (raw offsets, applied) that turn ``raw`` into NFC text with unified code points and tone style."""
    if tone_style not in TONE_STYLES:
        raise ValueError(f"unknown tone style {tone_style!r}; expected one of {', '.join(TONE_STYLES)}")
    edits = []
    for match in _suspect_pattern(tone_style).finditer(raw):
        word = match.group()
        normalized, kind = normalize_word(word, tone_style)
        if kind:
            edits.append(Edit(match.start(), match.end(), word, normalized, kind))
    return edits
