"""EntityRecognizer: underthesea's CRF as weak evidence, rules as the backbone, lists of names sharing a label,
one sense per document; the result is a list of mentions, or a spaCy ``Doc`` whose ``ents`` are the mentions
(``EntityRecognizer.doc``: spaCy is imported only there, so a pipeline run does not pay for its import)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.vi.keys import fold

from .coordination import equated_lists, name_lists
from .crf import Word, crf_chain
from .gazetteer import gazetteer
from .keys import entity_ids, entity_key, preferred_variants
from .knowledge import extend_to_known, known_types
from .lexicon import lexicon, name_key, sources_flagged, word_key
from .linking import Support, fullest, one_person, person_parts, supported_full_name
from .rules import Candidate, SentenceRules, _dictionary, proper_names
from .tokens import is_foreign, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = ("PER", "LOC", "ORG", "MISC")


def _vote(kind: str) -> float:
    """The weight of a kind of vote (data/votes.tsv)."""
    return lexicon().votes[kind]


@dataclass(frozen=True)
class EntityMention:
    """A named-entity mention in clean-text offsets (no punctuation or space at either edge)."""

    start: int
    end: int
    label: str
    score: float
    source: str
    canonical: str
    entity_id: str = ""  # keys.entity_ids: the id the document's Doc gives it (``span.kb_id_``)


class EntityRecognizer:
    """Finds PER/LOC/ORG/MISC mentions in the clean text of one document."""

    def __init__(self) -> None:
        self.lex = lexicon()
        self.crf = crf_chain()
        # the tables' other names below the encyclopedia's gazetteer, their own names above it (knowledge.py)
        self.gazetteer = known_types() | gazetteer() | known_types(own=True)
        _dictionary(), proper_names()  # built here, with the models, not inside the first document's time

    def __call__(self, text: str, sentences: list[tuple[int, int]],
                 suggestions: dict[tuple[int, int], str] | None = None) -> list[EntityMention]:
        """The mentions in text order, each with its entity id (what ``mentions_of(self.doc(...))`` gives)."""
        return sorted(self._mentions(text, sentences, suggestions), key=lambda m: m.start)

    def doc(self, text: str, sentences: list[tuple[int, int]],
            suggestions: dict[tuple[int, int], str] | None = None) -> Doc:
        """The mentions as ``doc.ents`` of a spaCy ``Doc`` over ``text`` (``displacy.render(doc, style="ent")``);
        ``span.kb_id_`` is the entity id, and ``doc.user_data["entities"]`` holds score, source and canonical."""
        from .container import to_doc

        mentions = self._mentions(text, sentences, suggestions)
        doc = to_doc(text, [(m.start, m.end, m.label, m.entity_id) for m in mentions])
        doc.user_data["entities"] = {(m.start, m.end): (m.score, m.source, m.canonical) for m in mentions}
        return doc

    def _mentions(self, text: str, sentences: list[tuple[int, int]],
                  suggestions: dict[tuple[int, int], str] | None) -> list[EntityMention]:
        """The document's mentions, non-overlapping, with canonical names and entity ids."""
        candidates: list[Candidate] = []
        lists: list[list[Candidate]] = []
        for start, end in sentences:
            toks = tokenize(text, start, end)
            if not any(t.cap for t in toks):
                continue
            found = SentenceRules(text, toks, self.lex).run()
            if any(cand.label is None for cand in found):  # the CRF (the dearest step) only votes on those
                self._weak_votes(text, toks, found, self.crf.tag(text, start, end))
            lists += name_lists(text, toks, found, self.lex)
            candidates.extend(found)
        lists += equated_lists(text, candidates, self.lex)
        settled = _settle(text, candidates, lists)
        settled += _repeats(text, settled)
        settled = extend_to_known(text, settled)  # a name the knowledge tables state is not cut (knowledge.py)
        mentions = _with_canonicals(text, _drop_overlaps(settled), suggestions or {})
        ids = entity_ids([(text[m.start:m.end], m.canonical, m.label) for m in mentions])
        return [replace(m, entity_id=i) for m, i in zip(mentions, ids)]

    def _weak_votes(self, text: str, toks: list, found: list[Candidate], words: list[Word]) -> None:
        """CRF labels over the core, the typed gazetteer, a place preposition before it, a person's verb after
        it, and a prior for foreign names."""
        by_start = {t.start: k for k, t in enumerate(toks)}
        by_end = {t.end: k for k, t in enumerate(toks)}
        for cand in found:
            if cand.label is not None:
                continue
            cs, ce = cand.core
            for w, prev in zip(words, [None, *words]):
                if w.start < ce and w.end > cs and w.ner[2:] in ("PER", "LOC", "ORG"):
                    # An I- tag counts only after a lower-case cue word ("tướng X"), not after ", " or a verb.
                    if w.ner[0] == "B" or (prev is not None and prev.text[:1].islower() and prev.pos == "N"):
                        cand.votes[w.ner[2:]] += _vote("crf")
                    break
            if name_key(text[cs:ce]) in proper_names():
                cand.prior["LOC"] += _vote("viet74k_place")
            typed = self.gazetteer.get(name_key(text[cs:ce]))
            if typed is not None:
                cand.prior[typed] += _vote("gazetteer")
            if " " in text[cs:ce] and text[cs:ce].split()[0] in self.lex.place_prefixes:
                cand.prior["LOC"] += _vote("gazetteer")
            k = by_start.get(cs)
            if k and toks[k - 1].low in self.lex.loc_prepositions and not text[toks[k - 1].end:cs].strip():
                # right before the name: "kéo sang; Liễu Thăng" is no place after "sang"
                cand.votes["LOC"] += _vote("preposition")
            if k and k > 1 and toks[k - 1].low in self.lex.roles["possessive"] \
                    and (toks[k - 2].low,) in self.lex.army_prefixes and not text[toks[k - 2].end:cs].replace(toks[k - 1].text, "", 1).strip() \
                    and (_person_shaped(text[cs:ce]) or len(text[cs:ce].split()) > 2):  # not "quân của Việt Minh"
                cand.votes["PER"] += _vote("cue")  # "đại quân của Kim Xuyên": the army of its commander
            if k and _moved_to(toks, k, text, self.lex) and not _full_personal_name(text[cs:ce]) and typed != "PER":
                # "thua chạy về Bạch Đế": a town, not a man; not a man the encyclopedia knows ("chạy về Trịnh Kiểm")
                cand.votes["LOC"] += _vote("motion")
            after = by_start.get(next((t.start for t in toks if t.start >= ce), -1))
            if after is not None and _phrase_at(toks, after, self.lex.person_verbs) \
                    and not text[ce:toks[after].start].strip():
                # right after the name: in "Dương Đình Nghệ, người Ái Châu, đem quân" the verb is the man's
                cand.votes["PER"] += _vote("person_verb")
            if _titled_apposition(text, ce, self.lex):  # "Phổ Nghi, vị hoàng đế cuối cùng"
                cand.votes["PER"] += _vote("cue")
            if k is not None and toks[k].foreign:
                cand.prior["PER"] += _vote("foreign_prior")
                parts = text[cs:ce].split()
                if parts[0] in self.lex.given_names and len(parts) > 1:
                    cand.prior["PER"] += _vote("given_name")  # "Otto von Bismarck", "Henri Dunant"
                if len(parts) > 1 and all(t.foreign and t.cap for t in toks[k:by_end.get(ce, k) + 1]):
                    cand.prior["PER"] += _vote("foreign_full_name")  # "Bal Gangadhar Tilak", "Jefferson Davis"
                if len(parts) > 1 and any(word_key(p)[0] in self.lex.foreign_org_words
                                          and (n == 0 or word_key(p) not in self.lex.foreign_org_openers)
                                          for n, p in enumerate(parts)):
                    cand.prior["ORG"] += _vote("foreign_org_word")  # "Real Madrid", "Compagnie des Indes"
                for label, weight in _affix_votes(text[cs:ce], self.lex.affixes) if " " not in text[cs:ce] else ():
                    cand.prior[label] += weight


