"""Where benchmarks and tests find the shared read-only data: ../shared beside the repository (or $SHARED_DIR)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
TEXTS = SHARED / "texts"
