"""OCR post-correction of one clean text: a noisy-channel choice between each token and its confusable words.

For a token w and each candidate c reachable through the confusion model, the score is
log P(w | c) + log P(c | left neighbour) + log P(right neighbour | c), with a Witten-Bell bigram model whose
counts are the lexicon's (corpus + dictionary words) plus the batch's own (``CorpusStats``, the token itself
left out). The posterior of the best candidate among {w} + candidates is the edit's score, applied at or above
``threshold``. Names are corrected only towards a foreign name the batch uses often.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline.correct.confusion import ConfusionTable, default_table, glyph_variants
from pipeline.correct.lexicon import Lexicon, key_of, load_lexicon, skeleton
from pipeline.correct.stats import CorpusStats
from pipeline.correct.syllable import classify_token, split_tone
from pipeline.correct.tokens import Token, tokenize
from pipeline.document import CleanEdit
from pipeline.normalize.tone import restyle_word

DEFAULT_THRESHOLD = 0.6
MIN_SUGGESTION = 0.2  # candidates below this posterior are not worth showing to a reader
ERROR_LOG_PRIOR = 4.6  # -log P(a given token is misread): about one OCR error per 100 words
LM_WEIGHT = 1.0  # the bigram model is sparse and over-confident: its log-probabilities are tempered
NONWORD_MAX_COST = 9.0
REALWORD_MAX_COST = 7.5
WELL_SUPPORTED = 20.0  # lexicon bigram count above which a known word is taken as right without search
# log P(the printed token is what the author wrote) for tokens outside the lexicon, by spelling class.
UNKNOWN_LOG_PRIOR = {"vi": -3.0, "damage": -12.0}
NAME_CAPITAL_PENALTY = 2.0  # in nats, against correcting a capitalized word inside a sentence
NAME_NOVEL_PSEUDO = 0.1  # weight of "a new name used once" against a frequent look-alike name
NAME_MIN_COUNT = 2  # a name must occur this often in the batch to attract corrections
NAME_MAX_COST = 5.0
NAME_MIN_LENGTH = 4
NUMBER_SCORE = 0.75  # a glued day-month before a year ("123-1921") with exactly one valid reading
_GLUED_DATE = re.compile(r"^(\d{3})-(\d{4})$")


@dataclass(frozen=True)
class _Resources:
    lexicon: Lexicon
    table: ConfusionTable
    skeletons: dict[str, tuple[str, ...]]
    continuations: dict[str, tuple[float, int]]  # key -> (bigram count as left word, distinct right words)


@lru_cache(maxsize=1)
def _resources() -> _Resources:
    """Lexicon, confusion table and indexes, loaded once per process (each worker loads its own)."""
    lexicon = load_lexicon()
    index: dict[str, list[str]] = {}
    for syllable in lexicon.unigrams:
        index.setdefault(skeleton(syllable), []).append(syllable)
    return _Resources(lexicon, default_table(), {k: tuple(v) for k, v in index.items()},
                      _continuations(lexicon.bigrams))


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
        self.unigrams: Counter[str] = Counter()
        capitalized: Counter[str] = Counter()
        for surface, n in stats.tokens.items():
            if surface[0].isalpha():
                self.unigrams[key_of(surface)] += n
        for surface, n in stats.names.items():
            capitalized[key_of(surface)] += n
        self.capitalized = {k for k, n in capitalized.items() if 2 * n > self.unigrams[k]}
        self.bigrams = stats.bigrams
        extra = _continuations(dict(stats.bigrams))
        self.continuations = dict(lexicon_continuations)
        for key, (total, distinct) in extra.items():
            base = self.continuations.get(key, (0.0, 0))
            self.continuations[key] = (base[0] + total, base[1] + distinct)
        self.names = {n: c for n, c in stats.tokens.items()
                      if c >= NAME_MIN_COUNT and n[0].isupper() and classify_token(n) == "foreign"}
        self.name_deletes: dict[str, list[str]] = {}
        for name in self.names:
            for variant in _deletes(name) | {name}:
                self.name_deletes.setdefault(variant, []).append(name)


def _name_like(tok: Token) -> bool:
    return tok.text[0].isupper() and not tok.initial


def _same_register(neighbour: Token, tok: Token) -> bool:
    """A neighbour is context only if both or neither look like names: "sông Nhị" says nothing about "sông"."""
    return _name_like(neighbour) == _name_like(tok) or neighbour.initial or not tok.text[0].isupper()


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _case_like(word: str, model: str, initial: bool) -> str:
    """``word`` with the capitalization of ``model`` (lower, Title or UPPER); "Iưu" reads as "lưu" mid-sentence."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper() and (initial or not (model[0] == "I" and word[:1] in "lL")):
        return word[:1].upper() + word[1:]
    return word


