"""A syllable trigram language model of Vietnamese (interpolated Kneser-Ney), and the name lexicon beside it.

Built by ``python -m pipeline build-lm --corpus FILE_OR_DIR... -o FILE`` from running text (``.txt``,
``.txt.xz`` or ``.txt.gz``, one paragraph a line; a line ``# TITLE`` starts a document) and stored as one compressed
NumPy archive: the vocabulary, pruned n-gram counts with the continuation counts Kneser-Ney needs, and the
surface forms of names and foreign words with their frequencies. The shipped model (``data/lm/``) was built
from the corpora named in ``data/lm/LICENSE.md``; a user's own proofread pages give a second model that
``InterpolatedLM`` mixes in (``python -m pipeline run --lm FILE``).

Keys are the corrector's (``key_of``: lowercase, "hòa" tone placement); numbers read as ``<num>``, and a
sentence, a clause or a line starts with ``<s>``.
"""
from __future__ import annotations

import io
import json
import lzma
import gzip
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Protocol

import numpy as np

from pipeline.correct.lexicon import key_of
from pipeline.vi.syllable import is_vietnamese_syllable

LM_DIR = Path(__file__).parent / "data" / "lm"
SHIPPED_LM = LM_DIR / "vi_syllables.npz"
BOS, NUM = "<s>", "<num>"
BITS = 21  # bits of a syllable id in an n-gram key (vocabularies up to 2 M)
MASK = (1 << BITS) - 1
MIN_VIETNAMESE_SHARE = 0.8  # lines whose words are less Vietnamese than this are lists, references, verse in Hán
# A word, a number, or anything else (punctuation), which cuts the chain of neighbours.
_PIECE = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]")
UNKNOWN_FLOOR = 1e-7  # probability of a syllable the model has never seen
_NO_BIGRAM = (0, 0)
CACHE_SIZE = 200_000  # memoized probabilities per model (a text asks the same contexts again and again)


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8", errors="replace")


def corpus_files(sources: Iterable[str | Path]) -> list[Path]:
    """The text files named, or found below the folders named (``*.txt``, ``*.txt.xz``, ``*.txt.gz``)."""
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            files += sorted(p for p in source.rglob("*") if p.is_file()
                            and p.name.lower().endswith((".txt", ".txt.xz", ".txt.gz")))
        elif source.is_file():
            files.append(source)
        else:
            raise FileNotFoundError(f"{source}: no such file or folder")
    return files


def segments(line: str) -> Iterator[tuple[list[str], list[str]]]:
    """(keys, surfaces) of each run of words and numbers that punctuation does not cut."""
    keys: list[str] = []
    surfaces: list[str] = []
    for piece in _PIECE.findall(line):
        if piece[0].isalpha():
            keys.append(key_of(piece))
            surfaces.append(piece)
        elif piece[0].isdigit():
            keys.append(NUM)
            surfaces.append(piece)
        elif keys:
            yield keys, surfaces
            keys, surfaces = [], []
    if keys:
        yield keys, surfaces


def vietnamese_share(line: str) -> float:
    words = [w for w in _PIECE.findall(line) if w[0].isalpha()]
    if not words:
        return 0.0
    return sum(is_vietnamese_syllable(w.lower()) for w in words) / len(words)


# --- building -------------------------------------------------------------------------------------------------

@dataclass
class Counts:
    """Raw n-gram counts as sorted unique keys with counts (ids into ``vocab``), and surface-form counts."""

    vocab: list[str]
    keys: tuple[np.ndarray, np.ndarray, np.ndarray]  # unigram ids, bigram keys, trigram keys
    counts: tuple[np.ndarray, np.ndarray, np.ndarray]
    surfaces: Counter[str]  # names (capitalized inside a clause) and foreign words, as written
    n_lines: int
    n_tokens: int


def document_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(document index, line) of every text line of a corpus file; a line ``# TITLE`` starts a document."""
    document = -1
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("# "):
                document += 1
            else:
                yield document, line


def held_out(index: int, every: int) -> bool:
    """Whether the ``index``-th document of a corpus file is left out of the model (kept for evaluation)."""
    return every > 0 and index % every == every - 1


