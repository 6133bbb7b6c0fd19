"""The stage registry: a new stage is one registration. A toy stage (numbers written in digits, with a corpus
pass counting each number over the whole batch) goes through the real engine and gets its table, its count
column in documents.csv, its timing in run.json and its --no- option, with no other change."""
from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd
import pytest

from pipeline.stage import Placer, Record, Stage, Table
from pipeline.stages import REGISTRY
from tests.engine.helpers import make_corpus

_NUMBER = re.compile(r"\d+")


class BatchNumbers:
    """Corpus pass: how often each number is written in the whole batch."""

    def empty(self) -> Counter:
        return Counter()

    def count(self, text: str) -> Counter:
        return Counter(_NUMBER.findall(text))

    def merge(self, total: Counter, part: Counter) -> Counter:
        total.update(part)
        return total

    def digest(self, value: Counter) -> str:
        return str(sorted(value.items()))


class Numbers:
    name, requires, assigns = "numbers", ("text", "sentences"), ("numbers",)
    table = Table("numbers", ("doc_id", "sent_id", "start", "end", "text", "in_batch"), "n_numbers",
                  surface="text", types={"in_batch": "int"})
    corpus = BatchNumbers()
    optional = True
    help = "skip numbers"

    def load(self, options, statistics):
        in_batch = statistics if statistics is not None else Counter()

        def numbers(record: Record) -> None:
            record.extra["numbers"] = [(m.start(), m.end(), in_batch[m.group()])
                                       for m in _NUMBER.finditer(record.text)]
        return numbers

    def rows(self, record: Record, place: Placer) -> list[dict]:
        rows = []
        for start, end, n in record.get("numbers"):
            rs, re_ = place.to_raw(start, end)
            rows.append({"doc_id": record.doc.doc_id, "sent_id": place.sent_id(rs), "start": rs, "end": re_,
                         "text": record.doc.raw[rs:re_], "in_batch": n})
        return rows


@pytest.fixture
def numbers_stage():
    stage = REGISTRY.register(Numbers())
    try:
        yield stage
    finally:
        REGISTRY.unregister("numbers")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_registered_stage_runs_through_the_engine(tmp_path, numbers_stage, workers):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    paths = make_corpus(tmp_path / "corpus", 3, chars=800)
    (tmp_path / "corpus" / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    summary = run_batch([tmp_path / "corpus"], out, Options(entities=False), workers=workers, progress=False)
    assert summary.n_ok == 3 and summary.n_failed == 1

    numbers = pd.read_csv(out / "numbers.csv", dtype=str, keep_default_na=False)
    texts = {p.relative_to(tmp_path / "corpus").with_suffix("").as_posix(): p.read_text(encoding="utf-8")
             for p in paths}
    expected = Counter(n for text in texts.values() for n in _NUMBER.findall(text))
    assert len(numbers) == sum(expected.values()) > 0
    for row in numbers.itertuples():
        assert texts[row.doc_id][int(row.start):int(row.end)] == row.text  # raw offsets
        assert int(row.in_batch) == expected[row.text]  # the corpus pass saw the whole batch
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(documents.columns[5:10]) == ["n_sentences", "n_corrections", "n_entities", "n_dates", "n_numbers"]
    per_doc = numbers.groupby("doc_id").size()
    for row in documents.itertuples():
        assert int(row.n_numbers) == per_doc.get(row.doc_id, 0)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert "numbers" in run["timings"]["stage_seconds"] and "entities" not in run["timings"]["stage_seconds"]
    assert run["summary"]["counts"]["n_numbers"] == len(numbers)

    # --resume reuses every part, and the statistics digest includes the toy pass.
    again = run_batch([tmp_path / "corpus"], out, Options(entities=False), workers=workers, resume=True,
                      progress=False)
    assert again.n_reused == 3
    assert pd.read_csv(out / "numbers.csv", dtype=str, keep_default_na=False).equals(numbers)


def test_a_registered_stage_has_its_option_and_can_be_skipped(tmp_path, numbers_stage):
    from pipeline.cli import build_parser, main

    args = build_parser().parse_args(["run", "x", "-o", "y", "--no-numbers"])
    assert args.no_numbers is True
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 1, chars=300)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--no-numbers", "--no-entities", "--no-correct",
                 "--workers", "1", "--no-progress"]) == 0
    assert pd.read_csv(out / "numbers.csv").empty
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["options"]["disabled"] == ["numbers"] and run["options"]["entities"] is False


def test_the_registry_refuses_what_it_cannot_run():
    class Orphan(Numbers):
        name, requires = "orphan", ("paragraphs",)

    with pytest.raises(ValueError, match="requires paragraphs, which no earlier stage assigns"):
        REGISTRY.register(Orphan())
    with pytest.raises(ValueError, match="already registered"):
        REGISTRY.register(REGISTRY["dates"])
    with pytest.raises(TypeError, match="is not a Stage"):
        REGISTRY.register(object())
    assert REGISTRY.names() == ["normalize", "correct", "segment", "entities", "dates"]


def test_the_built_in_stages_declare_what_they_use():
    assigned = {"text", "edits"}
    for stage in REGISTRY:
        assert isinstance(stage, Stage)
        assert set(stage.requires) <= assigned, stage.name
        assigned |= set(stage.assigns)
    assert [t.name for t in REGISTRY.tables()] == ["sentences", "corrections", "entities", "dates"]
