"""Sexagenary arithmetic, reign eras, centuries and BCE years."""
import pytest

from pipeline.dates.calendar import cycle_index, cycle_of_year, nearest_cycle_year, roman_value
from pipeline.dates.lexicon import load_lexicon

from .conftest import spans


def test_cycle_arithmetic():
    assert cycle_of_year(1984) == cycle_index(0, 0) == 0          # Giáp Tý
    assert cycle_of_year(-256) == cycle_index(0, 4)                # 257 BCE, Giáp Thìn
    assert cycle_of_year(1010) == cycle_index(6, 10)               # Canh Tuất
    assert cycle_index(0, 1) is None                                # Giáp Sửu does not exist
    assert nearest_cycle_year(cycle_index(6, 10), 1020) == 1010
    assert nearest_cycle_year(cycle_index(6, 10), 1045) == 1070


def test_roman_numerals():
    letters = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    assert [roman_value(r, letters) for r in ("XIX", "XX", "IV", "XVIII")] == [19, 20, 4, 18]


def test_era_table_rows_have_a_year_and_a_source():
    lex = load_lexicon()
    assert len(lex.eras) > 100
    assert lex.eras[lex.key("Thuận Thiên")] == [1010, 1428]
    assert lex.eras[lex.key("Chính Hoà")] == [1680]  # old tone placement finds the same era


@pytest.mark.parametrize("text,surface,value", [
    ("Năm Chính Hòa thứ 18, khắc in.", "Năm Chính Hòa thứ 18", "1697"),
    ("Chính Hoà thứ 18", "Chính Hoà thứ 18", "1697"),
    ("Thế kỷ XIX là thời Nguyễn.", "Thế kỷ XIX", "19"),
    ("Đến năm 257 TCN thì mất.", "năm 257 TCN", "BC0257"),
])
def test_traditional_values(extract, text, surface, value):
    assert (surface, value) in spans(extract, text)


def test_duplicate_era_names_follow_the_narrative(extract):
    text = "Mậu Thân, [1428]. Kỷ Dậu, Thuận Thiên năm thứ 2."
    assert ("Kỷ Dậu, Thuận Thiên năm thứ 2", "1429") in spans(extract, text)


def test_sexagenary_year_from_context(extract):
    got = spans(extract, "Canh Tuất, Thuận Thiên năm thứ 1 [1010]. Đến năm Quý Hợi, vua đi tuần.")
    assert ("năm Quý Hợi", "1023") in got


def test_annal_headers_follow_the_reign_count(extract):
    text = "Giáp Thìn, năm thứ 1 [257 TCN]. Vua lên ngôi.\nNhâm Tý, năm thứ 9. Nhà Chu mất."
    assert ("Nhâm Tý, năm thứ 9", "BC0249") in spans(extract, text)


def test_cyclic_day_and_hour(extract):
    got = spans(extract, "Canh Tuất [1010]. Mùa thu, tháng 7, ngày Giáp Thìn, giờ Dậu, vua đến.")
    assert ("ngày Giáp Thìn", "1010-07-XX") in got
    assert ("giờ Dậu", "1010-07-XXT17:00") in got
