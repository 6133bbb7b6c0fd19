"""Word and number tokens of a clean text, with the facts the corrector needs about each one's position."""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

# A word (letters, optionally led by one capital initial and a dot: "I.énine") or a number ("12-3-1921").
TOKEN = re.compile(r"(?:[^\W\d_a-z]\.)?[^\W\d_]+|\d+(?:[-./]\d+)*")
# What may stand between two tokens for them to count as neighbours (a bigram).
_NEIGHBOUR_GAP = re.compile(r"[ \t]+$")
_SENTENCE_END = set(".!?…\n\"“”«»([")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    linked: bool  # True when only spaces separate it from the previous token
    initial: bool  # True at the start of a sentence or line


def tokenize(text: str) -> Iterator[Token]:
    """Tokens in order; ``linked`` tells whether the previous token is a neighbour, ``initial`` a sentence start."""
    prev_end = 0
    first = True
    for match in TOKEN.finditer(text):
        start = match.start()
        gap = text[prev_end:start]
        linked = not first and bool(_NEIGHBOUR_GAP.match(gap)) if gap else not first
        stripped = gap.rstrip(" \t")
        initial = first or (stripped[-1:] in _SENTENCE_END if stripped else False)
        yield Token(start, match.end(), match.group(), linked, initial)
        prev_end = match.end()
        first = False


NAME = "<name>"  # a run of capitalized words inside a sentence, as one symbol of the skip model
NUMBER = "<num>"


def skip_symbols(tokens: list[Token], keys: list[str | None]) -> list[tuple[str, int, int]]:
    """The text as runs of the skip model's symbols: (symbol, first token, last token), where a run of names
    inside a sentence is one NAME and a number is NUMBER; a token not linked to the previous one starts over
    (the symbol ``""`` marks the break)."""
    out: list[tuple[str, int, int]] = []
    for i, tok in enumerate(tokens):
        if not tok.linked:
            out.append(("", i, i))
        if keys[i] is None:
            symbol = NUMBER
        elif tok.text[0].isupper() and not tok.initial and not tok.text.isupper():
            symbol = NAME
        else:
            symbol = keys[i]
        if symbol == NAME and tok.linked and out and out[-1][0] == NAME:
            out[-1] = (NAME, out[-1][1], i)
        else:
            out.append((symbol, i, i))
    return out


def skip_pairs(symbols: list[tuple[str, int, int]]) -> list[tuple[str, str]]:
    """(symbol, symbol two further on) within each unbroken run of ``skip_symbols``."""
    names = [s for s, _, _ in symbols]
    return [(a, b) for a, mid, b in zip(names, names[1:], names[2:]) if a and mid and b]
