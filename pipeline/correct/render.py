"""The written form of a correction: the document's tone placement and the printed token's case.

A candidate is a lexicon key (lowercase, "hòa" placement); it is written back in the style the run asks for
(``--tone-style``, or with ``keep`` the token's own or the document's majority placement) and in the case of the
token it replaces.
"""
from __future__ import annotations

from collections import Counter

from pipeline.vi.tokens import Token
from pipeline.vi.tone import CANDIDATE, restyle_word


def written_form(cand: str, tok: Token, after_capital: bool, capitalized: set[str], style: str, keep: bool) -> str:
    """The candidate as the document writes it: tone placement (with ``keep``, the token's own if it shows
    one, else ``style``, the document's), case, and names inside a name ("Phần Lan": ``capitalized`` holds the
    keys the batch writes capitalized)."""
    style = placement(tok.text) or style if keep else style
    word = " ".join(restyle_word(w, style) for w in cand.split(" "))
    if after_capital and cand in capitalized:
        word = word[:1].upper() + word[1:]
    return case_like(word, tok.text, tok.initial)


def case_like(word: str, model: str, initial: bool) -> str:
    """``word`` with the capitalization of ``model`` (lower, Title or UPPER); "Iưu" reads as "lưu" mid-sentence."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper() and (initial or not (model[0] == "I" and word[:1] in "lL")):
        return word[:1].upper() + word[1:]
    return word


def document_style(text: str) -> str:
    """"hòa" or "hoà": the tone placement most open oa/oe/uy syllables of ``text`` use ("hòa" when none do)."""
    votes = Counter(placement(m.group()) for m in CANDIDATE.finditer(text))
    return "hoà" if votes["hoà"] > votes["hòa"] else "hòa"


def placement(word: str) -> str | None:
    """The style a word's own tone placement shows, or None when both styles write it alike."""
    if restyle_word(word, "hòa") == restyle_word(word, "hoà"):
        return None
    return "hòa" if restyle_word(word, "hòa") == word else ("hoà" if restyle_word(word, "hoà") == word else None)
