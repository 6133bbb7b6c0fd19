"""The batch driver: find inputs, run the corpus-statistics pass, process documents on an executor, merge tables.

1. ``engine.inputs``: the INPUTs' files, each read once here.
2. The corpus-statistics pass (map-reduce, generic): when an enabled stage has a corpus pass (the corrector's
   batch statistics), every document is decoded once and taken through the stages before it (normalization) on
   the executor (``work.prepare_chunk``); the counts are merged here and the prepared documents wait in the part
   store until they are processed.
3. Documents on the executor (``work.analyse``): each outcome goes to ``OUTDIR/.parts/`` as soon as it is done
   (``engine.parts``), so memory stays flat and an interrupted run can be resumed.
4. ``export.merge``: the tables from the parts in doc_id order, checked against the rows the documents reported
   and renamed into place only when all are complete; ``engine.report``: run.json.

A document that fails (or runs past ``doc_timeout``) is recorded with status=error and never stops the batch. One
run at a time holds OUTDIR (``outdir.OutdirLock``); every output-location problem is found before any work
starts where it can (``outdir.check_outdir``), and a write that fails later (a full disk) ends the run with a
``UsageError`` and no temporary file left.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.engine.executors import Executor, LocalExecutor, chunks_of
from pipeline.engine.inputs import InputFile, Source, check_unique, discover_inputs, read_input, total_size
from pipeline.engine.outdir import OutdirLock, UsageError, check_outdir, describe_os_error, remove_temporaries
from pipeline.engine.parts import PARTS_VERSION, DocumentOutcome, DocumentRow, PartStore, Prepared
from pipeline.engine.report import RunSummary, write_run_json
from pipeline.engine.work import ChunkStatistics, Context, analyse, prepare_chunk, stages_for
from pipeline.export.merge import IncompleteTables, count_columns, merge_tables
from pipeline.process import Options, Statistics, enabled_stages

ENGINES = ("local", "dask")


def statistics_digest(options: Options, statistics: Statistics | None) -> str:
    """What identifies the batch statistics: each corpus pass's digest; "none" without statistics."""
    if not statistics:
        return "none"
    passes = {stage.name: stage.corpus for stage in enabled_stages(options) if stage.corpus is not None}
    return "|".join(f"{name}={passes[name].digest(value)}" for name, value in sorted(statistics.items()))


def reuse_key(options: Options, statistics: Statistics | None) -> str:
    """Everything a document's rows depend on besides its bytes: the options, the batch statistics and the
    version of the rows' shape. A part is reused by --resume only under the same key."""
    text = f"{PARTS_VERSION}|{options.fingerprint()}|{statistics_digest(options, statistics)}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _warm_up(context: Context) -> None:
    stages_for(context.options, context.statistics)


def run_batch(inputs: Iterable[str | os.PathLike], outdir: str | os.PathLike, options: Options = Options(),
              workers: int | None = None, resume: bool = False, fmt: str = "csv", progress: bool = True,
              engine: str = "local", scheduler: str | None = None, doc_timeout: float | None = None) -> RunSummary:
    """Process every input into the tables under ``outdir``; failures are rows in documents.csv, not exceptions.

    Raises UsageError (before any work where it can) for a bad command line or output location, a run over no
    documents, an OUTDIR another run holds, or a write that fails (no temporary file is left behind)."""
    started = time.perf_counter()
    inputs = list(inputs)
    _check_engine(engine, scheduler, doc_timeout)
    files = discover_inputs(inputs)
    if not files:
        raise UsageError(f"no documents to process: no file ending in .txt (in any case) in "
                         f"{', '.join(map(str, inputs))}")
    check_unique(files)
    workers = workers or os.cpu_count() or 1
    out = Path(outdir)
    check_outdir(out, [Path(i) for i in inputs], total_size(files), fmt)
    if engine == "dask":
        from pipeline.engine.dask_engine import check_scheduler
        check_scheduler(scheduler)
    with OutdirLock(out):
        remove_temporaries(out)
        store = PartStore(out)
        try:
            rows = _process(files, store, options, resume, workers, progress, engine, scheduler, doc_timeout)
            columns = count_columns()
            try:
                merge_tables(out, [f.doc_id for f in files], store.load_rows, [r.csv_row(columns) for r in rows],
                             fmt)
            except IncompleteTables as err:
                raise UsageError(str(err)) from None
            store.remove_stale(files, rows)
            summary = RunSummary()
            for row in rows:
                summary.add(row)
            summary.wall_seconds = time.perf_counter() - started
            write_run_json(out, options, files, rows, summary,
                           {"workers": workers if engine == "local" else 0, "format": fmt, "engine": engine,
                            "doc_timeout": doc_timeout})
        except OSError as err:  # a full disk, a folder removed under the run...
            raise UsageError(f"cannot write to OUTDIR {out}: {describe_os_error(err)}") from None
        finally:
            store.remove_prepared()
            remove_temporaries(out)
    return summary


