"""The stage's language knowledge, read once from the editable files in ``data/``.

Phrases are kept as tuples of lower-case syllables so that the recognizer can match them token by token.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.vi.keys import fold
from pipeline.vi.table import read_table, read_words
from pipeline.vi.tone import tone_key

from .declared import RuleSpec, read_rules

DATA = Path(__file__).parent / "data"
DATES_WORDS = Path(__file__).parent.parent / "dates" / "data" / "words"  # one list of can-chi for both stages

Phrase = tuple[str, ...]


def word_key(text: str) -> Phrase:
    """The form phrases are matched in: NFC, lower case, the tone mark of oa/oe/uy in one place ("uỷ ban" and
    "ủy ban" agree, whatever --tone-style the clean text has)."""
    return tuple(map(tone_key, unicodedata.normalize("NFC", text).lower().split()))


def name_key(name: str) -> str:
    """The lookup form of a name: NFC, one space between words, tone marks of oa/oe/uy in one place."""
    return " ".join(map(tone_key, unicodedata.normalize("NFC", name).split()))


def read(name: str | Path, columns: list[str], types: dict | None = None) -> list[tuple]:
    """Typed rows of a data file (a name in ``data/``, or a path), read by pipeline/vi/table.py: a line of the
    wrong shape fails with ``file:line: expected …``."""
    return read_table(DATA / name, columns, types)


def _entries(name: str) -> list[str]:
    """The first column of a data file, whatever flags follow it."""
    return [row.entry for row in read_table(DATA / name, ["entry", "*flags"])]


def _flagged(name: str, flag: str) -> frozenset[Phrase]:
    """Phrases of a data file whose second column lists ``flag`` (comma-separated flags)."""
    return frozenset(word_key(r.phrase) for r in read(name, ["phrase", "flags?"]) if flag in r.flags.split(","))


def _grouped(rows) -> list[tuple[str, list]]:
    """Rows of a table grouped by their ``role`` column."""
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(r.role, []).append(r)
    return list(groups.items())


def _phrases(name: str) -> frozenset[Phrase]:
    return frozenset(word_key(entry) for entry in _entries(name))


def _words(name: str, skip_flag: str | None = None) -> frozenset[str]:
    """One-word entries of a data file in their match form (rows flagged ``skip_flag`` left out)."""
    return frozenset(word_key(r.entry)[0] for r in read_table(DATA / name, ["entry", "*flags"])
                     if skip_flag is None or skip_flag not in r.flags)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    kind: str
    ambiguous: bool
    no_initial: bool
    short_of: str = ""  # the full name this one abbreviates ("Thổ" -> "Thổ Nhĩ Kỳ"), its canonical where written
    cased: bool = False  # its syllables after the first match only with their capitals ("Miền Nam")

    def cased_as(self, words: list[str]) -> bool:
        """The written syllables keep the capitals this name has after its first syllable."""
        return not self.cased or all(w[:1].isupper() or not n[:1].isupper()
                                     for w, n in zip(words[1:], self.name.split()[1:]))


@dataclass(frozen=True)
class OrgHead:
    """A row of org_heads.tsv."""

    keep: bool  # the head is part of the span
    bare: bool  # the head alone, capitalized, names a body
    vote: float  # ORG vote for the name after a head kept outside
    capital_only: bool  # only a capitalized head makes an organisation
    referring: bool = False  # the head alone, capitalized, names the body of that head the document named last
    whole: bool = False  # the head is the whole name of one body, a name even at a sentence start ("Hội Quốc liên")
    country: bool = False  # a country after the head in lower case is part of the body's name ("chính phủ Nhật")
    meeting: bool = False  # with a place's name, a congress held once there: an event ("Hội nghị Vienne")
    no_place: bool = False  # in lower case before a known place, no organisation ("dòng Trường Giang": a river)
    army: bool = False  # before a Vietnamese personal name, the man's army: no organisation ("đạo quân Lý Thường Kiệt")
    sentence_case: bool = False  # only before a name with a lower-case syllable ("Trường Quân sự Hoàng Phố")


def _org_heads() -> dict[Phrase, OrgHead]:
    rows = read("org_heads.tsv", ["phrase", "keep", "bare", "vote", "flags"], {"keep": bool, "bare": bool,
                                                                              "vote": float})
    return {word_key(r.phrase): OrgHead(r.keep, r.bare, r.vote, "capital" in r.flags,
                                     "referring" in r.flags, "whole" in r.flags, "country" in r.flags,
                                     "meeting" in r.flags, "no-place" in r.flags, "army" in r.flags,
                                     "sentence-case" in r.flags) for r in rows}


@dataclass(frozen=True)
class Source:
    """A row of sources.tsv: the case a rule ends in, as the tables name and score it."""

    source: str
    score: float
    flags: frozenset[str]


_SOURCE_FLAGS = {"structured", "repeatable", "doc-only", "coord-only", "own-span"}


def _sources() -> dict[str, Source]:
    out = {}
    for r in read("sources.tsv", ["case", "source", "score", "flags"], {"score": float}):
        flags = frozenset(f for f in r.flags.split(",") if f != "-")
        if not flags <= _SOURCE_FLAGS or not 0 <= r.score <= 1:
            raise ValueError(f"sources.tsv: {r.case}: score in [0, 1], flags among {sorted(_SOURCE_FLAGS)}")
        out[r.case] = Source(r.source, r.score, flags)
    return out


def sources_flagged(sources: dict[str, Source], flag: str) -> frozenset[str]:
    """The source names of the cases flagged ``flag``."""
    return frozenset(s.source for s in sources.values() if flag in s.flags)


_ROLES = frozenset({"copula", "month", "plural", "ministry_head", "woman", "people", "appositive", "possessive"})


def _roles() -> dict[str, frozenset[str]]:
    """function_words.tsv: role -> the words (their match form, syllables joined by spaces) that play it."""
    roles: dict[str, set[str]] = {role: set() for role in _ROLES}
    for r in read("function_words.tsv", ["role", "word"]):
        if r.role not in _ROLES:
            raise ValueError(f"function_words.tsv: {r.role!r}: role must be one of {sorted(_ROLES)}")
        roles[r.role].add(" ".join(word_key(r.word)))
    return {role: frozenset(words) for role, words in roles.items()}


@dataclass(frozen=True)
class Lexicon:
    titles: frozenset[Phrase]
    offices: frozenset[Phrase]  # titles of an office over a place ("thủ tướng Piémont"): a vote, not a label
    capital_titles: frozenset[Phrase]  # classical offices, capitalized mid-sentence in the annals ("Thái uý X")
    place_offices: frozenset[Phrase]  # a governor's office: the name after it is the place ("Tri phủ Lạng Giang")
    honorifics: frozenset[Phrase]  # forms of address ("ông"): a dynasty after one opens the name ("ông Tống Giáo Nhân")
    house_offices: frozenset[Phrase]  # a ruler's, officer's or courtier's title: a dynasty alone after it is the house
    appellations: frozenset[Phrase]  # "chúa": with one syllable that is no family name, a lord's name ("chúa Tiên")
    loc_heads: frozenset[Phrase]
    own_span_heads: frozenset[Phrase]  # place heads whose label types only their own mention ("chùa", "cầu")
    kept_loc_heads: frozenset[Phrase]  # place heads inside the span, in any case ("hãn quốc Kim Trướng")
    name_opening_heads: frozenset[Phrase]  # "Trường": at a sentence start it may open a place's name ("Trường Sa")
    org_heads: dict[Phrase, OrgHead]
    org_modifiers: frozenset[Phrase]
    ministry_words: frozenset[Phrase]
    org_suffixes: frozenset[Phrase]
    lower_suffixes: frozenset[str]  # org suffixes that make an organisation only in lower case ("Nam triều")
    misc_heads: dict[Phrase, tuple[bool, str]]  # phrase -> (keep head in span, what must follow)
    event_words: dict[str, frozenset[Phrase]]  # role -> phrases that go on an event's name (event_words.tsv)
    number_words: frozenset[Phrase]  # "hai", "ba mươi" (the dates stage's numbers.tsv)
    particles: frozenset[str]
    name_prefixes: frozenset[Phrase]
    after_country: frozenset[str]
    loc_prepositions: frozenset[str]
    motion_verbs: frozenset[Phrase]  # "chạy", "đóng đô": with a preposition after them, the name after is a place
    date_heads: frozenset[Phrase]
    places: dict[tuple[str, ...], Place]  # folded syllables -> place (ambiguous ones keyed by exact syllables)
    max_place_len: int
    surnames: frozenset[str]
    compound_surnames: frozenset[Phrase]  # "Tư Mã", "Gia Cát": two-syllable family names (compound_surnames.txt)
    coordinators: frozenset[str]
    clause_openers: frozenset[str]
    conjunctions: frozenset[str]  # open a sentence, never a name ("Nhưng")
    era_cues: frozenset[str]  # "thời", "đời": before a two-syllable name that is no dynasty, an era
    state_name_heads: frozenset[Phrase]  # "quốc hiệu": the name after it is a state's, LOC
    numbered_places: frozenset[Phrase]  # a place named by the number after them ("vĩ tuyến 38")
    dynasty_heads: frozenset[Phrase]
    foreign_houses: frozenset[Phrase]  # heads before which a foreign word is a ruling house ("nhà Habsbourg")
    non_entity_heads: frozenset[Phrase]
    title_tails: frozenset[Phrase]
    title_suffixes: frozenset[str]
    misc_suffixes: frozenset[Phrase]
    book_genres: frozenset[Phrase]  # genre words that end a book's title ("sử lược", "thi tập")
    worded_genres: frozenset[Phrase]  # those that may follow lower-case words of the title ("vong quốc sử")
    book_verbs: frozenset[Phrase]  # verbs between a name and a genre word that make it no title ("Tản Đà in văn tập")
    subject_verbs: frozenset[Phrase]  # after a country that an event's head precedes, a clause ("chiến tranh Pháp rút")
    link_verbs: frozenset[Phrase]  # verbs of war before a bare dynasty's name, the dynasty ("đánh Nguyên")
    state_words: frozenset[Phrase]
    army_prefixes: frozenset[Phrase]
    org_tails: frozenset[str]
    word_tails: frozenset[str]
    society_tails: frozenset[str]  # word tails that close a phrase of political words too ("Đồng minh hội")  # the org tails that may also close a capitalized word and a lower-case syllable
    person_suffixes: frozenset[str]  # last syllable of a temple name used for a ruler ("Anh Tông", "Thái Tổ")
    ruler_name_endings: frozenset[str]  # lower-case words after a ruler's name that belong to it ("Hiến đế")
    place_list_words: dict[str, frozenset[Phrase]]  # role -> words around a place head (place_lists.tsv)
    place_suffixes: frozenset[str]  # Sino-Vietnamese place heads written after the name ("Bạch Đằng giang")
    person_cues: frozenset[str]  # a word before a bare one-syllable name that makes it a person ("sai Tuấn")
    long_person_cues: frozenset[str]  # the cues that also make a longer name a person ("vua sai Định Phúc")
    affixes: tuple[tuple[str, str, float], ...]  # (affix, label, weight): "-sky" PER, "Port-" LOC
    link_cues: frozenset[str]  # "quân Minh", "giặc Minh": the bare name after it is a dynasty, state or army
    dynasty_names: frozenset[Phrase]  # Chinese dynasties between a title and a name ("vua Thanh Càn Long")
    state_dynasties: frozenset[Phrase]  # those read as a country after a link cue too ("quân Nguỵ": LOC)
    person_verbs: frozenset[Phrase]  # words after a bare name that make it a person's act ("Bá Đa Lộc đem")
    place_prefixes: frozenset[str]  # first syllables of two-province regions ("Lưỡng Quảng")
    given_names: frozenset[str]  # "Otto", "Henri": a foreign name that begins with one is a person
    foreign_org_words: frozenset[str]  # "Real", "Company", "Parti": a foreign name holding one is an organisation
    foreign_org_openers: frozenset[Phrase]  # "Real": only as the name's first word ("Ciudad Real" is a town)
    middle_names: frozenset[str]  # "Văn", "Thị": between a family name and a given name, a person's
    pen_name_heads: frozenset[Phrase]  # "hiệu": after "<name>, " the name it heads is that person's pen name
    alias_cues: dict[Phrase, str]  # "tức", "tên thật là": the person named next is the one named before;
    # the value says which of the two names is the person's own ("earlier" or "later")
    stems: frozenset[str]  # the heavenly stems and earthly branches (the dates stage's word lists): "Bính Dần"
    branches: frozenset[str]  # names a year, never a person, even with a family name first ("Đinh Mão")
    calendar_words: frozenset[str]  # "Thermidor", "Tết", "TCN": words of calendars and eras, never a name
    faiths: frozenset[Phrase]  # religions, MISC ("Tin lành", "Công giáo")
    ethnonyms: frozenset[Phrase]  # peoples after "người"/"tộc", LOC ("người Hán")
    house_titles: frozenset[Phrase]  # "chúa": before a bare family name, the ruling house ("chúa Trịnh")
    sources: dict[str, Source]  # case -> source name, score and flags (sources.tsv)
    roles: dict[str, frozenset[str]]  # function words by role (function_words.tsv): "copula" -> {"là"}
    rules: tuple[RuleSpec, ...]  # the rules in the order they are tried (rules.txt)
    votes: dict[str, float]  # the weight of each kind of vote for a label (votes.tsv)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every data file once per process."""
    places: dict[tuple[str, ...], Place] = {}
    for name, kind, flags, short_of in read("places.tsv", ["name", "kind", "flags", "short_of?"]):
        place = Place(name, kind, "ambiguous" in flags, "no-initial" in flags, short_of, "cased" in flags)
        key = tuple(name.split()) if place.ambiguous else tuple(fold(name).split())
        places[key] = place
    sources = _sources()
    return Lexicon(
        titles=_phrases("titles.tsv"),
        offices=_flagged("titles.tsv", "office"),
        capital_titles=_flagged("titles.tsv", "classical"),
        place_offices=_flagged("titles.tsv", "place"),
        honorifics=_flagged("titles.tsv", "honorific"),
        house_offices=_flagged("titles.tsv", "house"),
        appellations=_flagged("titles.tsv", "appellation"),
        loc_heads=_phrases("loc_heads.tsv"),
        own_span_heads=_flagged("loc_heads.tsv", "own-span"),
        kept_loc_heads=_flagged("loc_heads.tsv", "keep"),
        name_opening_heads=_flagged("loc_heads.tsv", "opens-name"),
        org_heads=_org_heads(),
        org_modifiers=_phrases("org_modifiers.txt"),
        ministry_words=_phrases("ministry_words.txt"),
        org_suffixes=_phrases("org_suffixes.txt"),
        lower_suffixes=_words("org_suffixes.txt") - _words("org_suffixes.txt", skip_flag="lower"),
        misc_heads={word_key(r.phrase): (r.keep, r.takes)
                    for r in read("misc_heads.tsv", ["phrase", "keep", "takes"], {"keep": bool})},
        event_words={role: frozenset(word_key(r.phrase) for r in rows if r.role == role)
                     for rows in [read("event_words.tsv", ["phrase", "role"])]
                     for role in ("ordinal", "unit", "period")},
        number_words=frozenset(word_key(r.word) for r in read(DATES_WORDS / "numbers.tsv", ["word", "value"])),
        particles=_words("name_particles.txt"),
        name_prefixes=_phrases("name_prefixes.txt"),
        after_country=_words("after_country.txt"),
        loc_prepositions=_words("loc_prepositions.txt"),
        motion_verbs=_phrases("motion_verbs.txt"),
        date_heads=_phrases("date_heads.txt"),
        places=places,
        max_place_len=max(len(k) for k in places),
        surnames=frozenset(w for name in ("vietnamese_surnames.txt", "chinese_surnames.txt")
                           for w in read_words(DATA / name)),
        compound_surnames=_phrases("compound_surnames.txt"),
        coordinators=_words("coordinators.txt"),
        clause_openers=_words("clause_openers.txt"),
        conjunctions=_words("conjunctions.txt"),
        era_cues=_words("era_cues.txt"),
        state_name_heads=_phrases("state_name_heads.txt"),
        numbered_places=_phrases("numbered_places.txt"),
        dynasty_heads=_phrases("dynasty_heads.txt"),
        foreign_houses=_flagged("dynasty_heads.txt", "foreign"),
        non_entity_heads=_phrases("non_entity_heads.txt"),
        title_tails=_phrases("title_tails.txt"),
        title_suffixes=_words("title_suffixes.txt"),
        misc_suffixes=_phrases("misc_suffixes.txt"),
        book_genres=_phrases("book_genres.txt"),
        worded_genres=_flagged("book_genres.txt", "after-words"),
        book_verbs=_phrases("book_verbs.txt"),
        subject_verbs=_phrases("subject_verbs.txt"),
        link_verbs=_phrases("link_verbs.txt"),
        state_words=_phrases("state_words.txt"),
        army_prefixes=_phrases("army_prefixes.txt"),
        org_tails=_words("org_tails.txt"),
        word_tails=_words("org_tails.txt", skip_flag="after-name"),
        society_tails=_words("org_tails.txt") - _words("org_tails.txt", skip_flag="society"),
        person_suffixes=frozenset(read_words(DATA / "person_suffixes.txt")),
        ruler_name_endings=frozenset(read_words(DATA / "ruler_name_endings.txt")),
        place_list_words={role: frozenset(word_key(r.word) for r in rows)
                          for role, rows in _grouped(read_table(DATA / "place_lists.tsv", ["word", "role"]))},
        place_suffixes=_words("place_suffixes.txt"),
        person_cues=_words("person_cues.txt"),
        long_person_cues=frozenset(word_key(r.entry)[0] for r in read("person_cues.txt", ["entry", "*flags"])
                                   if r.flags == ("any-length",)),
        affixes=tuple(read("name_affixes.tsv", ["affix", "label", "weight"], {"weight": float})),
        link_cues=_words("link_cues.txt"),
        dynasty_names=_phrases("dynasty_names.txt"),
        state_dynasties=_flagged("dynasty_names.txt", "state"),
        person_verbs=_phrases("person_verbs.txt"),
        place_prefixes=frozenset(read_words(DATA / "place_prefixes.txt")),
        given_names=frozenset(read_words(DATA / "given_names.txt")),
        foreign_org_words=_words("foreign_org_words.txt"),
        foreign_org_openers=_flagged("foreign_org_words.txt", "first"),
        middle_names=frozenset(read_words(DATA / "middle_names.txt")),
        pen_name_heads=_phrases("pen_name_heads.txt"),
        alias_cues={word_key(r.phrase): r.prefer for r in read("alias_cues.txt", ["phrase", "prefer", "scope?", "needs?"])},
        stems=frozenset(r.word for r in read(DATES_WORDS / "stems.tsv", ["word", "index"], {"index": int})),
        branches=frozenset(r.word for r in read(DATES_WORDS / "branches.tsv", ["word", "index"], {"index": int})),
        calendar_words=frozenset(read_words(DATA / "calendar_words.txt")),
        faiths=_phrases("faiths.txt"),
        ethnonyms=_phrases("ethnonyms.txt"),
        house_titles=_phrases("house_titles.txt"),
        sources=sources,
        roles=_roles(),
        rules=read_rules(DATA / "rules.txt", set(sources)),
        votes={r.vote: r.weight for r in read("votes.tsv", ["vote", "weight"], {"weight": float})},
    )
