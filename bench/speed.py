"""Speed and memory of the whole pipeline, with underthesea's ner() alone on the same text as the baseline.

Prints figures and writes bench/results/speed.json:
- full pipeline on one core vs underthesea ner() over the same sentences (ratio, both measured here, now);
- per-stage seconds from run.json;
- whole processes (--parts whole): a fresh process running underthesea's ner() over the sentences (import, model
  load and all) against a fresh `python -m pipeline run` (start-up and every stage), on the seed book and on a
  larger text, CPU seconds of each process tree (wall seconds beside them);
- --workers 1 vs 2 on the same multi-document corpus (speed-up);
- peak RSS of whole runs (the parent and its workers) for generated corpora of growing size.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "000_fd759c1a574f5de6.txt"
WHOLE_LARGER_CHARS = 400_000  # the larger text of the whole-process comparison: seed, our prose, then the chronicle
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))


def underthesea_ner_seconds(text: str) -> float:
    """underthesea's ner() over every sentence of ``text``, as a new user would call it."""
    from underthesea import ner, sent_tokenize
    sentences = sent_tokenize(text)
    ner(sentences[0])  # load the model outside the timing
    started = time.perf_counter()
    for sentence in sentences:
        ner(sentence)
    return time.perf_counter() - started


def pipeline_seconds(folder: Path, workers: int, extra: list[str] | None = None) -> tuple[float, dict]:
    """Wall seconds of ``python -m pipeline run`` (models loaded inside) and its run.json."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "pipeline", "run", str(folder), "-o", out, "--workers", str(workers),
                   "--no-progress", *(extra or [])]
        subprocess.run(command, check=True, capture_output=True)
        report = json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
    return report["timings"]["wall_seconds"], report


def _source_texts() -> list[str]:
    """The seed book, our own benchmark prose and, when ../shared is there, the chronicle."""
    from bench.paths import TEXTS
    texts = [SEED.read_text(encoding="utf-8"), (ROOT / "bench" / "texts" / "history_vi.txt").read_text(encoding="utf-8")]
    chronicle = TEXTS / "dvsktt" / "chinh-hoa-18.txt"
    if chronicle.exists():
        texts.append(chronicle.read_text(encoding="utf-8"))
    return texts


_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặấầẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


def _vary(text: str, rng: random.Random, rate: float = 0.02) -> str:
    """Damage about ``rate`` of the words with a random letter, as OCR does: every copy grows the vocabulary."""
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * rate)):
        word = words[i]
        if word:
            j = rng.randrange(len(word))
            words[i] = word[:j] + rng.choice(_LETTERS) + word[j + 1:]
    return " ".join(words)


def make_corpus(folder: Path, total_chars: int, doc_chars: int = 60_000) -> int:
    """A corpus of ``total_chars``: slices of real texts, each copy with its own OCR-like damage."""
    texts = _source_texts()
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < total_chars:
        source = texts[i % len(texts)]
        start = rng.randrange(max(1, len(source) - doc_chars))
        body = _vary((source * 2)[start:start + doc_chars], rng)
        (folder / f"doc{i:05d}.txt").write_text(body, encoding="utf-8")
        written += len(body)
        i += 1
    return written


def peak_rss_mib(folder: Path, extra: list[str]) -> float:
    """Peak resident memory of a whole run: the parent and all its workers together, sampled every 0.1 s."""
    import psutil
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "pipeline", "run", str(folder), "-o", out, "--workers", "2",
                   "--no-progress", *extra]
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        parent, peak = psutil.Process(proc.pid), 0
        while proc.poll() is None:
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.1)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"pipeline run failed with exit code {proc.returncode}")
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-mb", type=float, default=10.0, help="memory corpus run with every stage (MB)")
    parser.add_argument("--big-mb", type=float, default=200.0, help="size of the large memory corpus (MB)")
    parser.add_argument("--big-skip", default="--no-entities",
                        help="stages skipped on the large corpus (every stage there takes over an hour on 2 cores)")
    parser.add_argument("--parts", default="speed,whole,workers,memory", help="which measurements to run")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    text = SEED.read_text(encoding="utf-8")
    results: dict = {"machine": f"{os.cpu_count()} cores", "text_chars": len(text)}

    if "speed" in parts:
        results["one_core"] = one_core(text)
    if "whole" in parts:
        larger = "\n\n".join(_source_texts())[:WHOLE_LARGER_CHARS]
        results["whole_processes"] = whole_processes({"seed book": text, "larger text": larger})
    if "workers" in parts:
        results["workers"] = workers_speedup()
    if "memory" in parts:
        results["memory"] = memory_peaks(args.small_mb, args.big_mb, args.big_skip.split())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


def one_core(text: str) -> dict:
    """Every stage on one core against underthesea's ner() alone, over the same text."""
    ner_s = underthesea_ner_seconds(text)
    with tempfile.TemporaryDirectory() as tmp:
        single = Path(tmp) / "single"
        single.mkdir()
        (single / "seed.txt").write_text(text, encoding="utf-8")
        wall, report = pipeline_seconds(single, 1)
    stages = report["timings"]["stage_seconds"]
    processing = sum(stages.values())
    result = {
        "underthesea_ner_seconds": round(ner_s, 3), "pipeline_stage_seconds": round(processing, 3),
        "pipeline_wall_seconds_with_startup": wall, "speed_ratio_vs_ner": round(ner_s / processing, 2),
        "stage_seconds": stages, "pipeline_chars_per_second": round(len(text) / processing),
        "ner_chars_per_second": round(len(text) / ner_s)}
    print(f"one core, {len(text):,} chars: underthesea ner() {ner_s:.2f} s; pipeline (all stages) "
          f"{processing:.2f} s -> {ner_s / processing:.2f}x ner() speed")
    print("  stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
    return result


_NER_PROCESS = """
import sys
from underthesea import ner, sent_tokenize
for sentence in sent_tokenize(open(sys.argv[1], encoding="utf-8").read()):
    ner(sentence)
"""


def _child_seconds(command: list[str]) -> tuple[float, float]:
    """(CPU seconds of the whole process tree, wall seconds) of ``command`` run to its end."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def whole_processes(texts: dict[str, str]) -> dict:
    """Each text in a fresh ner() process and a fresh one-worker pipeline run: start-up and model loading count."""
    results = {}
    for name, text in texts.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            source = folder / "text.txt"
            source.write_text(text, encoding="utf-8")
            script = Path(tmp) / "ner.py"
            script.write_text(_NER_PROCESS, encoding="utf-8")
            ner_cpu, ner_wall = _child_seconds([sys.executable, str(script), str(source)])
            ours_cpu, ours_wall = _child_seconds([sys.executable, "-m", "pipeline", "run", str(folder), "-o",
                                                  str(Path(tmp) / "out"), "--workers", "1", "--no-progress"])
        results[name] = {"chars": len(text), "ner_cpu_seconds": round(ner_cpu, 2), "ner_wall_seconds": round(ner_wall, 2),
                         "pipeline_cpu_seconds": round(ours_cpu, 2), "pipeline_wall_seconds": round(ours_wall, 2),
                         "ratio_cpu": round(ner_cpu / ours_cpu, 2), "ratio_wall": round(ner_wall / ours_wall, 2)}
        print(f"whole processes, {name} ({len(text):,} chars): ner() process {ner_cpu:.1f} s CPU ({ner_wall:.1f} s wall);"
              f" pipeline run {ours_cpu:.1f} s CPU ({ours_wall:.1f} s wall) -> {ner_cpu / ours_cpu:.2f}x (CPU), "
              f"{ner_wall / ours_wall:.2f}x (wall)")
    return results


def workers_speedup() -> dict:
    """The same 600k-character corpus with 1 and 2 worker processes."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "workers"
        make_corpus(corpus, 600_000, doc_chars=30_000)
        w1, _ = pipeline_seconds(corpus, 1)
        w2, _ = pipeline_seconds(corpus, 2)
    print(f"workers: 1 -> {w1:.1f} s, 2 -> {w2:.1f} s on 600k chars: speed-up {w1 / w2:.2f}x")
    return {"chars": 600_000, "seconds_1": w1, "seconds_2": w2, "speedup": round(w1 / w2, 2)}


def memory_peaks(small_mb: float, big_mb: float, big_skip: list[str]) -> dict:
    """Peak RSS of whole runs (2 workers) on a small corpus with every stage and a large one."""
    memory = {}
    for label, size, extra in [(f"{small_mb:g}MB", small_mb * 1e6, []), (f"{big_mb:g}MB", big_mb * 1e6, big_skip)]:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "mem"
            written = make_corpus(corpus, int(size))
            started = time.perf_counter()
            mib = peak_rss_mib(corpus, extra)
            memory[label] = {"chars": written, "peak_rss_mib": round(mib, 1), "skipped": " ".join(extra),
                             "seconds": round(time.perf_counter() - started, 1)}
            print(f"memory {label} ({written:,} chars, {' '.join(extra) or 'every stage'}): peak RSS of the run "
                  f"{mib:.0f} MiB, {time.perf_counter() - started:.0f} s")
    return memory


if __name__ == "__main__":
    main()
