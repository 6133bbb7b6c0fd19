"""When one mention may take another mention's name (its canonical): the support a link needs.

- A part of a person's name (a family or given name: "Togo", "Chỉnh") joins the full name ("Togo Heihachiro",
  "Nguyễn Hữu Chỉnh") only where the text supports it (data/part_links.tsv: the full name is mentioned earlier
  in the document or in the same paragraph), and only one full name qualifies (or several that are one
  person's names: "ông Tôn" after "Tôn Dật Tiên, cũng gọi là Tôn Văn"). Only a whole name lends its parts: not
  one that is itself a part of a longer name ("Tam Quế" of "Ngô Tam Quế"), nor a span closing with a common
  word ("Trà Toàn bị"). A cue before the part that makes it a dynasty, state or army ("quân Minh",
  data/link_cues.txt) gives it another label, and labels must agree, so it never joins; a word before it that
  names a kind of work ("sách Thư") makes it no person's part. Two names the text equates that open with one
  word give that word as a family name ("ông Kim" after "Kim Nhật Thành, tức Kim Il-sung").
- A bare organisation head ("Nghĩa quân", "Hội nghị") joins the one longer name of that head in the document,
  written before it or in its paragraph (the support a part-name needs); a head that refers back (data/
  org_heads.tsv "referring") the one of several named last before it;
  a head with its own modifiers ("Chính phủ lâm thời") is a full form and keeps it: no longer name that adds
  a qualifier ("Chính phủ lâm thời Kérensky") becomes its canonical.
- Names the encyclopedia gives one person (an article's title and the names its first sentence gives: "Nguyễn
  Huệ", "Quang Trung"; gazetteer.referents: never a name that is also an article's own title, "Tân Bình"; a name
  the corpus knows only from a gloss, "Trấn Giang (tức Cần Thơ)", never: a review found a paragraph that writes
  both naming two places, "chiếm Phụng Thiên ... toàn tỉnh Liêu Ninh"; where the text itself equates them, the
  alias cues join them), a ruler's names (data/ruler_names.tsv: "Lê Thánh Tông", "Quang
  Thuận", "Lê Tư Thành"; in either spelling of data/alias_spellings.tsv: "Lý Thánh Tôn"; a name the tables give
  only without its dynasty or house, "Nhị Thế", "Thành Tổ" (data/ruling_houses.txt), where the text writes the
  dynasty as its own name, "nhà Tần", "Tần Nhị Thế", never a syllable of another name, "Tần Cối", and the ruler
  of the one dynasty written, none where the document writes another ruler so named), and names the text
  itself equates ("Lê Duy Kỳ lên ngôi, tức vua Chiêu Thống"; data/alias_cues.txt; a naming clause's own names,
  "sử Pháp gọi là", name nothing) join when the document writes more than one of them: the canonical is the
  personal name (a ruler's of ruler_names.tsv, even one the document writes under another label, else one that
  opens with a family name), else the article's title, else the most written.
- A European person under the Chinese-style transliteration of older books ("Nã Phá Luân đệ tam",
  data/alias_transliterations.tsv) takes the European form the document writes ("Napoléon đệ tam").
- A dynasty written with its people ("Mãn Thanh") takes the dynasty's own name where the document writes it
  ("Thanh").
- A place under a short or another name of a state ("Thổ", "Mỹ": data/places.tsv) or another name of a place
  ("Đông Quan", "Tokyo", "Praha": data/place_names.tsv) takes the full or standard name where the document
  writes it, also where the text equates the two; not a name that is itself the standard name of another one
  written ("Đông Kinh" beside "Tokyo"), nor a state's name that a city's would replace ("đế quốc La Mã":
  data/alias_state_heads.txt).
- A damaged spelling ("Kaspoutine", "I.énine") joins the more frequent name of the same label it is one edit away
  from, when the differing word is no Vietnamese syllable (a foreign or damaged word) or a capitalized one in a
  body's name of four words or more ("đảng Xã hội dân chủ Bức").
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from pipeline.vi.keys import fold
from pipeline.vi.tone import restyle_word

from .declared import comma_list
from .gazetteer import _type_heads, gazetteer, referents
from .knowledge import dynasty_opened, dynasty_shortened, era_name, name_rows, place_rows, regnal_numbers
from .lexicon import Lexicon, Place, lexicon, name_key, read, word_key
from .tokens import is_foreign

_MIN_REPAIR_LEN = 5  # shorter words are one edit from too many others
_MIN_REPAIR_WORDS = 4  # words of a body's name in which a damaged Vietnamese syllable is repaired, at least


@lru_cache(maxsize=1)
def part_rules() -> dict[str, frozenset[str]]:
    """The settings of data/part_links.tsv (words, support), validated."""
    rules = {row.setting: frozenset(v.strip() for v in row.values.split(","))
             for row in read("part_links.tsv", ["setting", "values"])}
    allowed = {"words": {"first", "last"}, "support": {"earlier", "paragraph"},
               "refuse": {"shared", "titled", "work"}}
    for key, values in allowed.items():
        if key not in rules or not rules[key] <= values:
            raise ValueError(f"part_links.tsv: {key!r} must list some of {sorted(values)}")
    return rules


class Support:
    """Answers whether a full name mentioned at some offsets supports a part-name at another offset."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks = [m.end() for m in re.finditer("\n", text)]
        self._ways = part_rules()["support"]

    def after_work_head(self, pos: int) -> bool:
        """The word or two before ``pos`` name a kind of work whose title follows ("sách", "báo", "truyện": the
        heads of data/misc_heads.tsv that take a title), so the name there is the work's ("sách Thư")."""
        words = self._text[max(0, pos - 30):pos].split()
        heads = lexicon().misc_heads
        return any(heads.get(word_key(" ".join(words[-n:])), (None, None))[1] in ("title", "quoted")
                   for n in (1, 2) if len(words) >= n)

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._breaks, pos)

    def supports(self, part_start: int, full_starts: list[int]) -> bool:
        """An earlier mention of the full name, or one in the same paragraph (as data/part_links.tsv says)."""
        here = self.paragraph(part_start)
        return any(("earlier" in self._ways and s < part_start)
                   or ("paragraph" in self._ways and self.paragraph(s) == here) for s in full_starts)

    def just_before(self, part_start: int, full_starts: list[int]) -> bool:
        """A mention of the full name earlier in the part's own paragraph: the support that still holds where
        another full name of the document shares the part ("sai Vũ Văn Nhậm ra bắc, rồi Nhậm ...")."""
        here = self.paragraph(part_start)
        return any(s < part_start and self.paragraph(s) == here for s in full_starts)


def person_parts(mentions: list[tuple[int, str, str]],
                 families: frozenset[str] = frozenset()) -> dict[str, dict[str, list[int]]]:
    """The parts of multi-word PER names that may stand for them -> full name -> its offsets: the words that
    open it ("first": "Viên" of "Viên Thế Khải") or close it ("last": "Chỉnh", "Lloyd George" of "David Lloyd
    George"), as data/part_links.tsv allows; ``families``: more family names (the text's, shared_family_names)."""
    ends, refuse = part_rules()["words"], part_rules()["refuse"]
    parts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    persons = {surface for _, surface, label in mentions if label == "PER"}
    titles = lexicon().titles
    inner = {" ".join(w[:k]) for w in map(str.split, persons) for k in range(1, len(w))} \
        | {" ".join(w[k:]) for w in map(str.split, persons) for k in range(1, len(w))}
    for start, surface, label in mentions:
        words = surface.split()
        # only a whole name lends its parts: not one that is itself a part of a longer name ("Tam Quế" of "Ngô Tam
        # Quế": its "Tam" is no family name), nor a span that closes with a common word ("Trà Toàn bị")
        if label != "PER" or surface in inner or not _closes_as_name(words):
            continue
        if "titled" in refuse and word_key(words[0]) in titles:
            continue  # an appellation that opens with a title ("Vua Mùa đông") has no family or given name
        sino = not any(is_foreign(w) for w in words)  # a Vietnamese or Sino-Vietnamese reading
        given = _hyphened_given_name(words[0])
        if "first" in ends and given:  # "Gustave" of "Gustave-Adolphe", "Victor" of "Victor-Emmanuel"
            parts[given][surface].append(start)
        for k in range(1, len(words)):
            # one syllable opening such a name stands for it when it is a family name ("Ngô" of "Ngô Tam Quế"),
            # never otherwise ("Tây" of "Tây Hương Long Thịnh", whose family name is "Tây Hương")
            if "first" in ends and not (sino and k == 1 and words[0] not in lexicon().surnames
                                        and words[0] not in families):
                parts[" ".join(words[:k])][surface].append(start)
            if "last" in ends:
                parts[" ".join(words[k:])][surface].append(start)
    return parts


