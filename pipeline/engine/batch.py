"""The batch: find inputs, count corpus statistics (map-reduce), process documents in parallel, merge tables.

Each document's rows go to a part file under ``OUTDIR/.parts/`` as soon as it is done, so memory stays flat and
an interrupted run can be resumed; the final tables are merged from the parts in doc_id order, checked against
the row counts the documents reported, and renamed into place only when all are complete. A document that fails
(or runs past ``doc_timeout``) is recorded with status=error and never stops the batch.

One run at a time holds OUTDIR (``outdir.OutdirLock``); every output-location problem is found before any work
starts where it can be (``outdir.check_outdir``), and a write that fails later (a full disk) ends the run with a
``UsageError`` and no temporary file left.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.engine.outdir import OutdirLock, UsageError, check_outdir, describe_os_error, remove_temporaries
from pipeline.engine.watchdog import DocumentTimeout, exit_with_parent, time_limit
from pipeline.export.schema import PER_DOCUMENT_TABLES
from pipeline.export.tables import EntityIndex, TableWriter, atomic_write, write_clean_text
from pipeline.ingest import IngestError
from pipeline.process import Options, Stages, normalized_document, process_document

# Bump when the rows a document gives change shape, so that --resume never reuses parts written before.
PARTS_VERSION = 2


@dataclass(frozen=True)
class InputFile:
    doc_id: str
    path: str


@dataclass
class RunSummary:
    """What a batch did, for the final line of the CLI and for run.json."""

    n_ok: int = 0
    n_failed: int = 0
    n_chars: int = 0
    n_applied: int = 0
    n_suggested: int = 0
    n_entities: int = 0
    n_dates: int = 0
    n_reused: int = 0
    wall_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def chars_per_second(self) -> float:
        return self.n_chars / self.wall_seconds if self.wall_seconds else 0.0

    def line(self) -> str:
        return (f"documents: {self.n_ok} ok, {self.n_failed} failed | {self.n_chars:,} characters | corrections: "
                f"{self.n_applied} applied, {self.n_suggested} suggested | {self.n_entities} entities | "
                f"{self.n_dates} dates | {self.wall_seconds:.1f} s | {self.chars_per_second:,.0f} chars/s")


def _is_text_name(path: Path) -> bool:
    return path.suffix.lower() == ".txt"


def discover_inputs(inputs: Iterable[str | os.PathLike]) -> list[InputFile]:
    """Files as given and every *.txt (any case: .TXT, .Txt) below given folders; doc_id is the path relative to
    its INPUT, without that suffix."""
    found: list[InputFile] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if _is_text_name(file) and (file.is_file() or file.is_symlink()):
                    found.append(InputFile(file.relative_to(path).with_suffix("").as_posix(), str(file)))
        elif path.exists() or path.is_symlink():
            found.append(InputFile(path.stem if _is_text_name(path) else path.name, str(path)))
        else:
            raise UsageError(f"input not found: {item}")
    return found


# --- work done in worker processes --------------------------------------------------------------------------

_STAGES: dict[tuple, Stages] = {}


def stages_for(options: Options, stats: object | None) -> Stages:
    """The models for these options, loaded once per process (and kept for the next task)."""
    key = (options, id(stats))
    if key not in _STAGES:
        _STAGES.clear()
        _STAGES[key] = Stages(options, stats)
    return _STAGES[key]


def stats_of_texts(texts: Iterable[bytes], tone_style: str) -> object:
    """Map step of the statistics pass: statistics of several documents' normalized texts, merged locally."""
    from pipeline.correct import CorpusStats
    from pipeline.ingest import decode_bytes
    total = CorpusStats()
    for data in texts:
        try:
            text = decode_bytes(data).text
        except IngestError:
            continue
        total.absorb(CorpusStats.from_text(normalized_document("", text, tone_style).text))
    return total


def stats_of_files(files: list[InputFile], tone_style: str) -> object:
    """Map step over files: the merged statistics of those that can be read."""
    return stats_of_texts((data for data, _ in map(read_input, files) if data is not None), tone_style)


def new_row(item: InputFile) -> dict:
    return {"doc_id": item.doc_id, "path": item.path, "sha256": "", "encoding": "", "n_chars": 0,
            "n_sentences": 0, "n_corrections": 0, "n_entities": 0, "n_dates": 0, "status": "error", "error": "",
            "warnings": "", "seconds": 0.0}


def stats_digest(stats: object | None) -> str:
    """What identifies the batch statistics (their ``digest()``); "none" without statistics."""
    if stats is None:
        return "none"
    digest = getattr(stats, "digest", None)
    if digest is None:
        return hashlib.sha256(pickle.dumps(stats, protocol=4)).hexdigest()
    return digest()


