"""Every stage is linear in the document's length: a generated document four times longer takes at most about
four times as long (issue 11: one 20 MB document never finished, the entity stage's repeat search grew with the
square of the length). CPU time of this process is compared, so other load on the machine matters little."""
from __future__ import annotations

import itertools
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_fd759c1a574f5de6.txt"
SYLLABLES = ["Ba", "Cao", "Đông", "Kim", "Lam", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tân", "Vĩnh"]
SMALL, FACTOR = 400_000, 4
MAX_RATIO = FACTOR * 1.35  # linear with room for noise; quadratic work of even a fifth of the time exceeds it


def _names() -> iter:
    """Distinct made-up names, so that the number of names grows with the length as in a real book."""
    for size in itertools.count(2):
        for parts in itertools.product(SYLLABLES, repeat=size):
            yield " ".join(parts)


def generated_document(length: int) -> str:
    """The seed book's sentences, one paragraph each, lower-cased (cheap for the entity stage, which skips
    sentences without a capital) but for one in twenty; in every tenth paragraph a new organisation, a date and a
    repeat of an earlier name, so that every document-level pass (repeats, canonical names, year inference,
    offsets) has work that grows with the length."""
    prose = " ".join(SEED.read_text(encoding="utf-8").split())
    sentences = [s.strip() + "." for s in prose.split(".") if len(s.strip()) > 20]
    lines, size, names, seen = [], 0, _names(), []
    for i in itertools.count():
        sentence = sentences[i % len(sentences)]
        line = sentence if i % 20 == 0 else sentence.lower().rstrip(".")  # ends at the blank line
        if i % 10 == 0:
            seen.append(next(names))
            line += (f" Hội nghị {seen[-1]} họp ngày {1 + i % 28}-{1 + i % 12}-{1900 + i % 100}. Các đại biểu "
                     f"của Hội nghị {seen[len(seen) // 2]} đều có mặt.")
        lines.append(line + "\n\n")
        size += len(line) + 2
        if size >= length:
            return "".join(lines)[:length]


def cpu_seconds(text: str) -> float:
    from pipeline.process import Options, Stages, corpus_statistics_of_text, process_document

    started = time.process_time()
    statistics = corpus_statistics_of_text(text, Options())
    result = process_document("doc", text, Stages(Options(), statistics))
    assert result.rows["entities"] and result.rows["dates"]
    return time.process_time() - started


def test_every_stage_is_linear_in_the_length_of_one_long_document():
    cpu_seconds(generated_document(20_000))  # models loaded, caches warm
    small = cpu_seconds(generated_document(SMALL))
    large = cpu_seconds(generated_document(SMALL * FACTOR))
    print(f"{SMALL:,} chars: {small:.1f} s CPU; {SMALL * FACTOR:,} chars: {large:.1f} s CPU; "
          f"ratio {large / small:.2f} (bound {MAX_RATIO:.1f})")
    assert large / small <= MAX_RATIO
