"""General-knowledge tables of the names of one person, read for linking (linking.same_person).

Each row of these tables gives the names of one ruler or one person: the names a document's canonical name should
be (a ruler's personal name, a scholar's own name, a European monarch's French regnal name), then the other names
he is known by (temple, posthumous and era names; courtesy names, art and pen names, aliases; the other readings
and spellings of the name). The tables, each with its own header saying its source and columns:

- data/ruler_names.tsv: the rulers of Vietnam and China (personal, other, dynasty); a name that opens with its
  dynasty (data/dynasty_names.txt) or house (data/ruling_houses.txt: "Trịnh Thành Tổ") is also known without it
  (dynasty_shortened);
- data/person_names.tsv: scholars, generals, officials and revolutionaries of Vietnam, China and Japan (name,
  others, who);
- data/european_rulers.tsv: European monarchs under their French regnal names (name, others, realm); a regnal
  number is written in every form data/regnal_numbers.tsv gives it ("Pierre Ier", "Pierre I", "Pierre đệ nhất");
- data/western_names.tsv: Western persons under the French form of their names (name, others, who).

When a document writes two names of one row as persons they are one person (linking.same_person); a name of two
rows joins nothing.

The other names of one place (linking.standards_of): data/place_names.tsv (standard, former) and
data/indochina_places.tsv (name, french, kind), whose every name is also written in the French colonial spelling,
its syllables without accents joined or hyphenated ("Nam Định": "Namdinh", "Nam-Dinh").

The recognizer also takes the tables' types as a vote beside the encyclopedia's gazetteer (known_types), and a
mention that lies inside an own name of the tables is made that whole name (extend_to_known: "Xuyên Gia Khang"
after "Đức" is "Đức Xuyên Gia Khang"); the tables never add a mention of their own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache

from pipeline.vi.keys import fold

from .declared import comma_list
from .lexicon import read, word_key

# (table, its column of the names the canonical takes, its column of the other names, its third column)
TABLES = (("ruler_names.tsv", "personal", "other", "dynasty"),
          ("person_names.tsv", "name", "others", "who"),
          ("european_rulers.tsv", "name", "others", "realm"),
          ("western_names.tsv", "name", "others", "who"))


_OTHER_WORDS = 3  # words of another name of a table ("Hưng Đạo Vương", "Pierre Đại đế") that it states, at least


@lru_cache(maxsize=1)
def regnal_numbers() -> dict[str, tuple[str, ...]]:
    """data/regnal_numbers.tsv: a regnal number in any one-word form (the Roman numeral, "Ier") -> each form it is
    written in, the numeral first ("Ier" -> ("I", "Ier", "1er", "đệ nhất", "1"))."""
    out = {}
    for row in read("regnal_numbers.tsv", ["roman", "others"]):
        forms = (row.roman, *comma_list(row.others))
        out.update((form, forms) for form in forms if len(form.split()) == 1 and not form.isdigit())
    return out


def regnal_forms(name: str) -> tuple[str, ...]:
    """``name`` and, where it closes with a regnal number, the same name with each other form of that number
    ("Louis XIV" -> "Louis XIV", "Louis đệ thập tứ", "Louis 14"); any other name alone."""
    words = name.split()
    forms = regnal_numbers().get(words[-1]) if len(words) > 1 else None
    if forms is None:
        return (name,)
    return (name, *(" ".join([*words[:-1], form]) for form in forms if form != words[-1]))


@lru_cache(maxsize=1)
def transliterated() -> dict[str, tuple[str, ...]]:
    """data/alias_transliterations.tsv read the other way: a European first name -> its transliterations
    ("Napoléon" -> ("Nã Phá Luân",))."""
    return {row.western: comma_list(row.others) for row in read("alias_transliterations.tsv", ["western", "others"])}


def written_forms(name: str) -> tuple[str, ...]:
    """``name`` in each written form of its regnal number, each also under the transliteration of its first
    word ("Napoléon III" -> "Napoléon III", "Napoléon đệ tam", ..., "Nã Phá Luân III", "Nã Phá Luân đệ tam")."""
    forms = []
    for form in regnal_forms(name):
        first, _, rest = form.partition(" ")
        forms += [form, *(" ".join(filter(None, [other, rest])) for other in transliterated().get(first, ()) if rest)]
    return tuple(forms)


@lru_cache(maxsize=1)
def name_rows() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Every row of the tables as (the names the canonical takes, the other names); a name's other written forms
    (written_forms: "Louis đệ thập tứ" of "Louis XIV") are other names, so that the table's own form wins."""
    from .lexicon import lexicon
    middle = {word_key(w)[0] for w in lexicon().middle_names}
    dynasties = _houses()
    rows = []
    for table, preferred, others, third in TABLES:
        for row in read(table, [preferred, others, third]):
            names = comma_list(getattr(row, preferred))
            # an other name with a middle name ("Nguyễn Văn Chương", "Văn Ba") is an ordinary birth name or alias
            # that other men bear: it joins only where the text equates the names (alias cues), never from a table
            other = [name for name in comma_list(getattr(row, others))
                     if table != "person_names.tsv" or not middle & set(word_key(name))]
            if table == "ruler_names.tsv":  # a ruler's name without the dynasty that opens it ("Tần Nhị Thế":
                # "Nhị Thế"); one that two rulers share ("Thái Tổ") says no one (linking.ruler_names) unless the
                # text writes the house of one of them (dynasty_shortened); one that a row states whole ("Minh
                # Vương", a Nguyễn lord's, beside "Triệu Minh Vương") is that row's alone
                other += [short for name in other if (short := _without_dynasty(name, dynasties))
                          and word_key(short) in dynasty_shortened()]
            forms = [form for name in (*names, *other) for form in written_forms(name)]
            rows.append((names, tuple(dict.fromkeys(form for form in forms if form not in names))))
    return tuple(rows)


