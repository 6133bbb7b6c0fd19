"""Workers that end with the main process, and a time limit per document.

``exit_with_parent`` runs in every worker process: the kernel kills the worker when the process that started it
dies (``PR_SET_PDEATHSIG``, Linux), and a watcher thread checks the parent twice a second as well (other
systems, or a worker forked from a thread that has ended), so no worker outlives the main process however it
ends, ``kill -9`` included.

``time_limit`` raises ``DocumentTimeout`` in the thread that runs a document once the limit has passed. It is
raised between two Python bytecodes (``PyThreadState_SetAsyncExc``), so it works in the main thread of a pool
worker and in a Dask worker's thread alike, and again every half second until the block has ended; a single
call into compiled code (one regex match, one CRF call) is not interrupted, and the limit takes effect when it
returns.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator

PARENT_CHECK_SECONDS = 0.5
RETRY_SECONDS = 0.5


class DocumentTimeout(BaseException):
    """A document ran past ``--doc-timeout`` (a BaseException, so no ``except Exception`` swallows it)."""


def exit_with_parent(parent_pid: int) -> None:
    """Make this process end as soon as ``parent_pid`` (its parent) is gone. Ctrl-C is left to the parent
    (which ends its workers), and SIGTERM ends a worker at once (not the parent's clean-up handler)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before this line
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in this thread if the block still runs after ``seconds`` (None: no limit).

    The exception is raised again every ``RETRY_SECONDS`` while the block runs: one raised inside a finalizer
    or a callback from compiled code is printed and dropped by Python, the next one ends the block."""
    if not seconds:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()

    def watch() -> None:
        delay = seconds
        while not done.wait(delay):
            with lock:
                if done.is_set():
                    return
                _raise_in(thread_id, DocumentTimeout)
            delay = RETRY_SECONDS

    try:
        threading.Thread(target=watch, name="document-time-limit", daemon=True).start()
        yield
    finally:
        while True:
            try:
                with lock:  # once done is set, no exception is raised any more, and a pending one is withdrawn
                    done.set()
                    _raise_in(thread_id, None)
                break
            except DocumentTimeout:  # raised while finishing: finish again
                continue
