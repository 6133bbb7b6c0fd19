"""--format parquet writes the same tables, with the same columns and values, as CSV."""
from __future__ import annotations

import pandas as pd

from pipeline.export.schema import TABLES
from tests.engine.helpers import make_corpus


def test_parquet_tables_equal_csv_tables(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3, chars=800)
    (corpus / "broken.txt").write_bytes(b"\x00\xff" * 64)
    run_batch([corpus], tmp_path / "csv", Options(), workers=1, progress=False)
    run_batch([corpus], tmp_path / "parquet", Options(), workers=1, progress=False, fmt="parquet")
    for name, columns in TABLES.items():
        parquet = pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(parquet.columns) == columns
        assert len(parquet) == len(csv) > 0 or name in ("corrections",)
        as_text = parquet.astype(object).where(parquet.notna(), "").astype(str)
        for column in ("applied", "year_inferred"):
            if column in as_text:
                as_text[column] = as_text[column].str.lower()
        for column in columns:
            if column in ("seconds", "score", "path"):
                continue
            assert list(as_text[column]) == list(csv[column]), (name, column)
