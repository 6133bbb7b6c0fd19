"""Build noisy/clean pairs: render paragraphs as degraded pages and read them back with tesseract (-l vie).

Pairs go to bench/_generated/ocr_pairs.jsonl (gitignored, never committed: part of the text comes from
../shared) and are rebuilt only when missing, when the page list changed, or on request.
Line breaks: tesseract ends every printed line with a newline, while the clean paragraphs hold none and the
pages never break inside a word, so ``noisy`` is the OCR lines stripped and joined with one space (empty lines
dropped); the untouched output is kept in ``ocr_output``. The evaluation is thus about characters, not layout.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import random
import subprocess
import sys
import unicodedata
from multiprocessing import Pool
from pathlib import Path
from typing import Iterator

import PIL

from bench.paths import TEXTS
from bench.ocr.render import DEGRADATIONS, SIZES, PageSpec, available_fonts, render_page

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "bench" / "_generated"
PAIRS_PATH = GENERATED / "ocr_pairs.jsonl"
OWN_TEXTS = ROOT / "bench" / "texts" / "history_vi.txt"
DVSKTT_ALIGNMENT = TEXTS / "dvsktt" / "vhe_alignment.jsonl"

OWN_VARIANTS = 5  # pages per own paragraph (different font, size, degradation)
DVSKTT_PARAGRAPHS_PER_SPLIT = 15
DVSKTT_VARIANTS = 4
DVSKTT_PARAGRAPH_WORDS = 90  # consecutive chronicle sentences are grouped until about this many words
TESSERACT_ARGS = ("-l", "vie", "--psm", "6")


def own_paragraphs(path: Path = OWN_TEXTS) -> list[dict]:
    """The benchmark's own paragraphs (blank-line separated, '#' comment lines); even ones dev, odd ones test."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    texts = [" ".join(line for line in b.splitlines() if not line.startswith("#")).strip() for b in blocks]
    texts = [t for t in texts if t]
    return [{"para_id": f"own-{i:02d}", "source": "own", "split": "dev" if i % 2 == 0 else "test",
             "text": unicodedata.normalize("NFC", t)} for i, t in enumerate(texts)]


def dvsktt_paragraphs(path: Path = DVSKTT_ALIGNMENT, per_split: int = DVSKTT_PARAGRAPHS_PER_SPLIT,
                      seed: int = 0) -> list[dict]:
    """Paragraphs of chronicle sentences (`clean` field) in book order, sampled per split; [] if the file is absent.

    The dataset's train and dev sentences give our dev split, its test sentences our test split; sentences of
    one split are grouped in book order until a paragraph holds about DVSKTT_PARAGRAPH_WORDS words.
    """
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    paragraphs = []
    for split in ("dev", "test"):
        sentences = [r for r in rows if ("test" if r["split"] == "test" else "dev") == split and r["clean"].strip()]
        groups: list[list[dict]] = [[]]
        for row in sentences:
            if sum(len(r["clean"].split()) for r in groups[-1]) >= DVSKTT_PARAGRAPH_WORDS:
                groups.append([])
            groups[-1].append(row)
        for group in rng.sample(groups, min(per_split, len(groups))):
            text = " ".join(" ".join(r["clean"].split()) for r in group)
            paragraphs.append({"para_id": group[0]["id"], "source": "dvsktt", "split": split,
                               "text": unicodedata.normalize("NFC", text)})
    return paragraphs


def page_specs(paragraphs: list[dict], seed: int) -> list[tuple[PageSpec, dict]]:
    """Pages for every paragraph, cycling through a seeded shuffle of all (font, size, degradation) combinations.

    The page list itself is shuffled so that the first N pages (--limit) are a fair sample of the whole.
    """
    rng = random.Random(seed)
    combos = list(itertools.product(available_fonts(), SIZES, DEGRADATIONS))
    rng.shuffle(combos)
    cycle = itertools.cycle(combos)
    pages = []
    for para in paragraphs:
        for v in range(OWN_VARIANTS if para["source"] == "own" else DVSKTT_VARIANTS):
            font, size, degradation = next(cycle)
            spec = PageSpec(f"{para['para_id']}-v{v}", para["text"], font, size, degradation, seed)
            pages.append((spec, {"para_id": para["para_id"], "source": para["source"], "split": para["split"]}))
    rng.shuffle(pages)
    return pages


