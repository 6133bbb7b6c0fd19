"""OCR post-correction: confusion model (data/), lexicon, corpus statistics, corrector (the syllable model is
pipeline/vi/syllable.py)."""
from pipeline.correct.lexicon import RESOURCE_NAME, build_lexicon
from pipeline.resources import register_builder

register_builder(RESOURCE_NAME, build_lexicon)

from pipeline.correct.stats import CorpusStats  # noqa: E402
from pipeline.correct.corrector import Corrector  # noqa: E402

__all__ = ["CorpusStats", "Corrector"]
