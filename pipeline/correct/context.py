"""A wide-context model of confusable words: which of two confusable syllables a context wants.

Real-word OCR errors ("cùng" printed for "cũng", "phải đoàn" for "phái đoàn") are valid syllables in the wrong
place; the trigram model often prefers the right word by too little to outweigh the prior against an error. This
model reads more: for a word x at a position it sums hashed weights of Golding and Roth's context-word and
collocation features, each paired with x:

- x alone (how often x wins against its confusables, wherever it stands);
- x with the word at each offset -3..-1, +1..+3 (a clause edge reads as ``<s>``, beyond it nothing);
- x with its left pair (l2 l1), its right pair (r1 r2), and the two words around it (l1 _ r1);
- x with every word within ``BAG`` words on either side (a bag: the topic of the clause).

``gain(context, own, candidate)`` is score(candidate) - score(own): the log-odds that the context wants the
candidate rather than the word printed, with the two equally likely a priori (the channel cost and the prior of an
error are the decision's). The weights are trained (``build_context``, ``python -m pipeline build-context``) on
running text where each word of the lexicon that has confusables stands against one of them (the confusion model's
own real-word candidates, cheap confusions drawn most): logistic loss on score(written) - score(confusable),
AdaGrad over hashed buckets, stored as int8 steps with one scale and a JSON header (about 3 MB for 2^22 buckets).

Not shipped (issue 10, fifth session): built from ../shared/corpora (every 40th document held out, as the
shipped trigram model) and used in the corrector's real-word decision, as a calibration feature and added to the
candidates' scores, it moved the development pages by -3 to +3 fixes and -1 to +3 false ones, never better on
both page sets at once (BENCHMARKS.md);
``bench/context_gain.py`` measures a model file on the development sets. A model built from Wikipedia text
carries its licence (CC BY-SA 3.0, see data/lm/LICENSE.md) wherever it is shared.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.correct.lm import BOS, NUM
from pipeline.vi.tokens import Token

OFFSETS = 3  # words on each side read by position
BAG = 6  # words on each side read as a bag
# Feature templates (the number mixed into the hash): the word alone, a word at an offset, the three pairs, the bag.
T_BIAS, T_LEFT_PAIR, T_RIGHT_PAIR, T_AROUND, T_BAG = 1, 2, 3, 4, 5
T_OFFSET = 10  # + offset (7..13)
_M64 = (1 << 64) - 1
# Absent features go to bucket 0, which training keeps at 0; a real feature never hashes there.
_P = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


@lru_cache(maxsize=200_000)
def word_hash(key: str) -> int:
    """A stable 32-bit hash of a syllable key (CRC-32 of its UTF-8 bytes), never 0."""
    return zlib.crc32(key.encode("utf-8")) | 1


def _mix(x: int, template: int, a: int, b: int, shift: int) -> int:
    """The bucket of feature (template, a, b) paired with word hash ``x`` (Python integers, as ``_mix_np``)."""
    h = (x * _P[0] + template * _P[1] + a * _P[2] + b * _P[3]) & _M64
    h ^= h >> 29
    h = (h * _P[0]) & _M64
    return (h >> shift) or 1


def _mix_np(x: np.ndarray, template: int, a: np.ndarray | int, b: np.ndarray | int, shift: int) -> np.ndarray:
    """``_mix`` over arrays of uint64 (multiplication wraps modulo 2^64 as in ``_mix``)."""
    with np.errstate(over="ignore"):
        h = (x * np.uint64(_P[0]) + np.uint64(template) * np.uint64(_P[1]) + np.asarray(a, np.uint64) * np.uint64(_P[2])
             + np.asarray(b, np.uint64) * np.uint64(_P[3]))
        h ^= h >> np.uint64(29)
        h = h * np.uint64(_P[0])
    out = h >> np.uint64(shift)
    out[out == 0] = 1
    return out


def context_hashes(left: Sequence[str], right: Sequence[str]) -> tuple[tuple[int, int, int], ...]:
    """The (template, a, b) triples of a position's context, before they are paired with a word. ``left`` holds
    the words before it nearest first, ``right`` those after it, each list ending with ``<s>`` where the clause
    ends within ``BAG`` words (numbers as ``<num>``)."""
    lh = [word_hash(w) for w in left[:BAG]]
    rh = [word_hash(w) for w in right[:BAG]]
    out: list[tuple[int, int, int]] = [(T_BIAS, 0, 0)]
    for k, h in enumerate(lh[:OFFSETS], 1):
        out.append((T_OFFSET - k, h, 0))
    for k, h in enumerate(rh[:OFFSETS], 1):
        out.append((T_OFFSET + k, h, 0))
    if len(lh) >= 2:
        out.append((T_LEFT_PAIR, lh[1], lh[0]))
    if len(rh) >= 2:
        out.append((T_RIGHT_PAIR, rh[0], rh[1]))
    if lh and rh:
        out.append((T_AROUND, lh[0], rh[0]))
    out += [(T_BAG, h, 0) for h in lh + rh]
    return tuple(out)


@dataclass(frozen=True)
class ContextModel:
    """Hashed weights (``2 ** bits`` buckets) of the features of a word in context."""

    weights: np.ndarray  # float32 at run time
    bits: int

    def scores(self, context: tuple[tuple[int, int, int], ...], words: Sequence[str]) -> np.ndarray:
        """The score of each word at a position (``_mix`` over every feature, for all words at once)."""
        parts = np.asarray([(t * _P[1] + a * _P[2] + b * _P[3]) & _M64 for t, a, b in context], np.uint64)
        x = np.asarray([word_hash(w) for w in words], np.uint64)[:, None]
        with np.errstate(over="ignore"):
            h = x * np.uint64(_P[0]) + parts[None, :]
            h ^= h >> np.uint64(29)
            h = h * np.uint64(_P[0])
        buckets = h >> np.uint64(64 - self.bits)
        buckets[buckets == 0] = 1
        return self.weights[buckets].sum(axis=1)

    def score(self, context: tuple[tuple[int, int, int], ...], word: str) -> float:
        return float(self.scores(context, [word])[0])

    def gains(self, context: tuple[tuple[int, int, int], ...], own: str, candidates: Sequence[str]) -> list[float]:
        """Log-odds that the context wants each candidate rather than ``own`` (equal priors)."""
        s = self.scores(context, [own, *candidates])
        return [float(v) for v in s[1:] - s[0]]

    def gain(self, context: tuple[tuple[int, int, int], ...], own: str, candidate: str) -> float:
        return self.gains(context, own, [candidate])[0]


def load_context(path: Path) -> ContextModel:
    """A model written by ``save_context`` (``build-context``); fails on any other file."""
    with np.load(path) as data:
        meta = json.loads(bytes(data["meta"]).decode())
        weights = data["weights"].astype(np.float32) * np.float32(meta.get("scale", 1.0))
    if meta.get("format") != "context-1" or weights.shape != (1 << int(meta["bits"]),):
        raise ValueError(f"{path}: not a context model written by build-context")
    return ContextModel(weights, int(meta["bits"]))


def token_context(tokens: Sequence[Token], keys: Sequence[str | None], i: int) -> tuple[tuple[int, int, int], ...]:
    """The context triples of token ``i`` of a text (``keys``: token_keys, None for numbers); a clause ends where
    something other than spaces separates two tokens (``Token.linked``)."""
    left: list[str] = []
    j = i
    while len(left) < BAG:
        if j == 0 or not tokens[j].linked:
            left.append(BOS)
            break
        j -= 1
        left.append(keys[j] or NUM)
    right: list[str] = []
    j = i + 1
    while len(right) < BAG:
        if j >= len(keys) or not tokens[j].linked:
            right.append(BOS)
            break
        right.append(keys[j] or NUM)
        j += 1
    return context_hashes(left, right)


# --- building -------------------------------------------------------------------------------------------------

N_FEATURES = 1 + 2 * OFFSETS + 3 + 2 * BAG


def stream_features(ids: np.ndarray, positions: np.ndarray, word: np.ndarray, hashes: np.ndarray,
                    shift: int) -> np.ndarray:
    """(len(positions), N_FEATURES) buckets of the features of word ids ``word`` standing at ``positions`` of a
    stream of syllable ids (id 0 = ``<s>`` before each clause, ``hashes`` = word_hash of each id); absent
    features are bucket 0. The same triples as ``token_context``."""
    n = len(ids)
    x = hashes[word]
    cols: list[np.ndarray] = [_mix_np(x, T_BIAS, 0, 0, shift)]
    ctx: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # offset -> (hash, present)
    for side in (-1, 1):
        open_ = np.ones(len(positions), bool)  # no clause edge met yet
        for k in range(1, BAG + 1):
            at = positions + side * k
            inside = (at >= 0) & (at < n)
            idv = np.where(inside, ids[np.clip(at, 0, n - 1)], 0)  # past the stream's ends: <s>
            present = open_.copy()
            ctx[side * k] = (hashes[idv], present)
            open_ &= idv != 0
    for k in range(1, OFFSETS + 1):
        for side in (-1, 1):
            h, present = ctx[side * k]
            cols.append(np.where(present, _mix_np(x, T_OFFSET + side * k, h, 0, shift), 0))
    (l1, p_l1), (l2, p_l2) = ctx[-1], ctx[-2]
    (r1, p_r1), (r2, p_r2) = ctx[1], ctx[2]
    cols.append(np.where(p_l2, _mix_np(x, T_LEFT_PAIR, l2, l1, shift), 0))
    cols.append(np.where(p_r2, _mix_np(x, T_RIGHT_PAIR, r1, r2, shift), 0))
    cols.append(np.where(p_l1 & p_r1, _mix_np(x, T_AROUND, l1, r1, shift), 0))
    for k in range(1, BAG + 1):
        for side in (-1, 1):
            h, present = ctx[side * k]
            cols.append(np.where(present, _mix_np(x, T_BAG, h, 0, shift), 0))
    return np.stack(cols, axis=1).astype(np.int64)


@dataclass
class Confusables:
    """For each syllable id of a stream, the ids of its confusable syllables (CSR: ``start``, ``count``, ``flat``)
    and how often training draws each (``weight``: exp(-channel cost / COST_TEMPERATURE), cheap confusions most)."""

    start: np.ndarray
    count: np.ndarray
    flat: np.ndarray
    weight: np.ndarray

    def draw(self, own: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One confusable id for each id of ``own`` (each must have some), drawn by weight."""
        cum = np.cumsum(self.weight)
        first = self.start[own]
        base = np.where(first > 0, cum[np.maximum(first - 1, 0)], 0.0)
        total = cum[first + self.count[own] - 1] - base
        pick = np.searchsorted(cum, base + rng.random(len(own)) * total, side="right")
        return self.flat[np.minimum(pick, first + self.count[own] - 1)]


