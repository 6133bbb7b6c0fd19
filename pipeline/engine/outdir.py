"""The output folder: checked before any work starts, held by one run at a time, left with no temporary file.

Every problem found here is a ``UsageError``: one line, exit code 2, nothing processed.
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
from pathlib import Path

from pipeline.export.tables import TEMPORARY_MARK

LOCK_NAME = ".lock"
# Space the outputs take per input byte: measured on corpus/ (51 KB), everything in OUTDIR (tables, clean texts,
# the .parts kept for --resume) came to 9.1x for CSV, 7.6x for Parquet, 7.3x for xlsx; rounded up.
SPACE_PER_INPUT_BYTE = {"csv": 10.0, "parquet": 8.0, "xlsx": 8.0}
SPACE_MARGIN_BYTES = 1 << 20


class UsageError(Exception):
    """A problem with the command line or the output location (exit code 2, one line)."""


def _reason(err: OSError) -> str:
    if err.errno == errno.EROFS:
        return "read-only file system"
    return (err.strerror or type(err).__name__).lower()


def describe_os_error(err: OSError) -> str:
    """One line for a failed write: the reason, then the file."""
    return _reason(err) + (f" ({err.filename})" if err.filename else "")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_outdir(outdir: Path, inputs: list[Path], input_bytes: int, fmt: str) -> None:
    """Refuse an OUTDIR that is a file, overlaps an INPUT, cannot be created or written, or lacks the space the
    tables need; creates it when it does not exist."""
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"OUTDIR {outdir} is an existing file, not a folder")
    where = outdir.resolve()
    for item in inputs:
        source = item.resolve()
        if source.is_dir() and _inside(where, source):
            raise UsageError(f"OUTDIR {outdir} is inside INPUT {item}: its files would be read back as input; "
                             "choose a folder outside it")
        if _inside(source, where):
            raise UsageError(f"INPUT {item} is inside OUTDIR {outdir}: the run would overwrite its own input")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"cannot create OUTDIR {outdir}: {_reason(err)}") from None
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise UsageError(f"OUTDIR {outdir} is not writable")
    needed = int(input_bytes * SPACE_PER_INPUT_BYTE[fmt]) + SPACE_MARGIN_BYTES
    free = shutil.disk_usage(outdir).free
    if free < needed:
        raise UsageError(f"not enough space in OUTDIR {outdir}: the tables need about {_mb(needed)}, "
                         f"{_mb(free)} free")


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


class OutdirLock:
    """An exclusive lock on ``OUTDIR/.lock`` for the whole run: a second run on the same OUTDIR is refused.

    ``flock`` locks end with the process that holds them (and its workers), so a killed run never leaves a
    stale lock behind."""

    def __init__(self, outdir: Path):
        self.path = outdir / LOCK_NAME
        self._handle = None

    def __enter__(self) -> OutdirLock:
        try:
            handle = open(self.path, "a+", encoding="utf-8")
        except OSError as err:
            raise UsageError(f"OUTDIR {self.path.parent} is not writable: {_reason(err)}") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise UsageError(f"OUTDIR {self.path.parent} is in use by another run (pid {holder}); wait for it "
                             "to end or choose another OUTDIR") from None
        try:
            handle.truncate(0)
            handle.write(f"{os.getpid()}\n")
            handle.flush()
        except OSError as err:
            handle.close()
            raise UsageError(f"OUTDIR {self.path.parent} is not writable: {_reason(err)}") from None
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def remove_temporaries(outdir: Path) -> int:
    """Delete temporary files left by earlier runs (killed ones); only safe while the lock is held."""
    removed = 0
    for folder in (outdir, outdir / ".parts", outdir / "clean"):
        if not folder.is_dir():
            continue
        found = folder.rglob(f"*{TEMPORARY_MARK}*") if folder.name == "clean" else folder.glob(f"*{TEMPORARY_MARK}*")
        for path in found:
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return removed
