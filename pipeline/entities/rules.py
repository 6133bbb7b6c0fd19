"""Rule pass over one sentence: titles, place heads, organisation structures, MISC cues, gazetteer, names.

Each rule yields a ``Candidate``: the output span, the name core (the part that identifies the entity across
the document), a label when a cue fixes it, and weak votes otherwise (settled later, one sense per document).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.resources import Derived, package_dir
from pipeline.vi.keys import fold

from .gazetteer import gazetteer
from .lexicon import Lexicon, Phrase, name_key, word_key
from .linking import state_heads
from .tokens import Tok

_ROMAN = re.compile(r"[IVXL]{1,6}")
_YEAR = re.compile(r"1\d{3}|20\d{2}")
_QUOTES = {'"': '"', "“": "”", "«": "»", "'": "'"}
_DASHES = frozenset("-–—")  # the dash between the two parties of a war ("chiến tranh Nga – Nhật")
_MONTH_NUMBER = re.compile(r"(?:0?[1-9]|1[0-2])(?:-\d{4})?")


@dataclass
class Candidate:
    start: int
    end: int
    core: tuple[int, int]
    label: str | None
    source: str
    score: float
    votes: Counter = field(default_factory=Counter)
    # Votes the name's own spelling or a list gives (gazetteer, foreign prior, given name, affix): the same at
    # every mention, so they count once per name in the document, however often it is written.
    prior: Counter = field(default_factory=Counter)
    coord_only: bool = False  # kept only if a list it stands in gives it a label ("Anh và Pháp" at a start)
    doc_only: bool = False  # a bare one-syllable name: kept only if the document names it elsewhere ("quân Thanh")
    own_span: bool = False  # its label types this mention only ("chùa Trần Quang Khải"): no evidence for the name


def _transliterated(word: str) -> bool:
    """A foreign name written syllable by syllable, joined by hyphens ("Ga-ri-ban-đi", "Bô-hem"), unlike a
    compound of names, whose parts are capitalized ("Áo-Hung", "Pháp-Phổ", "Port-Arthur")."""
    parts = word.split("-")
    return len(parts) > 1 and all(p.isalpha() for p in parts) and all(p[0].islower() for p in parts[1:])


def _viet74k() -> tuple[str, ...]:
    """The multi-syllable entries of underthesea's Viet74K list (read once for both tables below)."""
    from underthesea.corpus import DictionaryLoader

    return tuple(w for w in DictionaryLoader("Viet74K.txt").words if " " in w)


def _viet74k_tables() -> tuple[frozenset[str], frozenset[str]]:
    words = _viet74k()
    return (frozenset(" ".join(word_key(w)) for w in words if w == w.lower()),
            frozenset(name_key(w) for w in words if all(part[:1].isupper() for part in w.split())))


