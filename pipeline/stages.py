"""The built-in stages, registered in the order they run: normalize, correct, segment, entities, dates.

Each one is a thin declaration over its folder (what it requires and assigns on the ``Record``, its table, its
corpus pass) and loads its models lazily, so that reading the registry (the CLI, the table schema) imports no
model. A new stage is one folder and one ``REGISTRY.register(...)`` (see ``pipeline.stage``).
"""
from __future__ import annotations

from typing import Any

from pipeline.stage import Component, Placer, Record, Registry, Table

REGISTRY = Registry()
register = REGISTRY.register

_SPAN = ("doc_id", "sent_id", "start", "end")


class Normalize:
    """NFC, look-alike code points, invisible characters, tone placement: raw edits, always applied."""

    name, requires, assigns = "normalize", (), ("text", "edits")
    # Every edit of the raw text: normalization, dehyphenation and OCR corrections (applied or suggested).
    table = Table("corrections", (*_SPAN, "original", "corrected", "kind", "score", "applied"), "n_corrections",
                  surface="original", types={"score": "float", "applied": "bool"}, order=20)
    corpus = None
    optional = False
    help = "diacritic normalization"

    def load(self, options: Any, statistics: Any) -> Component:
        from pipeline.normalize import normalize_edits

        def normalize(record: Record) -> None:
            record.doc.add_raw_edits(normalize_edits(record.doc.raw, record.tone_style))
        return normalize

    def rows(self, record: Record, place: Placer) -> list[dict]:
        doc_id = record.doc.doc_id
        return [{"doc_id": doc_id, "sent_id": place.sent_id(e.start), "start": e.start, "end": e.end,
                 "original": e.original, "corrected": e.corrected, "kind": e.kind, "score": round(e.score, 4),
                 "applied": e.applied} for e in sorted(record.doc.edits, key=lambda e: (e.start, e.end))]


class BatchStatistics:
    """The corrector's corpus pass: token, name, bigram and line counts of the whole batch (``CorpusStats``)."""

    def empty(self) -> Any:
        from pipeline.correct import CorpusStats
        return CorpusStats()

    def count(self, text: str) -> Any:
        from pipeline.correct import CorpusStats
        return CorpusStats.from_text(text)

    def merge(self, total: Any, part: Any) -> Any:
        return total.absorb(part)

    def digest(self, value: Any) -> str:
        return value.digest()


class Correct:
    """OCR post-correction: end-of-line dehyphenation attested by the batch, then the corrector's edits; the
    edits it only suggests are handed to the entity stage (``suggestions``, in the new clean coordinates)."""

    name, requires, assigns = "correct", ("text",), ("text", "edits", "suggestions")
    table = None
    corpus = BatchStatistics()
    optional = True
    help = "skip OCR correction"

    def load(self, options: Any, statistics: Any) -> Component:
        from pipeline.correct import Corrector, CorpusStats
        from pipeline.correct.linebreaks import hyphenation_edits
        from pipeline.correct.lm import load_lm
        corrector = Corrector(stats=statistics, lm=load_lm(options.lm, options.lm_weight))

        def correct(record: Record) -> None:
            doc = record.doc
            # Without batch statistics (one text through the API), the text's own token counts.
            tokens = lambda: (statistics if statistics is not None else CorpusStats.from_text(doc.text)).tokens  # noqa: E731
            doc.add_edits(hyphenation_edits(doc.text, tokens))
            raw_edits = doc.add_edits(corrector.correct(doc.text, tone_style=record.tone_style))
            record.suggestions = {doc.clean.clean_extent(e.start, e.end): e.corrected
                                  for e in raw_edits if not e.applied}
        return correct

    def rows(self, record: Record, place: Placer) -> list[dict]:
        return []


class Segment:
    """Sentence boundaries of the clean text."""

    name, requires, assigns = "segment", ("text",), ("sentences",)
    table = Table("sentences", ("doc_id", "sent_id", "start", "end", "text", "text_clean"), "n_sentences",
                  surface="text", order=10)
    corpus = None
    optional = False
    help = "sentence boundaries"

    def load(self, options: Any, statistics: Any) -> Component:
        from pipeline.segment import split_sentences

        def segment(record: Record) -> None:
            record.sentences = split_sentences(record.text)
        return segment

    def rows(self, record: Record, place: Placer) -> list[dict]:
        raw, text, doc_id = record.doc.raw, record.text, record.doc.doc_id
        return [{"doc_id": doc_id, "sent_id": i, "start": rs, "end": re_, "text": raw[rs:re_], "text_clean": text[cs:ce]}
                for i, ((cs, ce), (rs, re_)) in enumerate(zip(record.sentences, place.raw_sentences))]


class Entities:
    """Named entities (PER, LOC, ORG, MISC) with their canonical name and entity id."""

    name, requires, assigns = "entities", ("text", "sentences", "suggestions"), ("entities",)
    table = Table("entities", (*_SPAN, "text", "text_clean", "label", "canonical", "entity_id", "score", "source"),
                  "n_entities", surface="text", types={"score": "float"}, order=30)
    corpus = None
    optional = True
    help = "skip named entities"

    def load(self, options: Any, statistics: Any) -> Component:
        from pipeline.entities import EntityRecognizer
        recognizer = EntityRecognizer()

        def entities(record: Record) -> None:
            record.entities = recognizer(record.text, record.sentences, record.suggestions)
        return entities

    def rows(self, record: Record, place: Placer) -> list[dict]:
        if not record.entities:
            return []
        from pipeline.entities import entity_key
        raw, text, doc_id = record.doc.raw, record.text, record.doc.doc_id
        rows = []
        for m in record.entities:
            rs, re_ = place.to_raw(m.start, m.end)
            rows.append({"doc_id": doc_id, "sent_id": place.sent_id(rs), "start": rs, "end": re_,
                         "text": raw[rs:re_], "text_clean": text[m.start:m.end], "label": m.label,
                         "canonical": m.canonical, "entity_id": entity_key(m.canonical, m.label),
                         "score": round(m.score, 4), "source": m.source})
        return rows


class Dates:
    """Temporal expressions, valued (years inferred from the narrative, lunar and Gregorian calendars)."""

    name, requires, assigns = "dates", ("text", "sentences"), ("dates",)
    table = Table("dates", (*_SPAN, "text", "value", "granularity", "mod", "year_inferred", "anchor", "calendar",
                            "value_gregorian"), "n_dates", surface="text",
                  types={"year_inferred": "bool", "anchor": "int"}, order=40)
    corpus = None
    optional = True
    help = "skip dates"

    def load(self, options: Any, statistics: Any) -> Component:
        from pipeline.dates import DateExtractor
        extractor = DateExtractor(declared_calendar=options.declared_calendar)

        def dates(record: Record) -> None:
            record.dates = extractor(record.text, record.sentences)
        return dates

    def rows(self, record: Record, place: Placer) -> list[dict]:
        raw, doc_id = record.doc.raw, record.doc.doc_id
        rows = []
        for d in record.dates:
            rs, re_ = place.to_raw(d.start, d.end)
            anchor = place.to_raw(*d.anchor)[0] if d.anchor else None
            rows.append({"doc_id": doc_id, "sent_id": place.sent_id(rs), "start": rs, "end": re_,
                         "text": raw[rs:re_], "value": d.value, "granularity": d.granularity, "mod": d.mod,
                         "year_inferred": d.year_inferred, "anchor": anchor, "calendar": d.calendar,
                         "value_gregorian": d.value_gregorian})
        return rows


for _stage in (Normalize(), Correct(), Segment(), Entities(), Dates()):
    register(_stage)
