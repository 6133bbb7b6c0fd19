"""Clean text of three more genres for counting false corrections: the documents the shipped language model left
out, and the project's own history prose.

``python -m pipeline build-lm --hold-out 40`` leaves every 40th document of each corpus file out of the model
(pipeline/correct/data/lm/LICENSE.md says so); this module reads those documents back from ../shared/corpora
(never committed, never read by the product) as encyclopedia prose (Vietnamese Wikipedia) and 20th-century prose
(public-domain literature), lines of Vietnamese prose only, up to ``MAX_WORDS`` words each.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from bench.paths import SHARED
from pipeline.correct.lm import MIN_VIETNAMESE_SHARE, SHIPPED_LM, document_lines, held_out, vietnamese_share

CORPORA = SHARED / "corpora"
GENRES = {"encyclopedia": "viwiki2017.txt.xz", "prose_20th_century": "khudocmo_pd.txt.xz"}
MAX_WORDS = 60_000
DEVSETS = Path(__file__).resolve().parent / "devsets"
HISTORY_PROSE = ("heldout/*.txt", "heldout/prose2/*.txt", "heldout/prose3/*.txt", "dev2/*.txt", "dev3/*.txt")
MIN_WORDS_PER_LINE = 8  # list items and captions are not running prose


def shipped_hold_out() -> int:
    """The hold-out step the shipped model was built with (0: none, then there is no clean text to measure)."""
    import numpy as np

    with np.load(SHIPPED_LM) as data:
        return int(json.loads(bytes(data["meta"]).decode()).get("hold_out", 0))


def held_out_lines(path: Path, every: int, max_words: int = MAX_WORDS) -> list[str]:
    """Prose lines of the documents of ``path`` that a model built with ``--hold-out every`` never saw."""
    out: list[str] = []
    words = 0
    for document, line in document_lines(path):
        line = line.strip()
        if (not held_out(document, every) or len(line.split()) < MIN_WORDS_PER_LINE
                or vietnamese_share(line) < MIN_VIETNAMESE_SHARE):
            continue
        out.append(line)
        words += len(line.split())
        if words >= max_words:
            break
    return out


def history_prose_lines() -> list[str]:
    """Paragraphs of the original history prose written for the entity and date sets (clean by construction,
    never used to tune the corrector): older-style Vietnamese history, French-style names, old tone placement."""
    out: list[str] = []
    for path in sorted(p for pattern in HISTORY_PROSE for p in DEVSETS.glob(pattern)):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        out += [line.strip() for line in text.split("\n") if line.strip()]
    return out


def clean_genre_texts() -> dict[str, list[str]]:
    """{genre: lines}: the corpora's held-out documents (none when the corpora are absent or the shipped model
    held nothing out) and the project's own history prose."""
    every = shipped_hold_out()
    genres = {} if not every or not CORPORA.exists() else {
        genre: held_out_lines(CORPORA / name, every) for genre, name in GENRES.items() if (CORPORA / name).exists()}
    return {**genres, "history_prose": history_prose_lines()}
