"""Raw <-> clean mapping through replacements: the clean text, span mapping both ways, raw rebuilt from clean."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from pipeline.review.textmap import OffsetError, Replacement, TextMap, raw_from_clean


def test_worked_example_maps_spans_both_ways():
    raw = "Uỷ ban họp. tình thế ngày cang nguy"
    reps = [Replacement(0, 2, "Ủy"), Replacement(26, 30, "càng")]
    text_map = TextMap(raw, reps)
    assert text_map.clean == "Ủy ban họp. tình thế ngày càng nguy"
    assert text_map.to_clean(0, 6) == (0, 6)
    assert text_map.to_raw(26, 30) == (26, 30)
    assert raw_from_clean(text_map.clean, reps, ["Uỷ", "cang"]) == raw


def test_insertions_and_deletions_stay_outside_a_span_that_only_touches_them():
    raw = "abc def"
    text_map = TextMap(raw, [Replacement(3, 3, "!"), Replacement(4, 5, "")])  # insert after abc, delete d
    assert text_map.clean == "abc! ef"
    assert text_map.to_clean(0, 3) == (0, 3)          # the insertion at 3 is not part of "abc"
    assert text_map.to_clean(5, 7) == (5, 7)          # "ef"
    assert text_map.to_raw(5, 7) == (5, 7)
    assert text_map.to_clean(1, 4) == (1, 5)          # "bc " holds the insertion inside it
    assert text_map.to_clean(4, 7) == (5, 7)          # "def" loses its deleted "d"


def test_a_bound_inside_a_replacement_snaps_outwards():
    text_map = TextMap("xx cang yy", [Replacement(3, 7, "càng")])
    assert text_map.to_clean(4, 6) == (3, 7)
    assert text_map.to_raw(4, 5) == (3, 7)


def test_overlapping_or_inconsistent_replacements_are_refused():
    with pytest.raises(OffsetError, match="overlap"):
        TextMap("abcdef", [Replacement(0, 3, "x"), Replacement(2, 4, "y")])
    with pytest.raises(OffsetError, match="does not hold"):
        raw_from_clean("abc", [Replacement(0, 1, "z")], ["a"])


@st.composite
def texts_with_replacements(draw):
    raw = draw(st.text(alphabet="ab cđ\n", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=8)))
    reps, last = [], 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a >= last:
            reps.append(Replacement(a, b, draw(st.text(alphabet="xyz", max_size=3))))
            last = b if b > a else a + 1
    return raw, reps


@given(texts_with_replacements())
def test_raw_rebuilt_from_clean_and_spans_between_replacements_round_trip(case):
    raw, reps = case
    text_map = TextMap(raw, reps)
    assert raw_from_clean(text_map.clean, reps, [raw[r.start:r.end] for r in reps]) == raw
    edges = sorted({0, len(raw), *(r.start for r in reps), *(r.end for r in reps)})
    for start, end in zip(edges, edges[1:]):
        inside = [r for r in reps if r.start == start and r.end == end]
        clean_start, clean_end = text_map.to_clean(start, end)
        if not inside:  # untouched text maps to the same characters
            assert text_map.clean[clean_start:clean_end] == raw[start:end]
        assert text_map.to_raw(clean_start, clean_end) == (start, end) or clean_start == clean_end


@given(texts_with_replacements())
def test_the_review_map_and_the_pipeline_s_clean_text_agree_on_every_non_empty_span(case):
    """TextMap (rebuilt from OUTDIR's tables) and document.CleanText (the pipeline's, from its edits) map every
    non-empty span alike both ways, so the review reads the offsets the pipeline wrote. (They still differ on
    empty spans: CleanText places an empty raw span at the start of the next segment.)"""
    from pipeline.document import CleanText, Edit

    raw, reps = case
    text_map = TextMap(raw, reps)
    clean = CleanText(raw, [Edit(r.start, r.end, raw[r.start:r.end], r.text, "test") for r in reps])
    assert clean.text == text_map.clean
    for start in range(len(clean.text)):
        for end in range(start + 1, len(clean.text) + 1):
            assert clean.to_raw(start, end) == text_map.to_raw(start, end)
    for start in range(len(raw)):
        for end in range(start + 1, len(raw) + 1):
            assert clean.clean_extent(start, end) == text_map.to_clean(start, end)
