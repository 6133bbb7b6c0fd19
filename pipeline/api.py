"""The public API: process one text, or run a batch (the CLI mirrors both)."""
from __future__ import annotations

import pandas as pd

from pipeline.engine import RunSummary, run_batch
from pipeline.export.schema import TABLES
from pipeline.process import Options, Stages, process_document


def process_text(text: str, doc_id: str = "text", options: Options = Options(),
                 stats: object | None = None) -> dict[str, pd.DataFrame]:
    """All rows for one text as DataFrames keyed by table name, plus ``clean`` (one row: the clean text).

    Without ``stats`` the corrector uses the statistics of this text alone; pass the merged statistics of a
    larger corpus (``pipeline.correct.CorpusStats``) to correct with what the whole batch says.
    """
    if stats is None and options.correct:
        from pipeline.correct import CorpusStats
        from pipeline.process import normalized_document
        stats = CorpusStats.from_text(normalized_document(doc_id, text, options.tone_style).text)
    result = process_document(doc_id, text, Stages(options, stats))
    frames = {name: pd.DataFrame(rows, columns=TABLES[name]) for name, rows in result.rows.items()}
    frames["clean"] = pd.DataFrame([{"doc_id": doc_id, "text": result.clean_text}])
    return frames


__all__ = ["Options", "RunSummary", "process_text", "run_batch"]
