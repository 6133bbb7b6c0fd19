"""``python -m pipeline report OUTDIR``: static HTML in OUTDIR/report/ that opens from the file system.

index.html holds the run, the documents, the date timeline, the most mentioned entities and the entity index;
docs/dNNNNN.html shows one document, its text drawn page by page in the browser from docs/dNNNNN.js (so a 1 MB
document stays usable), with the review controls of assets/review.js. Everything is local: no network.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import defaultdict
from html import escape
from importlib import resources
from pathlib import Path
from string import Template

import pandas as pd

from pipeline.export.tables import atomic_write
from pipeline.report.charts import timeline_svg, top_entities_svg
from pipeline.review import OutdirError, RunOutput
from pipeline.review.apply import REVIEWED
from pipeline.review.decisions import LABELS

PAGE_CHARS = 20_000  # characters of text drawn at once on a document page
ASSETS = ("report.css", "review.js", "index.js")
DOC_COLUMNS = ["doc_id", "status", "error", "n_chars", "n_sentences", "n_corrections", "n_entities", "n_dates",
               "seconds"]
MENTION_LINKS = 20  # documents linked from one row of the entity index


def _template(name: str) -> Template:
    return Template(resources.files("pipeline.report").joinpath("data", name).read_text(encoding="utf-8"))


def _js_data(variable: str, value: object) -> str:
    """A script that sets ``window.<variable>``; JSON is valid JavaScript (line separators escaped)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{variable}={text};\n"