def _full_personal_name(surface: str) -> bool:
    """A family name then two or more syllables ("Trần Ích Tắc", "Tôn Sĩ Nghị"): a man even after "chạy về" (the
    troops ran back to their commander); two syllables stay open to the motion vote ("chạy về Bạch Đế")."""
    words = surface.split()
    return len(words) > 2 and words[0] in lexicon().surnames and not any(is_foreign(w) for w in words)


_DIRECTIONS = frozenset({"về", "vào", "ra", "lên", "xuống"})


def _moved_to(toks: list, k: int, text: str, lex) -> bool:
    """A verb of moving or settling (data/motion_verbs.txt) then a preposition of direction or place right before
    token ``k``, all adjacent: "chạy về", "đóng đô ở", "rút quân về" is not one (a verb's object between)."""
    p = k - 1
    if p < 1 or not (toks[p].low in lex.loc_prepositions or toks[p].low in _DIRECTIONS) \
            or text[toks[p].end:toks[k].start].strip():
        return False
    return any(p - n >= 0 and tuple(t.low for t in toks[p - n:p]) in lex.motion_verbs
               and not text[toks[p - n].start:toks[p].start].count(",") for n in (1, 2))


_APPOSITION = re.compile(r"\s*,\s*((?:[^\W\d_]+\s+){1,4})")  # the words after a comma that follows a name


