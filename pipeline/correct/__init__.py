"""OCR post-correction: syllable model, confusion model (data/), lexicon, corpus statistics, corrector."""
from pipeline.correct.lexicon import RESOURCE_NAME, build_lexicon
from pipeline.resources import register_builder

register_builder(RESOURCE_NAME, build_lexicon)

from pipeline.correct.stats import CorpusStats  # noqa: E402
from pipeline.correct.corrector import Corrector  # noqa: E402
from pipeline.vi.syllable import classify_token, is_vietnamese_syllable  # noqa: E402

__all__ = ["CorpusStats", "Corrector", "classify_token", "is_vietnamese_syllable"]
