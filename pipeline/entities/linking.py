"""When one mention may take another mention's name (its canonical): the support a link needs.

- A part of a person's name (a family or given name: "Togo", "Chỉnh") joins the full name ("Togo Heihachiro",
  "Nguyễn Hữu Chỉnh") only where the text supports it (data/part_links.tsv: the full name is mentioned earlier
  in the document or in the same paragraph), and only one full name qualifies (or several that are one
  person's names: "ông Tôn" after "Tôn Dật Tiên, cũng gọi là Tôn Văn"). A cue before the part that makes
  it a dynasty, state or army ("quân Minh", data/link_cues.txt) gives it another label, and labels must agree,
  so it never joins.
- A bare organisation head ("Nghĩa quân", "Hội nghị") joins the one longer name of that head in the document;
  a head with its own modifiers ("Chính phủ lâm thời") is a full form and keeps it: no longer name that adds
  a qualifier ("Chính phủ lâm thời Kérensky") becomes its canonical.
- Names the encyclopedia gives one person (an article's title and the names its first sentence gives: "Nguyễn
  Huệ", "Quang Trung"; gazetteer.referents), and names the text itself equates ("Lê Duy Kỳ lên ngôi, tức vua
  Chiêu Thống"; data/alias_cues.txt) join when the document writes more than one of them: the canonical is the
  personal name (one that opens with a family name), else the article's title, else the most written.
- A damaged spelling ("Kaspoutine") joins the more frequent name of the same label it is one edit away from,
  when the differing word is no Vietnamese syllable (a foreign or damaged word).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

from pipeline.vi.keys import fold
from pipeline.vi.tone import restyle_word

from .gazetteer import gazetteer, referents
from .lexicon import Lexicon, name_key, read, word_key
from .tokens import is_foreign

_MIN_REPAIR_LEN = 5  # shorter words are one edit from too many others


@lru_cache(maxsize=1)
def part_rules() -> dict[str, frozenset[str]]:
    """The settings of data/part_links.tsv (words, support), validated."""
    rules = {row.setting: frozenset(v.strip() for v in row.values.split(","))
             for row in read("part_links.tsv", ["setting", "values"])}
    allowed = {"words": {"first", "last"}, "support": {"earlier", "paragraph"}}
    for key, values in allowed.items():
        if key not in rules or not rules[key] <= values:
            raise ValueError(f"part_links.tsv: {key!r} must list some of {sorted(values)}")
    return rules


class Support:
    """Answers whether a full name mentioned at some offsets supports a part-name at another offset."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.end() for m in re.finditer("\n", text)]
        self._ways = part_rules()["support"]

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._breaks, pos)

    def supports(self, part_start: int, full_starts: list[int]) -> bool:
        """An earlier mention of the full name, or one in the same paragraph (as data/part_links.tsv says)."""
        here = self.paragraph(part_start)
        return any(("earlier" in self._ways and s < part_start)
                   or ("paragraph" in self._ways and self.paragraph(s) == here) for s in full_starts)


def person_parts(mentions: list[tuple[int, str, str]]) -> dict[str, dict[str, list[int]]]:
    """The parts of multi-word PER names that may stand for them -> full name -> its offsets: the words that
    open it ("first": "Viên" of "Viên Thế Khải") or close it ("last": "Chỉnh", "Lloyd George" of "David Lloyd
    George"), as data/part_links.tsv allows."""
    ends = part_rules()["words"]
    parts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for start, surface, label in mentions:
        words = surface.split()
        if label != "PER":
            continue
        for k in range(1, len(words)):
            if "first" in ends:
                parts[" ".join(words[:k])][surface].append(start)
            if "last" in ends:
                parts[" ".join(words[k:])][surface].append(start)
    return parts


def supported_full_name(part: str, start: int, parts: dict[str, dict[str, list[int]]],
                        support: Support, same: dict[str, str] | None = None) -> str | None:
    """The one full name that ``part`` (at ``start``) may join, or None; full names ``same`` gives one
    preferred name (one person's names: "Tôn Dật Tiên", "Tôn Văn") count as one."""
    names = [full for full, starts in parts.get(part, {}).items() if support.supports(start, starts)]
    if len(names) > 1 and same and len({same.get(n, n) for n in names}) == 1:
        return same.get(names[0], names[0])
    return names[0] if len(names) == 1 else None


