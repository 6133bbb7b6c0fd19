"""One document through every enabled stage of the registry, and its rows in raw offsets.

``Stages`` holds the loaded components of the enabled stages (built once per process); ``process_document`` is a
pure function of the raw text, the options and the stages, so the local pool and Dask workers produce identical
rows. The stages before the first one with a corpus pass (normalization) are the *prefix*: the engine runs them
in the corpus-statistics pass and hands the prepared ``Record`` on, so that a document is decoded and normalized
once (``start_document`` then ``process_document(..., started=...)``).
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.document import Document
from pipeline.normalize import TONE_STYLES
from pipeline.stage import Placer, Record, Registry, Stage
from pipeline.stages import REGISTRY

# Stage name -> the merged value of its corpus pass.
Statistics = dict[str, Any]


@dataclass(frozen=True)
class Options:
    """What a run does; everything that changes the rows is here (and in the fingerprint).

    The built-in stages that can be skipped have a switch of their own (``correct``, ``entities``, ``dates``);
    a stage registered elsewhere is skipped by naming it in ``disabled``."""

    tone_style: str = "hòa"
    correct: bool = True
    entities: bool = True
    dates: bool = True
    declared_calendar: str = "as_written"
    lm: str | None = None  # a user's language model (build-lm), mixed with the shipped one
    lm_weight: float = 0.5
    lm_sha256: str | None = None  # the model file's hash: --resume reuses no row made with another model
    disabled: tuple[str, ...] = ()

    SWITCHES = ("correct", "entities", "dates")

    def __post_init__(self) -> None:
        if self.tone_style not in TONE_STYLES:
            raise ValueError(f"--tone-style must be one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}")
        if self.declared_calendar not in ("as_written", "gregorian", "julian"):
            raise ValueError(f"--calendar must be as_written, gregorian or julian, not {self.declared_calendar!r}")

    @classmethod
    def skipping(cls, names: list[str] | tuple[str, ...], **values: Any) -> Options:
        """Options with the named stages switched off (the CLI's --no-NAME)."""
        switches = {name: False for name in names if name in cls.SWITCHES}
        return cls(**values, **switches, disabled=tuple(n for n in names if n not in cls.SWITCHES))

    def enabled(self, stage: str) -> bool:
        return getattr(self, stage) if stage in self.SWITCHES else stage not in self.disabled

    def as_dict(self) -> dict[str, Any]:
        """The options as run.json records them (``disabled`` only when a registered stage is skipped)."""
        values = asdict(self)
        if not values["disabled"]:
            del values["disabled"]
        return values

    def fingerprint(self) -> str:
        """A short hash of the options, used to tell whether a previous run's rows can be reused."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Started:
    """A document after the prefix stages (normalization): what the corpus passes count, what processing
    continues from."""

    record: Record
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class DocumentResult:
    """Everything one document produced: table rows (raw offsets), the clean text and stage timings."""

    doc_id: str
    clean_text: str
    rows: dict[str, list[dict]]
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # documents.csv's count column -> rows


def enabled_stages(options: Options, registry: Registry = REGISTRY) -> list[Stage]:
    return [stage for stage in registry if options.enabled(stage.name)]


def prefix_length(stages: list[Stage]) -> int:
    """How many stages run before the first one with a corpus pass (all of them when none has one)."""
    return next((i for i, stage in enumerate(stages) if stage.corpus is not None), len(stages))


class Stages:
    """The components of the enabled stages, loaded once per process (``prefix_only``: only the stages before
    the first corpus pass, which need no statistics)."""

    def __init__(self, options: Options, statistics: Statistics | None = None, registry: Registry = REGISTRY,
                 prefix_only: bool = False):
        self.options = options
        self.statistics = statistics
        self.registry = registry
        self.stages = enabled_stages(options, registry)
        self.prefix = prefix_length(self.stages)
        loaded = self.stages[:self.prefix] if prefix_only else self.stages
        self.components = [(stage, stage.load(options, (statistics or {}).get(stage.name))) for stage in loaded]


def _run(record: Record, components: list, seconds: dict[str, float]) -> None:
    for stage, component in components:
        clock = time.perf_counter()
        component(record)
        seconds[stage.name] = seconds.get(stage.name, 0.0) + time.perf_counter() - clock


def start_document(doc_id: str, raw: str, stages: Stages) -> Started:
    """The document after the prefix stages."""
    started = Started(Record(Document(doc_id, raw), tone_style=stages.options.tone_style))
    _run(started.record, stages.components[:stages.prefix], started.seconds)
    return started


def process_document(doc_id: str, raw: str, stages: Stages, started: Started | None = None) -> DocumentResult:
    """Run every enabled stage on one raw text (after ``started``'s, when given) and return its rows, all in raw
    offsets."""
    started = started or start_document(doc_id, raw, stages)
    record, seconds = started.record, dict(started.seconds)
    _run(record, stages.components[stages.prefix:], seconds)
    clock = time.perf_counter()
    rows, counts = table_rows(record, stages)
    seconds["export"] = time.perf_counter() - clock
    return DocumentResult(doc_id, record.text, rows, seconds, counts)


def table_rows(record: Record, stages: Stages) -> tuple[dict[str, list[dict]], dict[str, int]]:
    """Every registered table's rows for one document (none for a stage that did not run), sorted by span."""
    place = Placer(record)
    enabled = {stage.name for stage in stages.stages}
    rows: dict[str, list[dict]] = {}
    for table in stages.registry.tables():
        owner = stages.registry.owner(table.name)
        found = owner.rows(record, place) if owner.name in enabled else []
        if "start" in table.columns:
            found.sort(key=lambda r: (r["start"], r["end"]))
        rows[table.name] = found
    return rows, {table.count: len(rows[table.name]) for table in stages.registry.tables()}


def corpus_statistics_of_text(text: str, options: Options, registry: Registry = REGISTRY) -> Statistics:
    """The corpus passes of the enabled stages over one text alone (what ``process_text`` uses by default)."""
    stages = Stages(options, registry=registry, prefix_only=True)
    record = start_document("", text, stages).record
    return {stage.name: stage.corpus.count(record.text) for stage in stages.stages if stage.corpus is not None}
