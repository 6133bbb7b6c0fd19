"""The HTML report of a run (index, one page per document, review controls), read from OUTDIR's files.

``write_report`` is imported on first use (PEP 562): every ``python -m pipeline run`` asks ``has_report``, and the
report's builder imports pandas."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .builder import write_report

__all__ = ["has_report", "write_report"]


def has_report(outdir: str | os.PathLike) -> bool:
    return (Path(outdir) / "report" / "index.html").is_file()


def __getattr__(name: str) -> object:
    if name != "write_report":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .builder import write_report
    return write_report
