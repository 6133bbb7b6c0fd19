"""The report in a real browser (headless Chromium from Debian, installed by ``make browser`` when missing):
every correction, entity and date drawn at its offsets, screenshots, filters, keys, and the review loop from
an accept and a reject in the page to the saved decisions file and apply-review."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.report import write_report
from bench.headless import Chromium, find_chromium
from pipeline.review import apply_review, read_decisions

from tests.outputs import raw_texts, table

ROOT = Path(__file__).resolve().parents[2]
SEED = "000_fd759c1a574f5de6"
SCREENSHOTS = ROOT / "tests" / "report" / "screenshots"  # ignored by git; look at them after a run

# Walks the text of the page: where each item starts in raw offsets (text outside corrections counts its
# length, a correction counts the raw span it replaces, label badges count nothing), and the raw text itself.
WALK = """(() => {
  const raw = REPORT_DOC.raw, items = [];
  let pos = REPORT_DOC.pages[reviewDoc.page][0], rebuilt = "";
  const walk = node => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) { rebuilt += child.data; pos += child.data.length; continue; }
      if (child.classList.contains("lab")) continue;
      const s = child.dataset.s === undefined ? null : +child.dataset.s;
      const badge = child.querySelector(":scope > .lab");
      if (s !== null) items.push({key: child.dataset.k, s, e: +child.dataset.e, pos, classes: child.className,
                                  alt: child.dataset.alt || "",
                                  text: child.classList.contains("c") ? child.textContent : null,
                                  badge: badge ? badge.textContent : null});
      if (child.classList.contains("c")) { rebuilt += raw.slice(s, +child.dataset.e); pos = +child.dataset.e; }
      else walk(child);
    }
  };
  walk(document.getElementById("text"));
  return {items, rebuilt};
})()"""


@pytest.fixture(scope="module")
def chromium():
    if find_chromium() is None:
        done = subprocess.run(["make", "-s", "browser"], cwd=ROOT, capture_output=True, text=True)
        if find_chromium() is None:
            reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"Chromium is not installed and `make browser` could not install it: {reason}")
    with Chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def report(full_run, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("report_run") / "out"
    shutil.copytree(full_run[0], outdir)
    return outdir, write_report(outdir)


def seed_page(report) -> Path:
    outdir, folder = report
    ok = sorted(d for d, s in zip(table(outdir, "documents")["doc_id"], table(outdir, "documents")["status"])
                if s == "ok")
    return folder / "docs" / f"d{ok.index(SEED):05d}.html"


def walk_all_pages(browser) -> tuple[dict, str]:
    items, rebuilt = {}, ""
    for page in range(browser.evaluate("REPORT_DOC.pages.length")):
        browser.evaluate(f"reviewDoc.goPage({page})")
        walked = browser.evaluate(WALK)
        items.update({item["key"]: item for item in walked["items"]})
        rebuilt += walked["rebuilt"]
    return items, rebuilt


def test_every_correction_entity_and_date_is_drawn_at_its_offsets(chromium, report):
    outdir, _ = report
    chromium.open(seed_page(report).as_uri())
    items, rebuilt = walk_all_pages(chromium)
    assert rebuilt == raw_texts(outdir)[SEED]  # the page text, read back in raw offsets, is the raw text
    corrections = table(outdir, "corrections")
    corrections = corrections[corrections["doc_id"] == SEED]
    leaves = {(item["s"], item["e"]): item for item in items.values() if item["text"] is not None}
    applied_spans = {(int(r.start), int(r.end)) for r in corrections.itertuples() if r.applied == "true"}
    for row in corrections.itertuples():
        span = (int(row.start), int(row.end))
        leaf = leaves[span]
        assert leaf["pos"] == span[0]
        if row.applied == "true":
            assert leaf["text"] == row.corrected and "applied" in leaf["classes"]
        elif span in applied_spans:  # a proposal on top of an applied normalization: offered beside it
            assert leaf["alt"] and "applied" in leaf["classes"]
        else:
            assert leaf["text"] == row.original and "sugg" in leaf["classes"]
    entities = table(outdir, "entities")
    for row in entities[entities["doc_id"] == SEED].itertuples():
        item = items[f"entities:{row.start}:{row.end}"]
        assert item["pos"] == int(row.start) and item["badge"] == row.label and row.label in item["classes"]
    dates = table(outdir, "dates")
    for row in dates[dates["doc_id"] == SEED].itertuples():
        assert items[f"dates:{row.start}:{row.end}"]["pos"] == int(row.start)


def test_screenshots_of_the_index_and_a_document_page(chromium, report):
    _, folder = report
    SCREENSHOTS.mkdir(exist_ok=True)
    chromium.open((folder / "index.html").as_uri())
    assert chromium.evaluate("document.querySelectorAll('#documents tbody tr').length") == 5
    assert chromium.evaluate("document.querySelectorAll('#entities tbody tr').length") > 50
    assert chromium.evaluate("document.querySelectorAll('svg.chart rect').length") > 10
    index = chromium.screenshot(SCREENSHOTS / "index.png")
    chromium.open(seed_page(report).as_uri())
    chromium.evaluate("document.querySelector('#text .m.c.sugg').focus()")  # its details show beside the text
    assert "proposal" in chromium.evaluate("document.getElementById('details').textContent")
    page = chromium.screenshot(SCREENSHOTS / "document.png")
    for shot in (index, page):
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 30_000  # a real picture, not a blank page


def test_filters_and_keyboard_navigation(chromium, report):
    chromium.open(seed_page(report).as_uri())
    count = "document.querySelectorAll('#text [tabindex]').length"
    everything = chromium.evaluate(count)
    chromium.evaluate("const f = document.getElementById('filter'); f.value = 'suggestions';"
                      "f.dispatchEvent(new Event('change'))")
    classes = chromium.evaluate("[...document.querySelectorAll('#text [tabindex]')].map(e => e.className)")
    assert classes and all("c sugg" in c for c in classes) and len(classes) < everything
    chromium.evaluate("const g = document.getElementById('filter'); g.value = 'PER';"
                      "g.dispatchEvent(new Event('change'))")
    classes = chromium.evaluate("[...document.querySelectorAll('#text [tabindex]')].map(e => e.className)")
    assert classes and all(c.startswith("m e PER") for c in classes)
    first_two = chromium.evaluate("[...document.querySelectorAll('#text [tabindex]')].slice(0, 2).map(e => e.id)")
    chromium.evaluate("document.activeElement.blur()")
    chromium.press("n")
    chromium.press("n")
    assert chromium.evaluate("document.activeElement.id") == first_two[1]
    assert "PER" in chromium.evaluate("document.getElementById('details').textContent")


def wait_for(path: Path, seconds: float = 10.0) -> Path:
    deadline = time.monotonic() + seconds
    while not path.is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.is_file(), f"{path} was not downloaded"
    return path


def test_accept_and_reject_in_the_page_are_saved_and_applied(chromium, report, tmp_path):
    outdir, _ = report
    chromium.open(seed_page(report).as_uri())
    chromium.evaluate("localStorage.clear()")
    chromium.open(seed_page(report).as_uri())
    suggestion = chromium.evaluate("(() => { const e = document.querySelector('#text .m.c.sugg'); e.focus();"
                                   " return [+e.dataset.s, +e.dataset.e]; })()")
    chromium.press("a")
    assert "applied" in chromium.evaluate("document.activeElement.className")
    applied = chromium.evaluate("(() => { const e = document.querySelector('#text .m.c.applied:not(.dec-accept)');"
                                " e.focus(); return [+e.dataset.s, +e.dataset.e]; })()")
    chromium.press("r")
    assert "sugg" in chromium.evaluate("document.activeElement.className")
    entity = chromium.evaluate("(() => { const e = document.querySelector('#text .m.e.PER'); e.focus();"
                               " return [+e.dataset.s, +e.dataset.e]; })()")
    chromium.press("3")  # label ORG
    assert chromium.evaluate("document.getElementById('n-decisions').textContent") == "3"
    chromium.allow_downloads(tmp_path)
    chromium.evaluate("document.getElementById('save').click()")
    decisions = read_decisions(wait_for(tmp_path / "decisions.csv"))
    got = {(d.table, d.start, d.end, d.decision) for d in decisions}
    assert got == {("corrections", *suggestion, "accept"), ("corrections", *applied, "reject"),
                   ("entities", *entity, "label")}
    corrected = {(int(r.start), int(r.end), r.corrected) for r in table(outdir, "corrections").itertuples()}
    for d in decisions:  # a correction decision names its proposal; the label decision its new label
        assert (d.start, d.end, d.value) in corrected if d.table == "corrections" else d.value == "ORG"
    assert all(d.doc_id == SEED and d.surface for d in decisions)
    summary = apply_review(outdir, tmp_path / "decisions.csv")
    assert summary.n_applied == 3 and not summary.stale
    write_report(outdir)  # the report of the reviewed run marks the decided rows
    chromium.open(seed_page(report).as_uri())
    reviewed = chromium.evaluate("document.querySelectorAll('#text .reviewed').length")
    assert reviewed == 3


def test_a_one_megabyte_document_is_drawn_one_page_at_a_time(chromium, full_run, tmp_path):
    from bench.report import replicate_run
    seed_chars = len(raw_texts(full_run[0])[SEED])
    outdir = replicate_run(full_run[0], tmp_path / "big", 1, copies=1_000_000 // seed_chars + 1)
    folder = write_report(outdir)
    seconds = chromium.open((folder / "docs" / "d00000.html").as_uri())
    print(f"1 MB document page opened in {seconds:.2f} s")
    n_pages = chromium.evaluate("REPORT_DOC.pages.length")
    n_items = chromium.evaluate("REPORT_DOC.corrections.length + REPORT_DOC.entities.length + "
                                "REPORT_DOC.dates.length")
    assert chromium.evaluate("REPORT_DOC.raw.length") >= 1_000_000 and n_pages >= 40
    assert chromium.evaluate("document.querySelectorAll('#text [tabindex]').length") < n_items / 20
    chromium.evaluate(f"reviewDoc.goPage({n_pages - 1})")
    walked = chromium.evaluate(WALK)
    start, end = chromium.evaluate(f"REPORT_DOC.pages[{n_pages - 1}]")
    assert walked["rebuilt"] == chromium.evaluate(f"REPORT_DOC.raw.slice({start}, {end})")
    assert walked["items"] and all(item["pos"] == item["s"] for item in walked["items"])


def test_the_documents_table_sorts_by_a_clicked_column(chromium, report):
    _, folder = report
    chromium.open((folder / "index.html").as_uri())
    column = "[...document.querySelectorAll('#documents tbody tr')].map(r => +r.cells[3].dataset.v)"
    chromium.evaluate("document.querySelector('#documents th[data-sort=\"3\"]').click()")
    ascending = chromium.evaluate(column)
    chromium.evaluate("document.querySelector('#documents th[data-sort=\"3\"]').click()")
    assert ascending == sorted(ascending) and chromium.evaluate(column) == sorted(ascending, reverse=True)
    links = chromium.evaluate("[...document.querySelectorAll('#entities tbody a')].slice(0, 3).map(a => a.href)")
    assert links and all("/docs/d" in link and "#at=" in link for link in links)
    chromium.open(links[0])  # an entity's mention link opens its page at the mention, focused
    at = int(links[0].rsplit("=", 1)[1])
    assert chromium.evaluate("+document.activeElement.dataset.s") >= at


def test_an_entity_crossing_a_date_is_drawn_in_fragments_at_the_right_offsets(chromium, run_copy, tmp_path):
    from pipeline.review.decisions import Decision, write_decisions
    outdir, _ = run_copy
    dates = table(outdir, "dates")
    corrections = table(outdir, "corrections")
    fixed = {(d, int(s)) for d, s in zip(corrections["doc_id"], corrections["start"])}
    date = next(r for r in dates.itertuples() if r.doc_id == SEED and " " in r.text
                and not any((SEED, p) in fixed for p in range(int(r.start), int(r.end) + 3)))
    start, end = int(date.start) + date.text.index(" ") + 1, int(date.end) + 2  # from inside it to past it
    apply_review(outdir, write_decisions(tmp_path / "d.csv", [Decision(SEED, "entities", start, end, "add", "MISC")]))
    folder = write_report(outdir)
    chromium.open((folder / "docs" / seed_page((outdir, folder)).name).as_uri())
    items, rebuilt = walk_all_pages(chromium)
    assert rebuilt == raw_texts(outdir)[SEED]
    key = f"entities:{start}:{end}"
    assert items[key]["pos"] == start and items[f"dates:{date.start}:{date.end}"]["pos"] == int(date.start)
    chromium.evaluate(f"reviewDoc.goPage(reviewDoc.pageOf({start}))")
    assert chromium.evaluate(f"document.querySelectorAll('[data-k=\"{key}\"]').length") == 2  # split in two
