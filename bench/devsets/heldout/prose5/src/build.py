"""Write the prose5 gold files (copied from prose4's builder) from the inline mark-up in src/*.mk (no pipeline code involved).

Mark-up: `[surface|LABEL]` or `[surface|LABEL|canonical]` for an entity mention; `{surface|value|flags}` for a
date, where flags hold `i` (year inferred), `l` (lunar calendar) or `j` (Julian calendar), and at most one of `S`, `M`, `E` (mod
START/MID/END). The granularity follows from the shape of the value. Run: python3 src/build.py
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
MARK = re.compile(r"\[([^\[\]|]+)\|(PER|LOC|ORG|MISC)(?:\|([^\[\]|]+))?\]|\{([^{}|]+)\|([^{}|]+)\|([iljSME]*)\}")
GRANULARITY = [
    ("time", r"(BC)?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), ("day", r"(XXXX|\d{4})-\d{2}-\d{2}"),
    ("month", r"\d{4}-\d{2}"), ("season", r"\d{4}-(SP|SU|FA|WI)"), ("year", r"(BC)?\d{4}"),
    ("decade", r"\d{3}"), ("century", r"\d{2}"),
]
MODS = {"S": "START", "M": "MID", "E": "END"}
CALENDARS = {"l": "lunar", "j": "julian"}


def granularity(value: str) -> str:
    """The finest unit of a value (the first end of a range)."""
    first = value.split("/")[0]
    for name, pattern in GRANULARITY:
        if re.fullmatch(pattern, first):
            return name
    raise ValueError(f"bad date value {value!r}")


def build(mk: Path) -> tuple[str, list[dict], list[dict]]:
    """Plain text, entity rows and date rows of one mark-up file."""
    source = unicodedata.normalize("NFC", mk.read_text(encoding="utf-8"))
    doc = mk.stem + ".txt"
    parts: list[str] = []
    length = 0
    ents: list[dict] = []
    dates: list[dict] = []
    last = 0
    for m in MARK.finditer(source):
        plain = source[last:m.start()]
        parts.append(plain)
        length += len(plain)
        surface = m.group(1) or m.group(4)
        start, end = length, length + len(surface)
        if m.group(1):
            ents.append({"doc": doc, "start": start, "end": end, "text": surface, "label": m.group(2),
                         "canonical": m.group(3) or surface})
        else:
            flags = m.group(6)
            mod = [MODS[f] for f in flags if f in MODS]
            calendar = [CALENDARS[f] for f in flags if f in CALENDARS]
            dates.append({"doc": doc, "start": start, "end": end, "text": surface, "value": m.group(5),
                          "granularity": granularity(m.group(5)), "mod": mod[0] if mod else None,
                          "year_inferred": "i" in flags, "calendar": calendar[0] if calendar else "gregorian"})
        parts.append(surface)
        length = end
        last = m.end()
    parts.append(source[last:])
    text = "".join(parts)
    stray = [c for c in "[]{}|" if c in text]
    if stray:
        i = min(text.index(c) for c in stray)
        raise SystemExit(f"{mk.name}: stray mark-up {stray} near {text[max(0, i - 60):i + 20]!r}")
    for row in ents + dates:
        assert text[row["start"]:row["end"]] == row["text"] == row["text"].strip(), row
    return text, ents, dates


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in sorted(rows, key=lambda r: r["start"]):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    totals = {"PER": 0, "LOC": 0, "ORG": 0, "MISC": 0, "variant": 0, "dates": 0, "lunar": 0}
    names = sys.argv[1:] or [p.stem for p in sorted(HERE.glob("*.mk"))]
    for name in names:
        text, ents, dates = build(HERE / f"{name}.mk")
        spans = sorted((r["start"], r["end"]) for r in ents + dates)
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, (name, s1, e1, s2, e2)
        (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
        write_jsonl(OUT / f"{name}.entities.jsonl", ents)
        write_jsonl(OUT / f"{name}.dates.jsonl", dates)
        variant = sum(r["canonical"] != r["text"] for r in ents)
        lunar = sum(r["calendar"] == "lunar" for r in dates)
        labels = {k: sum(r["label"] == k for r in ents) for k in ("PER", "LOC", "ORG", "MISC")}
        print(f"{name}: {len(text.split())} words, {len(ents)} mentions {labels}, {variant} variant, "
              f"{len(dates)} dates ({lunar} lunar)")
        for k, v in labels.items():
            totals[k] += v
        totals["variant"] += variant
        totals["dates"] += len(dates)
        totals["lunar"] += lunar
    print("total:", totals)


if __name__ == "__main__":
    main()