COST_TEMPERATURE = 2.0  # nats: a confusion 2 nats dearer is drawn e times less often


def confusables(vocab: list[str], candidates: Callable[[str], list[tuple[str, float]]]) -> Confusables:
    """The confusion model's real-word candidates (key, channel cost) of every syllable of ``vocab`` that are in
    ``vocab``."""
    index = {w: i for i, w in enumerate(vocab)}
    start = np.zeros(len(vocab), np.int64)
    count = np.zeros(len(vocab), np.int64)
    flat: list[int] = []
    weight: list[float] = []
    for i, word in enumerate(vocab):
        found = {}
        for cand, cost in (candidates(word) if i > 1 else []):
            if cand in index and cand != word:
                found[index[cand]] = min(cost, found.get(index[cand], np.inf))
        start[i], count[i] = len(flat), len(found)
        flat += list(found)
        weight += [float(np.exp(-c / COST_TEMPERATURE)) for c in found.values()]
    return Confusables(start, count, np.asarray(flat, np.int64), np.asarray(weight, np.float64))


def train(ids: np.ndarray, vocab: list[str], conf: Confusables, bits: int = 22, epochs: int = 1,
          rate: float = 0.05, batch: int = 4096, chunk: int = 400_000, seed: int = 0,
          progress: Callable[[str], None] | None = None) -> np.ndarray:
    """Weights (float32, 2 ** bits) trained by AdaGrad on logistic loss of score(written) - score(confusable)
    over every position of ``ids`` whose word has confusables, one confusable drawn by weight each epoch."""
    rng = np.random.default_rng(seed)
    hashes = np.asarray([word_hash(w) for w in vocab], np.uint64)
    shift = 64 - bits
    size = 1 << bits
    w = np.zeros(size, np.float32)
    g2 = np.full(size, 1e-3, np.float32)
    where = np.flatnonzero(conf.count[ids] > 0)
    seen = 0
    loss_sum = 0.0
    for epoch in range(epochs):
        order = where[rng.permutation(len(where))]
        for c0 in range(0, len(order), chunk):
            pos = np.sort(order[c0:c0 + chunk])
            own = ids[pos]
            other = conf.draw(own, rng)
            ft = stream_features(ids, pos, own, hashes, shift)
            fc = stream_features(ids, pos, other, hashes, shift)
            shuffle = rng.permutation(len(pos))
            ft, fc = ft[shuffle], fc[shuffle]
            for b0 in range(0, len(pos), batch):
                bt, bc = ft[b0:b0 + batch], fc[b0:b0 + batch]
                d = w[bt].sum(1) - w[bc].sum(1)
                p = 1.0 / (1.0 + np.exp(-np.clip(d, -30, 30)))
                loss_sum += float(np.logaddexp(0, -d).sum())
                g = (p - 1.0).astype(np.float32)  # d loss / d d
                grad = (np.bincount(bt.ravel(), np.repeat(g, bt.shape[1]), size)
                        - np.bincount(bc.ravel(), np.repeat(g, bc.shape[1]), size)).astype(np.float32)
                touched = np.flatnonzero(grad)
                gt = grad[touched]
                g2[touched] += gt * gt
                w[touched] -= rate * gt / np.sqrt(g2[touched])
                w[0] = 0.0
            seen += len(pos)
            if progress:
                progress(f"epoch {epoch + 1}: {seen:,} examples, mean loss {loss_sum / seen:.4f}")
    return w


