"""One document through every stage: normalize, correct, segment, entities, dates; rows in raw offsets.

``Stages`` holds the loaded models (built once per process); ``process_document`` is a pure function of the
raw text, the options and the stages, so the local pool and Dask workers produce identical rows.
"""
from __future__ import annotations

import hashlib
import json
import time
from bisect import bisect_right
from dataclasses import asdict, dataclass, field

from pipeline.correct.linebreaks import hyphenation_edits
from pipeline.document import Document
from pipeline.normalize import TONE_STYLES, normalize_edits
from pipeline.segment import split_sentences


@dataclass(frozen=True)
class Options:
    """What a run does; everything that changes the rows is here (and in the fingerprint)."""

    tone_style: str = "hòa"
    correct: bool = True
    entities: bool = True
    dates: bool = True
    declared_calendar: str = "as_written"
    lm: str | None = None  # a user's language model (build-lm), mixed with the shipped one
    lm_weight: float = 0.5
    lm_sha256: str | None = None  # the model file's hash: --resume reuses no row made with another model

    def __post_init__(self) -> None:
        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"--tone-style must be one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}")
        if self.declared_calendar not in ("as_written", "gregorian", "julian"):
            raise ValueError(f"--calendar must be as_written, gregorian or julian, not {self.declared_calendar!r}")

    def fingerprint(self) -> str:
        """A short hash of the options, used to tell whether a previous run's rows can be reused."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class DocumentResult:
    """Everything one document produced: table rows (raw offsets), the clean text and stage timings."""

    doc_id: str
    clean_text: str
    rows: dict[str, list[dict]]
    seconds: dict[str, float] = field(default_factory=dict)


class Stages:
    """The models of the enabled stages, loaded once per process."""

    def __init__(self, options: Options, stats: object | None = None):
        self.options = options
        self.stats = stats
        self.corrector = None
        self.recognizer = None
        self.date_extractor = None
        if options.correct:
            from pipeline.correct import Corrector
            from pipeline.correct.lm import load_lm
            self.corrector = Corrector(stats=stats, lm=load_lm(options.lm, options.lm_weight))
        if options.entities:
            from pipeline.entities import EntityRecognizer
            self.recognizer = EntityRecognizer()
        if options.dates:
            from pipeline.dates import DateExtractor
            self.date_extractor = DateExtractor(declared_calendar=options.declared_calendar)


def normalized_document(doc_id: str, raw: str, tone_style: str) -> Document:
    """The document after diacritic normalization (the input of the corpus-statistics pass too)."""
    doc = Document(doc_id, raw)
    doc.add_raw_edits(normalize_edits(raw, tone_style))
    return doc


def process_document(doc_id: str, raw: str, stages: Stages) -> DocumentResult:
    """Run every enabled stage on one raw text and return its rows, all in raw offsets."""
    options = stages.options
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = seconds.get(stage, 0.0) + now - clock
        clock = now

    doc = normalized_document(doc_id, raw, options.tone_style)
    lap("normalize")
    suggestions: dict[tuple[int, int], str] = {}
    if stages.corrector is not None:
        doc.add_edits(hyphenation_edits(doc.text, lambda: _token_counts(stages.stats, doc.text)))
        raw_edits = doc.add_edits(stages.corrector.correct(doc.text, tone_style=options.tone_style))
        # Suggestions (not applied) are handed to the entity stage in the new clean coordinates.
        suggestions = {doc.clean.clean_extent(e.start, e.end): e.corrected for e in raw_edits if not e.applied}
        lap("correct")
    text = doc.text
    sentences = split_sentences(text)
    lap("segment")
    entities = stages.recognizer(text, sentences, suggestions) if stages.recognizer else []
    lap("entities")
    dates = stages.date_extractor(text, sentences) if stages.date_extractor else []
    lap("dates")
    rows = _rows(doc, sentences, entities, dates)
    lap("export")
    return DocumentResult(doc_id, text, rows, seconds)


def _token_counts(stats: object | None, text: str) -> dict[str, int]:
    """Token counts of the batch, or of this text alone when no batch statistics were given."""
    from pipeline.correct import CorpusStats
    return (stats if stats is not None else CorpusStats.from_text(text)).tokens


def _rows(doc: Document, sentences: list[tuple[int, int]], entities: list, dates: list) -> dict[str, list[dict]]:
    raw, text, doc_id = doc.raw, doc.text, doc.doc_id
    raw_sentences = [doc.to_raw(s, e) for s, e in sentences]
    raw_starts = [s for s, _ in raw_sentences]

    def sent_id(raw_start: int) -> int:
        return max(bisect_right(raw_starts, raw_start) - 1, 0) if raw_starts else -1

    rows: dict[str, list[dict]] = {"sentences": [], "corrections": [], "entities": [], "dates": []}
    for i, ((cs, ce), (rs, re_)) in enumerate(zip(sentences, raw_sentences)):
        rows["sentences"].append({"doc_id": doc_id, "sent_id": i, "start": rs, "end": re_, "text": raw[rs:re_],
                                  "text_clean": text[cs:ce]})
    for edit in sorted(doc.edits, key=lambda e: (e.start, e.end)):
        rows["corrections"].append({"doc_id": doc_id, "sent_id": sent_id(edit.start), "start": edit.start,
                                    "end": edit.end, "original": edit.original, "corrected": edit.corrected,
                                    "kind": edit.kind, "score": round(edit.score, 4), "applied": edit.applied})
    if entities:
        from pipeline.entities import entity_key
    for m in entities:
        rs, re_ = doc.to_raw(m.start, m.end)
        rows["entities"].append({"doc_id": doc_id, "sent_id": sent_id(rs), "start": rs, "end": re_,
                                 "text": raw[rs:re_], "text_clean": text[m.start:m.end], "label": m.label,
                                 "canonical": m.canonical, "entity_id": entity_key(m.canonical, m.label),
                                 "score": round(m.score, 4), "source": m.source})
    for d in dates:
        rs, re_ = doc.to_raw(d.start, d.end)
        anchor = doc.to_raw(*d.anchor)[0] if d.anchor else None
        rows["dates"].append({"doc_id": doc_id, "sent_id": sent_id(rs), "start": rs, "end": re_,
                              "text": raw[rs:re_], "value": d.value, "granularity": d.granularity, "mod": d.mod,
                              "year_inferred": d.year_inferred, "anchor": anchor, "calendar": d.calendar,
                              "value_gregorian": d.value_gregorian})
    for table in rows.values():
        table.sort(key=lambda r: (r["start"], r["end"]))
    return rows
