"""The segment stage declared to the registry: sentence boundaries and the sentences table."""
from __future__ import annotations

from typing import Any

from pipeline.stage import Component, Placer, Record, Table


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
