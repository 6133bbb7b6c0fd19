"""A syllable trigram language model of Vietnamese (interpolated Kneser-Ney), and the name lexicon beside it.

Built by ``python -m pipeline build-lm --corpus FILE_OR_DIR... -o FILE`` from running text (``.txt``, ``.txt.xz``
or ``.txt.gz``, one paragraph a line; a line ``# TITLE`` starts a document) and stored as one compressed NumPy
archive: the vocabulary, pruned n-gram counts with the continuation counts Kneser-Ney needs, and the surface
forms of names and foreign words with their frequencies (``--order 4``: a 4-gram model, with 4-gram arrays added). The shipped model (``data/lm/``) was built
from the corpora named in ``data/lm/LICENSE.md``; a user's own proofread pages give a second model that
``InterpolatedLM`` mixes in (``python -m pipeline run --lm FILE``).

Keys are the corrector's (``key_of``: lowercase, "hòa" tone placement); numbers read as ``<num>``, and a
sentence, a clause or a line starts with ``<s>``.
"""
from __future__ import annotations

import contextlib
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
from typing import Callable, Iterable, Iterator, Protocol

import numpy as np

from pipeline.correct.lexicon import key_of
from pipeline.resources import Derived
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
_LOW32 = (1 << 32) - 1
# Whether what a pruned n-gram held goes to the lower order (P(. | context) sums to one) or is lost (the shipped
# behaviour: sums of 0.7-0.95 in contexts with many pruned n-grams). Off: on the development sets of issue 10 it
# changed recall and false corrections by a row or two either way, the calibration refitted or not.
RENORMALIZE_PRUNED = False
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
    """Raw n-gram counts as sorted unique keys with counts (ids into ``vocab``), and surface-form counts.

    Unigram, bigram and trigram keys pack their syllable ids (``BITS`` each); an n-gram of a higher order is keyed
    by the position of its first n - 1 syllables in the keys of order n - 1, then its last id."""

    vocab: list[str]
    keys: tuple[np.ndarray, ...]  # unigram ids, bigram keys, trigram keys (and 4-gram keys in a 4-gram model)
    counts: tuple[np.ndarray, ...]
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


@dataclass
class Stream:
    """The counted lines as one array of syllable ids, every segment preceded by ``<s>`` (id 0)."""

    ids: np.ndarray
    vocab: list[str]
    surfaces: Counter[str]
    n_lines: int


def read_stream(files: list[Path], progress: bool = True, hold_out: int = 0) -> Stream:
    """The syllable ids of every Vietnamese line of ``files`` (lines under MIN_VIETNAMESE_SHARE of valid
    syllables are skipped); with ``hold_out`` N, every N-th document (``# TITLE`` lines start one) is left out, so
    that clean text the model never saw can measure false corrections."""
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
    vocab = [""] * len(ids)
    for word, i in ids.items():
        vocab[i] = word
    return Stream(np.concatenate(chunks), vocab, surfaces, n_lines)


def count_stream(stream: Stream, order: int = 3) -> Counts:
    """Count the n-grams of orders 1 to ``order`` (3 or 4) of a stream; no n-gram crosses a segment start
    (``<s>``) except as its first element."""
    if order not in (3, 4):
        raise ValueError(f"order must be 3 or 4, not {order}")
    s = stream.ids
    a, b, c = s[:-2], s[1:-1], s[2:]
    tri_all = (a << (2 * BITS)) | (b << BITS) | c  # the trigram starting at each position
    arrays = [s[s != 0], (s[:-1] << BITS | s[1:])[s[1:] != 0], tri_all[(b != 0) & (c != 0)]]
    out_keys, out_counts = [], []
    for arr in arrays:
        k, n = np.unique(arr, return_counts=True)
        out_keys.append(k.astype(np.uint64))
        out_counts.append(n.astype(np.uint32))
    if order == 4:
        ok = (b[:-1] != 0) & (c[:-1] != 0) & (s[3:] != 0)
        prefix = np.searchsorted(out_keys[2], tri_all[:-1][ok].astype(np.uint64)).astype(np.uint64)
        k, n = np.unique(prefix << np.uint64(BITS) | s[3:][ok].astype(np.uint64), return_counts=True)
        out_keys.append(k)
        out_counts.append(n.astype(np.uint32))
    return Counts(stream.vocab, tuple(out_keys), tuple(out_counts), stream.surfaces, stream.n_lines,
                  int((s != 0).sum()))


