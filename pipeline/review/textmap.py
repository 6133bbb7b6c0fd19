"""Raw text <-> clean text through the applied corrections of one document, as the tables record them.

The clean text is the raw text with every applied correction's span replaced by its ``corrected`` form; so the
raw text can also be rebuilt from the clean text and the table alone, and OUTDIR needs no source file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


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


def _map(pos: int, as_end: bool, starts: list[int], ends: list[int], other_starts: list[int],
         other_ends: list[int]) -> int:
    """Map ``pos`` from one side's coordinates to the other's through aligned replacement spans.

    A start skips spans that are empty on this side at ``pos`` and an end stops before them; a bound strictly
    inside a span snaps outwards, to the other side's start (for a start) or end (for an end).
    """
    k = bisect_right(ends, pos)  # spans [0, k) end at or before pos
    if as_end:
        while k and starts[k - 1] >= pos:
            k -= 1
    if k < len(starts) and starts[k] < pos < ends[k]:
        return other_ends[k] if as_end else other_starts[k]
    return pos if not k else other_ends[k - 1] + pos - ends[k - 1]


class TextMap:
    """The clean text of ``raw`` under ``replacements``, and span mapping both ways."""

    def __init__(self, raw: str, replacements: list[Replacement]):
        self.raw = raw
        self.replacements = _ordered(replacements)
        pieces, pos, clean_pos = [], 0, 0
        self._raw_starts = [r.start for r in self.replacements]
        self._raw_ends = [r.end for r in self.replacements]
        self._clean_starts: list[int] = []
        self._clean_ends: list[int] = []
        for rep in self.replacements:
            if rep.end > len(raw):
                raise OffsetError(f"correction {rep.start}-{rep.end} lies beyond the text ({len(raw)} characters)")
            pieces += [raw[pos:rep.start], rep.text]
            clean_pos += rep.start - pos
            self._clean_starts.append(clean_pos)
            clean_pos += len(rep.text)
            self._clean_ends.append(clean_pos)
            pos = rep.end
        pieces.append(raw[pos:])
        self.clean = "".join(pieces)

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The clean span of raw ``[start, end)``."""
        sides = (self._raw_starts, self._raw_ends, self._clean_starts, self._clean_ends)
        clean_start = _map(start, False, *sides)
        return clean_start, max(clean_start, _map(end, True, *sides))

    def clean_of(self, start: int, end: int) -> str:
        """The clean text of raw ``[start, end)``."""
        return self.clean.__getitem__(slice(*self.to_clean(start, end)))

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of clean ``[start, end)``."""
        sides = (self._clean_starts, self._clean_ends, self._raw_starts, self._raw_ends)
        raw_start = _map(start, False, *sides)
        return raw_start, max(raw_start, _map(end, True, *sides))
