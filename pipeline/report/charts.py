"""Static SVG charts of the index page: dates per year or decade, and the most mentioned entities."""
from __future__ import annotations

import re
from collections import Counter
from html import escape

import pandas as pd

_YEAR = re.compile(r"^(-?\d{4})")
CALENDARS = (("gregorian", "Gregorian or as written", "#3b6fb6"), ("lunar", "lunar", "#d9822b"))


def year_of(value: str, value_gregorian: str = "") -> int | None:
    """The (first) year of a TIMEX3 value, the Gregorian one when known; None when the year is unknown."""
    match = _YEAR.match(value_gregorian or value or "")
    return int(match.group(1)) if match else None


def date_counts(dates: pd.DataFrame) -> tuple[dict[tuple[int, str], int], int]:
    """(bin start, calendar kind) -> count, and the bin width (1 or 10 years) that keeps the chart readable."""
    years = []
    for value, gregorian, calendar in zip(dates["value"], dates["value_gregorian"], dates["calendar"]):
        year = year_of(value, gregorian)
        if year is not None:
            years.append((year, "lunar" if calendar == "lunar" and not gregorian else "gregorian"))
    if not years:
        return {}, 1
    span = max(y for y, _ in years) - min(y for y, _ in years)
    width = 1 if span <= 80 else 10 if span <= 800 else 100
    return dict(Counter((year // width * width, kind) for year, kind in years)), width


def timeline_svg(dates: pd.DataFrame) -> str:
    """Stacked bars of dates per year (or decade/century), lunar and Gregorian on one axis."""
    counts, width = date_counts(dates)
    if not counts:
        return '<p class="empty">No dated expression with a known year.</p>'
    first = min(b for b, _ in counts)
    last = max(b for b, _ in counts)
    bins = list(range(first, last + width, width))
    top = max(sum(counts.get((b, k), 0) for k, _, _ in CALENDARS) for b in bins)
    bar_w, height, left, bottom = max(4, min(28, 760 // len(bins))), 160, 36, 34
    total_w = left + bar_w * len(bins) + 10
    parts = [f'<svg class="chart" role="img" width="{total_w}" height="{height + bottom}" '
             f'viewBox="0 0 {total_w} {height + bottom}" aria-label="dates per {_unit(width)}">',
             f'<text x="2" y="12" class="axis">{top}</text><text x="2" y="{height}" class="axis">0</text>']
    step = max(1, len(bins) // 12)
    for i, b in enumerate(bins):
        x, y = left + i * bar_w, height
        for kind, name, colour in CALENDARS:
            n = counts.get((b, kind), 0)
            if n:
                h = max(1, round(n / top * (height - 16)))
                y -= h
                parts.append(f'<rect x="{x}" y="{y}" width="{bar_w - 1}" height="{h}" fill="{colour}">'
                             f'<title>{_label(b, width)}: {n} ({name})</title></rect>')
        if i % step == 0:
            parts.append(f'<text x="{x}" y="{height + 14}" class="axis">{_label(b, width)}</text>')
    legend_y = height + 30
    for i, (_, name, colour) in enumerate(CALENDARS):
        parts.append(f'<rect x="{left + i * 200}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + i * 200 + 14}" y="{legend_y}" class="axis">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _unit(width: int) -> str:
    return {1: "year", 10: "decade"}.get(width, "century")


def _label(start: int, width: int) -> str:
    return str(start) if width == 1 else f"{start}s"


def top_entities_svg(index: pd.DataFrame, n: int = 20) -> str:
    """Horizontal bars of the ``n`` most mentioned entities, each with its label written out."""
    if index.empty:
        return '<p class="empty">No entity.</p>'
    top = index.assign(_n=index["n_mentions"].astype(int)).sort_values(["_n", "entity_id"],
                                                                        ascending=[False, True]).head(n)
    most = int(top["_n"].max())
    row_h, label_w, bar_max = 18, 260, 360
    height = row_h * len(top) + 4
    parts = [f'<svg class="chart" role="img" width="{label_w + bar_max + 60}" height="{height}" '
             f'aria-label="most mentioned entities">']
    for i, (canonical, label, count) in enumerate(zip(top["canonical"], top["label"], top["_n"])):
        y = i * row_h + 2
        w = max(1, round(count / most * bar_max))
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" class="axis">'
                     f'{escape(canonical)} ({escape(label)})</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{row_h - 5}" class="bar-{escape(label)}"/>'
                     f'<text x="{label_w + w + 4}" y="{y + 13}" class="axis">{count}</text>')
    parts.append("</svg>")
    return "".join(parts)
