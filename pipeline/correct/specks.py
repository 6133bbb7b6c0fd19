"""Stray punctuation specks between words ("ngay - tại", "núi. : §", "Kính _ˆ Cung"): removal edits.

A scanner prints dirt and page edges as punctuation; tesseract pages owe about a sixth of their character
errors to it. The glyph classes live in ``data/specks.tsv``. A run of specks is removed (kind "spacing") only
when no author would have printed it: it holds a stray glyph, it mixes several marks, it trails a sentence's
final punctuation at a line end, or it is one mark between two lowercase words, in a document that does not
space that mark elsewhere, that either no typography sets apart (". ", ": ") or that the two words' bigram
says belongs to no dash ("ngay - tại"). A run may stand before an opening bracket or quote ("sứ là - ˆ -___
[Khúc]"). A stray glyph that running text never glues to a word's last letter is removed there too ("tron§": a
misread letter).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from pipeline.correct.decision import thresholds
from pipeline.document import CleanEdit
from pipeline.vi.syllable import is_vietnamese_syllable
from pipeline.vi.table import read_table

DATA_PATH = Path(__file__).parent / "data" / "specks.tsv"
SPECK_COLUMNS = ("name", "glyphs", "example?")
# P(the removal is right), measured on the tesseract estimation half (bench/correction.py): no stray or mixed
# run there was the author's; a single mark between words is the riskiest case.
STRAY_SCORE = 0.95
MIXED_SCORE = 0.9
SINGLE_SCORE = 0.8
SINGLE_UNSUPPORTED_SCORE = 0.4  # shown to a reader, never applied
HABIT_MIN = 2  # a document that spaces a mark this often elsewhere writes it on purpose ("rằng : ...")
_SENTENCE_PUNCT = set(".!?;:,")
_FINAL_MARKS = set(".!?…")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*")
TAIL_MAX_TOKENS = int(thresholds()["tail_max_tokens"])  # data/thresholds.tsv
_TAIL_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = ".,;:!?\"'“”‘’()[]-_"
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_PLACEHOLDER = re.compile(r"_{2,}[.,;:!?]*")  # a lost name or character, and the punctuation after it ("_____:")
_GLUED_UNDERSCORE = re.compile(r"[^_]_")  # an underscore glued after another mark: no placeholder is printed so


@lru_cache(maxsize=1)
def speck_classes() -> dict[str, frozenset[str]]:
    """{"stray": glyphs, "authorial": glyphs} from data/specks.tsv."""
    return {row.name: frozenset(row.glyphs) for row in read_table(DATA_PATH, SPECK_COLUMNS)}


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern[str]:
    glyphs = re.escape("".join(sorted(speck_classes()["stray"] | speck_classes()["authorial"])))
    token = f"[{glyphs}]+"
    after = "(?: (?=[\\w\\[(“‘\"])|[ \\t]*(?=\\n|$))"  # a word, an opening bracket or quote, or a line end
    return re.compile(f"(?:(?<=\\S) |^)(?P<run>{token}(?: {token})*){after}", re.MULTILINE)


def _is_repeat(token: str) -> bool:
    """"--", "...": an author's dash or ellipsis, never dirt."""
    return len(token) > 1 and len(set(token)) == 1


_SPEECH_OPENERS = frozenset(":;")  # set apart French-style before a dash or an ellipsis that opens speech or a list
_SPEECH_MARKS = frozenset(("-", "–", "—", "...", "…"))


def _authorial(tokens: list[str]) -> bool:
    """A spaced run an author or typesetter writes on purpose: a spaced ellipsis (". . .", after a glued full stop
    ". .": "đau đớn lòng. . ."), or a colon or semicolon set apart before a dash or an ellipsis ("hỏi : - Con",
    "gồm : - 5 xã ; - 3 thị trấn", "rằng : ... rồi"). Dirt is read in runs of other shapes ("bọn : : Nguyễn")."""
    if len(tokens) > 1 and all(set(t) == {"."} for t in tokens):
        return True
    return len(tokens) > 1 and tokens[0] in _SPEECH_OPENERS and all(t in _SPEECH_MARKS for t in tokens[1:])


