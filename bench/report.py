"""The HTML report at scale: a 200-document batch written in under a minute, each page opened in under 2 s by
headless Chromium, and a 1 MB document page (drawn page by page) opened and paged through.

The batches are made from one real run of the seed book (its tables and clean text copied under new doc_ids
and, for the 1 MB document, repeated with shifted offsets), so the report does the work of a real batch without
an hour of pipeline time. Baseline, measured in the same run: reading the same tables with pandas alone (the
floor of any report). Prints a table and writes bench/results/report.json.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SEED = ROOT / "corpus"
sys.path.insert(0, str(ROOT))

SHIFTED = ("start", "end")


def replicate_run(source: Path, dest: Path, n_docs: int, copies: int = 1) -> Path:
    """An OUTDIR of ``n_docs`` documents, each the first document of ``source`` repeated ``copies`` times
    (joined by a newline), with every table row copied at its shifted offsets."""
    from pipeline.review import RunOutput
    from pipeline.review.apply import entity_index
    out = RunOutput(source)
    doc_id = out.doc_ids()[0]
    text_map = out.text_map(doc_id)
    raw, clean = text_map.raw, text_map.clean
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "clean").mkdir(exist_ok=True)
    tables = {name: out.rows_of(name, doc_id) for name in ("sentences", "corrections", "entities", "dates")}
    n_sentences = len(tables["sentences"])
    big_clean = "\n".join([clean] * copies)
    rows: dict[str, list[pd.DataFrame]] = {name: [] for name in tables}
    for k in range(n_docs):
        name = f"doc{k:04d}"
        with open(dest / "clean" / f"{name}.txt", "w", encoding="utf-8", newline="") as handle:
            handle.write(big_clean)
        for i in range(copies):
            for table, frame in tables.items():
                frame = frame.copy()
                frame["doc_id"] = name
                for column in SHIFTED:
                    frame[column] = (frame[column].astype(int) + i * (len(raw) + 1)).astype(str)
                frame["sent_id"] = (frame["sent_id"].astype(int) + i * n_sentences).astype(str)
                if table == "dates":
                    anchored = frame["anchor"] != ""
                    frame.loc[anchored, "anchor"] = (frame.loc[anchored, "anchor"].astype(int)
                                                     + i * (len(raw) + 1)).astype(str)
                rows[table].append(frame)
    for table, frames in rows.items():
        pd.concat(frames).to_csv(dest / f"{table}.csv", index=False, lineterminator="\n")
    entities = pd.concat(rows["entities"])
    entity_index(entities).to_csv(dest / "entity_index.csv", index=False, lineterminator="\n")
    template = out.table("documents").set_index("doc_id").loc[doc_id]
    documents = pd.DataFrame([{**template.to_dict(), "doc_id": f"doc{k:04d}", "path": "", "sha256": "",
                               "n_chars": str(len(raw) * copies + copies - 1),
                               "n_sentences": str(n_sentences * copies)} for k in range(n_docs)])
    documents[["doc_id", *[c for c in documents.columns if c != "doc_id"]]].to_csv(
        dest / "documents.csv", index=False, lineterminator="\n")
    shutil.copyfile(Path(source) / "run.json", dest / "run.json")
    return dest


def seed_run(folder: Path) -> Path:
    """One pipeline run over the seed book."""
    import subprocess
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(SEED), "-o", str(folder), "--workers", "1",
                    "--no-progress"], check=True, capture_output=True)
    return folder


def open_pages(report: Path, pages: list[Path]) -> list[float]:
    from bench.headless import Chromium
    with Chromium() as browser:
        browser.open((report / "index.html").as_uri())  # warm the browser once
        return [browser.open(page.as_uri()) for page in pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--big-mb", type=float, default=1.0)
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seed = seed_run(tmp / "seed")
        batch = replicate_run(seed, tmp / "batch", args.docs)
        started = time.perf_counter()
        for name in ("documents", "sentences", "corrections", "entities", "dates", "entity_index"):
            pd.read_csv(batch / f"{name}.csv", dtype=str, keep_default_na=False)
        read_seconds = time.perf_counter() - started
        from pipeline.report import write_report
        started = time.perf_counter()
        report = write_report(batch)
        write_seconds = time.perf_counter() - started
        pages = [report / "index.html", *sorted((report / "docs").glob("*.html"))]
        times = open_pages(report, pages)
        size = sum(p.stat().st_size for p in report.rglob("*") if p.is_file())
        results["batch"] = {"documents": args.docs, "characters": int(pd.read_csv(batch / "documents.csv")
                                                                      ["n_chars"].sum()),
                            "pandas_read_s": round(read_seconds, 2), "report_write_s": round(write_seconds, 2),
                            "report_mb": round(size / 2**20, 1), "pages_opened": len(times),
                            "index_open_s": round(times[0], 3), "page_open_median_s": round(statistics.median(times), 3),
                            "page_open_max_s": round(max(times), 3)}
        seed_chars = int(pd.read_csv(seed / "documents.csv")["n_chars"].iloc[0])
        copies = max(1, round(args.big_mb * 1_000_000 / seed_chars))
        big = replicate_run(seed, tmp / "big", 1, copies)
        started = time.perf_counter()
        report = write_report(big)
        big_write = time.perf_counter() - started
        from bench.headless import Chromium
        with Chromium() as browser:
            browser.open((report / "index.html").as_uri())
            opened = browser.open((report / "docs" / "d00000.html").as_uri())
            n_pages = browser.evaluate("REPORT_DOC.pages.length")
            started = time.perf_counter()
            browser.evaluate(f"reviewDoc.goPage({n_pages - 1})")
            last_page = time.perf_counter() - started
            elements = browser.evaluate("document.querySelectorAll('#text .m').length")
        results["one_mb_document"] = {"characters": seed_chars * copies, "report_write_s": round(big_write, 2),
                                      "open_s": round(opened, 3), "pages": n_pages,
                                      "last_page_draw_s": round(last_page, 3), "marks_in_dom": elements}
    b, m = results["batch"], results["one_mb_document"]
    rows = [(f"{args.docs}-document batch, {b['characters']:,} chars: report written (s)", b["report_write_s"], "< 60"),
            ("  baseline: the same tables read by pandas alone (s)", b["pandas_read_s"], ""),
            ("  report size (MB)", b["report_mb"], ""),
            ("  index page opened in headless Chromium (s)", b["index_open_s"], "< 2"),
            (f"  {b['pages_opened']} pages opened: median (s)", b["page_open_median_s"], "< 2"),
            (f"  {b['pages_opened']} pages opened: slowest (s)", b["page_open_max_s"], "< 2"),
            (f"1 MB document, {m['characters']:,} chars: report written (s)", m["report_write_s"], ""),
            ("  its page opened (s)", m["open_s"], "< 2"),
            (f"  last of its {m['pages']} text pages drawn (s)", m["last_page_draw_s"], ""),
            ("  marks in the DOM (one text page)", m["marks_in_dom"], "")]
    print(f"{'':62} {'measured':>9} {'target':>7}")
    for label, value, target in rows:
        print(f"{label:62} {value:>9} {target:>7}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
