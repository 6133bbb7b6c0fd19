"""Why the corrector misses real errors: for each annotated error of the development page sets (chronicle pages,
seed book), what the corrector proposed there (correction, score, applied) and, when nothing, whether the intended
form is among the candidates the confusion model generates.

    PYTHONPATH=. .venv/bin/python bench/correction_misses.py [--set pages4|pages2|pages|seed] [--all]

Prints one line per gold row: HIT (applied and right), WRONG (applied, other correction), LOW (proposed, below the
apply threshold), NONE (no proposal; 'cand' says whether the intended key was generated), then counts per kind.
Reads only the development sets (never ocr_real_chronicle_pages3 nor pages5).
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.correction import (  # noqa: E402
    CHRONICLE, HELDOUT, SEED_DEVSET, SEED_DEVSET_TEXT, normalized, read_jsonl,
)
from bench.ocr.evaluate import comparable  # noqa: E402
from pipeline.correct import CorpusStats, Corrector  # noqa: E402
from pipeline.correct.lexicon import key_of  # noqa: E402
from pipeline.vi.syllable import classify_token  # noqa: E402

DEV_PAGE_SETS = {"pages2": "ocr_real_chronicle_pages2", "pages": "ocr_real_chronicle_pages",
                 "pages4": "ocr_real_chronicle_pages4"}  # pages4: a development set since 2026-12-04


def page_texts(name: str) -> list[tuple[str, list[dict]]]:
    """(page text, its gold rows) of one development page set."""
    pages = CHRONICLE.read_text(encoding="utf-8").split("\f")  # gold offsets are into the raw pages
    listed = json.loads((HELDOUT / f"{DEV_PAGE_SETS[name]}.json").read_text(encoding="utf-8"))["pages"]
    by_page: dict[int, list[dict]] = defaultdict(list)
    for item in read_jsonl(HELDOUT / f"{DEV_PAGE_SETS[name]}.jsonl"):
        by_page[item["page"]].append(item)
    return [(pages[i], by_page[i]) for i in listed]


def outcome(text: str, gold: dict, edits: list, corrector: Corrector) -> tuple[str, str]:
    """(status, detail) of one gold row against the proposals overlapping it."""
    over = [e for e in edits if e.start < gold["end"] and gold["start"] < e.end]
    for e in over:
        written = text[gold["start"]:e.start] + e.corrected + text[e.end:gold["end"]]
        inside = gold["start"] <= e.start or not text[e.start:gold["start"]].strip()  # a removal takes its space
        if comparable(written) == comparable(gold["corrected"]) and inside and e.end <= gold["end"]:
            return ("HIT" if e.applied else "LOW"), f"{e.corrected!r} {e.score:.3f} {e.kind}"
    if over:
        e = max(over, key=lambda e: e.score)
        return ("WRONG" if e.applied else "OTHER"), f"{e.corrected!r} {e.score:.3f} {e.kind}"
    original = gold["original"]
    if " " in original or not original.isalpha():
        return "NONE", "multi-token"
    target = key_of(gold["corrected"])
    cls = classify_token(original)
    damaged = not (cls == "vi" and key_of(original) in corrector._res.lexicon.unigrams)
    cands = [c.key for c in corrector._candidates.vietnamese(original, damaged=damaged)]
    where = cands.index(target) if target in cands else -1
    return "NONE", f"cls={cls} cand={'yes@' + str(where) if where >= 0 else 'no'} of {len(cands)}"


def threshold_arg(threshold: float | None) -> dict:
    return {} if threshold is None else {"threshold": threshold}


def clean_changes(threshold: float | None) -> None:
    """Every change applied to the clean genre texts (bench/clean_genres.py), and the rate per 10k words."""
    from bench.clean_genres import clean_genre_texts

    for genre, lines in clean_genre_texts().items():
        corrector = Corrector(CorpusStats.from_text("\n".join(lines)), **threshold_arg(threshold))
        words = sum(len(line.split()) for line in lines)
        applied = 0
        kinds: Counter = Counter()
        for line in map(normalized, lines):  # as the pipeline hands it to the corrector
            for e in corrector.correct(line, "keep"):
                if e.applied:
                    applied += 1
                    kinds[e.kind] += 1
                    print(f"{genre[:5]} {e.kind:12s} {line[e.start:e.end]!r}->{e.corrected!r} {e.score:.3f} | "
                          f"{line[max(0, e.start - 30):e.end + 30]!r}")
        print(f"== {genre}: {applied} applied in {words} words = {1e4 * applied / words:.2f} / 10k; {dict(kinds)}")


def sentence_changes(threshold: float | None) -> None:
    """Every change applied to the clean sentences of vhe_alignment.jsonl, the whole chronicle as the batch."""
    from bench.correction import ALIGNMENT, CLEAN_CLASSES

    texts = [r["clean"] for r in read_jsonl(ALIGNMENT) if r["diff_class"] in CLEAN_CLASSES]
    stats = CorpusStats.from_text(normalized(CHRONICLE.read_text(encoding="utf-8")))
    corrector = Corrector(stats, **threshold_arg(threshold))
    kinds: Counter = Counter()
    for text in map(normalized, texts):  # as the pipeline hands it to the corrector
        for e in corrector.correct(text, "keep"):
            if e.applied:
                kinds[e.kind] += 1
                print(f"{e.kind:12s} {text[e.start:e.end]!r}->{e.corrected!r} {e.score:.3f} | "
                      f"{text[max(0, e.start - 30):e.end + 30]!r}")
    words = sum(len(t.split()) for t in texts)
    print(f"== {sum(kinds.values())} applied in {words} words = {1e4 * sum(kinds.values()) / words:.2f} / 10k; "
          f"{dict(kinds)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["pages4", "pages2", "pages", "seed"], default="pages2")
    parser.add_argument("--all", action="store_true", help="print the hits too")
    parser.add_argument("--clean", action="store_true", help="list the applied changes on the clean genres instead")
    parser.add_argument("--sentences", action="store_true",
                        help="list the applied changes on the clean chronicle sentences (the chronicle as batch)")
    parser.add_argument("--threshold", type=float, default=None, help="apply threshold (default: the shipped one)")
    args = parser.parse_args()
    if args.clean:
        clean_changes(args.threshold)
        return
    if args.sentences:
        sentence_changes(args.threshold)
        return
    if args.set == "seed":
        text = unicodedata.normalize("NFC", SEED_DEVSET_TEXT.read_text(encoding="utf-8"))
        texts = [(text, read_jsonl(SEED_DEVSET))]
        stats = CorpusStats.from_text(text)
    else:
        texts = page_texts(args.set)
        stats = CorpusStats.from_text(unicodedata.normalize("NFC", CHRONICLE.read_text(encoding="utf-8")))
    corrector = Corrector(stats, **threshold_arg(args.threshold))
    counts: Counter = Counter()
    false_applied = 0
    for text, gold in texts:
        edits = [e for e, _ in corrector.proposals(text, "keep")]
        for g in sorted(gold, key=lambda g: g["start"]):
            status, detail = outcome(text, g, edits, corrector)
            counts[(g.get("kind", "?"), status)] += 1
            if status != "HIT" or args.all:
                left = text[max(0, g["start"] - 25):g["start"]].replace("\n", "/")
                right = text[g["end"]:g["end"] + 25].replace("\n", "/")
                print(f"{status:5s} {g.get('kind', '?'):12s} {g['original']!r}->{g['corrected']!r}  {detail}  "
                      f"| {left}[{g['original']}]{right}")
        covered = [(g["start"], g["end"]) for g in gold]
        for e in edits:
            if e.applied and not any(s < e.end and e.start < t or s == e.start == e.end for s, t in covered):
                false_applied += 1
                print(f"FALSE {e.kind:12s} {text[e.start:e.end]!r}->{e.corrected!r} {e.score:.3f} | "
                      f"{text[max(0, e.start - 25):e.end + 25]!r}")
    print()
    kinds = sorted({k for k, _ in counts})
    for kind in kinds:
        row = {s: n for (k, s), n in counts.items() if k == kind}
        print(f"{kind:12s} " + "  ".join(f"{s} {n}" for s, n in sorted(row.items())))
    hits = sum(n for (_, s), n in counts.items() if s == "HIT")
    total = sum(counts.values())
    wrong = sum(n for (_, s), n in counts.items() if s == "WRONG") + false_applied
    print(f"rows {total}, hit {hits} ({hits / max(total, 1):.3f}), wrong/false applied {wrong}")


if __name__ == "__main__":
    main()
