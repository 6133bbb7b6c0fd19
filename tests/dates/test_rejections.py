"""Impossible dates, counts, durations and vague words are not dates."""
import pytest

from .conftest import spans


@pytest.mark.parametrize("text", [
    "ngày 31-4-1917 có biểu tình",      # 31 April
    "ngày 30-2-1917 có biểu tình",      # 30 February
    "tháng 13-1917",                     # month 13
    "ngày 5-23-1917",                    # month 23
    "gồm 1.000 người",
    "có 1917 người đến",                 # a count, not a year
    "chỉ trong 10 ngày trời",            # duration
    "trong 7, 8 tháng trời",
    "ít lâu sau, họ trở về",             # vague
    "Molotov lúc đó mới 20 tuổi",        # age
    "trang 12-15",
    "họ thu 1945 tấn lúa, dân đông 1946 người",   # bare season words before a count
    "dân ăn Tết sớm, nhân dịp Tết mà về",           # Tết as an occasion
    "mỗi tháng ba mươi ngày, vài tháng một lần",     # counts, not months
])
def test_not_a_date(extract, text):
    assert spans(extract, text) == []


def test_glued_day_month_is_read_only_when_unambiguous(extract):
    assert spans(extract, "Ngày 123-1921 có hội nghị") == [("Ngày 123-1921", "1921-03-12")]
    assert spans(extract, "Ngày 111-1921 có hội nghị") == []  # 1-11 or 11-1: ambiguous


def test_year_range_must_be_a_range(extract):
    assert spans(extract, "123-1921") == []
    assert spans(extract, "1916-1914") == []