def _write(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _column(rows: pd.DataFrame, name: str) -> list[str]:
    return list(rows[name]) if name in rows else [""] * len(rows)


def page_bounds(raw: str, spans: list[tuple[int, int]], size: int = PAGE_CHARS) -> list[list[int]]:
    """Pages of about ``size`` characters, cut after a newline (else a space) that no span covers."""
    covered = bytearray(len(raw) + 1)
    for start, end in spans:
        covered[start + 1:end] = b"\x01" * max(0, end - start - 1)
    bounds, start = [], 0
    while len(raw) - start > size:
        cut = None
        for separator in ("\n", " "):
            at = raw.find(separator, start + size)
            while at != -1 and at < start + 2 * size and covered[at + 1]:
                at = raw.find(separator, at + 1)
            if at != -1 and at < start + 2 * size:
                cut = at + 1
                break
        cut = cut or start + size
        bounds.append([start, cut])
        start = cut
    bounds.append([start, len(raw)])
    return bounds


class ReportBuilder:
    """Writes the report of one OUTDIR."""

    def __init__(self, outdir: str | os.PathLike):
        self.out = RunOutput(outdir)
        self.dir = self.out.path / "report"
        documents = self.out.table("documents").sort_values("doc_id", kind="stable")
        self.documents = documents
        ok = list(documents.loc[documents["status"] == "ok", "doc_id"])
        self.skipped: dict[str, str] = {}  # documents whose text cannot be rebuilt from OUTDIR, and why
        for doc_id in ok:
            try:
                self.out.text_map(doc_id)
            except OutdirError as err:
                self.skipped[doc_id] = str(err)
        self.files = {doc_id: f"d{i:05d}" for i, doc_id in enumerate(d for d in ok if d not in self.skipped)}
        run_json = (self.out.path / "run.json").read_bytes()
        self.run_id = hashlib.sha1(run_json).hexdigest()[:12]

    def write(self) -> Path:
        (self.dir / "docs").mkdir(parents=True, exist_ok=True)
        (self.dir / "assets").mkdir(exist_ok=True)
        for name in ASSETS:
            source = resources.files("pipeline.report").joinpath("data", name)
            with resources.as_file(source) as path:
                shutil.copyfile(path, self.dir / "assets" / name)
        written = {f"{name}.{ext}" for name in self.files.values() for ext in ("html", "js")}
        for stale in (self.dir / "docs").iterdir():  # pages of documents no longer in the run
            if stale.name not in written:
                stale.unlink()
        ids = list(self.files)
        for i, doc_id in enumerate(ids):
            self._write_document(doc_id, ids[i - 1] if i else None, ids[i + 1] if i + 1 < len(ids) else None)
        self._write_index()
        return self.dir

    # --- one document ---------------------------------------------------------------------------------------

    def document_data(self, doc_id: str) -> dict:
        """What the document page draws: raw text, pages, and every row of the three tables, compactly."""
        raw = self.out.text_map(doc_id).raw
        corrections = self.out.rows_of("corrections", doc_id)
        entities = self.out.rows_of("entities", doc_id)
        dates = self.out.rows_of("dates", doc_id)
        spans = [(int(s), int(e)) for frame in (corrections, entities, dates)
                 for s, e in zip(frame["start"], frame["end"])]

        def rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
            values = [frame["start"].astype(int).tolist(), frame["end"].astype(int).tolist()]
            values += [_column(frame, c) for c in columns]
            return [list(row) for row in zip(*values)]

        return {"doc_id": doc_id, "run": self.run_id, "pages": page_bounds(raw, spans), "raw": raw,
                "corrections": rows(corrections, ["original", "corrected", "kind", "score", "applied", REVIEWED]),
                "entities": rows(entities, ["label", "canonical", "entity_id", "score", "source", "text_clean",
                                            REVIEWED]),
                "dates": rows(dates, ["value", "granularity", "mod", "calendar", "year_inferred", "value_gregorian",
                                      REVIEWED]),
                "labels": list(LABELS)}

    def _write_document(self, doc_id: str, previous: str | None, following: str | None) -> None:
        name = self.files[doc_id]
        _write(self.dir / "docs" / f"{name}.js", _js_data("REPORT_DOC", self.document_data(doc_id)))

        def link(other: str | None, text: str) -> str:
            if other is None:
                return f'<span class="disabled">{text}</span>'
            return f'<a href="{self.files[other]}.html" title="{escape(other)}">{text}</a>'

        label_options = "".join(f'<option value="{label}">only {label}</option>' for label in LABELS)
        html = _template("document.html").substitute(
            title=escape(doc_id), data=f"{name}.js", previous=link(previous, "← previous document"),
            following=link(following, "next document →"), label_options=label_options)
        _write(self.dir / "docs" / f"{name}.html", html)

    # --- the index ------------------------------------------------------------------------------------------

    def _documents_table(self) -> str:
        head = "".join(f'<th scope="col" tabindex="0" data-sort="{i}">{c}</th>' for i, c in enumerate(DOC_COLUMNS))
        body = []
        for row in self.documents[DOC_COLUMNS].itertuples(index=False):
            cells = []
            for column, value in zip(DOC_COLUMNS, row):
                if column == "error" and row[0] in self.skipped:
                    value = f"no page in the report: {self.skipped[row[0]]}"
                text = escape(str(value))
                if column == "doc_id" and value in self.files:
                    text = f'<a href="docs/{self.files[value]}.html">{text}</a>'
                cells.append(f'<td data-v="{escape(str(value))}">{text}</td>')
            status = "ok" if row[1] == "ok" and row[0] not in self.skipped else "error"
            body.append(f'<tr class="{status}">{"".join(cells)}</tr>')
        return (f'<table id="documents" class="sortable"><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>')

    def _entity_rows(self) -> list[list]:
        """The entity index, each entity with links to its first mention in up to MENTION_LINKS documents."""
        entities = self.out.table("entities")
        first: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for doc_id, start, entity_id in zip(entities["doc_id"], entities["start"], entities["entity_id"]):
            if doc_id in self.files:
                seen = first[entity_id].setdefault(doc_id, [int(start), 0])
                seen[1] += 1
        index = self.out.table("entity_index")
        rows = []
        for entity_id, canonical, label, n, n_docs, variants in index[
                ["entity_id", "canonical", "label", "n_mentions", "n_documents", "variants"]].itertuples(index=False):
            links = [[d, self.files[d], start, count]
                     for d, (start, count) in first[entity_id].items()][:MENTION_LINKS]
            rows.append([entity_id, canonical, label, int(n), int(n_docs), variants, links])
        rows.sort(key=lambda r: (-r[3], r[0]))
        return rows

    def _write_index(self) -> None:
        info = self.out.run_info
        options = info.get("options", {})
        timings = info.get("timings", {})
        summary = info.get("summary", {})
        run_rows = [("options", ", ".join(f"{k}={v}" for k, v in options.items())),
                    ("versions", ", ".join(f"{k} {v}" for k, v in info.get("versions", {}).items())),
                    ("finished", _mtime(self.out.path / "run.json")),
                    ("wall time", f"{timings.get('wall_seconds', '')} s, {timings.get('chars_per_second', '')} "
                                  f"characters/s"),
                    ("stages (s)", ", ".join(f"{k} {v}" for k, v in timings.get("stage_seconds", {}).items())),
                    ("documents", f"{summary.get('n_ok', '')} ok, {summary.get('n_failed', '')} failed"),
                    ("corrections", f"{summary.get('n_applied', '')} applied, {summary.get('n_suggested', '')} "
                                    f"suggested"),
                    ("entities, dates", f"{summary.get('n_entities', '')}, {summary.get('n_dates', '')}"),
                    ("reviewed by a person", self._reviewed_counts())]
        run_table = "".join(f"<tr><th scope=\"row\">{escape(k)}</th><td>{escape(str(v))}</td></tr>"
                            for k, v in run_rows)
        _write(self.dir / "assets" / "index-data.js",
               _js_data("REPORT_INDEX", {"run": self.run_id, "entities": self._entity_rows()}))
        html = _template("index.html").substitute(
            title=escape(self.out.path.name), run_table=run_table, documents=self._documents_table(),
            timeline=timeline_svg(self.out.table("dates")),
            top_entities=top_entities_svg(self.out.table("entity_index")))
        _write(self.dir / "index.html", html)


    def _reviewed_counts(self) -> str:
        """How many rows of each table carry a decision (apply-review), e.g. "3 corrections, 1 entities"."""
        counts = []
        for name in ("corrections", "entities", "dates"):
            frame = self.out.table(name)
            n = int((frame[REVIEWED] != "").sum()) if REVIEWED in frame else 0
            counts.append(f"{n} {name}")
        return ", ".join(counts)


def _mtime(path: Path) -> str:
    import datetime
    return datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")


def write_report(outdir: str | os.PathLike) -> Path:
    """Write OUTDIR/report/ and return its folder."""
    return ReportBuilder(outdir).write()

