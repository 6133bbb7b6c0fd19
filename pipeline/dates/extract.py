"""Step 1, extraction: run every rule, drop impossible dates, keep the longest non-overlapping matches, then
attach part-of-period words ("cuối tháng 2") and join "từ A đến B" ranges. No year is guessed here.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .calendar import is_valid_day, split_glued_day_month
from .lexicon import Lexicon
from .rules import Candidate, Rule, make_converter

_PREFIX_WINDOW = 40


class Extractor:
    """Applies the rules of one lexicon to a text and returns the selected candidates in text order."""

    def __init__(self, lex: Lexicon, rules: list[Rule]):
        self.lex = lex
        self.rules = rules
        self.convert = make_converter(lex)
        flags = re.IGNORECASE
        self.mod_prefix = re.compile(lex.expand(
            r"(?:(?:%plural)\s+)?(?:(?:%day_head|%month_head|%year_head)\s+)?(?P<mod>%mods)\s+$"), flags)
        self.mod_blocker = re.compile(lex.expand(r"(?:%mod_blocker)\s+$"), flags)
        self.plural_prefix = re.compile(lex.expand(r"(?:%plural)\s+$"), flags)
        self.heads = re.compile(lex.expand(r"(?:%day_head|%month_head|%year_head)"), flags)
        self.range_from = re.compile(lex.expand(r"(?:%range_from)\s+$"), flags)
        self.range_to = re.compile(lex.expand(r"\s+(?:%range_to)\s+$|\s*[-–]\s*$"), flags)

    def __call__(self, text: str) -> list[Candidate]:
        found = [c for rule in self.rules for c in rule.matches(text, self.convert) if self.valid(c)]
        chosen = select_longest(found)
        chosen = [self.attach_prefix(text, c) for c in chosen]
        return self.join_ranges(text, chosen)

    def valid(self, c: Candidate) -> bool:
        """Reject impossible dates (month 23, 31 April) and year ranges that are not ranges."""
        f = c.fields
        if "glued" in f:
            split = split_glued_day_month(f.pop("glued"), f.get("year"))
            if split is None:
                return False
            f["day"], f["month"] = split
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

    def attach_prefix(self, text: str, c: Candidate) -> Candidate:
        """Widen a candidate over a leading "cuối/đầu/giữa" (mod) or a plural word before its head."""
        left = text[max(0, c.start - _PREFIX_WINDOW):c.start]
        m = self.mod_prefix.search(left)
        if m and "mod" not in c.fields and not self.mod_blocker.search(left[:m.start("mod")]):
            fields = dict(c.fields, mod=self.lex.lookup("mods", m.group("mod")))
            return replace(c, start=c.start - (len(left) - m.start()), fields=fields)
        m = self.plural_prefix.search(left)
        if m and self.heads.match(text, c.start):
            return replace(c, start=c.start - (len(left) - m.start()))
        return c

    def join_ranges(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Join "từ A đến B" into one range candidate A/B (the span starts after "từ")."""
        out: list[Candidate] = []
        i = 0
        while i < len(chosen):
            a = chosen[i]
            b = chosen[i + 1] if i + 1 < len(chosen) else None
            if (b is not None and a.fields.get("gran") == b.fields.get("gran") != "range"
                    and self.range_to.search(text[a.end:b.start]) and len(text[a.end:b.start]) <= 12
                    and self.range_from.search(text[max(0, a.start - 10):a.start])):
                fields = {"gran": "range", "start": a.fields, "end": b.fields}
                out.append(Candidate(a.start, b.end, "range_from_to", a.priority, fields))
                i += 2
                continue
            out.append(a)
            i += 1
        return out


def select_longest(candidates: list[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates: longest first, then rule order; result in text order."""
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _plausible_year_range(first: int, last: int, bce: bool) -> bool:
    if min(len(str(first)), len(str(last))) < 3 and not bce:
        return False
    span = first - last if bce else last - first
    return 0 < span <= 200