def reuse_key(options: Options, stats: object | None) -> str:
    """Everything a document's rows depend on besides its bytes: the options, the batch statistics and the
    version of the rows' shape. A part is reused by --resume only under the same key."""
    return hashlib.sha256(f"{PARTS_VERSION}|{options.fingerprint()}|{stats_digest(stats)}".encode()).hexdigest()[:24]


def analyse(item: InputFile, data: bytes, options: Options, stats: object | None,
            doc_timeout: float | None = None) -> dict:
    """Decode and process one document's bytes: its documents.csv row, its table rows and its clean text.

    A pure function of its arguments, run by the local pool and by Dask workers alike. A document still running
    after ``doc_timeout`` seconds is given up and recorded as an error.
    """
    from pipeline.ingest import decode_bytes
    started = time.perf_counter()
    row = new_row(item)
    row["sha256"] = hashlib.sha256(data).hexdigest()
    outcome = _failed(row)
    try:
        stages = stages_for(options, stats)  # loaded once per process, outside the document's time limit
        with time_limit(doc_timeout):
            decoded = decode_bytes(data)
            row.update(encoding=decoded.encoding, n_chars=len(decoded.text), warnings="; ".join(decoded.warnings))
            result = process_document(item.doc_id, decoded.text, stages)
    except DocumentTimeout:
        row["error"] = (f"time limit exceeded: still processing after {doc_timeout:g} s (--doc-timeout); "
                        f"{row['n_chars']:,} characters")
        _STAGES.clear()  # the models may hold a half-done document's state: load them afresh
    except IngestError as err:
        row["error"] = str(err)
    except Exception as err:  # one broken document never stops the batch
        row["error"] = f"internal error in processing: {type(err).__name__}: {err}"
        traceback.print_exc(file=sys.stderr)
    else:
        row.update(status="ok", n_sentences=len(result.rows["sentences"]),
                   n_corrections=len(result.rows["corrections"]), n_entities=len(result.rows["entities"]),
                   n_dates=len(result.rows["dates"]))
        outcome.update(rows=result.rows, clean_text=result.clean_text, stage_seconds=result.seconds)
    row["seconds"] = round(time.perf_counter() - started, 4)
    return outcome


def _part_path(parts_dir: Path, doc_id: str) -> Path:
    return parts_dir / (hashlib.sha1(doc_id.encode("utf-8")).hexdigest() + ".pkl")


def reusable_row(item: InputFile, data: bytes, outdir: Path, fingerprint: str) -> dict | None:
    """The previous run's row for this document when its bytes and the options are unchanged."""
    previous = _load_part(_part_path(outdir / ".parts", item.doc_id))
    key = (hashlib.sha256(data).hexdigest(), fingerprint)
    if previous and previous["key"] == key and previous["row"]["status"] == "ok" \
            and (outdir / "clean" / f"{item.doc_id}.txt").exists():
        return {**previous["row"], "reused": True}
    return None


def store(outcome: dict, outdir: Path, fingerprint: str) -> dict:
    """Write one document's clean text and part file; returns its summary row."""
    row = outcome["row"]
    if outcome["clean_text"] is not None:
        write_clean_text(outdir, row["doc_id"], outcome["clean_text"])
    corrections = outcome["rows"].get("corrections", [])
    row_out = {**row, "applied": sum(1 for r in corrections if r["applied"]),
               "suggested": sum(1 for r in corrections if not r["applied"]),
               "stage_seconds": outcome["stage_seconds"]}
    part = _part_path(outdir / ".parts", row["doc_id"])
    part.parent.mkdir(parents=True, exist_ok=True)
    stored = {"key": (row["sha256"], fingerprint), "row": row_out, "rows": outcome["rows"]}
    atomic_write(part, lambda tmp: tmp.write_bytes(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)))
    return row_out


def read_input(item: InputFile) -> tuple[bytes | None, dict | None]:
    """The file's bytes, or (None, its error row) when it cannot be read."""
    try:
        return Path(item.path).read_bytes(), None
    except OSError as err:
        row = new_row(item)
        reason = err.strerror or str(err)
        row["error"] = f"cannot read file: {reason.lower() if reason else type(err).__name__}"
        return None, _failed(row)


def _failed(row: dict) -> dict:
    """The outcome of a document that produced no rows (yet): its documents.csv row only."""
    return {"row": row, "rows": {}, "clean_text": None, "stage_seconds": {}}


_WORKER: tuple[Options, object | None, float | None] | None = None


def _init_worker(options: Options, stats: object | None, doc_timeout: float | None = None,
                 parent_pid: int | None = None) -> None:
    global _WORKER
    if parent_pid is not None:
        exit_with_parent(parent_pid)
    _WORKER = (options, stats, doc_timeout)
    stages_for(options, stats)


