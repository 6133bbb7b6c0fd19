"""The record a date stage returns: one temporal expression in clean-text offsets with its TIMEX3 value."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DateMention:
    """A date, period or time found in the clean text.

    ``value`` is ISO 8601 / TIMEX3 as written in the text's own calendar (XXXX when no year can be inferred);
    ``anchor`` is the clean span the year was taken from when ``year_inferred``; ``value_gregorian`` is filled
    only for a declared Julian document before 1918-02-14.
    """

    start: int
    end: int
    value: str
    granularity: str
    mod: str
    year_inferred: bool
    anchor: tuple[int, int] | None
    calendar: str
    value_gregorian: str = ""