def count_corpus(files: list[Path], progress: bool = True, hold_out: int = 0) -> Counts:
    """Count unigrams, bigrams and trigrams of every Vietnamese line of ``files`` (lines under
    MIN_VIETNAMESE_SHARE of valid syllables are skipped); with ``hold_out`` N, every N-th document (``# TITLE``
    lines start one) is left out, so that clean text the model never saw can measure false corrections."""
    ids: dict[str, int] = {BOS: 0, NUM: 1}
    surfaces: Counter[str] = Counter()
    chunks: list[np.ndarray] = []
    buffer: list[int] = []
    n_lines = 0
    for path in files:
        for document, line in document_lines(path):
            if held_out(document, hold_out) or vietnamese_share(line) < MIN_VIETNAMESE_SHARE:
                continue
            n_lines += 1
            for keys, written in segments(line):
                buffer.append(0)
                for i, (key, surface) in enumerate(zip(keys, written)):
                    buffer.append(ids.setdefault(key, len(ids)))
                    if key != NUM and (i > 0 and surface[0].isupper() or not is_vietnamese_syllable(key)):
                        surfaces[surface] += 1
            if len(buffer) > 5_000_000:
                chunks.append(np.asarray(buffer, dtype=np.int64))
                buffer = []
                if progress:
                    print(f"  {path.name}: {n_lines:,} lines, {len(ids):,} syllables", flush=True)
    chunks.append(np.asarray(buffer, dtype=np.int64))
    stream = np.concatenate(chunks)
    n_tokens = int((stream != 0).sum())
    # n-grams never cross a segment start (<s> = 0) except as their first element
    uni = stream[stream != 0]
    a, b = stream[:-1], stream[1:]
    bi = (a << BITS | b)[b != 0]
    a3, b3, c3 = stream[:-2], stream[1:-1], stream[2:]
    tri = ((a3 << (2 * BITS)) | (b3 << BITS) | c3)[(b3 != 0) & (c3 != 0)]
    out_keys, out_counts = [], []
    for arr in (uni, bi, tri):
        k, c = np.unique(arr, return_counts=True)
        out_keys.append(k.astype(np.uint64))
        out_counts.append(c.astype(np.uint32))
    vocab = [""] * len(ids)
    for word, i in ids.items():
        vocab[i] = word
    return Counts(vocab, tuple(out_keys), tuple(out_counts), surfaces, n_lines, n_tokens)


def _discount(counts: np.ndarray) -> float:
    """Absolute discount D = n1 / (n1 + 2 n2) (Ney, Essen and Kneser)."""
    n1 = float((counts == 1).sum())
    n2 = float((counts == 2).sum())
    return n1 / (n1 + 2 * n2) if n1 + n2 else 0.75