def pairwise_accuracy(w: np.ndarray, bits: int, ids: np.ndarray, vocab: list[str], conf: Confusables,
                      limit: int = 200_000, seed: int = 1) -> tuple[float, float]:
    """(accuracy, mean log loss) of written-over-confusable on up to ``limit`` positions of ``ids``."""
    rng = np.random.default_rng(seed)
    hashes = np.asarray([word_hash(v) for v in vocab], np.uint64)
    where = np.flatnonzero(conf.count[ids] > 0)
    pos = np.sort(rng.choice(where, min(limit, len(where)), replace=False))
    own = ids[pos]
    other = conf.draw(own, rng)
    d = w[stream_features(ids, pos, own, hashes, 64 - bits)].sum(1) - w[
        stream_features(ids, pos, other, hashes, 64 - bits)].sum(1)
    return float((d > 0).mean()), float(np.logaddexp(0, -d).mean())


def save_context(weights: np.ndarray, bits: int, path: Path, meta: dict) -> None:
    """Write the weights as int8 steps of ``scale`` (the largest weight over 127) and a JSON header (``format``,
    ``bits``, ``scale`` and what it was built from)."""
    scale = float(np.abs(weights).max()) / 127 or 1.0
    steps = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8)
    header = json.dumps({"format": "context-1", "bits": bits, "scale": scale, **meta}, ensure_ascii=False).encode()
    with open(path, "wb") as fh:
        np.savez_compressed(fh, weights=steps, meta=np.frombuffer(header, np.uint8))


