"""underthesea's CRF chain (word segmentation, POS, chunk, NER) run at a lower level, with code-point offsets.

underthesea's ``ner()`` re-tokenizes, returns normalized words without offsets, and builds its features with a
per-feature ``re.match`` in Python; here the same models get the same feature templates through the Rust
featurizer of ``underthesea_core`` and every word keeps its ``[start, end)`` in the text we were given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import Derived, package_dir

_POS_TEMPLATE = [
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
]
_CHUNK_TEMPLATE = [
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-2][1]", "T[-1][1]", "T[0][1]", "T[1][1]", "T[2][1]",
    "T[-2,-1][1]", "T[-1,0][1]", "T[0,1][1]", "T[1,2][1]",
    "T[-3][2]", "T[-2][2]", "T[-1][2]",
]
_NER_TEMPLATE = [
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle", "T[-2].istitle", "T[2].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-2][1]", "T[-1][1]", "T[0][1]", "T[1][1]", "T[2][1]",
    "T[-2,-1][1]", "T[-1,0][1]", "T[0,1][1]", "T[1,2][1]",
    "T[-3][3]", "T[-2][3]", "T[-1][3]",
]


def _istitle(word: str) -> str:
    """underthesea's Python ``text_istitle``: every space-separated part starts with a title-case letter."""
    return str(all(part[:1].istitle() for part in word.split(" ")))


class _Featurizer:
    """underthesea's template features: the Rust featurizer for most, Python for ``.istitle``.

    The Rust ``istitle`` calls "2-8-1914" or "," title case where the Python code that trained the models
    did not, which changes one tag in three sentences; those few features are computed here instead.
    """

    def __init__(self, cls, template: list[str]) -> None:  # type: ignore[no-untyped-def]
        self._rust = cls([t for t in template if not t.endswith(".istitle")], set())
        self._title_offsets = [int(t[2:t.index("]")]) for t in template if t.endswith(".istitle")]

    def __call__(self, rows: list[list[str]]) -> list[list[str]]:
        feats = self._rust.process([rows])[0]
        titles = [_istitle(r[0]) for r in rows]
        n = len(rows)
        for i, f in enumerate(feats):
            for k in self._title_offsets:
                j = i + k
                value = "BOS" if j < 0 else "EOS" if j >= n else titles[j]
                f.append(f"T[{k}].istitle={value}")
        return feats


@dataclass(frozen=True)
class Word:
    """One word of underthesea's segmentation with its tags; ``start``/``end`` index the input text."""

    start: int
    end: int
    text: str
    pos: str
    chunk: str
    ner: str


def _underthesea_root() -> Path:
    return package_dir("underthesea") / "pipeline"


_WS_DIR = Path("word_tokenize") / "models" / "ws_crf_vlsp2013_20230727"


def _crf_sources() -> list[Path]:
    root = _underthesea_root()
    normalize = root / "text_normalize"
    return [Path(__file__), root / _WS_DIR / "features.bin", root / _WS_DIR / "dictionary.bin",
            root / "word_tokenize" / "regex_tokenize.py", normalize / "token_normalize.py",
            normalize / "text_normalizer.py", *sorted(normalize.glob("*.bin"))]


def _crf_tables() -> dict:
    """What the chain reads from underthesea's Python side: the word segmenter's feature templates and dictionary
    (joblib files), the token normalization map and the tokenizer's regex (its text and flags)."""
    import joblib
    from underthesea.pipeline.text_normalize.text_normalizer import token_map
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    ws_dir = _underthesea_root() / _WS_DIR
    return {"features": joblib.load(ws_dir / "features.bin"), "dictionary": joblib.load(ws_dir / "dictionary.bin"),
            "token_map": dict(token_map), "pattern": patterns.pattern, "flags": patterns.flags}


# Kept in pipeline/_built: a run then neither imports underthesea (half a second) nor unpickles with joblib's
# Python unpickler (a quarter of a second).
CRF_TABLES = Derived("crf_tables.pkl", _crf_sources, _crf_tables)


class CRFChain:
    """The four CRF models of underthesea, loaded once, tagging one sentence at a time."""

    def __init__(self) -> None:
        from underthesea_core import CRFFeaturizer, CRFTagger

        tables = CRF_TABLES.load()
        root = _underthesea_root()
        self._patterns = re.compile(tables["pattern"], tables["flags"])
        self._token_map = tables["token_map"]
        self._ws_feat = CRFFeaturizer(tables["features"], tables["dictionary"])
        self._ws = self._tagger(CRFTagger, root / _WS_DIR / "models.bin")
        self._pos_feat = _Featurizer(CRFFeaturizer, _POS_TEMPLATE)
        self._pos = self._tagger(CRFTagger, root / "pos_tag" / "pos_crf_2017_10_11.bin")
        self._chunk_feat = _Featurizer(CRFFeaturizer, _CHUNK_TEMPLATE)
        self._chunk = self._tagger(CRFTagger, root / "chunking" / "chunk_crf_2017_10_12.bin")
        self._ner_feat = _Featurizer(CRFFeaturizer, _NER_TEMPLATE)
        self._ner = self._tagger(CRFTagger, root / "ner" / "ner_crf_2017_10_12.bin")

    @staticmethod
    def _tagger(cls, path: Path):  # type: ignore[no-untyped-def]
        tagger = cls()
        tagger.load(str(path))
        return tagger

    def tokens(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """underthesea's regex tokens of ``text[start:end]`` as (start, end, normalized form)."""
        token_map = self._token_map
        out = []
        for m in self._patterns.finditer(text, start, end):
            token = m.group(0)
            # underthesea's token_normalize(token, use_character_normalize=False)
            out.append((m.start(), m.end(), token if len(token) > 6 else token_map.get(token, token)))
        return out

    def tag(self, text: str, start: int, end: int) -> list[Word]:
        """Segment, POS-tag, chunk and NER-tag the sentence ``text[start:end]``."""
        toks = self.tokens(text, start, end)
        if not toks:
            return []
        ws_tags = self._ws.tag(self._ws_feat.process([[[t[2]] for t in toks]])[0])
        spans: list[list[int]] = []
        forms: list[str] = []
        for i, (tag, tok) in enumerate(zip(ws_tags, toks)):
            if tag == "I-W" and i > 0:
                spans[-1][1] = tok[1]
                forms[-1] += " " + tok[2]
            else:
                spans.append([tok[0], tok[1]])
                forms.append(tok[2])
        rows = [[w, "X"] for w in forms]
        pos = self._pos.tag(self._pos_feat(rows))
        rows = [[w, p, "X"] for w, p in zip(forms, pos)]
        chunk = self._chunk.tag(self._chunk_feat(rows))
        rows = [[w, p, c, "X"] for w, p, c in zip(forms, pos, chunk)]
        ner = self._ner.tag(self._ner_feat(rows))
        return [Word(s, e, w, p, c, n) for (s, e), w, p, c, n in zip(spans, forms, pos, chunk, ner)]


@lru_cache(maxsize=1)
def crf_chain() -> CRFChain:
    """The process-wide CRF chain (loaded once per worker process)."""
    return CRFChain()
