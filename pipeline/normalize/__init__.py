"""Diacritic normalization: NFC, look-alike code points, invisible characters, tone placement."""
from pipeline.vi.tone import TONE_STYLES, restyle_word, tone_key
from pipeline.normalize.unicode import normalize_edits, normalize_word

__all__ = ["TONE_STYLES", "normalize_edits", "normalize_word", "restyle_word", "tone_key"]
