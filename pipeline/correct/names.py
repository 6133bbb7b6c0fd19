"""Syllables of Vietnamese names misread into other syllables, read against the name lexicon of the corpora.

A name of several capitalized syllables ("Phan Bội Châu", "Hàm Nghi", "Đinh Văn Tả") is written the same way
wherever it is written; tesseract misreads one syllable into another one ("Phan Bột Châu", "Hàm Nghỉ", "Đỉnh Văn
Tả"). The syllable as printed is a common Vietnamese word, so nothing but the name around it tells it wrong, and the
language model of running text reads nothing across a change between names and words. The name lexicon
(``lm.surface_count``: how often the corpora capitalize a word inside a sentence) and the corpora's pairs tell it:
the printed syllable is not written beside its capitalized neighbours there (or by a slip), while a cheap confusion
of it is a name syllable that is, on every side (``name_pair_min`` times in all). A printed pair that the batch
writes elsewhere, or that the corpora write more than a slip's share of the candidate's uses, is a name spelled as
printed and stays ("Trần Cao" beside "Trần Cảo"); so does a printed word the corpora often capitalize (a name word
of its own: "Thiềm", "Vạn"), a syllable whose candidates the name lexicon does not know as name words, and a word
written in capitals. A capitalized word alone inside a sentence is read so against the lowercase word before it, the
noun a name follows ("nước Phố" -> "nước Phổ"), for a cheap confusion only (corrector.py).

Score: the candidate's uses beside the neighbours weighed by the odds of its confusion (exp(-channel cost)), against
the other candidates' and ``name_pair_pseudo`` uses of a name the corpora never saw: a cheap confusion of a pair
written a hundred times is applied, a dear one, a thin pair or one of two likely names only suggested.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from pipeline.correct.lm import SyllableLM
from pipeline.vi.tokens import Token


def name_word(tok: Token) -> bool:
    """A capitalized word, not written in capitals ("Bột", not "BỘT" nor "bột")."""
    return tok.text[0].isupper() and not tok.text.isupper()


def name_neighbours(tokens: Sequence[Token], keys: Sequence[str | None], i: int) -> tuple[str | None, str | None]:
    """The keys of the capitalized words linked to token ``i`` on its left and right (None where there is none)."""
    def capital(j: int) -> bool:
        return 0 <= j < len(tokens) and keys[j] is not None and name_word(tokens[j])

    left = keys[i - 1] if tokens[i].linked and capital(i - 1) else None
    right = keys[i + 1] if i + 1 < len(tokens) and tokens[i + 1].linked and capital(i + 1) else None
    return left, right


def title(key: str) -> str:
    return key[:1].upper() + key[1:]


def name_share(lm: SyllableLM, key: str) -> float:
    """Share of the corpora's uses of ``key`` written capitalized inside a sentence: how much of a name word it is
    ("trịnh" 0.7, "đinh" 0.42, "nghỉ" 0)."""
    return lm.surface_count(title(key)) / max(lm.count(key), 1)


@dataclass(frozen=True)
class NameRules:
    """data/thresholds.tsv's name_pair_* values (read by corrector.py)."""

    pair_min: float  # the least uses of the candidate beside the neighbours, all sides together
    pseudo: float  # uses of a name the corpora never saw, against the candidate's (weighed by its channel odds)
    max_cost: float  # the dearest confusion
    known_surface: float  # the name lexicon knows the capitalized candidate at least this often
    share: float  # ... and capitalizes at least this share of its uses
    share_ratio: float  # ... and this many times the share of the printed word's
    own_share: float  # a printed word the corpora capitalize more often than this is a name of its own
    printed_ratio: float  # the corpora's uses of the printed pair, against the candidate's, that keep it as printed
    neighbour_share: float  # the least share of a neighbour's uses that the corpora capitalize inside a sentence


def corpus_name_fix(lm: SyllableLM, key: str, left: str | None, right: str | None,
                    candidates: Iterable[tuple[str, float]], written_in_batch: Callable[[str, str], bool],
                    rules: NameRules) -> tuple[str, float] | None:
    """(candidate key, score) for a name syllable ``key`` between capitalized neighbours ``left``/``right``
    (keys, None where none), or None: see the module's docstring. ``written_in_batch(a, b)`` says whether the
    batch writes the pair elsewhere."""
    sides = [(a, b) for a, b in ((left, None), (None, right)) if a is not None or b is not None]
    if not sides:
        return None

    def pair(cand: str, side: tuple[str | None, str | None]) -> tuple[str, str]:
        return (side[0], cand) if side[0] is not None else (cand, side[1])  # type: ignore[return-value]

    if any(name_share(lm, a if a is not None else b) < rules.neighbour_share for a, b in sides):  # type: ignore
        return None  # the corpora seldom capitalize the neighbour: their pairs with it are running text, no name's
        # evidence (their pairs are of keys, case folded: "Thư viện Ảo Do Thái" is not "Áo Do" for "áo do ...")
    printed = [lm.count(*pair(key, side)) for side in sides]
    if any(written_in_batch(*pair(key, side)) for side in sides):
        return None  # the batch writes the name as printed elsewhere
    own_share = name_share(lm, key)
    if own_share > rules.own_share:
        return None  # the corpora write the printed word as a name: a name of its own
    found: list[tuple[float, str]] = []
    for cand, cost in candidates:
        if cost > rules.max_cost or cand == key or lm.surface_count(title(cand)) < rules.known_surface:
            continue
        share = name_share(lm, cand)
        if share < rules.share or share < rules.share_ratio * own_share:
            continue  # the corpora capitalize the candidate seldom: a word, not a name's syllable
        uses = [lm.count(*pair(cand, side)) for side in sides]
        if min(uses) == 0 or sum(uses) < rules.pair_min:
            continue  # the candidate fits one neighbour only, or the corpora hardly write it there
        if any(own > rules.printed_ratio * n for own, n in zip(printed, uses)):
            continue  # the corpora write the name as printed too (beside a candidate written far more often:
            # "hoàng để" 22 times beside "hoàng đế" 2265 is a slip of theirs)
        found.append((sum(uses) * math.exp(-cost), cand))
    if not found:
        return None
    found.sort(reverse=True)
    weight, cand = found[0]
    return cand, weight / (sum(w for w, _ in found) + rules.pseudo)


def vietnamese_name_pair(lm: SyllableLM, key: str, cand: str, left: str | None, right: str | None,
                         pair_min: float) -> bool:
    """A Vietnamese name's syllable read into letters no Vietnamese syllable spells ("Nguyễn Hoàeg", "Việt Narn"):
    the corpora write the candidate ``cand`` beside each capitalized Vietnamese neighbour (``left``/``right``
    keys, None where none) at least ``pair_min`` times, and the printed ``key`` never; a name of Vietnamese
    syllables is spelled with Vietnamese syllables, so its foreign-looking word is a misreading, not a foreign
    name ("Tony Blain" has no Vietnamese neighbour)."""
    sides = [(a, b) for a, b in ((left, None), (None, right)) if a is not None or b is not None]
    return bool(sides) and all(
        lm.count(*((a, cand) if a is not None else (cand, b))) >= pair_min
        and lm.count(*((a, key) if a is not None else (key, b))) == 0 for a, b in sides)
