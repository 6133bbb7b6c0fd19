"""Integrity of the gold dev sets in bench/devsets/: every offset points at its surface, every value is well formed.

The held-out texts are checked always; the dvsktt-based files only when ../shared is present (they store
offsets into sentences of a shared file that is never copied into the repository).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.paths import SHARED

DEVSETS = Path(__file__).resolve().parents[1] / "bench" / "devsets"
HELDOUT = DEVSETS / "heldout"
ALIGNMENT = SHARED / "texts" / "dvsktt" / "vhe_alignment.jsonl"

LABELS = {"PER", "LOC", "ORG", "MISC"}
OCR_KINDS = {"ocr_nonword", "ocr_realword", "name", "spacing", "number"}
MODS = {None, "START", "MID", "END"}
POINT = {
    "time": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}",
    "day": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "season": r"\d{4}-(SP|SU|FA|WI)",
    "year": r"(BC)?\d{4}",
    "century": r"\d{2}",
    "decade": r"\d{3}",
}
TEXT_NAMES = sorted(p.stem for p in HELDOUT.glob("*.txt"))


def read_jsonl(path: Path) -> list[dict]:
    """Rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_text(name: str) -> str:
    """A held-out text as the pipeline decodes it (UTF-8, BOM removed, newlines kept)."""
    return (HELDOUT / f"{name}.txt").read_bytes().decode("utf-8-sig")


def assert_spans_ok(text: str, rows: list[dict], surface_key: str = "text", stripped: bool = True) -> None:
    """Offsets in range, pointing at their surface, sorted and non-overlapping (and without surrounding
    space unless ``stripped`` is False: a doubled line of a page keeps its line break)."""
    previous_end = 0
    for row in rows:
        start, end = row["start"], row["end"]
        assert 0 <= start < end <= len(text), row
        assert text[start:end] == row[surface_key], (row, text[start:end])
        assert not stripped or text[start:end] == text[start:end].strip(), row
        assert start >= previous_end, f"overlap or disorder at {row}"
        previous_end = end


def test_there_are_six_original_texts_of_the_right_length() -> None:
    assert len(TEXT_NAMES) == 6
    for name in TEXT_NAMES:
        words = len(read_text(name).split())
        assert 600 <= words <= 1000, (name, words)


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_entity_gold_offsets(name: str) -> None:
    rows = read_jsonl(HELDOUT / f"{name}.entities.jsonl")
    assert len(rows) >= 50
    assert {r["doc"] for r in rows} == {f"{name}.txt"}
    assert {r["label"] for r in rows} <= LABELS
    assert all(r["canonical"] for r in rows)
    assert_spans_ok(read_text(name), rows)


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_date_gold_offsets_and_values(name: str) -> None:
    rows = read_jsonl(HELDOUT / f"{name}.dates.jsonl")
    assert len(rows) >= 25
    assert {r["doc"] for r in rows} == {f"{name}.txt"}
    assert_spans_ok(read_text(name), rows)
    check_date_values(rows)


def check_date_values(rows: list[dict]) -> None:
    """Values well formed for their granularity; a CE year not written in the text is marked inferred."""
    for row in rows:
        point = POINT[row["granularity"]].replace(r"\d{4}", r"(\d{4}|XXXX)", 1)
        assert re.fullmatch(f"{point}(/{point})?", row["value"]), row
        assert row["mod"] in MODS, row
        assert isinstance(row["year_inferred"], bool), row
        if not row["year_inferred"] and row["granularity"] not in ("century", "decade") \
                and row.get("calendar", "gregorian") == "gregorian":
            years = re.findall(r"\d{4}", row["value"])
            written = not years or any(y.lstrip("0") in row["text"] for y in years)
            assert written, f"year not written yet not inferred: {row}"


def test_dates_and_entities_do_not_share_a_span() -> None:
    for name in TEXT_NAMES:
        ents = {(r["start"], r["end"]) for r in read_jsonl(HELDOUT / f"{name}.entities.jsonl")}
        dates = {(r["start"], r["end"]) for r in read_jsonl(HELDOUT / f"{name}.dates.jsonl")}
        assert not ents & dates, name


def test_ocr_devset_rows_are_well_formed() -> None:
    rows = read_jsonl(DEVSETS / "ocr_real_dvsktt.jsonl")
    assert 60 <= len(rows) <= 150
    for row in rows:
        assert row["kind"] in OCR_KINDS, row
        assert row["raw_end"] - row["raw_start_in_sentence"] == len(row["original"]), row
        assert row["original"] != row["corrected"], row


