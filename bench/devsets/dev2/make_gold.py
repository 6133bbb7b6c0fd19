"""Build the dev2 entity set: each *.ann passage ({LABEL:surface} marks) -> plain *.txt and entities_dev2.jsonl.

The passages are original text written for development (not from the seed book, not from /work/shared).
Run: python bench/devsets/dev2/make_gold.py
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\{(PER|LOC|ORG|MISC):([^{}]+)\}")


def strip_marks(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and its (start, end, label) spans from a marked passage."""
    parts, spans, pos, out_len = [], [], 0, 0
    for m in MARK.finditer(marked):
        parts.append(marked[pos:m.start()])
        out_len += m.start() - pos
        spans.append((out_len, out_len + len(m.group(2)), m.group(1)))
        parts.append(m.group(2))
        out_len += len(m.group(2))
        pos = m.end()
    parts.append(marked[pos:])
    return "".join(parts), spans


def main() -> None:
    rows = []
    for ann in sorted(HERE.glob("*.ann")):
        text, spans = strip_marks(ann.read_text(encoding="utf-8"))
        assert "{" not in text and "}" not in text, ann
        txt = ann.with_suffix(".txt")
        txt.write_text(text, encoding="utf-8")
        for s, e, label in spans:
            rows.append({"doc": txt.name, "start": s, "end": e, "text": text[s:e], "label": label,
                         "canonical": text[s:e]})
    out = HERE.parent / "entities_dev2.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} mentions -> {out}")


if __name__ == "__main__":
    main()
