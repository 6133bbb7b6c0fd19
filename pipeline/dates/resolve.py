"""Step 2, resolution: read the extracted candidates in text order and fill what the text leaves out.

A narrative context carries the last year written in the document (with the span it came from), the current
month and day. A date without a year takes the context year (same year even when the month goes back: a
history book rarely jumps a year without writing it); a sexagenary year takes the cycle year nearest to its
reign era or to the context year; a clock time takes the current day ("3 giờ khuya" = the small hours after it).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import cycle_of_year, julian_to_gregorian, nearest_cycle_year
from .lexicon import Lexicon
from .mention import DateMention
from .rules import Candidate

JULIAN_END = (1918, 2, 14)  # Russia moved to the Gregorian calendar on 1918-02-14.


@dataclass
class Context:
    """What the narrative has established so far."""

    year: int | None = None
    anchor: tuple[int, int] | None = None
    lunar: bool = False
    month: int | None = None
    day: int | None = None
    small_hours: bool = False  # the current day already moved past midnight ("2 giờ khuya")
    reign_start: int | None = None  # year 1 of the reign counted by "năm thứ N" in annal headers


@dataclass
class Parts:
    """A resolved calendar point: astronomical year, month, day, hour, minute."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None


class Resolver:
    """Turns candidates into DateMentions, one document at a time."""

    def __init__(self, lex: Lexicon, declared_calendar: str):
        self.lex = lex
        self.declared = declared_calendar

    def __call__(self, candidates: list[Candidate]) -> list[DateMention]:
        ctx = Context()
        return [self.resolve(c, ctx) for c in candidates]

    def resolve(self, c: Candidate, ctx: Context) -> DateMention:
        f = c.fields
        if "start" in f:  # "từ A đến B": the end lends its year to the start
            end_year = self.text_year(f["end"], ctx)[0]
            first = dict(f["start"])
            if first.get("year") is None and end_year is not None and "canchi" not in first:
                first["year"], first["bce"] = _written_year(end_year)
            a, inf_a, lun_a = self.point(first, c, ctx)
            b, inf_b, lun_b = self.point(f["end"], c, ctx)
            value = f"{self.render(a, first['gran'], first)}/{self.render(b, f['end']['gran'], f['end'])}"
            return self.mention(c, value, "range", "", inf_a or inf_b, ctx, lun_a or lun_b, [a, b])
        p, inferred, lunar = self.point(f, c, ctx)
        gran = f["gran"]
        value = self.render(p, gran, f)
        if gran == "range" or f.get("first_months"):
            value = self.render_span(p, f)
            gran = "range" if "/" in value else gran
        mod = f.get("mod", "") if "/" not in value else ""
        points = [p] if gran in ("day", "time") else []
        return self.mention(c, value, gran, mod, inferred, ctx, lunar, points)

    def text_year(self, f: dict, ctx: Context) -> tuple[int | None, bool]:
        """The year a candidate's own words give (written, era, or cycle near era/context); inferred flag."""
        written = f.get("year")
        if written is not None and f["gran"] != "century":
            return (1 - written if f.get("bce") else written), False
        era_year = self.era_year(f, ctx)
        if "canchi" in f:
            reference = era_year if era_year is not None else self.regnal_year(f, ctx)
            if reference is not None:
                return nearest_cycle_year(f["canchi"], reference), era_year is None
            if ctx.year is None:
                return None, False
            if f.get("annal") == "yes":  # annals move forward: the first such year from the narrative year on
                return ctx.year + (f["canchi"] - cycle_of_year(ctx.year)) % 60, True
            return nearest_cycle_year(f["canchi"], ctx.year), True
        return era_year, False

    @staticmethod
    def regnal_year(f: dict, ctx: Context) -> int | None:
        """Approximate year of "năm thứ N" (N > 1) in the reign whose year 1 the narrative has seen."""
        n = f.get("regnal_n")
        if n is None or n == 1 or ctx.reign_start is None:
            return None
        return ctx.reign_start + n - 1

    def era_year(self, f: dict, ctx: Context) -> int | None:
        """First year of the era + ordinal - 1; a name used twice takes the era nearest the context year."""
        if "era" not in f:
            return None
        firsts = self.lex.eras.get(self.lex.key(f["era"]), [])
        if not firsts:
            return None
        reference = ctx.year if ctx.year is not None else firsts[0]
        first = min(firsts, key=lambda y: abs(y - reference))
        return first + f.get("era_n", 1) - 1

    def point(self, f: dict, c: Candidate, ctx: Context) -> tuple[Parts, bool, bool]:
        """Resolve one calendar point and update the context; returns (parts, year_inferred, lunar)."""
        year, inferred = self.text_year(f, ctx)
        from_text = year is not None and not inferred
        lunar = f.get("calendar") == "lunar" or "canchi" in f or "era" in f
        gran = f["gran"]
        p = Parts(year=year, month=f.get("month"), day=f.get("day"))
        if gran == "century":
            return p, False, lunar
        if year is None and ctx.year is not None:
            p.year, inferred, lunar = ctx.year, True, lunar or ctx.lunar
        elif inferred:
            lunar = lunar or ctx.lunar
        if gran in ("day", "time") and p.month is None and ctx.month is not None:
            p.month, inferred = ctx.month, True
        if gran == "time":
            self.clock(f, p, ctx)
        if f.get("narrative") == "no":
            return p, inferred, lunar
        if year is not None and f.get("regnal_n"):
            ctx.reign_start = year - f["regnal_n"] + 1
        if from_text:
            ctx.year, ctx.anchor = year, (c.start, c.end)  # a period "1914-1916" sets the narrative at its start
            ctx.lunar = lunar if (lunar or gran not in ("year", "range")) else ctx.lunar
        elif year is not None and inferred and "canchi" in f and (ctx.year is None or year > ctx.year):
            ctx.year = year  # a later cycle year found from the context moves the narrative (annal headers)
        if gran in ("year", "century") or (from_text and gran == "season"):
            ctx.month, ctx.day = None, None
        if f.get("end_month") or p.month is not None and gran != "time":
            ctx.month = f.get("end_month") or p.month
            ctx.day = f.get("end_day") or p.day
            ctx.small_hours = False
        return p, inferred, lunar

    def clock(self, f: dict, p: Parts, ctx: Context) -> None:
        """Fill hour/minute and the day of a clock time; the small hours "khuya" belong to the next day."""
        if "branch_hour" in f:
            p.hour, p.minute = (int(f["branch_hour"]) * 2 - 1) % 24, 0
        else:
            p.hour, p.minute = f["hour"], f.get("minute", 0)
        p.day = ctx.day
        part = self.lex.tables["clock_parts"].get(self.lex.key(f.get("clock", "")), "")
        if part:
            add, next_day = (int(x) for x in part.split("\t")) if "\t" in part else (int(part), 0)
            if add and p.hour < 12:
                p.hour += add
            if next_day and p.hour < 6 and p.day is not None and p.month is not None and not ctx.small_hours:
                p.year, p.month, p.day = _next_day(p.year, p.month, p.day)
                ctx.month, ctx.day, ctx.small_hours = p.month, p.day, True

    def render(self, p: Parts, gran: str, f: dict) -> str:
        """The TIMEX3 value of one point at its granularity."""
        y = _year_text(p.year)
        if gran == "century":
            return ("BC" if f.get("bce") else "") + f"{f['century']:02d}"
        if gran == "season":
            return f"{y}-{f['season']}"
        if gran == "year" or (gran == "range" and "end_year" in f):
            return y
        m = "XX" if p.month is None else f"{p.month:02d}"
        if gran == "month" or (gran == "range" and "end_month" in f):
            return f"{y}-{m}"
        d = "XX" if p.day is None else f"{p.day:02d}"
        if gran == "time":
            return f"{y}-{m}-{d}T{p.hour:02d}:{p.minute:02d}"
        return f"{y}-{m}-{d}"

    def render_span(self, p: Parts, f: dict) -> str:
        """Ranges written in one expression: years, months or days of a list, the first/last n months."""
        if "end_year" in f:
            end = 1 - f["end_year"] if f.get("bce") else f["end_year"]
            return f"{_year_text(p.year)}/{_year_text(end)}"
        y = _year_text(p.year)
        if "end_month" in f:
            return f"{y}-{p.month:02d}/{y}-{f['end_month']:02d}"
        if "end_day" in f:
            m = "XX" if p.month is None else f"{p.month:02d}"
            return f"{y}-{m}-{p.day:02d}/{y}-{m}-{f['end_day']:02d}"
        n = f["first_months"]
        first, last = (13 - n, 12) if f.get("mod") == "END" else (1, n)
        return f"{y}-{first:02d}/{y}-{last:02d}"

    def mention(self, c: Candidate, value: str, gran: str, mod: str, inferred: bool, ctx: Context,
                lunar: bool, points: list[Parts]) -> DateMention:
        calendar = "lunar" if lunar else self.declared
        return DateMention(
            start=c.start, end=c.end, value=value, granularity=gran, mod=mod or "",
            year_inferred=inferred, anchor=ctx.anchor if inferred else None, calendar=calendar,
            value_gregorian=self.gregorian(points, gran) if calendar == "julian" else "",
        )

    def gregorian(self, points: list[Parts], gran: str) -> str:
        """Gregorian value of Julian day-level points written before the 1918 reform ("" otherwise)."""
        out = []
        for p in points:
            if None in (p.year, p.month, p.day) or (p.year, p.month, p.day) >= JULIAN_END:
                return ""
            g = julian_to_gregorian(p.year, p.month, p.day)
            if g is None:
                return ""
            text = g.isoformat()
            out.append(text + (f"T{p.hour:02d}:{p.minute:02d}" if gran == "time" else ""))
        return "/".join(out)


def _year_text(year: int | None) -> str:
    if year is None:
        return "XXXX"
    return f"BC{1 - year:04d}" if year <= 0 else f"{year:04d}"


def _written_year(year: int) -> tuple[int, str]:
    return (1 - year, "BCE") if year <= 0 else (year, "")


def _next_day(year: int | None, month: int, day: int) -> tuple[int | None, int, int]:
    if year is None or year <= 0:
        return year, month, day + 1 if day < 28 else day
    d = date(year, month, day) + timedelta(days=1)
    return d.year, d.month, d.day
