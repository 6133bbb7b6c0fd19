"""Diacritic normalization: NFC, look-alikes, invisibles and tone placement, as raw edits (the placement of
one word: tests/vi/test_tone.py)."""
import unicodedata

import pytest

from pipeline.document import Document
from pipeline.normalize import normalize_edits


def clean(raw: str, style: str = "hòa") -> str:
    doc = Document("d", raw)
    doc.add_raw_edits(normalize_edits(raw, style))
    return doc.text


def test_decomposed_input_becomes_nfc():
    raw = unicodedata.normalize("NFD", "Ngày 2-8-1914, Đức khai chiến với Nga.")
    assert clean(raw) == "Ngày 2-8-1914, Đức khai chiến với Nga."


def test_lookalikes_and_invisibles():
    assert clean("Ðức\u200b và ðường\u00a0phố\x07") == "Đức và đường phố"


def test_keep_style_changes_no_tone():
    assert clean("Uỷ ban hoà bình", "keep") == "Uỷ ban hoà bình"
    assert clean("Uỷ ban hoà bình", "hòa") == "Ủy ban hòa bình"


def test_edit_kinds_and_offsets():
    raw = "Uỷ ban Ðức"
    edits = normalize_edits(raw, "hòa")
    assert [(e.original, e.corrected, e.kind) for e in edits] == [("Uỷ", "Ủy", "tone_style"),
                                                                 ("Ðức", "Đức", "unicode")]
    assert all(raw[e.start:e.end] == e.original for e in edits)


def test_newlines_are_kept():
    assert clean("hoà\r\nbình\rhai\n") == "hòa\r\nbình\rhai\n"


def test_unknown_style_is_an_error():
    with pytest.raises(ValueError, match="tone style"):
        normalize_edits("x", "hoa")
