"""Corpus statistics over a whole batch (map: ``from_text`` per document; reduce: ``merge``).

A book says which spellings it uses: "Raspoutine" many times and "Kaspoutine" once is the signal the
corrector uses for names and for bigrams that no dictionary knows.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields

from pipeline.correct.lexicon import key_of
from pipeline.correct.tokens import tokenize


@dataclass
class CorpusStats:
    """Counts of surface tokens (case-sensitive), of lowercase word bigrams, and of capitalized names."""

    tokens: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)  # capitalized tokens not at a sentence start
    numbered: Counter[str] = field(default_factory=Counter)  # word keys a number follows after a space
    glued: Counter[str] = field(default_factory=Counter)  # word keys a number follows with no space ("năm6")

    @classmethod
    def from_text(cls, text: str) -> CorpusStats:
        """Count one normalized text."""
        stats = cls()
        prev_key = None
        for token in tokenize(text):
            surface = token.text
            stats.tokens[surface] += 1
            if surface[0].isupper() and not token.initial and not surface.isupper():
                stats.names[surface] += 1
            key = key_of(surface) if surface[0].isalpha() else None
            if key is not None and prev_key is not None and token.linked:
                stats.bigrams[(prev_key, key)] += 1
            elif key is None and prev_key is not None and token.linked:
                if text[token.start - 1] == " ":
                    stats.numbered[prev_key] += 1
                elif text[token.start - 1].isalpha():
                    stats.glued[prev_key] += 1
            prev_key = key
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