class Corrector:
    """Proposes OCR corrections for one text at a time, using batch statistics when given."""

    def __init__(self, stats: CorpusStats | None = None, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self.stats = stats
        self._res = _resources()
        self._candidate_cache: dict[tuple[str, bool], list[tuple[str, float]]] = {}
        self._batch = _Batch(stats, self._res.continuations) if stats is not None else None

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
                n -= 1 if own in (a, b) else 0
            elif batch.unigrams.get(a, 0) < 2 or batch.unigrams.get(b, 0) < 2:
                n = 0
        return count + max(n, 0)

    def _p_next(self, batch: _Batch, left: str, right: str, own: str | None, held_out: float) -> float:
        """Witten-Bell P(right | left)."""
        total, distinct = batch.continuations.get(left, (0.0, 0))
        p_uni = self._p_uni(batch, right, held_out if right == own else 0.0)
        if distinct == 0:
            return p_uni
        return (self._bi(batch, left, right, own) + distinct * p_uni) / (total + distinct)

    def _log_lm(self, batch: _Batch, prev: str | None, key: str, nxt: str | None, own: bool) -> float:
        """log P(key | prev) + log P(nxt | key); ``own`` leaves this occurrence out of the batch counts."""
        owner = key if own else None
        loo = 1.0 if own else 0.0
        score = math.log(self._p_next(batch, prev, key, owner, loo) if prev else self._p_uni(batch, key, loo))
        if nxt is not None:
            score += math.log(self._p_next(batch, key, nxt, owner, 0.0))
        return LM_WEIGHT * score

    def _has_bigram(self, batch: _Batch, prev: str | None, key: str, nxt: str | None) -> bool:
        """Cheap test that ``key`` has any bigram with a neighbour (most candidates have none)."""
        lex = self._res.lexicon.bigrams
        return (prev is not None and ((prev, key) in lex or (prev, key) in batch.bigrams)) or (
            nxt is not None and ((key, nxt) in lex or (key, nxt) in batch.bigrams))

    def _support(self, batch: _Batch, prev: str | None, key: str, nxt: str | None, own: bool) -> float:
        owner = key if own else None
        left = self._bi(batch, prev, key, owner) if prev is not None else 0.0
        right = self._bi(batch, key, nxt, owner) if nxt is not None else 0.0
        return left + right

    # --- candidates ---------------------------------------------------------------------------------------
    def _vi_candidates(self, surface: str, damaged: bool) -> list[tuple[str, float]]:
        """Lexicon syllables (keys) reachable from ``surface`` with their channel cost, cheapest first."""
        cache_key = (surface, damaged)
        cached = self._candidate_cache.get(cache_key)
        if cached is not None:
            return cached
        table = self._res.table
        toneless, tones = split_tone(surface)
        extra = table.single.get("extra_tone", 1.0) * max(len(tones) - 1, 0)
        tone_options = set(tones) or {0}
        max_cost = NONWORD_MAX_COST if damaged else REALWORD_MAX_COST
        own = key_of(surface)
        variants = glyph_variants(toneless, table, depth=2 if damaged else 1, max_cost=max_cost)
        if damaged:
            edit = table.single.get("edit", math.inf)
            for form in _single_edits(toneless.lower()):
                variants.setdefault(form, edit)
        best: dict[str, float] = {}
        for variant, glyph_cost in variants.items():
            lower = variant.lower()
            for cand in self._res.skeletons.get(skeleton(lower), ()):
                if cand == own:
                    continue
                cand_toneless, cand_tones = split_tone(cand)
                mark = table.mark_cost(lower, cand_toneless)
                if mark == math.inf:
                    continue
                intended_tone = cand_tones[0] if cand_tones else 0
                tone = min(table.tone_cost(t, intended_tone) for t in tone_options)
                cost = glyph_cost + mark + tone + extra
                if cost <= max_cost and cost < best.get(cand, math.inf):
                    best[cand] = cost
        result = sorted(best.items(), key=lambda kv: kv[1])
        self._candidate_cache[cache_key] = result
        return result

    def _split_candidates(self, surface: str) -> list[tuple[str, str]]:
        """Two lexicon syllables whose concatenation is ``surface`` (a lost space)."""
        out = []
        for i in range(1, len(surface)):
            left, right = key_of(surface[:i]), key_of(surface[i:])
            if left in self._res.lexicon.unigrams and right in self._res.lexicon.unigrams:
                out.append((left, right))
        return out

    # --- decisions ----------------------------------------------------------------------------------------
    @staticmethod
    def _posterior(own_score: float, scored: list[tuple[str, float]]) -> tuple[str, float] | None:
        if not scored:
            return None
        best, best_score = max(scored, key=lambda kv: kv[1])
        top = max(own_score, best_score)
        norm = math.exp(own_score - top) + sum(math.exp(s - top) for _, s in scored)
        return best, math.exp(best_score - top) / norm

    def _decide_vi(self, batch: _Batch, tok: Token, cls: str, prev: str | None,
                   nxt: str | None) -> tuple[str, float, str] | None:
        """Best (candidate key, posterior, kind) for a Vietnamese-looking token."""
        surface = tok.text
        key = key_of(surface)
        name_like = surface[0].isupper() and not tok.initial
        if cls == "vi" and key in self._res.lexicon.unigrams:
            own = self._log_lm(batch, prev, key, nxt, own=True)
            support = self._support(batch, prev, key, nxt, own=True)
            scored = [
                (cand, self._log_lm(batch, prev, cand, nxt, own=False) - cost - ERROR_LOG_PRIOR
                 - self._name_penalty(batch, cand, name_like))
                for cand, cost in self._vi_candidates(surface, damaged=False)
                if self._has_bigram(batch, prev, cand, nxt) and self._support(batch, prev, cand, nxt, own=False) > support
            ]
            kind = "ocr_realword"
        else:
            own = UNKNOWN_LOG_PRIOR.get(cls, UNKNOWN_LOG_PRIOR["damage"]) + math.log(self._p_uni(batch, key, 1.0))
            scored = [
                (cand, self._log_lm(batch, prev, cand, nxt, own=False) - cost - self._name_penalty(batch, cand, name_like))
                for cand, cost in self._vi_candidates(surface, damaged=True)
            ]
            kind = "ocr_nonword"
            split_cost = self._res.table.single.get("split", math.inf)
            for left, right in self._split_candidates(surface):
                score = (self._log_lm(batch, prev, left, right, own=False)
                         + self._log_lm(batch, None, right, nxt, own=False)
                         - math.log(self._p_uni(batch, right)))
                scored.append((f"{left} {right}", score - split_cost - self._name_penalty(batch, left, name_like)))
        decision = self._posterior(own, scored)
        if decision is None:
            return None
        cand, prob = decision
        return cand, prob, "spacing" if " " in cand else kind

    @staticmethod
    def _name_penalty(batch: _Batch, cand: str, name_like: bool) -> float:
        """A capitalized word inside a sentence may be a name: ask for more evidence, unless the batch
        capitalizes the candidate too ("Chỉnh phủ" -> "Chính phủ")."""
        return NAME_CAPITAL_PENALTY if name_like and cand not in batch.capitalized else 0.0

    def _decide_name(self, batch: _Batch, surface: str) -> tuple[str, float] | None:
        """A frequent foreign name of the batch one confusion away from a rare ``surface``."""
        own_count = batch.stats.tokens.get(surface, 0)
        if own_count > 1:
            return None
        table = self._res.table
        costs: dict[str, float] = {}
        for variant, cost in glyph_variants(surface, table, depth=1, max_cost=NAME_MAX_COST).items():
            if variant != surface and variant in batch.names:
                costs[variant] = cost
        edit = table.single.get("edit", math.inf)
        for variant in _deletes(surface) | {surface}:
            for name in batch.name_deletes.get(variant, ()):
                if name.lower() != surface.lower():
                    costs[name] = min(costs.get(name, math.inf), edit)
        scored = [(name, math.log(batch.names[name]) - cost) for name, cost in costs.items() if cost <= NAME_MAX_COST]
        return self._posterior(math.log(max(own_count - 1, 0) + NAME_NOVEL_PSEUDO), scored)

    @staticmethod
    def _decide_number(surface: str) -> str | None:
        """'123-1921' -> '12-3-1921' when exactly one split of the first part is a valid day-month."""
        match = _GLUED_DATE.match(surface)
        if not match or not 1000 <= int(match[2]) <= 2100:
            return None
        digits = match[1]
        readings = [
            f"{int(digits[:i])}-{int(digits[i:])}-{match[2]}"
            for i in (1, 2)
            if 1 <= int(digits[:i]) <= 31 and 1 <= int(digits[i:]) <= 12 and digits[i] != "0"
        ]
        return readings[0] if len(readings) == 1 else None

    def _well_supported(self, i: int, tokens: list[Token], keys: list[str | None]) -> bool:
        """True when a known word forms a frequent bigram with a neighbour: nothing to check (the fast path)."""
        bigrams = self._res.lexicon.bigrams
        key = keys[i]
        if tokens[i].linked and i > 0 and keys[i - 1] is not None:
            if bigrams.get((keys[i - 1], key), 0.0) >= WELL_SUPPORTED:
                return True
        if i + 1 < len(tokens) and tokens[i + 1].linked and keys[i + 1] is not None:
            if bigrams.get((key, keys[i + 1]), 0.0) >= WELL_SUPPORTED:
                return True
        return False

    def _decide(self, batch: _Batch, tokens: list[Token], keys: list[str | None], i: int) -> tuple[str, float, str] | None:
        """(correction as written, posterior, kind) for token ``i``, or None."""
        tok = tokens[i]
        surface = tok.text
        cls = classify_token(surface)
        if cls == "number":
            fixed = self._decide_number(surface)
            return (fixed, NUMBER_SCORE, "number") if fixed else None
        if cls == "vi" and keys[i] in self._res.lexicon.unigrams and self._well_supported(i, tokens, keys):
            return None
        if surface.isupper() or len(surface) < NAME_MIN_LENGTH:
            if cls == "foreign":
                return None  # "VIII", "Km": abbreviations and numerals are nobody's misspelt name
        elif cls == "foreign" or (cls == "damage" and surface[0].isupper() and not tok.initial):
            named = self._decide_name(batch, surface)
            if named or cls == "foreign":
                return (named[0], named[1], "name") if named else None
        prev = keys[i - 1] if tok.linked and i > 0 and _same_register(tokens[i - 1], tok) else None
        nxt = keys[i + 1] if i + 1 < len(tokens) and tokens[i + 1].linked and _same_register(tokens[i + 1], tok) else None
        return self._decide_vi(batch, tok, cls, prev, nxt)

    @staticmethod
    def _written(batch: _Batch, cand: str, tok: Token, after_capital: bool, tone_style: str) -> str:
        """The candidate as the document writes it: tone placement, case, and names inside a name ("Phần Lan")."""
        word = " ".join(restyle_word(w, tone_style) for w in cand.split(" "))
        if after_capital and cand in batch.capitalized:
            word = word[:1].upper() + word[1:]
        return _case_like(word, tok.text, tok.initial)

    def correct(self, text: str, tone_style: str = "hòa") -> list[CleanEdit]:
        """Edits (clean offsets, applied and suggested) for the OCR errors found in ``text``."""
        batch = self._batch or _Batch(CorpusStats.from_text(text), self._res.continuations)
        tokens = list(tokenize(text))
        keys = [key_of(t.text) if t.text[0].isalpha() else None for t in tokens]
        decisions = {}
        for i in range(len(tokens)):
            found = self._decide(batch, tokens, keys, i)
            if found and found[1] >= MIN_SUGGESTION:
                decisions[i] = found
        # Second look at neighbouring corrections, each now seeing the other's corrected form.
        corrected_keys = list(keys)
        for i, (cand, prob, kind) in decisions.items():
            if prob >= self.threshold and kind.startswith("ocr_") and " " not in cand:
                corrected_keys[i] = cand
        for i in [i for i in decisions if i - 1 in decisions or i + 1 in decisions]:
            if decisions[i][2].startswith("ocr_"):
                saved, corrected_keys[i] = corrected_keys[i], keys[i]
                again = self._decide(batch, tokens, corrected_keys, i)
                corrected_keys[i] = saved
                if again is None or again[1] < MIN_SUGGESTION:
                    del decisions[i]
                else:
                    decisions[i] = again
        edits = []
        for i, (cand, prob, kind) in sorted(decisions.items()):
            tok = tokens[i]
            after_capital = tok.linked and i > 0 and tokens[i - 1].text[:1].isupper()
            if kind in ("name", "number"):
                written = cand
            elif kind == "spacing":  # the letters stay as printed: "họLý" -> "họ Lý"
                cut = len(cand.split(" ")[0])
                written = tok.text[:cut] + " " + tok.text[cut:]
            else:
                written = self._written(batch, cand, tok, after_capital, tone_style)
            if written != tok.text:
                score = round(prob, 4)
                edits.append(CleanEdit(tok.start, tok.end, written, kind, score, score >= self.threshold))
        return edits


def _single_edits(word: str) -> set[str]:
    """Every string one letter deletion, insertion or substitution away (letters of Vietnamese spelling)."""
    letters = "abcdeghiklmnopqrstuvxyđ"
    out = _deletes(word)
    for i in range(len(word) + 1):
        for c in letters:
            out.add(word[:i] + c + word[i:])
            if i < len(word):
                out.add(word[:i] + c + word[i + 1:])
    return out
