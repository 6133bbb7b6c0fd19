"""The document model: raw text, the clean text derived from it, and the offset map between them.

Every stage finds things in the *clean* text (normalized, corrected) and every table row points into the
*raw* text. ``Edit`` records a change in raw coordinates; ``CleanText`` applies a set of edits and maps any
clean span back to the raw span it came from, so that ``raw[start:end]`` is always the row's surface.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """One change to the text, in raw code-point offsets.

    ``original`` is ``raw[start:end]``; ``corrected`` is what the clean text holds instead when ``applied``.
    """

    start: int
    end: int
    original: str
    corrected: str
    kind: str
    score: float = 1.0
    applied: bool = True


@dataclass(frozen=True)
class CleanEdit:
    """A change proposed by a stage in *clean* coordinates; ``Document.add_edits`` moves it to raw ones."""

    start: int
    end: int
    corrected: str
    kind: str
    score: float = 1.0
    applied: bool = True


class CleanText:
    """The text after applying non-overlapping raw edits, with a map from clean offsets back to raw ones.

    The map is a list of segments ``(clean_start, clean_end, raw_start, raw_end, identity)``; identity
    segments map position by position, replaced segments map as a whole to their raw span.
    """

    def __init__(self, raw: str, edits: list[Edit]):
        self.raw = raw
        parts: list[str] = []
        segments: list[tuple[int, int, int, int, bool]] = []
        raw_pos = 0
        clean_pos = 0
        for edit in sorted((e for e in edits if e.applied), key=lambda e: e.start):
            if edit.start < raw_pos:
                raise ValueError(f"overlapping edits at raw offset {edit.start}")
            if edit.start > raw_pos:
                n = edit.start - raw_pos
                parts.append(raw[raw_pos:edit.start])
                segments.append((clean_pos, clean_pos + n, raw_pos, edit.start, True))
                clean_pos += n
            parts.append(edit.corrected)
            segments.append((clean_pos, clean_pos + len(edit.corrected), edit.start, edit.end, False))
            clean_pos += len(edit.corrected)
            raw_pos = edit.end
        if raw_pos < len(raw) or not segments:
            n = len(raw) - raw_pos
            parts.append(raw[raw_pos:])
            segments.append((clean_pos, clean_pos + n, raw_pos, len(raw), True))
            clean_pos += n
        self.text = "".join(parts)
        # Deleting segments (empty replacement) hold no clean character; keep them out of the lookup.
        self._segments = [s for s in segments if s[1] > s[0]]
        self._starts = [s[0] for s in self._segments]
        self._raw_starts = [s[2] for s in self._segments]

    def _segment_of(self, clean_index: int) -> tuple[int, int, int, int, bool]:
        i = bisect_right(self._starts, clean_index) - 1
        return self._segments[i]

    def raw_start(self, clean_start: int) -> int:
        """Raw offset where the character at ``clean_start`` begins."""
        if clean_start >= len(self.text):
            return len(self.raw)
        c0, _, r0, _, identity = self._segment_of(clean_start)
        return r0 + (clean_start - c0) if identity else r0

    def raw_end(self, clean_end: int) -> int:
        """Raw offset where the character at ``clean_end - 1`` ends."""
        if clean_end <= 0:
            return 0
        c0, _, r0, r1, identity = self._segment_of(clean_end - 1)
        return r0 + (clean_end - c0) if identity else r1

    def to_raw(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """The raw span a clean span came from (an empty clean span maps to an empty raw span)."""
        if clean_end <= clean_start:
            r = self.raw_start(clean_start)
            return r, r
        return self.raw_start(clean_start), self.raw_end(clean_end)

    def clean_extent(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The smallest clean span covering every clean character that came from ``raw[raw_start:raw_end]``."""
        lo, hi = None, None
        i = max(bisect_right(self._raw_starts, raw_start) - 1, 0)
        while i < len(self._segments) and self._segments[i][2] < raw_end:
            c0, c1, r0, r1, identity = self._segments[i]
            i += 1
            if r1 <= raw_start:
                continue
            a, b = (c0 + max(raw_start - r0, 0), c0 + min(raw_end, r1) - r0) if identity else (c0, c1)
            lo = a if lo is None else min(lo, a)
            hi = b if hi is None else max(hi, b)
        if lo is None:
            position = self._clean_position(raw_start)
            return position, position
        return lo, hi

    def _clean_position(self, raw_offset: int) -> int:
        """Clean offset of the first clean character at or after ``raw_offset``."""
        i = bisect_right(self._raw_starts, raw_offset) - 1
        if i >= 0:
            c0, c1, r0, r1, identity = self._segments[i]
            if raw_offset < r1:  # inside this segment: position by position, or its end once inside a replacement
                return c0 + (raw_offset - r0) if identity else (c0 if raw_offset == r0 else c1)
        i += 1
        return self._segments[i][0] if i < len(self._segments) else len(self.text)


@dataclass
class Document:
    """One input text and everything the stages found in it."""

    doc_id: str
    raw: str
    path: str = ""
    encoding: str = "utf-8"
    edits: list[Edit] = field(default_factory=list)
    _clean: CleanText | None = field(default=None, repr=False)

    @property
    def clean(self) -> CleanText:
        if self._clean is None:
            self._clean = CleanText(self.raw, self.edits)
        return self._clean

    @property
    def text(self) -> str:
        """The clean text: raw with every applied edit."""
        return self.clean.text

    def forget_clean(self) -> None:
        """Drop the cached clean text and offset map (rebuilt on next use), e.g. before pickling the document."""
        self._clean = None

    def add_raw_edits(self, edits: list[Edit]) -> None:
        """Add edits given in raw coordinates (they must not overlap applied edits already present)."""
        self.edits.extend(edits)
        self._clean = None

    def add_edits(self, clean_edits: list[CleanEdit]) -> list[Edit]:
        """Turn edits on the current clean text into raw edits and add them; returns the raw edits.

        An applied edit that touches characters produced by an earlier applied edit (say a tone-style change
        inside a misspelt word) absorbs it: the new raw edit covers both, so the clean text still applies
        exactly the applied edits. Two new edits whose raw spans would overlap keep the first applied.
        """
        clean = self.clean
        new_raw: list[Edit] = []
        absorbed: set[int] = set()
        applied_old = sorted((e.start, e.end, i) for i, e in enumerate(self.edits) if e.applied)
        old_starts = [a[0] for a in applied_old]
        last_end = -1
        for ce in sorted(clean_edits, key=lambda e: e.start):
            if ce.end <= ce.start:
                raise ValueError("a clean edit must cover at least one character")
            r0, r1 = clean.to_raw(ce.start, ce.end)
            applied = ce.applied and r0 >= last_end
            if applied:
                c0, c1 = clean.clean_extent(r0, r1)
                corrected = clean.text[c0:ce.start] + ce.corrected + clean.text[ce.end:c1]
                k = bisect_right(old_starts, r0) - 1
                k = max(k, 0)
                while k < len(applied_old) and applied_old[k][0] < r1:
                    if applied_old[k][1] > r0:
                        absorbed.add(applied_old[k][2])
                    k += 1
                last_end = r1
            else:
                corrected = ce.corrected
            new_raw.append(Edit(r0, r1, self.raw[r0:r1], corrected, ce.kind, ce.score, applied))
        self.edits = [e for i, e in enumerate(self.edits) if i not in absorbed] + new_raw
        self._clean = None
        return new_raw

    def to_raw(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        return self.clean.to_raw(clean_start, clean_end)
