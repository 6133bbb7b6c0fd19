"""What the corrector misses and breaks on the tesseract pages' ESTIMATION half (never the evaluation half):
the per-page protocol of bench/correction.py (tesseract's confusion costs, the seed book plus the page as batch).

    PYTHONPATH=. .venv/bin/python bench/ocr/tesseract_misses.py [--list missed|false|fixed|all] [--limit N]

Prints CER and word precision / recall of the half, then counts of missed errors, false corrections and wrong
fixes per error class (bench.ocr.confusions.error_class), then the listed units with their context.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.correction import (  # noqa: E402
    MAX_PAGE_CER, OCR_PAIRS, normalized, ours_per_page, read_jsonl, seed_stats, tesseract_halves,
)
from pipeline.correct import CorpusStats, Corrector  # noqa: E402
from pipeline.correct.confusion import tesseract_table  # noqa: E402
from pipeline.correct.lexicon import key_of  # noqa: E402
from pipeline.vi.syllable import classify_token  # noqa: E402
from bench.ocr.confusions import error_class  # noqa: E402
from bench.ocr.evaluate import evaluate_pairs, word_units  # noqa: E402
from bench.ocr.run import page_cer  # noqa: E402


def estimation_pages() -> list[dict]:
    pairs = [p for p in read_jsonl(OCR_PAIRS) if page_cer(p) <= MAX_PAGE_CER]
    return tesseract_halves(pairs)[0]


def why(found: tuple, noisy: str, clean: str) -> str:
    """What the corrector proposed for a one-token unit, or whether the intended word was a candidate."""
    corrector, proposals = found
    edit = proposals.get(noisy)
    if edit is not None:
        return f"  | proposed {edit.corrected!r} {edit.score:.3f} {edit.kind}"
    if " " in noisy or not noisy.isalpha() or " " in clean:
        return ""
    target = key_of(clean)
    cls = classify_token(noisy)
    damaged = not (cls == "vi" and key_of(noisy) in corrector._res.lexicon.unigrams)
    cands = [c.key for c in corrector._candidates.vietnamese(noisy, damaged=damaged)]
    where = cands.index(target) if target in cands else -1
    cost = corrector._candidates.vietnamese(noisy, damaged=damaged)[where].cost if where >= 0 else None
    return f"  | none: cls={cls} cand={'@' + str(where) + f' cost {cost:.2f}' if where >= 0 else 'no'} of {len(cands)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", choices=["missed", "false", "fixed", "wrong", "all", "none"], default="none")
    parser.add_argument("--why", action="store_true", help="say what the corrector proposed for each unit")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    pages = estimation_pages()
    if args.limit:
        pages = pages[:args.limit]
    seed = seed_stats()
    system = ours_per_page(seed)
    corrected = {p["id"]: system(p["noisy"]) for p in pages}
    result = evaluate_pairs(pages, lambda text: corrected[next(p["id"] for p in pages if p["noisy"] == text)])
    print(f"estimation half: {result['pages']} pages, CER {result['cer_before']:.4f} -> {result['cer_after']:.4f} "
          f"({-result['cer_reduction']:+.1%}); P {result['precision']:.3f} R {result['recall']:.3f} "
          f"changed {result['changed']} right {result['right']} broken {result['broken']} "
          f"erroneous {result['erroneous']}")
    counts: Counter = Counter()
    rows = []
    props: dict = {}
    for p in pages:
        for n, c, r in word_units(p["noisy"], p["clean"], corrected[p["id"]]):
            if n == c and r == n:
                continue
            status = ("fixed" if r == c else "missed" if r == n else "false" if n == c else "wrong")
            cls = error_class(n, c) if n != c else error_class(n, r)
            counts[status, cls] += 1
            rows.append((status, cls, n, c, r, p["id"]))
        if args.why:
            text = normalized(p["noisy"])
            corrector = Corrector(seed.merge(CorpusStats.from_text(text)), confusions=tesseract_table())
            props[p["id"]] = (corrector, {text[e.start:e.end]: e for e, _ in corrector.proposals(text, "keep")})
    for status in ("fixed", "missed", "wrong", "false"):
        row = {cls: k for (s, cls), k in counts.items() if s == status}
        print(f"{status:7s} {sum(row.values()):5d}: " + ", ".join(f"{c} {k}" for c, k in sorted(row.items(), key=lambda kv: -kv[1])))
    for status, cls, n, c, r, pid in rows:
        if args.list in (status, "all"):
            print(f"{status:6s} {cls:10s} {n!r} -> gold {c!r} ours {r!r}  [{pid}]" + (why(props[pid], n, c) if args.why else ""))


if __name__ == "__main__":
    main()
