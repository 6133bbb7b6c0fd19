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
def test_every_span_that_cuts_no_replacement_maps_to_its_own_clean_text(case):
    """Against a plain oracle: raw[start:end] with the replacements it holds applied (an insertion only when it is
    strictly inside), for every non-empty raw span that cuts no replacement."""
    raw, reps = case
    text_map = TextMap(raw, reps)
    for start in range(len(raw)):
        for end in range(start + 1, len(raw) + 1):
            if any(r.start < start < r.end or r.start < end < r.end for r in reps):
                continue
            pieces, pos = [], start
            for r in sorted(reps, key=lambda r: (r.start, r.end)):
                if start <= r.start and r.end <= end and (r.start < r.end or start < r.start < end):
                    pieces += [raw[pos:r.start], r.text]
                    pos = r.end
            expected = "".join(pieces) + raw[pos:end]
            assert text_map.clean_of(start, end) == expected, (start, end)
            if expected:
                assert text_map.to_raw(*text_map.to_clean(start, end))[1] <= end
