"""export.merge: the run's tables from each document's rows, in doc_id order, one canonical name per entity, the
entity index, and nothing renamed into place when a table lacks rows its documents reported."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.export.merge import IncompleteTables, merge_tables
from pipeline.export.schema import TABLES, count_columns


def entity(doc_id: str, start: int, text: str, canonical: str) -> dict:
    return {"doc_id": doc_id, "sent_id": 0, "start": start, "end": start + len(text), "text": text,
            "text_clean": text, "label": "PER", "canonical": canonical, "entity_id": "PER:nguyen_hue",
            "score": 0.9, "source": "crf"}


def document(doc_id: str, n_entities: int) -> dict:
    counts = dict.fromkeys(count_columns(), 0)
    counts["n_entities"] = n_entities
    return {"doc_id": doc_id, "path": f"{doc_id}.txt", "sha256": "x", "encoding": "utf-8", "n_chars": 10,
            **counts, "status": "ok", "error": "", "warnings": "", "seconds": 0.1}


PARTS = {"b": {"entities": [entity("b", 5, "Nguyễn Huệ", "Nguyễn Huệ")]},
         "a": {"entities": [entity("a", 0, "Nguyễn Huệ", "Nguyễn Huệ"), entity("a", 20, "Nguyen Hue", "Nguyen Hue")]}}


def test_tables_are_merged_in_doc_id_order_with_the_runs_canonical_names(tmp_path):
    merge_tables(tmp_path, ["b", "a"], lambda doc_id: PARTS[doc_id], [document("b", 1), document("a", 2)], "csv")
    read = lambda name: pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    entities = read("entities")
    assert list(entities.columns) == TABLES["entities"]
    assert list(entities.doc_id) == ["a", "a", "b"]
    assert set(entities.canonical) == {"Nguyễn Huệ"}  # the run's choice, also for the unaccented mention
    index = read("entity_index")
    assert index.to_dict("records") == [{
        "entity_id": "PER:nguyen_hue", "canonical": "Nguyễn Huệ", "label": "PER", "n_mentions": "3",
        "n_documents": "2", "variants": "Nguyễn Huệ:2|Nguyen Hue:1", "first_doc_id": "a", "first_start": "0",
        "last_doc_id": "b", "last_start": "5"}]
    assert list(read("documents").doc_id) == ["a", "b"]
    assert read("sentences").empty and list(read("sentences").columns) == TABLES["sentences"]


def test_a_lost_document_leaves_the_previous_tables(tmp_path):
    (tmp_path / "entities.csv").write_text("previous\n", encoding="utf-8")
    with pytest.raises(IncompleteTables, match=r"entities: 1 rows written, 3 reported by the documents"):
        merge_tables(tmp_path, ["a", "b"], lambda doc_id: PARTS[doc_id] if doc_id == "b" else None,
                     [document("b", 1), document("a", 2)], "csv")
    assert (tmp_path / "entities.csv").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.csv"]  # no temporary file, no new table
