"""Diacritic normalization: NFC, look-alike code points, invisible characters, tone placement (the placement of
one word is pipeline/vi/tone.py; TONE_STYLES are this stage's --tone-style choices)."""
from pipeline.normalize.unicode import normalize_edits, normalize_word
from pipeline.vi.tone import TONE_STYLES

__all__ = ["TONE_STYLES", "normalize_edits", "normalize_word"]
