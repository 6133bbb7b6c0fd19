"""What a stage is: the ``Stage`` protocol, the per-document ``Record`` the stages fill, the ``Table`` a stage
writes and the optional ``CorpusPass`` it counts over the whole batch first; ``Registry`` keeps them in order.

In the spirit of spaCy's ``Language.factory(assigns=…, requires=…)``: a stage declares the record fields it
reads (``requires``) and writes (``assigns``); the registry refuses a stage that requires a field no earlier stage
assigns. The engine knows no stage by name: the CLI's ``--no-NAME`` options, run.json's stage timings, the count
columns of documents.csv, the tables and the corpus-statistics pass all come from the registry
(``pipeline.stages.REGISTRY``, where the built-in stages are registered in run order; each one is declared in its
own folder, ``pipeline/<name>/stage.py``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Protocol, runtime_checkable

from pipeline.document import Document

if TYPE_CHECKING:
    from pipeline.dates import DateMention
    from pipeline.entities import EntityMention

Span = tuple[int, int]

# The columns every span table starts with (the sentence id, then raw offsets).
SPAN_COLUMNS = ("doc_id", "sent_id", "start", "end")


@dataclass
class Record:
    """One document as the stages see it; every span is in clean coordinates of ``doc.text``.

    The built-in fields are typed; a stage registered from outside this package assigns its own fields, which
    live in ``extra`` under the names it declares (``record.get(name)`` reads either).
    """

    doc: Document                                                # raw text and every edit (its clean text)
    tone_style: str = "hòa"
    sentences: list[Span] = field(default_factory=list)          # segment
    suggestions: dict[Span, str] = field(default_factory=dict)   # correct: corrections not applied, for names
    entities: list[EntityMention] = field(default_factory=list)  # entities
    dates: list[DateMention] = field(default_factory=list)       # dates
    extra: dict[str, Any] = field(default_factory=dict)          # fields of stages registered elsewhere

    FIELDS = ("text", "edits", "sentences", "suggestions", "entities", "dates")

    @property
    def text(self) -> str:
        """The clean text: the raw text with every applied edit."""
        return self.doc.text

    def get(self, name: str) -> Any:
        if name == "edits":
            return self.doc.edits
        return getattr(self, name) if name in self.FIELDS else self.extra[name]


@dataclass(frozen=True)
class Table:
    """A table a stage writes, one row per item, every span in raw offsets.

    ``count`` is the column of documents.csv that holds the document's number of rows; ``surface`` the column that
    must equal ``raw[start:end]``; ``types`` maps columns to "int", "float" or "bool" (the others are strings);
    ``order`` places the table (and its count column) among the others, as README documents them."""

    name: str
    columns: tuple[str, ...]
    count: str
    surface: str | None = None
    types: dict[str, str] = field(default_factory=dict)
    order: int = 100


@runtime_checkable
class CorpusPass(Protocol):
    """Statistics a stage counts over every document's normalized text before any document is processed
    (map-reduce: ``count`` per document, ``merge`` in any order); the engine hands the merged value to ``load``."""

    def empty(self) -> Any: ...

    def count(self, text: str) -> Any: ...

    def merge(self, total: Any, part: Any) -> Any:
        """``total`` with ``part`` added (may update ``total`` in place and return it)."""
        ...

    def digest(self, value: Any) -> str:
        """What identifies the value: a kept part is reused by --resume only under the same digest."""
        ...


Component = Callable[[Record], None]


@runtime_checkable
class Stage(Protocol):
    name: str                      # "entities": --no-entities, the key of its timing in run.json
    requires: tuple[str, ...]      # record fields it reads
    assigns: tuple[str, ...]       # record fields it writes
    table: Table | None
    corpus: CorpusPass | None
    optional: bool                 # may be switched off (--no-NAME)
    help: str                      # what --no-NAME skips

    def load(self, options: Any, statistics: Any) -> Component:
        """The stage's models, loaded once per process; ``statistics`` is its corpus pass's merged value."""
        ...

    def rows(self, record: Record, place: Placer) -> list[dict]:
        """The rows of its table for one processed document (``place`` gives raw offsets and sentence ids)."""
        ...


class Placer:
    """Raw offsets of clean spans, and the sentence a raw offset falls in, for building rows."""

    def __init__(self, record: Record):
        from bisect import bisect_right
        self._bisect = bisect_right
        self.doc = record.doc
        self.raw_sentences = [record.doc.to_raw(s, e) for s, e in record.sentences]
        self._raw_starts = [s for s, _ in self.raw_sentences]

    def to_raw(self, start: int, end: int) -> Span:
        return self.doc.to_raw(start, end)

    def sent_id(self, raw_start: int) -> int:
        """The sentence holding a raw offset (the last one starting at or before it), -1 without sentences."""
        return max(self._bisect(self._raw_starts, raw_start) - 1, 0) if self._raw_starts else -1


class Registry:
    """The stages in the order they run; the tables in the order of their ``order``."""

    def __init__(self) -> None:
        self._stages: dict[str, Stage] = {}

    def register(self, stage: Stage) -> Stage:
        """Add a stage after the others; refused when its name is taken, it requires a field no earlier stage
        assigns, or its table or count column clashes with one already registered."""
        if not isinstance(stage, Stage):
            raise TypeError(f"{stage!r} is not a Stage (name, requires, assigns, table, corpus, optional, help, "
                            "load, rows)")
        if stage.name in self._stages:
            raise ValueError(f"a stage named {stage.name!r} is already registered")
        assigned = {"text", "edits"} | {f for s in self._stages.values() for f in s.assigns}
        missing = [f for f in stage.requires if f not in assigned]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        if stage.table is not None:
            for table in self.tables():
                if table.name == stage.table.name or table.count == stage.table.count:
                    raise ValueError(f"stage {stage.name!r}: table {stage.table.name!r} or column "
                                     f"{stage.table.count!r} is already registered")
        self._stages[stage.name] = stage
        return stage

    def unregister(self, name: str) -> None:
        del self._stages[name]

    def __iter__(self) -> Iterator[Stage]:
        return iter(list(self._stages.values()))

    def __getitem__(self, name: str) -> Stage:
        return self._stages[name]

    def names(self) -> list[str]:
        return list(self._stages)

    def tables(self) -> list[Table]:
        return sorted((s.table for s in self._stages.values() if s.table is not None), key=lambda t: t.order)

    def owner(self, table: str) -> Stage:
        return next(s for s in self._stages.values() if s.table is not None and s.table.name == table)
