"""Calendar arithmetic: date validity, the sexagenary cycle, Roman numerals, Julian to Gregorian, the French
Republican calendar (years I-XIV, data/republican_years.tsv).

Years are astronomical integers inside the engine (0 = 1 BCE, -256 = 257 BCE) and written as TIMEX3
values (``BC0257``) only at the end.
"""
from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from pipeline.vi.table import read_table

REPUBLICAN_YEARS = Path(__file__).parent / "data" / "republican_years.tsv"

CYCLE_EPOCH = 4  # 4 CE was a Giáp Tý year (stem 0, branch 0), as was 1984.


def is_valid_day(year: int | None, month: int, day: int, lunar: bool = False) -> bool:
    """True when the day exists: lunar months have up to 30 days; a missing year allows 29 February."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if lunar:
        return day <= 30
    leap_year = 2000 if year is None else (year if year > 0 else 2000)
    return day <= _stdcal.monthrange(leap_year, month)[1]


def cycle_index(stem: int, branch: int) -> int | None:
    """Position 0-59 in the sexagenary cycle of a (stem, branch) pair; None for the 60 impossible pairs."""
    if (stem - branch) % 2:
        return None
    return next(i for i in range(60) if i % 10 == stem and i % 12 == branch)


def cycle_of_year(year: int) -> int:
    """Sexagenary position of an astronomical year."""
    return (year - CYCLE_EPOCH) % 60


def nearest_cycle_year(index: int, reference: int) -> int:
    """The astronomical year with sexagenary position ``index`` nearest to ``reference`` (ties go forward)."""
    base = reference - ((reference - CYCLE_EPOCH - index) % 60)
    return base + 60 if reference - base >= 30 else base


def roman_value(numeral: str, letters: dict[str, int]) -> int | None:
    """Integer value of a Roman numeral (None when a letter is unknown)."""
    values = [letters.get(ch.upper()) for ch in numeral]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def split_glued_day_month(digits: str, year: int | None) -> tuple[int, int] | None:
    """The only valid (day, month) reading of digits that lost their separator ("123" -> 12-3), else None."""
    readings = []
    for cut in range(1, len(digits)):
        day, month = int(digits[:cut]), int(digits[cut:])
        if digits[cut] != "0" and is_valid_day(year, month, day):
            readings.append((day, month))
    return readings[0] if len(readings) == 1 else None


GREGORIAN_REFORM_JDN = 2299161  # 1582-10-15, the first Gregorian day


def julian_day_number(year: int, month: int, day: int, julian: bool = False) -> int:
    """Julian day number of a date of the Julian calendar (``julian``) or of the proleptic Gregorian one."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jdn if julian else jdn - y // 100 + y // 400 + 38


def julian_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Julian calendar date (None outside 1-9999)."""
    jdn = julian_day_number(year, month, day, julian=True)
    try:
        return date(1, 1, 1) + timedelta(days=jdn - 1721426)
    except OverflowError:
        return None


@lru_cache(maxsize=1)
def republican_new_years() -> dict[int, date]:
    """Gregorian date of 1 Vendémiaire of each Republican year of the table (the last row only closes the year
    before it)."""
    rows = read_table(REPUBLICAN_YEARS, ["year", "vendemiaire"], {"year": int, "vendemiaire": date.fromisoformat})
    return dict(rows)


def republican_day_valid(month: int, day: int | None, year: int | None) -> bool:
    """True when a Republican date can exist: months of 30 days, up to 6 complementary days (month 13), and a
    year the calendar was in use (I-XIV) when one is written."""
    starts = republican_new_years()
    if year is not None and (year not in starts or year + 1 not in starts):
        return False
    limit = 30 if month <= 12 else (6 if year is None else (starts[year + 1] - starts[year]).days - 360)
    return 1 <= month <= 13 and (day is None or 1 <= day <= limit)


def republican_to_gregorian(year: int, month: int, day: int) -> date | None:
    """Gregorian date of a French Republican date (month 13 = the complementary days); None outside years I-XIV."""
    starts = republican_new_years()
    if not republican_day_valid(month, day, year) or year is None:
        return None
    return starts[year] + timedelta(days=(month - 1) * 30 + day - 1)


def republican_year_of(month: int, day: int, gregorian_year: int) -> int | None:
    """The Republican year in which day/month falls inside ``gregorian_year`` (None when none does)."""
    for year in (gregorian_year - 1792, gregorian_year - 1791):
        g = republican_to_gregorian(year, month, day) if year >= 1 else None
        if g is not None and g.year == gregorian_year:
            return year
    return None
