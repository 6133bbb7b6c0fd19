"""The batch: find inputs, count corpus statistics (map-reduce), process documents in parallel, merge tables.

Each document's rows go to a part file under ``OUTDIR/.parts/`` as soon as it is done, so memory stays flat and
an interrupted run can be resumed; the final tables are merged from the parts in doc_id order and renamed into
place only when complete. A document that fails is recorded with status=error and never stops the batch.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.export.schema import PER_DOCUMENT_TABLES
from pipeline.export.tables import EntityIndex, TableWriter, write_clean_text
from pipeline.ingest import IngestError, read_document
from pipeline.process import Options, Stages, normalized_document, process_document


class UsageError(Exception):
    """A problem with the command line itself (exit code 2)."""


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


def discover_inputs(inputs: Iterable[str | os.PathLike]) -> list[InputFile]:
    """Files as given and every *.txt below given folders; doc_id is the path relative to its INPUT, sans .txt."""
    found: list[InputFile] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*.txt")):
                if file.is_file() or file.is_symlink():
                    found.append(InputFile(file.relative_to(path).with_suffix("").as_posix(), str(file)))
        elif path.exists() or path.is_symlink():
            found.append(InputFile(path.stem if path.suffix == ".txt" else path.name, str(path)))
        else:
            raise UsageError(f"input not found: {item}")
    return found


# --- work done in worker processes --------------------------------------------------------------------------

_STAGES: Stages | None = None


def _init_worker(options: Options, stats: object | None) -> None:
    global _STAGES
    _STAGES = Stages(options, stats)


def _corpus_stats_of(path: str, tone_style: str) -> object | None:
    """Map step of the statistics pass: the statistics of one document (None when it cannot be read)."""
    from pipeline.correct import CorpusStats
    try:
        decoded = read_document(path)
    except IngestError:
        return None
    return CorpusStats.from_text(normalized_document("", decoded.text, tone_style).text)


def _stats_of_chunk(paths: list[str], tone_style: str) -> object:
    """Map step over several files at once, merged locally (fewer, larger messages between processes)."""
    from pipeline.correct import CorpusStats
    total = CorpusStats()
    for path in paths:
        stats = _corpus_stats_of(path, tone_style)
        if stats is not None:
            total = total.merge(stats)
    return total


def _part_path(parts_dir: Path, doc_id: str) -> Path:
    return parts_dir / (hashlib.sha1(doc_id.encode("utf-8")).hexdigest() + ".pkl")


def process_file(item: InputFile, outdir: str, fingerprint: str, resume: bool) -> dict:
    """Process one file into its part file and clean text; returns its documents.csv row plus counts."""
    assert _STAGES is not None, "worker not initialised"
    started = time.perf_counter()
    part = _part_path(Path(outdir) / ".parts", item.doc_id)
    row = {"doc_id": item.doc_id, "path": item.path, "sha256": "", "encoding": "", "n_chars": 0,
           "n_sentences": 0, "n_corrections": 0, "n_entities": 0, "n_dates": 0, "status": "error", "error": "",
           "seconds": 0.0}
    try:
        data = Path(item.path).read_bytes()
    except OSError as err:
        row["error"] = f"cannot read file: {err.strerror or err}"
        return _finish(row, {}, started, part)
    row["sha256"] = hashlib.sha256(data).hexdigest()
    if resume and part.exists():
        previous = _load_part(part)
        if previous and previous["key"] == (row["sha256"], fingerprint) and previous["row"]["status"] == "ok":
            return {**previous["row"], "reused": True}
    try:
        from pipeline.ingest import decode_bytes
        decoded = decode_bytes(data)
        row["encoding"] = decoded.encoding
        row["n_chars"] = len(decoded.text)
        result = process_document(item.doc_id, decoded.text, _STAGES)
        write_clean_text(Path(outdir), item.doc_id, result.clean_text)
    except IngestError as err:
        row["error"] = str(err)
        return _finish(row, {}, started, part)
    except Exception as err:  # one broken document never stops the batch
        row["error"] = f"internal error in processing: {type(err).__name__}: {err}"
        traceback.print_exc(file=sys.stderr)
        return _finish(row, {}, started, part)
    row.update(status="ok", n_sentences=len(result.rows["sentences"]),
               n_corrections=len(result.rows["corrections"]), n_entities=len(result.rows["entities"]),
               n_dates=len(result.rows["dates"]))
    return _finish(row, result.rows, started, part, fingerprint, result.seconds)


def _finish(row: dict, rows: dict, started: float, part: Path, fingerprint: str = "",
            stage_seconds: dict | None = None) -> dict:
    row["seconds"] = round(time.perf_counter() - started, 4)
    counts = {"applied": sum(1 for r in rows.get("corrections", []) if r["applied"]),
              "suggested": sum(1 for r in rows.get("corrections", []) if not r["applied"]),
              "stage_seconds": stage_seconds or {}}
    row_out = {**row, **counts}
    part.parent.mkdir(parents=True, exist_ok=True)
    tmp = part.with_name(part.name + f".tmp{os.getpid()}")
    with open(tmp, "wb") as handle:
        pickle.dump({"key": (row["sha256"], fingerprint), "row": row_out, "rows": rows}, handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, part)
    return row_out


def _load_part(part: Path) -> dict | None:
    try:
        with open(part, "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None


# --- the driver ---------------------------------------------------------------------------------------------

def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _progress(iterable: Iterable, total: int, desc: str, enabled: bool) -> Iterable:
    if not enabled:
        return iterable
    from tqdm import tqdm
    return tqdm(iterable, total=total, desc=desc, unit="doc", file=sys.stderr, dynamic_ncols=True)


def collect_stats(files: list[InputFile], options: Options, workers: int) -> object | None:
    """Reduce step of the statistics pass: statistics of every readable document, merged."""
    if not options.correct:
        return None
    from pipeline.correct import CorpusStats
    paths = [f.path for f in files]
    total = CorpusStats()
    if workers <= 1 or len(paths) <= 1:
        return _stats_of_chunk(paths, options.tone_style)
    size = max(1, min(64, len(paths) // (workers * 4) or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for stats in pool.map(_stats_of_chunk, list(_chunks(paths, size)), [options.tone_style] * len(paths)):
            total = total.merge(stats)
    return total


def run_batch(inputs: Iterable[str | os.PathLike], outdir: str | os.PathLike, options: Options = Options(),
              workers: int | None = None, resume: bool = False, fmt: str = "csv",
              progress: bool = True) -> RunSummary:
    """Process every input into the tables under ``outdir``; failures are rows in documents.csv, not exceptions."""
    started = time.perf_counter()
    files = discover_inputs(inputs)
    _check_unique(files)
    workers = workers or os.cpu_count() or 1
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    parts_dir = out / ".parts"
    if not resume and parts_dir.exists():
        for stale in parts_dir.iterdir():
            stale.unlink()
    stats = collect_stats(files, options, workers)
    fingerprint = options.fingerprint()
    summary = RunSummary()
    doc_rows: list[dict] = []
    if workers <= 1 or len(files) <= 1:
        _init_worker(options, stats)
        results = (process_file(f, str(out), fingerprint, resume) for f in files)
        for row in _progress(results, len(files), "documents", progress):
            doc_rows.append(row)
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(options, stats)) as pool:
            futures = [pool.submit(process_file, f, str(out), fingerprint, resume) for f in files]
            for future in _progress(as_completed(futures), len(futures), "documents", progress):
                doc_rows.append(future.result())
    _merge_tables(out, files, doc_rows, fmt)
    for row in doc_rows:
        _add_to_summary(summary, row)
    summary.wall_seconds = time.perf_counter() - started
    _write_run_json(out, options, files, doc_rows, summary, workers, fmt)
    return summary


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
    """Write every table from the part files, in doc_id order, with one canonical name per entity."""
    parts_dir = out / ".parts"
    ordered = sorted(files, key=lambda f: f.doc_id)
    index = EntityIndex()
    for f in ordered:
        part = _load_part(_part_path(parts_dir, f.doc_id))
        if part:
            index.add(part["rows"].get("entities", []))
    canonical = index.canonical_names()
    writers = {name: TableWriter(out, name, fmt) for name in PER_DOCUMENT_TABLES}
    for f in ordered:
        part = _load_part(_part_path(parts_dir, f.doc_id))
        rows = part["rows"] if part else {}
        for row in rows.get("entities", []):
            row["canonical"] = canonical.get(row["entity_id"], row["canonical"])
        for name, writer in writers.items():
            writer.write(rows.get(name, []))
    for writer in writers.values():
        writer.close()
    documents = TableWriter(out, "documents", fmt)
    documents.write(sorted(doc_rows, key=lambda r: r["doc_id"]))
    documents.close()
    entity_index = TableWriter(out, "entity_index", fmt)
    entity_index.write(index.rows(canonical))
    entity_index.close()


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    found = {"python": sys.version.split()[0]}
    for package in ("vn-history-pipeline", "underthesea", "spacy", "pandas", "wordfreq", "pyarrow"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _write_run_json(out: Path, options: Options, files: list[InputFile], doc_rows: list[dict],
                    summary: RunSummary, workers: int, fmt: str) -> None:
    by_id = {r["doc_id"]: r for r in doc_rows}
    report = {
        "options": {**asdict(options), "workers": workers, "format": fmt},
        "versions": _versions(),
        "inputs": [{"doc_id": f.doc_id, "path": f.path, "sha256": by_id[f.doc_id]["sha256"],
                    "status": by_id[f.doc_id]["status"]} for f in files],
        "summary": {k: v for k, v in asdict(summary).items() if k != "stage_seconds"},
        "timings": {"wall_seconds": round(summary.wall_seconds, 3),
                    "stage_seconds": {k: round(v, 3) for k, v in summary.stage_seconds.items()},
                    "chars_per_second": round(summary.chars_per_second, 1)},
    }
    tmp = out / "run.json.tmp"
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, out / "run.json")