def shared_family_names(pairs: list[tuple[str, str, str]]) -> frozenset[str]:
    """The first word of two names of two words or more the text gives one person (written_aliases): that person's
    family name, whatever lists of family names hold ("Kim" of "Kim Nhật Thành, tức Kim Il-sung")."""
    return frozenset(a.split()[0] for a, b, label in pairs if label == "PER" and len(a.split()) > 1
                     and len(b.split()) > 1 and a.split()[0] == b.split()[0])


def _referring(surface: str, lex: Lexicon) -> bool:
    """``surface`` is a bare organisation head flagged "referring" in data/org_heads.tsv ("Hội nghị")."""
    head = lex.org_heads.get(word_key(surface))
    return head is not None and head.referring


def _unnamed_between(text: str, surface: str, bodies: dict[str, dict[str, list[int]]], start: int) -> bool:
    """The text writes the head ``surface`` in lower case, a common noun ("hội nghị hợp nhất", "một hội nghị"),
    between the last body of that head named before ``start`` and it: the bare head there refers to that meeting,
    which the document does not name, no body named before it."""
    before = [s for starts in bodies.get(surface, {}).values() for s in starts if s < start]
    if not before:
        return False
    between = unicodedata.normalize("NFC", text[max(before):start])
    return re.search(rf"(?<!\w){re.escape(unicodedata.normalize('NFC', surface).lower())}(?!\w)", between) is not None


def _hyphened_given_name(word: str) -> str | None:
    """The given name that opens a hyphened name of capitalized pieces ("Gustave" of "Gustave-Adolphe"; data/
    given_names.txt), else None: "Marx" of "Marx-Engels" is no given name, "Ga-ri-ban-đi" is one transliteration."""
    pieces = word.split("-")
    if len(pieces) > 1 and all(p[:1].isupper() for p in pieces) and pieces[0] in lexicon().given_names:
        return pieces[0]
    return None


def _closes_as_name(words: list[str]) -> bool:
    """A name's last word is capitalized, or a regnal ordinal closes it ("Victor-Emmanuel đệ nhị";
    data/name_prefixes.txt; "Charles đệ thập nhị": any form of data/regnal_numbers.tsv)."""
    if words[-1][:1].isupper() or (len(words) > 2 and word_key(" ".join(words[-2:])) in lexicon().name_prefixes):
        return True
    phrases = _regnal_phrases()
    return any(len(words) > n and tuple(w.lower() for w in words[-n:]) in phrases[n] for n in phrases)


@lru_cache(maxsize=1)
def _regnal_phrases() -> dict[int, frozenset[tuple[str, ...]]]:
    """The forms of data/regnal_numbers.tsv of more than one word, lower case ("đệ thập nhị"), by their length in
    words (a name's last words are looked up once per length, not compared with every form)."""
    by_length: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for forms in regnal_numbers().values():
        for form in forms:
            if " " in form:
                by_length[len(form.split())].add(tuple(form.lower().split()))
    return {n: frozenset(found) for n, found in by_length.items()}


def supported_full_name(part: str, start: int, parts: dict[str, dict[str, list[int]]],
                        support: Support, same: dict[str, str] | None = None) -> str | None:
    """The one full name that ``part`` (at ``start``) may join, or None; full names ``same`` gives one
    preferred name (one person's names: "Tôn Dật Tiên", "Tôn Văn") count as one."""
    if "work" in part_rules()["refuse"] and part in parts and support.after_work_head(start):
        return None  # the title of a work, no person's part: "sách Thư" in a text on the general Đồ Thư
    names = [full for full, starts in parts.get(part, {}).items() if support.supports(start, starts)]
    if "shared" in part_rules()["refuse"] and len({(same or {}).get(n, n) for n in parts.get(part, {})}) > 1:
        # another full name of the document shares the part ("Nehru" of two Nehrus): the one supported full name
        # must stand before the part in its own paragraph
        names = names if len(names) == 1 and support.just_before(start, parts[part][names[0]]) else []
    if len(names) > 1 and same and len({same.get(n, n) for n in names}) == 1:
        return same.get(names[0], names[0])
    return names[0] if len(names) == 1 else None


def one_person(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon,
               pairs: list[tuple[str, str, str]] | None = None) -> dict[str, str]:
    """Each person's name (start, end, name, label) -> the preferred name of the names the document gives that
    person (same_person); ``pairs``: the spans' written_aliases when the caller has them already."""
    spans = sorted(spans)
    names, labels = [name for _, _, name, _ in spans], [label for _, _, _, label in spans]
    preferred = same_person(names, labels, lex.surnames,
                            written_aliases(text, spans, lex) if pairs is None else pairs,
                            transcribed=transcriptions(text, spans))
    return {name: best for name, best, label in zip(names, preferred, labels) if label == "PER" and best != name}


