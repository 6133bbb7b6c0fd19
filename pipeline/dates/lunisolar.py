"""Vietnamese lunisolar calendar: lunar date -> Gregorian date, Hồ Ngọc Đức's published algorithm.

New moons and solar terms are computed astronomically (Meeus' low-precision formulas) at the Vietnamese
time zone, UTC+7; month 11 is the month that contains the winter solstice, and in a year of 13 months the
first month without a major solar term is the leap month. This is the reckoning of modern Vietnamese
calendars (Tết 1985 = 1985-01-21, a month before China's). Results are proleptic Gregorian dates, so that
every date of a document sorts on one axis; before 1582 they are not the Julian dates historians print.
"""
from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

from .calendar import GREGORIAN_REFORM_JDN, julian_day_number

TIME_ZONE = 7.0  # hours east of Greenwich
_SYNODIC = 29.530588853
_K_EPOCH = 2415021.076998695  # Julian day of the new moon of 1900-01-01 (k = 0)
_JD_ORDINAL = 1721425  # Julian day number minus date.toordinal() (proleptic Gregorian)


def _historical_jdn(day: int, month: int, year: int) -> int:
    """Julian day number of a date as calendars printed it: Julian before 1582-10-15, Gregorian from then."""
    jdn = julian_day_number(year, month, day)
    return jdn if jdn >= GREGORIAN_REFORM_JDN else julian_day_number(year, month, day, julian=True)


def new_moon(k: int) -> float:
    """Julian date (UTC) of the k-th new moon after the one of 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 += -0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr) - 0.0004 * math.sin(dr * 3 * mpr)
    c1 += 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 += -0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 += -0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 += 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude in radians (0 to 2*pi) at a Julian date."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - math.pi * 2 * math.floor(lon / (math.pi * 2))


@lru_cache(maxsize=8192)
def _new_moon_day(k: int) -> int:
    return math.floor(new_moon(k) + 0.5 + TIME_ZONE / 24)


def _sun_sector(day_number: int) -> int:
    """Which of the 12 major solar-term sectors (0-11) the sun is in at the start of a local day."""
    return math.floor(sun_longitude(day_number - 0.5 - TIME_ZONE / 24) / math.pi * 6)


@lru_cache(maxsize=4096)
def _month11(year: int) -> int:
    """Julian day of the first day of lunar month 11 (the month of the winter solstice) of ``year``."""
    k = math.floor((_historical_jdn(31, 12, year) - 2415021) / _SYNODIC)
    nm = _new_moon_day(k)
    return _new_moon_day(k - 1) if _sun_sector(nm) >= 9 else nm


@lru_cache(maxsize=4096)
def _leap_offset(a11: int) -> int:
    """Offset after month 11 of the leap month (the first month without a major solar term)."""
    k = math.floor((a11 - _K_EPOCH) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i))
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i))
        if arc == last or i >= 14:
            return i - 1


def leap_month(year: int) -> int | None:
    """The lunar month of ``year`` that is followed by a leap month ("tháng 4 nhuận"), None in a 12-month year."""
    a11, b11 = _month11(year - 1), _month11(year)
    if b11 - a11 <= 365:
        return None
    month = (_leap_offset(a11) - 2) % 12
    return month or 12


def lunar_to_jd(day: int, month: int, year: int, leap: bool = False) -> int | None:
    """Julian day number of a Vietnamese lunar date; None when the date does not exist (a leap month the
    year has not, day 30 of a 29-day month)."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        return None
    if month < 11:
        a11, b11 = _month11(year - 1), _month11(year)
    else:
        a11, b11 = _month11(year), _month11(year + 1)
    k = math.floor(0.5 + (a11 - _K_EPOCH) / _SYNODIC)
    off = (month - 11) % 12
    if b11 - a11 > 365:
        leap_off = _leap_offset(a11)
        leap_of = (leap_off - 2) % 12 or 12
        if leap and month != leap_of:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    start = _new_moon_day(k + off)
    if start + day - 1 >= _new_moon_day(k + off + 1):
        return None
    return start + day - 1


def lunar_to_gregorian(day: int, month: int, year: int, leap: bool = False) -> date | None:
    """The proleptic Gregorian date of a Vietnamese lunar date (None when it does not exist or is before 1 CE)."""
    if year < 1:
        return None
    jd = lunar_to_jd(day, month, year, leap)
    if jd is None or jd - _JD_ORDINAL < 1:
        return None
    return date.fromordinal(jd - _JD_ORDINAL)


def month_length(month: int, year: int, leap: bool = False) -> int | None:
    """29 or 30: the number of days of a lunar month (None when the month does not exist)."""
    first = lunar_to_jd(1, month, year, leap)
    return None if first is None else (29 if lunar_to_jd(30, month, year, leap) is None else 30)
