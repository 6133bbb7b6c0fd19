"""A text's own misreading habits: the confusions its confident corrections show ("thẳng" -> "thắng", "chỏng" ->
"chóng", "tản" -> "tán": a hỏi read for a sắc; "chổ" -> "chỗ", "sẳn" -> "sẵn": a hỏi for a ngã), each counted once
per distinct word pair, so that one word's spelling makes no habit. A weaker proposal that makes the same confusion
is weighed with that confusion cheaper (data/thresholds.tsv: habit_min_pairs, habit_weight, habit_bonus_max): the channel model
adapted to the scanner, or the typist, of this text.
"""
from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache


@lru_cache(maxsize=65_536)
def signature(printed: str, corrected: str) -> tuple[tuple[str, str], ...]:
    """The confusion that turns ``corrected`` into ``printed``, on decomposed lowercase letters (marks apart):
    ("̉", "́") for "thẳng" printed for "thắng", ("l", "t") for "lức" for "tức"; empty for equal words."""
    a = unicodedata.normalize("NFD", printed.lower())
    b = unicodedata.normalize("NFD", corrected.lower())
    return tuple((a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False)
                 .get_opcodes() if op != "equal")


def habit_bonuses(pairs: set[tuple[str, str]], min_pairs: int, bonus_max: float,
                  weight: float = 1.0) -> dict[tuple, float]:
    """Nats taken off the cost of each confusion that at least ``min_pairs`` distinct (printed, corrected) word
    pairs of the text's confident corrections show: ``weight`` * log(pairs / (min_pairs - 1)), at most
    ``bonus_max``."""
    by_signature: dict[tuple, int] = defaultdict(int)
    for printed, corrected in pairs:
        sig = signature(printed, corrected)
        if sig:
            by_signature[sig] += 1
    return {sig: min(weight * math.log(n / max(min_pairs - 1, 1)), bonus_max)
            for sig, n in by_signature.items() if n >= min_pairs}
