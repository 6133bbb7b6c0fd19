"""Build a development entity set: each <set>/*.ann passage -> plain *.txt and bench/devsets/entities_<set>.jsonl.

Marks are {LABEL:surface} or {LABEL:surface|canonical} (the fullest name of the referent in the passage; the
surface when omitted). The passages are original text written for development (not from the seed book, not
from ../shared). Run: python bench/devsets/make_gold.py dev2 dev3
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DEVSETS = Path(__file__).resolve().parent
MARK = re.compile(r"\{(PER|LOC|ORG|MISC):([^{}|]+)(?:\|([^{}]+))?\}")


def strip_marks(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Plain text and its (start, end, label, canonical) spans from a marked passage."""
    parts, spans, pos, out_len = [], [], 0, 0
    for m in MARK.finditer(marked):
        parts.append(marked[pos:m.start()])
        out_len += m.start() - pos
        surface = m.group(2)
        spans.append((out_len, out_len + len(surface), m.group(1), m.group(3) or surface))
        parts.append(surface)
        out_len += len(surface)
        pos = m.end()
    parts.append(marked[pos:])
    return "".join(parts), spans


def build(name: str) -> None:
    rows = []
    for ann in sorted((DEVSETS / name).glob("*.ann")):
        text, spans = strip_marks(ann.read_text(encoding="utf-8"))
        assert "{" not in text and "}" not in text, ann
        txt = ann.with_suffix(".txt")
        txt.write_text(text, encoding="utf-8")
        for s, e, label, canonical in spans:
            rows.append({"doc": txt.name, "start": s, "end": e, "text": text[s:e], "label": label,
                         "canonical": canonical})
    out = DEVSETS / f"entities_{name}.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} mentions -> {out}")


if __name__ == "__main__":
    for set_name in sys.argv[1:] or ["dev2", "dev3"]:
        build(set_name)
