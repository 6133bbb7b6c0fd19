"""Step 1, extraction: run every rule, drop impossible dates, keep the longest non-overlapping matches, cut
prepositions/approximators/plurals off the span, attach part-of-period words ("cuối tháng 2") and calendar marks
("âm lịch"), join a clock time to its day ("10 giờ đêm ngày 1-1-1912"), join "từ A đến B" ranges and "A và B"
lists, and link an annal header to its synchronism ("(Hán Kiến Vũ năm thứ 17)"). No year is guessed here.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from .calendar import is_valid_day, republican_day_valid, split_glued_day_month
from .lexicon import Lexicon
from .rules import Candidate, Rule, make_converter

_PREFIX_WINDOW = 40
TET_EVE_FROM = 20  # "mồng 7 Tết" is in the new year's first month, "30 Tết" is New Year's Eve
_SYNC_WINDOW = 200  # the parentheses after an annal header: "(Hán Kiến Hưng năm thứ 9; Ngô Hoàng Vũ năm thứ 3)"


class CandidateFinder:
    """Applies the rules of one lexicon to a text and returns the selected candidates in text order."""

    def __init__(self, lex: Lexicon, rules: list[Rule]):
        self.lex = lex
        self.rules = rules
        self.convert = make_converter(lex)
        flags = re.IGNORECASE
        self.mod_prefix = re.compile(lex.expand(
            r"(?:(?:%day_head|%month_head|%year_head)\s+)?(?P<mod>%mods)\s+$"), flags)
        self.mod_blocker = re.compile(lex.expand(r"(?:%mod_blocker)\s+$"), flags)
        self.outside = re.compile(lex.expand(r"(?:(?:%outside)\s+)+"), flags)
        self.range_from = re.compile(lex.expand(r"(?:%range_from)\s+$"), flags)
        self.range_to = re.compile(lex.expand(r"\s+(?:%range_to)\s+$|\s*[-–]\s*$"), flags)
        self.list_and = re.compile(lex.expand(r"\s*,?\s+(?:%and)\s+"), flags)
        self.sync_gap = re.compile(lex.expand(r"[\s,;:]*(?:\(|(?:%era_link)\s)[^\n.()]{0,60}"), flags)
        self.calendar_mark = re.compile(lex.expand(
            r"\s*\(\s*(?:%calendar_lead\s+)?(?P<c1>%calendar_marks)\s*\)|\s+(?:%calendar_lead\s+)?(?P<c2>%calendar_marks)"), flags)
        self.weekday = re.compile(lex.expand(
            r"(?<!\w)(?:%weekdays)\s*,?\s+(?:(?:%day_head)\s+)?$"), flags)
        self.ordinal_noun = re.compile(lex.expand(r"(?:%ordinal_noun)\s+$"), flags)
        self.clock_part = re.compile(lex.expand(r"(?P<dp>%clock_parts)\s"), flags)
        self.time_day_gap = re.compile(r"\s*,?\s+")
        self.dawn_gap = re.compile(lex.expand(r"\s+(?:(?:%dawn)\s+)?"), flags)
        self.opening = re.compile(lex.expand(r"[.!?\n][\s\"“'(]*(?:(?:%outside)\s+)*$"), flags)
        self.yearly = re.compile(lex.expand(r"\s+(?:%yearly)(?![^\W\d_])"), flags)
        self.gloss_gap = re.compile(lex.expand(r"\s*,?\s*(?:%gloss_lead)\s+(?:(?:%outside)\s+)*"), flags)

    def __call__(self, text: str) -> list[Candidate]:
        found = [self.trim_outside(text, c) for rule in self.rules for c in rule.matches(text, self.convert)
                 if self.valid(c)]  # trimmed first: "khoảng 5 giờ 30 sáng" is no longer than its words
        chosen = [self.attach_yearly(text, self.attach_weekday(text, self.attach_calendar(text, self.attach_prefix(text, c))))
                  for c in select_longest(found)]
        chosen = self.unwrap_glosses(text, [self.mark_opening(text, c) for c in chosen])
        chosen = self.link_synchronisms(text, self.join_ranges(text, self.join_time_day(text, chosen)))
        return self.link_glosses(text, chosen)

    def mark_opening(self, text: str, c: Candidate) -> Candidate:
        """Mark a year that opens its sentence ("Năm 1858, Pháp ...", "Vào năm 1858") or an editor's "[1442]": only
        such a year may take the narrative far back; inside a sentence ("Tuyên ngôn năm 1776 của nước Mỹ") a year is
        a reference."""
        if c.fields.get("gran") != "year":
            return c
        start = max(0, c.start - _PREFIX_WINDOW)
        left = ("\n" if start == 0 else "") + text[start:c.start]
        if text[c.start] == "[" or self.opening.search(left):
            return replace(c, fields=dict(c.fields, opens=True))
        return c

    @staticmethod
    def unwrap_glosses(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """The CE year in parentheses after a traditional date ("Năm Tân Mão (1771)") is a mention of its own
        without the parentheses (the traditional date took its year from it); a bare "(1930)" keeps them."""
        out = list(chosen)
        for i in range(1, len(out)):
            a, b = out[i - 1], out[i]
            if a.fields.get("gloss") and text[b.start] == "(" and not text[a.end:b.start].strip():
                inner = text[b.start + 1:b.end - 1]
                start = b.start + 1 + len(inner) - len(inner.lstrip())
                out[i] = replace(b, start=start, end=start + len(inner.strip()))
        return out

    def valid(self, c: Candidate) -> bool:
        """Reject impossible dates (month 23, 31 April) and year ranges that are not ranges."""
        f = c.fields
        if "glued" in f:
            split = split_glued_day_month(f.pop("glued"), f.get("year"))
            if split is None:
                return False
            f["day"], f["month"] = split
        for key in ("festival", "named"):  # "Trung thu" = lunar 8-15; "mồng 7 Tết" = day 7 of month 1
            if key in f:
                month, day = (int(v) for v in f.pop(key).split("\t"))
                if (month, day) == (1, 1) and f.get("day", 0) >= TET_EVE_FROM:  # "30 Tết": the eve, month 12
                    month, f["year_before"] = 12, True                        # of the year before
                elif (month, day) == (1, 1):
                    f["new_year"] = True
                f.setdefault("month", month)
                f.setdefault("day", day)
        if "season_pair" in f:  # "Thu đông 1947": two seasons, the second maybe in the next year
            first, second, later = f.pop("season_pair").split("\t")
            end_year = f.pop("pair_end_year", None) or f["year"] + int(later)
            f["start"] = {"gran": "season", "season": first, "year": f.pop("year")}
            f["end"] = {"gran": "season", "season": second, "year": end_year}
            return end_year - f["start"]["year"] == int(later)
        if "rmonth" in f:
            return republican_day_valid(int(f["rmonth"]), f.get("day"), f.get("ryear"))
        if "decade" in f and f["decade"] % 10:
            return False
        lunar = f.get("calendar") == "lunar"
        for month_key, day_key in (("month", "day"), ("end_month", "end_day")):
            month = f.get(month_key, f.get("month"))
            if month is not None and not 1 <= month <= 12:
                return False
            if f.get(day_key) is not None and not is_valid_day(f.get("year"), month or 1, f[day_key], lunar):
                return False
        if "end_year" in f:
            return _plausible_year_range(f["year"], f["end_year"], bool(f.get("bce")))
        return True

    def trim_outside(self, text: str, c: Candidate) -> Candidate:
        """Cut leading prepositions, approximators and plurals ("chừng", "những") off a candidate's span."""
        m = self.outside.match(text, c.start, c.end)
        return replace(c, start=m.end()) if m and m.end() < c.end else c

    def attach_prefix(self, text: str, c: Candidate) -> Candidate:
        """Widen a candidate over a leading "cuối/đầu/giữa" (mod), with the head it qualifies ("ngày đầu")."""
        left = text[max(0, c.start - _PREFIX_WINDOW):c.start]
        m = self.mod_prefix.search(left)
        if m and "mod" not in c.fields and not self.mod_blocker.search(left[:m.start("mod")]):
            fields = dict(c.fields, mod=self.lex.lookup("mods", m.group("mod")))
            return replace(c, start=c.start - (len(left) - m.start()), fields=fields)
        return c

    def attach_weekday(self, text: str, c: Candidate) -> Candidate:
        """Widen a day over the weekday written before it ("thứ hai, ngày 2 tháng 3 năm 1903", "chủ nhật 18-3")."""
        if c.fields.get("gran") not in ("day", "time"):
            return c
        m = self.weekday.search(text, max(0, c.start - _PREFIX_WINDOW), c.start)
        if not m or self.ordinal_noun.search(text, max(0, m.start() - _PREFIX_WINDOW), m.start()):
            return c
        return replace(c, start=m.start())

    def attach_calendar(self, text: str, c: Candidate) -> Candidate:
        """Widen a candidate over a following calendar mark ("ngày 13 tháng 8 âm lịch"), which sets its calendar."""
        m = self.calendar_mark.match(text, c.end)
        if not m:
            return c
        calendar = self.lex.lookup("calendar_marks", m.group("c1") or m.group("c2"))
        return replace(c, end=m.end(), fields=dict(c.fields, calendar=calendar))

    def attach_yearly(self, text: str, c: Candidate) -> Candidate:
        """Mark a day or a month followed by "hằng năm" as recurring: it has no year ("mồng 5 tháng Giêng hằng năm"
        is XXXX-01-05) and leaves the narrative where it is; the words stay outside the span."""
        if c.fields.get("gran") in ("day", "month") and self.yearly.match(text, c.end):
            return replace(c, fields=dict(c.fields, recurring=True))
        return c

    def join_time_day(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Join a clock time and the day right after it into one time ("9 giờ 30 sáng ngày 12-3-1925"); a part of
        the day that opens the day's span ("9 giờ tối ngày 5-3") sets the clock."""
        out: list[Candidate] = []
        for c in chosen:
            a = out[-1] if out else None
            if (a is not None and a.fields.get("gran") == "time" and "day_written" not in a.fields
                    and c.fields.get("gran") == "day" and self.time_day_gap.fullmatch(text, a.end, c.start)):
                clock = {k: a.fields[k] for k in ("hour", "minute", "half", "clock", "branch_hour") if k in a.fields}
                part = self.clock_part.match(text, c.start)
                if part and "clock" not in clock:
                    clock["clock"] = part.group("dp")
                fields = dict(c.fields, **clock, gran="time", day_written=True)
                out[-1] = Candidate(a.start, c.end, a.rule, a.priority, fields)
                continue
            out.append(c)
        return out

    def join_ranges(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Join "(từ) A đến B" and "A và B" of the same unit into one range candidate A/B."""
        out: list[Candidate] = []
        i = 0
        while i < len(chosen):
            a = chosen[i]
            b = chosen[i + 1] if i + 1 < len(chosen) else None
            if b is not None and self.joinable(text, a, b):
                fields = {"gran": "range", "start": a.fields, "end": b.fields}
                out.append(Candidate(a.start, b.end, "range_from_to", a.priority, fields))
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def joinable(self, text: str, a: Candidate, b: Candidate) -> bool:
        """True for "từ A đến B", "A đến B" and "A và B" where A and B are dates of the same unit."""
        gran = a.fields.get("gran")
        if a.fields.get("night") and gran == b.fields.get("gran") == "day" and "start" not in b.fields:
            return bool(self.dawn_gap.fullmatch(text, a.end, b.start))  # "Đêm 30 rạng sáng ngày 31-1-1968"
        if gran != b.fields.get("gran") or gran in ("range", "century") or "start" in a.fields:
            return False
        if "rmonth" in a.fields or "rmonth" in b.fields:  # Republican dates are valued one by one
            return False
        if any(f.get(k) for f in (a.fields, b.fields) for k in ("day_offset", "month_offset", "year_offset")):
            return False
        gap = text[a.end:b.start]
        if self.list_and.fullmatch(gap):  # "mùa đông năm 1941 và mùa xuân năm 1942": two dates, each with its year
            return gran == "year" or a.fields.get("year") is None or b.fields.get("year") is None
        return bool(self.range_to.search(gap)) and len(gap) <= 12 and (
            bool(self.range_from.search(text[max(0, a.start - 10):a.start])) or bool(self.range_to.fullmatch(gap)))

    def link_synchronisms(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Give an annal header without a reign era the era date that follows it ("Kỷ Hợi, [39], (Hán Quang Vũ,
        Kiến Vũ năm thứ 15)"): its cyclic year is then the one nearest that era year. The era dates of the
        header's parentheses are synchronisms: they do not move the narrative, the header does."""
        out = list(chosen)
        for i, a in enumerate(chosen):
            if not a.fields.get("annal") or i + 1 == len(chosen):
                continue
            b = chosen[i + 1]
            if "era" in b.fields and "era_whole" not in b.fields and self.sync_gap.fullmatch(text, a.end, b.start):
                if "era" not in a.fields:
                    out[i] = replace(a, fields=dict(a.fields, sync_era=b.fields["era"], sync_n=b.fields.get("era_n", 1)))
                close = text.find(")", b.start, b.start + _SYNC_WINDOW)
                for j in range(i + 1, len(chosen)):
                    if chosen[j].start > max(close, b.start) or "era" not in chosen[j].fields:
                        break
                    out[j] = replace(chosen[j], fields=dict(chosen[j].fields, narrative=False))
        return out

    def link_glosses(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Give a can-chi date the year of the date that glosses it after "tức" ("Mùa xuân năm Canh Tý, tức năm Kiến
        Vũ thứ 16"; "Tháng 5 năm Quý Mão, tức năm 43"; "ngày mồng 8 tháng 3 năm Mậu Tý, tức ngày 9 tháng 4 năm
        1288"): its cycle year is then the one nearest that year. An era date takes the written year of its gloss
        to choose among the eras of its name ("năm Thiên Chính thứ 10, tức năm 1582": the Japanese era, not the
        Liang one). The gloss stays a mention of its own; a regnal year that glosses a date ("năm Canh Thìn, tức năm
        thứ 26 đời vua Tần") is that date's year, and is no date without one."""
        out = list(chosen)
        for i in range(len(chosen) - 1):
            a, b = chosen[i], chosen[i + 1]
            if b.fields.get("regnal_gloss") and self.gloss_gap.fullmatch(text, a.end, b.start):
                out[i + 1] = replace(b, fields=dict(b.fields, year_of_previous=True))
            target = a.fields.get("end", a.fields)
            if (("canchi" not in target and "era" not in target) or target.get("year") is not None
                    or target.get("era_whole") or not self.gloss_gap.fullmatch(text, a.end, b.start)):
                continue
            sync = _gloss_year(b.fields.get("end", b.fields))
            if "era" in target:  # an era's gloss only picks which era of that name: its written year
                sync = {k: v for k, v in sync.items() if k == "sync_year"}
            if sync:
                fields = dict(a.fields, end=dict(target, **sync)) if "end" in a.fields else dict(a.fields, **sync)
                out[i] = replace(a, fields=fields)
        return [c for c in out if not c.fields.get("regnal_gloss") or c.fields.get("year_of_previous")]


def _gloss_year(f: dict) -> dict:
    """What a glossing date says of its year: written digits, two digits, or a reign era year (empty otherwise)."""
    if "canchi" in f or f.get("gran") in ("century", "decade") or f.get("era_whole"):
        return {}
    if f.get("year") is not None:
        return {"sync_year": 1 - f["year"] if f.get("bce") else f["year"]}
    if "year2" in f:
        return {"sync_year2": f["year2"]}
    if f.get("era"):
        return {"sync_era": f["era"], "sync_n": f.get("era_n", 1)}
    return {}


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates: longest first, then rule order; result in text order.

    The chosen spans are kept in text order: they do not overlap, so their ends rise with their starts, and
    only the last one starting before a candidate's end can overlap it (a bisection, not a pass over all)."""
    taken: list[Candidate] = []
    starts: list[int] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        k = bisect_left(starts, c.end)
        if k == 0 or taken[k - 1].end <= c.start:
            taken.insert(k, c)
            starts.insert(k, c.start)
    return taken


def _plausible_year_range(first: int, last: int, bce: bool) -> bool:
    if min(len(str(first)), len(str(last))) < 3 and not bce:
        return False
    span = first - last if bce else last - first
    return 0 < span <= 200
