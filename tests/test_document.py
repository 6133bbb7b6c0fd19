"""The offset map: every clean span maps back to the raw text it came from."""
from hypothesis import given, strategies as st

from pipeline.document import CleanEdit, CleanText, Document, Edit


def test_identity_map_when_no_edits():
    clean = CleanText("Nga hoàng", [])
    assert clean.text == "Nga hoàng"
    assert clean.to_raw(4, 9) == (4, 9)


def test_replacement_and_deletion_map_to_whole_raw_spans():
    raw = "Rasp\u200boutine ở Ðức"
    doc = Document("d", raw)
    doc.add_raw_edits([Edit(4, 5, "\u200b", "", "unicode"), Edit(14, 17, "Ðức", "Đức", "unicode")])
    assert doc.text == "Raspoutine ở Đức"
    start, end = doc.to_raw(0, 10)
    assert raw[start:end] == "Rasp\u200boutine"
    start, end = doc.to_raw(13, 16)
    assert raw[start:end] == "Ðức"
    start, end = doc.to_raw(14, 15)  # a character inside a replaced word maps to the whole word
    assert raw[start:end] == "Ðức"


def test_an_empty_raw_span_keeps_its_place_in_the_clean_text():
    raw = "đa a Ðx"
    clean = CleanText(raw, [Edit(5, 6, "Ð", "Đ", "unicode")])
    assert clean.clean_extent(0, 0) == (0, 0)  # inside the unchanged stretch before the edit
    assert clean.clean_extent(3, 3) == (3, 3)
    assert clean.clean_extent(5, 5) == (5, 5)  # at the replaced character
    assert clean.clean_extent(7, 7) == (7, 7)  # at the end
    deleted = CleanText("ab\u200bcd", [Edit(2, 3, "\u200b", "", "unicode")])
    assert deleted.clean_extent(2, 2) == (2, 2) and deleted.clean_extent(3, 3) == (2, 2)


def test_clean_edit_absorbs_an_earlier_edit_it_overlaps():
    raw = "bà Hoàng tha\u0309i hậu"
    doc = Document("d", raw)
    doc.add_raw_edits([Edit(9, 14, "tha\u0309i", "thải", "unicode")])
    start = doc.text.index("thải")
    [edit] = doc.add_edits([CleanEdit(start, start + 4, "thái", "ocr_realword", 0.95)])
    assert (edit.original, edit.corrected) == ("tha\u0309i", "thái")
    assert doc.text == "bà Hoàng thái hậu"
    assert [e.kind for e in doc.edits] == ["ocr_realword"]


def test_suggestion_is_recorded_but_not_applied():
    doc = Document("d", "nhanh chỏng")
    [edit] = doc.add_edits([CleanEdit(6, 11, "chóng", "ocr_realword", 0.4, applied=False)])
    assert doc.text == "nhanh chỏng"
    assert (edit.start, edit.end, edit.applied) == (6, 11, False)


words = st.text(alphabet="abcđàáả \u0300\u200b\n", min_size=0, max_size=40)


@given(words, st.data())
def test_every_clean_span_maps_into_raw(raw, data):
    """Random deletions/replacements: raw spans are well-formed and cover the edits they touch."""
    edits, pos = [], 0
    while pos < len(raw):
        start = data.draw(st.integers(pos, len(raw)))
        if start >= len(raw):
            break
        end = data.draw(st.integers(start + 1, min(len(raw), start + 3)))
        replacement = data.draw(st.sampled_from(["", "x", "yz"]))
        edits.append(Edit(start, end, raw[start:end], replacement, "unicode"))
        pos = end
    clean = CleanText(raw, edits)
    for a in range(len(clean.text) + 1):
        for b in range(a, len(clean.text) + 1):
            r0, r1 = clean.to_raw(a, b)
            assert 0 <= r0 <= r1 <= len(raw)
            if b > a:
                # Characters the edit did not touch map one to one.
                untouched = all(not (e.start <= r0 < e.end or e.start < r1 <= e.end) for e in edits)
                if untouched and not any(r0 <= e.start < r1 for e in edits):
                    assert raw[r0:r1] == clean.text[a:b]
