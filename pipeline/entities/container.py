"""The entity mentions of a document as a spaCy ``Doc`` (``doc.ents``), so that displaCy can render them.

No spaCy language pipeline is used (spaCy's "vi" tokenizer needs pyvi): the ``Doc`` is built from this
stage's own tokens, cut at every mention boundary, with its text equal to the input text character for
character, so that ``span.start_char``/``span.end_char`` are the clean-text offsets.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

_WORD = re.compile(r"[\w\u0300-\u036f]+(?:[-'’.][\w\u0300-\u036f]+)*|\S")


def _pieces(text: str, cuts: list[int]) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags covering ``text`` exactly, each word cut at the offsets in ``cuts``."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _WORD.finditer(text):
        gap = text[pos:m.start()]
        if gap.startswith(" ") and words:
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        start = m.start()
        for cut in cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, m.end())]:
            words.append(text[start:cut])
            spaces.append(False)
            start = cut
        words.append(text[start:m.end()])
        spaces.append(False)
        pos = m.end()
    gap = text[pos:]
    if gap.startswith(" ") and words:
        spaces[-1], gap = True, gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)
    return words, spaces


def to_doc(text: str, spans: list[tuple[int, int, str, str]]) -> Doc:
    """A ``Doc`` of ``text`` whose ``ents`` are the non-overlapping (start, end, label, kb_id) spans."""
    cuts = sorted({s for s, _, _, _ in spans} | {e for _, e, _, _ in spans})
    words, spaces = _pieces(text, cuts)
    # A fresh Vocab per document: a shared one would keep every word string of the batch (unbounded memory).
    doc = Doc(Vocab(), words=words, spaces=spaces)
    ents = []
    for start, end, label, kb_id in spans:
        span = doc.char_span(start, end, label=label, kb_id=kb_id)
        if span is None:
            raise ValueError(f"mention {start}-{end} does not align with the tokens")
        ents.append(span)
    doc.ents = ents
    return doc
