"""OCR post-correction of one clean text: a noisy-channel choice between each token and its confusable words.

For a token w and each candidate c reachable through the confusion model (``candidates.py``), the score is
log P(w | c) + log P_lm(c in context) + ½ log P_bigram(c in context): the first term is the channel cost, the
second a syllable trigram language model over two words on each side (``lm.py``, built from Vietnamese running
text), the third a Witten-Bell bigram model whose counts are the lexicon's plus the batch's own (``CorpusStats``,
the token's own line and its copies left out), backing off to unigrams weighted by part-of-speech classes
(``classes.py``). The posterior of the best candidate among {w} + candidates, with what the context says about the
token and the candidate, goes through a logistic calibration (``calibration.py``) whose P(the correction is right)
is the edit's score (a ``Decision``), applied at or above the threshold; every threshold is in
data/thresholds.tsv. A token that looks foreign but stands where a Vietnamese word would ("lâp", "Muà", "tronh") is
weighed like damage. Names are corrected towards a foreign name the batch uses often, unless the language model's
corpora or the batch write the name as printed, and a syllable of a name misread into another word towards the name
the corpora write beside its capitalized neighbours (``names.py``: "Hàm Nghỉ" -> "Hàm Nghi"); a capital lost
before a name ("lê Lan"), inside a name the batch writes capitalized (``casing.py``: "huyện tân Phúc", "điện thiên
an") or read inside a word ("KIến") is restored.
Edits that span more than a token: stray punctuation specks (``specks.py``), spaces lost around punctuation and
numbers (``glue.py``), a function word printed twice ("với với", data/doubling.tsv) and a word typed with the VNI
input method off ("na8m" for "năm", ``typed.py``).
The written form of a correction (tone placement, case) is ``render.py``'s.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pipeline.correct.calibration import Calibration, load_calibration
from pipeline.correct.classes import ClassModel
from pipeline.correct.casing import CaseEvidence, CaseRules, case_fixes
from pipeline.correct.candidates import CandidateGenerator, deletes, skeleton_index
from pipeline.correct.confusion import ConfusionTable, default_table, glyph_variants
from pipeline.correct.decision import Decision, thresholds
from pipeline.correct.glue import glue_edits
from pipeline.correct.habits import habit_bonuses, signature
from pipeline.correct.lexicon import SyllableLexicon, key_of, load_lexicon, token_keys
from pipeline.correct.lm import NUM, SyllableLM, load_lm, log_prob_window
from pipeline.correct.names import NameRules, corpus_name_fix, name_neighbours, name_word, vietnamese_name_pair
from pipeline.correct.render import document_style, written_form
from pipeline.correct.specks import speck_edits, tail_junk_edits
from pipeline.correct.stats import CorpusStats, after_full_stop, line_copies
from pipeline.correct.typed import decoded, shows_mark, transpositions, typed_words
from pipeline.correct.verse import breaks_meter
from pipeline.document import CleanEdit
from pipeline.vi.keys import fold as skeleton
from pipeline.vi.syllable import (classify_token, misread_class, near_syllable, split_tone,
                                  written_only_in_vietnamese)
from pipeline.vi.table import read_table
from pipeline.vi.tokens import Token, word_tokens

_T = thresholds()  # data/thresholds.tsv: every number below is explained there
DEFAULT_THRESHOLD = _T["apply_threshold"]
MIN_SUGGESTION = _T["min_suggestion"]
ERROR_LOG_PRIOR = _T["error_log_prior"]
NONWORD_MAX_COST = _T["nonword_max_cost"]
REALWORD_MAX_COST = _T["realword_max_cost"]
REALWORD_MARGIN = _T["realword_margin"]
BIGRAM_WEIGHT = _T["bigram_weight"]
WELL_SUPPORTED = _T["well_supported"]
TRIGRAM_SUPPORTED = _T["trigram_supported"]
STRONG_PAIR = _T["strong_pair"]
UNKNOWN_LOG_PRIOR = {"vi": _T["unknown_prior_vi"], "stray": _T["unknown_prior_stray"],
                     "damage": _T["unknown_prior_damage"]}
STRAY_MAX_COUNT = _T["stray_max_count"]
MISREAD_MIN_LENGTH = _T["misread_min_length"]
STRAY_MIN_LENGTH = _T["stray_min_length"]
NAME_CAPITAL_PENALTY = _T["name_capital_penalty"]
NAME_NOVEL_PSEUDO = _T["name_novel_pseudo"]
NAME_MIN_COUNT = _T["name_min_count"]
NAME_MAX_COST = _T["name_max_cost"]
NAME_MIN_LENGTH = _T["name_min_length"]
NAME_EDIT_MIN_LENGTH = _T["name_edit_min_length"]
VARIANT_SCORE = _T["variant_score"]
NAME_SYLLABLE_SCORE = _T["name_syllable_score"]
KNOWN_SURFACE = _T["known_surface"]
CORPUS_NAME_WEIGHT = _T["corpus_name_weight"]
ACRONYM_MAX = _T["acronym_max"]
DOUBLED_SCORE = _T["doubled_score"]
DOUBLED_MISREAD_SCORE = _T["doubled_misread_score"]
DOUBLED_WORD_SCORE = _T["doubled_word_score"]
DOUBLED_LM_COUNT = _T["doubled_lm_count"]
DOUBLED_COMPOUND_COUNT = _T["doubled_compound_count"]
LOWERED_NAME_SHARE = _T["lowered_name_share"]
LOWERED_CORPUS_SHARE = _T["lowered_corpus_share"]
CASE_SCORE = _T["case_score"]
NUMBER_SCORE = _T["number_score"]
UNATTESTED_SPAN_SCORE = _T["unattested_span_score"]
LIFESPAN = _T["lifespan"]
LOGIT_CLIP = _T["logit_clip"]
SENTENCE_CAPITAL_SHARE = _T["sentence_capital_share"]
SENTENCE_MIN_STARTS = _T["sentence_min_starts"]
SENTENCE_LINE_WORDS = _T["sentence_line_words"]
CASE_RULES = CaseRules(_T["capital_places"], _T["capital_share"], _T["capital_lower_max"], _T["capital_style_share"],
                       _T["capital_score"], _T["capital_suggest_places"], _T["capital_suggest_share"],
                       _T["capital_suggest_score"], _T["capital_variant_cost"], _T["capital_name_share"])
NAME_TRIPLE_MIN = _T["name_triple_min"]
BATCH_NAME_PSEUDO = _T["batch_name_pseudo"]
NAME_RULES = NameRules(_T["name_pair_min"], _T["name_pair_pseudo"], _T["name_pair_max_cost"], _T["known_surface"],
                       _T["name_pair_share"], _T["name_pair_share_ratio"], _T["name_pair_own_share"],
                       _T["name_pair_printed_ratio"], _T["name_pair_neighbour_share"])
NAME_WORD_RULES = replace(NAME_RULES, max_cost=_T["name_word_max_cost"], neighbour_share=0.0)  # "nước": a noun
VERSE_SCORE = _T["verse_score"]
TYPED_MARK_SCORE = _T["typed_mark_score"]
TYPED_WORD_COUNT = _T["typed_word_count"]
TYPED_SWAP_COST = _T["typed_swap_cost"]
CONVENTION_MIN_COUNT = _T["convention_min_count"]
TWO_MARKS_SCORE = _T["two_marks_score"]
DOUBLED_MISREAD_COST = _T["doubled_misread_cost"]
DOUBLED_MISREAD_SHARE = _T["doubled_misread_share"]
DOUBLED_MISREAD_PAIR_MAX = _T["doubled_misread_pair_max"]
HABIT_MIN_PAIRS = int(_T["habit_min_pairs"])
HABIT_BONUS_MAX = _T["habit_bonus_max"]
HABIT_WEIGHT = _T["habit_weight"]
DATA_DIR = Path(__file__).parent / "data"
_GLUED_DATE = re.compile(r"^(\d{3})-(\d{4})$")
_GLUED_YEARS = re.compile(r"^(\d{4})(\d{4})$")  # "[11761210]": a span of years that lost its dash
_YEAR_SPAN = re.compile(r"^\d{4}-\d{4}$")


@dataclass(frozen=True)
class _Resources:
    lexicon: SyllableLexicon
    table: ConfusionTable
    skeletons: dict[str, tuple[str, ...]]
    continuations: dict[str, tuple[float, int]]  # key -> (bigram count as left word, distinct right words)
    calibration: Calibration
    classes: ClassModel


@lru_cache(maxsize=1)
def _resources() -> _Resources:
    """Lexicon, confusion table and indexes, loaded once per process (each worker loads its own)."""
    lexicon = load_lexicon()
    return _Resources(lexicon, default_table(), skeleton_index(lexicon.unigrams),
                      _continuations(lexicon.bigrams), load_calibration(),
                      ClassModel(lexicon.classes, lexicon.class_bigrams))


def _continuations(bigrams: dict[tuple[str, str], float]) -> dict[str, tuple[float, int]]:
    totals: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    for (left, _), n in bigrams.items():
        totals[left] += n
        distinct[left] += 1
    return {k: (totals[k], distinct[k]) for k in totals}


class _Batch:
    """Counts of the batch a text belongs to, keyed like the lexicon, plus its names and their spellings."""

    def __init__(self, stats: CorpusStats, lexicon_continuations: dict[str, tuple[float, int]]):
        self.stats = stats
        self._lexicon_continuations = lexicon_continuations
        self.unigrams: Counter[str] = Counter()
        capitalized: Counter[str] = Counter()
        for surface, n in stats.tokens.items():
            if surface[0].isalpha():
                self.unigrams[key_of(surface)] += n
        for surface, n in stats.names.items():
            capitalized[key_of(surface)] += n
        self.capitalized = {k for k, n in capitalized.items() if 2 * n > self.unigrams[k]}
        self.capital_counts = capitalized
        self.lower_counts: Counter[str] = Counter()
        for surface, n in stats.tokens.items():
            if surface[0].isalpha() and surface.islower():
                self.lower_counts[key_of(surface)] += n
        self.bigrams = stats.bigrams
        self._extra_continuations = _continuations(dict(stats.bigrams))
        self.names = {n: c for n, c in stats.tokens.items()
                      if c >= NAME_MIN_COUNT and n[0].isupper() and classify_token(n) == "foreign"}
        self.name_deletes: dict[str, list[str]] = {}
        for name in self.names:
            for variant in deletes(name) | {name}:
                self.name_deletes.setdefault(variant, []).append(name)
        self.year_spans = sum(n for t, n in stats.tokens.items() if t[0].isdigit() and _YEAR_SPAN.match(t))
        self.case_evidence = CaseEvidence(stats)
        self._slots: dict[tuple, frozenset[str]] | None = None  # see slot_fillers

    def slot_fillers(self, triple: tuple[str | None, ...], at: int) -> frozenset[str]:
        """The words the batch writes at place ``at`` of a name of three words whose two other words are
        ``triple``'s (an index of the batch's name triples, built on first use)."""
        if self._slots is None:
            slots: dict[tuple, set[str]] = {}
            for name in self.stats.name_triples:
                for k in range(3):
                    slots.setdefault((k, *name[:k], *name[k + 1:]), set()).add(name[k])
            self._slots = {slot: frozenset(words) for slot, words in slots.items()}
        return self._slots.get((at, *triple[:at], *triple[at + 1:]), frozenset())

    def continuation(self, key: str) -> tuple[float, int]:
        """(bigram count of ``key`` as left word, distinct right words) in the lexicon and the batch together."""
        total, distinct = self._lexicon_continuations.get(key, (0.0, 0))
        extra = self._extra_continuations.get(key)
        return (total + extra[0], distinct + extra[1]) if extra else (total, distinct)


def _clip_logit(p: float) -> float:
    return max(min(math.log(max(p, 1e-12) / max(1.0 - p, 1e-12)), LOGIT_CLIP), -LOGIT_CLIP)


def _name_like(tok: Token) -> bool:
    return tok.text[0].isupper() and not tok.initial


def _window(tokens: list[Token], keys: list[str | None], i: int,
            wrapped: frozenset[int] = frozenset()) -> tuple[str | None, ...]:
    """The two neighbours on each side of token ``i`` that context may come from (numbers as <num>), None past
    punctuation, a line end (but the line ends in ``wrapped``, see ``_wrapped``) or a change between names and
    words."""
    # Context for a capitalized word comes only from words of its own kind ("Sông" beside "Nhị" is a name): a
    # neighbour of a capitalized token counts when it starts a sentence or is as name-like as the token (tested
    # inline, the cheap tests first: this runs for every token).
    tok = tokens[i]
    n = len(tokens)
    upper = tok.text[0].isupper()
    name = upper and not tok.initial
    l2 = l1 = r1 = r2 = None
    if i > 0 and (tok.linked or i in wrapped):
        left = tokens[i - 1]
        if not upper or left.initial or left.text[0].isupper() == name:
            l1 = keys[i - 1] if keys[i - 1] is not None else NUM
            if i > 1 and (left.linked or i - 1 in wrapped):
                left = tokens[i - 2]
                if not upper or left.initial or left.text[0].isupper() == name:
                    l2 = keys[i - 2] if keys[i - 2] is not None else NUM
    if i + 1 < n:
        right = tokens[i + 1]
        if (right.linked or i + 1 in wrapped) and (not upper or right.initial or right.text[0].isupper() == name):
            r1 = keys[i + 1] if keys[i + 1] is not None else NUM
            if i + 2 < n:
                right = tokens[i + 2]
                if ((right.linked or i + 2 in wrapped)
                        and (not upper or right.initial or right.text[0].isupper() == name)):
                    r2 = keys[i + 2] if keys[i + 2] is not None else NUM
    return l2, l1, r1, r2


def _wrapped(text: str, tokens: list[Token]) -> frozenset[int]:
    """Indices of the tokens that go on a sentence across a line break: nothing but spaces and one line break
    between a token and the previous one ("nhổ\\ncội ác", the printed page's line ends), so the word before is
    still its neighbour for context (a blank line, punctuation or a page mark between them cut it)."""
    out = set()
    for i in range(1, len(tokens)):
        tok = tokens[i]
        if not tok.linked and text[tokens[i - 1].end:tok.start].strip(" \t") == "\n":
            out.add(i)
    return frozenset(out)


def _transliterated_parts(text: str, tokens: list[Token]) -> set[int]:
    """Indices of the syllables of a capitalized word written with hyphens ("Bô-hem", "Ga-ri-ban-đi", "Marx-Engels"):
    a foreign name transliterated, whose parts are no Vietnamese words in context (only a name's correction, such
    as "Marx-Engcls", may rewrite one)."""
    parts: set[int] = set()
    run_capitalized = False
    for i in range(1, len(tokens)):
        prev, tok = tokens[i - 1], tokens[i]
        if tok.start == prev.end + 1 and text[prev.end] == "-" and tok.text[0].isalpha() and prev.text[0].isalpha():
            if i - 1 not in parts:
                run_capitalized = prev.text[0].isupper()
            if run_capitalized:
                parts.update((i - 1, i))
    return parts


def _sentence_start(text: str, start: int) -> bool:
    """The word at ``start`` follows a full stop, in a running line (not a short fragment on a line of its own,
    where the extraction of a page moved a sentence's last words: "\\nđại hạn.\\n")."""
    if not after_full_stop(text, start):
        return False
    if start > 0 and text[start - 1] != "\n":
        return True
    end = text.find("\n", start)
    return len(text[start:end if end >= 0 else len(text)].split()) >= SENTENCE_LINE_WORDS


class Corrector:
    """Proposes OCR corrections for one text at a time, using batch statistics when given."""

    def __init__(self, stats: CorpusStats | None = None, threshold: float = DEFAULT_THRESHOLD,
                 confusions: ConfusionTable | None = None, lm: SyllableLM | None = None):
        """``confusions`` replaces the shipped confusion table (e.g. ``confusion.tesseract_table()``); ``lm`` the
        shipped language model (e.g. ``lm.load_lm(user_model)``, mixed with a user's proofread pages)."""
        self.threshold = threshold
        self.stats = stats
        self.lm = lm if lm is not None else load_lm()
        self._res = _resources()
        if confusions is not None:
            self._res = replace(self._res, table=confusions)
        self._candidates = CandidateGenerator(self._res.table, self._res.skeletons, self._res.lexicon.unigrams,
                                              NONWORD_MAX_COST, REALWORD_MAX_COST)
        self._local = threading.local()  # per thread: a Dask worker's threads share one Corrector
        self._batch = _Batch(stats, self._res.continuations) if stats is not None else None

    @property
    def _copies(self) -> int:
        """Times the batch writes the line of the token being decided (see CorpusStats.lines); 1 outside a text."""
        return getattr(self._local, "copies", 1)

    @_copies.setter
    def _copies(self, value: int) -> None:
        self._local.copies = value

    # --- language model -----------------------------------------------------------------------------------
    def _uni(self, batch: _Batch, key: str) -> float:
        return self._res.lexicon.unigrams.get(key, 0.0) + batch.unigrams.get(key, 0)

    def _p_uni(self, batch: _Batch, key: str, held_out: float = 0.0) -> float:
        return (max(self._uni(batch, key) - held_out, 0.0) + 0.5) / self._res.lexicon.total

    def _bi(self, batch: _Batch, a: str, b: str, own: str | None) -> float:
        """Bigram count; batch counts of a candidate seen once in the batch are ignored (it may be an error)."""
        count = self._res.lexicon.bigrams.get((a, b), 0.0)
        n = batch.bigrams.get((a, b), 0)
        if n:
            if own is not None:
                n -= self._copies if own in (a, b) else 0
            elif batch.unigrams.get(a, 0) < 2 or batch.unigrams.get(b, 0) < 2:
                n = 0
        return count + max(n, 0)

    def _p_next(self, batch: _Batch, left: str, right: str, own: str | None, held_out: float) -> float:
        """Witten-Bell P(right | left), backing off to the unigram probability weighted by the word classes."""
        total, distinct = batch.continuation(left)
        p_back = self._p_uni(batch, right, held_out if right == own else 0.0) * self._res.classes.factor(left, right)
        if distinct == 0:
            return p_back
        return (self._bi(batch, left, right, own) + distinct * p_back) / (total + distinct)

    def _log_lm(self, batch: _Batch, prev: str | None, key: str, nxt: str | None, own: bool) -> float:
        """log P(key | prev) + log P(nxt | key); ``own`` leaves this occurrence out of the batch counts."""
        owner = key if own else None
        loo = float(self._copies) if own else 0.0
        score = math.log(self._p_next(batch, prev, key, owner, loo) if prev else self._p_uni(batch, key, loo))
        if nxt is not None:
            score += math.log(self._p_next(batch, key, nxt, owner, 0.0))
        return score

    def _attested(self, left: str, right: str) -> bool:
        """The language model's corpora write ``left right``."""
        return self.lm.count(left, right) > 0

    def _support(self, batch: _Batch, prev: str | None, key: str, nxt: str | None, own: bool) -> float:
        owner = key if own else None
        left = self._bi(batch, prev, key, owner) if prev is not None else 0.0
        right = self._bi(batch, key, nxt, owner) if nxt is not None else 0.0
        return left + right

    # --- candidates ---------------------------------------------------------------------------------------
    # --- decisions ----------------------------------------------------------------------------------------
    @staticmethod
    def _posterior(own_score: float, scored: list[tuple]) -> float:
        """Posterior of the best candidate (scored rows: candidate, score, then anything)."""
        top = max(own_score, scored[0][1])
        norm = math.exp(own_score - top) + sum(math.exp(row[1] - top) for row in scored)
        return math.exp(scored[0][1] - top) / norm

    def _decide_vi(self, batch: _Batch, tok: Token, cls: str, prev: str | None, nxt: str | None,
                   window: tuple[str | None, str | None, str | None, str | None]) -> tuple[str, tuple[float, ...], str] | None:
        """Best (candidate key, calibration features, kind) for a Vietnamese-looking token; ``window`` holds the
        two neighbours on each side that the trigram model reads (None where the clause ends)."""
        surface = tok.text
        key = key_of(surface)
        name_like = surface[0].isupper() and not tok.initial
        realword = cls == "vi" and key in self._res.lexicon.unigrams
        left, right = [window[0], window[1]], [window[2], window[3]]
        scored: list[tuple[str, float, float, float, float]] = []  # candidate, score, cost, bigram lm, trigram lm
        if realword:
            beside = self.lm.beside(window[1], window[2])  # the corpora write the word beside one of its neighbours

            candidates = self._candidates.vietnamese(surface, damaged=False)
            if beside(key):  # the printed word is attested beside its neighbours: only candidates that are too
                candidates = [(cand, cost) for cand, cost in candidates if beside(cand)]
            else:  # also a word a letter longer or shorter ("là" for "làm"), where the corpora write it so
                known = {cand for cand, _ in candidates}
                candidates = candidates + [(cand, cost) for cand, cost in self._candidates.letter_edits(surface)
                                           if cand not in known and beside(cand)]
            if not candidates:
                return None  # (speed: the word's own scores below are computed only when a candidate is left)
            own_lm3 = log_prob_window(self.lm, left, key, right)
            for cand, cost in self._habitual(key, candidates):
                prior = cost + ERROR_LOG_PRIOR + self._name_penalty(batch, cand, name_like)
                lm3 = log_prob_window(self.lm, left, cand, right)
                if lm3 - prior < own_lm3 - REALWORD_MARGIN:
                    continue  # hopeless: the context prefers the word as printed by far
                lm = self._log_lm(batch, prev, cand, nxt, own=False)
                scored.append((cand, lm3 + BIGRAM_WEIGHT * lm - prior, cost, lm, lm3))
            if not scored:
                return None
            own_lm = self._log_lm(batch, prev, key, nxt, own=True)
            own = own_lm3 + BIGRAM_WEIGHT * own_lm
        else:
            own_lm = self._log_lm(batch, prev, key, nxt, own=True)
            own_lm3 = log_prob_window(self.lm, left, key, right)
            own = UNKNOWN_LOG_PRIOR.get(cls, UNKNOWN_LOG_PRIOR["damage"]) + own_lm3 + BIGRAM_WEIGHT * own_lm
            for cand, cost in self._habitual(key, self._candidates.vietnamese(surface, damaged=True)):
                lm3 = log_prob_window(self.lm, left, cand, right)
                lm = self._log_lm(batch, prev, cand, nxt, own=False)
                scored.append((cand, lm3 + BIGRAM_WEIGHT * lm - cost - self._name_penalty(batch, cand, name_like), cost,
                               lm, lm3))
            split_cost = self._res.table.single.get("split", math.inf)
            for first, second in self._candidates.splits(surface):
                lm = (self._log_lm(batch, prev, first, second, own=False) + self._log_lm(batch, None, second, nxt, own=False)
                      - math.log(self._p_uni(batch, second)))
                lm3 = (log_prob_window(self.lm, left, first, [None, None])
                       + log_prob_window(self.lm, [left[1], first], second, right))
                scored.append((f"{first} {second}", lm3 + BIGRAM_WEIGHT * lm - split_cost - self._name_penalty(batch, first, name_like),
                               split_cost, lm, lm3))
        if not scored:
            return None
        scored.sort(key=lambda row: (-row[1], row[0]))  # ties by spelling: no run depends on hash order
        posterior = self._posterior(own, scored)
        cand, _, cost, lm, lm3 = scored[0]
        spacing = " " in cand
        first, last = cand.split(" ")[0], cand.split(" ")[-1]
        own_count = max(self._uni(batch, key) - self._copies, 0.0)
        own_support = self._support(batch, prev, key, nxt, own=True)
        cand_support = (self._support(batch, prev, first, None, own=False) + self._support(batch, None, last, nxt, own=False)
                        + (self._bi(batch, first, last, None) if spacing else 0.0))
        features = (
            _clip_logit(posterior),
            cost,
            float(realword),
            float(spacing),
            float(cls == "damage"),
            float(own_support > 0),
            float(cand_support > 0),
            math.log1p(own_count),
            math.log1p(min(self._uni(batch, w) for w in (first, last))),
            math.log1p(max(batch.unigrams.get(key, 0) - self._copies, 0)),
            float(name_like),
            float(prev is not None) + float(nxt is not None),
            max(min(lm - own_lm, 20.0), -20.0),
            math.log1p(cand_support) - math.log1p(own_support),
            max(min(lm3 - own_lm3, 20.0), -20.0),
            math.log1p(self.lm.count(key)),
            math.log1p(min(self.lm.count(w) for w in (first, last))),
            float(sum(w is not None for w in window)),
        )
        return cand, features, "spacing" if spacing else ("ocr_realword" if realword else "ocr_nonword")

    def _habitual(self, key: str, candidates: list) -> list[tuple[str, float]]:
        """``candidates`` (key, cost), each cost less the bonus of the text's habit its confusion is, if any
        (``habits.py``; only while ``_decisions`` takes its second look)."""
        bonuses = getattr(self._local, "habits", None)
        if not bonuses:
            return candidates
        return [(cand, cost - bonuses.get(signature(key, cand), 0.0)) for cand, cost in candidates]

    @staticmethod
    def _name_penalty(batch: _Batch, cand: str, name_like: bool) -> float:
        """A capitalized word inside a sentence may be a name: ask for more evidence, unless the batch
        capitalizes the candidate too ("Chỉnh phủ" -> "Chính phủ")."""
        return NAME_CAPITAL_PENALTY if name_like and cand not in batch.capitalized else 0.0

    def _vietnamese_neighbours(self, tokens: list[Token], keys: list[str | None],
                               i: int) -> tuple[str | None, str | None]:
        """The keys of the capitalized Vietnamese syllables linked to token ``i`` (None where none)."""
        left, right = name_neighbours(tokens, keys, i)
        return tuple(key if key is not None and classify_token(tokens[j].text) == "vi" else None  # type: ignore
                     for key, j in ((left, i - 1), (right, i + 1)))

    def _decide_name(self, batch: _Batch, surface: str,
                     neighbours: tuple[str | None, str | None] = (None, None)) -> tuple[str, float] | None:
        """A frequent foreign name of the batch one confusion or letter away from a rare ``surface``, or a name the
        language model's corpora write often one OCR confusion away (applied only as a Vietnamese syllable of a
        name the corpora write beside its capitalized Vietnamese ``neighbours``: ``names.vietnamese_name_pair``)."""
        own_count = batch.stats.tokens.get(surface, 0) - (self._copies - 1)  # copies of its line are one use
        if own_count > 1 or self.lm.surface_count(surface) >= KNOWN_SURFACE:  # a name spelled as others do
            return None
        table = self._res.table
        costs: dict[str, float] = {}
        weights: dict[str, float] = {}  # pseudo-counts: the batch's uses, or a share of the corpora's
        for variant, cost in glyph_variants(surface, table, depth=1, max_cost=NAME_MAX_COST,
                                            rules=self._candidates.glyph_rules).items():
            if variant == surface:
                continue
            if variant in batch.names:
                costs[variant], weights[variant] = cost, batch.names[variant]
            elif self.lm.surface_count(variant) >= KNOWN_SURFACE:  # "Engcls": a name the corpora write often
                costs[variant] = cost
                weights[variant] = CORPUS_NAME_WEIGHT * self.lm.surface_count(variant)
        edit = table.single.get("edit", math.inf)
        for variant in deletes(surface) | {surface}:
            for name in batch.name_deletes.get(variant, ()):
                # a letter lost or added; a letter changed only in long names (short ones differ so: Kant, Kate)
                if name.lower() != surface.lower() and (len(name) != len(surface)
                                                        or len(surface) >= NAME_EDIT_MIN_LENGTH):
                    costs[name] = min(costs.get(name, math.inf), edit)
                    weights[name] = batch.names[name]
        scored = sorted(((name, math.log(weights[name]) - cost, cost, 0.0) for name, cost in costs.items()
                         if cost <= NAME_MAX_COST), key=lambda row: (-row[1], row[0]))
        if not scored:
            return None
        name = scored[0][0]
        score = self._posterior(math.log(max(own_count - 1, 0) + NAME_NOVEL_PSEUDO), scored)
        if skeleton(name) == skeleton(surface) or (name not in batch.names and not (
                classify_token(name) == "vi"
                and vietnamese_name_pair(self.lm, key_of(surface), key_of(name), *neighbours, NAME_RULES.pair_min))):
            # "Platôn"/"Platon": a variant for the entity stage, not a misreading; a name only the corpora know
            # ("Engcls" -> "Engels", but "Inao" -> "Mao"): shown to the reader, never applied, unless a Vietnamese
            # syllable of a name they write ("Nguyễn Hoàeg" -> "Nguyễn Hoàng")
            score = min(score, VARIANT_SCORE)
        return name, score

    def _misplaced_tone(self, surface: str) -> bool:
        """A dictionary word with its tone mark on a letter that neither placement style marks ("Qúy" for "Quý":
        the u of "qu" is no vowel): a Vietnamese word misprinted, never a foreign one, however often the
        corpora print it so."""
        return bool(self._placed_tones(surface))

    def _placed_tones(self, surface: str) -> list[str]:
        """The dictionary words that write ``surface``'s letters and tone with the tone on its vowel ("quý" for
        "Qúy"); empty when the tone is placed as a style places it."""
        lower = surface.lower()
        letters = split_tone(lower)
        return [word for word in self._res.skeletons.get(skeleton(lower), ())
                if word != lower and split_tone(word) == letters]

    def _book_convention(self, batch: _Batch, surface: str) -> bool:
        """The batch writes ``surface`` in several places (copies of its line are one) and never the word it
        misspells ("Trần Qúy Cáp" throughout a book that writes no "Quý"): the book's own spelling, kept."""
        uses = batch.stats.tokens.get(surface, 0) - (self._copies - 1)
        return uses >= CONVENTION_MIN_COUNT and not any(
            batch.unigrams.get(word, 0) for word in self._placed_tones(surface))

    def _misread(self, batch: _Batch, tok: Token) -> str | None:
        """The class of a foreign-looking token that stands where a Vietnamese word would, or None when it is
        left alone: written in capitals, a name the batch writes again, a plain-letter word the batch uses again
        ("von", "de"), or a capitalized word inside a sentence unless it is a Vietnamese syllable with a wrong
        mark ("Môc" for "Mộc"; "Rhône", "Genève" are no syllables)."""
        surface = tok.text
        if (len(surface) < MISREAD_MIN_LENGTH or surface.isupper()
                or batch.stats.names.get(surface, 0) - (self._copies - 1) >= NAME_MIN_COUNT):
            return None  # "a", "km", "tr": letters and abbreviations, not misread words
        cls = misread_class(surface)
        if surface[0].isupper() and not tok.initial:
            return cls if cls == "damage" and near_syllable(surface) else None
        if cls == "stray" and (len(surface) < STRAY_MIN_LENGTH
                               or batch.stats.tokens.get(surface, 0) - (self._copies - 1) > STRAY_MAX_COUNT):
            return None
        return cls

    def _lowered_name(self, batch: _Batch, tokens: list[Token], i: int) -> Decision | None:
        """A lowercase word before a name, that the batch nearly always writes capitalized inside sentences
        ("lê Lan", "nguyễn Trung Ngạn"): its capital was lost. Score: the batch's share of capitalized uses."""
        tok = tokens[i]
        if not tok.text[0].islower() or tok.initial or i + 1 >= len(tokens):
            return None
        following = tokens[i + 1]
        if not (following.linked and _name_like(following)):
            return None
        if tok.linked and i > 0 and self._dictionary_pair(tokens[i - 1].text, tok.text):
            return None  # "sơn hà Nam": a word with the one before (not the batch's bigrams: they hold names)
        key = key_of(tok.text)
        capital = batch.capital_counts.get(key, 0)
        seen = capital + batch.lower_counts.get(key, 0)  # capitalized inside a sentence, or lowercase
        share = capital / seen if capital >= NAME_MIN_COUNT else 0.0
        if share < LOWERED_NAME_SHARE:
            return None
        title = tok.text[0].upper() + tok.text[1:]
        if self.lm.surface_count(title) < LOWERED_CORPUS_SHARE * self.lm.count(key):
            return None  # Vietnamese writes it lowercase as often ("anh Phan", "nha Thông tin"): a word, not a name
        return Decision(title, round(share, 4), "name", None)

    def _name_in_batch(self, tokens: list[Token], keys: list[str | None], i: int, batch: _Batch) -> Decision | None:
        """The book corrects its names: a word inside a name of three words ("Nguyễn Hữu Liên") that the batch
        never writes so elsewhere, one confusion away from a name the batch writes at least twice ("Nguyễn Hữu
        Liêu" 34 times). Score: the name's uses against the token's, weighed by the odds of the misreading and by
        how open the place is: each other word the batch writes there is another person ("Lê Văn" is followed by
        "Hưu", "An", "Linh", "Hy" and twenty more: "Lê Văn Ân" is likelier a new name than "Lê Văn An" misread)."""
        tok = tokens[i]
        if not tok.text[0].isupper():
            return None

        def capital(j: int) -> bool:
            return 0 <= j < len(tokens) and keys[j] is not None and tokens[j].text[0].isupper() \
                and not tokens[j].text.isupper()

        if not capital(i) or not ((tok.linked and capital(i - 1))
                                  or (i + 1 < len(tokens) and tokens[i + 1].linked and capital(i + 1))):
            return None  # (speed) every shape below holds the token and a capitalized word linked to it
        shapes = [(j, j + 3) for j in (i - 2, i - 1, i)
                  if all(capital(k) for k in range(j, j + 3)) and all(tokens[k].linked for k in range(j + 1, j + 3))]
        if not shapes:
            return None
        triples = batch.stats.name_triples
        best: tuple[float, str] | None = None
        for start, end in shapes:
            own = tuple(keys[start:end])
            if triples.get(own, 0) - self._copies >= 1:
                return None  # the book writes this name again: its spelling
            at = i - start
            for cand, cost in self._candidates.vietnamese(tok.text, damaged=False):
                n = triples.get(own[:at] + (cand,) + own[at + 1:], 0)
                if n < NAME_TRIPLE_MIN:
                    continue
                others = len(batch.slot_fillers(own, at) - {own[at], cand})
                share = n / (n + BATCH_NAME_PSEUDO * max(others, 1) * math.exp(cost - ERROR_LOG_PRIOR))
                if best is None or share > best[0]:
                    best = (share, cand)
        if best is None:
            return None
        return Decision(best[1], round(best[0], 4), "name", None)

    def _name_in_corpora(self, tokens: list[Token], keys: list[str | None], i: int,
                         batch: _Batch) -> Decision | None:
        """A syllable of a capitalized name that the corpora never write beside its capitalized neighbours, one
        cheap confusion away from a name syllable that they write there (``names.py``: "Hàm Nghỉ" -> "Hàm Nghi"), or
        a capitalized word alone after a lowercase one, read so ("nước Phố" -> "nước Phổ")."""
        tok = tokens[i]
        if not name_word(tok) or self._written_name(batch, tok):
            return None
        left, right = name_neighbours(tokens, keys, i)
        rules = NAME_RULES
        if left is None and right is None:
            # a capitalized word alone inside a sentence: the lowercase word before it, where Vietnamese puts the
            # noun a name follows ("nước Phố" -> "nước Phổ"), for a cheap confusion only
            if tok.initial or not tok.linked or keys[i - 1] is None or not tokens[i - 1].text.islower():
                return None
            left, rules = keys[i - 1], NAME_WORD_RULES
        found = corpus_name_fix(
            self.lm, keys[i], left, right, self._candidates.vietnamese(tok.text, damaged=False),
            lambda a, b: batch.bigrams.get((a, b), 0) - self._copies > 0, rules)
        return Decision(found[0], round(found[1], 4), "name", None) if found is not None else None

    def _sentence_start(self, batch: _Batch, tok: Token) -> Decision | None:
        """A lowercase word after a full stop, in a batch that nearly always starts a sentence with a capital:
        the capital was lost ("thiên hạ. ban cho")."""
        starts = batch.stats.sentence_starts
        total = starts["upper"] + max(starts["lower"] - self._copies, 0)  # this sentence (and its copies) left out
        if (not tok.text.islower() or classify_token(tok.text) != "vi" or total < SENTENCE_MIN_STARTS
                or starts["upper"] < SENTENCE_CAPITAL_SHARE * total):
            return None
        return Decision(tok.text[0].upper() + tok.text[1:], CASE_SCORE, "case", None)

    def _written_name(self, batch: _Batch, tok: Token) -> bool:
        """A capitalized word inside a sentence that the batch writes so in other places too ("Bế Thuấn", "Bế Công
        Lượng"): a name spelled as the book spells it, never rewritten into another word."""
        return (_name_like(tok) and
                batch.stats.names.get(tok.text, 0) - (self._copies - 1) >= NAME_MIN_COUNT + 1)  # itself and two more

    @staticmethod
    def _decide_number(surface: str, spans_written: bool) -> tuple[str, float] | None:
        """(reading, score): '123-1921' -> '12-3-1921' when exactly one split of the first part is a valid
        day-month; '11761210' -> '1176-1210', two years of one span, only suggested in a batch that writes no
        year spans (``spans_written``)."""
        years = _GLUED_YEARS.match(surface)
        if years:
            first, last = int(years[1]), int(years[2])
            if not (1000 <= first < last <= 2100 and last - first <= LIFESPAN):
                return None
            return f"{first}-{last}", NUMBER_SCORE if spans_written else UNATTESTED_SPAN_SCORE
        match = _GLUED_DATE.match(surface)
        if not match or not 1000 <= int(match[2]) <= 2100:
            return None
        digits = match[1]
        readings = [
            f"{int(digits[:i])}-{int(digits[i:])}-{match[2]}"
            for i in (1, 2)
            if 1 <= int(digits[:i]) <= 31 and 1 <= int(digits[i:]) <= 12 and digits[i] != "0"
        ]
        return (readings[0], NUMBER_SCORE) if len(readings) == 1 else None

    def _well_supported(self, key: str, window: tuple[str | None, ...]) -> bool:
        """True when a known word and its neighbours form a trigram the language model's corpora write often
        (the middle one when both neighbours are there): nothing to check (the fast path)."""
        l2, l1, r1, r2 = window
        if l1 is not None and r1 is not None:
            return self.lm.count(l1, key, r1) >= TRIGRAM_SUPPORTED or (
                self.lm.count(l1, key) >= WELL_SUPPORTED and self.lm.count(key, r1) >= WELL_SUPPORTED)
        if l1 is not None:
            return (self.lm.count(l2, l1, key) >= TRIGRAM_SUPPORTED if l2 is not None
                    else self.lm.count(l1, key) >= WELL_SUPPORTED)
        if r1 is not None:
            return (self.lm.count(key, r1, r2) >= TRIGRAM_SUPPORTED if r2 is not None
                    else self.lm.count(key, r1) >= WELL_SUPPORTED)
        return False

    def _decide(self, batch: _Batch, tokens: list[Token], keys: list[str | None],
                i: int) -> Decision | None:
        """(correction as written, score, kind, calibration features or None) for token ``i``, or None."""
        tok = tokens[i]
        surface = tok.text
        cls = classify_token(surface)
        if cls == "number":
            fixed = self._decide_number(surface, batch.year_spans >= NAME_MIN_COUNT)
            return Decision(fixed[0], fixed[1], "number", None) if fixed else None
        lowered = self._lowered_name(batch, tokens, i)
        if lowered is not None:
            return lowered
        if cls != "vi":
            halves = self._two_marked_syllables(surface)
            if halves is not None:
                return Decision(halves, TWO_MARKS_SCORE, "spacing", None)
        if cls != "vi" and len(surface) > 1 and surface.isupper() and len(surface) <= ACRONYM_MAX:
            return None  # "QĐ", "CMTB": an abbreviation, not a word
        if cls != "vi" and self._misplaced_tone(surface):
            if self._book_convention(batch, surface):
                return None
        elif (cls != "vi" and self.lm.surface_count(surface) >= KNOWN_SURFACE
                and not (surface.islower() and written_only_in_vietnamese(surface))):
            return None  # a foreign word or name the language model's corpora write so ("clo", "Kant"), not one of
            # their own typos of a Vietnamese word ("đươc")
        if "." in surface and surface[surface.index(".") + 1:][:1].isupper():
            return None  # "P.Hố", "T.Ư": an abbreviation before a name
        if cls == "damage" and sum(c.isupper() for c in surface[1:]) == 1:
            title = surface[0] + surface[1:].lower()  # "KIến", "NAm", "mỗI": a capital read inside a word
            if key_of(title) in self._res.lexicon.unigrams and classify_token(title) == "vi" and (
                    surface[0].isupper() or skeleton(title) != title):  # not "242mAm", a symbol: a marked word
                return Decision(key_of(title), CASE_SCORE, "ocr_nonword", None)
        window = _window(tokens, keys, i, getattr(self._local, "wrapped", frozenset()))
        if cls == "vi" and keys[i] in self._res.lexicon.unigrams and not surface.isupper():
            found = self._name_in_batch(tokens, keys, i, batch)
            if found is None:  # the corpora's name, where it is strong enough to apply (else the usual weighing)
                found = self._name_in_corpora(tokens, keys, i, batch)
                found = found if found is not None and found.score >= self.threshold else None
                if found is not None:  # a real word turned into another name: shown to the reader, never applied
                    found = found._replace(score=min(found.score, NAME_SYLLABLE_SCORE))
            if found is not None:
                return found._replace(corrected=written_form(found.corrected, tok, False, set(), "hòa", True))
        if cls == "vi" and keys[i] in self._res.lexicon.unigrams and (
                self._well_supported(keys[i], window) or self._written_name(batch, tok)):
            return None
        name_sized = not surface.isupper() and len(surface) >= NAME_MIN_LENGTH  # "VIII", "Km" are no names
        if name_sized and (cls == "foreign" or (cls == "damage" and surface[0].isupper() and not tok.initial)):
            named = self._decide_name(batch, surface, self._vietnamese_neighbours(tokens, keys, i))
            if named:
                return Decision(named[0], named[1], "name", None)
        if cls == "foreign":
            cls = self._misread(batch, tok)
            if cls is None:
                return None
        prev, nxt = (None if w == NUM else w for w in window[1:3])  # the bigram model reads no numbers
        found = self._decide_vi(batch, tok, cls, prev, nxt, window)
        if found is None:
            return None
        cand, features, kind = found
        return Decision(cand, self._res.calibration.score(features), kind, features)

    def _decisions(self, batch: _Batch, text: str, tokens: list[Token], keys: list[str | None],
                   copies: list[int]) -> dict[int, Decision]:
        """By token index, every decision worth a look (``keys``: token_keys, ``copies``: line_copies)."""
        decisions = {}
        parts = _transliterated_parts(text, tokens)
        self._local.wrapped = _wrapped(text, tokens)
        for i in range(len(tokens)):
            self._copies = copies[i]
            found = None
            tok = tokens[i]
            if (tok.text[0].islower() and (tok.initial or text[tok.start - 1:tok.start] == "]")
                    and _sentence_start(text, tok.start) and not self._stop_for_comma(text, tok)):
                found = self._sentence_start(batch, tok)
            found = found or self._decide(batch, tokens, keys, i)
            if found and (i not in parts or found.kind == "name"):
                decisions[i] = found
        # Second look at neighbouring corrections, each now seeing the other's corrected form.
        corrected_keys = list(keys)
        for i, (cand, prob, kind, _) in decisions.items():
            if prob >= self.threshold and kind.startswith("ocr_") and " " not in cand:
                corrected_keys[i] = cand
        for i in [i for i in decisions if i - 1 in decisions or i + 1 in decisions]:
            if decisions[i].kind.startswith("ocr_"):
                saved, corrected_keys[i] = corrected_keys[i], keys[i]
                self._copies = copies[i]
                again = self._decide(batch, tokens, corrected_keys, i)
                corrected_keys[i] = saved
                if again is None or (i in parts and again.kind != "name"):
                    del decisions[i]
                else:
                    decisions[i] = again
        self._habit_look(batch, tokens, corrected_keys, copies, decisions, parts)
        return decisions

    def _habit_look(self, batch: _Batch, tokens: list[Token], keys: list[str | None], copies: list[int],
                    decisions: dict[int, Decision], parts: set[int]) -> None:
        """A third look at the weaker proposals for single words, the confusions that the text's applied ones
        show twice or more made cheaper (``habits.py``); a proposal that scores higher so replaces the first."""
        confident = {(key_of(tokens[i].text), d.corrected) for i, d in decisions.items()
                     if d.kind.startswith("ocr_") and d.score >= self.threshold and " " not in d.corrected}
        bonuses = habit_bonuses(confident, HABIT_MIN_PAIRS, HABIT_BONUS_MAX, HABIT_WEIGHT)
        if not bonuses:
            return
        self._local.habits = bonuses
        try:
            for i in [i for i, d in decisions.items() if d.kind.startswith("ocr_") and d.score < self.threshold]:
                if signature(key_of(tokens[i].text), decisions[i].corrected) not in bonuses:
                    continue
                self._copies = copies[i]
                again = self._decide(batch, tokens, keys, i)
                if again is not None and again.corrected == decisions[i].corrected and again.score > decisions[i].score \
                        and not (i in parts and again.kind != "name"):
                    decisions[i] = again
        finally:
            self._local.habits = None

    def proposals(self, text: str, tone_style: str = "hòa") -> list[tuple[CleanEdit, tuple[float, ...] | None]]:
        """Every correction considered, whatever its score, with its calibration features (None for names and
        numbers): what ``correct`` filters, and what the calibration is fitted on."""
        batch = self._batch or _Batch(CorpusStats.from_text(text), self._res.continuations)
        style = document_style(text) if tone_style == "keep" else tone_style
        tokens = list(word_tokens(text))
        keys, copies = token_keys(tokens), line_copies(batch.stats, text, tokens)
        decisions = self._decisions(batch, text, tokens, keys, copies)
        typed = self._typed(batch, text, tokens, style, tone_style == "keep")
        if typed:  # the pieces of a typed word ("na", "8", "m") are not decided on their own
            decisions = {i: d for i, d in decisions.items()
                         if not any(e.start < tokens[i].end and tokens[i].start < e.end for e in typed)}
        capitals = self._lost_capitals(batch, text, tokens, keys, copies, decisions)
        doubled = self._doubled(batch, tokens, decisions)
        out = [(replace(e, applied=e.score >= self.threshold), None)
               for e in speck_edits(text, lambda a, b: self._strong_pair(batch, a, b)) + list(doubled.values())
               + capitals]
        out += [(e, None) for e in typed + self._misread_commas(batch, text, tokens, copies)
                + self._raised_capitals(batch, tokens, keys, copies, decisions)]
        for i, (cand, prob, kind, features) in sorted(decisions.items()):
            tok = tokens[i]
            after_capital = tok.linked and i > 0 and tokens[i - 1].text[:1].isupper()
            if kind in ("name", "number", "case"):
                written = cand
            elif kind == "spacing":  # the letters stay as printed: "họLý" -> "họ Lý"
                cut = len(cand.split(" ")[0])
                written = tok.text[:cut] + " " + tok.text[cut:]
            else:
                written = written_form(cand, tok, after_capital, batch.capitalized, style, tone_style == "keep")
            if written != tok.text:
                score = round(prob, 4)
                out.append((CleanEdit(tok.start, tok.end, written, kind, score, score >= self.threshold), features))
        taken = [(e.start, e.end) for e, _ in out]
        out += [(e, None) for e in glue_edits(text, lambda word: self._numbered(batch, word), self.threshold)
                if not any(start < e.end and e.start < end for start, end in taken)]
        for tail in tail_junk_edits(text, self._plain_word):  # dirt after the last sentence: its words go with it,
            # and so does a comma for the full stop before it (the mark that ends the text stays as printed)
            out = [(e, f) for e, f in out if not tail.start - 1 <= e.start <= tail.end]
            out.append((replace(tail, applied=tail.score >= self.threshold), None))
        return [(self._in_verse(text, e), features) for e, features in out]

    def _plain_word(self, word: str) -> bool:
        """A dictionary word written in lowercase or title case ("an", "Ta"; not "XU", "TÊn", "c")."""
        return (len(word) > 1 and (word.islower() or word.istitle())
                and key_of(word) in self._res.lexicon.unigrams)

    def _lost_capitals(self, batch: _Batch, text: str, tokens: list[Token], keys: list[str | None],
                       copies: list[int], decisions: dict) -> list[CleanEdit]:
        """Capitals lost inside names (casing.py); a fix replaces the decisions of its tokens that score lower."""
        edits = []
        for fix in case_fixes(text, tokens, batch.case_evidence, CASE_RULES, keys, copies,
                              lambda word: self._candidates.vietnamese(word, damaged=False),
                              lambda title: self.lm.surface_count(title) >= LOWERED_CORPUS_SHARE * self.lm.count(
                                  key_of(title))):
            inside = [i for i in decisions if fix.start <= tokens[i].start < fix.end]
            if all(decisions[i].score <= fix.score for i in inside):
                for i in inside:
                    del decisions[i]
                edits.append(CleanEdit(fix.start, fix.end, fix.written, "case", fix.score, False))
        return edits

    def _stop_for_comma(self, text: str, tok: Token) -> bool:
        """The full stop just before ``tok`` ("lập. tiến") is likelier a misread comma than the sign of a lost
        capital: the confusion table (tesseract's learned costs) prints commas as full stops more often than it
        loses capitals."""
        table = self._res.table
        return (text[tok.start - 2:tok.start] == ". "
                and table.punct.get((".", ","), math.inf) < table.single.get("lost_capital", math.inf))

    def _misread_commas(self, batch: _Batch, text: str, tokens: list[Token], copies: list[int]) -> list[CleanEdit]:
        """A comma for each full stop ``_stop_for_comma`` reads as one, where the batch's sentences start with a
        capital (the evidence ``_sentence_start`` would have taken for a lost capital), at that score."""
        out = []
        for i, tok in enumerate(tokens):
            if tok.text[0].islower() and self._stop_for_comma(text, tok) and _sentence_start(text, tok.start):
                self._copies = copies[i]
                found = self._sentence_start(batch, tok)
                if found is not None:
                    out.append(CleanEdit(tok.start - 2, tok.start - 1, ",", "spacing", found.score,
                                         found.score >= self.threshold))
        return out

    def _raised_capitals(self, batch: _Batch, tokens: list[Token], keys: list[str | None], copies: list[int],
                         decisions: dict[int, Decision]) -> list[CleanEdit]:
        """A capitalized word inside a sentence, outside any run of capitalized words, whose small first letter
        the confusion table says the scanner reads as its capital (``case``: tesseract tells "V" from "v" by size
        alone: "quân ta Vây núi", "lấy đá ném Xuống"). Score: the posterior of that misreading against the word's
        share of capitalized uses (a name's) in the corpora and the batch, so that "Vương", "Xuân" stay; a
        decision on the word that scores lower gives way."""
        table = self._res.table
        if not table.case:
            return []
        out = []
        for i, tok in enumerate(tokens):
            surface, key = tok.text, keys[i]
            cost = table.case.get((surface[:1], surface[:1].lower()), math.inf)
            if (cost == math.inf or tok.initial or len(surface) < 2 or not surface[1:].islower()
                    or key not in self._res.lexicon.unigrams
                    or (i > 0 and tok.linked and tokens[i - 1].text[0].isupper())
                    or (i + 1 < len(tokens) and tokens[i + 1].linked and tokens[i + 1].text[0].isupper())):
                continue
            capital = self.lm.surface_count(surface) + max(batch.capital_counts.get(key, 0) - copies[i], 0)
            uses = self.lm.count(key) + max(batch.unigrams.get(key, 0) - copies[i], 0)
            share = (capital + 0.5) / (uses + 1.0)  # P(the author capitalized it here)
            misread = math.exp(-cost - ERROR_LOG_PRIOR)
            score = round(misread / (misread + share), 4)
            if score < MIN_SUGGESTION or (i in decisions and decisions[i].score > score):
                continue
            decisions.pop(i, None)
            out.append(CleanEdit(tok.start, tok.end, surface[0].lower() + surface[1:], "case", score,
                                 score >= self.threshold))
        return out

    def _typed(self, batch: _Batch, text: str, tokens: list[Token], style: str, keep: bool) -> list[CleanEdit]:
        """Words typed with a digit for their mark ("na8m" for "năm", ``typed.py``): the readings of the letters,
        of the letters with two of them swapped ("al2m" for "la2m") and of the letters with the digit's mark put
        where VNI puts it ("ba3n" -> "bản"), dearer where they do not show the digit's mark, weighed in context
        like a damaged word's candidates; the score is the best reading's posterior among them, at most
        TYPED_MARK_SCORE."""
        out = []
        for word in typed_words(text, self._typed_part_is_word):
            costs: dict[str, float] = {}
            stray = self._res.table.single.get("edit", math.inf)  # a reading without the digit's mark: a stray key
            spellings = [(word.letters, 0.0)] + [(t, TYPED_SWAP_COST) for t in transpositions(word.letters)]
            spellings += [(typed, extra) for letters, extra in spellings
                          if (typed := decoded(letters, word.digit, word.at)) is not None]
            for letters, extra in spellings:
                own = key_of(letters)  # "ngầ2m", "ba3n": the letters or their VNI reading spell the word already
                found = self._candidates.vietnamese(letters, damaged=True)
                for key, cost in found + ([(own, 0.0)] if own in self._res.lexicon.unigrams else []):
                    cost += extra + (0.0 if shows_mark(key, word.digit) else stray)
                    costs[key] = min(cost, costs.get(key, math.inf))
            readings = list(costs.items())
            inside = [k for k, t in enumerate(tokens) if t.start < word.end and word.start < t.end]
            if not readings or not inside:
                continue
            first, last = inside[0], inside[-1]
            tok = Token(word.start, word.end, text[word.start:word.end], tokens[first].linked, tokens[first].initial)
            lo = max(first - 2, 0)
            near = tokens[lo:first] + [tok] + tokens[last + 1:last + 3]
            window = _window(near, token_keys(near), first - lo)
            left, right = [window[0], window[1]], [window[2], window[3]]
            prev, nxt = (None if w == NUM else w for w in window[1:3])
            scored = sorted(((log_prob_window(self.lm, left, key, right)
                              + BIGRAM_WEIGHT * self._log_lm(batch, prev, key, nxt, own=False) - cost, key)
                             for key, cost in readings), reverse=True)
            top = scored[0][0]
            posterior = 1.0 / sum(math.exp(score - top) for score, _ in scored)
            score = round(min(posterior, TYPED_MARK_SCORE), 4)
            written = written_form(scored[0][1], tok, False, batch.capitalized, style, keep)
            out.append(CleanEdit(word.start, word.end, written, "ocr_nonword", score, score >= self.threshold))
        return out

    def _two_marked_syllables(self, surface: str) -> str | None:
        """Two words that lost the space between them, told by their tone marks: a syllable carries one mark, and
        ``surface`` carries two, one in each of two dictionary syllables it splits into, and it splits so in one
        way only, into common syllables that the corpora write together ("tửở", "làở", "đuổivề", "tỉnhHà"; not
        "hộị", whose "ị" is rare, nor "quànở", which is "quà nở" or "quàn ở", nor tesseract's garbled "HảẢi",
        "Thúán": "hả ải", "thú án" are never written). Their keys, space-separated, or None."""
        if len(split_tone(surface)[1]) != 2:
            return None
        found = [(surface[:k], surface[k:]) for k in range(1, len(surface))
                 if len(split_tone(surface[:k])[1]) == 1 and len(split_tone(surface[k:])[1]) == 1
                 and all(key_of(part) in self._res.lexicon.unigrams for part in (surface[:k], surface[k:]))]
        if len(found) != 1 or not all(self._typed_part_is_word(part) for part in found[0]):
            return None
        first, second = key_of(found[0][0]), key_of(found[0][1])
        return f"{first} {second}" if self._attested(first, second) else None

    def _typed_part_is_word(self, part: str) -> bool:
        """A Vietnamese syllable that the language model's corpora write often on its own ("Giang", "để")."""
        return classify_token(part) == "vi" and self.lm.count(key_of(part)) >= TYPED_WORD_COUNT

    def _in_verse(self, text: str, edit: CleanEdit) -> CleanEdit:
        """An edit that takes a line of verse out of its meter (data/verse.tsv) is only suggested."""
        if edit.score > VERSE_SCORE and breaks_meter(text, edit.start, edit.end, edit.corrected):
            return replace(edit, score=VERSE_SCORE, applied=VERSE_SCORE >= self.threshold)
        return edit

    @staticmethod
    def _numbered(batch: _Batch, word: str) -> tuple[int, int, int]:
        """How often the batch writes ``word`` before a spaced number, before a glued one, and at all."""
        key = key_of(word)
        return batch.stats.numbered.get(key, 0), batch.stats.glued.get(key, 0), batch.unigrams.get(key, 0)

    def correct(self, text: str, tone_style: str = "hòa") -> list[CleanEdit]:
        """Edits (clean offsets, applied and suggested) for the OCR errors found in ``text``."""
        edits = [edit for edit, _ in self.proposals(text, tone_style) if edit.score >= MIN_SUGGESTION]
        return sorted(edits, key=lambda e: e.start)

    def _doubled(self, batch: _Batch, tokens: list[Token], decisions: dict) -> dict[int, CleanEdit]:
        """Removal of the second of two equal function words ("với với"), unless the batch doubles it elsewhere;
        the token's own decision, if any, gives way."""
        edits = {}
        for i in range(1, len(tokens)):
            prev, tok = tokens[i - 1], tokens[i]
            key = key_of(prev.text)
            same = tok.text == prev.text
            if (tok.linked and tok.text.islower()
                    and ((same and (key in _never_doubled() or self._never_doubled_in_corpora(key, tokens, i)))
                         or (not same and self._misread_copy(batch, tokens, i)))
                    and batch.bigrams.get((key, key), 0) <= 1
                    and not any(decisions[j].score >= self.threshold for j in (i - 1, i)
                                if j in decisions and decisions[j].corrected != key)):  # (not "hướng hướng")
                score = DOUBLED_SCORE if same else DOUBLED_MISREAD_SCORE
                if same and self._dictionary_pair(key, key):
                    score = DOUBLED_WORD_SCORE  # "là là", "dần dần": a reduplication the dictionary lists
                edits[i] = CleanEdit(prev.end, tok.end, "", "ocr_realword", score, score >= self.threshold)
                decisions.pop(i, None)
        return edits

    def _misread_copy(self, batch: _Batch, tokens: list[Token], i: int) -> bool:
        """Token ``i`` is a misread second copy of the word before it ("khuynh hướng hưởng bảo thủ", "do đo trời
        mưa"): one cheap confusion away from it (at most ``doubled_misread_cost``), a word the corpora write often
        (``doubled_lm_count``) and almost never twice in a row nor before the token as printed (at most
        ``doubled_misread_share`` of its uses each: "hướng hướng" 8 times in 5705, from "định hướng hướng dẫn"; the
        pair as printed, at most ``doubled_misread_pair_max`` times in all: "này nay" 18, "thể thế" 26), the
        pair as printed not written again in the batch, and the word after written after the word before more often
        than after the token in the corpora."""
        prev, tok = tokens[i - 1], tokens[i]
        if not prev.text.islower() or i + 1 >= len(tokens) or not tokens[i + 1].linked:
            return False
        left, key, right = key_of(prev.text), key_of(tok.text), key_of(tokens[i + 1].text)
        uses = self.lm.count(left)
        rare = DOUBLED_MISREAD_SHARE * uses
        if (left == key or uses < DOUBLED_LM_COUNT or self.lm.count(left, key) > min(rare, DOUBLED_MISREAD_PAIR_MAX)
                or self.lm.count(left, left) > rare or batch.bigrams.get((left, key), 0) > 1
                or self.lm.count(key, right) >= self.lm.count(left, right)):
            return False  # (the word after reads on from the word before more often than from the token: not "tốc
            # độ đô thị", "hiện tượng tương tự")
        return any(cand == left and cost <= DOUBLED_MISREAD_COST
                   for cand, cost in self._candidates.vietnamese(tok.text, damaged=key not in self._res.lexicon.unigrams))

    def _never_doubled_in_corpora(self, key: str, tokens: list[Token], i: int) -> bool:
        """A word the language model's corpora write often and never twice in a row ("tập": 9967 times, "tập
        tập" never; "dần dần", "người người", "nhà nhà" are written): a reduplication no author makes, unless
        another doubled word stands beside it ("hoa hoa lá lá", "đi đi lại lại") or a name follows (the second
        one its common noun: "tiểu tư xã xã Hữu Triều")."""
        def doubled(j: int) -> bool:
            return 0 < j < len(tokens) and tokens[j].linked and tokens[j].text == tokens[j - 1].text
        named = i + 1 < len(tokens) and tokens[i + 1].linked and tokens[i + 1].text[0].isupper()
        if not (self.lm.count(key) >= DOUBLED_LM_COUNT and self.lm.count(key, key) == 0
                and not named and not doubled(i - 2) and not doubled(i + 2)):
            return False
        # the first copy ends one compound and the second starts another ("hợp tác xã xã viên", "xe xe máy")
        before = key_of(tokens[i - 2].text) if i > 1 and tokens[i - 1].linked else None
        after = key_of(tokens[i + 1].text) if i + 1 < len(tokens) and tokens[i + 1].linked else None
        return not all(left is not None and right is not None and (
            self.lm.count(left, right) >= DOUBLED_COMPOUND_COUNT or self._dictionary_pair(left, right))
            for left, right in ((before, key), (key, after)))

    def _dictionary_pair(self, left: str, right: str) -> bool:
        """Two words that the lexicon says belong together (a frequent bigram, dictionary words included)."""
        return self._res.lexicon.bigrams.get((key_of(left), key_of(right)), 0.0) >= STRONG_PAIR

    def _strong_pair(self, batch: _Batch, left: str, right: str) -> bool:
        """Two words that belong together: a dictionary pair or a bigram the batch writes at least twice."""
        return self._dictionary_pair(left, right) or batch.bigrams.get((key_of(left), key_of(right)), 0) >= 2


@lru_cache(maxsize=1)
def _never_doubled() -> frozenset[str]:
    """Function words whose doubling is a slip (data/doubling.tsv)."""
    return frozenset(key_of(row.word) for row in read_table(DATA_DIR / "doubling.tsv", ("word", "example?")))