@pytest.fixture(scope="module")
def alignment() -> dict[str, dict]:
    """The shared aligned chronicle sentences by id; skip when ../shared is absent."""
    if not ALIGNMENT.is_file():
        pytest.skip(f"{ALIGNMENT} not present")
    return {r["id"]: r for r in read_jsonl(ALIGNMENT)}


def test_ocr_devset_offsets_into_raw(alignment: dict[str, dict]) -> None:
    for row in read_jsonl(DEVSETS / "ocr_real_dvsktt.jsonl"):
        sentence = alignment[row["id"]]
        assert sentence["diff_class"] == "content_edit", row
        raw = sentence["raw"]
        assert raw[row["raw_start_in_sentence"]:row["raw_end"]] == row["original"], row


def test_chronicle_entity_offsets_into_clean(alignment: dict[str, dict]) -> None:
    ids = json.loads((HELDOUT / "dvsktt_sentences.ids.json").read_text(encoding="utf-8"))
    assert len(ids) == 40 and len(set(ids)) == 40
    assert all(alignment[i]["split"] == "test" for i in ids)
    rows = read_jsonl(HELDOUT / "dvsktt_sentences.entities.jsonl")
    assert {r["id"] for r in rows} <= set(ids)
    assert {r["label"] for r in rows} <= LABELS
    for sentence_id in ids:
        mine = [r for r in rows if r["id"] == sentence_id]
        assert_spans_ok(alignment[sentence_id]["clean"], mine)


SEED_TEXT = Path(__file__).resolve().parents[1] / "corpus" / "000_fd759c1a574f5de6.txt"
SEED_OCR_KINDS = OCR_KINDS | {"speck", "doubled"}


def test_seed_ocr_errors_point_at_their_surface() -> None:
    rows = read_jsonl(DEVSETS / "ocr_real_seed.jsonl")
    assert len(rows) >= 50
    assert {r["kind"] for r in rows} <= SEED_OCR_KINDS
    assert all(r["original"] != r["corrected"] for r in rows)
    assert_spans_ok(SEED_TEXT.read_text(encoding="utf-8"), rows, "original")


PROSE_SETS = sorted(p for p in HELDOUT.iterdir() if p.is_dir() and p.name.startswith("prose"))


@pytest.mark.parametrize("folder", PROSE_SETS, ids=lambda p: p.name)
def test_prose_sets_gold(folder: Path) -> None:
    texts = sorted(folder.glob("*.txt"))
    assert len(texts) == 6
    for path in texts:
        text = path.read_bytes().decode("utf-8-sig")
        assert 600 <= len(text.split()) <= 1000, path
        ents = read_jsonl(path.with_suffix(".entities.jsonl"))
        dates = read_jsonl(path.with_suffix(".dates.jsonl"))
        assert {r["doc"] for r in ents + dates} == {path.name}
        assert {r["label"] for r in ents} <= LABELS and all(r["canonical"] for r in ents)
        assert_spans_ok(text, ents)
        assert_spans_ok(text, dates)
        check_date_values(dates)
        assert not {(r["start"], r["end"]) for r in ents} & {(r["start"], r["end"]) for r in dates}, path


PAGE_SETS = sorted(HELDOUT.glob("ocr_real_chronicle_pages*.jsonl"))


@pytest.mark.parametrize("gold", PAGE_SETS, ids=lambda p: p.stem)
def test_every_chronicle_page_set_points_at_its_surface(gold: Path) -> None:
    chronicle = SHARED / "texts" / "dvsktt" / "chinh-hoa-18.txt"
    if not chronicle.exists():
        pytest.skip(f"{chronicle} is absent")
    pages = chronicle.read_text(encoding="utf-8").split("\f")
    listed = json.loads(gold.with_suffix(".json").read_text(encoding="utf-8"))["pages"]
    rows = read_jsonl(gold)
    assert len(listed) >= 20 and {r["page"] for r in rows} <= set(listed)
    assert {r["kind"] for r in rows} <= SEED_OCR_KINDS
    assert all(r["original"] != r["corrected"] for r in rows)
    for page in listed:
        assert_spans_ok(pages[page], [r for r in rows if r["page"] == page], "original", stripped=False)
