"""OCR-noise benchmark: `python -m bench.ocr.run [--rebuild] [--limit N]`.

Builds (or loads) real tesseract noisy/clean pairs, prints the noise they hold, writes the confusion table of
the dev split (full runs only), and scores the identity baseline and, when importable,
pipeline.correct.Corrector, per split.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from typing import Callable

from bench.ocr.confusions import char_confusions, error_class, write_confusion_tsv
from bench.ocr.evaluate import CorrectFn, char_errors, evaluate_pairs, false_corrections_per_10k, word_units
from bench.ocr.ocr import GENERATED, PAIRS_PATH, build_pairs

CONFUSIONS_PATH = GENERATED / "ocr_confusions.tsv"
RESULTS_PATH = GENERATED / "ocr_results.json"


def page_cer(pair: dict) -> float:
    """Character error rate of one page's raw OCR."""
    errors, length = char_errors(pair["noisy"], pair["clean"])
    return errors / max(length, 1)


def cer_table(pairs: list[dict], key: Callable[[dict], object]) -> list[tuple[str, int, float]]:
    """(group, pages, micro-averaged CER of the raw OCR) for each value of `key`."""
    sums: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pair in pairs:
        errors, length = char_errors(pair["noisy"], pair["clean"])
        row = sums[key(pair)]
        row[0], row[1], row[2] = row[0] + errors, row[1] + length, row[2] + 1
    return [(str(k), pages, errors / length) for k, (errors, length, pages) in sorted(sums.items(), key=str)]


def print_noise(pairs: list[dict]) -> None:
    """CER of the raw OCR by factor, word error classes, and the most frequent confusions."""
    print(f"\nRaw OCR noise ({len(pairs)} pages)")
    for name, key in (("all", lambda p: "all"), ("source", lambda p: p["source"]), ("split", lambda p: p["split"]),
                      ("font", lambda p: p["font"]), ("size px", lambda p: p["size"]),
                      ("degradation", lambda p: p["degradation"])):
        cells = "  ".join(f"{group} {cer:.2%} ({pages})" for group, pages, cer in cer_table(pairs, key))
        print(f"  CER by {name:<12} {cells}")
    errors = [(n, c) for p in pairs for n, c, _ in word_units(p["noisy"], p["clean"], p["noisy"]) if n != c]
    units = sum(len(word_units(p["noisy"], p["clean"], p["noisy"])) for p in pairs)
    classes = Counter(error_class(n, c) for n, c in errors)
    print(f"  word units in error: {len(errors)} of {units} ({len(errors) / max(units, 1):.2%}); by kind: "
          + ", ".join(f"{k} {v / len(errors):.0%}" for k, v in classes.most_common()))
    print("  frequent word errors (OCR -> printed): "
          + ", ".join(f"{n}->{c} x{k}" for (n, c), k in Counter(errors).most_common(18)))
    counts, skipped = char_confusions(pairs)
    print(f"  frequent character confusions (OCR -> printed; {skipped} longer blocks skipped): "
          + ", ".join(f"{n!r}->{c!r} x{k}" for (n, c), k in counts.most_common(30)))


def load_corrector() -> CorrectFn | None:
    """`text -> corrected text` as bench/correction.py runs it on tesseract pages (per-page protocol: tesseract's
    confusion costs, the seed book plus the page as the batch), written through Document; None if not importable."""
    try:
        from bench.correction import seed_stats
        from pipeline.correct import CorpusStats, Corrector
        from pipeline.correct.confusion import tesseract_table
        from pipeline.document import Document
    except ImportError as exc:
        print(f"\npipeline.correct.Corrector is not importable ({exc}); only the identity baseline runs.")
        return None
    seed = seed_stats()

    def correct(text: str) -> str:
        doc = Document("ocr-bench", raw=text)
        corrector = Corrector(seed.merge(CorpusStats.from_text(doc.text)), confusions=tesseract_table())
        doc.add_edits(corrector.correct(doc.text, tone_style="keep"))
        return doc.text

    return correct


def memoized(fn: CorrectFn) -> CorrectFn:
    """`fn` remembering its answers, so that splits and totals correct each page once."""
    cache: dict[str, str] = {}

    def remembered(text: str) -> str:
        if text not in cache:
            cache[text] = fn(text)
        return cache[text]

    return remembered


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def score(systems: dict[str, CorrectFn], pairs: list[dict]) -> list[dict]:
    """Every system on every split (and all pages): CER, word precision/recall, false corrections on clean text."""
    rows = []
    splits: list[tuple[str, list[dict]]] = [
        (s, [p for p in pairs if p["split"] == s]) for s in ("dev", "test")] + [("all", pairs)]
    for name, fn in systems.items():
        for split, subset in splits:
            started = time.perf_counter()
            result = evaluate_pairs(subset, fn)
            clean_texts = sorted({p["clean"] for p in subset})
            result["false_per_10k"] = false_corrections_per_10k(clean_texts, fn)
            result["seconds"] = time.perf_counter() - started
            rows.append({"system": name, "split": split, **result})
    print(f"\n{'system':<10} {'split':<5} {'pages':>5} {'CER raw':>8} {'CER out':>8} {'reduct.':>8} "
          f"{'P':>7} {'R':>7} {'changed':>7} {'broken':>6} {'false/10k':>9} {'sec':>6}")
    for r in rows:
        print(f"{r['system']:<10} {r['split']:<5} {r['pages']:>5} {r['cer_before']:>8.2%} {r['cer_after']:>8.2%} "
              f"{_pct(r['cer_reduction']):>8} {_pct(r['precision']):>7} {_pct(r['recall']):>7} "
              f"{r['changed']:>7} {r['broken']:>6} {r['false_per_10k']:>9.1f} {r['seconds']:>6.1f}")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="render and OCR again even if pairs are cached")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N pages (a fair sample)")
    parser.add_argument("--workers", type=int, default=2, help="tesseract processes when building")
    parser.add_argument("--max-page-cer", type=float, default=0.25,
                        help="leave out unreadable pages whose raw CER is above this (a person would rescan)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    pairs, built = build_pairs(rebuild=args.rebuild, limit=args.limit, workers=args.workers)
    print(f"{'built' if built else 'loaded'} {len(pairs)} pages in {time.perf_counter() - started:.1f} s: {PAIRS_PATH}")
    readable = [p for p in pairs if page_cer(p) <= args.max_page_cer]
    print(f"{len(pairs) - len(readable)} unreadable pages (raw CER > {args.max_page_cer:.0%}) left out")

    print_noise(readable)
    if args.limit is None:
        dev = [p for p in readable if p["split"] == "dev"]
        counts, _ = char_confusions(dev)
        write_confusion_tsv(counts, [p["clean"] for p in dev], CONFUSIONS_PATH,
                            f"dev split only ({len(dev)} pages); the test split stays held out")
        print(f"\nconfusion table (dev split, {len(counts)} rows): {CONFUSIONS_PATH}")

    systems: dict[str, CorrectFn] = {"identity": lambda text: text}
    corrector = load_corrector()
    if corrector is not None:
        systems["Corrector"] = memoized(corrector)
    rows = score(systems, readable)
    RESULTS_PATH.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