def one_person(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> dict[str, str]:
    """Each person's name (start, end, name, label) -> the preferred name of the names the document gives that
    person (same_person)."""
    spans = sorted(spans)
    names, labels = [name for _, _, name, _ in spans], [label for _, _, _, label in spans]
    preferred = same_person(names, labels, lex.surnames, written_aliases(text, spans, lex))
    return {name: best for name, best, label in zip(names, preferred, labels) if label == "PER" and best != name}


def fullest(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[str]:
    """The name each (start, end, surface, label) mention stands for: a supported person's full name, the one
    longer name of a bare organisation head, the preferred name of the same person, a repaired spelling, else
    its own surface."""
    support = Support(text)
    mentions = [(start, surface, label) for start, _, surface, label in spans]
    parts = person_parts(mentions)
    same = one_person(text, spans, lex)
    bodies: dict[str, set[str]] = defaultdict(set)
    for _, surface, label in mentions:
        words = surface.split()
        if label == "ORG":
            for k in range(1, len(words)):
                if word_key(" ".join(words[:k])) in lex.org_heads:
                    bodies[" ".join(words[:k])].add(surface)
    written = {fold(surface) for _, surface, label in mentions if label == "LOC"}
    out = []
    for start, surface, label in mentions:
        full = None
        if label == "PER":
            full = supported_full_name(surface, start, parts, support, same)
        elif label == "ORG" and len(bodies.get(surface, ())) == 1:
            full = next(iter(bodies[surface]))
        elif label == "LOC":
            place = lex.places.get(tuple(surface.split())) or lex.places.get(tuple(fold(surface).split()))
            if place is not None and place.short_of and fold(place.short_of) in written:
                full = place.short_of  # "Thổ" in a text on "Thổ Nhĩ Kỳ"
        out.append(full or surface)
    labels = [label for _, _, label in mentions]
    pairs = written_aliases(text, [(s, e, name, label) for (s, e, _, label), name in zip(spans, out)], lex)
    return repaired(same_person(out, labels, lex.surnames, pairs), labels)


def _alias_pattern(lex: Lexicon) -> re.Pattern[str]:
    """An alias cue, then any titles, at the end of the text before a mention ("…, tức vua ")."""
    cues = "|".join(sorted({re.escape(p) for c in lex.alias_cues for p in _both_placements(c)}, key=len, reverse=True))
    titles = "|".join(sorted({re.escape(p) for t in lex.titles for p in _both_placements(t)}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<cue>{cues})(?:\s+(?:{titles}))*[\s:(]*$", re.IGNORECASE)


def _both_placements(phrase: tuple[str, ...]) -> set[str]:
    """A phrase key (tone mark of oa/oe/uy in the "hòa" place) as the raw text may write it: in either place."""
    return {" ".join(restyle_word(w, style) for w in phrase) for style in ("hòa", "hoà")}


_ALIAS_PATTERNS: dict[int, re.Pattern[str]] = {}
# An alias cue follows the first name or a clause mark ("Lê Duy Kỳ lên ngôi, tức", "Hàm Nghi (tên thật là"), never
# a noun: "một thiếu nữ tên là X" names someone new.
_ALIAS_OPENERS = frozenset(",;(–—:")


def written_aliases(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[tuple[str, str]]:
    """(own name, other name) pairs of persons the text equates: the later one right after an alias cue, both in
    one sentence ("Lê Duy Kỳ lên ngôi, tức vua Chiêu Thống" -> ("Lê Duy Kỳ", "Chiêu Thống"))."""
    pattern = _ALIAS_PATTERNS.get(id(lex))
    if pattern is None:  # built once per lexicon (setdefault would build it on every call)
        pattern = _ALIAS_PATTERNS[id(lex)] = _alias_pattern(lex)
    persons = [(s, e, name) for s, e, name, label in spans if label == "PER"]
    pairs = []
    for (_, prev_end, prev), (start, _, name) in zip(persons, persons[1:]):
        between = text[prev_end:start]
        cue = pattern.search(between) if len(between) < 80 and not re.search(r"[.!?]\s|\n", between) else None
        if cue and between[:cue.start()].strip() and between[:cue.start()].rstrip()[-1] not in _ALIAS_OPENERS:
            cue = None  # "ông Marat, chủ bút tờ …, bị một thiếu nữ tên là Charlotte Corday": another person
        if cue and prev != name:
            later = lex.alias_cues[word_key(cue.group("cue"))] == "later"
            pairs.append((name, prev) if later else (prev, name))
    return pairs


def same_person(names: list[str], labels: list[str], surnames: frozenset[str],
                pairs: list[tuple[str, str]] = ()) -> list[str]:
    """Each person's name replaced by the preferred name of its group when the document writes two names of one
    person: the names of one encyclopedia article ("Quang Trung", "Nguyễn Huệ"), or ``pairs`` (own name, other
    name) the text equates. A name opening with a family name wins, then an article's title, then an own name
    of a pair, then the most written (among names opening with a family name too, the article's title, then
    the own name: "Trần Quốc Tuấn, tức Trần Hưng Đạo")."""
    types, aliases = gazetteer(), referents()
    written = Counter(name for name, label in zip(names, labels) if label == "PER")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for name in written:
        key = name_key(name)
        article = aliases.get(key) or (name if types.get(key) == "PER" else None)
        if article:
            parent[find(name)] = find("article:" + name_key(article))
    own = set()
    for a, b in pairs:
        if a in written and b in written:
            parent[find(a)] = find(b)
            own.add(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in written:
        groups[find(name)].append(name)
    preferred: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        personal = [n for n in members if len(n.split()) > 1 and n.split()[0] in surnames]
        titles = [n for n in members if types.get(name_key(n)) == "PER" and name_key(n) not in aliases]
        best = max(personal or titles or [n for n in members if n in own] or members,
                   key=lambda n: (n in titles, n in own, written[n], len(n), n))
        preferred.update((name, best) for name in members)
    return [preferred.get(name, name) if label == "PER" else name for name, label in zip(names, labels)]


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:] or a[i + 1:] == b[i:]


def repaired(names: list[str], labels: list[str]) -> list[str]:
    """Each name with a damaged word replaced by the more frequent same-label name it is one edit from."""
    counts = Counter(zip(names, labels))
    fixes: dict[tuple[str, str], str] = {}
    for (name, label), n in counts.items():
        words = name.split()
        found = set()
        for (other, other_label), m in counts.items():
            theirs = other.split()
            if other_label != label or m <= n or len(theirs) != len(words):
                continue
            diff = [(w, t) for w, t in zip(words, theirs) if w != t]
            if len(diff) == 1 and len(diff[0][0]) >= _MIN_REPAIR_LEN and _one_edit(*diff[0]) \
                    and is_foreign(diff[0][0]):
                found.add(other)
        if len(found) == 1:
            fixes[(name, label)] = found.pop()
    return [fixes.get((name, label), name) for name, label in zip(names, labels)]
