"""Where tasks run, behind one interface: ``Executor.run(task, jobs, shared, on_done)`` calls ``task(job,
shared)`` for every job with at most ``window`` in flight (so memory stays flat however many jobs there are) and
hands each result to ``on_done`` as it completes.

``LocalExecutor``: this process (one worker) or a pool of processes that end with the main process, ``shared``
given to each once by the pool's initializer. ``DaskExecutor`` (engine/dask_engine.py): a Dask distributed
cluster, ``shared`` scattered to every worker once.
"""
from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Protocol

from pipeline.engine.watchdog import exit_with_parent


class Executor(Protocol):
    parallelism: int

    def run(self, task: Callable[[Any, Any], Any], jobs: Iterable, shared: Any, on_done: Callable[[Any], None],
            n_jobs: int | None = None, warm_up: Callable[[Any], None] | None = None) -> None:
        """``warm_up(shared)`` runs once in each worker process before its first task, where there are some."""
        ...

    def chunk_size(self, n_jobs: int) -> int:
        """How many documents one map task of the statistics pass takes."""
        ...


def chunks_of(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


_SHARED: Any = None


def _init_worker(shared: Any, parent_pid: int, warm_up: Callable[[Any], None] | None) -> None:
    global _SHARED
    exit_with_parent(parent_pid)
    _SHARED = shared
    if warm_up is not None:
        warm_up(shared)  # load the models once, before the first task


def _call(task: Callable[[Any, Any], Any], job: Any) -> Any:
    return task(job, _SHARED)


class LocalExecutor:
    """Processes on this machine: in this process when ``workers`` is 1 (or there is a single job)."""

    def __init__(self, workers: int):
        self.parallelism = max(1, workers)

    def chunk_size(self, n_jobs: int) -> int:
        return max(1, min(64, n_jobs // (self.parallelism * 4)))

    def run(self, task: Callable[[Any, Any], Any], jobs: Iterable, shared: Any, on_done: Callable[[Any], None],
            n_jobs: int | None = None, warm_up: Callable[[Any], None] | None = None) -> None:
        if self.parallelism <= 1 or (n_jobs is not None and n_jobs <= 1):
            for job in jobs:
                on_done(task(job, shared))
            return
        window = 2 * self.parallelism
        # no ``with pool``: its exit waits for the pool's manager thread, which a failure or an interrupt must not
        # do (stopped_on_failure ends the workers and shuts the pool down without waiting)
        pool = ProcessPoolExecutor(max_workers=self.parallelism, initializer=_init_worker,
                                   initargs=(shared, os.getpid(), warm_up))
        with stopped_on_failure(pool):
            pending: set[Future] = set()
            for job in jobs:
                pending.add(pool.submit(_call, task, job))
                if len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        on_done(future.result())
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    on_done(future.result())
        pool.shutdown(wait=True)


@contextmanager
def stopped_on_failure(pool: ProcessPoolExecutor) -> Iterator[None]:
    """End the pool's workers at once when the block fails (or is interrupted), instead of waiting for them."""
    try:
        yield
    except BaseException:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
