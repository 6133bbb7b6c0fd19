"""Date rules read from ``data/rules.txt``: a regex with macros, context checks, and field templates.

A rule only says what a match *means* (year, month, season, era ...); it never fills a missing year. That is
the resolver's job, once the whole document has been read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from pipeline.resources import CompiledRegexes, register_builder

from .calendar import cycle_index, roman_value
from .lexicon import DATA_DIR, Lexicon

_TEMPLATE = re.compile(r"^\{([a-z0-9_,]+)(?:\|([a-z_]+))?\}$")
_CONTEXT_WINDOW = 40
_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True)
class Candidate:
    """One rule match: clean span, the rule that found it, its priority and what it means."""

    start: int
    end: int
    rule: str
    priority: int
    fields: dict


@dataclass
class Rule:
    """One compiled rule with its examples (surface, expected span, expected value)."""

    name: str
    priority: int
    regex: re.Pattern
    templates: dict[str, str]
    before: re.Pattern | None
    not_before: re.Pattern | None
    not_after: re.Pattern | None
    examples: list[tuple[str, str, str]]
    requires: re.Pattern | None = None

    def matches(self, text: str, convert: Callable[[str, str | None], object]) -> Iterator[Candidate]:
        """Every match of the rule in ``text`` that passes its context checks, with its fields."""
        if self.requires is not None and not self.requires.search(text):
            return
        for m in self.regex.finditer(text):
            if m.end() == m.start():
                continue
            left = text[max(0, m.start() - _CONTEXT_WINDOW):m.start()]
            if self.before and not self.before.search(left):
                continue
            if self.not_before and self.not_before.search(left):
                continue
            if self.not_after and self.not_after.match(text, m.end()):
                continue
            fields = self._fields(m, convert)
            if fields is not None:
                yield Candidate(m.start(), m.end(), self.name, self.priority, fields)

    def _fields(self, m: re.Match, convert: Callable[[str, str | None], object]) -> dict | None:
        fields: dict = {}
        for key, template in self.templates.items():
            t = _TEMPLATE.match(template)
            if not t:  # a constant: yes/no flags are booleans ("annal=yes", "narrative=no")
                fields[key] = _FLAGS.get(template, template)
                continue
            surface = next((m.group(g) for g in t.group(1).split(",") if m.group(g)), None)
            if surface is None:
                continue
            value = convert(surface, t.group(2))
            if value is None:
                return None
            fields[key] = value
            if t.group(2) in ("month", "day") and not surface.isdigit():  # "tháng một": January, or month 11
                fields[key + "_word"] = surface  # in a lunar date; "rằm", "tháng chạp" are lunar
        return fields


def make_converter(lex: Lexicon) -> Callable[[str, str | None], object]:
    """The template functions: int, month, day, number, roman, canchi, or a word table name."""

    def number_or(table: str, surface: str) -> int | None:
        if surface.isdigit():
            return int(surface)
        value = lex.lookup(table, surface)
        return int(value) if value is not None else None

    def convert(surface: str, function: str | None) -> object:
        if function is None:
            return surface
        if function == "int":
            return int(surface)
        if function == "month":
            return number_or("month_words", surface)
        if function == "number":
            return number_or("numbers", surface)
        if function == "day":
            return number_or("numbers", surface) or number_or("lunar_days", surface) or number_or("first_days", surface)
        if function == "roman":  # a century or a Republican year: digits, Roman numerals or number words
            if surface.isdigit():
                return int(surface)
            roman = roman_value(surface, {k.upper(): int(v) for k, v in lex.tables["roman"].items()})
            return roman if roman is not None else number_or("numbers", surface)
        if function == "canchi":
            stem, branch = surface.split(None, 1)
            s, b = lex.lookup("stems", stem), lex.lookup("branches", branch)
            return None if s is None or b is None else cycle_index(int(s), int(b))
        return lex.lookup(function, surface)

    return convert


def _parse_example(line: str) -> tuple[str, str, str]:
    left, value = (part.strip(" ") for part in line.replace("\\n", "\n").rsplit("=>", 1))
    text, span = (part.strip(" ") for part in left.split("|", 1)) if "|" in left else (left, left)
    return text, span, value


REGEXES = "dates_regexes.pkl"


def load_rules(lex: Lexicon, path: Path = DATA_DIR / "rules.txt", regexes: CompiledRegexes | None = None) -> list[Rule]:
    """Parse and compile every rule block of ``path`` (their order is their priority); the compiled expressions
    are kept in pipeline/_built (``regexes``: where, by default ``REGEXES``)."""
    blocks: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                blocks.append(current)
            current = {}
            continue
        key, _, value = line.partition(":")
        current.setdefault(key.strip(), []).append(value.strip())
    rules = []
    regexes = regexes or CompiledRegexes(REGEXES)
    for priority, block in enumerate(blocks):
        def ctx(key: str, suffix: str) -> re.Pattern | None:
            return regexes.compile(lex.expand(block[key][0]) + suffix, re.IGNORECASE) if key in block else None

        templates = dict(item.split("=", 1) for item in block["fields"][0].split())
        rules.append(Rule(
            name=block["rule"][0],
            priority=priority,
            regex=regexes.compile(lex.expand(block["pattern"][0]), re.IGNORECASE),
            templates=templates,
            before=ctx("before", "$"),
            not_before=ctx("not_before", "$"),
            not_after=ctx("not_after", r"(?![^\W\d_])") if "not_after" in block else None,
            examples=[_parse_example(e) for e in block.get("example", [])],
            requires=ctx("requires", ""),
        ))
    regexes.save()
    return rules


def _build_regexes(path: Path) -> None:
    """``build-resources``: compile the shipped rules' expressions and write them to ``path``."""
    from .lexicon import load_lexicon

    regexes = CompiledRegexes(REGEXES, stored=False)
    load_rules(load_lexicon(), regexes=regexes)
    regexes.write(path)


register_builder(REGEXES, _build_regexes)
