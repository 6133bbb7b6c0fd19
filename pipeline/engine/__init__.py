"""Batch execution: input discovery, the corpus-statistics pass, parallel processing, table merging."""
from pipeline.engine.batch import InputFile, RunSummary, discover_inputs, run_batch
from pipeline.engine.outdir import UsageError

__all__ = ["InputFile", "RunSummary", "UsageError", "discover_inputs", "run_batch"]
