"""The dates stage declared to the registry: its record fields, its table and its component."""
from __future__ import annotations

from typing import Any

from pipeline.stage import SPAN_COLUMNS, Component, Placer, Record, Table


class Dates:
    """Temporal expressions, valued (years inferred from the narrative, lunar and Gregorian calendars)."""

    name, requires, assigns = "dates", ("text", "sentences"), ("dates",)
    table = Table("dates", (*SPAN_COLUMNS, "text", "value", "granularity", "mod", "year_inferred", "anchor", "calendar",
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
