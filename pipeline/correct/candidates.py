"""Candidate generation: the lexicon words an OCR'd token may stand for, each with its channel cost.

The confusion model (``confusion.py``, data/confusions*.tsv) says how dear each misreading is: glyph confusions,
vowel and tone marks, d/đ, a letter lost or added in a dictionary word ("là" for "làm"); a damaged token may also
be any one letter away or have two neighbouring letters swapped (a typist's slip: "gaím" for "giám"); a token may be two words that lost
their space. Results are typed (``SpellingCandidate``) and cached per generator (bounded: damaged tokens are mostly
unique).
"""
from __future__ import annotations

import math
from typing import Iterable, NamedTuple

from pipeline.correct.confusion import ConfusionTable, glyph_variants, tone_class
from pipeline.correct.lexicon import key_of
from pipeline.correct.typed import transpositions
from pipeline.vi.keys import fold as skeleton
from pipeline.vi.syllable import split_tone

CACHE_SIZE = 10_000  # candidate lists kept between documents (~2.5 kB each)
LETTERS = "abcdeghiklmnopqrstuvxyđ"  # letters of Vietnamese spelling


class SpellingCandidate(NamedTuple):
    """A lexicon key the token may stand for, and the channel cost (nats) of printing the token for it."""

    key: str
    cost: float


