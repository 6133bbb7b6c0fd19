"""Step 2, resolution: read the extracted candidates in text order and fill what the text leaves out.

A narrative context carries the last year the text established (with the span it came from), the current month
and day. A date without a year takes the context year (same year even when the month goes back: a history book
rarely jumps a year without writing it); a reign era gives its own year; a sexagenary year takes the cycle year
nearest to its reign era, to its synchronism or to the context year, except an annal header, which comes after
the previous header; relative words ("hôm sau", "năm ấy") move from the current date; a clock time takes the
current day ("3 giờ khuya" = the small hours after it) unless its own day is written ("10 giờ đêm ngày 1-1-1912").
A French Republican date is valued in the Gregorian calendar; a lunar date whose year is known also gets its
Gregorian value (value_gregorian, lunisolar.py), so that every date sorts on one axis.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .calendar import (cycle_of_year, julian_to_gregorian, nearest_cycle_year, republican_to_gregorian,
                       republican_year_of)
from .lunisolar import lunar_to_gregorian
from .lexicon import Lexicon
from .mention import DateMention
from .rules import Candidate

JULIAN_END = (1918, 2, 14)  # Russia moved to the Gregorian calendar on 1918-02-14.
MODERN_CENTURY = 19  # "những năm 90" in a text with no year: the 1990s
AHEAD_MAX = 20  # a two-digit year is at most this many years after the narrative's ("năm 46" after 1945: 1946)
ABBREVIATED_FROM = 1800  # a two-digit year abbreviates one of the narrative's century only in modern narratives
LOOK_BACK = 29  # a cycle year without an era is the first one from 29 years before the narrative year (the nearest,
#                ties forward); in a century named since, the first from its start ("thế kỷ XIII ... năm Đinh Tỵ": 1257)
FRAME_PARTS = {"START": (0, 40), "MID": (30, 70), "END": (60, 100)}  # "cuối thế kỷ XIV": 1360-1400
FLASHBACK = 50  # a bare year inside a sentence more than 50 years before the narrative is a reference to the past
CHAIN_BREAK = 60  # a year written more than one cycle after the last annal header restarts the annals there
RARE_ERA_NEAR = 30  # a rare (Japanese) era beats a Vietnamese or Chinese one of its name only this near its time
ERA_SLACK = 1  # an era's year n may run one year past the first year of the next era (accession-year counting)
WRITTEN, OWN, CONTEXT = "written", "own", "context"  # where a year came from: digits, own words, the narrative


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
    header_year: int | None = None  # year of the last annal header: the next one comes after it
    written: bool = False  # the narrative year was written in digits (not derived from an era or a cycle)
    frame: tuple[int, int] | None = None  # years of the last century or decade named ("thế kỷ mười ba")
    frame_newer: bool = False  # that frame was named after the narrative year was set
    seed_before: int | None = None  # no year yet: the first year the text writes (cycle years come before it)
    last_year: int | None = None  # year of the last point resolved (a regnal-year gloss after "tức" is that year)


@dataclass
class Parts:
    """A resolved calendar point: astronomical year, month, day, hour, minute."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    leap: bool = False  # a lunar leap month ("tháng 3 nhuận")


