"""Folding keys: one function for the corrector's candidate index and the entity stage's name matching."""
import pytest

from pipeline.vi.keys import fold


@pytest.mark.parametrize("a, b, key", [
    ("Pétrograd", "Petrograd", "petrograd"),
    ("trưởng", "truong", "truong"),
    ("Đà Nẵng", "da nang", "da nang"),
    ("Hoà", "hòa", "hoa"),  # either tone placement
    ("Uỷ ban", "ủy ban", "uy ban"),
])
def test_spellings_that_differ_in_marks_or_case_agree(a, b, key):
    assert fold(a) == fold(b) == key


def test_letters_that_are_not_marks_are_kept():
    assert fold("Trần-Hưng Đạo 1285") == "tran-hung dao 1285"
    assert fold("đ") != fold("đa")
