"""A part-of-speech class model: what the neighbour's word class says about a syllable the bigrams never saw.

"cùng bị" and "cũng bị" may both be missing from the bigram counts, but an adverb ("cũng") before a verb is
common and a preposition ("cùng") before one is not. Each syllable has a distribution over classes (its word's
part of speech in the tagged VLSP sentences that underthesea ships, and whether it begins the word); classes
follow each other with transition probabilities. The corrector's bigram model backs off to the unigram
probability times ``factor(left, right)`` = sum over classes t of P(t | right) P(t | after left) / P(t): above 1
when the left word's classes tend to be followed by the right word's, 1 when either word is unknown.
"""
from __future__ import annotations

import numpy as np

CACHE_SIZE = 200_000  # (left, right) factors kept; the cache is emptied when full
SMOOTHING = 2.0  # pseudo-counts, spread like the class prior, added to each syllable's and class's counts
FACTOR_RANGE = (0.05, 20.0)  # the class evidence is coarse: it never moves a probability more than this


class ClassModel:
    """Class posteriors of syllables and class transitions, from counts (see ``lexicon._vlsp_tagged``)."""

    def __init__(self, classes: dict[str, dict[str, int]], class_bigrams: dict[tuple[str, str], int]):
        names = sorted({c for counts in classes.values() for c in counts} | {c for pair in class_bigrams for c in pair})
        self._index = {name: i for i, name in enumerate(names)}
        prior = np.full(len(names), 1e-6)
        for counts in classes.values():
            for name, n in counts.items():
                prior[self._index[name]] += n
        self._prior = prior / prior.sum()
        transitions = np.zeros((len(names), len(names)))
        for (a, b), n in class_bigrams.items():
            transitions[self._index[a], self._index[b]] += n
        self._transitions = (transitions + SMOOTHING * self._prior) / (
            transitions.sum(axis=1, keepdims=True) + SMOOTHING)
        self._classes = classes
        self._posteriors: dict[str, np.ndarray] = {}
        self._followers: dict[str, np.ndarray] = {}
        self._factors: dict[tuple[str, str], float] = {}

    def posterior(self, key: str) -> np.ndarray | None:
        """P(class | syllable), smoothed towards the prior; None for a syllable the tagged corpus lacks."""
        counts = self._classes.get(key)
        if counts is None:
            return None  # not cached: the keys the caches hold are bounded by the tagged corpus
        if key not in self._posteriors:
            vector = SMOOTHING * self._prior.copy()
            for name, n in counts.items():
                vector[self._index[name]] += n
            self._posteriors[key] = vector / vector.sum()
        return self._posteriors[key]

    def _after(self, key: str) -> np.ndarray | None:
        """P(class of the next syllable | this one) / P(class), or None for an unknown syllable."""
        posterior = self.posterior(key)
        if posterior is None:
            return None
        if key not in self._followers:
            self._followers[key] = (posterior @ self._transitions) / self._prior
        return self._followers[key]

    def factor(self, left: str, right: str) -> float:
        """How much more likely ``right`` is after ``left`` than on average, by their classes alone."""
        cached = self._factors.get((left, right))
        if cached is not None:
            return cached
        after, posterior = self._after(left), self.posterior(right)
        if after is None or posterior is None:
            return 1.0
        if len(self._factors) >= CACHE_SIZE:
            self._factors.clear()
        value = self._factors[(left, right)] = min(max(float(posterior @ after), FACTOR_RANGE[0]), FACTOR_RANGE[1])
        return value
