"""apply-review: decisions in, clean texts and tables out; the offset contract still holds, applying again changes
nothing, a later ``run --resume`` keeps the decisions, and a bad decisions file changes nothing."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.export.schema import SURFACE_COLUMN
from pipeline.review import apply_review, stored_decisions
from pipeline.review.decisions import Decision, write_decisions

from tests.outputs import raw_texts, table

SEED = "000_fd759c1a574f5de6"


def seed_decisions(outdir) -> dict[str, Decision]:
    """One decision of every kind, on rows of the seed book chosen by their properties, not their words."""
    corrections = table(outdir, "corrections")
    entities = table(outdir, "entities")
    dates = table(outdir, "dates")
    mine = corrections[corrections["doc_id"] == SEED]
    applied = mine[(mine["applied"] == "true") & (mine["kind"] != "tone_style")].iloc[0]
    suggested = mine[mine["applied"] == "false"].iloc[0]
    people = entities[(entities["doc_id"] == SEED) & (entities["label"] == "PER")]
    places = entities[(entities["doc_id"] == SEED) & (entities["label"] == "LOC")]
    date = dates[dates["doc_id"] == SEED].iloc[0]
    taken = {(int(s), int(e)) for s, e in zip(entities["start"], entities["end"])}
    sentence = table(outdir, "sentences").iloc[3]
    word_start = int(sentence["start"])  # the sentence's first word, as a new MISC mention
    word_end = word_start + len(sentence["text"].split(" ")[0])
    assert (word_start, word_end) not in taken

    def at(table_name: str, row, decision: str, value: str = "") -> Decision:
        return Decision(SEED, table_name, int(row["start"]), int(row["end"]), decision, value)

    return {"reject": at("corrections", applied, "reject"), "accept": at("corrections", suggested, "accept"),
            "label": at("entities", people.iloc[0], "label", "ORG"),
            "canonical": at("entities", places.iloc[0], "canonical", "Tên chuẩn"),
            "drop": at("entities", people.iloc[1], "reject"), "wrong": at("dates", date, "wrong"),
            "add": Decision(SEED, "entities", word_start, word_end, "add", "MISC")}


def check_contract(outdir) -> None:
    """raw[start:end] == surface for every row, and each clean text is the raw text with the applied corrections."""
    raws = raw_texts(outdir)
    for name, column in SURFACE_COLUMN.items():
        for row in table(outdir, name).itertuples():
            assert raws[row.doc_id][int(row.start):int(row.end)] == getattr(row, column), (name, row)
    corrections = table(outdir, "corrections")
    for doc_id, raw in raws.items():
        rows = corrections[(corrections["doc_id"] == doc_id) & (corrections["applied"] == "true")]
        pieces, pos = [], 0
        for start, end, corrected in zip(rows["start"].astype(int), rows["end"].astype(int), rows["corrected"]):
            pieces += [raw[pos:start], corrected]
            pos = end
        expected = "".join(pieces) + raw[pos:]
        assert (outdir / "clean" / f"{doc_id}.txt").read_bytes() == expected.encode("utf-8"), doc_id


def fingerprint(outdir) -> str:
    files = sorted(p for p in outdir.rglob("*") if p.is_file() and ".parts" not in p.parts and "review" not in p.parts)
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def test_decisions_rewrite_tables_and_clean_text_and_keep_the_contract(run_copy, tmp_path):
    outdir, _ = run_copy
    decisions = seed_decisions(outdir)
    path = write_decisions(tmp_path / "decisions.csv", list(decisions.values()))
    summary = apply_review(outdir, path)
    assert summary.n_applied == len(decisions) and not summary.stale
    assert summary.rewritten == [SEED]

    corrections = table(outdir, "corrections").set_index(["doc_id", "start", "end"])
    rejected, accepted = decisions["reject"], decisions["accept"]
    row = corrections.loc[(SEED, str(rejected.start), str(rejected.end))]
    assert (row["applied"], row["reviewed"]) == ("false", "reject")
    row = corrections.loc[(SEED, str(accepted.start), str(accepted.end))]
    assert (row["applied"], row["reviewed"]) == ("true", "accept")
    clean = (outdir / "clean" / f"{SEED}.txt").read_text(encoding="utf-8")
    assert row["corrected"] in clean

    entities = table(outdir, "entities").set_index(["doc_id", "start", "end"])
    relabelled = entities.loc[(SEED, str(decisions["label"].start), str(decisions["label"].end))]
    assert (relabelled["label"], relabelled["reviewed"]) == ("ORG", "label")
    assert relabelled["entity_id"].startswith("ORG:")
    renamed = entities.loc[(SEED, str(decisions["canonical"].start), str(decisions["canonical"].end))]
    assert (renamed["canonical"], renamed["entity_id"]) == ("Tên chuẩn", "LOC:tên_chuẩn")
    added = entities.loc[(SEED, str(decisions["add"].start), str(decisions["add"].end))]
    assert (added["label"], added["source"], added["reviewed"]) == ("MISC", "review", "add")
    dropped = entities.loc[(SEED, str(decisions["drop"].start), str(decisions["drop"].end))]
    assert dropped["reviewed"] == "reject"
    dates = table(outdir, "dates").set_index(["doc_id", "start", "end"])
    assert dates.loc[(SEED, str(decisions["wrong"].start), str(decisions["wrong"].end)), "reviewed"] == "wrong"

    index = table(outdir, "entity_index").set_index("entity_id")
    assert index.loc["LOC:tên_chuẩn", "canonical"] == "Tên chuẩn"
    kept = table(outdir, "entities")
    kept = kept[kept["reviewed"] != "reject"]
    assert index["n_mentions"].astype(int).sum() == len(kept)
    check_contract(outdir)

    before = fingerprint(outdir)
    apply_review(outdir, path)  # the same decisions again: nothing changes
    assert fingerprint(outdir) == before


def test_without_decisions_the_rebuilt_tables_equal_the_pipeline_s(run_copy, tmp_path):
    outdir, _ = run_copy
    before = {name: table(outdir, name) for name in ("entities", "entity_index", "sentences")}
    empty = write_decisions(tmp_path / "none.csv", [])
    apply_review(outdir, empty)
    assert table(outdir, "entity_index").equals(before["entity_index"])
    assert table(outdir, "entities").drop(columns="reviewed").equals(before["entities"])


def test_a_later_run_with_resume_keeps_the_decisions(run_copy, tmp_path):
    outdir, inputs = run_copy
    decisions = seed_decisions(outdir)
    apply_review(outdir, write_decisions(tmp_path / "d.csv", list(decisions.values())))
    reviewed = {name: table(outdir, name) for name in ("corrections", "entities", "dates")}
    clean = (outdir / "clean" / f"{SEED}.txt").read_bytes()
    code = main(["run", str(inputs), "-o", str(outdir), "--resume", "--workers", "1", "--no-progress"])
    assert code == 1  # the undecodable input still fails
    for name, frame in reviewed.items():
        assert table(outdir, name).equals(frame), name
    assert (outdir / "clean" / f"{SEED}.txt").read_bytes() == clean
    assert stored_decisions(outdir).is_file()
    check_contract(outdir)


@pytest.mark.parametrize("content, message", [
    ("doc_id,table,start,end,decision\n", "missing value"),
    ("doc_id,table,start,end,decision,value\nx,corrections,1,2,maybe,\n", "decision 'maybe'"),
    ("doc_id,table,start,end,decision,value\nx,entities,one,2,accept,\n", "whole numbers"),
    ("doc_id,table,start,end,decision,value\nx,entities,1,2,label,PERSON\n", "label 'PERSON'"),
])
def test_a_bad_decisions_file_is_one_line_exit_2_and_changes_nothing(run_copy, tmp_path, capsys, content, message):
    outdir, _ = run_copy
    before = fingerprint(outdir)
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["apply-review", str(outdir), str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
    assert fingerprint(outdir) == before and not stored_decisions(outdir).exists()


def test_decisions_about_changed_or_missing_text_are_stale_not_applied(run_copy, tmp_path):
    outdir, _ = run_copy
    row = table(outdir, "corrections").iloc[0]
    changed = Decision(row["doc_id"], "corrections", int(row["start"]), int(row["end"]), "reject", "", "other text")
    missing = Decision("no_such_doc", "dates", 0, 4, "wrong")
    summary = apply_review(outdir, write_decisions(tmp_path / "d.csv", [changed, missing]))
    assert summary.n_applied == 0 and len(summary.stale) == 2
    assert table(outdir, "corrections").iloc[0]["applied"] == row["applied"]


def test_parquet_tables_are_rewritten_as_parquet(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("Tháng 2-1917, giáo sư Milioukov họp với Uỷ ban Sô viết ở Pétrograd.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(source), "-o", str(out), "--workers", "1", "--no-progress", "--format", "parquet"]) == 0
    corrections = pd.read_parquet(out / "corrections.parquet")
    first = corrections.iloc[0]
    decisions = write_decisions(tmp_path / "d.csv", [Decision("in", "corrections", int(first["start"]),
                                                              int(first["end"]), "reject")])
    assert main(["apply-review", str(out), str(decisions)]) == 0
    after = pd.read_parquet(out / "corrections.parquet")
    assert after["applied"].dtype == corrections["applied"].dtype and not after.iloc[0]["applied"]
    assert after["start"].dtype == corrections["start"].dtype and after.iloc[0]["reviewed"] == "reject"
    assert first["original"] in (out / "clean" / "in.txt").read_text(encoding="utf-8")


def test_without_the_source_files_the_raw_text_is_rebuilt_from_clean_text_and_decisions(full_run, tmp_path):
    """A re-run resets the tables but not the reviewed clean texts: the stored verdicts reconcile them."""
    import shutil
    original, _, _ = full_run
    outdir = tmp_path / "out"
    shutil.copytree(original, outdir)
    documents = table(outdir, "documents")
    documents["path"] = "/nonexistent/" + documents["path"].str.replace("/", "_")  # the inputs are gone
    documents.to_csv(outdir / "documents.csv", index=False, lineterminator="\n")
    decisions = seed_decisions(outdir)
    apply_review(outdir, write_decisions(tmp_path / "d.csv", list(decisions.values())))
    reviewed = table(outdir, "corrections")
    for name in ("corrections", "entities", "dates", "sentences", "entity_index"):  # as a re-run writes them
        shutil.copyfile(original / f"{name}.csv", outdir / f"{name}.csv")
    summary = apply_review(outdir)
    assert summary.n_applied == len(decisions) and not summary.stale
    assert table(outdir, "corrections").equals(reviewed)


def test_accepting_a_proposal_made_on_top_of_an_applied_correction_replaces_it(run_copy, tmp_path):
    outdir, _ = run_copy
    corrections = table(outdir, "corrections")
    spans = corrections.groupby(["doc_id", "start", "end"])
    stacked = [rows for _, rows in spans if len(rows) > 1 and set(rows["applied"]) == {"true", "false"}]
    if not stacked:  # the corrector may have nothing to suggest there: stack a suggestion on a tone normalization
        below = corrections[(corrections["kind"] == "tone_style") & (corrections["applied"] == "true")].iloc[0]
        on_top = below.copy()
        on_top["corrected"], on_top["kind"], on_top["score"], on_top["applied"] = (
            below["original"], "ocr_realword", "0.5", "false")
        at = corrections.index.get_loc(below.name) + 1
        corrections = pd.concat([corrections.iloc[:at], on_top.to_frame().T, corrections.iloc[at:]])
        corrections.to_csv(outdir / "corrections.csv", index=False)
        documents = table(outdir, "documents")
        documents.loc[documents["doc_id"] == below["doc_id"], "n_corrections"] = str(
            int(documents.loc[documents["doc_id"] == below["doc_id"], "n_corrections"].iloc[0]) + 1)
        documents.to_csv(outdir / "documents.csv", index=False)
        stacked = [corrections.iloc[at - 1:at + 1]]
    rows = stacked[0]
    on_top = rows[rows["applied"] == "false"].iloc[0]
    below = rows[rows["applied"] == "true"].iloc[0]
    decision = Decision(on_top["doc_id"], "corrections", int(on_top["start"]), int(on_top["end"]), "accept",
                        on_top["corrected"])
    summary = apply_review(outdir, write_decisions(tmp_path / "d.csv", [decision]))
    assert summary.n_applied == 1 and not summary.stale
    after = table(outdir, "corrections").set_index(["doc_id", "start", "end", "corrected"])
    key = (on_top["doc_id"], on_top["start"], on_top["end"])
    assert after.loc[(*key, on_top["corrected"]), "applied"] == "true"
    assert after.loc[(*key, below["corrected"]), "applied"] == "false"
    check_contract(outdir)


def test_an_xlsx_run_is_refused_in_one_line(tmp_path, capsys):
    """The report and the review read CSV or Parquet; an xlsx run gets one line and exit 2, not a traceback."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Ngày 2-8-1914, Đức khai chiến với Nga.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(inputs), "-o", str(out), "--format", "xlsx", "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["report", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "CSV or Parquet" in err[0]
