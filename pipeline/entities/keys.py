"""Stable entity ids and canonical names shared across documents and runs."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.vi.keys import fold

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def entity_key(canonical: str, label: str) -> str:
    """Id of an entity: its label and its accent/case/punctuation-folded name ("PER:lenine")."""
    return f"{label}:{_NON_ALNUM.sub('_', fold(canonical)).strip('_')}"


def _preference(item: tuple[str, int]) -> tuple[int, int, str]:
    surface, count = item
    marked = sum(1 for c in surface if ord(c) > 127)
    return (count, marked, surface)


def choose_canonicals(variant_counts: dict[str, Counter]) -> dict[str, str]:
    """entity_key -> the most frequent written variant (ties: the one with more diacritics, then by text)."""
    return {key: max(counts.items(), key=_preference)[0] for key, counts in variant_counts.items() if counts}


def preferred_variants(mentions: list[tuple[str, str]]) -> dict[str, str]:
    """(canonical, label) pairs of one document -> entity_key -> its most frequent written variant."""
    counts: dict[str, Counter] = {}
    for canonical, label in mentions:
        counts.setdefault(entity_key(canonical, label), Counter())[canonical] += 1
    return choose_canonicals(counts)
