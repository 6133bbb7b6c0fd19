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
    options = Options(correct=False, entities=False)  # no batch statistics: documents are independent
    run_batch([corpus], out, options, workers=1, progress=False)
    paths[0].write_text("Ngày 24-7-1917, chính phủ họp.\n", encoding="utf-8")
    summary = run_batch([corpus], out, options, workers=1, progress=False, resume=True)
    assert summary.n_reused == 3 and summary.n_ok == 4
    changed = run_batch([corpus], out, Options(correct=False, entities=False, tone_style="hoà"), workers=1,
                        progress=False, resume=True)
    assert changed.n_reused == 0


def test_resume_after_adding_files_equals_a_clean_run(tmp_path):
    """Corrections depend on the batch statistics: new files change them, so nothing stale is reused."""
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus, more = tmp_path / "corpus", tmp_path / "more"
    make_corpus(more, 6, chars=700)
    (corpus / "part0").mkdir(parents=True)
    for path in sorted(more.rglob("*.txt"))[:3]:
        (corpus / "part0" / path.name).write_bytes(path.read_bytes())
    options = Options(entities=False)
    resumed, clean = tmp_path / "resumed", tmp_path / "clean"
    run_batch([corpus], resumed, options, workers=1, progress=False)
    for path in sorted(more.rglob("*.txt"))[3:]:
        (corpus / "part1").mkdir(exist_ok=True)
        (corpus / "part1" / path.name).write_bytes(path.read_bytes())
    again = run_batch([corpus], resumed, options, workers=1, progress=False, resume=True)
    run_batch([corpus], clean, options, workers=1, progress=False)
    assert again.n_ok == 6
    assert_same_tables(clean, resumed)
    # Unchanged batch: everything is reused, and the tables are still those of a clean run.
    unchanged = run_batch([corpus], resumed, options, workers=1, progress=False, resume=True)
    assert unchanged.n_reused == 6
    assert_same_tables(clean, resumed)
