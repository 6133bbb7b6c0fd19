"""Corpus statistics over a whole batch (map: ``from_text`` per document; reduce: ``merge``).

A book says which spellings it uses: "Raspoutine" many times and "Kaspoutine" once is the signal the
corrector uses for names and for bigrams that no dictionary knows.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, fields

import numpy as np

from pipeline.correct.lexicon import key_of
from pipeline.vi.keys import fold as skeleton
from pipeline.vi.tokens import Token, word_tokens


MIN_LINE = 20  # characters: shorter lines (headings, "CHƯƠNG I") repeat by nature, they are no copies


def line_hash(line: str) -> int:
    """A stable 63-bit hash of a line (the same in every process, unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(line.strip().encode("utf-8"), digest_size=8).digest(), "little") >> 1


class LineCopies:
    """How many times each line of the batch is written (reprints, duplicated pages): a word seen again only in
    copies of its own line is no more attested than a word seen once. Hashes are kept as (hash, count) arrays,
    reduced to one row per line when first asked or pickled; lines written once are kept too, since another chunk
    of the batch may write them again (merges must not depend on how the batch was cut)."""

    def __init__(self, hashes: np.ndarray | None = None, counts: np.ndarray | None = None):
        self._values: list[np.ndarray] = [] if hashes is None else [hashes]
        self._counts: list[np.ndarray] = [] if hashes is None else [
            counts if counts is not None else np.ones(len(hashes), dtype=np.int64)]
        self._repeated: dict[int, int] | None = None

    @classmethod
    def of_text(cls, text: str) -> LineCopies:
        return cls(np.asarray([line_hash(line) for line in text.split("\n") if len(line.strip()) >= MIN_LINE],
                              dtype=np.int64))

    def _reduce(self) -> tuple[np.ndarray, np.ndarray]:
        """(distinct hashes, times written), sorted; the parts are replaced by it."""
        if not self._values:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if len(self._values) > 1:
            values, inverse = np.unique(np.concatenate(self._values), return_inverse=True)
            counts = np.bincount(inverse, weights=np.concatenate(self._counts)).astype(np.int64)
            self._values, self._counts = [values], [counts]
        elif not np.all(np.diff(self._values[0]) > 0):  # one unreduced part
            values, inverse = np.unique(self._values[0], return_inverse=True)
            self._values, self._counts = [values], [np.bincount(inverse, weights=self._counts[0]).astype(np.int64)]
        return self._values[0], self._counts[0]

    def update(self, other: LineCopies) -> None:
        self._values.extend(other._values)
        self._counts.extend(other._counts)
        self._repeated = None

    def __sub__(self, other: LineCopies) -> LineCopies:
        mine = Counter(dict(zip(*(a.tolist() for a in self._reduce()))))
        mine.subtract(dict(zip(*(a.tolist() for a in other._reduce()))))
        kept = {h: n for h, n in mine.items() if n > 0}
        return LineCopies(np.asarray(list(kept), dtype=np.int64), np.asarray(list(kept.values()), dtype=np.int64))

    def copies(self, line: str) -> int:
        """Times the batch writes ``line`` (1 for a line written once, or too short to tell)."""
        if self._repeated is None:
            values, counts = self._reduce()
            keep = counts > 1
            self._repeated = dict(zip(values[keep].tolist(), counts[keep].tolist()))
        return self._repeated.get(line_hash(line), 1) if len(line.strip()) >= MIN_LINE else 1

    def items(self) -> list[tuple[int, int]]:
        """(line hash, times written) of the lines written more than once: all that corrections depend on."""
        self.copies("")
        return sorted(self._repeated.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LineCopies):
            return NotImplemented
        mine, theirs = self._reduce(), other._reduce()
        return all(np.array_equal(a, b) for a, b in zip(mine, theirs))

    def __getstate__(self) -> dict:
        values, counts = self._reduce()  # one reduced part travels to a worker
        return {"_values": [values], "_counts": [counts], "_repeated": None}