def _group_sum(group: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum of ``values`` and number of rows per distinct ``group`` (sorted unique groups)."""
    uniq, inverse = np.unique(group, return_inverse=True)
    sums = np.bincount(inverse, weights=values).astype(np.uint64)
    types = np.bincount(inverse).astype(np.uint32)
    return uniq, sums, types


def build_model(counts: Counts, min_bigram: int = 2, min_trigram: int = 3, min_surface: int = 3,
                sources: list[str] | None = None, hold_out: int = 0) -> dict[str, np.ndarray]:
    """Arrays of an interpolated Kneser-Ney trigram model, n-grams below the minimum counts pruned (their mass
    goes to the lower order, the context statistics keep the full counts)."""
    _, bi_keys, tri_keys = counts.keys
    uni_counts, bi_counts, tri_counts = counts.counts
    vocab_size = len(counts.vocab)
    # Kneser-Ney continuation counts: N1+(. v w) from trigram types, N1+(. w) from bigram types.
    tri_bw = tri_keys & np.uint64((1 << (2 * BITS)) - 1)  # (v, w) of each trigram type
    bw_uniq, bw_left_types = np.unique(tri_bw, return_counts=True)
    bi_cont = np.zeros(len(bi_keys), dtype=np.uint32)
    pos = np.searchsorted(bi_keys, bw_uniq)
    bi_cont[pos] = bw_left_types  # every (v, w) of a trigram is a bigram
    # a bigram that starts a segment (<s> v) has no left context
    starts = (bi_keys >> np.uint64(BITS)) == 0
    bi_cont[starts] = bi_counts[starts]  # the highest order for that history: raw counts
    uni_cont = np.bincount((bi_keys & np.uint64(MASK)).astype(np.int64), minlength=vocab_size).astype(np.uint32)
    uni_count = np.zeros(vocab_size, dtype=np.uint32)
    uni_count[counts.keys[0].astype(np.int64)] = uni_counts
    # Context statistics over the full counts: order 2 (context v, from continuation counts of (v w)).
    ctx1 = (bi_keys >> np.uint64(BITS)).astype(np.int64)
    ctx1_total = np.bincount(ctx1, weights=bi_cont, minlength=vocab_size).astype(np.uint32)
    ctx1_types = np.bincount(ctx1, minlength=vocab_size).astype(np.uint32)
    # order 3 (context u v, from raw trigram counts)
    ctx2 = tri_keys >> np.uint64(BITS)
    ctx2_keys, ctx2_total, ctx2_types = _group_sum(ctx2, tri_counts.astype(np.float64))
    d2 = _discount(bi_cont)
    d3 = _discount(tri_counts)
    keep2 = bi_counts >= min_bigram
    keep3 = tri_counts >= min_trigram
    keep_ctx2 = np.isin(ctx2_keys, ctx2[keep3])
    surface = [(w, n) for w, n in counts.surfaces.items() if n >= min_surface]
    meta = {"orders": 3, "bits": BITS, "discounts": [d2, d3], "n_tokens": counts.n_tokens, "hold_out": hold_out,
            "n_lines": counts.n_lines, "min_counts": [min_bigram, min_trigram, min_surface],
            "sources": sources or []}
    return {
        "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        "vocab": np.frombuffer("\n".join(counts.vocab).encode(), dtype=np.uint8),
        "uni_count": uni_count, "uni_cont": uni_cont,
        "ctx1_total": ctx1_total, "ctx1_types": ctx1_types,
        "bi_keys": bi_keys[keep2], "bi_count": bi_counts[keep2], "bi_cont": bi_cont[keep2],
        "tri_keys": tri_keys[keep3], "tri_count": tri_counts[keep3],
        "ctx2_keys": ctx2_keys[keep_ctx2], "ctx2_total": ctx2_total[keep_ctx2].astype(np.uint32),
        "ctx2_types": ctx2_types[keep_ctx2],
        "surface_words": np.frombuffer("\n".join(w for w, _ in surface).encode(), dtype=np.uint8),
        "surface_counts": np.asarray([n for _, n in surface], dtype=np.uint32),
    }


def save_model(arrays: dict[str, np.ndarray], path: Path) -> None:
    from pipeline.export.tables import atomic_write

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:  # a file object: numpy adds no ".npz" to the name
            np.savez_compressed(handle, **arrays)

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, write)


# --- scoring --------------------------------------------------------------------------------------------------

MODEL_ARRAYS = ("meta", "vocab", "uni_count", "uni_cont", "ctx1_total", "ctx1_types", "bi_keys", "bi_count",
                "bi_cont", "tri_keys", "tri_count", "ctx2_keys", "ctx2_total", "ctx2_types", "surface_words",
                "surface_counts")


def check_model(path: str | Path) -> None:
    """Raise ValueError (or OSError) unless ``path`` is a model file written by ``build-lm``; reads no counts."""
    with np.load(path) as data:
        missing = [name for name in MODEL_ARRAYS if name not in data.files]
        if missing:
            raise ValueError(f"arrays missing: {', '.join(missing)}")
        json.loads(bytes(data["meta"]).decode())


class SyllableLM(Protocol):
    def prob(self, u: str | None, v: str | None, w: str) -> float: ...
    def count(self, *keys: str) -> int: ...
    def surface_count(self, surface: str) -> int: ...


class TrigramLM:
    """Interpolated Kneser-Ney P(w | u v) over syllable keys, from a model file of ``build_model``."""

    def __init__(self, path: Path):
        with np.load(path) as data:
            self.meta = json.loads(bytes(data["meta"]).decode())
            vocab = bytes(data["vocab"]).decode().split("\n")
            self.ids = {w: i for i, w in enumerate(vocab)}
            self.uni_count = data["uni_count"].tolist()
            uni_cont = data["uni_cont"]
            self._uni_total = float(uni_cont.sum())
            self.uni_cont = uni_cont.tolist()
            self.ctx1 = list(zip(data["ctx1_total"].tolist(), data["ctx1_types"].tolist()))
            self.bi = dict(zip(data["bi_keys"].tolist(), zip(data["bi_count"].tolist(), data["bi_cont"].tolist())))
            self.tri = dict(zip(data["tri_keys"].tolist(), data["tri_count"].tolist()))
            self.ctx2 = dict(zip(data["ctx2_keys"].tolist(),
                                 zip(data["ctx2_total"].tolist(), data["ctx2_types"].tolist())))
            words = bytes(data["surface_words"]).decode().split("\n") if data["surface_words"].size else []
            self.surfaces = dict(zip(words, data["surface_counts"].tolist()))
        self.d2, self.d3 = self.meta["discounts"]
        self._cache: dict[tuple[str | None, str | None, str], float] = {}
        self.n_tokens = self.meta["n_tokens"]

    def _p2(self, v: int | None, w: int | None) -> float:
        """Kneser-Ney P(w | v) interpolated with the continuation unigram; ids, None for unknown."""
        p1 = max(self.uni_cont[w] / self._uni_total, UNKNOWN_FLOOR) if w is not None else UNKNOWN_FLOOR
        if v is None:
            return p1
        total, types = self.ctx1[v]
        if not total:
            return p1
        cont = self.bi.get(v << BITS | w, _NO_BIGRAM)[1] if w is not None else 0
        return (max(cont - self.d2, 0.0) + self.d2 * types * p1) / total

    def prob(self, u: str | None, v: str | None, w: str) -> float:
        """P(w | u v); ``None`` for a missing neighbour (the start of a segment). Memoized (bounded)."""
        cached = self._cache.get((u, v, w))
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[(u, v, w)] = self._prob(u, v, w)
        return cached

    def _prob(self, u: str | None, v: str | None, w: str) -> float:
        ids = self.ids
        wi = ids.get(w)
        if v is None:
            return self._p2(0, wi)  # a segment start
        vi = ids.get(v)
        p2 = self._p2(vi, wi)
        ui = ids.get(u) if u is not None else 0
        if ui is None or vi is None:
            return p2
        ctx = self.ctx2.get(ui << BITS | vi)
        if ctx is None:
            return p2
        total, types = ctx
        c = self.tri.get((ui << BITS | vi) << BITS | wi, 0) if wi is not None else 0
        return (max(c - self.d3, 0.0) + self.d3 * types * p2) / total

    def count(self, *keys: str) -> int:
        """Raw count of a unigram or a (kept) bigram or trigram."""
        ids = self.ids
        first = ids.get(keys[0])
        if first is None:
            return 0
        if len(keys) == 1:
            return self.uni_count[first]
        second = ids.get(keys[1])
        if second is None:
            return 0
        if len(keys) == 2:
            return self.bi.get(first << BITS | second, _NO_BIGRAM)[0]
        third = ids.get(keys[2])
        return 0 if third is None else self.tri.get((first << BITS | second) << BITS | third, 0)

    def surface_count(self, surface: str) -> int:
        """How often the corpora write this name or foreign word exactly so (case-sensitive)."""
        return self.surfaces.get(surface, 0)


class InterpolatedLM:
    """λ·user model + (1 − λ)·shipped model: a user's proofread pages adapt the shipped statistics."""

    def __init__(self, base: SyllableLM, user: SyllableLM, weight: float = 0.5):
        self.base, self.user, self.weight = base, user, weight

    def prob(self, u: str | None, v: str | None, w: str) -> float:
        return self.weight * self.user.prob(u, v, w) + (1 - self.weight) * self.base.prob(u, v, w)

    def count(self, *keys: str) -> int:
        return self.base.count(*keys) + self.user.count(*keys)

    def surface_count(self, surface: str) -> int:
        return self.base.surface_count(surface) + self.user.surface_count(surface)


@lru_cache(maxsize=1)
def shipped_lm() -> TrigramLM:
    """The shipped model, loaded once per process."""
    return TrigramLM(SHIPPED_LM)


@lru_cache(maxsize=4)
def _mixed(user_path: str, weight: float) -> InterpolatedLM:
    return InterpolatedLM(shipped_lm(), TrigramLM(Path(user_path)), weight)


def load_lm(user_path: str | None = None, weight: float = 0.5) -> SyllableLM:
    """The shipped model, mixed with the user's model at ``user_path`` when given (each loaded once per process)."""
    return shipped_lm() if user_path is None else _mixed(str(user_path), float(weight))


def log_prob_window(lm: SyllableLM, left: list[str | None], word: str, right: list[str | None]) -> float:
    """log P of ``word`` and of the words after it that see it as context: P(w|l2 l1) P(r1|l1 w) P(r2|w r1).
    ``left`` = [l2, l1], ``right`` = [r1, r2], with None where the segment ends."""
    l2, l1 = left
    r1, r2 = right
    score = math.log(lm.prob(l2 if l1 is not None else None, l1, word))
    if r1 is not None:
        score += math.log(lm.prob(l1, word, r1))
        if r2 is not None:
            score += math.log(lm.prob(word, r1, r2))
    return score
