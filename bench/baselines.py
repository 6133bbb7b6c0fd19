"""Baselines for the OCR-correction benchmark: SymSpell on our own lexicon, and underthesea's text_normalize.

Both are text -> text functions, so that bench/correction.py scores them exactly like our corrector.
"""
from __future__ import annotations

import re
from typing import Callable

from symspellpy import SymSpell, Verbosity

from pipeline.correct.lexicon import SyllableLexicon, key_of

_WORD = re.compile(r"[^\W\d_]+")


def symspell_baseline(lexicon: SyllableLexicon, max_edit_distance: int = 2) -> Callable[[str], str]:
    """A corrector that replaces each out-of-lexicon word by SymSpell's most frequent closest lexicon syllable."""
    sym = SymSpell(max_dictionary_edit_distance=max_edit_distance, prefix_length=7)
    for syllable, count in lexicon.unigrams.items():
        sym.create_dictionary_entry(syllable, max(int(count * 10), 1))

    def fix(match: re.Match) -> str:
        word = match.group()
        if key_of(word) in lexicon.unigrams:
            return word
        found = sym.lookup(word.lower(), Verbosity.TOP, max_edit_distance=max_edit_distance)
        if not found:
            return word
        best = found[0].term
        return best[:1].upper() + best[1:] if word[:1].isupper() else best

    return lambda text: _WORD.sub(fix, text)


def underthesea_text_normalize(text: str) -> str:
    """underthesea's text_normalize, with its tokenizer's spaces around punctuation undone where it added them."""
    from underthesea import text_normalize

    out = text_normalize(text)
    return _respace(text, out)


def _respace(original: str, normalized: str) -> str:
    """Put back the original spacing: text_normalize tokenizes ("thốn ,") but we only want its word changes."""
    orig_tokens = original.split()
    norm_tokens = normalized.split()
    if len(norm_tokens) == len(orig_tokens):
        return _rejoin(original, norm_tokens)
    merged: list[str] = []
    i = 0
    for token in orig_tokens:
        pieces = []
        while i < len(norm_tokens) and len("".join(pieces)) < len(token):
            pieces.append(norm_tokens[i])
            i += 1
        merged.append("".join(pieces))
    return _rejoin(original, merged)


def _rejoin(original: str, tokens: list[str]) -> str:
    parts = re.split(r"(\s+)", original)
    out, k = [], 0
    for part in parts:
        if part and not part.isspace() and k < len(tokens):
            out.append(tokens[k])
            k += 1
        else:
            out.append(part)
    return "".join(out)
