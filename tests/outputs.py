"""Reading a run's OUTDIR in tests: a table as strings, the raw texts of its documents."""
from __future__ import annotations

import pandas as pd

from pipeline.ingest import read_document


def table(outdir, name: str) -> pd.DataFrame:
    return pd.read_csv(outdir / f"{name}.csv", dtype=str, keep_default_na=False)


def raw_texts(outdir) -> dict[str, str]:
    docs = table(outdir, "documents")
    return {row.doc_id: read_document(row.path).text for row in docs.itertuples() if row.status == "ok"}
