"""Every usage or output-location problem: one line on stderr, exit code 2, checked before any work starts, and
no temporary file left behind (issue 11)."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.cli import main

SENTENCE = "Ngày 2-8-1914, Đức khai chiến với Nga. Mùa đông 1915, các đô thị chịu nạn đói kém.\n"
FAST = ["--workers", "1", "--no-progress", "--no-entities"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", *args], capture_output=True, text=True,
                          timeout=600)


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    return folder


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".tmp-" in p.name] if folder.exists() else []


def test_outdir_that_is_a_file(inputs, tmp_path):
    target = tmp_path / "taken"
    target.write_text("keep me", encoding="utf-8")
    one_line_error(run_cli(str(inputs), "-o", str(target), *FAST), "is an existing file")
    assert target.read_text(encoding="utf-8") == "keep me"


def test_outdir_in_proc(inputs):
    one_line_error(run_cli(str(inputs), "-o", "/proc/pipeline-out", *FAST), "/proc/pipeline-out")
    one_line_error(run_cli(str(inputs), "-o", "/proc", *FAST), "/proc")


def test_outdir_inside_an_input_and_input_inside_outdir(inputs, tmp_path):
    one_line_error(run_cli(str(inputs), "-o", str(inputs / "out"), *FAST), "inside INPUT")
    assert not (inputs / "out").exists()
    out = tmp_path / "out"
    (out / "clean").mkdir(parents=True)
    (out / "clean" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    one_line_error(run_cli(str(out / "clean"), "-o", str(out), *FAST), "inside OUTDIR")


def test_no_documents_says_so(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("no text here", encoding="utf-8")
    one_line_error(run_cli(str(empty), "-o", str(tmp_path / "out"), *FAST), "no documents to process")
    assert not (tmp_path / "out").exists()


def test_upper_case_txt_is_an_input(tmp_path):
    from pipeline.engine import discover_inputs
    (tmp_path / "BOOK.TXT").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "Other.Txt").write_text(SENTENCE, encoding="utf-8")
    assert [f.doc_id for f in discover_inputs([tmp_path])] == ["BOOK", "Other"]
    assert [f.doc_id for f in discover_inputs([tmp_path / "BOOK.TXT"])] == ["BOOK"]


def test_scheduler_needs_the_dask_engine_and_an_unreachable_one_fails_fast(inputs, tmp_path):
    one_line_error(run_cli(str(inputs), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1", *FAST),
                   "--scheduler is only used with --engine dask")
    pytest.importorskip("distributed")
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    result = run_cli(str(inputs), "-o", str(tmp_path / "o"), "--engine", "dask", "--scheduler",
                     f"tcp://127.0.0.1:{port}", *FAST)
    one_line_error(result, "cannot reach the Dask scheduler", "connection refused")
    assert time.monotonic() - started < 25  # Dask alone would wait 30 s, plus start-up
    one_line_error(run_cli(str(inputs), "-o", str(tmp_path / "o"), "--engine", "dask", "--scheduler",
                           "tcp://nohost", *FAST), "not an address like tcp://HOST:PORT")


def test_not_enough_space_is_refused_before_any_work(inputs, tmp_path, monkeypatch, capsys):
    from pipeline.engine import outdir
    monkeypatch.setattr(outdir.shutil, "disk_usage", lambda path: SimpleNamespace(total=10**6, used=0, free=1000))
    code = main(["run", str(inputs), "-o", str(tmp_path / "out"), *FAST])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: not enough space in OUTDIR") and "MB free" in err[0]
    assert not (tmp_path / "out" / "documents.csv").exists() and not temporaries(tmp_path / "out")


def test_a_write_that_fails_half_way_leaves_no_temporary_file(inputs, tmp_path, monkeypatch, capsys):
    from pipeline.export import tables

    original = tables.TableWriter._write

    def full_disk(self, frame):
        if self.name == "dates":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self._tmp))
        original(self, frame)

    monkeypatch.setattr(tables.TableWriter, "_write", full_disk)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "-o", str(out), *FAST]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: cannot write to OUTDIR {out}: no space left on device")
    assert not temporaries(out) and not list(out.glob("*.csv"))


@contextmanager
def mounted_tmpfs(where: Path, *options: str):
    """A small file system of our own (root only); skips the test where it cannot be mounted."""
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_read_only_outdir(inputs, tmp_path):
    with mounted_tmpfs(tmp_path / "ro", "ro", "size=1m") as read_only:
        one_line_error(run_cli(str(inputs), "-o", str(read_only), *FAST), "not writable")
        one_line_error(run_cli(str(inputs), "-o", str(read_only / "sub"), *FAST), "read-only file system")


def test_a_really_full_disk(inputs, tmp_path, monkeypatch):
    from pipeline.engine import UsageError, outdir, run_batch
    from pipeline.process import Options

    (inputs / "b.txt").write_text(SENTENCE * 400, encoding="utf-8")
    with mounted_tmpfs(tmp_path / "small", "size=64k") as small:
        with pytest.raises(UsageError, match="not enough space"):
            run_batch([inputs], small, Options(entities=False), workers=1, progress=False)
        monkeypatch.setattr(outdir, "SPACE_MARGIN_BYTES", 0)  # let the estimate pass: the disk fills for real
        monkeypatch.setattr(outdir, "SPACE_PER_INPUT_BYTE", {"csv": 0.0})
        with pytest.raises(UsageError, match="no space left on device"):
            run_batch([inputs], small, Options(entities=False), workers=1, progress=False)
        assert not temporaries(small) and not list(small.glob("*.csv"))
