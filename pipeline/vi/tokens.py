"""The word tokenizer: word and number tokens of a clean text, with the facts about each one's position that
the corrector and its corpus statistics need (is the previous token a neighbour, does a sentence start here).

Other stages split text their own way because their job differs: the entity stage's syllable tokens
(``entities/tokens.py``: hyphenated and dotted compounds, with name facts), the language model's pieces
(``correct/lm.py``: punctuation included), the spaCy export's words (``review/exchange.py``) and the encoding
guess's space-separated units (``ingest/plausibility.py``)."""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

# A word (letters, optionally led by one capital initial and a dot: "I.énine") or a number ("12-3-1921").
WORD_TOKEN = re.compile(r"(?:[^\W\d_a-z]\.)?[^\W\d_]+|\d+(?:[-./]\d+)*")
# What may stand between two tokens for them to count as neighbours (a bigram).
_NEIGHBOUR_GAP = re.compile(r"[ \t]+$")
_SENTENCE_END = set(".!?…\n\"“”«»([")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    linked: bool  # True when only spaces separate it from the previous token
    initial: bool  # True at the start of a sentence or line


def word_tokens(text: str) -> Iterator[Token]:
    """Tokens in order; ``linked`` tells whether the previous token is a neighbour, ``initial`` a sentence start."""
    prev_end = 0
    first = True
    for match in WORD_TOKEN.finditer(text):
        start = match.start()
        if start == prev_end + 1 and text[prev_end] == " ":  # one space, the common case: the same as below
            linked, initial = not first, first
        else:
            gap = text[prev_end:start]
            linked = not first and bool(_NEIGHBOUR_GAP.match(gap)) if gap else not first
            stripped = gap.rstrip(" \t")
            initial = first or (stripped[-1:] in _SENTENCE_END if stripped else False)
        yield Token(start, match.end(), match.group(), linked, initial)
        prev_end = match.end()
        first = False
