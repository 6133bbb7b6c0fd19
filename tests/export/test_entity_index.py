"""export.entity_index: one row per entity with its mentions and documents counted, its variants by frequency,
its majority label, and its first and last mention in (doc_id, start) order whatever order the rows come in."""
from __future__ import annotations

from pipeline.export.entity_index import EntityIndex


def mention(doc_id: str, start: int, text: str, label: str = "LOC", key: str = "LOC:hue") -> dict:
    return {"doc_id": doc_id, "start": start, "text": text, "label": label, "canonical": text, "entity_id": key}


def test_first_and_last_mention_follow_doc_id_then_start_not_arrival():
    index = EntityIndex()
    index.add([mention("b", 40, "Huế"), mention("b", 7, "Huế")])
    index.add([mention("c", 3, "Hue")])
    index.add([mention("a", 90, "Huế")])
    [row] = index.rows({"LOC:hue": "Huế"})
    assert (row["first_doc_id"], row["first_start"]) == ("a", 90)
    assert (row["last_doc_id"], row["last_start"]) == ("c", 3)
    assert (row["n_mentions"], row["n_documents"]) == (4, 3)
    assert row["variants"] == "Huế:3|Hue:1"


def test_label_is_the_majority_and_entities_are_sorted_by_id():
    index = EntityIndex()
    index.add([mention("a", 0, "Quang Trung", "PER", "PER:quang_trung"),
               mention("a", 30, "Quang Trung", "PER", "PER:quang_trung"),
               mention("a", 60, "Quang Trung", "ORG", "PER:quang_trung"),
               mention("a", 90, "Huế")])
    rows = index.rows({"LOC:hue": "Huế"})
    assert [r["entity_id"] for r in rows] == ["LOC:hue", "PER:quang_trung"]
    assert rows[1]["label"] == "PER"
    assert rows[1]["canonical"] == ""  # no canonical name given: an empty cell, not a guess


def test_canonical_names_come_from_the_entity_stage_rule():
    index = EntityIndex()
    index.add([mention("a", 0, "Nguyen Hue", "PER", "PER:nguyen_hue"),
               mention("a", 20, "Nguyễn Huệ", "PER", "PER:nguyen_hue")])
    assert index.canonical_names() == {"PER:nguyen_hue": "Nguyễn Huệ"}
