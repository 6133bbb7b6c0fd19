"""The report's files: one page per document that succeeded, nothing fetched from the network, pages that never
cut an item, and a 1 MB document drawn page by page."""
from __future__ import annotations

import re
import shutil

from pipeline.report import write_report
from pipeline.report.builder import PAGE_CHARS, page_bounds

from tests.outputs import table


def test_the_report_has_an_index_and_a_page_per_document_and_nothing_external(full_run, tmp_path):
    outdir = tmp_path / "out"
    shutil.copytree(full_run[0], outdir)
    folder = write_report(outdir)
    documents = table(outdir, "documents")
    assert len(list((folder / "docs").glob("*.html"))) == (documents["status"] == "ok").sum()
    for path in folder.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            refs = re.findall(r"""(?:src|href)=["']([^"']+)""", text) + re.findall(r"url\(([^)]+)\)", text)
            assert not [r for r in refs if "//" in r or r.startswith("data:")], path
            assert "fetch(" not in text and "XMLHttpRequest" not in text, path
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "nested/nfd" in index and "binary file" in index  # every document, with its error
    assert "<svg" in index


def test_page_bounds_cut_at_newlines_outside_every_item():
    raw = ("Dòng một có Pétrograd.\n" * 5000)
    spans = [(m.start(), m.end()) for m in re.finditer("Pétrograd", raw)]
    bounds = page_bounds(raw, spans, size=1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(raw)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    for start, end in bounds:
        assert end - start <= 2 * 1000 and (end == len(raw) or raw[end - 1] == "\n")
        assert not any(s < end < e for s, e in spans)
    long_line = "x" * (3 * PAGE_CHARS)  # no separator at all: cut anyway, pages stay bounded
    assert max(e - s for s, e in page_bounds(long_line, [])) <= PAGE_CHARS


def test_run_with_report_writes_it_after_the_tables(tmp_path):
    from pipeline.cli import main
    source = tmp_path / "vidu.txt"
    source.write_text("Ngày 24-7-1917, Lénine trở về Pétrograd.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(source), "-o", str(out), "--workers", "1", "--no-progress", "--report"]) == 0
    page = (out / "report" / "docs" / "d00000.js").read_text(encoding="utf-8")
    assert '"doc_id":"vidu"' in page and "Lénine" in page
    assert (out / "report" / "index.html").is_file()


def test_an_existing_report_follows_apply_review_and_loses_pages_of_gone_documents(full_run, tmp_path):
    from pipeline.cli import main
    from pipeline.review.decisions import Decision, write_decisions
    outdir = tmp_path / "out"
    shutil.copytree(full_run[0], outdir)
    folder = write_report(outdir)
    (folder / "docs" / "d09999.html").write_text("old", encoding="utf-8")
    row = table(outdir, "entities").iloc[0]
    decisions = write_decisions(tmp_path / "d.csv", [Decision(row["doc_id"], "entities", int(row["start"]),
                                                              int(row["end"]), "reject")])
    assert main(["apply-review", str(outdir), str(decisions)]) == 0
    assert "0 corrections, 1 entities, 0 dates" in (folder / "index.html").read_text(encoding="utf-8")
    assert not (folder / "docs" / "d09999.html").exists()


def test_a_document_whose_text_cannot_be_rebuilt_loses_only_its_page(full_run, tmp_path, capsys):
    from pipeline.cli import main
    outdir = tmp_path / "out"
    shutil.copytree(full_run[0], outdir)
    documents = table(outdir, "documents")
    documents["path"] = "/nonexistent/" + documents["path"].str.replace("/", "_")  # inputs gone: rebuilt from clean
    documents.to_csv(outdir / "documents.csv", index=False, lineterminator="\n")
    (outdir / "clean" / "crlf_bom.txt").write_text("something else", encoding="utf-8")
    assert main(["report", str(outdir)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: no report page for crlf_bom: ")
    index = (outdir / "report" / "index.html").read_text(encoding="utf-8")
    assert "no page in the report" in index
    assert len(list((outdir / "report" / "docs").glob("*.html"))) == (documents["status"] == "ok").sum() - 1
