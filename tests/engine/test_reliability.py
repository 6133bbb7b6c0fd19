"""Nothing lost, nothing silently wrong (issue 11): one writer per OUTDIR, tables checked against the documents'
row counts, workers that end with the main process, a time limit per document, damaged UTF-8, stale files."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.export.schema import PER_DOCUMENT_TABLES
from tests.engine.helpers import make_corpus

SENTENCE = "Ngày 2-8-1914, Đức khai chiến với Nga. Mùa đông 1915, các đô thị chịu nạn đói kém.\n"


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args, "--no-progress"]


def wait_for(condition, seconds: float = 300, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def assert_counts_match(out: Path) -> None:
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    for name in PER_DOCUMENT_TABLES:
        table = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        assert len(table) == docs[f"n_{name}"].sum(), name


def start_run(tmp_path: Path, n_docs: int, workers: int) -> tuple[subprocess.Popen, Path, Path]:
    """A CLI run over a made-up corpus, returned once ``workers`` documents are done: (process, corpus, OUTDIR)."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, n_docs, chars=1500)
    run = subprocess.Popen(cli(str(corpus), "-o", str(out), "--workers", str(workers)), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: len(list((out / ".parts").glob("*.pkl"))) >= workers, what="the first documents")
    except BaseException:
        run.kill()
        raise
    return run, corpus, out


def test_a_second_run_on_the_same_outdir_is_refused_and_the_first_finishes_whole(tmp_path):
    first, corpus, out = start_run(tmp_path, 12, workers=1)
    try:
        second = subprocess.run(cli(str(corpus), "-o", str(out), "--workers", "1"), capture_output=True,
                                text=True, timeout=600)
        assert second.returncode == 2
        [line] = second.stderr.strip().splitlines()
        assert line == (f"error: OUTDIR {out} is in use by another run (pid {first.pid}); wait for it to end or "
                        "choose another OUTDIR")
        assert first.poll() is None, "the refused run must not have disturbed the first one"
        _, err = first.communicate(timeout=600)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert err.strip().splitlines()[-1].startswith("documents: 12 ok, 0 failed")
    assert_counts_match(out)
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


def test_the_lock_ends_with_a_killed_run(tmp_path):
    """flock dies with its holder: after kill -9 the next run goes ahead (and --resume finishes the work)."""
    from pipeline.engine import UsageError, run_batch
    from pipeline.engine.outdir import OutdirLock
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 2, chars=300)
    out = tmp_path / "out"
    out.mkdir()
    with OutdirLock(out):
        with pytest.raises(UsageError, match="in use by another run"):
            run_batch([corpus], out, Options(entities=False), workers=1, progress=False)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from pipeline.engine.outdir import OutdirLock\n"
                               f"with OutdirLock(Path({str(out)!r})):\n print('locked', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait()
    summary = run_batch([corpus], out, Options(entities=False), workers=1, progress=False)
    assert summary.n_ok == 2


def test_tables_that_lost_rows_are_never_renamed_into_place(tmp_path, monkeypatch):
    from pipeline.engine import UsageError, run_batch
    from pipeline.engine.parts import PartStore
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3, chars=600)
    out = tmp_path / "out"
    run_batch([corpus], out, Options(entities=False), workers=1, progress=False)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    load = PartStore.load_rows
    monkeypatch.setattr(PartStore, "load_rows", lambda store, doc_id: None if doc_id == "part1/doc001"
                        else load(store, doc_id))
    with pytest.raises(UsageError, match=r"do not hold the rows the documents reported \(sentences: "):
        run_batch([corpus], out, Options(entities=False), workers=1, progress=False)
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before  # the last good tables stay
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


def _descendants(pid: int) -> set[int]:
    found, queue = set(), [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    queue.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its parent (now init) has to reap it


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_main_process(tmp_path, how):
    main, _, out = start_run(tmp_path, 30, workers=2)
    try:
        workers = _descendants(main.pid)
        assert len(workers) >= 2
        main.send_signal(how)
        main.wait(timeout=60)
        wait_for(lambda: not any(map(_alive, workers)), seconds=20, what="the workers to end")
    finally:
        main.kill()
        for pid in _descendants(main.pid):
            os.kill(pid, signal.SIGKILL)
    if how == signal.SIGTERM:
        assert main.returncode == 128 + signal.SIGTERM
        assert "interrupted by SIGTERM" in main.stderr.read()
        assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_the_time_limit_is_an_error_and_the_rest_completes(tmp_path, workers):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3, chars=400)
    seed = (Path(__file__).resolve().parents[2] / "corpus" / "000_fd759c1a574f5de6.txt").read_text(encoding="utf-8")
    (corpus / "huge.txt").write_text(" ".join(seed.split()) * 40, encoding="utf-8")  # 1.4 M characters
    started = time.monotonic()
    summary = run_batch([corpus], tmp_path / "out", Options(), workers=workers, progress=False, doc_timeout=3)
    assert time.monotonic() - started < 120
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert docs.loc["huge", "status"] == "error"
    assert docs.loc["huge", "error"].startswith("time limit exceeded: still processing after 3 s (--doc-timeout)")
    assert summary.n_ok == 3 and list(docs.drop(index="huge")["status"]) == ["ok"] * 3
    assert docs.loc["huge", "n_sentences"] == 0 and not (tmp_path / "out" / "clean" / "huge.txt").exists()


def test_utf8_with_a_few_bad_bytes_is_processed_with_a_warning(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.ingest import read_document
    from pipeline.process import Options

    data = (SENTENCE * 20).encode("utf-8")
    cut = data.index(b" ", 500)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "damaged.txt").write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    run_batch([tmp_path / "in"], tmp_path / "out", Options(), workers=1, progress=False)
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False)
    row = docs.iloc[0]
    assert row["status"] == "ok" and row["encoding"] == "utf-8"
    assert row["warnings"].startswith(f"2 invalid UTF-8 bytes replaced by U+FFFD at byte offsets {cut}, {cut + 1}")
    raw = read_document(tmp_path / "in" / "damaged.txt").text
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv", keep_default_na=False)
    assert any("\ufffd" in text for text in sentences["text"])
    for table in ("sentences", "dates"):
        frame = pd.read_csv(tmp_path / "out" / f"{table}.csv", keep_default_na=False)
        assert all(raw[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"]))


def test_clean_texts_of_documents_no_longer_in_the_run_are_removed(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, 3, chars=300)
    out = tmp_path / "out"
    options = Options(entities=False)
    run_batch([corpus], out, options, workers=1, progress=False)
    assert len(list((out / "clean").rglob("*.txt"))) == 3
    paths[0].unlink()
    paths[1].write_bytes(bytes(range(256)) * 4)  # now fails (binary): its old clean text must go too
    run_batch([corpus], out, options, workers=1, progress=False, resume=True)
    assert [p.relative_to(out / "clean").as_posix() for p in (out / "clean").rglob("*.txt")] == ["part0/doc002.txt"]
    assert len(list((out / ".parts").iterdir())) == 2
