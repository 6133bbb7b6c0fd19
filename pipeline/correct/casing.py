"""Lost capitals inside names, read from the batch's own case statistics.

A book writes its names the same way each time: "Nhật Lễ" 33 times and "Nhật lễ" twice, "sông Mã" 21 times and
"sông mã" once, "điện Thiên An" 19 times. A lowercase syllable printed in a pair that the batch writes, in several
distinct places (copies of a line are one place: ``CorpusStats.case_places``), with that syllable capitalized, and
almost never lowercase (``CorpusStats.case_pairs`` against ``bigrams``), lost its capital. The shape of the pair
decides how far the evidence goes: before a capitalized word ("tân Phúc", "canh Tuất") and two lowercase words
after a word the batch writes before names ("điện thiên an" -> one edit "Thiên An") are applied; after a
capitalized word ("Nhật lễ") or a lowercase one ("sông mã") only suggested, unless a higher share holds and the
corpora capitalize the word, since books capitalize titles unevenly ("Thái tổ" beside "Thái Tổ"). A word the book
writes lowercase beside other names ("Chu công", "Trang công": its style), a lowercase compound the batch writes
elsewhere ("thái hậu"), and a pair inside a three-word name the batch never writes stay. A syllable whose
confusable form (confusion model) is the capitalized word of such a pair, where the batch never writes the printed
pair elsewhere ("Thủy xã" beside "Thủy Xá"), is suggested. Thresholds and scores are data/thresholds.tsv's (read
by corrector.py into ``CaseRules``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from pipeline.correct.lexicon import token_keys
from pipeline.correct.stats import CorpusStats, line_copies
from pipeline.vi.tokens import Token

@dataclass(frozen=True)
class CaseRules:
    places: int  # distinct places of the capitalized pair for a fix to be applied
    share: float  # ... and the least share of capitalized uses among the pair's uses (this one left out)
    lower_max: int  # ... beside a lowercase neighbour, the most lowercase uses of the pair elsewhere
    style_share: float  # a word the batch writes lowercase beside other names this often is lowercase by style
    score: float  # the score of such a fix
    suggest_places: int  # weaker evidence: shown, not applied
    suggest_share: float
    suggest_score: float
    variant_cost: float  # the dearest confusion that may turn a syllable into the capitalized one of a pair
    name_share: float  # a word after a capitalized one is applied at this share, where the corpora capitalize it


@dataclass(frozen=True)
class CaseFix:
    """One edit: ``text[start:end]`` (one or more syllables) written ``written``; ``places`` and ``share`` are the
    weakest evidence among its syllables."""

    start: int
    end: int
    written: str
    score: float
    places: int
    share: float


def _title(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _capitalized(word: str) -> str:
    return word[0].upper() + word[1:]


class CaseEvidence:
    """The batch's case statistics (``CorpusStats.case_pairs``, ``case_places``, ``bigrams``) as evidence: how
    often, in how many distinct places, a pair is written with a word capitalized, and how often a word is written
    lowercase beside a capitalized one anyway (its style)."""

    def __init__(self, stats: CorpusStats):
        self.stats = stats
        self._after: dict[str, tuple[int, int]] | None = None  # word -> (lowercase, capitalized) after a name
        self._before: dict[str, tuple[int, int]] | None = None  # word -> (lowercase, capitalized) before a name

    def uses(self, left: str, right: str, codes: tuple[str, ...]) -> tuple[int, int]:
        """(distinct places, uses) of the pair written in one of ``codes`` ("UU", "LU", ...); uses count every
        copy, as ``written`` does."""
        places = count = 0
        for code in codes:
            phrase = (left, right, code)
            places += self.stats.case_places.count(phrase)
            count += self.stats.case_pairs.get(phrase, 0)
        return places, count

    def written(self, left: str, right: str, codes: tuple[str, ...] = ()) -> int:
        """Times the batch writes the pair, less its uses in ``codes``."""
        return self.stats.bigrams.get((left, right), 0) - sum(
            self.stats.case_pairs.get((left, right, code), 0) for code in codes)

    def style(self, word: str, neighbour: str, after: bool) -> float:
        """Share of lowercase uses of ``word`` right after (``after``) or before a capitalized word other than
        ``neighbour``: "công" in "Chu công", "Trang công"; "nam" in "phía nam Hà Nội"."""
        if self._after is None:
            after_counts: dict[str, list[int]] = {}
            before_counts: dict[str, list[int]] = {}
            for (left, right, code), n in self.stats.case_pairs.items():
                if code in ("UL", "IL", "UU", "IU"):
                    after_counts.setdefault(right, [0, 0])[code[1] == "U"] += n
                if code in ("LU", "LN", "UU"):
                    before_counts.setdefault(left, [0, 0])[code[0] == "U"] += n
            self._after = {k: (v[0], v[1]) for k, v in after_counts.items()}
            self._before = {k: (v[0], v[1]) for k, v in before_counts.items()}
        table = self._after if after else self._before
        assert table is not None
        lower, upper = table.get(word, (0, 0))
        pair = (neighbour, word) if after else (word, neighbour)
        lower -= sum(self.stats.case_pairs.get(pair + (code,), 0) for code in (("UL", "IL") if after else ("LU", "LN")))
        upper -= sum(self.stats.case_pairs.get(pair + (code,), 0) for code in (("UU", "IU") if after else ("UU",)))
        return max(lower, 0) / max(lower + upper, 1)


AFTER_NAME, BEFORE_NAME, AFTER_WORD, NAME_AFTER_WORD, PAIR = "after name", "before name", "after word", \
    "name after word", "pair"
# Applied on strong evidence: a word before a capitalized one ("tân Phúc"), two words after a word the batch
# writes before names ("điện thiên an"). Only suggested: a word after a capitalized one ("Nhật lễ"), unless the
# share is higher still and the corpora capitalize the word, or after a lowercase one ("sông mã"), since books
# capitalize titles and offices unevenly ("Thái tổ" beside "Thái Tổ", "chức Thượng thư"): on the development
# pages these shapes restored as many lowercase titles as lost capitals.
APPLIED_SHAPES = (BEFORE_NAME, PAIR)


def _evidence(evidence: CaseEvidence, left: str, right: str, shape: str, own: int,
              rules: CaseRules, style: bool = True) -> tuple[int, float] | None:
    """(distinct places, share) of the capitalized uses of a pair printed with a word lowercase, by its shape:
    the right word after a capitalized one ("Nhật lễ"), the left one before a capitalized one ("tân Phúc"), the
    right one after a lowercase word ("sông mã"), or both words ("thiên an"); None when style (unless not
    ``style``: after a capitalized word only) or lowercase uses elsewhere say the lowercase is the book's."""
    if shape == AFTER_NAME:
        places, count = evidence.uses(left, right, ("UU", "IU"))
        total = evidence.written(left, right)
        if places and style and evidence.style(right, left, after=True) >= rules.style_share:
            return None
    elif shape == BEFORE_NAME:
        places, count = evidence.uses(left, right, ("UU",))
        total = evidence.written(left, right, ("IU", "IL"))  # a capital at a sentence start tells nothing
        if places and evidence.style(left, right, after=False) >= rules.style_share:
            return None
    elif shape in (AFTER_WORD, NAME_AFTER_WORD):  # a name of one word after a lowercase one, or the start of one
        places, count = evidence.uses(left, right, ("LU",) if shape == AFTER_WORD else ("LU", "LN"))
        total = evidence.written(left, right, ("UU", "UL", "IU", "IL") + (("LN",) if shape == AFTER_WORD else ()))
        if total - own - count > rules.lower_max:
            return None
    else:
        places, count = evidence.uses(left, right, ("UU", "IU"))
        total = evidence.written(left, right)
        if total - own - count > rules.lower_max:
            return None
    if not places:
        return None
    return places, count / max(total - own, count, 1)


