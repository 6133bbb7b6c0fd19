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


@pytest.mark.parametrize("text", [
    "Năm 11 đến 13 tuổi, ông học ở Paris",   # ages, not two-digit years
    "Ông mất năm 81 tuổi",
    "vào thứ năm 15, họ họp",                 # a weekday and its day number
    "năm 20 của thế kỷ trước",               # a decade's number, not a year
    "mỗi năm 14, 15 ngàn quan tiền thuế",     # a yearly amount
    "nhiệt độ trung bình năm 25 – 27 độ",     # a range of measures
])
def test_two_digit_numbers_after_nam_that_are_no_years(extract, text):
    assert spans(extract, text) == []


@pytest.mark.parametrize("text", [
    "quân Liên Xô đã giữ được thành trong mùa đông giá rét",   # a season that describes
    "ông ở ngôi chỉ được một mùa đông, nên bị chế nhạo",        # a count of seasons
    "binh lính sẽ được về nhà trước mùa đông, nhưng",           # inside a clause, without a year
    "người đương thời gọi là Vua Mùa đông.",                    # a nickname
])
def test_a_season_without_year_inside_a_clause_is_no_date(extract, text):
    assert spans(extract, text) == []
