"""How well a context model of confusable words (pipeline/correct/context.py) separates real-word OCR errors from
correct words, on the development sets only (chronicle pages, pages 2, the seed book; never pages 3):

    PYTHONPATH=. .venv/bin/python bench/context_gain.py --model FILE [--list]

For each annotated real-word error whose intended word the confusion model generates, the model's gain (log-odds
that the context wants the intended word rather than the printed one); for every fifth correct dictionary word,
the gain of each of its confusion candidates (what a false correction would need). Prints the share of each above
thresholds: a useful model puts many errors and few correct words above the same gain.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.correction import SEED_DEVSET, SEED_DEVSET_TEXT, read_jsonl
from bench.correction_misses import page_texts
from pipeline.correct import Corrector
from pipeline.correct.context import load_context, token_context
from pipeline.correct.lexicon import key_of, token_keys
from pipeline.vi.tokens import word_tokens

CLEAN_STEP = 5  # every fifth correct word is scored against its candidates


def development_texts() -> list[tuple[str, list[dict]]]:
    seed = unicodedata.normalize("NFC", SEED_DEVSET_TEXT.read_text(encoding="utf-8"))
    return page_texts("pages") + page_texts("pages2") + [(seed, read_jsonl(SEED_DEVSET))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="a model written by build-context")
    parser.add_argument("--list", action="store_true", help="list every error with its gain")
    args = parser.parse_args()
    model = load_context(args.model)
    corrector = Corrector()
    generate, lexicon = corrector._candidates.vietnamese, corrector._res.lexicon.unigrams
    errors: list[tuple[float, str, str]] = []
    clean: list[float] = []
    for text, gold in development_texts():
        tokens = list(word_tokens(text))
        keys = token_keys(tokens)
        at = {t.start: i for i, t in enumerate(tokens)}
        annotated = set()
        for g in gold:
            i = at.get(g["start"])
            if i is None or tokens[i].end != g["end"]:
                continue
            annotated.add(i)
            own, right = keys[i], key_of(g["corrected"])
            if own in lexicon and own != right and right in {c.key for c in generate(tokens[i].text, damaged=False)}:
                errors.append((model.gain(token_context(tokens, keys, i), own, right), own, right))
        for i, tok in enumerate(tokens):
            if i in annotated or keys[i] not in lexicon or i % CLEAN_STEP:
                continue
            candidates = [c.key for c in generate(tok.text, damaged=False)]
            if candidates:
                clean += model.gains(token_context(tokens, keys, i), keys[i], candidates)
    e, c = np.asarray([g for g, _, _ in errors]), np.asarray(clean)
    print(f"{len(e)} real-word errors with the intended word among the candidates; {len(c)} (correct word, "
          f"candidate) pairs from every {CLEAN_STEP}th correct word")
    for threshold in (0, 1, 2, 3, 4, 5, 6):
        print(f"gain > {threshold}: errors {np.mean(e > threshold):.3f}, correct pairs {np.mean(c > threshold):.4f} "
              f"({int(np.sum(c > threshold))})")
    if args.list:
        for gain, own, right in sorted(errors):
            print(f"{gain:6.2f} {own} -> {right}")


if __name__ == "__main__":
    main()