def _lowercase(evidence: CaseEvidence, left: str, right: str, own: int) -> int:
    """Times the batch writes ``left right`` both lowercase, ``own`` uses left out."""
    return evidence.written(left, right, ("UU", "UL", "LU", "LN", "IU", "IL")) - own


def _compound(evidence: CaseEvidence, left: str, right: str, own: int) -> bool:
    """The batch writes ``left right`` in lowercase elsewhere, at least twice and at least as often as with a
    capital."""
    lower = _lowercase(evidence, left, right, own)
    return lower >= 2 and lower >= evidence.written(left, right) - own - lower


def case_fixes(text: str, tokens: list[Token], evidence: CaseEvidence, rules: CaseRules,
               keys: list[str | None] | None = None, copies: list[int] | None = None,
               variants: Callable[[str], Iterable[tuple[str, float]]] | None = None,
               corpus_title: Callable[[str], bool] = lambda word: False) -> list[CaseFix]:
    """Lost capitals of ``text`` (``tokens`` its word tokens, ``keys`` their token_keys and ``copies`` their
    line_copies, computed here when not given); ``variants(word)`` gives the confusable keys of a word and their
    channel costs, ``corpus_title(word)`` whether the language model's corpora capitalize it."""

    keys = token_keys(tokens) if keys is None else keys
    copies = line_copies(evidence.stats, text, tokens) if copies is None else copies
    n = len(tokens)
    lower = [k is not None and t.text.islower() for k, t in zip(keys, tokens)]
    title = [k is not None and _title(t.text) for k, t in zip(keys, tokens)]
    places_of = evidence.stats.case_places
    found: dict[int, tuple[str, float, int, float]] = {}  # token -> (written, score, places, share)

    def judge(i: int, written: str, left: str, right: str, shape: str, own: int | None = None) -> None:
        own = copies[i] if own is None else own
        got = _evidence(evidence, left, right, shape, own, rules)
        if got is None and shape == AFTER_NAME:
            # a common word the book writes lowercase after other names ("từ", "chương"), in a pair the batch
            # writes capitalized in as many places and as large a share as an applied fix needs ("Linh Từ" in 4
            # places, never "Linh từ" elsewhere): the pair's own evidence outweighs the word's style, as a
            # suggestion only
            got = _evidence(evidence, left, right, shape, own, rules, style=False)
            if got is not None and got[0] >= rules.places and got[1] >= rules.name_share:
                best = _better(found.get(i), written, *got, rules, applied=False)
                if best is not None:
                    found[i] = best
            return
        if got is not None:
            applied = shape in APPLIED_SHAPES or (
                shape == AFTER_NAME and got[1] >= rules.name_share and corpus_title(written))
            best = _better(found.get(i), written, *got, rules, applied=applied)
            if best is not None:
                found[i] = best

    for i in range(n):
        if not lower[i]:
            continue
        key = keys[i]
        linked_left = i > 0 and tokens[i].linked and keys[i - 1] is not None
        linked_right = i + 1 < n and tokens[i + 1].linked and keys[i + 1] is not None
        sides = []  # (left key, right key, shape) of the pairs this word may be capitalized in
        if linked_left and title[i - 1] and not (i > 1 and tokens[i - 1].linked and title[i - 2] and evidence.stats.
                                                 name_triples.get((keys[i - 2], keys[i - 1], key), 0) == 0):
            sides.append((keys[i - 1], key, AFTER_NAME))  # in a longer name, one the batch writes ("Lê Bá Ngọc")
        elif linked_left and lower[i - 1]:
            sides.append((keys[i - 1], key, AFTER_WORD))
        if linked_right and title[i + 1] and not (i + 2 < n and tokens[i + 2].linked and title[i + 2]) and not (
                linked_left and lower[i - 1] and _lowercase(evidence, keys[i - 1], key, copies[i]) >= 2) and not (
                linked_left and title[i - 1] and _evidence(evidence, keys[i - 1], key, AFTER_NAME, copies[i], rules)
                is None):
            # not before a name of its own ("phía nam Hà Nội"), nor after a word it makes a lowercase compound with
            # ("đại vương Kính"); between two capitalized words, only inside a name of three ("Tống thiệu Hưng",
            # not "Đường đế Nghiêu")
            sides.append((key, keys[i + 1], BEFORE_NAME))
        pair = linked_right and lower[i + 1] and (places_of.count((key, keys[i + 1], "UU"))
                                                  or places_of.count((key, keys[i + 1], "IU")))
        if not pair and not any(shape != AFTER_WORD or places_of.count((left, right, "LU"))
                                or places_of.count((left, right, "IU")) for left, right, shape in sides):
            continue  # no pair the batch writes with a capital, no name beside it: nothing to restore
        if (linked_right and lower[i + 1] and _compound(evidence, key, keys[i + 1], copies[i])) or (
                linked_left and lower[i - 1] and _compound(evidence, keys[i - 1], key, copies[i])):
            continue  # a word of a lowercase compound the batch writes elsewhere ("thái hậu", "sơn hà")
        for left, right, shape in sides:
            code = "LU" if shape == AFTER_WORD else "UU"
            if places_of.count((left, right, code)) or places_of.count((left, right, "IU")):
                judge(i, _capitalized(tokens[i].text), left, right, shape)
        if pair:
            # two lowercase words the batch writes as a name, after a word the batch writes before names
            # ("điện thiên an": "điện Thiên An" 19 times)
            anchor = _evidence(evidence, keys[i - 1], key, NAME_AFTER_WORD, copies[i], rules) \
                if linked_left and lower[i - 1] else None
            if anchor is not None and _better(None, "", *anchor, rules) is not None:
                got = _evidence(evidence, key, keys[i + 1], PAIR, copies[i], rules)
                if got is not None:
                    for j in (i, i + 1):
                        best = _better(found.get(j), _capitalized(tokens[j].text), *got, rules)
                        if best is not None:
                            found[j] = best
        if i not in found and variants is not None and any(shape != AFTER_WORD for _, _, shape in sides):
            for cand, cost in variants(tokens[i].text):  # "Thủy xã" where the batch writes "Thủy Xá"
                if cost > rules.variant_cost:
                    continue
                for left, right, shape in sides:
                    if shape == AFTER_WORD or evidence.written(left, right) - copies[i] > 0:
                        continue  # the batch writes the printed pair elsewhere: a word of the book
                    pair = (left, cand) if shape == AFTER_NAME else (cand, right)
                    got = _evidence(evidence, *pair, shape, 0, rules)
                    if got is not None and _better(None, "", *got, rules) is not None:
                        found[i] = (_capitalized(cand), rules.suggest_score, *got)  # shown, never applied
                        break
                if i in found:
                    break  # the cheapest variant the batch supports
    fixes: list[CaseFix] = []
    for i in sorted(found):
        written, score, places, share = found[i]
        last = fixes[-1] if fixes else None
        if last is not None and i - 1 in found and tokens[i].linked and last.end == tokens[i - 1].end:
            fixes[-1] = CaseFix(last.start, tokens[i].end, last.written + text[last.end:tokens[i].start] + written,
                                min(last.score, score), min(last.places, places), min(last.share, share))
        else:
            fixes.append(CaseFix(tokens[i].start, tokens[i].end, written, score, places, share))
    return fixes


def _better(best: tuple[str, float, int, float] | None, written: str, places: int, share: float,
            rules: CaseRules, applied: bool = True) -> tuple[str, float, int, float] | None:
    """The stronger of ``best`` and a capitalized ``written`` with this evidence (None when neither is enough);
    not ``applied``: a suggestion at most."""
    if places >= rules.places and share >= rules.share:
        score = rules.score if applied else rules.suggest_score
    elif places >= rules.suggest_places and share >= rules.suggest_share:
        score = rules.suggest_score
    else:
        return best
    if best is None or (score, places, share) > best[1:]:
        return written, score, places, share
    return best