def count_corpus(files: list[Path], progress: bool = True, hold_out: int = 0, order: int = 3) -> Counts:
    """Count the n-grams (up to ``order``) of every Vietnamese line of ``files`` (see ``read_stream``)."""
    return count_stream(read_stream(files, progress, hold_out), order)


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
                sources: list[str] | None = None, hold_out: int = 0, min_fourgram: int = 3) -> dict[str, np.ndarray]:
    """Arrays of an interpolated Kneser-Ney model of the counts' order (3 or 4), n-grams below the minimum counts
    pruned (their mass goes to the lower order, the context statistics keep the full counts)."""
    order = len(counts.keys)
    if order == 4 and min_fourgram < min_trigram:
        raise ValueError("min_fourgram must be at least min_trigram (a kept 4-gram's first three words are kept)")
    _, bi_keys, tri_keys = counts.keys[:3]
    uni_counts, bi_counts, tri_counts = counts.counts[:3]
    vocab_size = len(counts.vocab)
    # Kneser-Ney continuation counts: N1+(. v w) from trigram types, N1+(. w) from bigram types.
    pair = np.uint64((1 << (2 * BITS)) - 1)
    bi_cont = _continuation(bi_keys, bi_counts, tri_keys & pair, BITS)
    uni_cont = np.bincount((bi_keys & np.uint64(MASK)).astype(np.int64), minlength=vocab_size).astype(np.uint32)
    uni_count = np.zeros(vocab_size, dtype=np.uint32)
    uni_count[counts.keys[0].astype(np.int64)] = uni_counts
    # Context statistics over the full counts: order 2 (context v, from continuation counts of (v w)).
    ctx1 = (bi_keys >> np.uint64(BITS)).astype(np.int64)
    ctx1_total = np.bincount(ctx1, weights=bi_cont, minlength=vocab_size).astype(np.uint32)
    ctx1_types = np.bincount(ctx1, minlength=vocab_size).astype(np.uint32)
    # order 3 (context u v): raw trigram counts in a trigram model, continuation counts N1+(. u v w) below 4-grams
    tri_value = tri_counts
    if order == 4:
        quad_keys, quad_counts = counts.keys[3], counts.counts[3]
        quad_prefix = (quad_keys >> np.uint64(BITS)).astype(np.int64)
        suffix = (tri_keys[quad_prefix] & pair) << np.uint64(BITS) | (quad_keys & np.uint64(MASK))
        tri_value = _continuation(tri_keys, tri_counts, suffix, 2 * BITS)
    ctx2 = tri_keys >> np.uint64(BITS)
    ctx2_keys, ctx2_total, ctx2_types = _group_sum(ctx2, tri_value.astype(np.float64))
    discounts = [_discount(bi_cont), _discount(tri_value)]
    keep2 = bi_counts >= min_bigram
    keep3 = tri_counts >= min_trigram
    keep_ctx2 = np.isin(ctx2_keys, ctx2[keep3])
    surface = [(w, n) for w, n in counts.surfaces.items() if n >= min_surface]
    min_counts = [min_bigram, min_trigram, min_surface] + ([min_fourgram] if order == 4 else [])
    arrays = {
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
    if order == 4:
        # order 4 (context t u v, keyed by the position of the trigram (t u v) among the kept trigrams)
        ctx3_keys, ctx3_total, ctx3_types = _group_sum(quad_prefix, quad_counts.astype(np.float64))
        discounts.append(_discount(quad_counts))
        keep4 = quad_counts >= min_fourgram
        new_position = (np.cumsum(keep3) - 1).astype(np.uint64)  # kept trigram -> its position after pruning
        keep_ctx3 = np.isin(ctx3_keys, quad_prefix[keep4])
        arrays.update({
            "tri_cont": tri_value[keep3],
            "quad_keys": new_position[quad_prefix[keep4]] << np.uint64(BITS) | (quad_keys[keep4] & np.uint64(MASK)),
            "quad_count": quad_counts[keep4],
            "ctx3_keys": new_position[ctx3_keys[keep_ctx3].astype(np.int64)].astype(np.uint32),
            "ctx3_total": ctx3_total[keep_ctx3].astype(np.uint32), "ctx3_types": ctx3_types[keep_ctx3],
        })
    meta = {"orders": order, "bits": BITS, "discounts": discounts, "n_tokens": counts.n_tokens, "hold_out": hold_out,
            "n_lines": counts.n_lines, "min_counts": min_counts, "sources": sources or []}
    return {"meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays}


def _continuation(keys: np.ndarray, counts: np.ndarray, suffixes: np.ndarray, bits: int) -> np.ndarray:
    """Kneser-Ney continuation count of each n-gram (``keys``): how many distinct words precede it, from the
    suffixes of the (n+1)-gram types; an n-gram that starts a segment (first id ``<s>``) keeps its raw count."""
    out = np.zeros(len(keys), dtype=np.uint32)
    uniq, left_types = np.unique(suffixes, return_counts=True)
    out[np.searchsorted(keys, uniq)] = left_types  # every suffix of an (n+1)-gram is an n-gram
    starts = (keys >> np.uint64(bits)) == 0
    out[starts] = counts[starts]  # the highest order for that history: raw counts
    return out


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


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as data:
        return {name: data[name] for name in data.files}


# The shipped model's arrays uncompressed in pipeline/_built (its file is compressed: a sixth of a second to read)
SHIPPED_ARRAYS = Derived("lm_arrays.pkl", lambda: [SHIPPED_LM], lambda: _read_arrays(SHIPPED_LM))


def _model_arrays(path: Path) -> contextlib.AbstractContextManager:
    """The arrays of a model file, by name (kept uncompressed for the shipped model)."""
    if Path(path).resolve() == SHIPPED_LM.resolve():
        return contextlib.nullcontext(SHIPPED_ARRAYS.load())
    return np.load(path)


class SyllableLM(Protocol):
    order: int

    def prob(self, *keys: str | None) -> float: ...
    def count(self, *keys: str) -> int: ...
    def beside(self, left: str | None, right: str | None) -> Callable[[str], bool]: ...
    def surface_count(self, surface: str) -> int: ...


class NgramLM:
    """Interpolated Kneser-Ney P(w | history) over syllable keys, from a model file of ``build_model`` (a trigram
    or a 4-gram model)."""

    def __init__(self, path: Path):
        with _model_arrays(path) as data:
            self.meta = json.loads(bytes(data["meta"]).decode())
            self.order = int(self.meta.get("orders", 3))
            self.discounts = self.meta["discounts"]
            self.d2, self.d3 = self.discounts[:2]
            self.d4 = self.discounts[2] if self.order == 4 else 0.0
            vocab = bytes(data["vocab"]).decode().split("\n")
            self.ids = {w: i for i, w in enumerate(vocab)}
            self.uni_count = data["uni_count"].tolist()
            uni_cont = data["uni_cont"]
            self._uni_total = float(uni_cont.sum())
            self.uni_cont = uni_cont.tolist()
            bi_keys, bi_cont = data["bi_keys"], data["bi_cont"]
            # (total, backoff mass) of each context: see _backoff
            self.ctx1 = list(zip(data["ctx1_total"].tolist(), _backoff(
                data["ctx1_total"], data["ctx1_types"], self.d2, np.arange(len(vocab), dtype=np.uint64),
                bi_keys >> np.uint64(BITS), bi_cont).tolist()))
            # a bigram's raw count and continuation count packed in one int (count << 32 | continuation): no tuple
            # per bigram to build at load time or to keep
            self.bi = dict(zip(bi_keys.tolist(), ((data["bi_count"].astype(np.uint64) << np.uint64(32))
                                                  | bi_cont.astype(np.uint64)).tolist()))
            tri_keys = data["tri_keys"]
            # the value Kneser-Ney reads at order 3: raw counts at the top order, continuation counts below 4-grams
            tri_kn = data["tri_cont"] if self.order == 4 else data["tri_count"]
            tri_list = tri_keys.tolist()
            self.tri = dict(zip(tri_list, data["tri_count"].tolist()))
            self.tri_kn = dict(zip(tri_list, tri_kn.tolist())) if self.order == 4 else self.tri
            del tri_list
            self.ctx2 = dict(zip(data["ctx2_keys"].tolist(), zip(data["ctx2_total"].tolist(), _backoff(
                data["ctx2_total"], data["ctx2_types"], self.d3, data["ctx2_keys"], tri_keys >> np.uint64(BITS),
                tri_kn).tolist())))
            words = bytes(data["surface_words"]).decode().split("\n") if data["surface_words"].size else []
            self.surfaces = dict(zip(words, data["surface_counts"].tolist()))
            self.quad: dict[int, int] = {}
            self.ctx3: dict[int, tuple[int, float]] = {}
            if self.order == 4:  # keys of order 4 hold the position of their first three words among the trigrams
                quad = data["quad_keys"]
                prefix = tri_keys[(quad >> np.uint64(BITS)).astype(np.int64)].tolist()
                self.quad = {t << BITS | w: n for t, w, n in zip(prefix, (quad & np.uint64(MASK)).tolist(),
                                                                 data["quad_count"].tolist())}
                ctx3 = tri_keys[data["ctx3_keys"].astype(np.int64)].tolist()
                self.ctx3 = dict(zip(ctx3, zip(data["ctx3_total"].tolist(), _backoff(
                    data["ctx3_total"], data["ctx3_types"], self.d4, data["ctx3_keys"].astype(np.uint64),
                    quad >> np.uint64(BITS), data["quad_count"]).tolist())))
        self._cache: dict[tuple[str | None, ...], float] = {}
        self.n_tokens = self.meta["n_tokens"]

    def _p2(self, v: int | None, w: int | None) -> float:
        """Kneser-Ney P(w | v) interpolated with the continuation unigram; ids, None for unknown."""
        p1 = max(self.uni_cont[w] / self._uni_total, UNKNOWN_FLOOR) if w is not None else UNKNOWN_FLOOR
        if v is None:
            return p1
        total, backoff = self.ctx1[v]
        if not total:
            return p1
        cont = self.bi.get(v << BITS | w, 0) & _LOW32 if w is not None else 0
        return (max(cont - self.d2, 0.0) + backoff * p1) / total

    def prob(self, *keys: str | None) -> float:
        """P(w | history) for ``keys`` = (history..., w): the last ``order - 1`` words of the history count;
        ``None`` in the history is the start of a segment (nothing before it counts), a history shorter than
        that reads fewer words. Memoized (bounded)."""
        cached = self._cache.get(keys)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            cached = self._cache[keys] = self._prob(keys)
        return cached

    def _prob(self, keys: tuple[str | None, ...]) -> float:
        ids = self.ids
        n = len(keys)
        wi = ids.get(keys[-1])
        if n < 2:
            return self._p2(None, wi)
        v = keys[-2]
        if v is None:
            return self._p2(0, wi)  # a segment start
        vi = ids.get(v)
        p = self._p2(vi, wi)
        if n < 3 or vi is None:
            return p
        u = keys[-3]
        ui = ids.get(u) if u is not None else 0
        if ui is None:
            return p
        ctx = self.ctx2.get(ui << BITS | vi)
        if ctx is None:
            return p
        total, backoff = ctx
        c = self.tri_kn.get((ui << BITS | vi) << BITS | wi, 0) if wi is not None else 0
        p = (max(c - self.d3, 0.0) + backoff * p) / total
        if self.order < 4 or n < 4 or ui == 0:
            return p
        t = keys[-4]
        ti = ids.get(t) if t is not None else 0
        if ti is None:
            return p
        history = ((ti << BITS | ui) << BITS) | vi
        ctx = self.ctx3.get(history)
        if ctx is None:
            return p
        total, backoff = ctx
        c = self.quad.get(history << BITS | wi, 0) if wi is not None else 0
        return (max(c - self.d4, 0.0) + backoff * p) / total

    def count(self, *keys: str) -> int:
        """Raw count of a unigram or a (kept) bigram, trigram or 4-gram."""
        ids = self.ids
        key = 0
        for k in keys:
            i = ids.get(k)
            if i is None:
                return 0
            key = key << BITS | i
        n = len(keys)
        if n == 1:
            return self.uni_count[key]
        if n == 2:
            return self.bi.get(key, 0) >> 32
        return (self.tri if n == 3 else self.quad).get(key, 0)

    def beside(self, left: str | None, right: str | None) -> Callable[[str], bool]:
        """A test of a word: the corpora write ``left word`` or ``word right`` (a kept bigram; None: no such
        side). The neighbours are looked up once, the test runs for each candidate (a hot path)."""
        ids, bi = self.ids, self.bi
        li = ids.get(left) if left is not None else None
        ri = ids.get(right) if right is not None else None
        if li is None and ri is None:
            return _never
        lkey = li << BITS if li is not None else None

        def test(word: str) -> bool:
            w = ids.get(word)
            if w is None:
                return False
            if lkey is not None:
                if bi.get(lkey | w, 0) >> 32:
                    return True
            if ri is not None:
                return bool(bi.get(w << BITS | ri, 0) >> 32)
            return False

        return test

    def surface_count(self, surface: str) -> int:
        """How often the corpora write this name or foreign word exactly so (case-sensitive)."""
        return self.surfaces.get(surface, 0)


def _backoff(total: np.ndarray, types: np.ndarray, discount: float, contexts: np.ndarray, kept_contexts: np.ndarray,
             kept_counts: np.ndarray) -> np.ndarray:
    """The count mass each context (sorted ``contexts``) leaves to the lower order: ``discount`` × its n-gram types
    (interpolated Kneser-Ney) and, with RENORMALIZE_PRUNED, all that its pruned n-grams held besides (their
    discounted counts), so that P(. | context) still sums to one; ``kept_contexts`` and ``kept_counts`` are those
    of the kept n-grams."""
    if not RENORMALIZE_PRUNED:
        return discount * types.astype(np.float64)
    kept = np.bincount(np.searchsorted(contexts, kept_contexts), minlength=len(contexts),
                       weights=np.maximum(kept_counts.astype(np.float64) - discount, 0.0))
    return np.maximum(total.astype(np.float64) - kept, 0.0)


def _never(word: str) -> bool:
    return False


TrigramLM = NgramLM  # the name of the trigram-only model class, kept for callers


class InterpolatedLM:
    """λ·user model + (1 − λ)·shipped model: a user's proofread pages adapt the shipped statistics."""

    def __init__(self, base: SyllableLM, user: SyllableLM, weight: float = 0.5):
        self.base, self.user, self.weight = base, user, weight
        self.order = max(base.order, user.order)

    def prob(self, *keys: str | None) -> float:
        return self.weight * self.user.prob(*keys) + (1 - self.weight) * self.base.prob(*keys)

    def count(self, *keys: str) -> int:
        return self.base.count(*keys) + self.user.count(*keys)

    def beside(self, left: str | None, right: str | None) -> Callable[[str], bool]:
        base, user = self.base.beside(left, right), self.user.beside(left, right)
        return lambda word: base(word) or user(word)

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
    """log P of ``word`` and of the words after it that see it as context (those of every n-gram of the model's
    order holding it): with a trigram model P(w|l2 l1) P(r1|l1 w) P(r2|w r1), with a 4-gram model P(w|l2 l1)
    P(r1|l2 l1 w) P(r2|l1 w r1) (and P(w|l3 l2 l1) ... P(r3|w r1 r2) with three words each side). ``left`` =
    [..., l2, l1], ``right`` = [r1, r2, ...], with None where the segment ends."""
    prob = lm.prob
    if len(left) == 2 and len(right) == 2:  # the corrector's window: the same products, spelled out (a hot path)
        l2, l1 = left
        r1, r2 = right
        score = math.log(prob(l2 if l1 is not None else None, l1, word))
        if r1 is not None:
            if lm.order == 3:
                score += math.log(prob(l1, word, r1))
                if r2 is not None:
                    score += math.log(prob(word, r1, r2))
            else:
                score += math.log(prob(l2, l1, word, r1))
                if r2 is not None:
                    score += math.log(prob(l1, word, r1, r2))
        return score
    span = lm.order - 1
    words = [*left, word, *right]
    at = len(left)
    score = 0.0
    for j in range(at, min(len(words), at + span + 1)):
        if words[j] is None:
            break
        score += math.log(prob(*words[max(0, j - span):j + 1]))
    return score
