"""The HTML report of a run (index, one page per document, review controls), read from OUTDIR's files."""
from .builder import has_report, write_report

__all__ = ["has_report", "write_report"]
