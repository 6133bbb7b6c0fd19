"""The entity rules as data/rules.txt declares them: their order, triggers, what must follow, label, the cases of
sources.tsv they add, and examples (run as tests). The logic of each rule is the method of the same name in
rules.SentenceRules; this module reads and checks the declarations."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.vi.table import TableError, data_lines

KEYS = ("rule", "triggers", "follows", "label", "cases", "example")
LABELS = ("PER", "LOC", "ORG", "MISC", "none", "vote")
_KEY = re.compile(r"(\w+):\s*(.*)")


@dataclass(frozen=True)
class RuleSpec:
    name: str
    triggers: tuple[str, ...]  # data files, relative to data/
    follows: str
    label: str
    cases: tuple[str, ...]
    examples: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (text, ((surface, label), ...))
    line: int  # where the block starts, for messages


def comma_list(value: str) -> tuple[str, ...]:
    """The items of a comma-separated cell, stripped; "-" is none."""
    return () if value.strip() == "-" else tuple(v.strip() for v in value.split(",") if v.strip())


def _example(value: str, where: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text => surface/LABEL; …`` or ``text => -``."""
    if "=>" not in value:
        raise TableError(f"{where}: expected 'text => surface/LABEL; …' or 'text => -', got {value!r}")
    text, expected = (part.strip() for part in value.rsplit("=>", 1))
    if expected == "-":
        return text, ()
    mentions = []
    for item in expected.split(";"):
        surface, _, label = item.strip().rpartition("/")
        if not surface or label not in LABELS[:4] or surface not in text:
            raise TableError(f"{where}: expected surface/LABEL with a surface of the text, got {item.strip()!r}")
        mentions.append((surface, label))
    return text, tuple(mentions)


def read_rules(path: Path, sources: set[str]) -> tuple[RuleSpec, ...]:
    """The rule blocks of ``path`` in order, each checked: known keys, one value for each key but example, a
    label of LABELS, trigger files that exist, cases that sources.tsv defines."""
    blocks: list[tuple[int, dict[str, list[str]]]] = []
    last_key = None
    for number, line in data_lines(path):
        m = _KEY.match(line)
        where = f"{path}:{number}"
        if m is None or m.group(1) not in KEYS:
            if last_key is None or not line[:1].isspace():
                raise TableError(f"{where}: expected 'key: value' with a key of {', '.join(KEYS)}, got {line!r}")
            blocks[-1][1][last_key][-1] += " " + line.strip()  # a continuation line
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "rule":
            blocks.append((number, {}))
        elif not blocks:
            raise TableError(f"{where}: expected a 'rule:' line before {key!r}")
        blocks[-1][1].setdefault(key, []).append(value)
        last_key = key
    specs = []
    for number, block in blocks:
        where = f"{path}:{number}"
        for key in KEYS[:-1]:
            if len(block.get(key, [])) != 1:
                raise TableError(f"{where}: expected one {key!r} line in rule {block['rule'][0]!r}")
        one = {key: values[0] for key, values in block.items()}
        triggers, cases = comma_list(one["triggers"]), comma_list(one["cases"])
        if one["label"] not in LABELS:
            raise TableError(f"{where}: expected a label of {', '.join(LABELS)}, got {one['label']!r}")
        missing = [t for t in triggers if not (path.parent / t).is_file()] + [c for c in cases if c not in sources]
        if missing:
            raise TableError(f"{where}: expected trigger files of data/ and cases of sources.tsv, got {missing}")
        examples = tuple(_example(e, where) for e in block.get("example", []))
        specs.append(RuleSpec(one["rule"], triggers, one["follows"], one["label"], cases, examples, number))
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise TableError(f"{path}: expected each rule once, got {names}")
    return tuple(specs)