@lru_cache(maxsize=1)
def _glued_pattern() -> re.Pattern[str]:
    glyphs = re.escape("".join(sorted(speck_classes()["glued"])))
    return re.compile(f"(?<=[^\\W\\d_])[{glyphs}]+(?=[\\s.,;:!?]|$)")


def speck_edits(text: str, strong_pair: Callable[[str, str], bool]) -> list[CleanEdit]:
    """Removal edits (corrected "") of stray punctuation runs in ``text``, and of stray glyphs glued to a word's
    last letter (a misread letter: "tron§"; the word itself is the corrector's); ``strong_pair(left, right)``
    says whether two lowercase words belong together (a dictionary word or a frequent bigram)."""
    stray = speck_classes()["stray"]
    edits = [CleanEdit(m.start(), m.end(), "", "spacing", STRAY_SCORE, False) for m in _glued_pattern().finditer(text)]
    spaced_marks = [m["run"] for m in _run_pattern().finditer(text)]
    for match in _run_pattern().finditer(text):
        run = match["run"]
        tokens = run.split(" ")
        start, end = match.start("run"), match.end("run")
        # The text after the run starts at ``a``, the text before it without its trailing spaces ends at ``b``
        # (offsets, not copies of the text: a long document has many runs).
        a = end
        while a < len(text) and text[a] in " \t":
            a += 1
        if len(tokens) > 1 and set(tokens[0]) <= _FINAL_MARKS and start > 1 and text[start - 2].isalnum() \
                and text[a:a + 1] in ("", "\n"):
            # "lâu năm . ˆ' -" at a line's end: the author's spaced full stop ends the sentence; only what follows
            # it is dirt (mid-line, "cửa . ˆ'ˆ- - Muôn", the mark is read with the dirt)
            start += len(tokens[0]) + 1
            tokens, run = tokens[1:], " ".join(tokens[1:])
        b = start
        while b > 0 and text[b - 1] in " \t":
            b -= 1
        last, following = text[b - 1:b], text[a:a + 1]  # "" at the text's edges
        line_start, line_end = last in ("", "\n"), following in ("", "\n")
        if line_start and line_end:
            continue
        cut = (start - 1, end) if not line_start else (start, a)
        if any(_PLACEHOLDER.fullmatch(t) for t in tokens) or (any(_is_repeat(t) for t in tokens)
                                                              and len(set(run.replace(" ", ""))) == 1):
            continue  # "____", "_____:", "-- --": a placeholder (books print them for lost names) or a dash; "-_",
            # "-___", ".___" (underscores glued after another mark: no placeholder is printed so) are dirt
        if _authorial(tokens):
            continue
        if set(run) == {"°"} and last.isdigit():
            continue  # a degree sign set apart from its number ("21,5 ° đến", "200 ° C")
        if any(c in stray for c in run):
            score = STRAY_SCORE
        elif any(t[0] == "'" for t in tokens):
            continue  # a quote mark that opens its token quotes something ("dấu nháy đơn ' '"); glued after
            # another mark ("-.'") it is dirt
        elif line_start:
            continue
        elif any(_GLUED_UNDERSCORE.search(t) for t in tokens):  # "-___", "-_": dirt, before a name too ("-___ Tiết")
            score = MIXED_SCORE
        elif last in _SENTENCE_PUNCT and (line_end or len(tokens) > 1):
            score = MIXED_SCORE
        elif not last.isalnum() or not following.islower():
            continue
        elif len(tokens) > 1 or (len(set(run)) > 1 and ("_" in run or "'" in run)):  # "- _", "-_", "-.'"
            score = MIXED_SCORE
        elif spaced_marks.count(run) > HABIT_MIN:
            continue
        elif run in speck_classes()["unspaced"]:
            score = SINGLE_SCORE
        elif run in speck_classes()["dash"]:
            score = SINGLE_UNSUPPORTED_SCORE
        else:
            k = b  # the word that ends the text before the run: text[k:b] (the last character is no newline here)
            while k > 0 and _WORD_CHAR.match(text[k - 1]):
                k -= 1
            right = _WORD.match(text, a)
            supported = k < b and right is not None and strong_pair(text[k:b], right.group())
            score = SINGLE_SCORE if supported else SINGLE_UNSUPPORTED_SCORE
        edits.append(CleanEdit(cut[0], cut[1], "", "spacing", score, False))
    return edits


