"""``make bench``: every benchmark in one run, each beside its baseline; figures go to bench/results/.

Each benchmark prints its own table and writes a JSON file; this runner keeps their printed output together in
bench/results/latest.txt with the machine and date, which is what BENCHMARKS.md quotes.
"""
from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BENCHMARKS = [
    ("Tesseract OCR benchmark (builds the pairs; noise statistics)", ["-m", "bench.ocr.run"]),
    ("OCR correction (real errors, clean text, tesseract pairs)", ["bench/correction.py"]),
    ("Named entities", ["bench/entities.py"]),
    ("Dates", ["bench/dates.py"]),
    ("Decoding legacy encodings", ["-m", "bench.ingest"]),
    ("Speed and memory", ["bench/speed.py"]),
    ("HTML report (200 documents, 1 MB document, headless Chromium)", ["bench/report.py"]),
]


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def main() -> int:
    only = set(sys.argv[1:])
    RESULTS.mkdir(parents=True, exist_ok=True)
    header = f"# make bench, {datetime.datetime.now():%Y-%m-%d %H:%M}, {machine()}\n"
    report = [header]
    print(header)
    failed = 0
    for title, args in BENCHMARKS:
        if only and not any(word in title.lower() for word in only):
            continue
        print(f"\n## {title}\n", flush=True)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
        output = proc.stdout + (f"\n[exit {proc.returncode}]\n{proc.stderr[-3000:]}" if proc.returncode else "")
        failed += proc.returncode != 0
        print(output, flush=True)
        report.append(f"\n## {title} ({time.perf_counter() - started:.0f} s)\n\n```\n{output.strip()}\n```\n")
    (RESULTS / "latest.txt").write_text("".join(report), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
