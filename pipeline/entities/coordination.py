"""Lists of names ("Garibaldi, Mazzini và Cavour"): the members of one list share a label.

A list is a run of bare-name mentions of one sentence separated only by commas and coordinating words (data/
coordinators.txt), with at least one coordinating word. The members whose label is settled (by a cue here
or on the same name elsewhere in the document, or by the document's votes) give it to the others.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon, sources_flagged, word_key
from .linking import written_aliases
from .rules import Candidate
from .tokens import Tok

# Mentions built on a head word ("Chính phủ lâm thời", "hoà ước X") are not list members: a list of bodies
# repeats its heads, and a comma after such a mention usually ends a clause ("Chính phủ lâm thời, Staline và").


def _separator(gap: str, lex: Lexicon) -> str | None:
    """"comma", "word" (a coordinating word, or an alias cue: "tức") or None for any other gap."""
    if "\n" in gap:
        return None
    alias = re.fullmatch(r"\s*[,(]\s*([^\W\d][^,()]*?)\s*", gap)
    if alias and word_key(alias.group(1)) in lex.alias_cues:
        return "word"  # "Kim Nhật Thành, tức Kim Il-sung" (data/alias_cues.txt): two names of one referent, one label
    parts = gap.replace(",", " , ").split()
    if len(parts) != 1 or parts[0].lower() not in lex.coordinators:
        return None  # ", và" / ", hoặc" join clauses, not the members of a list
    return "comma" if parts[0] == "," else "word"


def _bracketed(text: str, run: list[Candidate]) -> bool:
    """The names fill a pair of parentheses, commas and coordinating words between them: "(Denikine, Kolchadt)"
    enumerates what the words before it name, where a bare comma elsewhere may set a place beside a name."""
    before, after = _spaces_back(text, run[0].start), run[-1].end
    while after < len(text) and text[after].isspace():
        after += 1
    return text[before - 1:before] == "(" and text[after:after + 1] == ")"


def _spaces_back(text: str, k: int) -> int:
    """The offset before the spaces that end ``text[:k]`` (offsets, not copies: a long document has many lists)."""
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k


_TITLE_REACH = 3  # words between a title and the parenthesis of the names it heads, at most ("tướng lãnh cũ")


def _titled(text: str, start: int, lex: Lexicon) -> bool:
    """A title (data/titles.tsv) among the few words before the parenthesis that opens at ``start``: "các tướng
    lãnh cũ (Denikine, Kolchadt)" names persons."""
    end = _spaces_back(text, start)  # the last 80 characters before the parenthesis and the spaces before it
    before = text[max(0, end - 81):end - 1] if end else ""
    words = [word_key(w)[0] for w in re.findall(r"[\w'’\-]+|[^\w\s]", before)[-_TITLE_REACH:]
             if word_key(w)]
    cut = max((k for k, w in enumerate(words) if not re.match(r"\w", w)), default=-1)  # no clause mark between
    words = words[cut + 1:]
    return any(tuple(words[i:i + n]) in lex.titles for n in (1, 2) for i in range(len(words) - n + 1))


def name_lists(text: str, toks: list[Tok], found: list[Candidate], lex: Lexicon) -> list[list[Candidate]]:
    """The lists of names among the candidates of one sentence (each with two members or more)."""
    ordered = sorted(found, key=lambda c: c.start)
    index = {t.start: k for k, t in enumerate(toks)}
    lists: list[list[Candidate]] = []
    run: list[Candidate] = []
    seps: list[str] = []

    def close() -> None:
        if len(run) > 1 and _bracketed(text, run):  # "các tướng lãnh cũ (Denikine, Kolchadt)"
            lists.append(list(run))
            if _titled(text, run[0].start, lex):
                for c in run:
                    c.votes["PER"] += lex.votes["cue"]
        elif len(run) > 1 and "word" in seps:
            first = index.get(run[0].start, 0)
            fronted = 0 < first <= 2 and seps[0] == "comma" and toks[0].low in lex.clause_openers
            lists.append(run[1:] if fronted else list(run))

    structured = sources_flagged(lex.sources, "structured")
    by_start = {t.start: k for k, t in enumerate(toks)}
    by_end = {t.end: k for k, t in enumerate(toks)}

    def located(k: int | None) -> bool:
        """Token ``k`` is a place preposition ("ở", "tại")."""
        return k is not None and 0 <= k < len(toks) and toks[k].low in lex.loc_prepositions

    for cand in ordered:
        if cand.source in structured:
            close()
            run, seps = [], []
            continue
        sep = _separator(text[run[-1].end:cand.start], lex) if run else None
        if sep is not None and located(by_start.get(run[-1].start, 0) - 1) and cand.end in by_end \
                and located(by_end[cand.end] + 1):
            sep = None  # "Thượng Chi Tín ở Quảng Đông và Cảnh Tinh Trung ở Phúc Kiến": a place, then a man
        if sep is None:
            close()
            run, seps = [cand], []
        else:
            run.append(cand)
            seps.append(sep)
    close()
    return [members for members in lists if len(members) > 1]


def equated_lists(text: str, found: list[Candidate], lex: Lexicon) -> list[list[Candidate]]:
    """Names the text equates (linking.written_aliases: "Vienne, mà sách ta gọi là Viên", "Verbiest, người Tàu gọi
    là Nam Hoài Nhân") as lists: one referent, one label. Each pair takes every candidate of its two names."""
    by_name: dict[str, list[Candidate]] = {}
    for c in found:
        by_name.setdefault(text[c.core[0]:c.core[1]], []).append(c)
    spans = [(c.core[0], c.core[1], text[c.core[0]:c.core[1]], "name") for c in found]
    return [by_name[a] + by_name[b] for a, b, _ in written_aliases(text, spans, lex) if a in by_name and b in by_name
            and not any(_after_title(text, c.core[0], lex) for c in by_name[a] + by_name[b])]


def _after_title(text: str, start: int, lex: Lexicon) -> bool:
    """A title (data/titles.tsv) right before the name: the title types it ("lên ngôi ở Đông Kinh, tức vua Lê Thái
    Tổ" equates no place with the man)."""
    words = word_key(text[max(0, start - 40):start])
    return any(words[len(words) - n:] in lex.titles for n in (1, 2, 3) if len(words) >= n)