def fullest(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[str]:
    """The name each (start, end, surface, label) mention stands for: a supported person's full name, the one
    longer name of a bare organisation head, the preferred name of the same person, a repaired spelling, else
    its own surface."""
    support = Support(text)
    mentions = [(start, surface, label) for start, _, surface, label in spans]
    aliases = written_aliases(text, spans, lex)
    # a name the text gives as another name of someone (a pen or reign name: "hiệu Sào Nam") lends no part-name
    others = {(other, label) for _, other, label in aliases}
    parts = person_parts([m for m in mentions if (m[1], m[2]) not in others], shared_family_names(aliases))
    same = one_person(text, spans, lex, aliases)
    bodies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for start, surface, label in mentions:
        words = surface.split()
        if label == "ORG":
            for k in range(1, len(words)):
                if word_key(" ".join(words[:k])) in lex.org_heads:
                    bodies[" ".join(words[:k])][surface].append(start)
    written = {fold(surface) for _, surface, label in mentions if label == "LOC"}
    # the standard names of the other names written: "Đông Kinh" in a text that writes "Tokyo" is Tokyo, never
    # Thăng Long (whose former name it also is)
    standing = {fold(name) for _, surface, label in mentions if label == "LOC" for name in standards_of(surface)}
    houses = {word_key(surface) for _, surface, label in mentions if label == "ORG"}
    persons = {surface for _, surface, label in mentions if label == "PER"}
    # a name the text gives as another's other name ("gọi Napoléon Bonaparte là Nã Phá Luân") is no part of a third
    # ("Nã Phá Luân đệ tam"); an own name still is ("Hữu Chỉnh, có sách chép là Nguyễn Hữu Chính" after "Nguyễn Hữu
    # Chỉnh": the part joins its full name, and the pair follows it)
    equated = {(pair[1], pair[2]) for pair in aliases}
    person_starts: dict[str, list[int]] = defaultdict(list)
    for start, surface, label in mentions:
        if label == "PER":
            person_starts[surface].append(start)
    out = []
    for start, surface, label in mentions:
        full = None
        if (surface, label) in equated and label != "LOC":
            pass  # its canonical is its group's (same_person)
        elif label == "PER" and word_key(surface) in dynasty_shortened():
            pass  # a ruler's name without its dynasty ("Thái Tổ") is no part of the whole name ("Tống Thái Tổ"): the
            # dynasty the text writes decides whose it is (_dynasty_rows), in same_person
        elif label == "PER":
            full = supported_full_name(surface, start, parts, support, same) \
                or _western_form(surface, start, persons, parts, support, same) \
                or _known_part(surface, start, person_starts, support)
        elif label == "ORG" and _people_and_house(surface, lex) in houses:
            full = " ".join(surface.split()[1:])  # "Mãn Thanh" in a text that writes "nhà Thanh": Thanh
        elif label == "ORG" and _referring(surface, lex) and _unnamed_between(text, surface, bodies, start):
            pass  # "Hội nghị Quốc ước" ... "một hội nghị ở Hương Cảng. Tại Hội nghị": the meeting unnamed
        elif label == "ORG" and len(bodies.get(surface, ())) == 1:
            # the one longer name of the head, where the text supports it as a part's (data/part_links.tsv)
            (body, starts), = bodies[surface].items()
            full = body if support.supports(start, starts) else None
        elif label == "ORG" and _referring(surface, lex):
            # a head that refers back (data/org_heads.tsv "referring": "Hội nghị") is the body of that head the
            # document named last before it, where it named several ("Hội nghị các Đẳng cấp" ... "Hội nghị Quốc
            # ước" ... "Robespierre bị Hội nghị hạ lệnh bắt": the Convention)
            before = [(s, body) for body, starts in bodies.get(surface, {}).items() for s in starts if s < start]
            full = max(before)[1] if before else None
        elif label == "LOC":
            place = _place(surface, lex)
            longer = [name for name in long_forms().get(word_key(surface), ()) if fold(name) in written]
            if place is not None and place.short_of and fold(place.short_of) in written:
                full = place.short_of  # "Thổ" in a text on "Thổ Nhĩ Kỳ"
            elif longer:  # "Pháp" in a text that writes "Phú Lãng Sa" (data/alias_long_forms.tsv)
                full = longer[0]
            else:  # "Đông Quan" in a text that writes "Thăng Long" (data/place_names.tsv), also where the text
                # equates the two ("Bá Linh, tức Berlin": the data's standard name, the same in every document)
                standards = [name for name in standards_of(surface) if fold(name) in written
                             and not (_city(name, lex) and _after_state_head(text, start))]
                full = standards[0] if len(standards) == 1 and fold(surface) not in standing else None
        out.append(full or surface)
    labels = [label for _, _, label in mentions]
    pairs = written_aliases(text, [(s, e, name, label) for (s, e, _, label), name in zip(spans, out)], lex)
    # a name of two words or more that closes or opens a person's full name the document writes is that person's,
    # whatever label a mention gives it: it is no other name of a body or a place ("phe theo Gia Khang gọi là Đông
    # quân" in a text on Đức Xuyên Gia Khang names the faction, not the man)
    pairs = [(a, b, label) for a, b, label in pairs
             if label == "PER" or not any(_part_of(n, p) for n in (a, b) if len(n.split()) > 1 for p in persons)]
    # an era name ("Minh Trị năm thứ 1", "niên hiệu Minh Trị") is no ruler: it joins none of his names
    link_labels = ["ERA" if era_name(text, start, end) else label for (start, end, _, _), label in zip(spans, labels)]
    # a ruler's name the tables give only without its dynasty ("Nhị Thế" of "Tần Nhị Thế") is no name of his where
    # the text writes the dynasty neither before nor in the paragraph of any of its mentions; one that several
    # dynasties gave ("Thành Tổ") is the ruler's of the one dynasty so written
    dynasty_at: dict[str, list[int]] = {}  # a dynasty's name -> where the text writes it (one scan per name)
    cued_rows: dict[str, set[int]] = {}
    person_at: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for start, _, surface, label in spans:
        if label == "PER":
            person_at[word_key(surface)].append(start)
    written_rows = {row for key in person_at if (row := ruler_names()[0].get(key)) is not None}
    for (start, _, _, label), name in zip(spans, out):
        if label == "PER" and (rows := _dynasty_rows(text, start, name, support, dynasty_at, spans, lex,
                                                     written_rows, person_at)) is not None:
            cued_rows.setdefault(name, set()).update(rows)
    chosen = {name: next(iter(rows)) if len(rows) == 1 else None for name, rows in cued_rows.items()}
    # the names the text calls the present ones ("Đại Đô (tức Bắc Kinh bây giờ)"): a place's canonical
    present = {(name, label) for (_, end, _, label), name in zip(spans, out)
               if label != "PER" and _later_name(text, end)}
    transcribed = transcriptions(text, [(s, e, name, label) for (s, e, _, label), name in zip(spans, out)])
    # the names of mentions right after a capitalized word (a space between): perhaps a clipped span
    clipped = {name for (start, _, _, _), name in zip(spans, out) if _after_capital(text, start)}
    canonicals = repaired(same_person(out, link_labels, lex.surnames, pairs, present, transcribed, clipped, chosen),
                          labels)
    # two places the text relates ("nước Đại Lý ở Vân Nam", "từ Pháp sang Anh") are two, whatever an encyclopedia
    # redirect says (the article "Vân Nam" names "Đại Lý" too)
    apart = _related_places(text, spans, out, lex)
    return [own if label == "LOC" and frozenset((own, name)) in apart else name
            for own, name, label in zip(out, canonicals, labels)]


def _dynasty_rows(text: str, start: int, name: str, support: Support, dynasty_at: dict[str, list[int]],
                  spans: list[tuple[int, int, str, str]], lex: Lexicon, written_rows: set[int],
                  person_at: dict[tuple[str, ...], list[int]]) -> set[int] | None:
    """None where ``name`` (a person's, at ``start``) is no ruler's name without its dynasty (knowledge.
    dynasty_shortened); else the rows of the rulers so named of the dynasties the text writes as their own names
    (_dynasty_written) where they support a part-name (data/part_links.tsv: earlier, or in the paragraph): "Hồ Hợi,
    tức Tần Nhị Thế. Nhị Thế nhu nhược"; the rows of the name written whole with its dynasty first; none where no
    such dynasty is written, or where the document writes another ruler so named (``written_rows``: the rows of the
    rulers its persons' names name; ``person_at``: the starts of its persons' names, by word_key)."""
    dynasties = dynasty_shortened().get(word_key(name))
    if not dynasties:
        return None
    # the name written whole, with its dynasty, says whose it is before any other dynasty written does ("Trần Nhân
    # Tông ... vua Nhân Tông" in a text on the wars with the Nguyên, whose Nhân Tông is another)
    whole = {row for dynasty, rows in dynasties.items()
             if support.supports(start, person_at.get(word_key(f"{dynasty} {name}"), [])) for row in rows}
    for dynasty in dynasties:  # ``dynasty_at`` keeps each scan: a long text scanned once per name, not per mention
        if dynasty not in dynasty_at:
            dynasty_at[dynasty] = _dynasty_written(text, dynasty, spans, lex)
    if whole:
        # with the rows of another dynasty so naming written after it, in the mention's paragraph before the
        # mention ("Tống Thái Tổ" ... "nhà Lý được lập. Thái Tổ của nhà Lý"): the nearer one may be meant, and the
        # name, one canonical for all its mentions, is then no one's (several rows)
        last = max((s for dynasty in dynasties for s in person_at.get(word_key(f"{dynasty} {name}"), []) if s < start),
                   default=-1)
        found = whole | {row for dynasty, rows in dynasties.items() if not rows <= whole
                         and any(s > last and support.just_before(start, [s]) for s in dynasty_at[dynasty])
                         for row in rows}
    else:
        found = {row for dynasty, rows in dynasties.items() if support.supports(start, dynasty_at[dynasty])
                 for row in rows}
    # a dynasty whose rulers the tables do not give, written in the mention's paragraph before it ("lập ra nhà
    # Triều Tiên ... Thái Tổ dời đô", the Joseon founder), may be the one meant: the name is no one's
    if "\0unknown" not in dynasty_at:
        dynasty_at["\0unknown"] = _unknown_dynasties_written(text, spans, lex)
    if found and support.just_before(start, dynasty_at["\0unknown"]):
        return set()
    # another ruler so named whom the document writes under any of his names ("Lý Công Uẩn" beside "Tống Thái Tổ"
    # and a bare "Thái Tổ") leaves the name no one's
    others = {row for rows in dynasties.values() for row in rows} - found
    return set() if others & written_rows else found


def _unknown_dynasties_written(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[int]:
    """Where the text writes a dynasty that opens no ruler's name of the tables (knowledge.dynasty_shortened,
    dynasty_opened): a mention that is no person, of a name of data/dynasty_names.txt or right after a dynasty head
    ("nhà Triều Tiên", "nhà Kim"), whose rulers the tables do not know (a known one's branch, "nhà Hậu Lê", is
    known)."""
    known = {word_key(d) for found in dynasty_shortened().values() for d in found} \
        | {name[:1] for name in dynasty_opened()}
    out = []
    for start, _, surface, label in spans:
        key = word_key(surface)
        if label == "PER" or key in known or key[-1:] in known:  # "nhà Hậu Lê": the Lê
            continue
        before = text[max(0, start - 30):start].split()
        if key in lex.dynasty_names or any(word_key(" ".join(before[-n:])) in lex.dynasty_heads
                                           for n in (1, 2) if len(before) >= n):
            out.append(start)
    return out


def _dynasty_written(text: str, dynasty: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[int]:
    """Where the text writes ``dynasty`` as the dynasty's own name: a mention of it alone that is no person ("nhà
    Tần": ORG "Tần"), the opening of a ruler's name the tables state with his dynasty (knowledge.dynasty_opened:
    "Tần Nhị Thế", not "Trịnh Tùng"), or, outside every mention,
    right after a word that makes a bare name a dynasty, state or army, or a title ("quân Tần", "nhà Tần", "vua
    Tần": data/link_cues.txt, dynasty_heads.txt, house_titles.txt, titles.tsv); never a syllable of another name
    ("Tần Cối", a Song minister; "Minh" of "Hồ Chí Minh")."""
    ordered = sorted(spans)
    starts = [s for s, _, _, _ in ordered]
    cues = {(w,) for w in lex.link_cues} | lex.dynasty_heads | lex.house_titles | lex.titles
    found = []
    for m in re.finditer(rf"(?<!\w){re.escape(dynasty)}(?!\w)", text):
        k = bisect.bisect_right(starts, m.start()) - 1
        covering = ordered[k] if k >= 0 and ordered[k][1] > m.start() else None
        if covering is not None:
            s, e, surface, label = covering
            if (label != "PER" and (s, e) == m.span()) or \
                    (label == "PER" and s == m.start() and word_key(surface) in dynasty_opened()):
                found.append(m.start())
            continue
        words = text[max(0, m.start() - 30):m.start()].split()
        if any(word_key(" ".join(words[-n:])) in cues for n in (1, 2) if len(words) >= n):
            found.append(m.start())
    return found


def _related_places(text: str, spans: list[tuple[int, int, str, str]], names: list[str],
                    lex: Lexicon) -> set[frozenset[str]]:
    """The names of two places, one right after the other with only a place word between (data/
    loc_prepositions.txt: "Đại Lý ở Vân Nam", "Pháp sang Anh"): two places, never one."""
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    apart = set()
    for a, b in zip(order, order[1:]):
        gap = word_key(text[spans[a][1]:spans[b][0]])
        if spans[a][3] == spans[b][3] == "LOC" and len(gap) == 1 and gap[0] in lex.loc_prepositions:
            apart.add(frozenset((names[a], names[b])))
    return apart


@lru_cache(maxsize=1)
def city_heads() -> frozenset[tuple[str, ...]]:
    """data/alias_city_heads.txt: the heads a city's or a state's other name may take after an alias cue ("tức
    thành Thăng Long", "gọi là nước Đại Việt"; word_key form)."""
    return frozenset(word_key(row.phrase) for row in read("alias_city_heads.txt", ["phrase"]))


@lru_cache(maxsize=1)
def _foreign_family_names() -> dict[str, frozenset[int]]:
    """The family names of the romanised and European names of the tables of knowledge.name_rows -> the rows that
    hold them: the last word of a European name ("Pizarro" of "Francisco Pizarro"; never its first, a given name
    many men bear: "Paul", "Thomas"), the first of an East Asian romanisation ("Tojo" of "Tojo Hideki")."""
    from .knowledge import TABLES
    rows, out, k = name_rows(), defaultdict(set), 0
    for table, preferred, others, third in TABLES:
        count = len(read(table, [preferred, others, third]))
        european = table in ("european_rulers.tsv", "western_names.tsv")
        for row in range(k, k + count):
            for name in (*rows[row][0], *rows[row][1]):
                words = name.split()
                if len(words) > 1 and all(is_foreign(w) for w in words):
                    out[words[-1] if european else words[0]].add(row)
        k += count
    return {word: frozenset(found) for word, found in out.items()}


def _known_part(surface: str, start: int, person_starts: dict[str, list[int]], support: Support) -> str | None:
    """The name the document writes for the one person of the tables whose family name is ``surface`` (one foreign
    word: "Pizarro" -> "François Pizarre", written for Francisco Pizarro), where that name supports a part-name
    (data/part_links.tsv) and no other name the document writes for a person holds the word; else None."""
    if len(surface.split()) != 1 or not is_foreign(surface):
        return None
    rows = _foreign_family_names().get(surface, frozenset())
    if len(rows) != 1:
        return None
    names, others = name_rows()[next(iter(rows))]
    if any(surface in name.split() for name in person_starts if name != surface and name not in (*names, *others)):
        return None  # another person the text names bears the word ("Thomas More ... Thomas Edison ... Thomas")
    written = [n for n in (*names, *others) if n != surface and support.supports(start, person_starts.get(n, []))]
    return written[0] if written else None  # one person: same_person gives his preferred name


@lru_cache(maxsize=1)
def long_forms() -> dict[tuple[str, ...], tuple[str, ...]]:
    """data/alias_long_forms.tsv: a state's or continent's short name (word_key: its tone marks kept, "Miến" is no
    "Miên") -> its long forms, the preferred first ("pháp" -> ("Pháp Lan Tây", "Phú Lãng Sa", "Pháp quốc"))."""
    return {word_key(row.short): comma_list(row.long) for row in read("alias_long_forms.tsv", ["short", "long"])}


@lru_cache(maxsize=1)
def transliterations() -> dict[tuple[str, ...], str]:
    """data/alias_transliterations.tsv: a transliteration (word_key) -> the European form ("nã phá luân" ->
    "Napoléon")."""
    return {word_key(other): row.western for row in read("alias_transliterations.tsv", ["western", "others"])
            for other in comma_list(row.others)}


def _western_form(surface: str, start: int, persons: set[str], parts: dict[str, dict[str, list[int]]],
                  support: Support, same: dict[str, str]) -> str | None:
    """The European form of a person written under its transliteration ("Nã Phá Luân đệ tam" -> "Napoléon đệ
    tam"), or the one full name it is a part of ("Hít-le" -> "Adolf Hitler"), where the document writes it; else
    None."""
    words = surface.split()
    for k in range(len(words), 0, -1):
        western = transliterations().get(word_key(" ".join(words[:k])))
        if western is not None:
            name = " ".join([western, *words[k:]])
            # the one full name the European form is a part of ("Hitler" of "Adolf Hitler"), else that form
            return supported_full_name(name, start, parts, support, same) or (name if name in persons else None)
    return None


@lru_cache(maxsize=1)
def state_heads() -> frozenset[tuple[str, ...]]:
    """data/alias_state_heads.txt: the words before a place name that say a state is meant ("đế quốc")."""
    return frozenset(word_key(row.phrase) for row in read("alias_state_heads.txt", ["phrase"]))


def _after_state_head(text: str, start: int) -> bool:
    """The mention at ``start`` follows a word of data/alias_state_heads.txt ("đế quốc La Mã")."""
    words = text[max(0, start - 30):start].split()
    return any(word_key(" ".join(words[-k:])) in state_heads() for k in (1, 2) if len(words) >= k)


def _city(name: str, lex: Lexicon) -> bool:
    place = _place(name, lex)
    return place is not None and place.kind == "city"


def _people_and_house(name: str, lex: Lexicon) -> tuple[str, ...] | None:
    """The dynasty of a name made of a people and a dynasty ("Mãn Thanh": data/ethnonyms.txt, data/
    dynasty_names.txt) as a word key ("thanh"), else None."""
    key = word_key(name)
    if len(key) > 1 and key[:1] in lex.ethnonyms and key[1:] in lex.dynasty_names:
        return key[1:]
    return None


def _alias_pattern(lex: Lexicon) -> re.Pattern[str]:
    """An alias cue, then any titles or type heads, at the end of the text before a mention ("…, tức vua ",
    "…, tức sông ", "…, gọi là chùa ")."""
    cues = "|".join(sorted({re.escape(p) for c in lex.alias_cues for p in _both_placements(c)}, key=len, reverse=True))
    heads = lex.titles | lex.loc_heads | frozenset(_head_labels())
    titles = "|".join(sorted({re.escape(p) for t in heads for p in _both_placements(t)}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<cue>{cues})(?:\s+(?:{titles}))*[\s:(]*$", re.IGNORECASE)


def _both_placements(phrase: tuple[str, ...]) -> set[str]:
    """A phrase key (tone mark of oa/oe/uy in the "hòa" place) as the raw text may write it: in either place."""
    return {" ".join(restyle_word(w, style) for w in phrase) for style in ("hòa", "hoà")}


_ALIAS_PATTERNS: dict[int, re.Pattern[str]] = {}
# An alias cue follows the first name or a clause mark ("Lê Duy Kỳ lên ngôi, tức", "Hàm Nghi (tên thật là"), never
# a noun: "một thiếu nữ tên là X" names someone new.
_ALIAS_OPENERS = frozenset(",;(–—:")
_CLOSERS = " )\"'”’»"  # what may stand between a name and the clause mark after it
_ALIAS_REACH = 120  # characters between the two names of one alias, at most
_DESCRIPTION_WORDS = 3  # words between a name and the clause mark of a naming clause after it, at most
_APPOSITION_WORDS = 5  # words of a description between a person's name and the clause of a gloss cue, at most
_NAMER_WORDS = 6  # words of a naming clause ("người Pháp về sau"), at most
_ANAPHOR_REACH = 600  # characters back from a phrase that refers back to the name it refers to, at most


@lru_cache(maxsize=1)
def alias_namers() -> frozenset[tuple[str, ...]]:
    """data/alias_namers.txt: the words that open a clause saying who gives the other name ("người Pháp về sau
    gọi là", "mà sách ta gọi là")."""
    return frozenset(word_key(row.phrase) for row in read("alias_namers.txt", ["phrase"]))


@lru_cache(maxsize=1)
def alias_frames() -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """data/alias_frames.tsv: (words before the first name, words between the two, which name is the own one):
    "gọi Napoléon là Nã Phá Luân"."""
    rows = [(word_key(r.before), word_key(r.between), r.prefer)
            for r in read("alias_frames.tsv", ["before", "between", "prefer"])]
    for before, between, prefer in rows:
        if prefer not in ("earlier", "later"):
            raise ValueError(f"alias_frames.tsv: {' '.join(before)!r}: prefer must be earlier or later")
    return rows


@lru_cache(maxsize=1)
def _alias_cue_rows() -> list:
    """The rows of data/alias_cues.txt (the lexicon reads the cues themselves, lexicon.alias_cues)."""
    return read("alias_cues.txt", ["phrase", "prefer", "scope?", "needs?"])


@lru_cache(maxsize=1)
def person_only_cues() -> frozenset[tuple[str, ...]]:
    """The cues of data/alias_cues.txt that equate persons only (scope "person": "đổi tên là", "tên thật là")."""
    rows = _alias_cue_rows()
    for row in rows:
        if row.scope not in (None, "", "person"):
            raise ValueError(f"alias_cues.txt: {row.phrase!r}: scope must be person or left out")
    return frozenset(word_key(row.phrase) for row in rows if row.scope == "person")


@lru_cache(maxsize=1)
def cue_needs() -> dict[tuple[str, ...], str]:
    """The cues of data/alias_cues.txt that need another sign (column "needs"): "mark" (a comma or a parenthesis
    right after the earlier name: "X, chép là Y", never "Ngô Sĩ Liên chép là Y") or "title" (a title opens the
    later name, and no "là" says the earlier: "quận công X, về sau là hoàng thân Y")."""
    rows = _alias_cue_rows()
    for row in rows:
        if row.needs not in (None, "", "mark", "title"):
            raise ValueError(f"alias_cues.txt: {row.phrase!r}: needs must be mark, title or left out")
    return {word_key(row.phrase): row.needs for row in rows if row.needs}


def _said_by_la(before: str, lex: Lexicon) -> bool:
    """The text ``before`` a name ends with "là", titles between allowed: the name is what the clause says ("Hiệu
    trưởng đầu tiên là (ông) ...")."""
    return re.search(r"(?<!\w)là\s*$", _without_titles(before, lex), re.IGNORECASE) is not None


@lru_cache(maxsize=1)
def _anaphors() -> list[tuple[re.Pattern[str], str, str]]:
    """data/alias_anaphors.txt: (a pattern at the end of the text before a mention, the label it refers to or
    "head": the label of the type head its "*" words stand for: "thành ấy" LOC, "man" where it refers to a man)."""
    out = []
    for row in read("alias_anaphors.txt", ["phrase", "label", "of?"]):
        if row.label not in ("PER", "LOC", "ORG", "MISC", "head") or row.of not in (None, "", "man", "woman"):
            raise ValueError(f"alias_anaphors.txt: {row.phrase!r}: label must be PER, LOC, ORG, MISC or head, "
                             "of man, woman or left out")
        words = [r"(?P<head>[\w'’\-]+(?:\s+[\w'’\-]+)?)" if w == "*" else
                 r"(?P<name>[\w'’\-]+(?:\s+[\w'’\-]+){0,2})" if w == "#" else
                 "(?:" + "|".join(map(re.escape, _both_placements((w,)))) + ")" for w in row.phrase.split()]
        out.append((re.compile(r"(?<!\w)" + r"\s+".join(words) + r"\s+$", re.IGNORECASE), row.label, row.of or ""))
    return out


@lru_cache(maxsize=1)
def _women_titles() -> re.Pattern[str]:
    """data/women_titles.txt as one pattern at the end of the text before a name: a woman's name follows."""
    words = sorted({p for row in read("women_titles.txt", ["phrase"]) for p in _both_placements(word_key(row.phrase))},
                   key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\s+$",
                      re.IGNORECASE) if words else re.compile(r"(?!)")


@lru_cache(maxsize=1)
def _head_labels() -> dict[tuple[str, ...], str]:
    """The type heads of data/gazetteer_heads.tsv and their labels ("sông" LOC, "chùa" LOC)."""
    return _type_heads()[0]


def _without_titles(before: str, lex: Lexicon) -> str:
    """The text before a mention without the titles between its last "là" and the mention ("gọi ông là chúa " ->
    "gọi ông là "), or unchanged where anything else stands there."""
    at = before.lower().rfind(" là ")
    if at < 0:
        return before
    words, longest = word_key(before[at + 4:]), max(map(len, lex.titles), default=0)
    while words:
        cut = next((k for k in range(min(longest, len(words)), 0, -1) if words[:k] in lex.titles), 0)
        if not cut:
            return before
        words = words[cut:]
    return before[:at + 4]


def _refers_back(before: str, label: str, lex: Lexicon | None = None) -> str | None:
    """The text ``before`` a mention of ``label`` ends with a phrase of data/alias_anaphors.txt of that label,
    titles between allowed for a person ("gọi ông là chúa Tiên"): its column "of" ("man", else ""), else None."""
    if label == "PER" and lex is not None and not before.rstrip().lower().endswith("là"):
        before = _without_titles(before, lex)
    if not before.rstrip().lower().endswith("là"):  # every phrase ends with "là": most mentions end here
        return None
    heads = _head_labels()
    for pattern, kind, of in _anaphors():
        m = pattern.search(before)
        if m and "name" in pattern.groupindex and not all(w[:1].isupper() for w in m.group("name").split()):
            continue  # "#" stands for a name ("tên Tây Ban Nha là"), never common words ("tên thật là")
        if m and (kind == label or (kind == "head" and heads.get(word_key(m.group("head"))) == label)):
            return of
    return None


def _antecedent(text: str, earlier: list[tuple[int, int, str, str]], lex: Lexicon, of: str = "") -> tuple | None:
    """The nearest earlier mention in the paragraph that a phrase of data/alias_anaphors.txt may refer back to (it
    joins only when ``_near``): no country or continent ("thành ấy" after "quân Pháp vào Moscou" is Moscou); for a
    phrase ``of`` a "man" no woman's name (data/women_titles.txt: "công chúa Thiên Thành"), and for one of a
    "woman" only a woman's: after a woman's title or with the middle name "Thị" ("gọi bà là" after "Ông Nguyễn
    Văn Tư" names no one)."""
    def woman(cand: tuple) -> bool:
        return bool(_women_titles().search(text[max(0, cand[0] - 30):cand[0]])) or "Thị" in cand[2].split()
    return next((cand for cand in reversed(earlier) if not _country_or_continent(cand[2], lex)
                 and not (of == "man" and woman(cand)) and not (of == "woman" and not woman(cand))), None)


def _place(name: str, lex: Lexicon) -> Place | None:
    """The entry of data/places.tsv a name is (written as is, or folded), or None."""
    return lex.places.get(tuple(name.split())) or lex.places.get(tuple(fold(name).split()))


def _country_or_continent(name: str, lex: Lexicon) -> bool:
    place = _place(name, lex)
    return place is not None and place.kind in ("country", "continent")


def _near(text: str, end: int, start: int) -> bool:
    """At most one sentence break between ``end`` and ``start``, in one paragraph: an anaphor's reach ("ông" two
    sentences after a pope's name may be the emperor the paragraph is about)."""
    between = text[end:start]
    return "\n" not in between and len(re.findall(r"[.!?]\s", between)) <= 1


def _naming_clause(words: str) -> bool:
    """``words`` (between a clause mark and an alias cue) say who gives the name: "người Pháp về sau"."""
    key = word_key(words)
    return 0 < len(key) <= _NAMER_WORDS and any(key[:len(n)] == n for n in alias_namers()) \
        and not re.search(r"[^\w\s'’\-]", words)


def _describes(gap: str) -> bool:
    """The text between a name and a clause mark is a few words that describe it, or nothing ("chùa Diên Hựu giữa
    hồ, người đời quen gọi là")."""
    gap = gap.strip(_CLOSERS)
    return len(gap.split()) <= _DESCRIPTION_WORDS and not re.search(r"[^\w\s'’\-]", gap)


def _one_sentence(between: str) -> bool:
    return len(between) < _ALIAS_REACH and not re.search(r"[.!?]\s|\n", between)


def _gloss(text: str, first: tuple[int, int, str, str], second: tuple[int, int, str, str], lex: Lexicon) -> bool:
    """``second`` glosses ``first`` in parentheses ("Trường Kỳ (Nagasaki)"): the same label, nothing else inside
    the parentheses, and no country or continent (a place after a city says where it lies: "Huế (Việt Nam)")."""
    if first[3] != second[3] or not re.fullmatch(r"\s*\(\s*", text[first[1]:second[0]]) \
            or not text[second[1]:].lstrip().startswith(")"):
        return False
    return not (_country_or_continent(first[2], lex) or _country_or_continent(second[2], lex))


def _framed(text: str, first: tuple[int, int, str, str], second: tuple[int, int, str, str]) -> str | None:
    """Which name is the own one where a frame of data/alias_frames.tsv holds both ("gọi A là B"), else None."""
    between = word_key(text[first[1]:second[0]])
    before = word_key(" ".join(text[max(0, first[0] - 40):first[0]].split()[-4:]))
    for words, middle, prefer in alias_frames():
        if between == middle and before[len(before) - len(words):] == words:
            return prefer
    return None


def written_aliases(text: str, spans: list[tuple[int, int, str, str]], lex: Lexicon) -> list[tuple[str, str, str]]:
    """(own name, other name, label) of referents the text equates, both in one sentence and of one label: the
    later one right after an alias cue ("Lê Duy Kỳ lên ngôi, tức vua Chiêu Thống" -> ("Lê Duy Kỳ", "Chiêu
    Thống", "PER")), after a cue that a naming clause opens ("nước Chiêm Thành, người Pháp về sau gọi là
    Champa"), in a frame ("gọi Napoléon Bonaparte là Nã Phá Luân") or in parentheses ("Trường Kỳ (Nagasaki)"); or
    the nearest earlier one of the label in the paragraph after a phrase that refers back ("Hồng Tú Toàn ... Có sách
    chép tên ông là Hồng Tú Tuyền", "Sách ta gọi thành ấy là Mạc Tư Khoa"; data/alias_anaphors.txt)."""
    pattern = _ALIAS_PATTERNS.get(id(lex))
    if pattern is None:  # built once per lexicon (setdefault would build it on every call)
        pattern = _ALIAS_PATTERNS[id(lex)] = _alias_pattern(lex)
    spans = sorted(spans)
    starts = [s[0] for s in spans]
    pairs = []
    # the starts of the names a phrase that refers back gives ("gọi ông là Nurhaci") -> the man it was joined to, or
    # the one that man's own name was joined to (a chain of such phrases is one guess); None: joined to no one
    referred: dict[int, str | None] = {}
    for k, second in enumerate(spans):
        start, _, name, label = second
        # the mentions that may be the other name: those that end at most a sentence or two before (linear time)
        near = spans[bisect.bisect_left(starts, start - _ANAPHOR_REACH, 0, k):k]
        of = _refers_back(text[max(0, start - 60):start], label, lex)
        if of is not None:  # "Có sách chép tên ông là Hồng Tú Tuyền"
            first = _antecedent(text, [s for s in near if s[3] == label and s[1] <= start
                                       and "\n" not in text[s[1]:start]], lex, of)
            guess = None if first is None else referred.get(first[0], first[2])
            referred[start] = None
            # a name the document wrote before the antecedent names someone of its own ("Pierre lên ngôi cùng anh là
            # Ivan. Về sau người ta gọi ông là Pierre đại đế": "ông" is Pierre, not the nearer Ivan)
            if first is not None and first[2] != name and _near(text, first[1], start) \
                    and not any(s[2] == name and s[3] == label and s[0] < first[0] for s in spans[:k]) \
                    and not (label == "PER" and guess is not None and _known_as_written_other(guess, name, spans)):
                pairs.append((first[2], name, label))
                referred[start] = guess
            continue
        earlier = [s for s in near if s[3] == label and s[1] <= start and _one_sentence(text[s[1]:start])]
        if not earlier:
            continue
        first = earlier[-1]
        prefer = "earlier" if _gloss(text, first, second, lex) else _framed(text, first, second)
        if prefer is None:  # the cue lies between the nearest earlier name of the label and this one
            cue = pattern.search(text[first[1]:start])
            if cue is None:
                continue
            cue_at = first[1] + cue.start()
            if cue_at < first[1]:
                continue
            prefer = lex.alias_cues[word_key(cue.group("cue"))]
            needs = cue_needs().get(word_key(cue.group("cue")))
            if label != "PER" and word_key(cue.group("cue")) in person_only_cues():
                continue
            # the sentence before the cue: a naming clause there holds the namer, never the name ("sử Pháp gọi là")
            lo = max(0, cue_at - _ALIAS_REACH)
            lo += max((b.end() for b in re.finditer(r"[.!?]\s|\n", text[lo:cue_at])), default=0)
            window = text[lo:cue_at]
            mark = max(window.rfind(c) for c in _ALIAS_OPENERS)
            if _naming_clause(window[mark + 1:]):  # "Chiêm Thành, người Pháp về sau gọi là Champa"
                if mark < 0:
                    continue
                mark += lo
                # the name right before the clause mark, a few words of description between at most ("chùa Diên
                # Hựu giữa hồ, người đời quen gọi là"; "việc ấy, sử Pháp gọi là ..." names no earlier name)
                first = next((cand for cand in reversed(earlier) if cand[1] <= mark), None)
                first = first if first is not None and _describes(text[first[1]:mark]) \
                    and not any(first[1] <= s[0] < mark for s in near) else None
                # the namer gives no other name to a name of its own clause: "Nam Kỳ thuộc về Pháp; người Pháp gọi
                # là Cochinchine" names Nam Kỳ, never Pháp
                if first is not None and any(s[2] == first[2] for s in near if mark < s[0] < cue_at):
                    first = None
            else:  # right after the first name or a clause mark: "Lê Duy Kỳ lên ngôi, tức"; "Hàm Nghi (tên thật là";
                # another referent right after its name: "sông Như Nguyệt, tức"
                before = text[first[1]:cue_at].rstrip()
                if label == "PER":  # a name of another referent between glosses that one ("kinh đô Lão Qua là Mường
                    # Swa, tức Luang Prabang"), unless a title after the cue says a person is meant ("lên ngôi ở Đông
                    # Kinh, tức vua Lê Thái Tổ")
                    titled = bool(re.search(r"\w", cue.group(0)[cue.end("cue") - cue.start():]))
                    # the cue's clause follows the name's own or a short description of it ("Lê Lợi, người Thanh
                    # Hoá, tức vua Lê Thái Tổ"), never another clause ("vợ vua Pierre đệ tam, cùng quân cận vệ phế
                    # chồng mà lên ngôi, tức là Catherine đệ nhị" names the queen, not the king)
                    inner = re.split(r"[,;:(–—]", before.rstrip("".join(_ALIAS_OPENERS) + " "))[1:]
                    first = first if (not before or before[-1] in _ALIAS_OPENERS) and (titled or not any(
                        first[1] <= s[0] < cue_at for s in near)) \
                        and all(len(clause.split()) <= _APPOSITION_WORDS for clause in inner) else None
                    if first is not None and needs == "title" and (
                            not titled or _said_by_la(text[max(0, first[0] - 60):first[0]], lex)):
                        continue
                else:
                    first = first if not before.strip("".join(_ALIAS_OPENERS) + " ") else None
                if not before and needs == "mark":
                    continue  # the writer of a spelling, never the name written: "Ngô Sĩ Liên chép là"
            # a head after the cue that no city or state takes says another thing is named: "cây cầu ... ở Hanoï,
            # người đương thời gọi là cầu Doumer" names the bridge, not the city
            head = word_key(cue.group(0)[cue.end("cue") - cue.start():])
            if first is not None and label == "LOC" and head and head not in city_heads() \
                    and (_country_or_continent(first[2], lex) or _city(first[2], lex) or standards_of(first[2])):
                first = None
            if first is None:
                continue
        if first[2] != name:
            if label != "PER" and _later_name(text, second[1]):  # "Phú Xuân, tức Huế về sau": the later name
                prefer = "later"
            pairs.append((name, first[2], label) if prefer == "later" else (first[2], name, label))
    return pairs


def _known_as_written_other(guess: str, name: str, spans: list[tuple[int, int, str, str]]) -> bool:
    """A phrase that refers back ("sử gọi ông là Nguyên Thế Tổ") gives ``name`` to the guessed antecedent, but the
    tables (ruler_names) give it to a person the document writes under another of his names ("Hốt Tất Liệt"), not
    the one guessed ("... đánh nhau với em là A Lý Bất Ca"): knowledge overrules a pronoun's guess, whatever the
    guess's spelling (the tables may lack a transcription, but not the ruler they state). Where the guess is itself
    a name a phrase referring back gave, the caller passes the man first guessed ("Sử phương Tây gọi ông là
    Nurhaci; sử nhà Thanh thì gọi ông là Thanh Thái Tổ": Nỗ Nhĩ Cáp Xích, one man; "em là A Lý Bất Ca. Người Mông
    Cổ gọi ông là Khả hãn. Sử gọi ông là Nguyên Thế Tổ": A Lý Bất Ca, not Hốt Tất Liệt)."""
    rulers = ruler_names()[0]
    row = rulers.get(word_key(name))
    return row is not None and rulers.get(word_key(guess)) != row and any(
        other != name and label == "PER" and rulers.get(word_key(other)) == row for _, _, other, label in spans)


@lru_cache(maxsize=1)
def _transcription_verbs() -> re.Pattern[str]:
    """data/alias_transcriptions.txt as one pattern at the end of the text before a name: the verb, then "là" or
    "thành" after a few words ("tên ông") at most, then the name ("sách ta phiên âm tên ông là Tô Phi Tốn")."""
    rows = read("alias_transcriptions.txt", ["phrase"])
    words = sorted({p for row in rows for p in _both_placements(word_key(row.phrase))}, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    verbs = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    between = rf"(?:(?:\s+[^\W\d_]+){{0,{_TRANSCRIPTION_WORDS}}}\s+(?:là|thành))?"
    return re.compile(rf"(?<!\w)(?:{verbs}){between}\s*:?\s+$", re.IGNORECASE)


_TRANSCRIPTION_WORDS = 3  # words between a transcription verb and the "là" before the name, at most


def transcriptions(text: str, spans: list[tuple[int, int, str, str]]) -> set[tuple[str, str]]:
    """(name, label) of the mentions the text introduces as a transcription of another name (data/
    alias_transcriptions.txt: "phiên âm tên ông là Tô Phi Tốn")."""
    pattern = _transcription_verbs()
    return {(name, label) for start, _, name, label in spans
            if pattern.search(text[max(0, start - 50):start])}


@lru_cache(maxsize=1)
def _later_words() -> re.Pattern[str]:
    """data/alias_later_words.txt as one pattern at the start of the text after a name."""
    rows = read("alias_later_words.txt", ["phrase"])
    words = sorted({p for row in rows for p in _both_placements(word_key(row.phrase))}, key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")  # an empty list says no name is the later one
    return re.compile(r"[\s)]*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)",
                      re.IGNORECASE)


def _later_name(text: str, end: int) -> bool:
    """The name ending at ``end`` is said to be the later or present one ("tức Huế về sau", "(Hà Nội ngày nay)")."""
    return _later_words().match(text, end) is not None


@lru_cache(maxsize=1)
def _former_spellings() -> dict[str, tuple[tuple[str, str], ...]]:
    """data/place_names.tsv and data/indochina_places.tsv (knowledge.place_rows): a former name of a place
    (folded) -> (the name as the table spells it, the standard name it may stand for) pairs."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for standard, formers in place_rows():
        for name in formers:
            out[fold(name)].append((name, standard))
    return {name: tuple(pairs) for name, pairs in out.items()}


def _marked(name: str) -> bool:
    """``name`` carries accents or other marks on its letters."""
    return fold(name) != name.lower()


def standards_of(surface: str) -> tuple[str, ...]:
    """The standard names a place written ``surface`` may stand for (_former_spellings), where the surface spells the
    table's name with the same marks, or one of the two has none ("Tokyo", "Tôkyô"; "Hanoi", "Hanoï"): "Đại Độ"
    is no "Đại Đô" (Bắc Kinh)."""
    key = word_key(surface)
    out = []
    for name, standard in _former_spellings().get(fold(surface), ()):
        if (word_key(name) == key or not _marked(name) or not _marked(surface)) and standard not in out:
            out.append(standard)
    return tuple(out)


@lru_cache(maxsize=1)
def spelling_variants() -> dict[str, tuple[str, ...]]:
    """data/alias_spellings.tsv: a word of a ruler's name (word_key form) -> its other spellings, both ways
    ("tông" -> "tôn", "tôn" -> "tông")."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in read("alias_spellings.tsv", ["word", "variant"]):
        (word,), (variant,) = word_key(row.word), word_key(row.variant)
        out[word].add(variant)
        out[variant].add(word)
    return {word: tuple(sorted(variants)) for word, variants in out.items()}


def _spellings(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The other spellings of a name (word_key) that data/alias_spellings.tsv allows, one word changed or more."""
    variants = spelling_variants()
    forms = {key}
    for i, word in enumerate(key):
        forms |= {f[:i] + (v,) + f[i + 1:] for f in forms for v in variants.get(word, ())}
    return forms - {key}


@lru_cache(maxsize=1)
def ruler_names() -> tuple[dict[tuple[str, ...], int], frozenset[tuple[str, ...]]]:
    """data/ruler_names.tsv and the other tables of one person's names (knowledge.name_rows): each name (word_key,
    and its other spellings of data/alias_spellings.tsv: "Lý Thánh Tôn") -> its row, and the personal names; a name of two rows is left out (it says no one person), and a
    spelling that is another row's name is that row's."""
    rows: dict[tuple[str, ...], set[int]] = defaultdict(set)
    spelled: dict[tuple[str, ...], set[int]] = defaultdict(set)
    personal, personal_spelled = set(), set()
    for k, row in enumerate(name_rows()):  # data/ruler_names.tsv and the other tables of knowledge.py
        for column, names in zip(("personal", "other"), row):
            for name in names:
                key = word_key(name)
                rows[key].add(k)
                for form in _spellings(key):
                    spelled[form].add(k)
                    if column == "personal":
                        personal_spelled.add(form)
                if column == "personal":
                    personal.add(key)
    others = set(spelled) - set(rows)  # a spelling that is another row's name is that row's
    rows.update((form, spelled[form]) for form in others)
    personal |= personal_spelled & others
    return {name: next(iter(ks)) for name, ks in rows.items() if len(ks) == 1}, frozenset(personal)


def same_person(names: list[str], labels: list[str], surnames: frozenset[str],
                pairs: list[tuple[str, str, str]] = (), present: set[tuple[str, str]] = frozenset(),
                transcribed: set[tuple[str, str]] = frozenset(), clipped: set[str] = frozenset(),
                chosen: dict[str, int | None] | None = None) -> list[str]:
    """Each name replaced by the preferred name of its referent when the document writes two names of one: the
    names of one encyclopedia article of the label ("Quang Trung", "Nguyễn Huệ"; "Dương Tử", "Trường Giang"), or
    ``pairs`` (own name, other name, label) the text equates. For a person, a name opening with a family name
    wins, then an article's title, then an own name of a pair, then the most written (among names opening with
    a family name too, the article's title, then the own name: "Trần Quốc Tuấn, tức Trần Hưng Đạo"); for
    another referent a name of ``present`` (the text calls it the present one: "Đại Đô (tức Bắc Kinh bây giờ)"),
    then the most written name, then the own name, then the article's title, then the first written ("Nam Kinh"
    written four times, renamed "Thiên Kinh" twice). A name of ``transcribed`` (the text calls it a transcription
    of another: "phiên âm tên ông là Tô Phi Tốn") is the canonical of no group that holds another name. A name of
    ``chosen`` (a ruler's name without its dynasty -> the one row of the dynasty the text writes, or None: that
    dynasty unwritten, or several) takes that row, whatever the tables say of the name alone."""
    types, aliases = gazetteer(), referents()
    written = Counter(zip(names, labels))
    first_at = {}
    for k, key in enumerate(zip(names, labels)):
        first_at.setdefault(key, k)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for name, label in written:
        key = name_key(name)
        article = aliases.get(key) or (name if types.get(key) == label else None)
        if article and types.get(key) == label:
            parent[find((name, label))] = find(("article:" + name_key(article), label))
    rulers, personal_names = ruler_names()
    chosen = chosen or {}

    def row_of(name: str, label: str) -> int | None:
        if label != "PER":
            return None
        return chosen[name] if name in chosen else rulers.get(word_key(name))

    for name, label in written:  # a ruler's names (data/ruler_names.tsv)
        row = row_of(name, label)
        if row is not None:
            parent[find((name, label))] = find((f"ruler:{row}", label))
    own = set()
    # the rows of the names written as persons: a pair that knowledge contradicts is no pair ("Phạm Cự Lạng ... sử gọi
    # ông là Lê Đại Hành" in a text that writes Lê Hoàn: the ruler's row says whose name Lê Đại Hành is)
    row_names: dict[int, set[str]] = defaultdict(set)
    for name, label in written:
        if (row := row_of(name, label)) is not None:
            row_names[row].add(name)
    persons = [name for name, label in written if label == "PER"]

    def whole_of(part: str) -> str:  # the one written full name a part closes ("Cung Hoàng" of "Lê Cung Hoàng")
        fuller = [name for name in persons if _part_of(part, name) and name.split()[-1] == part.split()[-1]]
        return fuller[0] if len(fuller) == 1 else part

    for a, b, label in pairs:
        # (a part stands for its written full name: "Lê Cung Hoàng ... bắt vua Cung Hoàng ... Sử cũ gọi ông là Mạc
        # Thái Tổ" in a text that writes Lê Xuân and Mạc Đăng Dung)
        if label == "PER" and (_known_elsewhere(a, b, rulers, row_names, surnames)
                               or _known_elsewhere(whole_of(a), whole_of(b), rulers, row_names, surnames)):
            continue
        if (a, label) in written and (b, label) in written:
            parent[find((a, label))] = find((b, label))
            own.add((a, label))
    # an own name that the text gives as another name of a third is no own name ("Chulalongkorn, sách ta phiên
    # là Chu-la-long-con, tức Rama đệ ngũ": Chulalongkorn only)
    own -= {(b, label) for _, b, label in pairs}
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for key in written:
        groups[find(key)].append(key)
    preferred: dict[tuple[str, str], str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        titles = [m for m in members if types.get(name_key(m[0])) == m[1] and name_key(m[0]) not in aliases]
        if members[0][1] == "PER":
            # never a part of another of the names ("Catherine lên ngôi, tức Catherine đệ nhất": the fuller name)
            whole = [m for m in members if not any(_part_of(m[0], o[0]) for o in members)] or members
            # (but a single Vietnamese syllable, a common word read as a name, "Tên ông, sách ta phiên âm là Tô Phi
            # Tốn", is never preferred to the transcription)
            transcription = any(m in transcribed for m in whole)
            whole = [m for m in whole if m not in transcribed
                     and (len(m[0].split()) > 1 or is_foreign(m[0]) or not transcription)] or whole
            personal = [m for m in whole if word_key(m[0]) in personal_names] or \
                [m for m in whole if len(m[0].split()) > 1 and m[0].split()[0] in surnames]
            best = max(personal or [m for m in titles if m in whole] or [m for m in whole if m in own] or whole,
                       key=lambda m: (m in titles, m in own, written[m], len(m[0]), m[0]))
        else:
            # a body's own name over the short one the text gives it ("Ấn Độ Quốc dân Đại hội đảng, thường gọi tắt
            # là đảng Quốc đại"), however often that is written: its fullest name (bench/devsets/README.md)
            # (an own name only where its mention is whole: one right after a capitalized word may be clipped,
            # "Việt Nam Độc lập Đồng minh hội" read as "Nam Độc lập ...": then the most written name)
            best = max(members, key=lambda m: (m in present, m not in transcribed,
                                               m[1] == "ORG" and m in own and m[0] not in clipped,
                                               written[m], m in own, m in titles, -first_at[m]))
        preferred.update((m, best[0]) for m in members)
    # a ruler's personal name the document writes under another label ("Phổ Nghi" read as a place) is still the
    # canonical of his other names, where none of his personal names is written as a person
    elsewhere = {rulers[word_key(name)]: name for name, label in written
                 if label != "PER" and word_key(name) in personal_names and word_key(name) in rulers}
    for key in written:
        row = rulers.get(word_key(key[0])) if key[1] == "PER" else None
        if row in elsewhere and word_key(preferred.get(key, key[0])) not in personal_names:
            preferred.update((m, elsewhere[row]) for m in groups[find(key)])
    return [preferred.get((name, label), name) for name, label in zip(names, labels)]


def _known_elsewhere(a: str, b: str, rulers: dict[tuple[str, ...], int], row_names: dict[int, set[str]],
                     surnames: frozenset[str]) -> bool:
    """One of two names a text equates is, by data/ruler_names.tsv and the other tables, a name of a person whose
    other name the document writes, and the second is another man's full name (a Vietnamese or Chinese family name
    opens it, and it is neither of that row nor a part of one written: "Tú Cát" of "Phong Thần Tú Cát"): knowledge
    gives the first to someone else ("Phạm Cự Lạng ... sử gọi ông là Lê Đại Hành" in a text that writes Lê Hoàn).
    A transcription or romanisation the tables may lack ("Nã Phá Luân", "Nurhaci") is no such name."""
    for one, other in ((a, b), (b, a)):
        row = rulers.get(word_key(one))
        names = row_names[row] - {one} if row is not None else set()
        words = other.split()
        if names and rulers.get(word_key(other)) != row and len(words) > 1 and words[0] in surnames \
                and not any(is_foreign(w) for w in words) \
                and not any(_part_of(other, n) for n in names | {one}) and not _part_of(one, other):
            return True
    return False


def _after_capital(text: str, start: int) -> bool:
    """The mention at ``start`` follows a capitalized word with one space between ("Việt Nam Độc lập ...": "Nam
    ..." read without "Việt")."""
    before = text[max(0, start - 40):start]
    if not before.endswith(" ") or before.endswith("  "):
        return False
    words = before.split()
    return bool(words) and words[-1][:1].isupper() and words[-1].isalpha()


def _part_of(name: str, other: str) -> bool:
    """``name`` opens or closes the longer ``other``, whole words ("Catherine" of "Catherine đệ nhất")."""
    words, others = name.split(), other.split()
    return len(words) < len(others) and (others[:len(words)] == words or others[-len(words):] == words)


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:] or a[i + 1:] == b[i:]


def _damaged(word: str, other: str, label: str, words: int) -> bool:
    """``word`` may be a damaged spelling of ``other``: one edit from it, or from it once a speck inside is dropped
    ("I.énine": "Lénine"), where it is a foreign or damaged word long enough (shorter ones are one edit from too
    many others); in the name of a body of _MIN_REPAIR_WORDS words or more, where every other word agrees, also a
    capitalized Vietnamese syllable ("đảng Xã hội dân chủ Bức": "Đức")."""
    if not ((len(word) >= _MIN_REPAIR_LEN and is_foreign(word))
            or (label == "ORG" and words >= _MIN_REPAIR_WORDS and word[:1].isupper() and other[:1].isupper())):
        return False
    return _one_edit(word, other) or (word.strip(".") == word and _one_edit(word.replace(".", ""), other))


def _names_a_place(words: list[str], k: int) -> bool:
    """The capitalized run of ``words`` that holds words[k] is a place the gazetteer or data/places.tsv knows: a
    name of its own, no damaged spelling of another ("Uỷ ban Hành chính Hồ Nam" beside "... Hà Nam")."""
    i, j = k, k
    while i > 0 and words[i - 1][:1].isupper():
        i -= 1
    while j + 1 < len(words) and words[j + 1][:1].isupper():
        j += 1
    run = " ".join(words[i:j + 1])
    return gazetteer().get(name_key(run)) is not None or _place(run, lexicon()) is not None


def repaired(names: list[str], labels: list[str]) -> list[str]:
    """Each name with a damaged word replaced by the more frequent same-label name it is one edit from
    (_damaged)."""
    counts = Counter(zip(names, labels))
    fixes: dict[tuple[str, str], str] = {}
    for (name, label), n in counts.items():
        words = name.split()
        found = set()
        for (other, other_label), m in counts.items():
            theirs = other.split()
            if other_label != label or m <= n or len(theirs) != len(words):
                continue
            diff = [(k, w, t) for k, (w, t) in enumerate(zip(words, theirs)) if w != t]
            if len(diff) == 1 and _damaged(*diff[0][1:], label, len(words)) \
                    and (is_foreign(diff[0][1]) or not _names_a_place(words, diff[0][0])):
                found.add(other)
        if len(found) == 1:
            fixes[(name, label)] = found.pop()
    return [fixes.get((name, label), name) for name, label in zip(names, labels)]
