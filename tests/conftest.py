"""Shared fixtures: one full run over corpus/ plus hand-made awkward inputs, reused by the contract tests."""
from __future__ import annotations

import codecs
import shutil
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def write_awkward_inputs(folder: Path) -> None:
    """Small inputs that exercise decoding and normalization; one of them cannot be decoded at all."""
    (folder / "nested").mkdir(parents=True, exist_ok=True)
    text = "Ngày 2-8-1914, Ðức khai chiến với Nga. Uỷ ban hoà bình họp ở Pétrograd.\r\nTháng 9-1917, Lénine trở về."
    (folder / "crlf_bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (folder / "nested" / "nfd.txt").write_text(unicodedata.normalize("NFD", text) + "\u200b\x07", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary\x00\x00" * 20)


@pytest.fixture(scope="session")
def full_run(tmp_path_factory):
    """Run the whole pipeline once over corpus/ and the awkward inputs; returns (outdir, inputs, summary)."""
    from pipeline.engine import run_batch
    from pipeline.process import Options

    inputs = tmp_path_factory.mktemp("inputs")
    write_awkward_inputs(inputs)
    for path in CORPUS.glob("*.txt"):
        (inputs / path.name).write_bytes(path.read_bytes())
    outdir = tmp_path_factory.mktemp("outputs")
    summary = run_batch([inputs], outdir, Options(), workers=2, progress=False)
    return outdir, inputs, summary


@pytest.fixture
def run_copy(full_run, tmp_path):
    """(a private copy of the full run's OUTDIR, its inputs folder), for a test that rewrites it."""
    outdir, inputs, _ = full_run
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    return copy, inputs