def tesseract_version() -> str:
    """First line of `tesseract --version` (part of the cache key)."""
    out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    return (out.stdout or out.stderr).splitlines()[0]


def join_ocr_lines(output: str) -> str:
    """The OCR lines stripped and joined by single spaces, NFC: the paragraph without its layout."""
    return unicodedata.normalize("NFC", " ".join(line.strip() for line in output.splitlines() if line.strip()))


def ocr_page(job: tuple[PageSpec, dict]) -> dict:
    """Render one page, OCR it with tesseract, and return its pair record."""
    spec, meta = job
    buffer = io.BytesIO()
    render_page(spec).save(buffer, "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per process: we run our own pool
    proc = subprocess.run(["tesseract", "stdin", "stdout", *TESSERACT_ARGS], input=buffer.getvalue(),
                          capture_output=True, env=env, check=True)
    output = proc.stdout.decode("utf-8")
    return {"id": spec.page_id, **meta, "font": spec.font, "size": spec.size, "degradation": spec.degradation,
            "clean": spec.text, "noisy": join_ocr_lines(output), "ocr_output": output}


def _cache_key(jobs: list[tuple[PageSpec, dict]]) -> str:
    digest = hashlib.sha256(f"{tesseract_version()} Pillow {PIL.__version__}".encode())
    for spec, meta in jobs:
        digest.update(json.dumps([spec.page_id, spec.text, spec.font, spec.size, spec.degradation, spec.seed,
                                  meta["split"]], ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def _load_cache(key: str, wanted: int) -> list[dict] | None:
    meta_path = PAIRS_PATH.with_suffix(".meta.json")
    if not (PAIRS_PATH.is_file() and meta_path.is_file()):
        return None
    meta = json.loads(meta_path.read_text())
    if meta.get("key") != key or meta.get("pages", 0) < wanted:
        return None
    with PAIRS_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, wanted)]


def _write_pairs(pairs: list[dict], key: str) -> None:
    GENERATED.mkdir(parents=True, exist_ok=True)
    tmp = PAIRS_PATH.with_suffix(".jsonl.tmp")
    tmp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8")
    tmp.replace(PAIRS_PATH)
    PAIRS_PATH.with_suffix(".meta.json").write_text(json.dumps({"key": key, "pages": len(pairs)}))


def run_ocr(jobs: list[tuple[PageSpec, dict]], workers: int) -> Iterator[dict]:
    """OCR the pages with `workers` processes, in order, reporting progress on stderr."""
    with Pool(workers) as pool:
        for done, pair in enumerate(pool.imap(ocr_page, jobs, chunksize=1), 1):
            if done % 25 == 0 or done == len(jobs):
                print(f"  OCR {done}/{len(jobs)} pages", file=sys.stderr, flush=True)
            yield pair


def build_pairs(rebuild: bool = False, limit: int | None = None, seed: int = 13,
                workers: int = 2) -> tuple[list[dict], bool]:
    """The pair records (first `limit` pages), from the cache when valid; also whether they were rebuilt."""
    paragraphs = own_paragraphs() + dvsktt_paragraphs(seed=seed)
    jobs = page_specs(paragraphs, seed)
    key = _cache_key(jobs)
    jobs = jobs[:limit] if limit else jobs
    cached = None if rebuild else _load_cache(key, len(jobs))
    if cached is not None:
        return cached, False
    pairs = list(run_ocr(jobs, workers))
    _write_pairs(pairs, key)
    return pairs, True