@lru_cache(maxsize=1)
def _houses() -> frozenset[tuple[str, ...]]:
    """The names of the dynasties and houses that open their rulers' names (word_key): data/dynasty_names.txt and
    the houses named by a family name, data/ruling_houses.txt ("Trịnh" of "Trịnh Thành Tổ")."""
    from .lexicon import lexicon
    return lexicon().dynasty_names | frozenset(word_key(row.house) for row in read("ruling_houses.txt", ["house"]))


@lru_cache(maxsize=1)
def dynasty_shortened() -> dict[tuple[str, ...], dict[str, frozenset[int]]]:
    """The rulers' names of data/ruler_names.tsv that a table gives only without the dynasty or house that opens
    them ("Nhị Thế" of "Tần Nhị Thế", "Thành Tổ" of "Minh Thành Tổ" and "Trịnh Thành Tổ"; word_key) -> each
    dynasty's name as written ("Tần") -> the rows (name_rows) of its rulers so named: such a name is the ruler's
    only where the text writes his dynasty (linking.fullest), as "vua Tần" or "Tần Thuỷ Hoàng" do, and the ruler of
    the one dynasty written where several gave the name; a name a table also states whole is left out."""
    dynasties = _houses()
    stated: set[tuple[str, ...]] = set()
    out: dict[tuple[str, ...], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for k, row in enumerate(read("ruler_names.tsv", ["personal", "other", "dynasty"])):
        stated.update(word_key(name) for name in comma_list(row.personal))
        for name in comma_list(row.other):
            stated.add(word_key(name))
            if short := _without_dynasty(name, dynasties):
                out[word_key(short)][name.split()[0]].add(k)
    return {key: {dynasty: frozenset(rows) for dynasty, rows in found.items()}
            for key, found in out.items() if key not in stated}


@lru_cache(maxsize=1)
def dynasty_opened() -> frozenset[tuple[str, ...]]:
    """The other names of data/ruler_names.tsv that a dynasty's or house's name opens ("Tần Nhị Thế", "Trịnh Thành
    Tổ"; word_key): a mention of one writes that dynasty's name (a personal name, "Trịnh Tùng", writes a family
    name)."""
    dynasties = _houses()
    return frozenset(word_key(name) for row in read("ruler_names.tsv", ["personal", "other", "dynasty"])
                     for name in comma_list(row.other) if _without_dynasty(name, dynasties))


def _without_dynasty(name: str, dynasties: frozenset[tuple[str, ...]]) -> str | None:
    """A ruler's name that a dynasty's or house's name opens (_houses), without it, where two words at least
    remain ("Tần Nhị Thế" -> "Nhị Thế", "Lê Ngọa Triều" -> "Ngọa Triều"); else None."""
    words = name.split()
    return " ".join(words[1:]) if len(words) > 2 and word_key(words[0]) in dynasties else None


_ERA_GAP = 2  # words between a word that names an era and the era's name, at most


def _alternatives(phrases: list[tuple[str, ...]]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p)) for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def _era_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """data/era_words.tsv as two patterns: at the start of the text after a name, at the end of the text before
    it."""
    rows = read("era_words.tsv", ["phrase", "place"])
    after = [word_key(row.phrase) for row in rows if row.place == "after"]
    before = [word_key(row.phrase) for row in rows if row.place == "before"]
    nothing = r"(?!)"  # an empty list marks nothing
    return (re.compile(r"\s+(?:" + (_alternatives(after) or nothing) + r")(?!\w)", re.IGNORECASE),
            re.compile(r"(?<!\w)(?:" + (_alternatives(before) or nothing) + rf")(?:\s+\w+){{0,{_ERA_GAP}}}\s+$",
                       re.IGNORECASE))


