"""Batch execution: inputs, the corpus-statistics pass, executors (local processes, Dask), the part store, the
run report (see engine/batch.py for the flow)."""
from pipeline.engine.batch import run_batch
from pipeline.engine.inputs import InputFile, discover_inputs
from pipeline.engine.outdir import UsageError
from pipeline.engine.report import RunSummary

__all__ = ["InputFile", "RunSummary", "UsageError", "discover_inputs", "run_batch"]
