"""Restartable runs: SIGKILL half-way, then --resume, gives the same tables as one clean run."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

from tests.engine.helpers import assert_same_tables, make_corpus


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args, "--workers", "1", "--no-progress"]


def test_sigkill_then_resume_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 24)
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"
    subprocess.run(cli(str(corpus), "-o", str(reference)), check=True, capture_output=True, timeout=600)

    victim = subprocess.Popen(cli(str(corpus), "-o", str(resumed)), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    parts = resumed / ".parts"
    deadline = time.time() + 300
    while time.time() < deadline and len(list(parts.glob("*.pkl"))) < 8:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    done = len(list(parts.glob("*.pkl")))
    assert 8 <= done < 24, "the run must be killed half-way"
    # A killed run leaves no table under its final name.
    assert not list(resumed.glob("*.csv"))

    finished = subprocess.run(cli(str(corpus), "-o", str(resumed), "--resume"), capture_output=True, text=True,
                              timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert_same_tables(reference, resumed)


def test_resume_reprocesses_changed_documents_only(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, 4, chars=400)
    out = tmp_path / "out"
    options = Options(entities=False)
    run_batch([corpus], out, options, workers=1, progress=False)
    paths[0].write_text("Ngày 24-7-1917, chính phủ họp.\n", encoding="utf-8")
    summary = run_batch([corpus], out, options, workers=1, progress=False, resume=True)
    assert summary.n_reused == 3 and summary.n_ok == 4
    changed = run_batch([corpus], out, Options(entities=False, tone_style="hoà"), workers=1, progress=False,
                        resume=True)
    assert changed.n_reused == 0