def process_file(item: InputFile, outdir: str, fingerprint: str, resume: bool) -> dict:
    """Local-pool task: read, process and store one file; returns its summary row."""
    assert _WORKER is not None, "worker not initialised"
    data, failed = read_input(item)
    if failed:
        return store(failed, Path(outdir), fingerprint)
    if resume:
        previous = reusable_row(item, data, Path(outdir), fingerprint)
        if previous:
            return previous
    return store(analyse(item, data, *_WORKER), Path(outdir), fingerprint)


def _load_part(part: Path) -> dict | None:
    try:
        with open(part, "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None


# --- the driver ---------------------------------------------------------------------------------------------

def chunks_of(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


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


def collect_stats(files: list[InputFile], options: Options, workers: int) -> object | None:
    """Reduce step of the statistics pass: statistics of every readable document, merged."""
    if not options.correct:
        return None
    from pipeline.correct import CorpusStats
    if workers <= 1 or len(files) <= 1:
        return stats_of_files(files, options.tone_style)
    total = CorpusStats()
    size = max(1, min(64, len(files) // (workers * 4)))
    chunks = list(chunks_of(files, size))
    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        with _stopped_on_failure(pool):
            for stats in pool.map(stats_of_files, chunks, [options.tone_style] * len(chunks)):
                total.absorb(stats)
    return total


ENGINES = ("local", "dask")


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
    _check_unique(files)
    workers = workers or os.cpu_count() or 1
    out = Path(outdir)
    check_outdir(out, [Path(i) for i in inputs], _total_size(files), fmt)
    if engine == "dask":
        from pipeline.engine.dask_engine import check_scheduler
        check_scheduler(scheduler)
    with OutdirLock(out):
        remove_temporaries(out)
        try:
            doc_rows = _process(files, out, options, resume, workers, progress, engine, scheduler, doc_timeout)
            _merge_tables(out, files, doc_rows, fmt)
            _remove_stale(out, files, doc_rows)
            summary = RunSummary()
            for row in doc_rows:
                _add_to_summary(summary, row)
            summary.wall_seconds = time.perf_counter() - started
            _write_run_json(out, options, files, doc_rows, summary,
                            {"workers": workers if engine == "local" else 0, "format": fmt, "engine": engine,
                             "doc_timeout": doc_timeout})
        except OSError as err:  # a full disk, a folder removed under the run...
            raise UsageError(f"cannot write to OUTDIR {out}: {describe_os_error(err)}") from None
        finally:
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


def _total_size(files: list[InputFile]) -> int:
    total = 0
    for f in files:
        try:
            total += os.stat(f.path).st_size
        except OSError:
            pass  # reported as that document's error later
    return total


def _process(files: list[InputFile], out: Path, options: Options, resume: bool, workers: int, progress: bool,
             engine: str, scheduler: str | None, doc_timeout: float | None) -> list[dict]:
    """Every document through the chosen engine; returns their summary rows."""
    parts_dir = out / ".parts"
    if not resume and parts_dir.exists():
        for stale in parts_dir.iterdir():
            stale.unlink()
    bar = _progress(len(files), progress)
    try:
        if engine == "dask":
            from pipeline.engine.dask_engine import run_on_dask
            return run_on_dask(files, out, options, resume, scheduler, bar.update, doc_timeout)
        return _run_locally(files, out, options, resume, workers, bar.update, doc_timeout)
    finally:
        bar.close()


def _run_locally(files: list[InputFile], out: Path, options: Options, resume: bool, workers: int,
                 tick: Callable[[], None], doc_timeout: float | None) -> list[dict]:
    """Statistics pass then documents on a local process pool (in this process when workers == 1)."""
    stats = collect_stats(files, options, workers)
    fingerprint = reuse_key(options, stats)
    doc_rows: list[dict] = []
    if workers <= 1 or len(files) <= 1:
        _init_worker(options, stats, doc_timeout)
        for f in files:
            doc_rows.append(process_file(f, str(out), fingerprint, resume))
            tick()
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                 initargs=(options, stats, doc_timeout, os.getpid())) as pool:
            with _stopped_on_failure(pool):
                futures = [pool.submit(process_file, f, str(out), fingerprint, resume) for f in files]
                for future in as_completed(futures):
                    doc_rows.append(future.result())
                    tick()
    return doc_rows


@contextmanager
def _stopped_on_failure(pool: ProcessPoolExecutor) -> Iterator[None]:
    """End the pool's workers at once when the block fails (or is interrupted), instead of waiting for them."""
    try:
        yield
    except BaseException:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise


def _check_unique(files: list[InputFile]) -> None:
    seen: dict[str, str] = {}
    for f in files:
        if f.doc_id in seen:
            raise UsageError(f"two inputs give the same doc_id {f.doc_id!r}: {seen[f.doc_id]} and {f.path}")
        seen[f.doc_id] = f.path


def _add_to_summary(summary: RunSummary, row: dict) -> None:
    if row["status"] == "ok":
        summary.n_ok += 1
    else:
        summary.n_failed += 1
        summary.failures.append((row["doc_id"], row["error"]))
    summary.n_reused += bool(row.get("reused"))
    summary.n_chars += row["n_chars"]
    summary.n_applied += row["applied"]
    summary.n_suggested += row["suggested"]
    summary.n_entities += row["n_entities"]
    summary.n_dates += row["n_dates"]
    for stage, seconds in row["stage_seconds"].items():
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + seconds


def _merge_tables(out: Path, files: list[InputFile], doc_rows: list[dict], fmt: str) -> None:
    """Write every table from the part files, in doc_id order, with one canonical name per entity.

    Nothing is renamed into place unless every table holds exactly the rows its documents reported."""
    parts_dir = out / ".parts"
    ordered = sorted(files, key=lambda f: f.doc_id)
    index = EntityIndex()
    for f in ordered:
        part = _load_part(_part_path(parts_dir, f.doc_id))
        if part:
            index.add(part["rows"].get("entities", []))
    canonical = index.canonical_names()
    writers = {name: TableWriter(out, name, fmt) for name in (*PER_DOCUMENT_TABLES, "documents", "entity_index")}
    try:
        for f in ordered:
            part = _load_part(_part_path(parts_dir, f.doc_id))
            rows = part["rows"] if part else {}
            for row in rows.get("entities", []):
                row["canonical"] = canonical.get(row["entity_id"], row["canonical"])
            for name in PER_DOCUMENT_TABLES:
                writers[name].write(rows.get(name, []))
        writers["documents"].write(sorted(doc_rows, key=lambda r: r["doc_id"]))
        writers["entity_index"].write(index.rows(canonical))
        for writer in writers.values():
            writer.finish()
        _check_row_counts(writers, doc_rows, len(files))
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.commit()


def _check_row_counts(writers: dict[str, TableWriter], doc_rows: list[dict], n_files: int) -> None:
    """Every table must hold exactly the rows the documents reported (a part lost or overwritten is caught)."""
    expected = {name: sum(row[f"n_{name}"] for row in doc_rows) for name in PER_DOCUMENT_TABLES}
    expected["documents"] = n_files
    wrong = [f"{name}: {writers[name].rows:,} rows written, {count:,} reported by the documents"
             for name, count in expected.items() if writers[name].rows != count]
    if wrong:
        raise UsageError(f"the tables do not hold the rows the documents reported ({'; '.join(wrong)}); no "
                         "table was replaced; run again without --resume")


def _remove_stale(out: Path, files: list[InputFile], doc_rows: list[dict]) -> None:
    """Clean texts and parts of documents that are not in this run, and clean texts of documents that failed."""
    ok = {row["doc_id"] for row in doc_rows if row["status"] == "ok"}
    clean = out / "clean"
    if clean.is_dir():
        for path in clean.rglob("*.txt"):
            if path.relative_to(clean).as_posix()[:-4] not in ok:
                path.unlink(missing_ok=True)
    parts_dir = out / ".parts"
    if parts_dir.is_dir():
        keep = {_part_path(parts_dir, f.doc_id).name for f in files}
        for path in parts_dir.iterdir():
            if path.name not in keep:
                path.unlink(missing_ok=True)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    found = {"python": sys.version.split()[0]}
    for package in ("vn-history-pipeline", "underthesea", "spacy", "pandas", "wordfreq", "pyarrow", "openpyxl"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _write_run_json(out: Path, options: Options, files: list[InputFile], doc_rows: list[dict],
                    summary: RunSummary, run_options: dict) -> None:
    by_id = {r["doc_id"]: r for r in doc_rows}
    report = {
        "options": {**asdict(options), **run_options},
        "versions": _versions(),
        "inputs": [{"doc_id": f.doc_id, "path": f.path, "sha256": by_id[f.doc_id]["sha256"],
                    "status": by_id[f.doc_id]["status"]} for f in files],
        "summary": {k: v for k, v in asdict(summary).items() if k != "stage_seconds"},
        "timings": {"wall_seconds": round(summary.wall_seconds, 3),
                    "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
                    "chars_per_second": round(summary.chars_per_second, 1)},
    }
    atomic_write(out / "run.json",
                 lambda tmp: tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"))

