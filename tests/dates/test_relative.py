"""Relative and anaphoric dates ("hôm sau", "tháng ấy", "năm sau") resolved from the current narrative date."""
import pytest

from pipeline.dates import DateExtractor

from .conftest import spans


def mentions(extract: DateExtractor, text: str) -> dict:
    return {text[m.start:m.end]: m for m in extract(text, [])}


def test_next_day_and_same_day_follow_the_narrative(extract):
    text = "Ngày 2-3-1917, Nga hoàng thoái vị. Ngay ngày hôm sau, Michel cũng thoái vị. Tối hôm đó, họ họp."
    got = mentions(extract, text)
    m = got["ngày hôm sau"]
    assert (m.value, m.granularity, m.year_inferred) == ("1917-03-03", "day", True)
    assert text[m.anchor[0]:m.anchor[1]] == "Ngày 2-3-1917"
    assert got["Tối hôm đó"].value == "1917-03-03"


def test_next_day_crosses_a_month_end(extract):
    assert ("hôm sau", "1917-03-01") in spans(extract, "Ngày 28-2-1917, có biểu tình. Đến hôm sau, quân nổi dậy.")


def test_relative_months_and_years(extract):
    text = "Tháng 12-1916, Raspoutine bị giết. Tháng sau, thợ đình công. Năm sau, Nga hoàng thoái vị. Tháng ấy, dân đói."
    got = mentions(extract, text)
    assert (got["Tháng sau"].value, got["Tháng sau"].granularity) == ("1917-01", "month")
    assert (got["Năm sau"].value, got["Năm sau"].granularity) == ("1918", "year")
    assert got["Tháng ấy"].value == "1918-XX"  # a new year without a month yet


def test_relative_year_after_a_month_or_a_season(extract):
    got = mentions(extract, "Năm 1905, Nhật thắng. Tháng giêng năm sau, họ về. Mùa hạ năm ấy, mưa lớn.")
    assert got["Tháng giêng năm sau"].value == "1906-01"
    assert got["Mùa hạ năm ấy"].value == "1906-SU"


def test_lunar_relative_day_stays_in_its_month(extract):
    got = mentions(extract, "Canh Tuất [1010]. Mùa thu, tháng 7, ngày 29, vua đến. Hôm sau, vua về.")
    assert got["Hôm sau"].value == "1010-07-XX"  # lunar months have 29 or 30 days


@pytest.mark.parametrize("text", [
    "Mấy năm sau, ông mất.",          # vague
    "Hai tháng sau, ông về.",         # a count: not resolved here
    "Trong những ngày ấy, dân đói.",  # vague plural
    "Ít lâu sau, họ trở về.",
    "Khi ấy, ông còn ở Paris.",
    "Ngày nay, đền vẫn còn.",
    "Ít năm sau, các lãnh chúa đều có súng.",          # "ít": a few years, vague
    "Đất ấy mở mang hơn trăm năm trước đã mất.",       # a count of years in words: a duration
    "Hơn một nghìn năm sau, La Quán Trung viết truyện.",
])
def test_vague_relative_words_are_not_dates(extract, text):
    assert spans(extract, text) == []
