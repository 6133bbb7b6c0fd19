"""A Vietnamese written-syllable model (onset, rhyme, tone and their constraints) and a token classifier.

The phonology lives in ``data/phonology.tsv``; the ingest, correction and entity stages call
``is_vietnamese_syllable`` and ``classify_token``, so both are cached and never raise.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.vi.table import one_of, read_table
from pipeline.vi.tone import TONE_MARKS

PHONOLOGY_PATH = Path(__file__).parent / "data" / "phonology.tsv"
PHONOLOGY_COLUMNS = ("section", "value", "example?")
SECTIONS = ("onset", "rhyme", "loan_rhyme", "stop_coda", "front_only", "not_front", "damage_cluster")

_TONE_OF_MARK = {m: i + 1 for i, m in enumerate(TONE_MARKS)}
SAC, NANG = 2, 5
# Letters only Vietnamese writes (a French or Russian transliteration never has them).
_VIETNAMESE_ONLY = set("ăơưđ") | set("ảãạẻẽẹỉĩịỏõọủũụỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựìíòóúýỳ")
_CIRCUMFLEXED = set("âêô")  # French writes them too, but hardly in a lowercase word of Vietnamese prose
_LETTERS = re.compile(r"^[^\W\d_]+$")
_NUMBER = re.compile(r"^[\d][\d.,\-/:]*$")


def load_phonology(path: Path = PHONOLOGY_PATH) -> dict[str, list[str]]:
    """The values of each section of the phonology table, in file order."""
    table: dict[str, list[str]] = {}
    for row in read_table(path, PHONOLOGY_COLUMNS, {"section": one_of(*SECTIONS)}):
        table.setdefault(row.section, []).append(row.value)
    return table


_PHON = load_phonology()
ONSETS = tuple(sorted(_PHON["onset"], key=len, reverse=True)) + ("",)
RHYMES = frozenset(_PHON["rhyme"]) | frozenset(_PHON.get("loan_rhyme", []))
STOP_CODAS = tuple(_PHON["stop_coda"])
FRONT_ONLY = frozenset(_PHON["front_only"])
NOT_FRONT = frozenset(_PHON["not_front"])
_FRONT_STARTS = ("e", "ê", "i", "y")
DAMAGE_CLUSTERS = tuple(_PHON["damage_cluster"])


@lru_cache(maxsize=65536)
def split_tone(word: str) -> tuple[str, tuple[int, ...]]:
    """The word without tone marks (other diacritics kept, NFC) and the tone numbers it carried, in order."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = tuple(_TONE_OF_MARK[c] for c in decomposed if c in _TONE_OF_MARK)
    if not tones:
        return unicodedata.normalize("NFC", word), ()
    bare = "".join(c for c in decomposed if c not in _TONE_OF_MARK)
    return unicodedata.normalize("NFC", bare), tones


def _rhyme_ok(onset: str, rhyme: str, tone: int) -> bool:
    if rhyme not in RHYMES:
        return False
    if rhyme.endswith(STOP_CODAS) and tone not in (SAC, NANG):
        return False
    front = rhyme.startswith(_FRONT_STARTS)
    if onset in FRONT_ONLY and not front:
        return False
    if onset in NOT_FRONT and front:
        return False
    if rhyme.startswith("yê") and onset:
        return False
    return True


@lru_cache(maxsize=65536)
def parse_syllable(toneless: str, tone: int = 0) -> tuple[str, str] | None:
    """(onset, rhyme) of a lowercase toneless syllable, or None if Vietnamese spelling cannot produce it."""
    for onset in ONSETS:
        if not toneless.startswith(onset):
            continue
        rest = toneless[len(onset):]
        if onset == "qu":
            if ("u" + rest in RHYMES and _rhyme_ok("", "u" + rest, tone)) or (
                rest[:1] not in ("o", "u", "") and _rhyme_ok("", rest, tone)
            ):
                return onset, rest
            continue
        if onset == "gi":  # "gì", "giết", "gìn": the i of the onset doubles as the vowel
            if not rest.startswith(("i", "y")) and (
                rest == "" or _rhyme_ok("", rest, tone) or _rhyme_ok("", "i" + rest, tone)
            ):
                return onset, rest or "i"
            continue
        if rest and _rhyme_ok(onset, rest, tone):
            return onset, rest
    return None


_MARKED_VOWELS = set("ăâêôơư")
_VOWELS = set("aăâeêioôơuưy")
_TWO_PLACES = ("oa", "oe", "uy")  # open rhymes whose tone goes on either vowel ("hòa" / "hoà")


