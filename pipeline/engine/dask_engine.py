"""The Dask distributed executor (``--engine dask --scheduler tcp://HOST:PORT``).

The client (the driver) reads every file and sends its bytes, or the document the statistics pass prepared, so
workers need no access to the input or output folders; they run the same tasks as the local pool
(``engine.work``), with what the tasks share (the options, the merged corpus statistics) scattered to each
worker once, and load their models once. Results come back to the client, which writes parts and tables.
"""
from __future__ import annotations

import socket
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from pipeline.engine.outdir import UsageError

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


class DaskExecutor:
    """Tasks on the cluster at ``scheduler``; a context manager holding the client."""

    def __init__(self, scheduler: str):
        from distributed import Client
        try:
            self.client = Client(scheduler, timeout=f"{2 * CONNECT_SECONDS}s")
        except (OSError, TimeoutError) as err:
            first_line = (str(err) or type(err).__name__).splitlines()[0]
            raise UsageError(f"cannot connect to the Dask scheduler at {scheduler}: {first_line}") from None
        self.parallelism = max(1, sum(self.client.nthreads().values()))

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def chunk_size(self, n_jobs: int) -> int:
        return 8

    def run(self, task: Callable[[Any, Any], Any], jobs: Iterable, shared: Any, on_done: Callable[[Any], None],
            n_jobs: int | None = None, warm_up: Callable[[Any], None] | None = None) -> None:
        """As ``LocalExecutor.run``; a worker loads what ``task`` needs on its first task (``warm_up`` unused)."""
        from distributed import as_completed
        [shared_future] = self.client.scatter([shared], broadcast=True)
        window = 2 * self.parallelism
        pending = as_completed()
        in_flight = 0
        for job in jobs:
            pending.add(self.client.submit(task, job, shared_future, pure=False))
            in_flight += 1
            if in_flight >= window:
                on_done(next(pending).result())
                in_flight -= 1
        for future in pending:
            on_done(future.result())
