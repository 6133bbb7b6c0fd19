"""The work done on workers (a local process, a pool process or a Dask worker alike): the map step of the
corpus-statistics pass (``prepare_chunk``) and the processing of one document (``analyse``). Pure functions of
their arguments; the loaded models are kept per process (``stages_for``)."""
from __future__ import annotations

import hashlib
import sys
import time
import traceback
from dataclasses import dataclass, field

from pipeline.engine.inputs import Source
from pipeline.engine.parts import DocumentOutcome, DocumentRow, Prepared
from pipeline.engine.watchdog import DocumentTimeout, time_limit
from pipeline.ingest import IngestError
from pipeline.process import Options, Stages, Started, Statistics, process_document, start_document


@dataclass(frozen=True)
class Context:
    """What every document task shares: the options, the merged corpus statistics and the time limit."""

    options: Options
    statistics: Statistics | None = None
    doc_timeout: float | None = None


@dataclass
class ChunkStatistics:
    """The map step's result for a chunk of documents: each enabled corpus pass's merged value, and the
    documents as prepared (decoded, prefix stages run) so that processing does not decode them again."""

    values: Statistics = field(default_factory=dict)
    prepared: list[Prepared] = field(default_factory=list)


_STAGES: dict[tuple, Stages] = {}


def stages_for(options: Options, statistics: Statistics | None, prefix_only: bool = False) -> Stages:
    """The models for these options, loaded once per process (and kept for the next task)."""
    key = (options, id(statistics), prefix_only)
    if key not in _STAGES:
        _STAGES.clear()
        _STAGES[key] = Stages(options, statistics, prefix_only=prefix_only)
    return _STAGES[key]


def forget_stages() -> None:
    _STAGES.clear()


def prepare_chunk(sources: list[Source], options: Options) -> ChunkStatistics:
    """Map step of the corpus-statistics pass: decode each document once, run the prefix stages, count every
    enabled corpus pass over the result (merged within the chunk)."""
    from pipeline.ingest import decode_bytes
    stages = stages_for(options, None, prefix_only=True)
    passes = [stage for stage in stages.stages if stage.corpus is not None]
    result = ChunkStatistics({stage.name: stage.corpus.empty() for stage in passes})
    for source in sources:
        prepared = Prepared(source.item, error=source.error)
        result.prepared.append(prepared)
        if source.data is None:
            continue
        prepared.sha256 = hashlib.sha256(source.data).hexdigest()
        try:
            decoded = decode_bytes(source.data)
            prepared.encoding, prepared.n_chars = decoded.encoding, len(decoded.text)
            prepared.warnings = "; ".join(decoded.warnings)
            started = start_document(source.item.doc_id, decoded.text, stages)
        except IngestError as err:
            prepared.error = str(err)
            continue
        except Exception as err:  # one broken document never stops the batch
            prepared.error = f"internal error in processing: {type(err).__name__}: {err}"
            traceback.print_exc(file=sys.stderr)
            continue
        for stage in passes:
            result.values[stage.name] = stage.corpus.merge(result.values[stage.name],
                                                           stage.corpus.count(started.record.text))
        started.record.doc.forget_clean()  # rebuilt where it is processed; not carried in the pickle
        prepared.started = started
    return result


def analyse(job: Source | Prepared, context: Context) -> DocumentOutcome:
    """Process one document (its bytes, or as the statistics pass prepared it): its documents.csv row, its table
    rows and its clean text. A document still running after ``doc_timeout`` seconds is given up and recorded as
    an error."""
    from pipeline.ingest import decode_bytes
    started_at = time.perf_counter()
    if isinstance(job, Prepared):
        row, started = job.row(), job.started
    else:
        row, started = DocumentRow.of(job.item), None
        row.sha256 = hashlib.sha256(job.data).hexdigest()
    outcome = DocumentOutcome(row)
    try:
        stages = stages_for(context.options, context.statistics)  # once per process, outside the time limit
        with time_limit(context.doc_timeout):
            if started is None:
                decoded = decode_bytes(job.data)
                row.encoding, row.n_chars, row.warnings = (decoded.encoding, len(decoded.text),
                                                           "; ".join(decoded.warnings))
                text = decoded.text
            else:
                text = started.record.doc.raw
            result = process_document(row.doc_id, text, stages, started)
    except DocumentTimeout:
        row.error = (f"time limit exceeded: still processing after {context.doc_timeout:g} s (--doc-timeout); "
                     f"{row.n_chars:,} characters")
        forget_stages()  # the models may hold a half-done document's state: load them afresh
    except IngestError as err:
        row.error = str(err)
    except Exception as err:  # one broken document never stops the batch
        row.error = f"internal error in processing: {type(err).__name__}: {err}"
        traceback.print_exc(file=sys.stderr)
    else:
        row.status, row.counts, row.stage_seconds = "ok", result.counts, result.seconds
        outcome.rows, outcome.clean_text = result.rows, result.clean_text
    row.seconds = round(time.perf_counter() - started_at + _prefix_seconds(started), 4)
    return outcome


def _prefix_seconds(started: Started | None) -> float:
    """The seconds the prefix stages took in the statistics pass (0 when the document was not prepared)."""
    return sum(started.seconds.values()) if started is not None else 0.0
