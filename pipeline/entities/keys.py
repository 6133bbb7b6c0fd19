"""Stable entity ids and canonical names shared across documents and runs."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from pipeline.vi.keys import fold
from pipeline.vi.syllable import is_vietnamese_syllable, written_only_in_vietnamese
from pipeline.vi.tone import tone_key

_WORD = re.compile(r"[^\W_]+")


def _key_word(word: str) -> str:
    """A lower-case word of a name as the id holds it: a Vietnamese syllable keeps its marks, the tone of oa/oe/uy
    in one place (they tell names apart: "Tần", "Tấn", "Tân"; "Nguyên", "Nguyễn"); another word loses its accents
    ("Pétrograd" and "Petrograd" are one)."""
    if is_vietnamese_syllable(word) or written_only_in_vietnamese(word):
        return tone_key(word)
    return fold(word)


def entity_key(canonical: str, label: str) -> str:
    """Id of an entity: its label and its case/punctuation-folded name, accents kept on Vietnamese syllables only
    ("PER:lenine", "ORG:tần", "LOC:đông_kinh")."""
    words = _WORD.findall(unicodedata.normalize("NFC", canonical).lower())
    return f"{label}:{'_'.join(map(_key_word, words))}"


def entity_ids(mentions: list[tuple[str, str, str]]) -> list[str]:
    """The ids of one document's (surface, canonical, label) mentions: ``entity_key`` of the canonical, except for
    a place whose canonical is the standard name of one place and a former name of another (data/place_names.tsv:
    "Đông Kinh" is Tokyo, and Thăng Long): where the document writes it for another name of the place it stands
    for ("sang Tokyo. Ở Đông Kinh ..."), the id is that name's ("LOC:tokyo"), so that Tokyo never joins across
    documents the Đông Kinh of a book on the Lê ("Lê Lợi đóng đô ở Đông Kinh")."""
    from pipeline.entities.linking import standards_of
    own: dict[tuple[str, str], str] = {}  # (canonical, label) of an ambiguous standard name -> its other name's id
    for surface, canonical, label in mentions:
        if label != "LOC" or (canonical, label) in own:
            continue
        standards = standards_of(canonical)  # what the canonical, as a former name, may stand for
        if standards and canonical not in standards and canonical in standards_of(surface):
            own[canonical, label] = entity_key(surface, label)
    return [own.get((canonical, label)) or entity_key(canonical, label) for _, canonical, label in mentions]


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
