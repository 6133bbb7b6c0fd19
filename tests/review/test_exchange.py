"""Exports for dataset builders: spaCy DocBin and Label Studio; offsets survive the round trip back to raw."""
from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.review import RunOutput, apply_review
from pipeline.review.decisions import read_decisions

from tests.outputs import table


def test_spacy_docbin_holds_the_clean_texts_and_every_entity_at_its_offsets(full_run, tmp_path):
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab
    outdir, _, _ = full_run
    path = tmp_path / "train.spacy"
    assert main(["export", str(outdir), "--spacy", str(path)]) == 0
    docs = {doc.user_data["doc_id"]: doc for doc in DocBin().from_disk(path).get_docs(Vocab())}
    out = RunOutput(outdir)
    assert set(docs) == set(out.doc_ids())
    entities = table(outdir, "entities")
    for doc_id, doc in docs.items():
        text_map = out.text_map(doc_id)
        with open(outdir / "clean" / f"{doc_id}.txt", encoding="utf-8", newline="") as handle:
            assert doc.text == text_map.clean == handle.read()
        mine = entities[entities["doc_id"] == doc_id]
        spans = {(s.start_char, s.end_char, s.label_) for s in doc.spans["entities"]}
        for start, end, label, clean in zip(mine["start"].astype(int), mine["end"].astype(int), mine["label"],
                                            mine["text_clean"]):
            clean_start, clean_end = text_map.to_clean(start, end)
            assert (clean_start, clean_end, label) in spans
            assert doc.text[clean_start:clean_end] == clean
        for clean_start, clean_end, raw_start, raw_end in doc.user_data["raw_spans"]:
            assert text_map.to_raw(clean_start, clean_end) == (raw_start, raw_end)
        assert all(e.label_ in ("PER", "LOC", "ORG", "MISC") for e in doc.ents)


def label_studio_annotation(task: dict) -> dict:
    """What an annotator does in Label Studio: relabel the first entity, delete the second and the first date,
    and mark a new span (the first word of the text); the rest of the predictions kept."""
    result = [dict(r, value=dict(r["value"])) for r in task["predictions"][0]["result"]]
    entities = [r for r in result if r["value"]["labels"][0] != "DATE"]
    dates = [r for r in result if r["value"]["labels"][0] == "DATE"]
    entities[0]["value"]["labels"] = ["MISC" if entities[0]["value"]["labels"][0] != "MISC" else "PER"]
    removed = {id(entities[1]), id(dates[0])}
    kept = [r for r in result if id(r) not in removed]
    first_word = task["data"]["text"].split(" ")[0]
    kept.append({"from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": len(first_word), "text": first_word, "labels": ["LOC"]}})
    return {"id": 1, "result": kept, "was_cancelled": False}


def test_label_studio_round_trip_lands_on_the_same_raw_offsets(run_copy, tmp_path):
    outdir, _ = run_copy
    tasks_path = tmp_path / "tasks.json"
    assert main(["export", str(outdir), "--label-studio", str(tasks_path)]) == 0
    assert "<Label value=\"PER\"/>" in (tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8")
    tasks = json.loads(tasks_path.read_text(encoding="utf-8"))
    seed = next(t for t in tasks if t["data"]["doc_id"] == "000_fd759c1a574f5de6")
    for result in seed["predictions"][0]["result"]:  # clean offsets, raw offsets beside them
        value = result["value"]
        assert seed["data"]["text"][value["start"]:value["end"]] == value["text"]
    seed["annotations"] = [label_studio_annotation(seed)]
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    decisions_path = tmp_path / "decisions.csv"
    assert main(["import-label-studio", str(outdir), str(exported), "-o", str(decisions_path)]) == 0
    decisions = read_decisions(decisions_path)
    kinds = sorted(d.decision for d in decisions if d.decision != "accept")
    assert kinds == ["add", "label", "reject", "wrong"]
    raw = RunOutput(outdir).text_map("000_fd759c1a574f5de6").raw
    assert all(raw[d.start:d.end] == d.surface for d in decisions)  # raw offsets, checked against raw text
    entities = table(outdir, "entities")
    predicted = entities[entities["doc_id"] == "000_fd759c1a574f5de6"]
    assert sum(d.table == "entities" and d.decision != "add" for d in decisions) == len(predicted)

    summary = apply_review(outdir, decisions_path)
    assert not summary.stale
    after = table(outdir, "entities")
    relabelled = next(d for d in decisions if d.decision == "label")
    row = after[(after["start"] == str(relabelled.start)) & (after["end"] == str(relabelled.end))].iloc[0]
    assert row["label"] == relabelled.value and row["reviewed"] == "label"
    added = next(d for d in decisions if d.decision == "add")
    assert (added.start, added.end) == (0, len(raw.split(" ")[0]))


def test_importing_an_export_of_other_text_fails_with_one_line(full_run, tmp_path, capsys):
    outdir, _, _ = full_run
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"data": {"doc_id": "000_fd759c1a574f5de6", "text": "other"},
                                 "annotations": [{"result": []}]}]), encoding="utf-8")
    assert main(["import-label-studio", str(outdir), str(path), "-o", str(tmp_path / "d.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "export again" in err[0]
    path.write_text("not json", encoding="utf-8")
    assert main(["import-label-studio", str(outdir), str(path), "-o", str(tmp_path / "d.csv")]) == 2
    assert main(["export", str(outdir)]) == 2


@pytest.mark.parametrize("command", ["report", "apply-review", "export"])
def test_a_folder_that_is_no_run_output_is_one_line_exit_2(tmp_path, capsys, command):
    extra = {"apply-review": [str(tmp_path / "d.csv")], "export": ["--spacy", str(tmp_path / "x.spacy")]}
    assert main([command, str(tmp_path), *extra.get(command, [])]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no run.json" in err[0]