_VI = Path(__file__).parent.parent / "vi"
# Both tables kept in pipeline/_built (computing them takes a third of a second), valid for these files' bytes:
# the list, underthesea's reader, this module and the key functions.
VIET74K_TABLES = Derived("viet74k_tables.pkl", lambda: [
    package_dir("underthesea") / "corpus" / "data" / "Viet74K.txt",
    package_dir("underthesea") / "corpus" / "readers" / "dictionary_loader.py",
    Path(__file__), Path(__file__).parent / "lexicon.py", _VI / "tone.py"], _viet74k_tables)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Multi-syllable common Vietnamese words from underthesea's Viet74K list; its capitalized entries are
    proper names ("Quảng Bình", "Tây Sơn") and say nothing about a capitalized phrase being a common word."""
    return _tables()[0]


@lru_cache(maxsize=1)
def proper_names() -> frozenset[str]:
    """Capitalized multi-syllable entries of Viet74K (mostly Vietnamese place names: "Quảng Bình", "Yên Thế"),
    as lexicon.name_key forms."""
    return _tables()[1]


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    return VIET74K_TABLES.load()


_FIRST_WORDS: dict[int, tuple[object, frozenset[str]]] = {}


def _first_words(phrases: frozenset[Phrase] | dict) -> frozenset[str]:
    """The words that can start a phrase of ``phrases`` (computed once per phrase table)."""
    entry = _FIRST_WORDS.get(id(phrases))
    if entry is None or entry[0] is not phrases:
        entry = (phrases, frozenset(phrase[0] for phrase in phrases))
        _FIRST_WORDS[id(phrases)] = entry
    return entry[1]


class SentenceRules:
    """Applies the rules to the tokens of one sentence."""

    def __init__(self, text: str, toks: list[Tok], lex: Lexicon) -> None:
        self.text = text
        self.toks = toks
        self.lex = lex
        self.n = len(toks)
        self.out: list[Candidate] = []
        # _joined[k]: token k follows token k-1 with only spaces between them.
        self._joined = [False] + [not text[toks[k - 1].end:toks[k].start].strip() for k in range(1, self.n)]

    # -- helpers -------------------------------------------------------------------------------------------
    def adjacent(self, k: int) -> bool:
        """Token ``k`` follows token ``k-1`` with only spaces between them."""
        return 0 < k < self.n and self._joined[k]

    def match(self, phrases: frozenset[Phrase] | dict, i: int, max_len: int = 4) -> int:
        """Length of the longest phrase of ``phrases`` at token ``i`` (0 if none)."""
        if i >= self.n or self.toks[i].low not in _first_words(phrases):
            return 0
        longest = 1
        while longest < min(max_len, self.n - i) and self._joined[i + longest]:
            longest += 1
        for n in range(longest, 0, -1):
            if tuple(t.low for t in self.toks[i:i + n]) in phrases:
                return n
        return 0

    def place_at(self, i: int) -> int:
        """Length of the gazetteer place starting at token ``i`` (0 if none)."""
        for n in range(min(self.lex.max_place_len, self.n - i), 0, -1):
            span = self.toks[i:i + n]
            if not span[0].cap or not all(self.adjacent(k) for k in range(i + 1, i + n)):
                continue
            place = self.lex.places.get(tuple(t.text for t in span)) or self.lex.places.get(
                tuple(fold(t.text) for t in span))
            if place is None or (place.ambiguous and tuple(t.text for t in span) not in self.lex.places) \
                    or not place.cased_as([t.text for t in span]) or self.other_marks(span, place.name):
                continue
            if place.no_initial and span[0].initial:
                continue
            if i + n < self.n and self.adjacent(i + n) and self.toks[i + n].low in self.lex.after_country:
                continue
            if place.ambiguous and i > 0 and self.match_title_before(i):
                continue
            if place.ambiguous and n == 1 and self.name_goes_on(i + 1):
                continue  # "Phổ Nghi", "Mỹ Khê", "Kim Nhật Thành": the country word opens a longer name
            return n
        return 0

    @staticmethod
    def other_marks(span: list[Tok], name: str) -> bool:
        """The written syllables carry accents other than the place's own ("Huệ" is no "Huế"); a syllable written
        without any mark may still be the place (accents lost in the scan)."""
        return any(fold(t.text) != t.text.lower() and word_key(t.text) != word_key(n)
                   for t, n in zip(span, name.split()))

    def name_goes_on(self, k: int) -> bool:
        """Token ``k`` goes on a name: a capitalized Vietnamese syllable right after the token before it, that
        opens no place of its own ("Nghi" after "Phổ"; not "Pháp" after "Nhật")."""
        return (k < self.n and self.adjacent(k) and self.toks[k].cap and not self.toks[k].foreign
                and not self.toks[k].number and not self.is_place_word(k))

    def match_title_before(self, i: int) -> bool:
        """A person's title ends right before token ``i``."""
        if not self.adjacent(i):
            return False
        # A title word that ends a dictionary word is none ("sĩ quan Anh Lawrence": "quan" of "sĩ quan").
        return any(self.match(self.lex.titles, k) == i - k and not self.inside_word(k) for k in range(max(0, i - 3), i))

    def country_at(self, i: int) -> int:
        """Length of the gazetteer country starting at token ``i`` (0 if none)."""
        return self.place_at(i) if self.place_kind(i) == "country" else 0

    def place_kind(self, i: int) -> str | None:
        """The kind (country, city, ...) of the gazetteer place starting at token ``i``, None if none."""
        n = self.place_at(i)
        span = tuple(t.text for t in self.toks[i:i + n])
        place = self.lex.places.get(span) or self.lex.places.get(tuple(fold(t) for t in span)) if n else None
        return place.kind if place is not None else None

    def is_place_word(self, k: int) -> bool:
        """Token ``k`` is (the start of) a gazetteer name, whatever follows it ("Nga" in "lãnh sự Nga hoàng")."""
        return (self.toks[k].text,) in self.lex.places or (fold(self.toks[k].text),) in self.lex.places

    def inside_word(self, i: int) -> bool:
        """Lower-case token ``i`` ends a dictionary word begun by the token before it ("trụ sở", "đảng viên")."""
        return (i > 0 and not self.toks[i].cap and self.adjacent(i)
                and f"{self.toks[i - 1].low} {self.toks[i].low}" in _dictionary())

    def ends_longer_word(self, i: int, n: int) -> bool:
        """Tokens ``i..i+n`` end a dictionary word begun two tokens before ("xã hội chủ nghĩa"); one token
        before is a classifier ("cuộc cách mạng 1905") and keeps the cue."""
        if i < 2 or not (self.adjacent(i - 1) and self.adjacent(i)):
            return False
        words = " ".join(t.low for t in self.toks[i - 2:i + n])
        return words in _dictionary()

    def starts_word(self, k: int) -> bool:
        """Token ``k`` and the lower-case tokens after it make a dictionary word ("Bản điều trần")."""
        for m in (3, 2):
            span = self.toks[k:k + m]
            if len(span) == m and all(self.adjacent(j) for j in range(k + 1, k + m)) and \
                    " ".join(t.low for t in span) in _dictionary():
                return True
        return False

    def completion(self, k: int, inner: bool = False) -> int:
        """Index after a capitalized Vietnamese token ``k`` and the lower-case syllables that finish its word;
        ``inner`` (a token inside a name) takes only a political or state word or a suffix, not any common word:
        "Quang Trung phong ông" is the king and a verb, not the word "trung phong"."""
        t = self.toks[k]
        if t.foreign:
            return k + 1
        for m in range(min(4, self.n - k), 1, -1):
            span = self.toks[k:k + m]
            if any(s.cap or s.number for s in span[1:]) or not all(self.adjacent(j) for j in range(k + 1, k + m)):
                continue
            words = tuple(s.low for s in span)
            lex = self.lex
            if (" ".join(words) in _dictionary() and not inner) or words in lex.org_modifiers \
                    or words in lex.state_words:
                return k + m
            if words[1:] in lex.org_suffixes and not self.opens_word(k + m - 1):
                return k + m  # "Lễ bộ", "Nam triều"; not "Hoa triều cống" (pays tribute)
            if (m == 3 and words[2] in lex.word_tails and " ".join(words[1:]) not in _dictionary()
                    and words[:2] not in lex.org_modifiers and not self.opens_word(k + m - 1)):
                return k + m  # "Sùng chính viện"; not "Tàu cầu viện", "Đông Quan biết viện binh"
        return k + 1

    def opens_word(self, k: int) -> bool:
        """Token ``k`` and the lower-case syllable after it make a common word ("viện binh": reinforcements)."""
        return k + 1 < self.n and self.adjacent(k + 1) and not self.toks[k + 1].cap \
            and f"{self.toks[k].low} {self.toks[k + 1].low}" in _dictionary()

    def name_run(self, i: int) -> int:
        """End (token index) of the capitalized name starting at token ``i``."""
        k = self.completion(i)
        while k < self.n and self.adjacent(k):
            t = self.toks[k]
            if self.new_line_name(i, k):
                break
            if t.cap and not t.number and not self.starts_structure(k):
                after_particle = self.toks[k - 1].low in self.lex.particles
                if t.foreign and not self.toks[k - 1].cap and not after_particle:
                    break  # "Sô viết | Pétrograd": a sentence-case word then a foreign name are two names
                k = self.completion(k, inner=True)
            elif _ROMAN.fullmatch(t.text) and self.toks[k - 1].foreign:
                k += 1
            elif (t.low in self.lex.particles and k + 1 < self.n and self.adjacent(k + 1)
                  and self.toks[k + 1].cap and self.toks[k + 1].foreign):
                k += 1
            else:
                break
        if (k - i > 1 and k < self.n and self.adjacent(k) and not self.toks[k].cap
                and self.toks[k].low in self.lex.org_tails and self.tail_fits(i, k)):
            k += 1  # "Duy Tân hội"; "Trung ương đảng" is the party's committee, named "Trung ương"
        elif k - i > 1 and k < self.n and self.adjacent(k) and self.match(self.lex.org_heads, i) == k + 1 - i:
            k += 1  # "Liên hợp quốc": a body's whole name that ends in lower case
        return k

    def new_line_name(self, i: int, k: int) -> bool:
        """Token ``k`` opens a line and a name of its own, after a name of two syllables or more that ends the
        line before ("Gia Định\nNguyễn Phúc Ánh": a family name and a capitalized syllable), or after a heading's
        roman numeral ("CHƯƠNG III\nNăm 1885"); a name broken across lines ("Nguyễn\nPhúc Ánh") goes on."""
        if "\n" not in self.text[self.toks[k - 1].end:self.toks[k].start]:
            return False
        if _ROMAN.fullmatch(self.toks[k - 1].text):
            return True
        return k - i >= 2 and self.toks[k].text in self.lex.surnames and k + 1 < self.n and self.adjacent(k + 1) \
            and self.toks[k + 1].cap

    def regnal_ordinal(self, i: int, e: int) -> int:
        """Length of a lower-case regnal ordinal (data/name_prefixes.txt) right after the name ``i..e`` that is no
        organisation's ("Napoléon đệ nhất", "Nã Phá Luân đệ tam"), else 0."""
        if e >= self.n or not self.adjacent(e) or self.toks[e].cap or self.match(self.lex.org_heads, i):
            return 0
        return self.match(self.lex.name_prefixes, e)

    def tail_fits(self, i: int, k: int) -> bool:
        """The organisation tail at token ``k`` closes the name ``i..k``: a word tail after anything but a
        political phrase, an after-name tail ("quân", "hệ") only after capitalized words or a political phrase."""
        if self.toks[k].low in self.lex.word_tails:
            return self.toks[k].low in self.lex.society_tails or not self.political(self.toks[i:k])
        return all(t.cap for t in self.toks[i:k]) or self.political(self.toks[i:k])

    def starts_structure(self, k: int) -> bool:
        """An organisation or MISC head that something follows ("Hội đồng Bộ trưởng"); a head that ends the
        name is part of it ("Tân Sở", "Phấn Nghĩa quân")."""
        n = self.match(self.lex.org_heads, k) or self.match(self.lex.misc_heads, k)
        if not n or k + n >= self.n or not self.adjacent(k + n):
            return False
        nxt = self.toks[k + n]
        return nxt.cap or nxt.number or bool(self.match(self.lex.org_modifiers, k + n))

    def add(self, i: int, j: int, core: tuple[int, int], label: str | None, case: str) -> None:
        """A candidate over tokens ``i..j`` (core ``core``) as the case of data/sources.tsv names and scores it."""
        start, end = self.toks[i].start, self.toks[j - 1].end
        cs, ce = self.toks[core[0]].start, self.toks[core[1] - 1].end
        self.add_span(start, end, (cs, ce), label, case)

    def add_span(self, start: int, end: int, core: tuple[int, int], label: str | None, case: str) -> None:
        k = self.ruler_ending_after(end) if label in (None, "PER") and core[1] == end else None
        if k is not None:  # "vua Hiến đế", "Hán Hiến đế": the ending is part of the ruler's name
            end, core, label = self.toks[k].end, (core[0], self.toks[k].end), "PER"
        src = self.lex.sources[case]
        self.out.append(Candidate(start, end, core, label, src.source, src.score,
                                  coord_only="coord-only" in src.flags, doc_only="doc-only" in src.flags,
                                  own_span="own-span" in src.flags))

    def ruler_ending_after(self, end: int) -> int | None:
        """The token of a ruler's name ending (data/ruler_name_endings.txt) written right after offset ``end``,
        unless it opens a common word with the next syllable ("đế quốc")."""
        k = next((k for k in range(self.n) if self.toks[k].start >= end), None)
        if k is None or not self.adjacent(k) or self.toks[k - 1].end != end \
                or self.toks[k].text not in self.lex.ruler_name_endings:
            return None
        if k + 1 < self.n and self.adjacent(k + 1) and f"{self.toks[k].low} {self.toks[k + 1].low}" in _dictionary():
            return None
        return k

    # -- rules -----------------------------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        # The rules in the order data/rules.txt declares them; the first that takes the token decides (the method
        # of the rule's name returns the index after what it took, or 0).
        rules = [getattr(self, rule.name) for rule in self.lex.rules]
        i = 0
        while i < self.n:
            if self.toks[i].number:
                i += 1
                continue
            for rule in rules:
                end = rule(i)
                if end:
                    i = end
                    break
            else:
                i += 1
        return self.out

    def calendar_word(self, i: int) -> int:
        """A word of a calendar or an era ("Thermidor", "Tết", "TCN") is no name of its own."""
        return i + 1 if self.toks[i].text in self.lex.calendar_words else 0

    def opener(self, i: int) -> int:
        """A clause opener at a sentence start that is also a family name ("Từ") is the preposition when no
        name follows it or a place or a dynasty does ("Từ năm 221 TCN", "Từ Vũ Xương đến Nam Kinh", "Từ Minh sang
        Thanh"); a conjunction at a sentence start opens no name ("Nhưng Nã Phá Luân đệ tam trị vì")."""
        t = self.toks[i]
        if t.initial and t.low in self.lex.conjunctions:
            return i + 1
        if not (t.initial and t.low in self.lex.clause_openers):
            return 0
        j = i + 1
        if j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return j
        e = self.name_run(j)
        if self.match(self.lex.dynasty_names, j, 2) == e - j:
            return j
        return j if self.place_at(j) or gazetteer().get(name_key(self.text[self.toks[j].start:self.toks[e - 1].end])) \
            == "LOC" else 0

    def date_head(self, i: int) -> int:
        """A date head and the month/season word after it are never a name ("tháng Giêng")."""
        n = self.match(self.lex.date_heads, i)
        if not n or i + n >= self.n or not self.adjacent(i + n):
            return 0
        nxt = self.toks[i + n]
        if _ROMAN.fullmatch(nxt.text):
            return i + n + 1
        return self.name_run(i + n) if nxt.cap and not nxt.foreign else 0  # "năm Giáp Thân", "tháng Giêng"

    def year_name(self, i: int) -> int:
        """A can-chi year ("Bính Dần", "Đinh Mão", a stem then a branch) is no name, with or without "năm"."""
        if (i + 1 < self.n and self.adjacent(i + 1) and self.toks[i].text in self.lex.stems
                and self.toks[i + 1].text in self.lex.branches
                and not (i + 2 < self.n and self.adjacent(i + 2) and self.toks[i + 2].cap)):
            return i + 2
        return 0

    def numbered_place(self, i: int) -> int:
        """A head and the number after it name a place, kept whole ("vĩ tuyến 38")."""
        n = self.match(self.lex.numbered_places, i)
        if not n or i + n >= self.n or not self.adjacent(i + n) or not self.toks[i + n].number \
                or not self.toks[i + n].text.isdigit():
            return 0
        self.add(i, i + n + 1, (i, i + n + 1), "LOC", "numbered_place")
        return i + n + 1

    def state_name(self, i: int) -> int:
        """The name a state takes after its head, "là" allowed between ("đổi quốc hiệu là Đại Thanh"): a LOC."""
        n = self.match(self.lex.state_name_heads, i)
        j = i + n
        if n and j < self.n and self.toks[j].low in self.lex.roles["copula"] and self.adjacent(j):
            j += 1
        if not n or j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return 0
        e = self.name_run(j)
        self.add(j, e, (j, e), "LOC", "state_name")
        return e

    def non_entity(self, i: int) -> int:
        """An era, temple or posthumous name or a title after its head ("niên hiệu là Thái Đức") is no entity; a
        pen name right after a name and a comma ("Phan Bội Châu, hiệu Sào Nam") is a person's."""
        n = 0 if self.inside_word(i) else self.match(self.lex.non_entity_heads, i)
        if not n:
            return 0
        j = i + n
        if j < self.n and self.toks[j].low in self.lex.roles["copula"] and self.adjacent(j):
            j += 1
        if j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return 0
        end = self.name_run(j)
        if self.match(self.lex.pen_name_heads, i) == n and i > 0 and self.toks[i - 1].cap \
                and self.text[self.toks[i - 1].end:self.toks[i].start].strip() == "," and end - j > 1:
            self.add(j, end, (j, end), "PER", "pen_name")  # "Phan Bội Châu, hiệu Sào Nam": the man's pen name
        return end

    def dynasty(self, i: int) -> int:
        """A dynasty as a ruling house after "nhà"/"triều": the short name alone is an ORG ("nhà Thanh"); a lord's
        house after "chúa" and a bare family name ("chúa Trịnh")."""
        n = 0 if self.inside_word(i) else self.match(self.lex.dynasty_heads, i)
        if not n and not self.inside_word(i):
            n = self.match(self.lex.house_titles, i)
            j = i + n
            if n and j < self.n and self.adjacent(j) and self.toks[j].text in self.lex.surnames \
                    and not (j + 1 < self.n and self.adjacent(j + 1) and self.toks[j + 1].cap):
                self.add(j, j + 1, (j, j + 1), "ORG", "dynasty")
                return j + 1
            return 0
        j = i + n
        if not n or j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return 0
        if self.toks[j].foreign and self.match(self.lex.foreign_houses, i) == n and not self.place_at(j) \
                and not (j + 1 < self.n and self.adjacent(j + 1) and self.toks[j + 1].cap):
            self.add(j, j + 1, (j, j + 1), "ORG", "dynasty")  # "nhà Habsbourg": a European house
            return j + 1
        if self.place_at(i) or self.toks[j].foreign or self.match(self.lex.titles, j) or self.starts_structure(j):
            return 0  # "Triều Tiên" is Korea; "nhà Vua" is an honorific
        e = self.house_run(j)
        if e - j == 1 and f"{self.toks[j - 1].low} {self.toks[j].low}" in _dictionary():
            return 0  # "nhà Thờ"
        if e - j > 2 or (e - j == 2 and self.toks[j].text in self.lex.surnames):
            return 0  # "triều Lê Thánh Tông", "nhà Nguyễn Du": a person
        self.add(j, e, (j, e), "ORG", "dynasty")
        return self.more_houses(e) if i > 0 and self.adjacent(i) and self.toks[i - 1].low in self.lex.roles["plural"] \
            else e

    def more_houses(self, e: int) -> int:
        """After "các nhà X", the other houses of the list, each a bare name of one or two syllables after a comma
        or a coordinating word ("các nhà Ngô, Đinh, Tiền Lê"): ORGs like the first."""
        while e < self.n:
            gap = self.text[self.toks[e - 1].end:self.toks[e].start].strip()
            k = e + 1 if not gap and self.toks[e].low in self.lex.coordinators else e
            if (gap != "," and k == e) or k >= self.n or (k > e and not self.adjacent(k)):
                break
            t = self.toks[k]
            if not t.cap or t.number or t.foreign or self.place_at(k) or self.vietnamese_name(k):
                break
            end = self.name_run(k)
            if end - k > 2 or any(not s.cap for s in self.toks[k:end]):
                break
            self.add(k, end, (k, end), "ORG", "dynasty")
            e = end
        return e

    def quoted(self, j: int) -> tuple[int, int] | None:
        """The capitalized quoted title right after token ``j - 1`` as a character span."""
        pos = self.toks[j - 1].end
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        close = _QUOTES.get(self.text[pos:pos + 1])
        if close is None:
            return None
        stop = self.text.find(close, pos + 1, pos + 120)
        inner = self.text[pos + 1:stop].strip(" .,;:!?")
        if stop < 0 or not inner or not inner[0].isupper() or "\n" in inner:
            return None
        s = self.text.index(inner, pos + 1)
        return s, s + len(inner)

    def misc(self, i: int) -> int:
        n = self.match(self.lex.misc_heads, i)
        if n and self.inside_word(i) and not (i + n < self.n and self.toks[i + n].cap and self.adjacent(i + n)):
            n = 0  # "tình báo", "mặt trận" are words; "thắng trận Đống Đa" still names a battle
        if not n or self.ends_longer_word(i, n):
            return 0
        keep, takes = self.lex.misc_heads[tuple(t.low for t in self.toks[i:i + n])]
        if takes in ("event", "movement") and not self.toks[i].cap and self.adjacent(i) and self.toks[i - 1].cap \
                and not self.toks[i - 1].initial:
            return 0  # "đảng Xã hội cách mạng Đức": the head goes on a party's name
        j = i + n
        span = self.quoted(j)
        if span is not None:
            self.add_span(span[0], span[1], span, "MISC", "misc_quoted")
            k = j
            while k < self.n and self.toks[k].start < span[1]:
                k += 1
            return k
        if takes == "quoted" or j >= self.n or not self.adjacent(j):
            return 0
        if takes in ("name", "title") and keep and self.toks[i].cap and not self.toks[i].initial:
            e = self.sentence_case_title(j)
            if e:  # "ban Chiếu khuyến nông", "viết Hịch tướng sĩ": a document's title in sentence case
                self.add(i, e, (i, e), "MISC", "misc_head")
                return e
        if takes == "numbered":
            e = self.ordinal_at(j) or (j + 1 if _YEAR.fullmatch(self.toks[j].text) else 0)
        elif takes in ("event", "movement"):
            e = self.event_tail(j, takes == "event")
        else:
            e = self.title_tail(j, takes == "title")
        if not e or (takes in ("event", "movement") and self.suffix_label(i, e) == "ORG"):
            return 0  # "Cách mạng Đồng minh hội" is a society, no revolution
        # The core of "hoà ước Versailles" is the whole: the treaty must not make the town a MISC elsewhere.
        self.add(i if keep else j, e, (i if keep else j, e), "MISC", "misc_head")
        return e

    def book_title(self, i: int) -> int:
        """A book's, a code's or a map's title: a capitalized name, at most two lower-case syllables (three, the last
        two one word: "Lịch triều hiến chương loại chí"), none a verb of data/book_verbs.txt ("Tản Đà in văn tập"),
        then a genre word of data/book_genres.txt and any after it ("Việt Nam vong quốc sử", "Hồng Đức quốc âm thi
        tập", "Khang Hy tự điển", "Đại Việt sử ký toàn thư")."""
        end = self.book_end(i)
        if end:
            self.add(i, end, (i, end), "MISC", "misc_head")
        return end

    def book_end(self, i: int) -> int:
        """End of the book's title that starts at token ``i`` (book_title), else 0. A sentence's first word opens
        none (a capital there says nothing) unless it is a family name or opens a place and the genre word follows
        the name ("Khang Hy tự điển được soạn"; not "Lương Thế Vinh giỏi toán pháp"): the title may start after it
        ("Sách Việt Nam sử lược")."""
        t = self.toks[i]
        opening = t.initial and (t.text in self.lex.surnames or self.place_at(i))  # the genre word right after
        if not t.cap or t.foreign or t.number or (t.initial and not opening) or (
                i > 0 and self.adjacent(i) and self.toks[i - 1].cap and not self.toks[i - 1].initial):
            return 0
        e = i + 1
        while e < self.n and self.adjacent(e) and self.toks[e].cap and not self.toks[e].number:
            e += 1
        for k in range(e, min(e + 1 if opening else e + 4, self.n)):
            if not self.adjacent(k) or self.toks[k].cap or self.toks[k].number or self.match(self.lex.book_verbs, k, 2):
                return 0  # "Xuân Diệu ra thi tập": a verb says the name is the author
            if k == e + 3 and f"{self.toks[k - 2].low} {self.toks[k - 1].low}" not in _dictionary():
                return 0  # three lower-case syllables, the last two one word: "Lịch triều hiến chương loại chí"
            end = k + self.match(self.lex.book_genres if k == e else self.lex.worded_genres, k, 3)
            if end > k and not (end < self.n and self.adjacent(end) and not self.toks[end].cap
                                and f"{self.toks[end - 1].low} {self.toks[end].low}" in _dictionary()):
                while end < self.n and self.adjacent(end) and self.match(self.lex.book_genres, end, 3):
                    end += self.match(self.lex.book_genres, end, 3)  # "Đại Việt sử ký toàn thư": the longest
                return end
        return 0

    def sentence_case_title(self, j: int) -> int:
        """End of the lower-case words of a title in sentence case after its capitalized head: two syllables, then
        any further two-syllable words ("Chiếu dời đô", "Lời kêu gọi toàn quốc kháng chiến"), and a name after
        them ("Hiệp định đình chiến Triều Tiên"), else 0."""
        if j + 1 >= self.n or any(not self.adjacent(k) or self.toks[k].cap or self.toks[k].number
                                  for k in (j, j + 1)):
            return 0
        e = j + 2
        while e + 1 < self.n and self.adjacent(e) and self.adjacent(e + 1) and not self.toks[e].cap \
                and f"{self.toks[e].low} {self.toks[e + 1].low}" in _dictionary():
            e += 2
        if e < self.n and self.adjacent(e) and self.toks[e].cap and not self.toks[e].number:
            e = max(e + self.place_at(e), self.name_run(e))  # "Hiệp định đình chiến Triều Tiên"
        return e

    def event_tail(self, j: int, foreign: bool = True) -> int:
        """End of what names an event after its head: a year, a month ("tháng Mười", "tháng 2"), the place where it happened ("khởi nghĩa Vũ Xương", "cách mạng Pháp", "Chiến tranh
        Triều Tiên"), or a name ("cách mạng Tân Hợi", "Chiến tranh Ba mươi năm"); a foreign name only when
        ``foreign`` ("chiến tranh Balkan"; "cách mạng Bolsevich" is the faction's)."""
        nxt = self.toks[j]
        if _YEAR.fullmatch(nxt.text):
            return j + 1
        if nxt.low in self.lex.roles["month"] and j + 1 < self.n and self.adjacent(j + 1):
            month = self.toks[j + 1]
            if (month.cap and not month.foreign) or _MONTH_NUMBER.fullmatch(month.text):
                return j + 2
            return 0
        if self.place_parts(j):
            return j + 1  # "chiến tranh Nga-Nhật": a war between the countries named
        pair = self.party_pair(j)
        if pair:
            return pair  # "chiến tranh Nga – Nhật", "chiến tranh Trịnh – Nguyễn": the two parties
        if nxt.cap and self.place_at(j) and not self.name_goes_on(j + self.place_at(j)):
            k = j + self.place_at(j)
            if self.place_kind(j) == "country" and k < self.n and self.adjacent(k) and self.match(self.lex.subject_verbs, k, 2):
                return 0  # "Sau chiến tranh Pháp rút quân": the country opens a clause (data/subject_verbs.txt)
            return k  # "khởi nghĩa Vũ Xương", "cách mạng Pháp": named by the place
        if nxt.cap and not nxt.number and (foreign or not nxt.foreign) and not self.place_at(j):
            return self.counted(self.name_run(j))
        return 0

    def ordinal_at(self, k: int) -> int:
        """End of a war's number at token ``k`` ("thứ hai", "lần thứ nhất", "II"), else 0."""
        if _ROMAN.fullmatch(self.toks[k].text):
            return k + 1
        n = self.match(self.lex.event_words["ordinal"], k, 2)
        if not n or k + n >= self.n or not self.adjacent(k + n):
            return 0
        if _ROMAN.fullmatch(self.toks[k + n].text):
            return k + n + 1
        m = self.match(self.lex.number_words, k + n, 3)
        return k + n + m if m else 0

    def counted(self, e: int) -> int:
        """End of a name counted in years or days ("Ba mươi năm", "Trăm năm") that ends at token ``e - 1``: the
        lower-case number words and the first period word after it, when the name ends in a number word."""
        units = self.lex.event_words["unit"]
        if not ((self.toks[e - 1].low,) in self.lex.number_words or (self.toks[e - 1].low,) in units):
            return e
        k = e
        while k < self.n and self.adjacent(k) and not self.toks[k].cap:
            if (self.toks[k].low,) in self.lex.event_words["period"]:
                return k + 1
            if (self.toks[k].low,) not in self.lex.number_words and (self.toks[k].low,) not in units:
                break
            k += 1
        return e
        k = e
        while k < self.n and self.adjacent(k) and not self.toks[k].cap and (
                (self.toks[k].low,) in self.lex.number_words or (self.toks[k].low,) in self.lex.event_words["unit"]):
            k += 1
        if k < self.n and self.adjacent(k) and (self.toks[k].low,) in self.lex.event_words["period"]:
            return k + 1
        return e

    def party_pair(self, j: int) -> int:
        """End of two capitalized names joined by a dash at token ``j`` ("Nga – Nhật", "Trực – Hoàn"), else 0."""
        def name_end(k: int) -> int:
            return k + self.place_at(k) if self.place_at(k) else self.name_run(k)

        if not self.toks[j].cap or self.toks[j].number:
            return 0
        e = name_end(j)
        if e >= self.n or self.text[self.toks[e - 1].end:self.toks[e].start].strip() not in _DASHES \
                or not self.toks[e].cap or self.toks[e].number:
            return 0
        return name_end(e)

    def title_tail(self, j: int, no_place: bool) -> int:
        """End of the capitalized name after a treaty or publication head (0 if none)."""
        nxt = self.toks[j]
        if not nxt.cap or nxt.number:
            return 0
        e = self.name_run(j)
        n = self.match(self.lex.misc_suffixes, e) if e < self.n and self.adjacent(e) else 0
        if no_place and self.place_at(j) and not n:
            return 0
        return e + n

    def org(self, i: int) -> int:
        n = self.match(self.lex.org_heads, i)
        if n == 1 and self.inside_word(i):
            n = 0  # "trụ sở"; a two-syllable head is a word of its own ("quân chính phủ" is no "quân chính")
        if not n:
            return 0
        head = tuple(t.low for t in self.toks[i:i + n])
        info = self.lex.org_heads[head]
        ministry = " ".join(head) in self.lex.roles["ministry_head"]
        keep, bare_ok, vote = info.keep, info.bare, info.vote
        if info.capital_only and not self.toks[i].cap:
            return 0
        k = i + n
        name_start = name_end = None
        while k < self.n and self.adjacent(k):
            t = self.toks[k]
            if t.number:
                break
            if t.cap:
                e = self.name_run(k)
                if e < self.n and self.adjacent(e) and self.toks[e].low in self.lex.after_country:
                    e += 1
                name_start = k if name_start is None else name_start
                name_end = k = e
                continue
            m = self.match(self.lex.org_modifiers, k) or (ministry and self.match(self.lex.ministry_words, k))
            if not m and t.low in self.lex.roles["plural"] and k + 1 < self.n and self.adjacent(k + 1):
                m = self.match(self.lex.org_modifiers, k + 1) and 1 + self.match(self.lex.org_modifiers, k + 1)
                if not m and self.toks[k + 1].cap and not self.toks[k + 1].number and name_start is None:
                    m = 1  # "Hội nghị các Đẳng cấp": the plural before the capitalized name of the members
            if not m:
                break
            k += m
        cap_head = self.toks[i].cap
        modified = k > i + n
        if info.sentence_case and name_start is not None and name_end == k and self.completion(k - 1) > k:
            name_end = k = self.completion(k - 1)  # "Trường Viễn Đông Bác cổ": the last word's lower-case syllable
        if info.sentence_case and (name_start is None or all(t.cap for t in self.toks[name_start:name_end])):
            return 0  # "Trường An", "Trường Giang": a place's name, no school
        if not cap_head and not info.country and name_start == i + n \
                and self.country_at(name_start) == name_end - name_start:
            return 0  # "hạm đội Anh", "quân đội Pháp": the country is a place (LOC), the head a common noun
        if name_start == i + n and self.book_end(name_start):
            return 0  # "sai soạn bộ Khang Hy tự điển": a book, no ministry
        if info.no_place and (not cap_head or self.toks[i].initial) and name_start == i + n and (
                self.place_at(name_start) == name_end - name_start
                or gazetteer().get(name_key(self.text[self.toks[name_start].start:self.toks[name_end - 1].end])) == "LOC"):
            return 0  # "theo dòng Trường Giang": the river's course, no religious order
        place_head = self.match(self.lex.loc_heads, name_start) if name_start is not None else 0
        if info.no_place and place_head and name_start == i + n and name_start + place_head < name_end \
                and not self.place_at(name_start):
            self.add(name_start + place_head, name_end, (name_start + place_head, name_end), "LOC", "loc_head")
            return name_end  # "Dòng Sông Hương": the river's course; the river's name after its head
        if info.army and (not cap_head or self.toks[i].initial) and name_start == i + n \
                and self.vietnamese_name(name_start) == name_end:
            # "Đạo quân Lý Thường Kiệt tiến vào": the man's army, the man a person; a head capitalized inside a
            # sentence names a unit after a hero ("chỉ huy Lữ đoàn Lê Lợi", "Trung đoàn Trần Cao Vân": ORG)
            return 0
        if name_start is not None and not keep and self.vietnamese_name(name_start) == name_end:
            return 0  # "quân phiệt Trương Tác Lâm", "phe Nguyễn Huệ": a man and his camp, no organisation's name
        if name_start is not None and not keep and self.match(self.lex.faiths, name_start) == name_end - name_start:
            return 0  # "phe Tin lành": the side of a faith, which the faith rule takes
        if name_start is not None and not keep:
            # "phái Bolsevich" is a faction, "phe Boukharine" a man's camp: a vote, settled per document.
            self.add(name_start, name_end, (name_start, name_end), None, "org_head_vote")
            self.out[-1].votes["ORG"] += vote
            return k
        if info.meeting and name_start is not None and name_end == k and (
                self.place_at(name_start) == name_end - name_start
                or gazetteer().get(name_key(self.text[self.toks[name_start].start:self.toks[name_end - 1].end])) == "LOC"):
            self.add(i, k, (i, k), "MISC", "misc_head")  # "Hội nghị Vienne": a congress held there once
            return k
        if keep and (name_start is not None or (cap_head and modified)
                     or (ministry and modified and self.match(self.lex.ministry_words, i + n))):
            start = i - 1 if not cap_head and i > 0 and self.adjacent(i) and self.match(
                self.lex.army_prefixes, i - 1, 1) else i  # "quân chính phủ Hồ Bắc"
            self.add(start, k, (start, k), "ORG", "org_head")
            return k
        if keep and bare_ok and cap_head and (not self.toks[i].initial or info.whole):  # "Hội Quốc liên họp"
            self.add(i, i + n, (i, i + n), "ORG", "org_bare")
            return i + n
        if keep and info.referring and cap_head and not self.toks[i].initial:
            self.add(i, i + n, (i, i + n), None, "org_referring")  # kept where the document names the body
            return i + n
        return 0

    def faith(self, i: int) -> int:
        """A religion written with a capital ("Tin lành", "Công giáo") is a MISC, as a doctrine."""
        n = self.match(self.lex.faiths, i) if self.toks[i].cap else 0
        if not n or (i + n < self.n and self.adjacent(i + n) and self.toks[i + n].cap):
            return 0
        self.add(i, i + n, (i, i + n), "MISC", "faith")
        return i + n

    def people(self, i: int) -> int:
        """The name of a people after "người", "tộc", "tục" ("người Hán", "tục Mãn") is a LOC, as a country's."""
        j = i + 1
        if self.toks[i].low not in self.lex.roles["people"] or j >= self.n or not self.adjacent(j) \
                or not self.toks[j].cap:
            return 0
        n = self.match(self.lex.ethnonyms, j)
        if not n or (j + n < self.n and self.adjacent(j + n) and self.toks[j + n].cap) or self.place_at(j) > n:
            return 0  # "người Hán Thành" is a man of Seoul; "người Âu châu", of the continent
        self.add(j, j + n, (j, j + n), "LOC", "people")
        return j + n

    def title(self, i: int) -> int:
        n = 0 if self.inside_word(i) or self.compound_surname(i) else self.match(self.lex.titles, i)
        if n > 1 and self.toks[i + n - 1].cap and self.vietnamese_name(i + n - 1):
            # "ông Hoàng Hưng": a family name, not "ông hoàng"; but "Tư Mã Trần Văn Bảo": no shorter title
            n = self.match(self.lex.titles, i, n - 1) or n
        if not n:
            return self.popular_name(i)
        if self.toks[i].cap and not self.toks[i].initial and self.capital_title(i) != n:
            return self.popular_name(i)
        j = self.served_house(i, self.after_titles(i + n))
        named = j + 1 < self.n and self.toks[j].low in self.lex.roles["copula"] and self.adjacent(j) \
            and self.adjacent(j + 1)
        if named:
            j += 1  # "ba vua là Dục Đức": the name the title is given
        if (j + 1 < self.n and self.adjacent(j) and self.toks[j].low in self.lex.particles and self.adjacent(j + 1)
                and self.toks[j + 1].cap and self.toks[j + 1].foreign):
            e = self.name_run(j + 1)
            self.add(j, e, (j, e), "PER", "title")  # "tướng de Castries": the particle opens the man's name
            return e
        if j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return 0
        if j == i + n and self.match(self.lex.appellations, i) == n and self.toks[j].text not in self.lex.surnames \
                and not self.toks[j].foreign and self.name_run(j) == j + 1 and not self.place_at(j):
            self.add(i, j + 1, (i, j + 1), "PER", "title")  # "chúa Tiên", "chúa Sãi": the lord's popular name
            return j + 1
        house = self.house_after_title(i, n, j)
        if house:
            return house
        if self.match(self.lex.place_offices, i) == n:
            return self.governed_place(j)
        ruler = 0 if j == i + n and self.match(self.lex.honorifics, i) == n else self.ruler_of(j, named)
        if ruler:
            return ruler
        if self.place_at(j):
            return self.place_then_named(j) or j  # "Thủ tướng Đức", "Tổng đốc Hồ Quảng": the place without the
            # title (the place rule takes it)
        if self.starts_structure(j) or self.is_place_word(j) or (
                self.match(self.lex.loc_heads, j) and not self.vietnamese_name(j)):
            # "Chủ tịch Hồ Chí Minh" is a man, "ông Hồ Gươm" no; a capitalized title before a country stays out of
            # the name ("trở thành Thủ tướng Đức": the place rule takes "Đức")
            return j if self.toks[i].cap and self.is_place_word(j) and not self.starts_structure(j) else 0
        e = j + 2 if self.family_woman(j) else (self.compound_surname(j) and self.vietnamese_name(j)) or self.name_run(j)
        if e > j + 1 and not self.toks[j + 1].cap and not self.family_woman(j) \
                and self.toks[j + 1].low not in self.lex.particles and not self.suffix_label(j, e):
            e = j + 1  # "bọn Tuấn ra mắt": a person's name does not go on in lower case
        if self.political(self.toks[j:e]):
            return 0
        if self.place_then_person(j, e):
            return e
        e += self.regnal_ordinal(j, e)  # "vua Guillaume đệ nhất"
        if self.match(self.lex.offices, i) == n:
            self.add(j, e, (j, e), None, "office")
            self.out[-1].votes["PER"] += self.lex.votes["office"]
        else:
            self.add(j, e, (j, e), "PER", "title")
        return e

    def place_then_named(self, j: int) -> int:
        """After a title, a place then the copula and a capitalized name ("tướng Mông Cổ là Ngột Lương Hợp Thai"):
        the place is a LOC and the name the man who holds the title; the end of the name, else 0."""
        c = j + self.place_at(j)
        if c + 1 >= self.n or self.toks[c].low not in self.lex.roles["copula"] or not self.adjacent(c) \
                or not self.adjacent(c + 1) or not self.toks[c + 1].cap or self.toks[c + 1].number \
                or self.starts_structure(c + 1) or self.place_at(c + 1):
            return 0
        e = self.name_run(c + 1)
        self.add(j, c, (j, c), "LOC", "title_state")
        self.add(c + 1, e, (c + 1, e), "PER", "title")
        return e

    def popular_name(self, i: int) -> int:
        """A capitalized title mid-sentence, a number word before it allowed, and a family name alone after it: the
        name people call a person by ("Bà Triệu", "Hai Bà Trưng"), PER as a whole; the end, else 0. Not a ruling
        house ("Vua Lê": data/house_titles.txt)."""
        t = self.toks[i]
        k = i + 1 if (t.low,) in self.lex.number_words and i + 1 < self.n and self.adjacent(i + 1) else i
        if not t.cap or (t.initial and k == i) or not self.toks[k].cap or self.match(self.lex.house_titles, k):
            return 0  # at a sentence start only after a number word: "Hai Bà Trưng khởi nghĩa"
        n = self.match(self.lex.titles, k)
        j = k + n
        if not n or self.capital_title(k) == n or j >= self.n or not self.adjacent(j) \
                or self.toks[j].text not in self.lex.surnames or self.name_run(j) != j + 1:
            return 0
        self.add(i, j + 1, (i, j + 1), "PER", "title")
        return j + 1

    def served_house(self, i: int, j: int) -> int:
        """After a title at ``i``, the house its holders serve and the copula before their names ("các đại thần
        nhà Thanh là Kỳ Anh và Y Lý Bố"): the house is an ORG and the names that follow are the men; the index of
        the copula, else ``j``. Not where the title is a possessor ("Căn cứ của các tướng nhà Tây Sơn là Quy
        Nhơn") or a known place follows the copula."""
        h = j + self.match(self.lex.dynasty_heads, j) if j < self.n and self.adjacent(j) else j
        if h == j or h >= self.n or not self.adjacent(h) or not self.toks[h].cap or self.toks[h].foreign:
            return j
        e = self.house_run(h)
        if e - h > 2 or e + 1 >= self.n or self.toks[e].low not in self.lex.roles["copula"] \
                or not self.adjacent(e) or not self.adjacent(e + 1) or not self.toks[e + 1].cap:
            return j
        before = i - 1 - (i > 0 and self.toks[i - 1].low in self.lex.roles["plural"])
        if (before >= 0 and self.toks[before].low in self.lex.roles["possessive"]) or self.place_at(e + 1):
            return j
        self.add(h, e, (h, e), "ORG", "dynasty")
        return e

    def house_after_title(self, i: int, n: int, j: int) -> int:
        """After a ruler's, officer's or courtier's title (flag "house" of data/titles.tsv) right before it, a
        dynasty's name that ends the name ("tướng Thanh", "các vua Hậu Trần") is the house they serve: a vote for
        ORG, which the document settles ("tướng Minh" in a text on the 1960s may be a man)."""
        d = self.match(self.lex.dynasty_names, j, 2) if j == i + n and self.match(self.lex.house_offices, i) == n else 0
        if not d or self.house_run(j) != j + d or self.toks[j].foreign:
            return 0
        self.add(j, j + d, (j, j + d), None, "title_house")
        self.out[-1].votes["ORG"] += self.lex.votes["house"]
        return j + d

    def capital_title(self, i: int) -> int:
        """Length of a title that keeps its role written with a capital mid-sentence: a classical office ("Thái
        uý"), or a title of two words or more in sentence case ("Chủ tịch", "Tổng thống", "Nguyên soái")."""
        n = self.match(self.lex.capital_titles, i)
        if n:
            return n
        n = self.match(self.lex.titles, i)
        return n if n > 1 and not any(t.cap for t in self.toks[i + 1:i + n]) else 0

    def ruler_of(self, j: int, named: bool = False) -> int:
        """After a title, a country or a Chinese dynasty then a name: the state stays outside the person
        ("Tổng thống Mỹ Donald Trump" -> Mỹ LOC, Donald Trump PER; "vua Thanh Càn Long" -> Thanh ORG, Càn Long
        PER). A dynasty before a temple name is part of it ("Minh Thành Tổ"). In a name a copula gives
        (``named``), a country that is also a word of names (places.tsv "ambiguous") opens the name: "gọi ông là
        Đức Thánh Trần", but "gọi ông là An Nam Hưng Đạo Vương"."""
        n, label = self.match(self.lex.dynasty_names, j, 2), "ORG"
        if not n:
            n, label = self.country_word(j, exact=named), "LOC"
            if n and j + n < self.n and self.adjacent(j + n):
                n += self.match(self.lex.state_words, j + n)  # "Tổng thống Việt Nam Cộng hòa Dương Văn Minh"
        k = j + n
        if not n or not self.toks[j].cap or k >= self.n or not self.adjacent(k) or not self.toks[k].cap \
                or self.toks[k].number or self.starts_structure(k):
            return 0
        e = self.name_run(k)
        if label == "LOC" and not (any(t.foreign for t in self.toks[k:e]) or self.vietnamese_name(k) or (
                e - k > 1 and self.place_at(j) <= n and self.toks[e - 1].text not in self.lex.person_suffixes)):
            # "vua Anh Tông", "thủ tướng Anh Tuấn": the country word is the name's first syllable; a name of two
            # syllables or more after it is the man's ("Thủ tướng Nhật Đông Điều Anh Cơ")
            return 0
        if label == "ORG" and (e - k < 2 or self.toks[e - 1].text in self.lex.person_suffixes):
            return 0
        if label == "ORG" and n == 1 and self.toks[j].text in self.lex.surnames and (
                self.toks[k].text in self.lex.middle_names or (e - k == 2 and self.toks[k].text not in self.lex.surnames)):
            return 0  # "tướng Tống Duy Tân", "tướng Tống Văn Sở": a dynasty that is a family name opens the man's name
        e += self.regnal_ordinal(k, e)  # "hoàng đế Pháp Napoléon đệ tam"
        self.add(j, k, (j, k), label, "title_state")
        self.add(k, e, (k, e), "PER", "title")
        return e

    def country_word(self, j: int, exact: bool = False) -> int:
        """Length of the country or old state at token ``j``, ambiguous ones included ("Anh" in "Thủ tướng Anh
        Churchill") unless ``exact``."""
        for n in (2, 1):
            span = self.toks[j:j + n]
            if len(span) < n or not all(t.cap for t in span) or not all(self.adjacent(k) for k in range(j + 1, j + n)):
                continue
            place = self.lex.places.get(tuple(t.text for t in span)) or self.lex.places.get(
                tuple(fold(t.text) for t in span))
            if place is not None and place.kind in ("country", "polity") and not (exact and place.ambiguous):
                return n  # "vua Chiêm Chế Bồng Nga", "vua Nam Việt Triệu Đà": an old state too
        return 0

    def after_titles(self, j: int) -> int:
        """Index after the titles that follow a title ("Tiết chế Thái uý Bình quốc công Lê Văn Hữu"): classical
        offices, and appellations made of a name and a title tail ("Tây quận công")."""
        while j < self.n and self.adjacent(j) and self.toks[j].cap and not self.toks[j].number:
            n = self.capital_title(j)
            if not n:
                e = self.name_run(j)
                n = e - j + self.title_tail_at(e) if self.title_tail_at(e) else 0
            if not n or j + n >= self.n or not self.adjacent(j + n) or not self.toks[j + n].cap:
                break
            j += n
        return j

    def appellation_then_name(self, i: int, e: int) -> int:
        """An appellation of a name (tokens ``i..e``) and a title tail, then the man's name: "Kỳ Ngoại hầu Cường Để",
        "Dực vương Thạch Đạt Khai" (after a one-syllable appellation, a name of two syllables or more): adds the
        man, returns the end of his name, else 0."""
        tail = self.title_tail_at(e)
        k = e + tail
        if not tail or k >= self.n or not self.adjacent(k) or not self.toks[k].cap or self.toks[k].number \
                or self.place_at(k) or self.starts_structure(k):
            return 0
        end = self.name_run(k)
        if e - i == 1 and (end - k < 2 or self.title_tail_at(end)):
            return 0
        self.add(k, end, (k, end), "PER", "title")
        return end

    def title_tail_at(self, e: int) -> int:
        """Length of the title tail at token ``e`` ("Long Nhương tướng quân", "Quảng Hưng hầu"), unless
        the tail begins a longer word ("hầu hết")."""
        if e >= self.n or not self.adjacent(e) or self.toks[e].cap:
            return 0
        n = self.match(self.lex.title_tails, e, 2)
        if n and e + n < self.n and self.adjacent(e + n) and \
                f"{self.toks[e + n - 1].low} {self.toks[e + n].low}" in _dictionary():
            return 0
        return n

    def governed_place(self, j: int) -> int:
        """The name after a governor's office: the place governed, or the man when a family name opens it."""
        if self.vietnamese_name(j):
            e = self.vietnamese_name(j)
            self.add(j, e, (j, e), "PER", "title")
            return e
        e = self.name_run(j)
        if self.place_then_person(j, e):
            return e
        self.add(j, e, (j, e), "LOC", "office_place")
        return e

    def place_then_person(self, j: int, e: int) -> bool:
        """After a title, a place then a personal name that ends the run ``j..e``: the place governed and the man
        ("Tổng đốc Lưỡng Quảng Tôn Sĩ Nghị"); added as a LOC and a PER."""
        person = next((k for k in range(j + 1, e - 1) if self.vietnamese_name(k) == e), None)
        if person is None:
            return False
        place = self.text[self.toks[j].start:self.toks[person - 1].end]
        if not (self.place_at(j) == person - j or self.toks[j].text in self.lex.place_prefixes
                or gazetteer().get(name_key(place)) == "LOC"):
            return False
        self.add(j, person, (j, person), "LOC", "office_place")
        self.add(person, e, (person, e), "PER", "title")
        return True

    def loc_head(self, i: int) -> int:
        n = 0 if self.inside_word(i) or self.vietnamese_name(i) else self.match(self.lex.loc_heads, i)
        kept = n and tuple(t.low for t in self.toks[i:i + n]) in self.lex.kept_loc_heads  # "hãn quốc Kim Trướng"
        if not n or (self.toks[i].cap and not self.toks[i].initial and not kept and not self.sentence_case_after(i + n)):
            return 0
        j = i + n
        counted = self.counts_places(i)
        while counted and j < self.n and self.adjacent(j) and (self.toks[j].low,) in self.lex.place_list_words["filler"] \
                and j - i - n < 2:
            j += 1  # "bảy nước lớn là Tần, Sở, Tề"
        if j == i + n and j + 1 < self.n and self.adjacent(j) and self.toks[j].low in self.lex.roles["copula"] \
                and tuple(t.low for t in self.toks[i:j]) in self.lex.place_list_words["named"] \
                and self.adjacent(j + 1) and not self.vietnamese_name(j + 1):
            j += 1  # "kinh đô là Cuzco": the capital's name
        if j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number:
            return 0
        if self.starts_structure(j) or (self.is_place_word(j) and not self.place_at(j)
                                        and not self.name_goes_on(j + 1)):
            return 0  # "đế quốc Nga hoàng": a country before a title word is no place name
        if self.toks[i].initial and j == i + n and tuple(t.low for t in self.toks[i:j]) in self.lex.name_opening_heads \
                and gazetteer().get(
                name_key(self.text[self.toks[i].start:self.toks[self.name_run(j) - 1].end])) == "LOC":
            # "Trường Sa thuộc Việt Nam", "Trường Giang chảy qua": at a sentence start the head's syllable opens a
            # place's name the encyclopedia knows whole, it is no head (data/loc_heads.tsv flag opens-name)
            self.add(i, self.name_run(j), (i, self.name_run(j)), "LOC", "gazetteer")
            return self.name_run(j)
        whole = self.lex.places.get(tuple(fold(t.text) for t in self.toks[i:j + 1]))
        if whole is not None and not whole.ambiguous and whole.cased_as([t.text for t in self.toks[i:j + 1]]) \
                and (whole.kind != "region" or self.name_run(j) == j + 1):
            self.add(i, j + 1, (i, j + 1), "LOC", "gazetteer")  # "châu Phi" is "Châu Phi"
            return self.place_list(j + 1, counted)
        e = self.name_run(j)
        if self.suffix_label(j, e) == "ORG":
            return 0  # "chia thành Trực hệ", "thành Quốc dân đảng": an organisation, "thành" the verb
        if self.place_at(j) and any(t.foreign for t in self.toks[j + self.place_at(j):e]) or e < j + self.place_at(j):
            e = j + self.place_at(j)  # the gazetteer place, unless a Vietnamese name goes on ("sông Mỹ Tho")
        state = self.country_at(j) and self.match(self.lex.state_words, j + self.country_at(j)) == e - j - self.country_at(j)
        # a name in sentence case takes its head ("điện Mùa đông"), but a state's name never takes the word that
        # says a state is meant (data/alias_state_heads.txt: "nước Cộng hoà Nhân dân Trung Hoa")
        sentence_case = not state and any(not t.cap and t.low not in self.lex.particles for t in self.toks[j:e]) \
            and tuple(t.low for t in self.toks[i:j]) not in state_heads()
        s = i if sentence_case or kept else j
        if tuple(t.low for t in self.toks[i:i + n]) in self.lex.own_span_heads:  # "chùa Trần Quang Khải"
            self.add(s, e, (s, e), "LOC", "loc_head_own")
        else:
            self.add(s, e, (s, e), "LOC", "loc_head")
        return self.place_list(e, counted, self.out[-1].source)

    def counts_places(self, i: int) -> bool:
        """A plural or number word (data/place_lists.tsv) right before the place head at token ``i``."""
        return i > 0 and self.adjacent(i) and (self.toks[i - 1].low,) in self.lex.place_list_words["plural"]

    def place_list(self, e: int, counted: bool, source: str = "rule:loc_head") -> int:
        """The places listed after the first one a head names, from token ``e`` ("ba nước Nguỵ, Thục, Ngô", "nước
        Pháp và Anh"), each a LOC; the end of the list (``e`` when there is none). Without a counting word before the
        head the list must end with a coordinating word; with one, two more members are enough."""
        members, words, k = [], 0, e
        while k < self.n:
            gap = self.text[self.toks[k - 1].end:self.toks[k].start].strip()
            m = k
            if gap == ",":
                if self.toks[m].low in self.lex.coordinators and not self.toks[m].cap:
                    m, words = m + 1, words + 1  # ", và Ngô"
            elif not gap and self.toks[m].low in self.lex.coordinators and not self.toks[m].cap:
                m, words = m + 1, words + 1
            else:
                break
            if m >= self.n or (m > k and not self.adjacent(m)) or not self.toks[m].cap or self.toks[m].number \
                    or self.starts_structure(m) or self.match(self.lex.titles, m):
                break
            me = self.name_run(m)
            if me == m or (me - m > 2 and self.vietnamese_name(m)) \
                    or not (counted or me - m == 1 or self.place_at(m) == me - m):
                break  # "các tỉnh Nghệ An, Hà Tĩnh, Phan Đình Phùng ...", "nước Pháp và Jules Ferry": a man
            members.append((m, me))
            k = me
        if not members or not (words or (counted and len(members) > 1)):
            return e
        if words and self.toks[members[-1][0] - 1].low not in self.lex.coordinators:
            members = [mm for mm in members if mm[0] < members[-1][0]] if not counted else members
        for m, me in members:  # the members' head is the first one's ("các chùa X, Y và Z")
            self.add(m, me, (m, me), "LOC", "loc_head_own" if source == self.lex.sources["loc_head_own"].source
                     else "loc_head")
        return members[-1][1] if members else e

    def sentence_case_after(self, j: int) -> bool:
        return j < self.n and self.toks[j].cap and not self.toks[j].foreign and self.completion(j) > j + 1

    def temple_name(self, i: int) -> int:
        """A ruler called by his temple name ("Anh Tông", "Thái Tổ"): two capitalized syllables, the last a
        temple-name ending, is a person even if the first is a country; a Chinese dynasty's name may open it
        ("Thanh Thánh Tổ", "Minh Tư Tông")."""
        d = self.match(self.lex.dynasty_names, i, 2) if self.toks[i].cap else 0
        k = i + d if d and i + d + 1 < self.n and self.adjacent(i + d) and self.toks[i + d].cap else i
        if not (self.toks[k].cap and k + 1 < self.n and self.adjacent(k + 1)
                and self.toks[k + 1].text in self.lex.person_suffixes):
            return 0
        if k + 2 < self.n and self.adjacent(k + 2) and self.toks[k + 2].cap:
            return 0
        self.add(i, k + 2, (i, k + 2), "PER", "temple_name")
        return k + 2

    def place_parts(self, i: int) -> list[str]:
        """The parts of a hyphenated token that are all gazetteer places ("Áo-Hung", "Pháp-Phổ"), else []."""
        tok = self.toks[i]
        parts = self.text[tok.start:tok.end].split("-")
        if len(parts) > 1 and tok.cap and all(self.lex.places.get((p,)) or self.lex.places.get((fold(p),))
                                              for p in parts):
            return parts
        return []

    def place(self, i: int) -> int:
        tok = self.toks[i]
        parts = [] if self.place_at(i) == 1 else self.place_parts(i)  # "Áo-Hung" is a country of its own
        if parts:
            pos = tok.start
            for p in parts:
                self.add_span(pos, pos + len(p), (pos, pos + len(p)), "LOC", "gazetteer")
                pos += len(p) + 1
            return i + 1
        n = self.place_at(i)
        if not n:
            return self.initial_place(i)
        e = self.name_run(i)
        if e > i + n and self.suffix_label(i, e) == "ORG":
            return 0  # "Đông Kinh Nghĩa Thục" is a school, not the place it starts with
        state = self.match(self.lex.state_words, i + n) if i + n < self.n and self.adjacent(i + n) else 0
        if state and self.country_at(i) == n:
            n += state  # "Trung Hoa Dân quốc", "Việt Nam Dân chủ Cộng hoà": the state is a place
        self.add(i, i + n, (i, i + n), "LOC", "gazetteer")
        return i + n

    def linked(self, i: int) -> int:
        """A bare name after a link cue ("quân Minh", "giặc Minh", "thời Thanh"): a dynasty, state or army, never
        a part of a person's name (a country there is taken by the place rule first: "quân Đức")."""
        t = self.toks[i]
        if not (t.cap and not t.foreign and not t.initial and self.adjacent(i)):
            return 0
        e = self.house_run(i)
        if self.toks[i - 1].low not in self.lex.link_cues and not (self.match(self.lex.dynasty_names, i, 2) == e - i
                                                                  and self.verb_before(i, self.lex.link_verbs)):
            return 0  # "đánh Nguyên": a verb of war before a dynasty's name (data/link_verbs.txt)
        if e - i > 2 or any(s.foreign or not s.cap for s in self.toks[i:e]) or self.vietnamese_name(i) \
                or self.toks[e - 1].text in self.lex.person_suffixes or self.starts_structure(i) \
                or (self.toks[e - 1].low,) in self.lex.honorifics:
            return 0  # "quân Nguyễn Huệ" is the man's army, "quân Anh Tông" the emperor's, "quân Hai Bà" theirs
        if e - i == 2 and self.toks[i - 1].low in self.lex.era_cues and self.toks[i + 1].text not in self.lex.surnames \
                and not self.match(self.lex.dynasty_names, i + 1, 1) and self.match(self.lex.dynasty_names, i, 2) != 2:
            return e  # "thời Hồng Đức": a period named by an era, no entity
        self.add(i, e, (i, e), "ORG", "link_cue")
        return e

    def verb_before(self, i: int, phrases: frozenset[Phrase]) -> bool:
        """A phrase of ``phrases`` (one or two words) ends right before token ``i``."""
        return any(i - n >= 0 and all(self.adjacent(k) for k in range(i - n + 1, i + 1))
                   and tuple(t.low for t in self.toks[i - n:i]) in phrases for n in (1, 2))

    def house_run(self, j: int) -> int:
        """End of the name at token ``j`` (name_run), cut after a dynasty's name that a lower-case syllable would
        make a common word ("nhà Nguyên bị diệt": "Nguyên", not the word "nguyên bị")."""
        e = self.name_run(j)
        caps = next((k for k in range(j, e) if not self.toks[k].cap), e)
        return caps if caps < e and self.match(self.lex.dynasty_names, j, 2) == caps - j else e

    def initial_place(self, i: int) -> int:
        """A place that is also a common word ("Anh") at a sentence start: kept only if a list types it."""
        t = self.toks[i]
        key = (t.text,)
        if not (t.initial and key in self.lex.places and self.lex.places[key].no_initial):
            return 0
        if i + 1 < self.n and self.adjacent(i + 1) and self.toks[i + 1].cap:
            return 0
        self.add(i, i + 1, (i, i + 1), None, "initial_place")
        return i + 1

    def name(self, i: int) -> int:
        t = self.toks[i]
        if not t.cap:
            return 0
        if _ROMAN.fullmatch(t.text) and self.name_run(i) == i + 1:
            return i + 1  # a Roman numeral alone ("đời III") is no name; after a name it is its number
        if self.match(self.lex.name_prefixes, i):
            p = self.match(self.lex.name_prefixes, i)
            s = self.match(self.lex.org_suffixes, i + p, 2) if i + p < self.n and self.adjacent(i + p) else 0
            if s:
                self.add(i, i + p + s, (i, i + p + s), "ORG", "name_labelled")  # "Đệ tam quân"
                return i + p + s
            if i + p < self.n and self.adjacent(i + p) and self.toks[i + p].cap:
                e = self.name_run(i + p)
                self.add(i, e, (i, e), self.suffix_label(i, e), "name_labelled")
                return e
        e = self.name_run(i)
        if e < self.n and self.adjacent(e) and self.toks[e].low in self.lex.place_suffixes and not t.initial:
            self.add(i, e + 1, (i, e + 1), "LOC", "place_suffix")  # "Bạch Đằng giang"
            return e + 1
        inner = next((k for k in range(i + 1, e - 1) if self.toks[k].low in self.lex.title_suffixes), None)
        if inner is not None and not t.initial:
            # "Hưng Đạo Đại Vương Quốc Tuấn": the title ends with its last title word, the man follows.
            self.add(inner + 1, e, (inner + 1, e), "PER", "title_inner")
            return e
        if not t.initial and self.family_woman(i):
            self.add(i, i + 2, (i, i + 2), "PER", "family_woman")  # "Đào thị": a woman of that family
            return i + 2
        surname = self.vietnamese_name(i)
        if surname and surname - i > 2 and self.toks[surname - 1].text in self.lex.person_suffixes:
            self.add(i, surname, (i, surname), "PER", "temple_name")  # "đến Trần Nghệ Tông": a ruler
            return surname
        if surname:
            self.add(i, surname, (i, surname), None, "vi_name")
            self.out[-1].votes["PER"] += self.lex.votes["surname"]
            if surname - i > 2 and self.toks[i + 1].text in self.lex.middle_names:
                self.out[-1].votes["PER"] += self.lex.votes["middle_name"]  # "Vũ Văn Nhậm"
            return surname
        if t.initial and not t.foreign:
            # A capital at a sentence start says nothing about a Vietnamese word; the name counts only if the
            # document names it elsewhere ("Chiêu Thống nhu nhược" after "vua Chiêu Thống").
            e = self.name_run(i)
            man = self.appellation_then_name(i, e) if e == i + 1 else 0  # not "Lấy Hữu hiệu điểm ..."
            if man:  # "Dực vương Thạch Đạt Khai thua": the man after the title
                return man
            if e < self.n and self.adjacent(e) and self.match(self.lex.title_tails, e, 2):
                return e  # "Thái Bình năm thứ 2": an era
            if self.suffix_label(i, e) == "ORG" and (
                    (e > i + 2 and all(s.cap for s in self.toks[i:e - 1])) or self.political(self.toks[i:e - 1])
                    or 0 < self.country_at(i) < e - i - 1):
                # "Hộ quốc quân nổi lên"; "Việt Nam Độc lập Đồng minh hội ra đời": a country opens the body's name
                self.add(i, e, (i, e), "ORG", "name_labelled")
                return e
            if e > i + 1 and all(s.cap for s in self.toks[i:e]) and (name_key(
                    self.text[t.start:self.toks[e - 1].end]) in gazetteer() or self.person_act(e)):
                # "Tự Đức mất": a name the encyclopedia knows; "Thoát Hoan bị bắt": a person's act follows
                self.add(i, e, (i, e), None, "initial_known")
                return e
            if e > i + 1 and all(s.cap for s in self.toks[i:e]) and self.regnal_ordinal(i, e):
                self.add(i, e + self.regnal_ordinal(i, e), (i, e + self.regnal_ordinal(i, e)), None, "initial_known")
                self.out[-1].votes["PER"] += self.lex.votes["regnal"]  # "Nã Phá Luân đệ tam trị vì"
                return e + self.regnal_ordinal(i, e)
            if not any(s.cap for s in self.toks[i + 1:e]) and not self.is_place_word(i):
                e = i + 1  # "Chỉnh bị giết": a given name that begins a word ("chỉnh bị"); not "Nga hoàng"
            if all(s.cap for s in self.toks[i:e]) and not (self.starts_structure(i) or self.match(
                    self.lex.org_heads, i) or self.match(self.lex.titles, i) or self.match(self.lex.loc_heads, i)):
                self.add(i, e, (i, e), None, "initial")
            return i + 1
        e = self.name_run(i)
        tail = self.title_tail_at(e)
        man = self.appellation_then_name(i, e)
        if man:
            return man
        if tail or (e - i > 1 and self.toks[e - 1].low in self.lex.title_suffixes):
            return e + tail  # "Long Nhương tướng quân", "Cung Chính Vương": a title, not a name
        if self.regnal_ordinal(i, e):
            self.add(i, e + self.regnal_ordinal(i, e), (i, e + self.regnal_ordinal(i, e)), self.suffix_label(i, e),
                     "name_labelled")
            self.out[-1].votes["PER"] += self.lex.votes["regnal"]
            return e + self.regnal_ordinal(i, e)
        if e - i > 1 and _ROMAN.fullmatch(self.toks[e - 1].text) and self.toks[e - 2].foreign:
            self.add(i, e, (i, e), self.suffix_label(i, e), "name_labelled")
            self.out[-1].votes["PER"] += self.lex.votes["regnal"]
            return e
        span = self.toks[i:e]
        label = self.suffix_label(i, e)
        all_vi = not any(s.foreign for s in span)
        if label is None and all_vi:
            words = " ".join(s.low for s in span)
            if words in _dictionary() or self.match(self.lex.org_modifiers, i) == e - i or self.political(span):
                label = "ORG" if self.political(span) else None
                key = name_key(self.text[t.start:self.toks[e - 1].end])
                if label is None and not (e - i > 1 and all(s.cap for s in span) and not self.title_word_at(e)
                                          and (key in proper_names() or (gazetteer().get(key) == "LOC"
                                                                          and self.placed(i)))):
                    # A capitalized common word ("nhà Trời", "giới Tư sản"); but a place name that is also a word
                    # stays a name ("ra Bình Định": Viet74K's capitalized entries; "ở Hải Dương", "Hà Nội và Hải
                    # Phòng": the encyclopedia's places, where a place preposition or another name and "và" come
                    # before), unless a title follows ("Bình Nguyên vương").
                    return e
            elif e - i == 1:
                self.add(i, e, (i, e), None, "name_single")
                if i > 0 and self.adjacent(i) and self.toks[i - 1].low in self.lex.person_cues \
                        and not self.starts_word(i):
                    self.out[-1].votes["PER"] += self.lex.votes["cue"]  # "bắt được Khoáng"
                elif not _transliterated(t.text):  # "Ga-ri-ban-đi" is a name wherever it stands
                    self.out[-1].doc_only = True  # "quân Thanh" after "nhà Thanh"; "Chỉnh" (Nguyễn Hữu Chỉnh)
                return e
        self.add(i, e, (i, e), label, "name_labelled" if label else "name")
        if label is None and all_vi and i > 0 and self.adjacent(i) \
                and self.toks[i - 1].low in self.lex.long_person_cues:
            self.out[-1].votes["PER"] += self.lex.votes["cue"]
        return e

    def placed(self, i: int) -> bool:
        """Right before token ``i``: a place preposition ("ở Hải Dương"), or a capitalized name and a coordinating
        word ("Hà Nội và Hải Phòng")."""
        if not self.adjacent(i):
            return False
        before = self.toks[i - 1].low
        return before in self.lex.loc_prepositions or (
            before in self.lex.coordinators and i > 1 and self.adjacent(i - 1) and self.toks[i - 2].cap)

    def title_word_at(self, e: int) -> bool:
        """A title word of data/title_suffixes.txt is written right after token ``e - 1`` ("Bình Nguyên vương")."""
        return e < self.n and self.adjacent(e) and self.toks[e].low in self.lex.title_suffixes

    def person_act(self, e: int) -> bool:
        """A person's act (data/person_verbs.txt) is written right after token ``e - 1``."""
        return e < self.n and self.adjacent(e) and any(
            tuple(t.low for t in self.toks[e:e + n]) in self.lex.person_verbs for n in (1, 2))

    def family_woman(self, i: int) -> bool:
        """A family name then lower-case "thị" and no given name: a woman called by her family ("Đào thị")."""
        return (self.toks[i].text in self.lex.surnames and i + 1 < self.n and self.adjacent(i + 1)
                and self.toks[i + 1].text in self.lex.roles["woman"]
                and not (i + 2 < self.n and self.adjacent(i + 2) and self.toks[i + 2].cap))

    def vietnamese_name(self, i: int) -> int:
        """End of a Vietnamese personal name at token ``i`` (a family name then capitalized syllables), or 0.

        The family name and its capitalized successor make a name even at a sentence start ("Phan Bội Châu").
        """
        t = self.toks[i]
        compound = self.compound_surname(i)
        if compound:
            k = self.name_run(i + compound) if i + compound < self.n and self.adjacent(i + compound) else 0
            return k if k > i + compound and not any(tok.foreign for tok in self.toks[i:k]) else 0
        if t.text not in self.lex.surnames or i + 1 >= self.n or not self.adjacent(i + 1):
            return 0
        k = i + 1
        while (k < self.n and self.adjacent(k) and self.toks[k].cap and not self.toks[k].foreign
               and not self.toks[k].number and (not self.starts_structure(k) or self.head_in_name(i, k)) and k - i < 4):
            k += 1
        if k == i + 1 or self.political(self.toks[i:k]) or (self.suffix_label(i, k) and not (
                k == i + 2 and self.toks[i + 1].cap and not self.opens_word(i + 1))):
            return 0  # but a family name and one capitalized syllable is a man ("Mã Viện", not an academy)
        if k < self.n and self.adjacent(k) and not self.toks[k].cap and self.suffix_label(i, k + 1) == "ORG":
            return 0  # "Đồng Minh hội": a society named like a man
        return k

    def compound_surname(self, i: int) -> int:
        """Length of a two-syllable family name (data/compound_surnames.txt) written with its capitals at token
        ``i`` and followed by a capitalized given name that is no family name ("Tư Mã Ý", not "Tư mã Trần Văn
        Bảo"), else 0."""
        n = self.match(self.lex.compound_surnames, i)
        if not n or not all(t.cap for t in self.toks[i:i + n]) or not all(self.adjacent(k) for k in range(i + 1, i + n)):
            return 0
        j = i + n
        if j >= self.n or not self.adjacent(j) or not self.toks[j].cap or self.toks[j].number \
                or self.toks[j].text in self.lex.surnames:
            return 0
        return n

    def head_in_name(self, i: int, k: int) -> bool:
        """The one-syllable organisation head at token ``k``, right after the family name at ``i``, is the middle of
        a three-syllable name: one capitalized Vietnamese syllable, no place, closes it ("Đinh Bộ Lĩnh")."""
        last = k + 1
        return k == i + 1 and self.match(self.lex.org_heads, k) == 1 and not self.match(self.lex.misc_heads, k) \
            and last < self.n and self.adjacent(last) and self.toks[last].cap and not self.toks[last].foreign \
            and not self.toks[last].number and not self.is_place_word(last) and not self.starts_structure(last) \
            and not (last + 1 < self.n and self.adjacent(last + 1) and self.toks[last + 1].cap)

    def political(self, span: list[Tok]) -> bool:
        """A capitalized phrase made only of political words ("Xã hội Cách mạng", "Dân chủ Lập hiến")."""
        k, lows = 0, [s.low for s in span]
        while k < len(lows):
            for m in (3, 2, 1):
                if tuple(lows[k:k + m]) in self.lex.org_modifiers and k + m <= len(lows):
                    k += m
                    break
            else:
                return False
        return True

    def suffix_label(self, i: int, e: int) -> str | None:
        """ORG when the phrase ends with an organisation suffix ("Hồng quân", "Đệ tam Quốc tế", "Duy Tân hội"),
        MISC when it ends with a publication's ("Dân Báo")."""
        lows = tuple(t.low for t in self.toks[i:e])
        if any(lows[-len(s):] == s and len(lows) > len(s) for s in self.lex.org_suffixes) and not (
                lows[-1] in self.lex.lower_suffixes and self.toks[e - 1].cap):
            return "ORG"
        if len(lows) > 2 and lows[-1] in self.lex.org_tails:
            return "ORG"
        if any(lows[-len(s):] == s and len(lows) > len(s) for s in self.lex.misc_suffixes):
            return "MISC"
        return None
