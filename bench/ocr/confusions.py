"""What tesseract gets wrong: aligned character n-gram confusions and word error classes.

The TSV written here (noisy n-gram -> clean n-gram, counts, rate) lets the correction stage re-estimate its
confusion costs; it is computed from the dev split only so that the test split stays held out.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from bench.ocr.evaluate import aligned_blocks, comparable, tokens

MAX_NGRAM = 3  # longer aligned blocks are misreadings of whole stretches, not glyph confusions


def char_confusions(pairs: list[dict]) -> tuple[Counter, int]:
    """Counts of (noisy n-gram, clean n-gram) over aligned pages, and how many longer blocks were skipped.

    An insertion or deletion is widened by one neighbouring character on both sides (",": "a," -> "a"),
    so that every row is a substitution of non-empty strings.
    """
    counts: Counter = Counter()
    skipped = 0
    for pair in pairs:
        noisy, clean = comparable(pair["noisy"]), comparable(pair["clean"])
        for tag, i1, i2, j1, j2 in aligned_blocks(noisy, clean):
            if tag == "equal":
                continue
            if max(i2 - i1, j2 - j1) > MAX_NGRAM:
                skipped += 1
                continue
            if i1 == i2 or j1 == j2:
                if i1 > 0 and j1 > 0:
                    i1, j1 = i1 - 1, j1 - 1
                elif i2 < len(noisy) and j2 < len(clean):
                    i2, j2 = i2 + 1, j2 + 1
                else:
                    skipped += 1
                    continue
            counts[noisy[i1:i2], clean[j1:j2]] += 1
    return counts, skipped


def write_confusion_tsv(counts: Counter, clean_texts: list[str], path: Path, note: str) -> None:
    """Write the confusion table, most frequent first, with how often each clean n-gram occurs in the clean text.

    rate = count / clean_occurrences estimates P(OCR shows noisy | the book printed clean).
    """
    joined = "\n".join(comparable(t) for t in clean_texts)
    lines = [f"# OCR confusions of tesseract -l vie on rendered Vietnamese pages; {note}",
             "# noisy: what the OCR read; clean: what was printed; count: aligned occurrences;",
             "# clean_occurrences: occurrences of the clean n-gram in the clean text; rate = count / clean_occurrences",
             "# e.g. a row 'ố  ổ  30  150  0.2000' says: a printed 'ổ' was read as 'ố' 30 times out of 150",
             "noisy\tclean\tcount\tclean_occurrences\trate"]
    for (noisy, clean), count in counts.most_common():
        occurrences = max(joined.count(clean), count)
        lines.append(f"{_escape(noisy)}\t{_escape(clean)}\t{count}\t{occurrences}\t{count / occurrences:.4f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t")


def strip_marks(text: str) -> str:
    """Base letters only: every combining mark removed and đ read as d."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def error_class(noisy: str, clean: str) -> str:
    """The kind of one word-unit error: missing, spurious, spacing, diacritics, case or letters."""
    if not noisy:
        return "missing"
    if not clean:
        return "spurious"
    if noisy.replace(" ", "") == clean.replace(" ", ""):
        return "spacing"
    if strip_marks(noisy) == strip_marks(clean):
        return "diacritics"
    if noisy.lower() == clean.lower():
        return "case"
    return "letters"


def token_pairs(pairs: list[dict]) -> list[tuple[str, str, bool]]:
    """(noisy token, clean token, the clean token starts a sentence) for every token of aligned pages that the
    alignment pairs one for one (words and punctuation marks, right ones included: they are the rates' base)."""
    out = []
    for pair in pairs:
        src, ref = tokens(pair["noisy"]), tokens(pair["clean"])
        for tag, i1, i2, j1, j2 in aligned_blocks(src, ref):
            if i2 - i1 == j2 - j1:
                out += [(src[i1 + k], ref[j1 + k], j1 + k > 0 and ref[j1 + k - 1] in ".!?") for k in range(i2 - i1)]
    return out