def tail_junk_edits(text: str, is_word: Callable[[str], bool]) -> list[CleanEdit]:
    """Removal of the dirt a page's bottom edge leaves after the text's last sentence ("… mà thôi. ˆ SP sỸ",
    "… tới. : n. : S. Ta vê vo `"): the longest tail of the text's last line that follows a sentence-final mark,
    when it holds a stray glyph (a speck) and at least half of its tokens are no words (``is_word``: a dictionary
    word written in one case, "an", "Ta"), or when the tail after the last sentence-final mark has several tokens,
    most of them no words, and one that no author writes ("… bị chết. 1V ễ z : S", "… hoàng đế. XU an an c TÊn"),
    and none is a number (a page number), a leaf marker, a word with a
    footnote number or ends with a hyphen (a word going on overleaf). A tail of a
    word or two ("Sau", "Bế Văn") starts a sentence that goes on on the next page, and a tail that ends with its
    own full stop is a sentence ("Long9 chép."): both stay."""
    end = len(text.rstrip())
    line_start = text.rfind("\n", 0, end) + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, line_start, end)]
    for cut in ends:
        if text[cut:cut + 1] in " \t" and text[line_start:cut].strip(" .!?\"'”’)]") and _junk_tail(
                text[cut:end].split(), is_word, cut == ends[-1]):
            return [CleanEdit(cut, end, "", "spacing", STRAY_SCORE, False)]  # a speck or a token no one writes
    return []


_LEAF_MARK = re.compile(r"\[\d+[a-d]\]")
_DEGREES = re.compile(r"\d°")


def _junk_tail(tail: list[str], is_word: Callable[[str], bool], shortest: bool) -> bool:
    """The tokens after a text's last sentence are dirt (see ``tail_junk_edits``); ``shortest``: they follow the
    last sentence-final mark."""
    if not tail or len(tail) > TAIL_MAX_TOKENS or tail[-1][-1] in ".!?" or any(t.isdigit() or t[-2:-1].isalpha() and t[-1] == "-" for t in tail):
        return False
    if any(_LEAF_MARK.fullmatch(t.strip(".,;:")) or t[-1].isdigit() and _numbered(t, is_word) for t in tail):
        return False  # a book's leaf marker ("[11b] Nếu", "[2b]") or a footnote number ("Giờ Thân7"): no dirt
    if any(_DEGREES.search(t) for t in tail):
        return False  # a measure in degrees ("18°13′14″B 63°4′7″T"): no dirt
    stray = speck_classes()["stray"]
    words = [t.strip(_EDGE_PUNCT) for t in tail]
    odd = sum(not is_word(w) for w in words)
    # dirt holds a glyph no text prints (a scanner's speck); one-letter words ("Ở", "Y"), names a dictionary does
    # not know ("Kpă Klơng", "Đ. V. Lợi") and short real words ("Ý tứ") are a sentence going on on the next page
    if any(c in stray for t in tail for c in t):
        return 2 * odd >= len(tail)
    # or, in a tail of several tokens that are mostly no words, a token no author writes ("z", "TÊn")
    return shortest and len(tail) > 1 and 2 * odd > len(tail) and any(_unwritten(w) for w in words)


def _numbered(token: str, is_word: Callable[[str], bool]) -> bool:
    """A token that ends with digits is a word's footnote number ("Thân7") or a number of some kind ("n°6"), unless
    the letters before the digits are no word ("y3": a speck's letter and digit)."""
    stem = token.rstrip("0123456789")
    return not stem.isalpha() or is_word(stem)


_FOREIGN_LETTERS = frozenset("fjwz")  # letters Vietnamese never writes: alone, no word


def _unwritten(word: str) -> bool:
    """A token no author writes: a lowercase letter Vietnamese never writes on its own ("z"), or a Vietnamese
    syllable printed in mixed case ("TÊn", "sỸ"; a name in mixed case, "VnExpress", spells no syllable)."""
    if word in _FOREIGN_LETTERS:
        return True
    return (not (word.islower() or word.isupper() or word.istitle())
            and is_vietnamese_syllable(word.lower()))
