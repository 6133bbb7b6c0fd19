"""Exchange formats for dataset builders: spaCy DocBin and Label Studio tasks of the clean texts with their
entities (and dates), and a Label Studio export read back as a decisions file.

Both exports hold the clean text and clean-text offsets (what an annotator reads); the raw offsets of every
span go along (spaCy: ``doc.user_data["raw_spans"]``; Label Studio: each result's ``meta``), and the import maps
clean offsets back to raw ones through OUTDIR's corrections, so the round trip lands on the same raw spans.
Offsets are code points, as Label Studio stores them since it stopped counting UTF-16 units (its PR #1559);
older versions counted units, which differs only after a character outside the BMP (CJK Extension B Nôm).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterator

import pandas as pd

from pipeline.review.apply import REVIEWED
from pipeline.review.decisions import LABELS, Decision, write_decisions
from pipeline.review.outdir import RunOutput
from pipeline.review.textmap import TextMap

DATE_LABEL = "DATE"
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
LABEL_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""


class ExchangeError(Exception):
    """An export or import that cannot be done (one line)."""


def _kept(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows a reviewer did not reject (or mark wrong)."""
    if REVIEWED not in frame:
        return frame
    return frame[~frame[REVIEWED].str.contains("reject|wrong", regex=True)]


def _documents(out: RunOutput) -> Iterator[tuple[str, TextMap, pd.DataFrame, pd.DataFrame]]:
    """(doc_id, its text map, its kept entities, its kept dates) for every document that succeeded."""
    entities, dates = _kept(out.table("entities")), _kept(out.table("dates"))
    by_doc_e = dict(tuple(entities.groupby("doc_id", sort=False)))
    by_doc_d = dict(tuple(dates.groupby("doc_id", sort=False)))
    empty_e, empty_d = entities.iloc[:0], dates.iloc[:0]
    for doc_id in out.doc_ids():
        yield doc_id, out.text_map(doc_id), by_doc_e.get(doc_id, empty_e), by_doc_d.get(doc_id, empty_d)


def _clean_spans(text_map: TextMap, rows: pd.DataFrame) -> list[tuple[int, int, int, int]]:
    """(clean_start, clean_end, raw_start, raw_end) of each row."""
    spans = []
    for start, end in zip(rows["start"].astype(int), rows["end"].astype(int)):
        spans.append((*text_map.to_clean(start, end), start, end))
    return spans


# --- spaCy ---------------------------------------------------------------------------------------------------

def _words(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """Tokens of ``text`` that never cross a cut; a single space after a token becomes its trailing space."""
    words: list[str] = []
    spaces: list[bool] = []
    bounds = sorted({0, len(text), *(c for c in cuts if 0 < c < len(text))})
    for left, right in zip(bounds, bounds[1:]):
        for match in _TOKEN.finditer(text, left, right):
            token = match.group()
            if token == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
            else:
                words.append(token)
                spaces.append(False)
    return words, spaces


def to_spacy(outdir: str | os.PathLike, path: Path) -> Path:
    """A DocBin of every clean text: entities as ``doc.ents`` (non-overlapping) and all in ``doc.spans``."""
    from spacy.tokens import Doc, DocBin, Span
    from spacy.vocab import Vocab
    out = RunOutput(outdir)
    vocab, docbin = Vocab(), DocBin(store_user_data=True)
    for doc_id, text_map, entities, _ in _documents(out):
        spans = _clean_spans(text_map, entities)
        words, spaces = _words(text_map.clean, {b for s in spans for b in s[:2]})
        doc = Doc(vocab, words=words, spaces=spaces)
        assert doc.text == text_map.clean
        all_spans, ents, taken = [], [], -1
        for (cs, ce, rs, re_), label in zip(spans, entities["label"]):
            span = doc.char_span(cs, ce, label=label)
            if span is None:
                continue
            all_spans.append(span)
            if span.start >= taken:
                ents.append(span)
                taken = span.end
        doc.ents = ents
        doc.spans["entities"] = [Span(doc, s.start, s.end, label=s.label_) for s in all_spans]
        doc.user_data["doc_id"] = doc_id
        doc.user_data["raw_spans"] = [[cs, ce, rs, re_] for cs, ce, rs, re_ in spans]
        docbin.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return path


# --- Label Studio ---------------------------------------------------------------------------------------------

def _result(kind: str, i: int, clean: str, span: tuple[int, int, int, int], label: str, score: str) -> dict:
    cs, ce, rs, re_ = span
    return {"id": f"{kind}{i}", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": cs, "end": ce, "text": clean[cs:ce], "labels": [label]},
            "score": float(score) if score else None, "meta": {"raw_start": rs, "raw_end": re_}}


def to_label_studio(outdir: str | os.PathLike, path: Path) -> Path:
    """Tasks (one per document) with the pipeline's entities and dates as predictions; the labeling config
    they need is written beside them (``<name>.label_config.xml``)."""
    out = RunOutput(outdir)
    version = out.run_info.get("versions", {}).get("vn-history-pipeline", "")
    tasks = []
    for doc_id, text_map, entities, dates in _documents(out):
        clean = text_map.clean
        result = [_result("e", i, clean, span, label, score) for i, (span, label, score) in
                  enumerate(zip(_clean_spans(text_map, entities), entities["label"], entities["score"]))]
        result += [_result("d", i, clean, span, DATE_LABEL, "") for i, span in
                   enumerate(_clean_spans(text_map, dates))]
        tasks.append({"data": {"text": clean, "doc_id": doc_id},
                      "predictions": [{"model_version": f"vn-history-pipeline {version}".strip(), "result": result}]})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    labels = "\n".join(f'    <Label value="{label}"/>' for label in (*LABELS, DATE_LABEL))
    path.with_name(path.stem + ".label_config.xml").write_text(LABEL_CONFIG.format(labels=labels), encoding="utf-8")
    return path


def _annotated_spans(task: dict, where: str) -> set[tuple[int, int, str]] | None:
    """(clean_start, clean_end, label) of the task's last annotation that was not cancelled; None if none."""
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if not annotations:
        return None
    spans = set()
    for item in annotations[-1].get("result") or []:
        value = item.get("value") or {}
        if item.get("type") != "labels" or not value.get("labels"):
            continue
        try:
            spans.add((int(value["start"]), int(value["end"]), str(value["labels"][0])))
        except (KeyError, TypeError, ValueError):
            raise ExchangeError(f"{where}: a result without start, end and labels") from None
    return spans


def _read_tasks(path: Path) -> list[dict]:
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ExchangeError(f"{path}: cannot be read ({err.strerror or err})") from None
    except ValueError as err:
        raise ExchangeError(f"{path}: not a JSON export of Label Studio ({err})") from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks):
        raise ExchangeError(f"{path}: expected a JSON list of tasks, each with its data")
    return tasks


