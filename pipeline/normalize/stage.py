"""The normalize stage declared to the registry: raw edits, always applied; it owns the corrections table
(every edit of the document: normalization, dehyphenation and OCR corrections)."""
from __future__ import annotations

from typing import Any

from pipeline.stage import SPAN_COLUMNS, Component, Placer, Record, Table


class Normalize:
    """NFC, look-alike code points, invisible characters, tone placement: raw edits, always applied."""

    name, requires, assigns = "normalize", (), ("text", "edits")
    # Every edit of the raw text: normalization, dehyphenation and OCR corrections (applied or suggested).
    table = Table("corrections", (*SPAN_COLUMNS, "original", "corrected", "kind", "score", "applied"), "n_corrections",
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