def _check_engine(engine: str, scheduler: str | None, doc_timeout: float | None) -> None:
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if engine == "dask" and not scheduler:
        raise UsageError("--engine dask needs --scheduler tcp://HOST:PORT")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler is only used with --engine dask")
    if doc_timeout is not None and not doc_timeout > 0:
        raise UsageError(f"--doc-timeout must be a positive number of seconds, not {doc_timeout}")


def _process(files: list[InputFile], store: PartStore, options: Options, resume: bool, workers: int,
             progress: bool, engine: str, scheduler: str | None, doc_timeout: float | None) -> list[DocumentRow]:
    """The statistics pass, then every document, on the chosen executor; returns their rows."""
    if not resume:
        store.clear()
    bar = _progress(len(files), progress)
    try:
        if engine == "dask":
            from pipeline.engine.dask_engine import DaskExecutor
            executor_scope = DaskExecutor(scheduler)
        else:
            executor_scope = nullcontext(LocalExecutor(workers))
        with executor_scope as executor:
            statistics = collect_statistics(files, options, executor, store)
            return process_documents(files, store, Context(options, statistics, doc_timeout), resume, executor,
                                     bar.update)
    finally:
        bar.close()


def collect_statistics(files: list[InputFile], options: Options, executor: Executor,
                       store: PartStore) -> Statistics | None:
    """The corpus passes of the enabled stages (map on the executor, reduce here); None when no enabled stage has
    one. The documents, decoded and prepared on the way, are kept in the part store for processing."""
    passes = [stage for stage in enabled_stages(options) if stage.corpus is not None]
    if not passes:
        return None
    totals = {stage.name: stage.corpus.empty() for stage in passes}

    def reduce(chunk: ChunkStatistics) -> None:
        for stage in passes:
            totals[stage.name] = stage.corpus.merge(totals[stage.name], chunk.values[stage.name])
        for prepared in chunk.prepared:
            store.put_prepared(prepared)

    chunks = list(chunks_of(files, executor.chunk_size(len(files))))
    executor.run(prepare_chunk, ([read_input(item) for item in chunk] for chunk in chunks), options, reduce,
                 n_jobs=len(chunks))
    return totals


def process_documents(files: list[InputFile], store: PartStore, context: Context, resume: bool,
                      executor: Executor, tick: Callable[[], None]) -> list[DocumentRow]:
    """Every document through ``work.analyse`` on the executor, except those the store already holds
    (--resume) or that could not be read or decoded; returns their rows."""
    key = reuse_key(context.options, context.statistics)
    rows: list[DocumentRow] = []

    def done(outcome: DocumentOutcome) -> None:
        rows.append(store.store(outcome, key))
        tick()

    def jobs() -> Iterator[Source | Prepared]:
        for item in files:
            job = store.take_prepared(item.doc_id) if context.statistics is not None else None
            job = job or read_input(item)
            failed = job.error if isinstance(job, Prepared) else (job.data is None and job.error)
            if failed:
                done(DocumentOutcome(job.row() if isinstance(job, Prepared) else _unreadable(job)))
                continue
            if resume:
                sha256 = job.sha256 if isinstance(job, Prepared) else hashlib.sha256(job.data).hexdigest()
                previous = store.reusable(item, sha256, key)
                if previous:
                    rows.append(previous)
                    tick()
                    continue
            yield job

    executor.run(analyse, jobs(), context, done, n_jobs=len(files), warm_up=_warm_up)
    return rows


def _unreadable(source: Source) -> DocumentRow:
    row = DocumentRow.of(source.item)
    row.error = source.error
    return row


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool):
    """A progress bar over documents on stderr (or a silent stand-in)."""
    if not enabled:
        return _NoBar()
    from tqdm import tqdm
    return tqdm(total=total, desc="documents", unit="doc", file=sys.stderr, dynamic_ncols=True)
