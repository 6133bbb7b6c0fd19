"""A copy of the session's full run for each test that rewrites it, and the raw texts of its inputs."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline.ingest import read_document


@pytest.fixture
def run_copy(full_run, tmp_path):
    """(a private copy of the full run's OUTDIR, its inputs folder)."""
    outdir, inputs, _ = full_run
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    return copy, inputs


def table(outdir, name: str) -> pd.DataFrame:
    return pd.read_csv(outdir / f"{name}.csv", dtype=str, keep_default_na=False)


def raw_texts(outdir) -> dict[str, str]:
    docs = table(outdir, "documents")
    return {row.doc_id: read_document(row.path).text for row in docs.itertuples() if row.status == "ok"}
