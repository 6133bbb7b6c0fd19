"""The output contract (README): columns, order, and raw[start:end] == surface for every row of every table."""
from __future__ import annotations

import json
import unicodedata

import pandas as pd
import pytest

from pipeline.export.schema import SURFACE_COLUMN, TABLES
from pipeline.ingest import read_document


def load(outdir, name: str) -> pd.DataFrame:
    return pd.read_csv(outdir / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def tables(full_run):
    outdir, inputs, _ = full_run
    return {name: load(outdir, name) for name in TABLES}


@pytest.fixture(scope="module")
def raw_texts(full_run, tables):
    outdir, inputs, _ = full_run
    docs = tables["documents"]
    return {row.doc_id: read_document(row.path).text for row in docs.itertuples() if row.status == "ok"}


def test_every_table_has_exactly_the_contract_columns(tables):
    for name, frame in tables.items():
        assert list(frame.columns) == TABLES[name], name


def test_every_input_file_is_in_documents_with_its_status(full_run, tables):
    docs = tables["documents"].set_index("doc_id")
    assert set(docs.index) == {"crlf_bom", "nested/nfd", "empty", "broken", "000_fd759c1a574f5de6"}
    assert docs.loc["broken", "status"] == "error" and docs.loc["broken", "error"]
    assert (docs.drop(index="broken")["status"] == "ok").all()
    assert docs.loc["crlf_bom", "encoding"] == "utf-8-sig"


def test_rows_are_sorted_by_doc_id_then_start(tables):
    for name in SURFACE_COLUMN:
        frame = tables[name]
        keys = list(zip(frame["doc_id"], frame["start"].astype(int)))
        assert keys == sorted(keys), name


@pytest.mark.parametrize("name", list(SURFACE_COLUMN))
def test_offsets_point_at_the_surface_in_the_raw_text(name, tables, raw_texts):
    frame = tables[name]
    assert len(frame) > 0 or name == "corrections"
    for row in frame.itertuples():
        raw = raw_texts[row.doc_id]
        start, end = int(row.start), int(row.end)
        assert raw[start:end] == getattr(row, SURFACE_COLUMN[name]), (name, row)


def test_counts_in_documents_match_the_tables(tables):
    docs = tables["documents"].set_index("doc_id")
    for column, name in [("n_sentences", "sentences"), ("n_corrections", "corrections"),
                         ("n_entities", "entities"), ("n_dates", "dates")]:
        counts = tables[name]["doc_id"].value_counts()
        for doc_id, row in docs.iterrows():
            assert int(row[column]) == counts.get(doc_id, 0), (doc_id, column)


def test_clean_text_applies_exactly_the_applied_corrections(full_run, tables, raw_texts):
    outdir, _, _ = full_run
    corrections = tables["corrections"]
    for doc_id, raw in raw_texts.items():
        applied = corrections[(corrections["doc_id"] == doc_id) & (corrections["applied"] == "true")]
        pieces, pos = [], 0
        for row in sorted(applied.itertuples(), key=lambda r: int(r.start)):
            assert int(row.start) >= pos, "applied corrections overlap"
            pieces += [raw[pos:int(row.start)], row.corrected]
            pos = int(row.end)
        pieces.append(raw[pos:])
        clean = (outdir / "clean" / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert clean == "".join(pieces), doc_id


def test_clean_text_keeps_lines_and_newlines(full_run, raw_texts):
    outdir, _, _ = full_run
    for doc_id, raw in raw_texts.items():
        clean = (outdir / "clean" / f"{doc_id}.txt").read_bytes().decode("utf-8")
        assert clean.count("\n") == raw.count("\n") and clean.count("\r") == raw.count("\r")


def test_normalization_reached_the_clean_text(full_run):
    outdir, _, _ = full_run
    clean = (outdir / "clean" / "nested" / "nfd.txt").read_text(encoding="utf-8")
    assert clean.startswith("Ngày 2-8-1914, Đức khai chiến với Nga. Ủy ban hòa bình")
    assert "\u200b" not in clean and "\x07" not in clean


def test_entity_ids_and_index_agree(tables):
    entities, index = tables["entities"], tables["entity_index"]
    assert set(entities["entity_id"]) == set(index["entity_id"])
    canonical = dict(zip(index["entity_id"], index["canonical"]))
    assert all(canonical[e] == c for e, c in zip(entities["entity_id"], entities["canonical"]))
    mentions = entities["entity_id"].value_counts()
    assert all(int(n) == mentions[e] for e, n in zip(index["entity_id"], index["n_mentions"]))


def test_entity_spans_have_no_punctuation_or_space_at_the_edges(tables):
    for column in ("text", "text_clean"):
        for text in tables["entities"][column]:
            for edge in (text[0], text[-1]):
                assert not unicodedata.category(edge).startswith(("P", "Z", "C")), text


def test_dates_have_iso_values_and_anchors_that_are_dates(tables):
    dates = tables["dates"]
    assert len(dates) > 20
    starts = set(zip(dates["doc_id"], dates["start"]))
    for row in dates.itertuples():
        assert row.value and row.granularity
        if row.year_inferred == "true":
            assert (row.doc_id, row.anchor) in starts


def test_run_json_records_options_versions_hashes_and_timings(full_run):
    outdir, _, summary = full_run
    report = json.loads((outdir / "run.json").read_text(encoding="utf-8"))
    assert report["options"]["tone_style"] == "hòa"
    assert report["versions"]["underthesea"] != "not installed"
    assert {i["doc_id"] for i in report["inputs"]} >= {"broken", "empty"}
    assert report["timings"]["wall_seconds"] > 0 and "correct" in report["timings"]["stage_seconds"]
    assert summary.n_failed == 1 and summary.n_ok == 4