PLACES_KEPT = 4  # distinct places kept per phrase: evidence needs a few, and a bounded sketch merges in any order
_PLACE_STEP = 0x9E3779B97F4A7C15  # spreads the k-th use of a phrase in one line over the hash space


class Places(dict):
    """Distinct places where the batch writes a phrase, as the ``PLACES_KEPT`` smallest place ids per phrase (a
    place is a line, by its hash, and the rank of the use in it: copies of a line are one place). The kept ids
    of a union are the smallest of both sides', so merges are associative and commutative; ``count`` is exact
    up to ``PLACES_KEPT``."""

    def add(self, key: tuple, place: int) -> None:
        kept = self.get(key)
        if kept is None:
            self[key] = (place,)
        elif place not in kept and (len(kept) < PLACES_KEPT or place < kept[-1]):
            self[key] = tuple(sorted(kept + (place,)))[:PLACES_KEPT]

    def update(self, other: dict) -> None:  # type: ignore[override]
        for key, places in other.items():
            kept = self.get(key)
            self[key] = places if kept is None else tuple(sorted(set(kept) | set(places)))[:PLACES_KEPT]

    def count(self, key: tuple) -> int:
        return len(self.get(key, ()))


def place_id(line: int, rank: int) -> int:
    """The id of the ``rank``-th use of a phrase in the line of hash ``line``."""
    return (line + rank * _PLACE_STEP) & ((1 << 63) - 1)


def line_copies(stats: CorpusStats, text: str, tokens: list[Token]) -> list[int]:
    """For each token of ``text``, how many times the batch (``stats``) writes the line it stands on."""
    out: list[int] = []
    line_end, copies = -1, 1
    for tok in tokens:
        if tok.start > line_end:
            line_start = text.rfind("\n", 0, tok.start) + 1
            line_end = text.find("\n", tok.start)
            line_end = len(text) if line_end < 0 else line_end
            copies = stats.lines.copies(text[line_start:line_end])
        out.append(copies)
    return out


_LEAF_MARK = re.compile(r"\[\d{1,4}[a-z]?\]$")  # "[22a]": a leaf or page marker of the edition
_STOP_WORD = re.compile(r"(\w+)\.$")


def after_full_stop(text: str, start: int) -> bool:
    """True when the word at ``start`` follows a sentence's full stop (".", across spaces, a line break
    and a leaf marker such as "[22a]"), not an ellipsis or the dot of an abbreviation ("v.v.", "tr.", "TP.")."""
    head = text[max(0, start - 40):start].rstrip()
    marker = _LEAF_MARK.search(head)
    if marker:
        head = head[:marker.start()].rstrip()
    match = _STOP_WORD.search(head)
    if match is None or len(match[1]) < 2 or head[match.start() - 1:match.start()] == ".":
        return False
    if match[1].isdigit():
        return len(match[1]) >= 4  # "năm 1945." ends a sentence, "tr. 5." may not
    return any(c in "aeiouy" for c in skeleton(match[1]))  # "tr.", "Sđd.", "TP.": abbreviations have no vowel