class Resolver:
    """Turns candidates into DateMentions, one document at a time."""

    def __init__(self, lex: Lexicon, declared_calendar: str):
        self.lex = lex
        self.declared = declared_calendar

    def __call__(self, candidates: list[Candidate]) -> list[DateMention]:
        ctx = Context()
        self.seed(candidates, ctx)
        return [self.resolve(c, ctx) for c in candidates]

    def seed(self, candidates: list[Candidate], ctx: Context) -> None:
        """A text that opens with cycle years before any year or century ("Tháng Chạp năm Ất Dậu ... thế kỷ mười
        ba") places them by the first century (its frame) or the first year written later, in digits or as a reign
        year ("năm Bính Ngọ, tức năm Cảnh Hưng thứ 47"): at or before it."""
        for c in candidates:
            f = c.fields
            if f.get("gran") == "century" and not f.get("bce"):
                ctx.frame, ctx.frame_newer = _frame(f), True
                return
            if "canchi" in f or "start" in f or f.get("bce"):
                continue
            year = f.get("year")
            if year is None and f.get("era") and not f.get("era_whole"):
                year = self.era_year(f["era"], f.get("era_n", 1), None)
            if year is not None:
                ctx.seed_before = year
                return

    def resolve(self, c: Candidate, ctx: Context) -> DateMention:
        f = c.fields
        if "rmonth" in f:
            return self.republican(c, f, ctx)
        if f["gran"] == "decade":
            return self.decade(c, f, ctx)
        if "start" in f:  # "từ A đến B": the end lends its year (and a day its month) to the start
            end_year = self.text_year(f["end"], ctx)[0]
            first = dict(f["start"])
            if first.get("year") is None and end_year is not None and "canchi" not in first and "era" not in first:
                back = first.get("month") is not None and first["month"] > f["end"].get("month", 13)
                first["year"], first["bce"] = _written_year(end_year - back)  # "Đêm 31 tháng 12 rạng ngày 1 tháng 1"
            if first["gran"] == "day" and first.get("month") is None and f["end"].get("month") is not None:
                first.update({k: f["end"][k] for k in ("month", "month_word", "calendar", "leap") if k in f["end"]})
            a, inf_a, lun_a = self.point(first, c, ctx)
            b, inf_b, lun_b = self.point(f["end"], c, ctx)
            value = f"{self.render(a, first['gran'], first)}/{self.render(b, f['end']['gran'], f['end'])}"
            return self.mention(c, value, "range", "", inf_a or inf_b, ctx, lun_a or lun_b, [a, b])
        p, inferred, lunar = self.point(f, c, ctx)
        gran = f["gran"]
        value = self.render(p, gran, f)
        if gran == "range" or f.get("first_months") or f.get("era_whole"):
            value = self.render_span(p, f, ctx)
            gran = "range" if "/" in value else gran
        mod = f.get("mod", "") if "/" not in value else ""
        points = [p] if gran in ("day", "time") else []
        if "end_day" in f and p.day is not None:  # "mồng 3, mồng 4 và mồng 5 Tết": both ends on one axis
            points = [p, replace(p, day=f["end_day"])]
        return self.mention(c, value, gran, mod, inferred, ctx, lunar, points)

    def text_year(self, f: dict, ctx: Context) -> tuple[int | None, str | None]:
        """The year a candidate's words give, and its source: WRITTEN digits, OWN words (a reign era, an annal
        header's place in the annals) or CONTEXT (a cycle year placed near the narrative year)."""
        if f.get("year_of_previous"):  # "năm Canh Thìn, tức năm thứ 26 đời vua Tần": the glossed date's year
            return ctx.last_year, (OWN if ctx.last_year is not None else None)
        written = f.get("year")
        if written is not None and f["gran"] != "century":
            return (1 - written if f.get("bce") else written), WRITTEN
        if "year2" in f:
            return _two_digit_year(f["year2"], ctx, modern=f["gran"] in ("day", "month", "time"))
        annal = f.get("annal") and ctx.header_year is not None
        reference = ctx.header_year if annal else ctx.year
        era_year = self.era_year(f.get("era"), f.get("era_n", 1), f.get("sync_year", reference))
        if "canchi" not in f:
            return era_year, (OWN if era_year is not None else None)
        cycle = f["canchi"]
        if era_year is None:
            era_year = self.era_year(f.get("sync_era"), f.get("sync_n", 1), reference)
        if era_year is None and "sync_year" in f:  # a gloss: "năm Canh Tuất, tức năm 1010"
            era_year = f["sync_year"]
        if era_year is None and "sync_year2" in f:  # "năm Quý Mão, tức năm 43"
            era_year = _two_digit_year(f["sync_year2"], ctx)[0]
        if era_year is not None:
            return nearest_cycle_year(cycle, era_year), OWN
        if annal:  # annals move forward: the first such year after the previous header, or after a year
            last = ctx.header_year  # written more than a cycle later (the annals jumped there)
            if ctx.written and ctx.year is not None and ctx.year > last + CHAIN_BREAK:
                last = ctx.year - 1
            return last + 1 + (cycle - cycle_of_year(last + 1)) % 60, OWN
        regnal = self.regnal_year(f, ctx)
        if regnal is not None:
            return nearest_cycle_year(cycle, regnal), CONTEXT
        if f.get("annal"):  # the first header: the first such year from the narrative year on; before any year,
            if ctx.year is None:  # placed as a bare cycle year is (the text's first century, or its first year)
                year = self.cycle_near_narrative(cycle, ctx)
                return year, (None if year is None else OWN)
            return ctx.year + (cycle - cycle_of_year(ctx.year)) % 60, OWN
        year = self.cycle_near_narrative(cycle, ctx)
        return year, (None if year is None else CONTEXT)

    @staticmethod
    def cycle_near_narrative(cycle: int, ctx: Context) -> int | None:
        """The cycle year of a can-chi without an era: the first from LOOK_BACK years before the narrative year; in
        the century or decade named since (the first from its start, or from the narrative year inside it); before
        any year, in the text's first century, or the last at or before the first year it writes."""
        if ctx.frame is not None and (ctx.frame_newer or ctx.year is None):
            lo, hi = ctx.frame
            start = lo if ctx.year is None or ctx.year - LOOK_BACK > hi else max(lo, ctx.year - LOOK_BACK)
        elif ctx.year is not None:
            start = ctx.year - LOOK_BACK
        elif ctx.seed_before is not None:
            return ctx.seed_before - (cycle_of_year(ctx.seed_before) - cycle) % 60
        else:
            return None
        return start + (cycle - cycle_of_year(start)) % 60

    @staticmethod
    def regnal_year(f: dict, ctx: Context) -> int | None:
        """Approximate year of "năm thứ N" (N > 1) in the reign whose year 1 the narrative has seen."""
        n = f.get("regnal_n")
        if n is None or n == 1 or ctx.reign_start is None:
            return None
        return ctx.reign_start + n - 1

    def era_first(self, era: str | None, n: int, reference: int | None) -> int | None:
        """First year of the era; a name used twice takes, among the eras that last ``n`` years, the one whose year
        ``n`` is nearest the reference (a gloss's year, else the narrative's): "Thiên Chính thứ 10" is no Liang
        year (551-552), it is the Japanese 1582."""
        key = self.lex.key(era) if era else ""
        firsts = self.lex.eras.get(key, [])
        if not firsts:
            return None
        lasting = [y for y in firsts if self.era_lasts(key, y, n)]
        firsts = lasting or firsts  # none lasts so long: the year is miscounted or the table incomplete
        common = [y for y in firsts if (key, y) not in self.lex.era_rare or self.era_near(key, y, reference)]
        firsts = common or firsts  # "năm 1400 ... năm Thiên Phúc thứ 1": Lê Hoàn's, not the Japanese era of 1233
        reference = reference if reference is not None else firsts[0]
        return min(firsts, key=lambda y: abs(y + n - 1 - reference))

    def era_near(self, key: str, first: int, reference: int | None) -> bool:
        """True when ``reference`` is within RARE_ERA_NEAR years of the era starting in ``first``."""
        last = self.lex.era_last.get((key, first), first)
        return reference is not None and first - RARE_ERA_NEAR <= reference <= last + RARE_ERA_NEAR

    def era_lasts(self, key: str, first: int, n: int) -> bool:
        """True when the era starting in ``first`` has a year ``n``: its last year is the next era of its dynasty
        (ERA_SLACK more: some chronicles count year 1 from the accession, a year early); the last era has no end."""
        last = self.lex.era_last.get((key, first))
        return last is None or first + n - 1 <= last + ERA_SLACK

    def gregorian_era(self, era: str, n: int, year: int | None) -> bool:
        """True when ``year`` of the era falls after its state adopted the Gregorian calendar."""
        first = self.era_first(era, n, year)
        since = self.lex.era_gregorian.get((self.lex.key(era), first)) if first is not None else None
        return since is not None and year is not None and year >= since

    def era_year(self, era: str | None, n: int, reference: int | None) -> int | None:
        """Year ``n`` of the era (first year + n - 1)."""
        first = self.era_first(era, n, reference)
        return None if first is None else first + n - 1

    def point(self, f: dict, c: Candidate, ctx: Context) -> tuple[Parts, bool, bool]:
        """Resolve one calendar point and update the context; returns (parts, year_inferred, lunar)."""
        p, inferred, lunar = self.point_parts(f, c, ctx)
        ctx.last_year = p.year
        return p, inferred, lunar

    def point_parts(self, f: dict, c: Candidate, ctx: Context) -> tuple[Parts, bool, bool]:
        """The parts of one calendar point (``point`` without remembering its year)."""
        year, source = self.text_year(f, ctx)
        lunar = f.get("calendar") == "lunar" or "canchi" in f or "era" in f
        gran = f["gran"]
        p = Parts(year=year, month=f.get("month"), day=f.get("day"))
        if gran == "century":
            if not f.get("bce") and f.get("narrative") is not False:
                ctx.frame, ctx.frame_newer = _frame(f), True
            return p, False, lunar
        if self.relative(f, p, ctx):
            if gran == "time":  # "3 giờ chiều hôm sau"
                self.clock(f, p, ctx)
            return p, p.year is not None, lunar or ctx.lunar
        if "era" in f and "canchi" not in f and self.gregorian_era(f["era"], f.get("era_n", 1), year):
            lunar = False  # "năm Dân quốc thứ 5": the Republic of China counted Gregorian years
        inferred = source in (OWN, CONTEXT) or bool(f.get("gloss"))  # "Năm Tân Mão (1771)": the year is the gloss's
        if f.get("recurring"):  # "ngày 1 tháng 10 hằng năm": every year, no year of its own
            return Parts(month=f.get("month"), day=f.get("day")), False, lunar
        if year is None and ctx.year is not None:
            p.year, inferred, lunar = ctx.year, True, lunar or ctx.lunar
        elif source == CONTEXT:
            lunar = lunar or ctx.lunar
        if f.get("year_before") and source in (WRITTEN, OWN, CONTEXT) and p.year is not None:
            p.year -= 1  # "29 Tết Giáp Thìn": the last days of the year before Giáp Thìn
        if f.get("new_year") and source is None and p.year is not None and ctx.month == 12:
            p.year += 1  # Tết after the twelfth month: the next year ("Đêm 30 Tết ... Mồng 5 Tết")
            ctx.year = p.year
        lunar_words = [f[k] for k in ("day_word", "month_word") if f.get(k)]
        lunar = lunar or any(self.lex.lookup("lunar_only", w) for w in lunar_words)  # "rằm", "tháng chạp"
        lunar = lunar and f.get("calendar") != "gregorian"  # "dương lịch" written after the date
        if lunar and f.get("month_word"):  # "tháng một" is the eleventh lunar month
            p.month = int(self.lex.lookup("lunar_month_words", f["month_word"]) or p.month)
        p.leap = bool(f.get("leap"))
        lunar = lunar or p.leap  # only a lunar year has a leap month ("tháng 3 nhuận")
        if gran in ("day", "time") and p.month is None and ctx.month is not None:
            p.month, inferred = ctx.month, True
        if gran == "time":
            self.clock(f, p, ctx)
        if f.get("narrative") is False:
            return p, inferred, lunar
        self.advance(f, c, ctx, p, source, lunar)
        return p, inferred, lunar

    def advance(self, f: dict, c: Candidate, ctx: Context, p: Parts, source: str | None, lunar: bool) -> None:
        """Move the narrative to a point: its year when the words gave one, its month and day."""
        gran = f["gran"]
        if p.year is not None and f.get("regnal_n"):
            ctx.reign_start = p.year - f["regnal_n"] + 1
        if f.get("annal") and p.year is not None:
            ctx.header_year = p.year
        if f.get("era_whole") or (not f.get("annal") and _before(p.year, ctx.header_year)):
            return
        if (gran == "year" and source == WRITTEN and not f.get("opens") and ctx.year is not None
                and p.year is not None and p.year < ctx.year - FLASHBACK):
            return  # "(năm 1945) ... bản Tuyên ngôn Độc lập năm 1776 của nước Mỹ": the narrative stays in 1945  # a reign era as a whole, or a year before the current annal: a reference, not the narrative
        if source in (WRITTEN, OWN) or (source == CONTEXT and "canchi" in f and (gran != "year" or (
                f.get("opens") and (ctx.year is None or p.year is None or p.year >= ctx.year)))):  # a bare one: forward
            # a cycle year that dates a day, a month or a season ("Tết Kỷ Dậu") moves the narrative there
            ctx.year, ctx.anchor = p.year, (c.start, c.end)  # a period "1914-1916" sets the narrative at its start
            ctx.frame_newer = False
            ctx.written = source == WRITTEN
            ctx.lunar = lunar if (lunar or gran not in ("year", "range")) else ctx.lunar
        if gran in ("year", "century") or (source in (WRITTEN, OWN) and gran == "season"):
            ctx.month, ctx.day = None, None
        if f.get("end_month") or p.month is not None and (gran != "time" or f.get("day_written")):
            ctx.month = f.get("end_month") or p.month
            ctx.day = f.get("end_day") or p.day
            ctx.small_hours = False

    def relative(self, f: dict, p: Parts, ctx: Context) -> bool:
        """Resolve "hôm sau", "tháng ấy", "năm sau", "tháng 3 năm sau" from the current date; False otherwise."""
        offsets = {k: int(f[k]) for k in ("day_offset", "month_offset", "year_offset") if f.get(k) is not None}
        if not offsets:
            return False
        if min(offsets.values()) < 0:  # "năm trước", "hôm trước" look back: the narrative stays where it is
            ctx = replace(ctx)
        p.year = None if ctx.year is None else ctx.year + offsets.get("year_offset", 0)
        if "day_offset" in offsets:
            p.month, p.day = ctx.month, ctx.day
            if p.day is not None and p.month is not None:
                p.year, p.month, p.day = _add_days(p.year, p.month, p.day, offsets["day_offset"], ctx.lunar)
            ctx.day, ctx.small_hours = p.day, False
        elif "month_offset" in offsets:
            if ctx.month is not None:
                months = (p.year or 0) * 12 + ctx.month - 1 + offsets["month_offset"]
                p.year, p.month = (months // 12 if p.year is not None else None), months % 12 + 1
            ctx.month, ctx.day = p.month, None
        elif p.month is None and offsets["year_offset"]:  # "năm sau" alone: a new year, no month yet
            ctx.month, ctx.day = None, None
        if p.month is not None and p.month != ctx.month and "day_offset" not in offsets:
            ctx.month, ctx.day = p.month, p.day
        ctx.year = p.year if p.year is not None else ctx.year
        return True

    def clock(self, f: dict, p: Parts, ctx: Context) -> None:
        """Fill hour/minute and the day of a clock time; the small hours (khuya, đêm) belong to the next day."""
        if "branch_hour" in f:
            p.hour, p.minute = (int(f["branch_hour"]) * 2 - 1) % 24, 0
        else:
            p.hour, p.minute = f["hour"], f.get("minute", 30 if f.get("half") else 0)
        written = bool(f.get("day_written"))
        if not written:
            p.day = ctx.day
        part = self.lex.tables["clock_parts"].get(self.lex.key(f.get("clock", "")), "")
        if not part:
            return
        pm_from, small_below = part.split("\t")
        if pm_from != "-" and int(pm_from) <= p.hour < 12:
            p.hour += 12
        small = int(small_below) > p.hour or (int(small_below) > 0 and p.hour == 12)
        p.hour = 0 if small and p.hour == 12 else p.hour
        if small and not written and p.day is not None and p.month is not None and not ctx.small_hours:
            p.year, p.month, p.day = _add_days(p.year, p.month, p.day, 1, False)
            ctx.month, ctx.day, ctx.small_hours = p.month, p.day, True

    def render(self, p: Parts, gran: str, f: dict) -> str:
        """The TIMEX3 value of one point at its granularity (century "18" = the 1800s, "thế kỷ XIX")."""
        y = _year_text(p.year)
        if gran == "century":
            return ("BC" if f.get("bce") else "") + f"{f['century'] - 1:02d}"
        if gran == "season":
            return f"{y}-{f['season']}"
        if gran == "quarter":
            return f"{y}-Q{f['quarter']}"
        if gran == "year" or (gran == "range" and "end_year" in f):
            return y
        m = "XX" if p.month is None else f"{p.month:02d}"
        if gran == "month" or (gran == "range" and "end_month" in f):
            return f"{y}-{m}"
        d = "XX" if p.day is None else f"{p.day:02d}"
        if gran == "time":
            return f"{y}-{m}-{d}T{p.hour:02d}:{p.minute:02d}"
        return f"{y}-{m}-{d}"

    def render_span(self, p: Parts, f: dict, ctx: Context) -> str:
        """Ranges written in one expression: years, months or days of a list, the first/last n months, the
        years of a bare reign era ("năm Diên Ninh" -> 1454/1459; its first year when the table has no end)."""
        if f.get("era_whole"):
            first = self.era_first(f["era"], 1, ctx.year if p.year is None else p.year)
            last = self.lex.era_last.get((self.lex.key(f["era"]), first))
            return _year_text(first) + ("" if last is None else f"/{_year_text(last)}")
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

    def republican(self, c: Candidate, f: dict, ctx: Context) -> DateMention:
        """A French Republican date or month, valued in the Gregorian calendar (value_gregorian the same). Without
        its year ("9 Thermidor"), the Republican year whose day falls in the narrative year."""
        month, day = int(f["rmonth"]), f.get("day")
        year, inferred = f.get("ryear"), False
        if year is None and ctx.year is not None:
            year, inferred = republican_year_of(month, day or 1, ctx.year), True
        first = republican_to_gregorian(year, month, day or 1) if year is not None else None
        if first is None:
            value, gran = ("XXXX-XX-XX" if day else "XXXX-XX"), f["gran"]
        elif day is not None:
            value, gran = first.isoformat(), "day"
            if not inferred:
                ctx.year, ctx.anchor, ctx.written, ctx.lunar = first.year, (c.start, c.end), False, False
            ctx.month, ctx.day = first.month, first.day
        else:
            last = first + timedelta(days=(5 if month == 13 else 29))
            value, gran = f"{first.isoformat()}/{last.isoformat()}", "range"
        return DateMention(start=c.start, end=c.end, value=value, granularity=gran, mod=f.get("mod", ""),
                           year_inferred=inferred and first is not None,
                           anchor=ctx.anchor if inferred and first is not None else None,
                           calendar="republican", value_gregorian=value if first is not None else "")

    def decade(self, c: Candidate, f: dict, ctx: Context) -> DateMention:
        """TIMEX3 decades: "thập niên 1930" -> 193; "những năm 40 của thế kỷ XX" -> 194; "những năm 90" alone takes
        the narrative's century (the twentieth when the text has none). A decade is a reference: the narrative
        stays where it is."""
        inferred = False
        if "decade" in f:
            value = f"{f['decade'] // 10:03d}"
        else:
            if "century" in f:
                hundreds = f["century"] - 1
            else:
                inferred = ctx.year is not None and ctx.year > 0
                hundreds = ctx.year // 100 if inferred else MODERN_CENTURY
            value = f"{hundreds * 10 + f['decade_short'] // 10:03d}"
        return DateMention(start=c.start, end=c.end, value=value, granularity="decade", mod=f.get("mod", ""),
                           year_inferred=inferred, anchor=ctx.anchor if inferred else None,
                           calendar=self.declared)

    def mention(self, c: Candidate, value: str, gran: str, mod: str, inferred: bool, ctx: Context,
                lunar: bool, points: list[Parts]) -> DateMention:
        written = c.fields.get("calendar") or c.fields.get("end", {}).get("calendar")  # "theo lịch cũ", "dương lịch"
        if written == "old":  # "theo lịch cũ": lunar with a lunar month's name or after 1918, else Julian
            month_word = c.fields.get("month_word") or ""
            lunar = (lunar or bool(self.lex.lookup("lunar_month_words", month_word.lower()))
                     or any(p.year is not None and p.year >= JULIAN_END[0] for p in points))
            written = "julian"
        calendar = "lunar" if lunar else (written if written in ("gregorian", "julian") else self.declared)
        anchor = ctx.anchor if inferred else None
        converted = ""
        if calendar == "julian":
            converted = self.gregorian(points, gran, julian_to_gregorian)
        elif calendar == "lunar":
            converted = self.gregorian(points, gran, _lunar_date)
        return DateMention(
            start=c.start, end=c.end, value=value, granularity=gran, mod=mod or "",
            year_inferred=inferred, anchor=anchor, calendar=calendar, value_gregorian=converted,
        )

    def gregorian(self, points: list[Parts], gran: str, convert) -> str:
        """Gregorian value of day-level points: Julian dates written before the 1918 reform, lunar dates with a
        known year ("" otherwise)."""
        out = []
        for p in points:
            if None in (p.year, p.month, p.day) or (convert is julian_to_gregorian and (p.year, p.month, p.day) >= JULIAN_END):
                return ""
            g = convert(p.year, p.month, p.day) if convert is julian_to_gregorian else convert(p)
            if g is None:
                return ""
            text = g.isoformat()
            out.append(text + (f"T{p.hour:02d}:{p.minute:02d}" if gran == "time" else ""))
        return "/".join(out)


def _two_digit_year(yy: int, ctx: Context, modern: bool = False) -> tuple[int, str]:
    """A year written with two digits. Books abbreviate only modern years: in a narrative since 1800 it is in the
    narrative's century ("2/9/45" in 1945; before any year, the century of the first year the text writes), or in
    the century before where that would put it more than AHEAD_MAX years after the narrative ("năm 99" after "năm
    2008" is 1999, not 2099); in an older narrative it is the year itself ("năm 111 TCN ... năm 43"), and so is a
    year or a season's in a text that writes no year at all ("Hai Bà Trưng khởi nghĩa năm 40"), where only a day's
    or a month's (``modern``: "2/9/45", "ngày 9 tháng 3 năm 45") is read in the twentieth century."""
    reference = ctx.year if ctx.year is not None else ctx.seed_before
    if reference is None and modern:
        return MODERN_CENTURY * 100 + yy, OWN
    if reference is None or reference < ABBREVIATED_FROM:
        return yy, WRITTEN
    year = reference // 100 * 100 + yy
    if year > reference + AHEAD_MAX:
        year -= 100
    return year, OWN


def _frame(f: dict) -> tuple[int, int]:
    """Years of a century (1200-1300 for "thế kỷ XIII"), or of its part named by a mod ("cuối": 1260-1300)."""
    first = (f["century"] - 1) * 100
    lo, hi = FRAME_PARTS.get(f.get("mod", ""), (0, 100))
    return first + lo, first + hi


def _lunar_date(p: Parts) -> date | None:
    return lunar_to_gregorian(p.day, p.month, p.year, p.leap)


def _before(year: int | None, header_year: int | None) -> bool:
    return year is not None and header_year is not None and year < header_year


def _year_text(year: int | None) -> str:
    if year is None:
        return "XXXX"
    return f"BC{1 - year:04d}" if year <= 0 else f"{year:04d}"


def _written_year(year: int) -> tuple[int, str]:
    return (1 - year, "BCE") if year <= 0 else (year, "")


def _add_days(year: int | None, month: int, day: int, days: int, lunar: bool) -> tuple[int | None, int, int | None]:
    """The day ``days`` after a date; a lunar day or a day without a usable year only moves inside its month
    (None when it would leave it: month lengths are unknown)."""
    if lunar or year is None or year <= 0:
        moved = day + days
        return (year, month, moved) if 1 <= moved <= 29 else (year, month, None)
    d = date(year, month, day) + timedelta(days=days)
    return d.year, d.month, d.day
