"""OCR-correction benchmark: our corrector vs SymSpell (same lexicon) vs underthesea's text_normalize, one run.

Sets (all read at run time, none committed):
- real errors: bench/devsets/ocr_real_dvsktt.jsonl, hand-checked chronicle typos (held out: never tuned on);
  each sentence's raw text from vhe_alignment.jsonl is the input, the same text with the gold fixes the target.
- clean text: the `clean` sentences of vhe_alignment.jsonl rows without content edits: false corrections.
- tesseract pairs: bench/_generated/ocr_pairs.jsonl (built by bench/ocr), when present.
Speed is measured on the clean sentences. Figures go to bench/results/correction.json.
"""
from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.baselines import symspell_baseline, underthesea_text_normalize  # noqa: E402
from bench.ocr.evaluate import evaluate_pairs, false_corrections_per_10k  # noqa: E402
from pipeline.correct import CorpusStats, Corrector  # noqa: E402
from pipeline.correct.lexicon import load_lexicon  # noqa: E402

DVSKTT = Path("/work/shared/texts/dvsktt")
ALIGNMENT = DVSKTT / "vhe_alignment.jsonl"
CHRONICLE = DVSKTT / "chinh-hoa-18.txt"
REAL_DEVSET = ROOT / "bench" / "devsets" / "ocr_real_dvsktt.jsonl"
OCR_PAIRS = ROOT / "bench" / "_generated" / "ocr_pairs.jsonl"
RESULTS = ROOT / "bench" / "results" / "correction.json"
CLEAN_CLASSES = ("identical", "layout_only", "tone_style_only")

System = Callable[[str], str]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ours(stats: CorpusStats) -> System:
    """Our corrector as a text -> text function: the applied edits, written into the text."""
    corrector = Corrector(stats)

    def run(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        out, pos = [], 0
        for edit in corrector.correct(text, "keep"):
            if edit.applied:
                out.append(text[pos:edit.start] + edit.corrected)
                pos = edit.end
        return "".join(out) + text[pos:]

    return run


def real_error_pairs(rows: dict[str, dict]) -> dict[str, list[dict]]:
    """{split: [{"noisy": raw sentence, "clean": raw sentence with the gold fixes}]} from the real-error dev set."""
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for item in read_jsonl(REAL_DEVSET):
        by_sentence[item["id"]].append(item)
    pairs: dict[str, list[dict]] = defaultdict(list)
    for sid, items in by_sentence.items():
        raw = rows[sid]["raw"]
        fixed, pos = [], 0
        for item in sorted(items, key=lambda x: x["raw_start_in_sentence"]):
            start = item["raw_start_in_sentence"]
            end = start + len(item["original"])
            if raw[start:end] != item["original"] or start < pos:
                continue
            fixed.append(raw[pos:start] + item["corrected"])
            pos = end
        pair = {"noisy": raw, "clean": "".join(fixed) + raw[pos:]}
        pairs[items[0].get("split", "all")].append(pair)
        pairs["all"].append(pair) if items[0].get("split", "all") != "all" else None
    return pairs


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    if not ALIGNMENT.exists():
        print(f"skipped: {ALIGNMENT} is absent")
        return
    rows = {r["id"]: r for r in read_jsonl(ALIGNMENT)}
    clean_texts = [r["clean"] for r in rows.values() if r["diff_class"] in CLEAN_CLASSES]
    batch_text = CHRONICLE.read_text(encoding="utf-8") if CHRONICLE.exists() else "\n".join(clean_texts)
    stats, stats_s = timed(lambda: CorpusStats.from_text(unicodedata.normalize("NFC", batch_text)))
    systems: dict[str, System] = {
        "ours": ours(stats),
        "symspell": symspell_baseline(load_lexicon()),
        "text_normalize": underthesea_text_normalize,
    }
    chars = sum(len(t) for t in clean_texts)
    words = sum(len(t.split()) for t in clean_texts)
    results: dict = {"clean_words": words, "batch_stats_seconds": round(stats_s, 2), "systems": {}}
    real = real_error_pairs(rows) if REAL_DEVSET.exists() else {}
    ocr_pairs = read_jsonl(OCR_PAIRS) if OCR_PAIRS.exists() else []
    for name, system in systems.items():
        fp, seconds = timed(lambda: false_corrections_per_10k(clean_texts, system))
        entry: dict = {"false_per_10k_words": round(fp, 2), "chars_per_second": round(chars / seconds)}
        for split, pairs in real.items():
            entry[f"real_{split}"] = evaluate_pairs(pairs, system)
        if ocr_pairs:
            entry["tesseract"] = evaluate_pairs(ocr_pairs, system)
        results["systems"][name] = entry
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def report(results: dict) -> None:
    """Print the figures side by side, one column per system."""
    names = list(results["systems"])
    print(f"{'':34s}" + "".join(f"{n:>16s}" for n in names))
    first = results["systems"][names[0]]
    print(f"{'false corrections / 10k words':34s}"
          + "".join(f"{results['systems'][n]['false_per_10k_words']:16.2f}" for n in names))
    print(f"{'chars / second':34s}" + "".join(f"{results['systems'][n]['chars_per_second']:16d}" for n in names))
    for key in [k for k in first if isinstance(first[k], dict)]:
        for metric in ("precision", "recall", "cer_before", "cer_after", "changed", "erroneous"):
            values = [results["systems"][n][key][metric] for n in names]
            cells = "".join(f"{v:16d}" if isinstance(v, int) else f"{_fmt(v):>16s}" for v in values)
            print(f"{key + ' ' + metric:34s}{cells}")


if __name__ == "__main__":
    main()