def skeleton_index(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Words grouped by their letters without marks ("trưởng" under "truong")."""
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(skeleton(word), []).append(word)
    return {k: tuple(v) for k, v in index.items()}


class CandidateGenerator:
    """Candidates for one confusion table over one vocabulary (the lexicon's syllables)."""

    def __init__(self, table: ConfusionTable, skeletons: dict[str, tuple[str, ...]], vocabulary: dict[str, float],
                 nonword_max_cost: float, realword_max_cost: float):
        self.table = table
        self.glyph_rules = table.glyph_rules()  # sorted once, not for each token
        self.skeletons = skeletons
        self.vocabulary = vocabulary
        self.max_cost = {True: nonword_max_cost, False: realword_max_cost}
        self._cache: dict[tuple[str, bool | str], list[SpellingCandidate]] = {}
        self._forms = _forms_index(skeletons)

    def vietnamese(self, surface: str, damaged: bool) -> list[SpellingCandidate]:
        """Lexicon syllables reachable from ``surface`` with their channel cost, cheapest first; a ``damaged``
        token (not itself a dictionary word) is searched deeper, one arbitrary letter edit included."""
        cache_key = (surface, damaged)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        toneless = split_tone(surface)[0]
        max_cost = self.max_cost[damaged]
        variants = glyph_variants(toneless, self.table, depth=2 if damaged else 1, max_cost=max_cost,
                                  rules=self.glyph_rules)
        edit_skeletons: dict[str, str] = {}
        if damaged:
            edit = self.table.single.get("edit", math.inf)
            word = toneless.lower()
            for form in single_edits(word):
                variants.setdefault(form, edit)
            edit_skeletons = _single_edit_skeletons(word)
        found = self._search(surface, variants, max_cost, edit_skeletons)
        if damaged and not (found and found[0].cost == 0.0):
            # two letters swapped, unless the letters as printed spell a word already ("Điạ" is "Địa" with its
            # mark misplaced, not "Đại" with two letters swapped)
            swapped = {form: edit for form in transpositions(word) if form not in variants}
            if swapped:
                costs = dict(found)
                for key, cost in self._search(surface, swapped, max_cost, {}):
                    costs[key] = min(cost, costs.get(key, math.inf))
                found = [SpellingCandidate(k, c) for k, c in sorted(costs.items(), key=lambda kv: (kv[1], kv[0]))]
        return self._store(cache_key, found)

    def letter_edits(self, surface: str) -> list[SpellingCandidate]:
        """Lexicon syllables one letter longer or shorter than a dictionary word ("là" for "làm", "câu" for
        "châu"), at the table's ``word_edit`` cost (none without one): asked only where the printed word is not
        attested beside its neighbours, since they are many."""
        cache_key = (surface, "letters")
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        word_edit = self.table.single.get("word_edit", math.inf)
        max_cost = self.max_cost[False]
        word = split_tone(surface)[0].lower()
        if word_edit >= max_cost:
            return self._store(cache_key, [])
        variants = dict.fromkeys(deletes(word) | insertions(word), word_edit)
        return self._store(cache_key, self._search(surface, variants, max_cost,
                                                   _single_edit_skeletons(word, substitutions=False)))

    def _store(self, cache_key: tuple, result: list[SpellingCandidate]) -> list[SpellingCandidate]:
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[cache_key] = result
        return result

    def _search(self, surface: str, variants: dict[str, float], max_cost: float,
                edit_skeletons: dict[str, str]) -> list[SpellingCandidate]:
        """The lexicon words each variant's letters spell, priced: the variant's cost, then marks and tone."""
        table = self.table
        tones = split_tone(surface)[1]
        extra = table.single.get("extra_tone", 1.0) * max(len(tones) - 1, 0)
        tone_options = set(tones) or {0}
        own = key_of(surface)
        best: dict[str, float] = {}
        tone_costs: dict[tuple[int, str], float] = {}  # (intended tone, tone class) -> its cheapest reading as one
        # of the printed tones
        forms = self._forms
        classes = bool(table.class_tone)  # (speed: a table without class costs never asks a syllable's class)
        for variant, glyph_cost in variants.items():
            lower = variant.lower()
            folded = edit_skeletons.get(variant)
            for cand, cand_toneless, intended_tone in forms.get(skeleton(lower) if folded is None else folded, ()):
                if cand == own:
                    continue
                mark = table.mark_cost(lower, cand_toneless)
                if mark == math.inf:
                    continue
                cls = tone_class(cand_toneless) if classes else ""
                tone = tone_costs.get((intended_tone, cls))
                if tone is None:
                    tone = tone_costs[intended_tone, cls] = min(table.tone_cost(t, intended_tone, cls)
                                                                for t in tone_options)
                cost = glyph_cost + mark + tone + extra
                if cost <= max_cost and cost < best.get(cand, math.inf):
                    best[cand] = cost
        return [SpellingCandidate(k, c) for k, c in sorted(best.items(), key=lambda kv: (kv[1], kv[0]))]

    def splits(self, surface: str) -> list[tuple[str, str]]:
        """Two lexicon syllables whose concatenation is ``surface`` (a lost space)."""
        out = []
        for i in range(1, len(surface)):
            left, right = key_of(surface[:i]), key_of(surface[i:])
            if left in self.vocabulary and right in self.vocabulary:
                out.append((left, right))
        return out


_FORMS: dict[int, tuple[dict, dict]] = {}


def _forms_index(skeletons: dict[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, str, int], ...]]:
    """``skeletons`` with each word as (word, its letters without the tone mark, its tone number), computed once
    per index (the lexicon's is the same object for every corrector of a process)."""
    entry = _FORMS.get(id(skeletons))
    if entry is None or entry[0] is not skeletons:
        forms = {}
        for key, words in skeletons.items():
            split = [(word, *split_tone(word)) for word in words]
            forms[key] = tuple((word, toneless, tones[0] if tones else 0) for word, toneless, tones in split)
        entry = _FORMS[id(skeletons)] = (skeletons, forms)
    return entry[1]


def _single_edit_skeletons(word: str, substitutions: bool = True) -> dict[str, str]:
    """{form: skeleton(form)} for the ``single_edits`` of a lowercase ``word`` (only its deletions and insertions
    without ``substitutions``), built from the skeleton of each of its letters (folding is letter by letter); empty
    when a letter does not fold to exactly one letter (then each form's skeleton is computed whole)."""
    letters = [skeleton(c) for c in word]
    if any(len(f) != 1 for f in letters):
        return {}
    folded = "".join(letters)
    out = {}
    for i in range(len(word)):
        out[word[:i] + word[i + 1:]] = folded[:i] + folded[i + 1:]
    for c in LETTERS:
        f = skeleton(c)
        for i in range(len(word) + 1):
            out[word[:i] + c + word[i:]] = folded[:i] + f + folded[i:]
            if substitutions and i < len(word):
                out[word[:i] + c + word[i + 1:]] = folded[:i] + f + folded[i + 1:]
    return out


def deletes(word: str) -> set[str]:
    """Every string one letter shorter than ``word``."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def insertions(word: str) -> set[str]:
    """Every string one letter of Vietnamese spelling longer than ``word``."""
    return {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in LETTERS}


def single_edits(word: str) -> set[str]:
    """Every string one letter deletion, insertion or substitution away (letters of Vietnamese spelling)."""
    out = deletes(word) | insertions(word)
    for i in range(len(word)):
        for c in LETTERS:
            out.add(word[:i] + c + word[i + 1:])
    return out
