"""Helpers for engine tests: a small multi-document corpus and table comparison."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.export.schema import TABLES

SEED = Path(__file__).resolve().parents[2] / "corpus" / "000_fd759c1a574f5de6.txt"


def make_corpus(folder: Path, n_docs: int, chars: int = 1500) -> list[Path]:
    """``n_docs`` documents cut from the seed book at paragraph boundaries, in two sub-folders."""
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    paths = []
    for i in range(n_docs):
        body, j = [], i
        while sum(map(len, body)) < chars:
            body.append(paragraphs[j % len(paragraphs)])
            j += 1
        path = folder / f"part{i % 2}" / f"doc{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def read_tables(outdir: Path) -> dict[str, pd.DataFrame]:
    """Every table, with the timing column (which legitimately differs between runs) dropped."""
    tables = {name: pd.read_csv(outdir / f"{name}.csv", dtype=str, keep_default_na=False) for name in TABLES}
    tables["documents"] = tables["documents"].drop(columns=["seconds", "path"])
    return tables


def assert_same_tables(a: Path, b: Path) -> None:
    left, right = read_tables(a), read_tables(b)
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)
    for clean in (a / "clean").rglob("*.txt"):
        assert clean.read_bytes() == (b / "clean" / clean.relative_to(a / "clean")).read_bytes()