def build_context(files: list[Path], output: Path, bits: int = 22, epochs: int = 2, hold_out: int = 0,
                  progress: Callable[[str], None] | None = None) -> dict:
    """Read the corpus (``lm.read_stream``: Vietnamese lines, every ``hold_out``-th document left out), train the
    weights against the corrector's own real-word candidates (channel model and letter edits), write them to
    ``output``; returns the header written."""
    from pipeline.correct.corrector import (
        Corrector,  # the corrector imports this module
    )
    from pipeline.correct.lm import read_stream

    stream = read_stream(files, progress=False, hold_out=hold_out)
    corrector = Corrector()
    generator, lexicon = corrector._candidates, corrector._res.lexicon.unigrams

    def candidates(word: str) -> list[tuple[str, float]]:
        if word not in lexicon:
            return []
        return [(c.key, c.cost) for c in generator.vietnamese(word, damaged=False) + generator.letter_edits(word)]

    ids = stream.ids
    conf = confusables(stream.vocab, candidates)
    weights = train(ids, stream.vocab, conf, bits=bits, epochs=epochs, progress=progress)
    meta = {"sources": [p.name for p in files], "hold_out": hold_out, "epochs": epochs,
            "positions": int((conf.count[ids] > 0).sum()), "offsets": OFFSETS, "bag": BAG}
    save_context(weights, bits, output, meta)
    return meta
