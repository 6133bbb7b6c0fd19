"""Calendar conversions: the Vietnamese lunisolar calendar (Hồ Ngọc Đức's algorithm, UTC+7) and the French
Republican calendar of years I-XIV."""
from datetime import date

import pytest

from pipeline.dates.calendar import republican_day_valid, republican_to_gregorian, republican_year_of
from pipeline.dates.lunisolar import leap_month, lunar_to_gregorian, month_length


@pytest.mark.parametrize("year,tet", [
    (1789, date(1789, 1, 26)),   # Tết Kỷ Dậu, Quang Trung's campaign
    (1945, date(1945, 2, 13)),
    (1968, date(1968, 1, 29)),   # Tết Mậu Thân at UTC+7 (a day before China's)
    (1985, date(1985, 1, 21)),   # a month before China's: month 11 of 1984 started a day earlier at UTC+7
    (2000, date(2000, 2, 5)),
    (2024, date(2024, 2, 10)),
])
def test_tet(year, tet):
    assert lunar_to_gregorian(1, 1, year) == tet


def test_festivals_and_leap_months():
    assert lunar_to_gregorian(15, 8, 2024) == date(2024, 9, 17)        # Trung thu 2024
    assert leap_month(2023) == 2                                         # 2023 had a leap second month
    assert lunar_to_gregorian(1, 2, 2023, leap=True) == date(2023, 3, 22)
    assert lunar_to_gregorian(1, 4, 2023, leap=True) is None           # no leap fourth month that year
    assert leap_month(2024) is None
    assert month_length(12, 2023) in (29, 30)
    lengths = {month_length(m, 2024) for m in range(1, 13)}
    assert lengths == {29, 30}


def test_day_30_of_a_short_month_does_not_exist():
    short = next(m for m in range(1, 13) if month_length(m, 2024) == 29)
    assert lunar_to_gregorian(30, short, 2024) is None
    assert lunar_to_gregorian(29, short, 2024) is not None


@pytest.mark.parametrize("year,month,day,gregorian", [
    (1, 1, 1, date(1792, 9, 22)),
    (1, 5, 2, date(1793, 1, 21)),      # 2 Pluviôse I
    (2, 11, 9, date(1794, 7, 27)),     # 9 Thermidor II
    (4, 1, 1, date(1795, 9, 23)),      # after the sextile year III
    (5, 12, 18, date(1797, 9, 4)),     # 18 Fructidor V
    (8, 2, 18, date(1799, 11, 9)),     # 18 Brumaire VIII
    (12, 9, 25, date(1804, 6, 14)),
    (14, 4, 10, date(1805, 12, 31)),   # the calendar's last day
])
def test_republican(year, month, day, gregorian):
    assert republican_to_gregorian(year, month, day) == gregorian


def test_republican_limits():
    assert republican_day_valid(13, 6, 3)          # sextile year III has a sixth complementary day
    assert not republican_day_valid(13, 6, 4)
    assert not republican_day_valid(2, 31, 2)
    assert not republican_day_valid(1, 1, 20)       # no year XX
    assert republican_year_of(11, 9, 1794) == 2
    assert republican_year_of(1, 1, 1795) == 4