@dataclass
class CorpusStats:
    """Counts of surface tokens (case-sensitive), of lowercase word bigrams, and of capitalized names."""

    tokens: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # capitalized tokens not at a sentence start
    numbered: Counter[str] = field(default_factory=Counter)  # word keys a number follows after a space
    glued: Counter[str] = field(default_factory=Counter)  # word keys a number follows with no space ("năm6")
    lines: LineCopies = field(default_factory=LineCopies)  # how often each line is written (copies)
    name_triples: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # three capitalized words in a row
    sentence_starts: Counter[str] = field(default_factory=Counter)  # "upper"/"lower": words after a full stop
    # Case of word-key bigrams, for lost capitals (casing.py), by a code of two letters: U a capitalized word
    # inside a sentence, I one at a sentence or line start, L any other ("UU" "Nhật Lễ", "LU" "sông Mã", "UL"
    # "Toàn thư"), and "LN" for an "LU" pair whose name goes on ("lấy Lý Công Uẩn"); pairs of two lowercase words
    # are the rest of ``bigrams``. Every use is counted, as in ``bigrams``; ``case_places`` holds the distinct
    # places of each (left, right, code) but "IL" and "UL" (copies of a line are one place).
    case_pairs: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    case_places: Places = field(default_factory=Places)

    @classmethod
    def from_text(cls, text: str) -> CorpusStats:
        """Count one normalized text."""
        stats = cls(lines=LineCopies.of_text(text))
        prev_key, prev_title, prev_initial = None, False, False
        run: list[str] = []  # keys of the capitalized words in a row that end here
        line_end, line, ranks = -1, 0, Counter()  # the current line's end and hash, and its phrases' uses so far
        pending: tuple[tuple[str, str, str], int] | None = None  # an "LU" pair and its place, until the next token
        for token in word_tokens(text):
            surface = token.text
            stats.tokens[surface] += 1
            title = surface[0].isupper() and not surface.isupper()  # "Lễ", not "QĐ"
            if title and not token.initial:
                stats.names[surface] += 1
            key = key_of(surface) if surface[0].isalpha() else None
            if pending is not None:  # a lowercase word and a capitalized one before this token
                phrase, place = pending
                if token.linked and title:
                    phrase = (phrase[0], phrase[1], "LN")  # the name goes on: "lấy Lý Công Uẩn", not "sông Mã"
                stats.case_pairs[phrase] += 1
                stats.case_places.add(phrase, place)
                pending = None
            if key is not None and prev_key is not None and token.linked:
                stats.bigrams[(prev_key, key)] += 1
                if title or prev_title:
                    if token.start > line_end:
                        line_end = text.find("\n", token.start)
                        line_end = len(text) if line_end < 0 else line_end
                        line, ranks = line_hash(text[text.rfind("\n", 0, token.start) + 1:line_end]), Counter()
                    # every use counts, as in ``bigrams`` (the two are compared); a copy of a line gives the same
                    # place ids, so it adds no distinct place
                    code = ("I" if prev_initial else "U") if prev_title else "L"
                    phrase = (prev_key, key, code + ("U" if title else "L"))
                    place = place_id(line, ranks[phrase])
                    ranks[phrase] += 1
                    if phrase[2] == "LU":
                        pending = (phrase, place)  # "LN" if a name goes on after it (the next token)
                    else:
                        stats.case_pairs[phrase] += 1
                        if phrase[2] not in ("IL", "UL"):  # never read: no places kept
                            stats.case_places.add(phrase, place)
            capital = key is not None and title
            run = run[-2:] + [key] if capital and token.linked and run else ([key] if capital else [])
            if len(run) == 3:
                stats.name_triples[tuple(run)] += 1
            if key is not None and surface[0].isalpha() and after_full_stop(text, token.start):
                stats.sentence_starts["upper" if surface[0].isupper() else "lower"] += 1
            elif key is None and prev_key is not None and token.linked:
                if text[token.start - 1] == " ":
                    stats.numbered[prev_key] += 1
                elif text[token.start - 1].isalpha():
                    stats.glued[prev_key] += 1
            prev_key, prev_title, prev_initial = key, title, token.initial
        if pending is not None:
            stats.case_pairs[pending[0]] += 1
            stats.case_places.add(*pending)
        return stats

    def merge(self, other: CorpusStats) -> CorpusStats:
        """A new CorpusStats holding both counts (associative and commutative)."""
        return CorpusStats().absorb(self).absorb(other)

    def digest(self) -> str:
        """A hash of every count, the same whatever order the documents were merged in (--resume keys on it)."""
        hasher = hashlib.sha256()
        for f in fields(self):
            hasher.update(f.name.encode())
            for key, count in sorted(getattr(self, f.name).items()):
                hasher.update(repr((key, count)).encode())
        return hasher.hexdigest()

    def absorb(self, other: CorpusStats) -> CorpusStats:
        """Add ``other``'s counts to these, in place (a reduce over many documents copies nothing); returns self."""
        for f in fields(self):
            getattr(self, f.name).update(getattr(other, f.name))
        return self
