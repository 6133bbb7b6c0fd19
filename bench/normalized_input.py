"""The text the correction benchmark hands to the corrector: normalized as the pipeline does (look-alike code
points, invisible characters), with the corrector's edits mapped back onto the input. Kept apart from
bench/correction.py so that its tests need none of the benchmark's extras (symspellpy, Pillow)."""
from __future__ import annotations

import unicodedata
from typing import NamedTuple

from pipeline.correct import Corrector
from pipeline.normalize import normalize_edits


def apply_edits(text: str, edits: list) -> str:
    """``text`` with the applied edits written in."""
    out, pos = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.applied and edit.start >= pos:
            out.append(text[pos:edit.start] + edit.corrected)
            pos = edit.end
    return "".join(out) + text[pos:]


def normalized(text: str) -> str:
    """``text`` as the pipeline hands it to the corrector: NFC, then the normalize stage's edits (look-alike code
    points such as "Ð" U+00D0 for "Đ", invisible characters), tone placement kept."""
    text = unicodedata.normalize("NFC", text)
    return apply_edits(text, normalize_edits(text, "keep"))


def correct_normalized(corrector: Corrector, text: str) -> str:
    """``text`` (NFC) with the corrector's applied edits, the corrector reading the normalized text as in the
    pipeline; its edits are mapped back onto ``text``, so the normalization itself is no change of the corrector's
    (an edit touching a normalized word covers that word, written in its normalized form)."""
    text = unicodedata.normalize("NFC", text)
    spans = [(e.start, e.end, e.corrected) for e in sorted(normalize_edits(text, "keep"), key=lambda e: e.start)]
    if not spans:
        return apply_edits(text, corrector.correct(text, "keep"))
    norm = apply_edits(text, [_Applied(s, t, c) for s, t, c in spans])
    table, shift = [], 0  # (normalized start, normalized end, raw start, raw end) of each normalized word
    for start, end, corrected in spans:
        table.append((start + shift, start + shift + len(corrected), start, end))
        shift += len(corrected) - (end - start)

    def to_raw(pos: int, is_end: bool) -> tuple[int, int]:
        """(raw offset, normalized offset it stands for) of normalized ``pos``, widened to whole normalized words."""
        delta = 0
        for n_start, n_end, r_start, r_end in table:
            if n_start < pos < n_end or (pos == n_start and not is_end and n_start < n_end) \
                    or (pos == n_end and is_end and n_start < n_end):
                return (r_end, n_end) if is_end else (r_start, n_start)
            if n_end <= pos:
                delta = r_end - n_end
        return pos + delta, pos

    edits = []
    for e in corrector.correct(norm, "keep"):
        if e.applied:
            r_start, n_start = to_raw(e.start, False)
            r_end, n_end = to_raw(e.end, True)
            edits.append(_Applied(r_start, r_end, norm[n_start:e.start] + e.corrected + norm[e.end:n_end]))
    return apply_edits(text, edits)


class _Applied(NamedTuple):
    start: int
    end: int
    corrected: str
    applied: bool = True
