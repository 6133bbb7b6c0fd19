"""Synthetic OCR noise drawn from the confusion model: clean text in, noisy text and the truth of each word out.

Used to fit the score calibration (``bench/correction.py --fit``) and in tests: a word is damaged with
probability ``rate`` by one tone, mark or glyph confusion, a doubled letter or a lost space.
"""
from __future__ import annotations

import math
import random
import unicodedata

from pipeline.correct.confusion import MARK_BASE, ConfusionTable
from pipeline.vi.syllable import is_vietnamese_syllable, split_tone
from pipeline.vi.tokens import WORD_TOKEN
from pipeline.vi.tone import TONE_MARKS

# How often each kind of damage is drawn (tesseract on Vietnamese: mostly tones, then marks and glyphs).
KIND_WEIGHTS = {"tone": 0.5, "mark": 0.2, "glyph": 0.2, "join": 0.05, "double": 0.05}
_MARK_VARIANTS: dict[str, list[str]] = {}
for _marked, _base in MARK_BASE.items():
    _MARK_VARIANTS.setdefault(_base, []).append(_marked)
    _MARK_VARIANTS.setdefault(_marked, []).append(_base)


def _weighted(rng: random.Random, options: list[tuple[str, float]]) -> str | None:
    if not options:
        return None
    total = sum(math.exp(-c) for _, c in options)
    pick = rng.random() * total
    for value, cost in options:
        pick -= math.exp(-cost)
        if pick <= 0:
            return value
    return options[-1][0]


def _with_tone(toneless: str, tone: int, like: str) -> str:
    """``toneless`` (NFC) with tone number ``tone`` on the letter where ``like`` had its mark (or a vowel)."""
    if tone == 0:
        return toneless
    marked = [j for j, c in enumerate(like) if any(m in TONE_MARKS for m in unicodedata.normalize("NFD", c))]
    vowels = [j for j, c in enumerate(toneless) if unicodedata.normalize("NFD", c)[0].lower() in "aeiouy"]
    if marked and marked[0] < len(toneless):
        j = marked[0]
    elif vowels:
        j = vowels[-1] if len(vowels) == 1 or vowels[-1] < len(toneless) - 1 else vowels[0]
    else:
        return toneless
    letter = unicodedata.normalize("NFC", unicodedata.normalize("NFD", toneless[j]) + TONE_MARKS[tone - 1])
    return toneless[:j] + letter + toneless[j + 1:]


def damage_word(word: str, table: ConfusionTable, rng: random.Random) -> str:
    """One random confusion applied to ``word`` (may return it unchanged when nothing applies)."""
    kind = _weighted(rng, [(k, -math.log(w)) for k, w in KIND_WEIGHTS.items() if k != "join"])
    toneless, tones = split_tone(word)
    if kind == "tone":
        tone = tones[0] if tones else 0
        options = [(str(o), c) for (o, i), c in table.tone.items() if i == tone]
        chosen = _weighted(rng, options)
        return _with_tone(toneless, int(chosen), word) if chosen is not None else word
    if kind == "mark":
        places = [(i, v) for i, ch in enumerate(toneless) for v in _MARK_VARIANTS.get(ch, [])]
        if not places:
            return word
        i, v = places[rng.randrange(len(places))]
        tone = tones[0] if tones else 0
        return _with_tone(toneless[:i] + v + toneless[i + 1:], tone, word)
    if kind == "glyph":
        options = [((o, i), c) for (o, i), c in table.glyph.items() if i in word and o.strip()]
        chosen = _weighted(rng, options)
        if chosen is None:
            return word
        observed, intended = chosen
        at = word.find(intended)
        return word[:at] + observed + word[at + len(intended):]
    at = rng.randrange(len(word))
    return word[:at + 1] + word[at:]


def add_noise(text: str, table: ConfusionTable, rate: float, seed: int = 0) -> tuple[str, dict[int, str]]:
    """(noisy text, {start offset of each noisy word: the clean word(s) it stands for}) for every word token."""
    rng = random.Random(seed)
    out: list[str] = []
    truth: dict[int, str] = {}
    pos = 0
    length = 0
    matches = list(WORD_TOKEN.finditer(text))
    skip = False
    for k, match in enumerate(matches):
        if skip:
            skip = False
            continue
        gap = text[pos:match.start()]
        out.append(gap)
        length += len(gap)
        word = match.group()
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        noisy, clean, end = word, word, match.end()
        if word[0].isalpha() and rng.random() < rate:
            if nxt is not None and text[match.end():nxt.start()] == " " and rng.random() < KIND_WEIGHTS["join"]:
                noisy, clean, end, skip = word + nxt.group(), f"{word} {nxt.group()}", nxt.end(), True
            elif is_vietnamese_syllable(word) or rng.random() < 0.3:
                noisy = damage_word(word, table, rng)
        if word[0].isalpha():
            truth[length] = clean
        out.append(noisy)
        length += len(noisy)
        pos = end
    out.append(text[pos:])
    return "".join(out), truth

