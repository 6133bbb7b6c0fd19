"""Score an OCR corrector on noisy/clean pairs: CER before and after, word-level precision and recall.

Texts are compared after NFC, whitespace collapsing and one tone placement (see `comparable`), so that a
corrector is judged on the characters it fixes, not on the tone style it writes. Edit distances come from
rapidfuzz when it is installed, else from a small pure-Python fallback (same results, slower).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Sequence

try:
    from rapidfuzz.distance import Levenshtein as _Lev
except ImportError:  # pragma: no cover - exercised only where rapidfuzz is absent
    _Lev = None

# Diphthongs whose tone mark moves between the two styles when nothing follows them in the syllable
# (old style "hòa, khỏe, thủy", new style "hoà, khoẻ, thuỷ"); both are mapped to the new style.
TONE_MOVING_DIPHTHONGS = ("oa", "oe", "uy")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE = [re.compile(f"({a})([{_TONE_MARKS}])({b})(?![\\w\u0300-\u036f])", re.IGNORECASE)
              for a, b in TONE_MOVING_DIPHTHONGS]
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORDISH = re.compile(r"\w")

CorrectFn = Callable[[str], str]
Opcode = tuple[str, int, int, int, int]


def comparable(text: str) -> str:
    """NFC, single spaces, and the new-style tone placement for oa/oe/uy at a syllable end."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()))
    for pattern in _OLD_STYLE:
        decomposed = pattern.sub(r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", decomposed)


def edit_distance(a: Sequence, b: Sequence) -> int:
    """Levenshtein distance between two strings or two token lists."""
    if _Lev is not None:
        return _Lev.distance(a, b)
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _fallback_opcodes(a: Sequence, b: Sequence) -> list[Opcode]:
    """Levenshtein alignment by dynamic programming, as merged opcodes (used only without rapidfuzz)."""
    n, m = len(a), len(b)
    cost = [[i + j if i == 0 or j == 0 else 0 for j in range(m + 1)] for i in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    steps: list[tuple[str, int, int]] = []
    i, j = n, m
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            steps.append(("equal" if a[i - 1] == b[j - 1] else "replace", i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            steps.append(("delete", i - 1, j))
            i -= 1
        else:
            steps.append(("insert", i, j - 1))
            j -= 1
    ops: list[Opcode] = []
    for tag, i, j in reversed(steps):
        di, dj = int(tag != "insert"), int(tag != "delete")
        if ops and ops[-1][0] == tag and ops[-1][2] == i and ops[-1][4] == j:
            ops[-1] = (tag, ops[-1][1], i + di, ops[-1][3], j + dj)
        else:
            ops.append((tag, i, i + di, j, j + dj))
    return ops


def aligned_blocks(a: Sequence, b: Sequence) -> list[Opcode]:
    """Levenshtein alignment of a to b as opcodes where consecutive non-equal blocks are merged into one."""
    raw = [tuple(op) for op in _Lev.opcodes(a, b)] if _Lev is not None else _fallback_opcodes(a, b)
    merged: list[Opcode] = []
    for tag, i1, i2, j1, j2 in raw:
        if tag != "equal" and merged and merged[-1][0] != "equal":
            merged[-1] = ("replace", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((tag if tag == "equal" else "replace", i1, i2, j1, j2))
    return merged


def tokens(text: str) -> list[str]:
    """Words (runs of letters and digits) and single punctuation marks of a comparable text."""
    return _TOKEN.findall(comparable(text))


def _owned(src: list[str], dst: list[str]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """For each src token the dst tokens aligned to it, and the src ranges of blocks that split or merge tokens.

    Equal-length blocks pair tokens one for one; a block that changes the token count belongs to its first src
    token; dst tokens inserted between two equal tokens belong to the
    token before them (or to the first token at the very start).
    """
    owned: list[list[str]] = [[] for _ in src]
    runs: list[tuple[int, int]] = []
    prefix: list[str] = []
    for tag, i1, i2, j1, j2 in aligned_blocks(src, dst):
        if i2 - i1 == j2 - j1:  # equal, or as many tokens substituted one for one
            for k in range(i2 - i1):
                owned[i1 + k].append(dst[j1 + k])
        elif i2 > i1:
            owned[i1].extend(dst[j1:j2])
            runs.append((i1, i2))
        elif i1 > 0:
            owned[i1 - 1].extend(dst[j1:j2])
        else:
            prefix = dst[j1:j2]
    if src:
        owned[0][:0] = prefix
    return owned, runs


def _groups(n: int, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Partition range(n) into contiguous groups: overlapping runs merge, other tokens stand alone."""
    cover = [False] * n
    groups: list[tuple[int, int]] = []
    for start, end in sorted(runs):
        if groups and start < groups[-1][1]:
            groups[-1] = (groups[-1][0], max(groups[-1][1], end))
        else:
            groups.append((start, end))
        for k in range(start, end):
            cover[k] = True
    groups += [(k, k + 1) for k in range(n) if not cover[k]]
    return sorted(groups)


def word_units(noisy: str, clean: str, corrected: str) -> list[tuple[str, str, str]]:
    """Aligned (noisy, clean, corrected) word units: token groups of the noisy text and what each became.

    Units made of punctuation only are left out; a page whose OCR is empty is a single unit.
    """
    src, ref, hyp = tokens(noisy), tokens(clean), tokens(corrected)
    if not src:
        units = [("", " ".join(ref), " ".join(hyp))]
    else:
        to_ref, runs_ref = _owned(src, ref)
        to_hyp, runs_hyp = _owned(src, hyp)
        units = [(" ".join(src[a:b]), " ".join(t for k in range(a, b) for t in to_ref[k]),
                  " ".join(t for k in range(a, b) for t in to_hyp[k]))
                 for a, b in _groups(len(src), runs_ref + runs_hyp)]
    return [u for u in units if _WORDISH.search(u[0] + u[1])]


def char_errors(hypothesis: str, reference: str) -> tuple[int, int]:
    """Edit distance between the comparable forms, and the reference length (the CER's two terms)."""
    ref = comparable(reference)
    return edit_distance(comparable(hypothesis), ref), len(ref)


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def evaluate_pairs(pairs: list[dict], correct_fn: CorrectFn) -> dict:
    """CER of the noisy and of the corrected text against the clean one, and word-level correction quality.

    precision = changed units now equal to the clean text / changed units; recall = erroneous units fixed /
    erroneous units; `broken` counts units that were right and were changed.
    """
    chars = before = after = 0
    erroneous = changed = right = broken = units = 0
    for pair in pairs:
        noisy, clean = pair["noisy"], pair["clean"]
        corrected = correct_fn(noisy)
        errors_before, length = char_errors(noisy, clean)
        chars += length
        before += errors_before
        after += char_errors(corrected, clean)[0]
        for n, c, r in word_units(noisy, clean, corrected):
            units += 1
            erroneous += n != c
            changed += r != n
            right += r != n and r == c
            broken += r != n and n == c
    cer_before, cer_after = _ratio(before, chars), _ratio(after, chars)
    return {
        "pages": len(pairs), "chars": chars, "cer_before": cer_before, "cer_after": cer_after,
        "cer_reduction": _ratio(before - after, before),
        "word_units": units, "erroneous": erroneous, "changed": changed, "right": right, "broken": broken,
        "precision": _ratio(right, changed), "recall": _ratio(right, erroneous),
    }


def false_corrections_per_10k(clean_texts: list[str], correct_fn: CorrectFn) -> float:
    """Words changed by the corrector per 10,000 words of clean input (tone style alone is no change)."""
    return clean_changes_per_10k(clean_texts, correct_fn)[0]


def clean_change_blocks(clean_texts: list[str], correct_fn: CorrectFn) -> tuple[list[dict], int]:
    """Every changed block of clean input, with its context, and the number of words read. A block is
    ``{before, after, context, words, name}``: ``context`` is the source tokens around it (five each side, the
    block in brackets), the key by which an adjudicator's verdict finds it again; ``words`` the source words it
    changes (at least 1); ``name`` says that its source holds a capitalized word and its change is more than case."""
    blocks: list[dict] = []
    words = 0
    for text in clean_texts:
        src = tokens(text)
        out = tokens(correct_fn(text))
        words += sum(bool(_WORDISH.search(t)) for t in src)
        for tag, i1, i2, j1, j2 in aligned_blocks(src, out):
            if tag == "equal":
                continue
            before, after = " ".join(src[i1:i2]), " ".join(out[j1:j2])
            context = " ".join(src[max(0, i1 - 5):i1] + ["[" + before + "]"] + src[i2:i2 + 5])
            blocks.append({"before": before, "after": after, "context": context,
                           "words": max(1, sum(bool(_WORDISH.search(t)) for t in src[i1:i2])),
                           "name": any(t[:1].isupper() for t in src[i1:i2]) and before.lower() != after.lower()})
    return blocks, words


def clean_changes_per_10k(clean_texts: list[str], correct_fn: CorrectFn) -> tuple[float, float]:
    """(words changed, capitalized words turned into other words) per 10,000 words of clean input; a name
    rewrite is a changed block whose source holds a capitalized word and whose change is more than its case."""
    blocks, words = clean_change_blocks(clean_texts, correct_fn)
    if not words:
        return 0.0, 0.0
    return 1e4 * sum(b["words"] for b in blocks) / words, 1e4 * sum(b["name"] for b in blocks) / words


def judged_rates(blocks: list[dict], words: int, verdicts: dict[tuple[str, str, str], str]) -> dict:
    """Per 10,000 words: every change, the changes an adjudicator did not call a fix of a real error in the
    "clean" source (judged wrong, unsure or not judged yet: counted against the corrector), and the names among
    them; ``verdicts`` maps (before, after, context) to fix / false / unsure."""
    if not words:
        return {}
    verdict = [verdicts.get((b["before"], b["after"], b["context"]), "unjudged") for b in blocks]
    not_fix = [b for b, v in zip(blocks, verdict) if v != "fix"]
    return {"changes_per_10k_words": round(1e4 * sum(b["words"] for b in blocks) / words, 2),
            "false_per_10k_words": round(1e4 * sum(b["words"] for b in not_fix) / words, 2),
            "false_names_per_10k_words": round(1e4 * sum(b["name"] for b in not_fix) / words, 2),
            "name_rewrites_per_10k_words": round(1e4 * sum(b["name"] for b in blocks) / words, 2),
            "judged_fix": verdict.count("fix"), "judged_false": verdict.count("false"),
            "unsure": verdict.count("unsure"), "unjudged": verdict.count("unjudged")}
