"""The entities stage declared to the registry: its record fields, its table and its component."""
from __future__ import annotations

from typing import Any

from pipeline.stage import SPAN_COLUMNS, Component, Placer, Record, Table


class Entities:
    """Named entities (PER, LOC, ORG, MISC) with their canonical name and entity id."""

    name, requires, assigns = "entities", ("text", "sentences", "suggestions"), ("entities",)
    table = Table("entities", (*SPAN_COLUMNS, "text", "text_clean", "label", "canonical", "entity_id", "score", "source"),
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
        raw, text, doc_id = record.doc.raw, record.text, record.doc.doc_id
        rows = []
        for m in record.entities:
            rs, re_ = place.to_raw(m.start, m.end)
            rows.append({"doc_id": doc_id, "sent_id": place.sent_id(rs), "start": rs, "end": re_,
                         "text": raw[rs:re_], "text_clean": text[m.start:m.end], "label": m.label,
                         "canonical": m.canonical, "entity_id": m.entity_id,
                         "score": round(m.score, 4), "source": m.source})
        return rows
