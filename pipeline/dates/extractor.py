"""The date extractor: ``DateExtractor()(clean_text, sentences) -> list[DateMention]``."""
from __future__ import annotations

from bisect import bisect_right

from .candidates import CandidateFinder
from .lexicon import load_lexicon
from .mention import DateMention
from .resolve import Resolver
from .rules import Candidate, load_rules

CALENDARS = ("as_written", "gregorian", "julian", "lunar")


class DateExtractor:
    """Finds temporal expressions with data-driven rules, then resolves years from the narrative.

    ``declared_calendar`` is the calendar the document's modern dates are written in; with "julian",
    day-level dates before 1918-02-14 also get ``value_gregorian``.
    """

    def __init__(self, declared_calendar: str = "as_written") -> None:
        if declared_calendar not in CALENDARS:
            raise ValueError(f"unknown calendar {declared_calendar!r}; expected one of {CALENDARS}")
        self.lexicon = load_lexicon()
        self.rules = load_rules(self.lexicon)
        self.find = CandidateFinder(self.lexicon, self.rules)
        self.resolve = Resolver(self.lexicon, declared_calendar)

    def __call__(self, text: str, sentences: list[tuple[int, int]]) -> list[DateMention]:
        """Date mentions of one clean text, in text order; none crosses a sentence boundary."""
        starts = sorted(s for s, _ in sentences)
        candidates = [c for c in self.find(text) if _inside_one(c, starts)]
        return self.resolve(candidates)


def _inside_one(c: Candidate, starts: list[int]) -> bool:
    """True when no sentence start falls strictly inside the candidate (always true without sentences);
    ``starts`` sorted, so one bisection per candidate (linear in the document's length overall)."""
    after = bisect_right(starts, c.start)
    return after == len(starts) or starts[after] >= c.end
