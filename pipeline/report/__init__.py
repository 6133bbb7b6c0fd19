"""The HTML report of a run (index, one page per document, review controls), read from OUTDIR's files."""
from .builder import write_report

__all__ = ["write_report"]
