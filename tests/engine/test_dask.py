"""A real Dask cluster on 127.0.0.1 (one scheduler, two workers) gives the local engine's tables row for row."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine.helpers import assert_same_tables, make_corpus

distributed = pytest.importorskip("distributed")
DASK = str(Path(sys.executable).parent / "dask")
ROOT = Path(__file__).resolve().parents[2]
# The workers import this checkout's pipeline, whatever checkout the shared environment was installed from.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = open(tmp_path / "dask.log", "w")
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=logs, stderr=logs, env=ENV)]
    for _ in range(2):
        procs.append(subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard", "--local-directory", str(tmp_path / "dask")],
                                      stdout=logs, stderr=logs, env=ENV))
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        logs.close()


def test_dask_engine_equals_local_engine(cluster, tmp_path):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 6, chars=1200)
    (corpus / "broken.txt").write_bytes(b"\x00\xff\x00" * 100)
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_batch([corpus], local, Options(), workers=1, progress=False)
    summary = run_batch([corpus], remote, Options(), progress=False, engine="dask", scheduler=cluster,
                        doc_timeout=600)  # the time limit in a Dask worker thread (not reached here)
    assert summary.n_ok == 6 and summary.n_failed == 1
    assert_same_tables(local, remote)
