"""The public API: process one text, or run a batch (the CLI mirrors both)."""
from __future__ import annotations

import pandas as pd

from pipeline.engine import RunSummary, run_batch
from pipeline.export.schema import TABLES
from pipeline.process import Options, Stages, Statistics, corpus_statistics_of_text, process_document


def process_text(text: str, doc_id: str = "text", options: Options = Options(),
                 statistics: Statistics | None = None) -> dict[str, pd.DataFrame]:
    """All rows for one text as DataFrames keyed by table name, plus ``clean`` (one row: the clean text).

    Without ``statistics`` the corpus passes (the corrector's ``CorpusStats``) count this text alone; pass
    ``{"correct": merged CorpusStats}`` of a larger corpus to correct with what the whole batch says.
    """
    if statistics is None:
        statistics = corpus_statistics_of_text(text, options)
    result = process_document(doc_id, text, Stages(options, statistics))
    frames = {name: pd.DataFrame(rows, columns=TABLES[name]) for name, rows in result.rows.items()}
    frames["clean"] = pd.DataFrame([{"doc_id": doc_id, "text": result.clean_text}])
    return frames


__all__ = ["Options", "RunSummary", "process_text", "run_batch"]
