"""Raw text <-> clean text through the applied corrections of one document, as the tables record them.

The clean text is the raw text with every applied correction's span replaced by its ``corrected`` form; so the
raw text can also be rebuilt from the clean text and the table alone, and OUTDIR needs no source file.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import CleanText, Edit


class OffsetError(ValueError):
    """The clean text and the corrections table of a document disagree."""


@dataclass(frozen=True)
class Replacement:
    """raw[start:end] became ``text`` in the clean text."""

    start: int
    end: int
    text: str


def _ordered(replacements: list[Replacement]) -> list[Replacement]:
    ordered = sorted(replacements, key=lambda r: (r.start, r.end))
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise OffsetError(f"corrections overlap at {before.start}-{before.end} and {after.start}-{after.end}")
    return ordered


def raw_from_clean(clean: str, replacements: list[Replacement], originals: list[str]) -> str:
    """The raw text, from the clean text, the applied replacements and their raw surfaces (same order)."""
    pairs = sorted(zip(replacements, originals), key=lambda p: (p[0].start, p[0].end))
    _ordered([r for r, _ in pairs])
    pieces, clean_pos, raw_pos = [], 0, 0
    for rep, original in pairs:
        if len(original) != rep.end - rep.start:
            raise OffsetError(f"original {original!r} does not span {rep.start}-{rep.end}")
        at = clean_pos + rep.start - raw_pos
        if clean[at:at + len(rep.text)] != rep.text:
            raise OffsetError(f"clean text does not hold {rep.text!r} where the correction at {rep.start} puts it")
        pieces += [clean[clean_pos:at], original]
        clean_pos, raw_pos = at + len(rep.text), rep.end
    pieces.append(clean[clean_pos:])
    return "".join(pieces)


class TextMap:
    """The clean text of ``raw`` under ``replacements``, and span mapping both ways: the pipeline's own offset map
    (``document.CleanText``), so that the review reads spans exactly as the run wrote them.

    A non-empty span that only touches an insertion or a deletion keeps it outside; a bound strictly inside a
    replacement snaps outwards (to the replacement's start for a start, its end for an end).
    """

    def __init__(self, raw: str, replacements: list[Replacement]):
        self.raw = raw
        self.replacements = _ordered(replacements)
        for rep in self.replacements:
            if rep.end > len(raw):
                raise OffsetError(f"correction {rep.start}-{rep.end} lies beyond the text ({len(raw)} characters)")
        self._map = CleanText(raw, [Edit(r.start, r.end, raw[r.start:r.end], r.text, "review")
                                    for r in self.replacements])
        self.clean = self._map.text

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The clean span of raw ``[start, end)``."""
        return self._map.clean_extent(start, end)

    def clean_of(self, start: int, end: int) -> str:
        """The clean text of raw ``[start, end)``."""
        return self.clean.__getitem__(slice(*self.to_clean(start, end)))

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of clean ``[start, end)``."""
        return self._map.to_raw(start, end)
