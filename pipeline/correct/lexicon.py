"""The Vietnamese lexicon of the corrector, built from installed packages (never downloaded).

Sources: underthesea's word lists (Viet11K..Viet74K, the word-segmentation dictionary), the tagged VLSP 2013
test output shipped with its POS model (a small clean corpus: syllable and bigram counts, and the part of speech
of each syllable's word, for the class model of ``classes.py``) and wordfreq's
Vietnamese frequencies. Every key is lowercase in the "hòa" tone placement (``tone_key``).
"""
from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pipeline.vi.syllable import is_vietnamese_syllable
from pipeline.vi.tokens import Token
from pipeline.vi.tone import tone_key
from pipeline.resources import built_path

# The pickle holds SyllableLexicon's fields as a dict (no class path: moving or renaming the class keeps it
# readable); a new name whenever the fields change (an old pickle lacks them).
RESOURCE_NAME = "correct_lexicon_v3.pkl"
WORD_LISTS = ("Viet11K.txt", "Viet22K.txt", "Viet39K.txt", "Viet74K.txt")
# Pseudo-count a dictionary word adds to each of its syllable bigrams: it doubles with each word list that
# holds it, since a word in all five lists (Viet11K ... Viet74K, the segmenter's) is common, one in one is rare.
DICTIONARY_PSEUDO_COUNT = 0.5


@dataclass
class SyllableLexicon:
    """The corrector's lexicon: syllable unigram counts and syllable bigram counts (corpus bigrams + pseudo-counts of dictionary words).

    A dictionary word adds to the bigrams of its syllables, so "a word formed with the neighbour" is bigram
    evidence like any other.
    """

    unigrams: dict[str, float]
    bigrams: dict[tuple[str, str], float]
    total: float
    classes: dict[str, dict[str, int]]  # syllable -> {class: count} in the tagged corpus (see _vlsp_tagged)
    class_bigrams: dict[tuple[str, str], int]  # class -> class transitions between neighbouring syllables


@lru_cache(maxsize=131072)
def key_of(word: str) -> str:
    """The lexicon key of a word: lowercase, modern tone placement."""
    return tone_key(word.lower())


def token_keys(tokens: Iterable[Token]) -> list[str | None]:
    """The lexicon key of each word token, None for a number or a sign."""
    return [key_of(t.text) if t.text[0].isalpha() else None for t in tokens]


def _underthesea_dir() -> Path:
    import underthesea

    return Path(underthesea.__file__).parent


def _vlsp_tagged(root: Path) -> list[list[tuple[str, str]]]:
    """Sentences of the VLSP 2013 POS test output shipped with underthesea, as (syllable key, class) lists; a
    syllable's class is its word's gold part of speech and whether it begins the word ("V_B", "V_I")."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for path in sorted(root.glob("pipeline/pos_tag/models/*/test_output.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if current:
                    sentences.append(current)
                current = []
                continue
            fields = line.split("\t")
            tag = fields[1].removeprefix("B-") if len(fields) > 1 else "X"
            current.extend((key_of(s), f"{tag}_{'I' if k else 'B'}") for k, s in enumerate(fields[0].split()))
    if current:
        sentences.append(current)
    return sentences


def _dictionary_words(root: Path) -> Counter[tuple[str, ...]]:
    """Every word of the underthesea lists, counted by how many lists hold it (a rough commonness)."""
    counts: Counter[tuple[str, ...]] = Counter()
    lists = [(root / "corpus" / "data" / name).read_text(encoding="utf-8").splitlines() for name in WORD_LISTS]
    for ws_dict in root.glob("pipeline/word_tokenize/models/*/dictionary.bin"):
        with open(ws_dict, "rb") as fh:
            lists.append(sorted(pickle.load(fh)))
    for entries in lists:
        for word in {tuple(key_of(s) for s in line.replace("-", " ").split()) for line in entries}:
            if word and all(is_vietnamese_syllable(s) for s in word):
                counts[word] += 1
    return counts


def build_lexicon(path: Path) -> None:
    """Builder registered with pipeline.resources: write the lexicon's fields, pickled, to ``path``."""
    import wordfreq

    root = _underthesea_dir()
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    classes: dict[str, Counter[str]] = {}
    class_bigrams: Counter[tuple[str, str]] = Counter()
    for tagged in _vlsp_tagged(root):
        sentence = [s for s, _ in tagged]
        unigrams.update(s for s in sentence if is_vietnamese_syllable(s))
        bigrams.update(zip(sentence, sentence[1:]))
        for syllable, cls in tagged:
            classes.setdefault(syllable, Counter())[cls] += 1
        class_bigrams.update(zip((c for _, c in tagged), (c for _, c in tagged[1:])))
    corpus_size = sum(unigrams.values())  # wordfreq frequencies become counts on the same scale
    for word, freq in wordfreq.get_frequency_dict("vi").items():
        if is_vietnamese_syllable(word):
            unigrams[key_of(word)] += freq * corpus_size
    words = _dictionary_words(root)
    for word, n_lists in words.items():
        for s in word:
            unigrams[s] += 0.5
        for pair in zip(word, word[1:]):
            bigrams[pair] += DICTIONARY_PSEUDO_COUNT * 2 ** (n_lists - 1)
    lexicon = SyllableLexicon(
        unigrams=dict(unigrams),
        bigrams={k: v for k, v in bigrams.items() if k[0] in unigrams and k[1] in unigrams},
        total=float(sum(unigrams.values())),
        classes={k: dict(v) for k, v in classes.items()},
        class_bigrams=dict(class_bigrams),
    )
    with open(path, "wb") as fh:
        pickle.dump({f.name: getattr(lexicon, f.name) for f in fields(lexicon)}, fh, protocol=pickle.HIGHEST_PROTOCOL)


@lru_cache(maxsize=1)
def load_lexicon() -> SyllableLexicon:
    """The built lexicon (built on first use; loaded once per process)."""
    with open(built_path(RESOURCE_NAME), "rb") as fh:
        return SyllableLexicon(**pickle.load(fh))
