"""The correct stage declared to the registry: its corpus pass (the batch's statistics) and its component."""
from __future__ import annotations

from typing import Any

from pipeline.correct.stats import CorpusStats
from pipeline.stage import Component, Placer, Record


class BatchStatistics:
    """The corrector's corpus pass: token, name, bigram and line counts of the whole batch (``CorpusStats``)."""

    def empty(self) -> CorpusStats:
        return CorpusStats()

    def count(self, text: str) -> CorpusStats:
        return CorpusStats.from_text(text)

    def merge(self, total: CorpusStats, part: CorpusStats) -> CorpusStats:
        return total.absorb(part)

    def digest(self, value: CorpusStats) -> str:
        return value.digest()


class Correct:
    """OCR post-correction: end-of-line dehyphenation attested by the batch, then the corrector's edits; the
    edits it only suggests are handed to the entity stage (``suggestions``, in the new clean coordinates)."""

    name, requires, assigns = "correct", ("text",), ("text", "edits", "suggestions")
    table = None
    corpus = BatchStatistics()
    optional = True
    help = "skip OCR correction"

    def load(self, options: Any, statistics: CorpusStats | None) -> Component:
        from pipeline.correct import Corrector
        from pipeline.correct.linebreaks import hyphenation_edits
        from pipeline.correct.lm import load_lm
        corrector = Corrector(stats=statistics, lm=load_lm(options.lm, options.lm_weight))

        def correct(record: Record) -> None:
            doc = record.doc
            # Without batch statistics (one text through the API), the text's own token counts.
            tokens = lambda: (statistics if statistics is not None else CorpusStats.from_text(doc.text)).tokens
            doc.add_edits(hyphenation_edits(doc.text, tokens))
            raw_edits = doc.add_edits(corrector.correct(doc.text, tone_style=record.tone_style))
            record.suggestions = {doc.clean.clean_extent(e.start, e.end): e.corrected
                                  for e in raw_edits if not e.applied}
        return correct

    def rows(self, record: Record, place: Placer) -> list[dict]:
        return []
