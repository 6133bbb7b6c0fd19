"""Folding keys: forms under which spellings that differ only in marks or case compare equal."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Letters of ``text`` in lower case without tone marks, vowel marks or the bar of đ: the key under which
    "Pétrograd" and "Petrograd", or an OCR'd "truong" and "trưởng", agree."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return bare.replace("đ", "d")
