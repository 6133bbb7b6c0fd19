"""The run's tables merged from each document's rows, in doc_id order, with one canonical name per entity.

The rows come from a loader (the engine's part store), so memory stays flat however large the run is; nothing is
renamed into place unless every table holds exactly the rows documents.csv reports.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from pipeline.export.entity_index import EntityIndex
from pipeline.export.schema import PER_DOCUMENT_TABLES, TABLES, column_types, count_columns
from pipeline.export.tables import TableWriter
from pipeline.stages import REGISTRY

RowsOf = Callable[[str], "dict[str, list[dict]] | None"]


class IncompleteTables(Exception):
    """The tables do not hold the rows the documents reported; none was replaced."""


def merge_tables(out: Path, doc_ids: list[str], rows_of: RowsOf, documents: list[dict], fmt: str) -> None:
    """Write every table from each document's rows (``rows_of(doc_id)``, None when lost), ``documents`` as
    documents.csv, and the entity index; canonical names are rewritten to the run's choice."""
    ordered = sorted(doc_ids)
    index = EntityIndex()
    for doc_id in ordered:
        rows = rows_of(doc_id)
        if rows:
            index.add(rows.get("entities", []))
    canonical = index.canonical_names()
    tables = list(PER_DOCUMENT_TABLES)
    writers = {name: TableWriter(out, name, TABLES[name], column_types(name), fmt)
               for name in (*tables, "documents", "entity_index")}
    try:
        for doc_id in ordered:
            rows = rows_of(doc_id) or {}
            for row in rows.get("entities", []):
                row["canonical"] = canonical.get(row["entity_id"], row["canonical"])
            for name in tables:
                writers[name].write(rows.get(name, []))
        writers["documents"].write(sorted(documents, key=lambda r: r["doc_id"]))
        writers["entity_index"].write(index.rows(canonical))
        for writer in writers.values():
            writer.finish()
        check_row_counts(writers, documents)
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.commit()


def check_row_counts(writers: dict[str, TableWriter], documents: list[dict]) -> None:
    """Every table must hold exactly the rows the documents reported (a part lost or overwritten is caught)."""
    expected = {table.name: sum(row[table.count] for row in documents) for table in REGISTRY.tables()}
    expected["documents"] = len(documents)
    wrong = [f"{name}: {writers[name].rows:,} rows written, {count:,} reported by the documents"
             for name, count in expected.items() if writers[name].rows != count]
    if wrong:
        raise IncompleteTables(f"the tables do not hold the rows the documents reported ({'; '.join(wrong)}); no "
                               "table was replaced; run again without --resume")


__all__ = ["IncompleteTables", "count_columns", "merge_tables"]
