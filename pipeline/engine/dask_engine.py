"""Running the batch on a Dask distributed cluster (``--engine dask --scheduler tcp://HOST:PORT``).

The client reads every file and sends its bytes, so workers need no access to the input or output folders;
they run the same ``analyse`` as the local pool, with the merged corpus statistics scattered to each worker
once, and load their models once. Results come back to the client, which writes parts and tables.
"""
from __future__ import annotations

import socket
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from pipeline.engine.batch import (InputFile, analyse, chunks_of, read_input, reusable_row, reuse_key,
                                   stats_of_texts, store)
from pipeline.engine.outdir import UsageError
from pipeline.process import Options

CONNECT_SECONDS = 5


def check_scheduler(address: str) -> None:
    """Refuse at once (not after Dask's 30 s wait) a scheduler address that is malformed or does not answer."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError('--engine dask needs the dask extra: pip install -e ".[dask]"') from None
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if parts.scheme not in ("tcp", "tls") or not host or not port:
        raise UsageError(f"--scheduler {address!r} is not an address like tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=CONNECT_SECONDS).close()
    except OSError as err:
        reason = "no answer" if isinstance(err, TimeoutError) else (err.strerror or str(err)).lower()
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


def _bounded(submit: Callable, items: Iterable, window: int, on_done: Callable) -> None:
    """Submit tasks while at most ``window`` are in flight, handing each result to ``on_done``."""
    from distributed import as_completed
    pending = as_completed()
    in_flight = 0
    for item in items:
        future = submit(item)
        if future is None:
            continue
        pending.add(future)
        in_flight += 1
        if in_flight >= window:
            on_done(next(pending).result())
            in_flight -= 1
    for future in pending:
        on_done(future.result())


def run_on_dask(files: list[InputFile], outdir: Path, options: Options, resume: bool, scheduler: str,
                tick: Callable[[], None], doc_timeout: float | None = None) -> list[dict]:
    """Statistics pass (map-reduce) then documents, on the cluster at ``scheduler``; returns summary rows."""
    from distributed import Client

    from pipeline.correct import CorpusStats

    rows: list[dict] = []
    try:
        client = Client(scheduler, timeout=f"{2 * CONNECT_SECONDS}s")
    except (OSError, TimeoutError) as err:
        raise UsageError(f"cannot connect to the Dask scheduler at {scheduler}: {(str(err) or type(err).__name__).splitlines()[0]}") from None
    with client:
        threads = max(1, sum(client.nthreads().values()))
        window = 2 * threads
        stats = None
        if options.correct:
            stats = CorpusStats()
            def submit_stats(chunk: list[InputFile]):
                texts = [data for data, _ in map(read_input, chunk) if data is not None]
                return client.submit(stats_of_texts, texts, options.tone_style, pure=False)

            _bounded(submit_stats, chunks_of(files, 8), window, stats.absorb)
        [stats_future] = client.scatter([stats], broadcast=True)
        fingerprint = reuse_key(options, stats)

        def submit_document(item: InputFile):
            data, failed = read_input(item)
            if failed:
                rows.append(store(failed, outdir, fingerprint))
                tick()
                return None
            if resume:
                previous = reusable_row(item, data, outdir, fingerprint)
                if previous:
                    rows.append(previous)
                    tick()
                    return None
            return client.submit(analyse, item, data, options, stats_future, doc_timeout, pure=False)

        def collect(outcome: dict) -> None:
            rows.append(store(outcome, outdir, fingerprint))
            tick()

        _bounded(submit_document, files, window, collect)
    return rows