def era_name(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` is an era, not a ruler ("Minh Trị năm thứ 1", "đặt niên hiệu mới là Minh Trị":
    data/era_words.tsv)."""
    after, before = _era_words()
    return after.match(text, end) is not None or before.search(text[max(0, start - 60):start]) is not None


def colonial_spellings(name: str) -> tuple[str, ...]:
    """The French colonial spellings of a Vietnamese name of two syllables or more: its syllables without accents,
    joined or hyphenated ("Nam Định" -> "Namdinh", "Nam-Dinh"); none for one syllable (the same letters)."""
    syllables = name.split()
    if len(syllables) < 2:
        return ()
    bare = [fold(s).capitalize() for s in syllables]
    return ("".join(bare[:1] + [b.lower() for b in bare[1:]]), "-".join(bare))


@lru_cache(maxsize=1)
def place_rows() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every place of the tables as (its standard name, its other names)."""
    rows = [(row.standard, comma_list(row.former)) for row in read("place_names.tsv", ["standard", "former"])]
    for row in read("indochina_places.tsv", ["name", "french", "kind"]):
        others = (*colonial_spellings(row.name), *comma_list(row.french))
        rows.append((row.name, tuple(o for o in dict.fromkeys(others) if fold(o) != fold(row.name))))
    return tuple(rows)


@lru_cache(maxsize=2)
def known_types(own: bool = False) -> dict[str, str]:
    """name_key -> label of the names the tables give a type: PER for the persons' names (person_names.tsv,
    european_rulers.tsv, western_names.tsv) and the rulers' personal names and other names of three words or more
    ("Tống Thái Tổ", "Thành Cát Tư Hãn"; not their eras, "Minh Trị", which are eras too), LOC for the places' names; a name given both is left out. ``own``: only the names of the
    first column (a person's own name, a place's standard name), which a table states more surely than the
    encyclopedia's gazetteer does ("Chu Ân Lai", "Hoa Kỳ"); the others ("Tây Hồ", Phan Châu Trinh's art name and
    a lake) are a vote below the gazetteer's."""
    from .lexicon import name_key
    labels: dict[str, set[str]] = {}
    persons = [names for table, row in zip(_row_tables(), name_rows()) for names in
               ((row[0],) if own else (row[0], _long(row[1])) if table == "ruler_names.tsv" else row)]
    for names in persons:
        for name in names:
            labels.setdefault(name_key(name), set()).add("PER")
    for standard, formers in place_rows():
        for name in (standard, *(() if own else formers)):
            labels.setdefault(name_key(name), set()).add("LOC")
    return {name: next(iter(found)) for name, found in labels.items() if len(found) == 1}


def _long(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names of three words or more (_OTHER_WORDS)."""
    return tuple(name for name in names if len(name.split()) >= _OTHER_WORDS)


def _row_tables() -> list[str]:
    """The table of each row of name_rows, in order."""
    return [table for table, preferred, others, third in TABLES for _ in read(table, [preferred, others, third])]


_TOKEN = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=1)
def _own_names() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The names the tables state, by their first word: first word -> (the name's words, its label), longest
    first. The own names of two words or more (known_types(own=True)), and the other names of three words or more
    that have a label (known_types(): a title of nobility, an epithet; a two-word art name may be a place too,
    "Tây Hồ", and a ruler's era or temple name has none)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    own = known_types(own=True)
    for name, label in (known_types() | own).items():
        words = tuple(name.split())
        if len(words) >= (2 if own.get(name) == label else _OTHER_WORDS):
            out.setdefault(words[0], []).append((words, label))
    return {first: sorted(names, key=len, reverse=True) for first, names in out.items()}


def known_occurrences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each name the tables state (_own_names) written in ``text`` as the table writes it
    (its case, one space between its words), the longest at each place."""
    from .lexicon import name_key
    tokens = list(_TOKEN.finditer(text))
    keys = [name_key(t.group()) for t in tokens]
    out = []
    for i, key in enumerate(keys):
        for words, label in _own_names().get(key, ()):
            j = i + len(words)
            if j <= len(tokens) and tuple(keys[i:j]) == words and all(
                    text[tokens[k].end():tokens[k + 1].start()] == " " for k in range(i, j - 1)):
                out.append((tokens[i].start(), tokens[j - 1].end(), label))
                break
    return out


def extend_to_known(text: str, candidates: list) -> list:
    """The mentions with each one that lies inside a name the tables state, and stops short of it, made that
    whole name with the table's label ("Xuyên Gia Khang" inside "Đức Xuyên Gia Khang"; "Đức" and "Xuyên Gia
    Khang" read apart): a name the table states is not cut. A mention reaching out of the name, or one that is
    exactly the name, is left as the recognizer found it; a name no mention touches is not added (a table is no
    list of mentions: "Hải Sơn" is an emperor and a place). Linear in the document: the mentions a name touches
    are found by their start, and of the whole names made, which never overlap, only the last can touch the next."""
    from .lexicon import lexicon
    source = lexicon().sources["known"]
    by_start = sorted(candidates, key=lambda c: c.start)
    starts = [c.start for c in by_start]
    reach = max((c.end - c.start for c in candidates), default=0)
    removed: set[int] = set()
    added: list = []
    for start, end, label in known_occurrences(text):
        inside = [c for c in by_start[bisect_left(starts, start - reach):bisect_left(starts, end)]
                  if c.end > start and id(c) not in removed]
        if added and added[-1].end > start:
            inside.append(added[-1])
        if not inside or any(c.start < start or c.end > end for c in inside) \
                or (len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end)):
            continue
        removed.update(id(c) for c in inside)
        make = type(inside[0])  # rules.Candidate (not imported: rules imports linking, which imports this module)
        added.append(make(start, end, (start, end), label, source.source, source.score))
    return [c for c in candidates if id(c) not in removed] + added