def tone_places(toneless: str, onset: str) -> tuple[int, ...]:
    """Indexes in a toneless lowercase syllable of the letters that may carry its tone mark."""
    start = len(onset)
    written = toneless[start:]
    vowels = [i for i, c in enumerate(written) if c in _VOWELS]
    if not vowels:
        return (start - 1,) if onset == "gi" else ()  # "gì", "gìn": the i of the onset is the vowel
    marked = [i for i in vowels if written[i] in _MARKED_VOWELS]
    if marked:
        places = [marked[-1]]
    elif vowels[-1] < len(written) - 1 or len(vowels) == 1:
        places = [vowels[-1]]  # a final consonant: the last vowel
    elif len(vowels) == 3:
        places = [vowels[1]]
    elif written.endswith(_TWO_PLACES):
        places = [vowels[0], vowels[1]]
    else:
        places = [vowels[0]]
    return tuple(start + i for i in places)


def _tone_index(word: str) -> int:
    """Index of the letter carrying the tone mark in an NFC lowercase word (-1 if none)."""
    for i, c in enumerate(word):
        if any(m in _TONE_OF_MARK for m in unicodedata.normalize("NFD", c)):
            return i
    return -1


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(token: str) -> bool:
    """True if ``token`` is spelled as one Vietnamese syllable (any case, either tone placement)."""
    if not token or not _LETTERS.match(token):
        return False
    lower = token.lower()
    if token != lower and token[1:] != lower[1:] and token != token.upper():
        return False  # mixed case inside the word ("NNhưng", "TôngMậu")
    toneless, tones = split_tone(lower)
    if len(tones) > 1:
        return False
    parsed = parse_syllable(toneless, tones[0] if tones else 0)
    if parsed is None:
        return False
    return not tones or _tone_index(lower) in tone_places(toneless, parsed[0])


def _looks_damaged(token: str) -> bool:
    """Letters no language would spell so: doubled capitals, a capital I for l, broken glyphs, Vietnamese marks."""
    if len(token) > 2 and token[0].isupper() and token[1].isupper() and token[2].islower():
        return True
    if any(c.isupper() for c in token[1:]) and any(c.islower() for c in token):
        return True
    if token[0] == "I" and len(token) > 1 and token[1].islower() and is_vietnamese_syllable("l" + token[1:]):
        return True
    lower = token.lower()
    if token[0].islower() and (split_tone(lower)[1] or any(c in lower for c in DAMAGE_CLUSTERS)):
        return True  # lowercase foreign words are rare in Vietnamese prose; marks or broken glyphs are OCR
    return any(c in _VIETNAMESE_ONLY for c in lower) or len(split_tone(lower)[1]) > 1


_NO_OTHER_LANGUAGE = frozenset("\u031b\u0306\u0323\u0309")  # horn (ơ ư), breve (ă), dot below, hook above


def written_only_in_vietnamese(token: str) -> bool:
    """True when ``token`` holds a letter or mark no other Latin-script language uses (đ, ơ, ư, ă, a dot below,
    a hook above): "đươc", "ngưòi" are Vietnamese words misspelt, never foreign words, however often a corpus
    writes them so; "café", "régime" are not."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    return "đ" in token.lower() or any(c in _NO_OTHER_LANGUAGE for c in decomposed)


def misread_class(token: str) -> str:
    """How to read a "foreign" token that stands where a Vietnamese word would (lowercase, or capitalized only
    because it starts a sentence): "damage" when its lowercase form shows Vietnamese marks ("lâp", "Muà",
    "Oâng"), else "stray" (plain letters: "tronh", "sainh"), a foreign word or an OCR slip."""
    lower = token.lower()
    if _looks_damaged(lower) or any(c in _CIRCUMFLEXED for c in lower):
        return "damage"
    return "stray"


def near_syllable(token: str) -> bool:
    """True if the letters of ``token``, tone aside, spell a Vietnamese syllable ("Môc", "Muà", "lâp")."""
    toneless = split_tone(token.lower())[0]
    return bool(_LETTERS.match(toneless)) and any(parse_syllable(toneless, tone) for tone in (0, SAC))


@lru_cache(maxsize=65536)
def classify_token(token: str) -> str:
    """"vi" | "foreign" | "number" | "damage": what kind of word a token is, from its spelling alone."""
    if not token:
        return "damage"
    if _NUMBER.match(token):
        return "number"
    if not _LETTERS.match(token):
        letters = token.replace(".", "").replace("-", "").replace("'", "")
        if letters and _LETTERS.match(letters):
            return "foreign" if not _looks_damaged(letters) else "damage"
        return "damage"
    if is_vietnamese_syllable(token):
        return "vi"
    if _looks_damaged(token):
        return "damage"
    return "foreign"