def _titled_apposition(text: str, end: int, lex) -> bool:
    """A person's classifier then a title right after the name and a comma (data/function_words.tsv role
    "appositive", data/titles.tsv): "Phổ Nghi, vị hoàng đế cuối cùng", "Lý Thường Kiệt, một vị tướng"."""
    m = _APPOSITION.match(text, end)
    words = word_key(m.group(1)) if m else ()
    if words[:1] == ("một",):
        words = words[1:]
    if not words or words[0] not in lex.roles.get("appositive", ()):
        return False
    return any(words[1:1 + n] in lex.titles for n in (1, 2, 3))


def _phrase_at(toks: list, k: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """A phrase of ``phrases`` (one or two words) starts at token ``k``."""
    return (toks[k].low,) in phrases or tuple(t.low for t in toks[k:k + 2]) in phrases


def _affix_votes(name: str, affixes: tuple[tuple[str, str, float], ...]) -> list[tuple[str, float]]:
    """Votes from the spelling of a foreign name ("Kautsky" a person, "Port-Arthur" a port): data/name_affixes."""
    last = name.split()[-1].lower()
    votes = []
    for affix, label, weight in affixes:
        a = affix.lower()
        if (a.endswith("-") and name.lower().startswith(a)) or (a.startswith("-") and a.endswith("-") and a in name.lower()) \
                or (a.startswith("-") and not a.endswith("-") and last.endswith(a[1:]) and len(last) > len(a)):
            votes.append((label, weight))
    return votes


def mentions_of(doc: Doc) -> list[EntityMention]:
    """The ``EntityMention`` list of a ``Doc`` made by ``EntityRecognizer.doc``."""
    extra = doc.user_data["entities"]
    return [EntityMention(e.start_char, e.end_char, e.label_, *extra[(e.start_char, e.end_char)], e.kb_id_)
            for e in doc.ents]


def _key(text: str, c: Candidate) -> str:
    return fold(text[c.core[0]:c.core[1]])


def _evidence(text: str, candidates: list[Candidate]) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """Per name: all votes and labels (totals), and the labels fixed by a cue alone (fixed). The votes of a
    name at a sentence start count too ("Bá Đa Lộc đem ..."), once the name stands elsewhere in the document."""
    totals: dict[str, Counter] = defaultdict(Counter)
    fixed: dict[str, Counter] = defaultdict(Counter)
    priors: dict[str, Counter] = defaultdict(Counter)
    for c in candidates:
        if c.coord_only:
            continue
        key = _key(text, c)
        if c.own_span:  # "chùa Trần Quang Khải": a weak vote for the name elsewhere, no label fixed
            totals[key]["LOC"] += _vote("own_span_head")
            continue
        priors[key] |= c.prior  # once per name: the largest each label gets at any mention
        if c.doc_only:
            totals[key].update(c.votes)
            continue
        if c.label is not None:
            totals[key][c.label] += _vote("fixed")
            fixed[key][c.label] += _vote("fixed")
        totals[key].update(c.votes)
    for key, prior in priors.items():
        totals[key].update(prior)
    return totals, fixed


def _anchor(text: str, c: Candidate, totals: dict[str, Counter], fixed: dict[str, Counter]) -> str | None:
    """The label a cue gives this mention or its name elsewhere in the document, or the label the document's
    votes give the name by a margin worth a cue (None if nothing settles it)."""
    if c.label is not None or c.coord_only or c.doc_only:
        return c.label
    key = _key(text, c)
    if fixed.get(key):
        return max(LABELS, key=lambda lab: fixed[key][lab])
    ranked = sorted((totals[key][lab] for lab in LABELS), reverse=True)
    return max(LABELS, key=lambda lab: totals[key][lab]) if ranked[0] - ranked[1] >= _vote("fixed") else None


def _list_labels(text: str, lists: list[list[Candidate]], totals: dict[str, Counter],
                 fixed: dict[str, Counter]) -> dict[int, str]:
    """id(candidate) -> label shared by its list, for members no cue types: the one label the cued members
    agree on, or, when no member is cued, the label of the list's pooled votes."""
    shared: dict[int, str] = {}
    for members in lists:
        anchors = {_anchor(text, c, totals, fixed) for c in members} - {None}
        if len(anchors) > 1:
            continue
        if anchors:
            label = anchors.pop()
        else:
            pooled = sum((totals[_key(text, c)] for c in members if not (c.coord_only or c.doc_only)), Counter())
            if not pooled:
                continue
            label = max(LABELS, key=lambda lab: pooled[lab])
        for c in members:
            if _anchor(text, c, totals, fixed) is None:
                shared[id(c)] = label
    return shared


@lru_cache(maxsize=1)
def _pen_name() -> str:
    """The source of a pen name (data/sources.tsv), which lends no part-name ("Nam" of "Sào Nam"); read on first
    use, not at import."""
    return lexicon().sources["pen_name"].source


def _vote_name_parts(text: str, candidates: list[Candidate]) -> None:
    """A one-word name that begins or ends a person's name fixed by a cue in the document is that person
    ("Togo" after "đô đốc Togo Heihachiro") where the text supports the link (linking.py): a list's vote."""
    parts = person_parts([(c.start, text[c.core[0]:c.core[1]], c.label or _leaning(c)) for c in candidates
                          if c.source != _pen_name()])  # "Nam" is no part of the pen name "Sào Nam"
    support = Support(text)
    for c in candidates:
        if c.label is None and supported_full_name(text[c.core[0]:c.core[1]], c.start, parts, support):
            c.votes["PER"] += _vote("list")


@lru_cache(maxsize=1)
def _vi_name() -> str:
    """The source of a Vietnamese or Chinese personal name (a family name first, data/sources.tsv)."""
    return lexicon().sources["vi_name"].source


def _leaning(c: Candidate) -> str | None:
    """PER for an unsettled name opening with a family name whose own evidence for a person passes any other
    label's by a family name's vote at least ("Hầu Nhân Bảo", "Đinh Tiên Hoàng" whose CRF vote for a place is
    outweighed), so that its last words may stand for it."""
    if c.source != _vi_name() or c.coord_only or c.doc_only:
        return None
    evidence = c.votes + c.prior
    others = max(evidence[lab] for lab in LABELS if lab != "PER")
    return "PER" if evidence["PER"] - others >= _vote("surname") else None


def _vote_family_names(text: str, candidates: list[Candidate]) -> None:
    """A one-word foreign name that ends a foreign name opening with a given name in the document is that
    person's family name ("Garibaldi" after "Joseph Garibaldi"): the given name's vote, once per name."""
    given_names = lexicon().given_names
    families = set()
    for c in candidates:
        parts = text[c.core[0]:c.core[1]].split()
        if len(parts) > 1 and parts[0] in given_names and c.label in (None, "PER"):
            families.add(parts[-1])
    for c in candidates:
        surface = text[c.core[0]:c.core[1]]
        if c.label is None and surface in families:
            c.prior["PER"] += _vote("given_name")


@lru_cache(maxsize=1)
def _link_cue() -> str:
    """The source of a name after a link cue ("quân Hậu Kim", data/sources.tsv); read on first use, not at import."""
    return lexicon().sources["link_cue"].source


def _states_after_link_cues(text: str, candidates: list[Candidate], titles: bool = False) -> None:
    """A name after a link cue ("quân Hậu Kim") that another rule of the document fixes as a place and none as a
    house ("lập nước Hậu Kim") is that state, a LOC like "quân Đức"; "quân Thanh" beside "nhà Thanh" stays ORG, and
    so does a Chinese dynasty's ("quân Nam Hán" beside "lập ra nước Nam Hán", data/dynasty_names.txt).
    So is one word after a title ("tướng Ngô" where the document lists "ba nước Nguỵ, Thục, Ngô"): the state he
    serves, not a man called by his family name (``titles``: those only, before the document's votes are counted,
    so that its other bare mentions follow; the names after link cues after them, as their house's votes stand)."""
    link_cue, title = _link_cue(), lexicon().sources["title"].source
    lex = lexicon()
    houses = lex.dynasty_names - lex.state_dynasties  # "quân Nam Hán" stays the house's army (data/dynasty_names.txt)
    fixed: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        if c.label is not None and c.source != link_cue and not (titles and c.source == title) and not c.own_span:
            fixed[_key(text, c)].add(c.label)
    for c in candidates:
        one_word = c.source == title and c.label == "PER" and " " not in text[c.core[0]:c.core[1]]
        if (one_word if titles else c.source == link_cue and word_key(text[c.core[0]:c.core[1]]) not in houses) \
                and fixed.get(_key(text, c)) == {"LOC"}:
            c.label = "LOC"


def _settle(text: str, candidates: list[Candidate], lists: list[list[Candidate]]) -> list[Candidate]:
    """Label every unlabeled mention: by its list of names first, else by the label its name carries in the
    document as a whole (one sense per document, the lists' evidence included)."""
    _vote_name_parts(text, candidates)
    _vote_family_names(text, candidates)
    _states_after_link_cues(text, candidates, titles=True)
    totals, fixed = _evidence(text, candidates)
    shared = _list_labels(text, lists, totals, fixed)
    for c in candidates:
        if id(c) in shared:
            c.votes[shared[id(c)]] += _vote("list")
    if shared:
        totals, fixed = _evidence(text, candidates)
    _states_after_link_cues(text, candidates)
    out, pending = [], []
    for c in candidates:
        if c.label is None:
            if id(c) in shared:
                c.label, c.source = shared[id(c)], c.source + "+list"
            elif c.doc_only:
                pending.append(c)
                continue
            elif c.coord_only or not totals[_key(text, c)]:
                continue
            else:
                # A cue anywhere in the document outweighs any number of weak votes ("xứ Piémont").
                votes = fixed.get(_key(text, c)) or totals[_key(text, c)]
                c.label, c.source = max(LABELS, key=lambda lab: votes[lab]), c.source + "+doc"
        out.append(c)
    return out + _named_elsewhere(text, pending, out)


def _named_elsewhere(text: str, pending: list[Candidate], settled: list[Candidate]) -> list[Candidate]:
    """Bare names kept because the document names them elsewhere: the same name's label ("quân Thanh" after
    "nhà Thanh"), else a person whose full name has it as its given name or its one family name ("Chỉnh" for
    "Nguyễn Hữu Chỉnh", "Viên" for "Viên Thế Khải"), where the text supports the link (linking.py), else a body
    whose longer name of that head the document wrote before ("Hội nghị" after "Hội nghị Quốc ước")."""
    labels: dict[str, Counter] = defaultdict(Counter)  # by exact surface: "Y" (he) is not "Ý" (Italy)
    own: dict[str, Counter] = defaultdict(Counter)  # after a building's head ("đồn Chợ Rẫy", "chùa Trần Quang Khải")
    for c in settled:
        (own if c.own_span else labels)[text[c.core[0]:c.core[1]]][c.label] += 1
    for surface, counts in own.items():  # a building's name that is no man's stays a place ("Chợ Rẫy thất thủ")
        if surface not in labels and not _person_shaped(surface):
            labels[surface] = counts
    parts = person_parts([(c.start, text[c.core[0]:c.core[1]], c.label) for c in settled if c.source != _pen_name()])
    support = Support(text)
    same = one_person(text, [(c.core[0], c.core[1], text[c.core[0]:c.core[1]], c.label) for c in settled],
                      lexicon())
    bodies = [(c.start, text[c.core[0]:c.core[1]]) for c in settled if c.label == "ORG"]
    referring = lexicon().sources["org_referring"].source
    out = []
    for c in pending:
        surface = text[c.core[0]:c.core[1]]
        if labels.get(surface):
            c.label, c.source = labels[surface].most_common(1)[0][0], c.source + "+doc"
        elif supported_full_name(surface, c.start, parts, support, same):
            c.label, c.source = "PER", c.source + "+part"
        elif c.source == referring and any(start < c.start and body.startswith(surface + " ")
                                           for start, body in bodies):
            c.label, c.source = "ORG", c.source + "+doc"  # "Hội nghị" after "Hội nghị Quốc ước"
        else:
            continue
        out.append(c)
    return out


def _person_shaped(surface: str) -> bool:
    """A name that may be a man's: a family name then more syllables ("Trần Quang Khải", "Lê Lợi"), or a foreign
    word ("Doumer"): after a building's head it names the building only, so its bare mentions are left open."""
    words, lex = surface.split(), lexicon()
    return any(is_foreign(w) for w in words) or len(words) > 1 and (
        words[0] in lex.surnames or len(words) > 2 and word_key(" ".join(words[:2])) in lex.compound_surnames)


_WORD = re.compile(r"\w")
_PIECE = re.compile(r"\w+|\W")  # a word, or one character that is no word character
_NAME_END = ""  # the trie key that holds the name ending at that node (no piece is empty)


def _repeats(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Other occurrences of multi-word ORG/MISC names the rules found ("chính sách "Tân kinh tế"" then
    "chuyển sang Tân kinh tế"), as the label found, wherever no other mention covers them.

    One pass over the text, linear in its length whatever the number of names: the names are a trie of their
    words, walked from each word of the text; a found span is checked against the other mentions by bisection."""
    sources = lexicon().sources
    repeatable = sources_flagged(sources, "repeatable")
    names = {text[c.core[0]:c.core[1]]: c.label for c in candidates
             if c.label in ("ORG", "MISC") and c.source in repeatable and " " in text[c.core[0]:c.core[1]]}
    trie: dict = {}
    for name in names:
        node = trie
        for piece in _PIECE.findall(name):
            node = node.setdefault(piece, {})
        node[_NAME_END] = name
    found: dict[str, list[tuple[int, int]]] = {name: [] for name in names}
    for head in _PIECE.finditer(text):
        node, pos = trie.get(head.group()), head.end()
        while node:
            name = node.get(_NAME_END)
            start = head.start()
            if name and not (start and _WORD.match(text, start - 1)) and not _WORD.match(text, pos) \
                    and not (found[name] and start < found[name][-1][1]):
                found[name].append((start, pos))
            piece = _PIECE.match(text, pos)
            node = node.get(piece.group()) if piece else None
            pos = piece.end() if piece else pos
    taken = sorted((c.start, c.end) for c in candidates)
    starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))  # the furthest end among the first k mentions
    out = []
    for name, spans in found.items():
        for start, end in spans:
            k = bisect_left(starts, end)  # mentions starting before this span ends...
            if not k or reach[k - 1] <= start:  # ...none of which reaches into it
                out.append(Candidate(start, end, (start, end), names[name], sources["repeat"].source,
                                     sources["repeat"].score))
    return out


def _drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the earlier (then longer) of two overlapping mentions."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def _surfaces(text: str, candidates: list[Candidate], suggestions: dict[tuple[int, int], str]) -> list[str]:
    """Each mention's text with the suggested corrections inside it applied (or the one covering it).

    The suggestions are sorted once; each mention looks only at those that can touch it, found by bisection,
    so the cost stays linear in the document's length."""
    order = sorted(suggestions)
    starts = [s for s, _ in order]
    reach = list(accumulate((e for _, e in order), max))  # the furthest end among the first k suggestions
    out = []
    for c in candidates:
        # From the first suggestion that reaches the mention's end (it may cover it) or starts inside it.
        first = min(bisect_left(reach, c.end), bisect_left(starts, c.start))
        out.append(_surface(text, c.start, c.end, suggestions, order[first:bisect_right(starts, c.end)]))
    return out


def _surface(text: str, start: int, end: int, suggestions: dict[tuple[int, int], str],
             spans: list[tuple[int, int]]) -> str:
    """The mention's text with the suggestions at ``spans`` (sorted) inside it applied."""
    parts, pos = [], start
    for s, e in spans:
        form = suggestions[(s, e)]
        if s >= pos and e <= end and s >= start:
            parts.append(text[pos:s])
            parts.append(form)
            pos = e
        elif s <= start and e >= end and not parts:
            return form.strip(" .,;:!?\"'()")
    parts.append(text[pos:end])
    return " ".join("".join(parts).split())


def _attested(text: str, suggestions: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """The suggestions a name may take: a repaired name must be written elsewhere in the document ("Kaspoutine"
    -> "Raspoutine", "Bức" -> "Đức"), the whole word it touches ("Bô-hem" is no "Bô-em"); a low-confidence guess
    at a name ("Rosa" -> "Roa") is not. Linear in the text: its words are indexed once, and a word's ends are
    looked for in a bounded window."""
    kept, where = {}, None
    for (s, e), form in suggestions.items():
        # the whole words the repair touches, repaired: "hem" -> "em" inside "Bô-hem" makes "Bô-em", a name
        ws = s - len(re.search(r"\S*$", text[max(0, s - _WORD_REACH):s]).group())
        we = e + len(re.match(r"\S*", text[e:e + _WORD_REACH]).group())
        whole = (text[ws:s] + form + text[e:we]).strip(" .,;:!?\"'()")
        names = [w for w in whole.split() if w[:1].isupper()]
        if where is None and names:
            where = defaultdict(list)
            for m in _NAME_WORD.finditer(text):
                where[m.group()].append(m.start())
        if all(_written_outside(w, where, text, ws, we) for w in names):
            kept[(s, e)] = form
    return kept


_WORD_REACH = 200  # characters: no word of a name is longer
_NAME_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _written_outside(word: str, where: dict[str, list[int]], text: str, ws: int, we: int) -> bool:
    """``word`` is written as a word of its own outside ``text[ws:we]``."""
    if not _NAME_WORD.fullmatch(word):  # punctuation inside ("Raspoutine,"): the plain search
        return bool(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text[:ws] + " " + text[we:]))
    return any(p < ws or p >= we for p in where.get(word, ()))


def _with_canonicals(text: str, candidates: list[Candidate],
                     suggestions: dict[tuple[int, int], str]) -> list[EntityMention]:
    suggestions = _attested(text, suggestions) if suggestions else suggestions
    surfaces = fullest(text, [(c.start, c.end, surface, c.label)
                              for c, surface in zip(candidates, _surfaces(text, candidates, suggestions))], lexicon())
    preferred = preferred_variants([(s, c.label) for s, c in zip(surfaces, candidates)])
    return [EntityMention(c.start, c.end, c.label, c.score, c.source, preferred[entity_key(s, c.label)])
            for s, c in zip(surfaces, candidates)]
