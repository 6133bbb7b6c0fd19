"""The README's worked example is what the pipeline really outputs for its input line."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def example_blocks() -> tuple[str, dict[str, str]]:
    section = README.read_text(encoding="utf-8").split("## Worked example", 1)[1]
    blocks = re.findall(r"```\n(.*?)\n```", section, re.S)
    line, tables = blocks[0], {}
    for part in blocks[1].split("# ")[1:]:
        name, body = part.split("\n", 1)
        tables[name.strip().removesuffix(".csv")] = body.strip()
    return line, tables


def test_worked_example_matches_a_real_run(tmp_path):
    from pipeline.engine import run_batch

    line, tables = example_blocks()
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "vidu.txt").write_text(line + "\n", encoding="utf-8")
    run_batch([inputs], tmp_path / "out", workers=1, progress=False)
    assert set(tables) == {"sentences", "corrections", "entities", "dates", "entity_index"}
    for name, expected in tables.items():
        assert (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8").strip() == expected, name