def from_label_studio(outdir: str | os.PathLike, export: Path, path: Path) -> Path:
    """Decisions from a Label Studio JSON export: a predicted span kept with its label -> accept, relabelled ->
    label, removed -> reject (dates: wrong), a new span -> add; tasks nobody annotated give none."""
    out = RunOutput(outdir)
    documents = {doc_id: (text_map, entities, dates) for doc_id, text_map, entities, dates in _documents(out)}
    decisions: list[Decision] = []
    for n, task in enumerate(_read_tasks(export), 1):
        doc_id = task["data"].get("doc_id")
        where = f"{export}: task {n} ({doc_id})"
        if doc_id not in documents:
            raise ExchangeError(f"{where}: no such document in {out.path}")
        text_map, entities, dates = documents[doc_id]
        if task["data"].get("text") != text_map.clean:
            raise ExchangeError(f"{where}: its text is not the clean text in OUTDIR any more; export again")
        annotated = _annotated_spans(task, where)
        if annotated is not None:
            decisions += _task_decisions(doc_id, text_map, entities, dates, annotated)
    return write_decisions(path, decisions)


def _task_decisions(doc_id: str, text_map: TextMap, entities: pd.DataFrame, dates: pd.DataFrame,
                    annotated: set[tuple[int, int, str]]) -> list[Decision]:
    by_span: dict[tuple[int, int], str] = {(s, e): label for s, e, label in annotated}
    matched: set[tuple[int, int]] = set()
    decisions = []
    raw = text_map.raw

    def decide(table: str, span: tuple[int, int, int, int], decision: str, value: str = "") -> None:
        decisions.append(Decision(doc_id, table, span[2], span[3], decision, value, raw[span[2]:span[3]]))

    for span, label in zip(_clean_spans(text_map, entities), entities["label"]):
        new = by_span.get(span[:2])
        if new is None or new == DATE_LABEL:
            decide("entities", span, "reject")
            continue
        matched.add(span[:2])
        decide("entities", span, "accept" if new == label else "label", "" if new == label else new)
    for span in _clean_spans(text_map, dates):
        kept = by_span.get(span[:2]) == DATE_LABEL
        if kept:
            matched.add(span[:2])
        decide("dates", span, "accept" if kept else "wrong")
    for start, end, label in sorted(annotated):
        if (start, end) not in matched and label in LABELS:
            raw_start, raw_end = text_map.to_raw(start, end)
            decide("entities", (start, end, raw_start, raw_end), "add", label)
    return decisions
