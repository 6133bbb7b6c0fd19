"""Where resources derived from installed packages (lexicons, frequency tables) are built and found.

They are built once by ``make setup`` (``python -m pipeline build-resources``) into ``pipeline/_built/``,
or on first use when missing; nothing is ever downloaded.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

BUILT_DIR = Path(os.environ.get("PIPELINE_BUILT_DIR", Path(__file__).parent / "_built"))

_BUILDERS: dict[str, Callable[[Path], None]] = {}


def register_builder(name: str, builder: Callable[[Path], None]) -> None:
    """Declare how to build the resource file ``name`` (the builder writes to the path it is given)."""
    _BUILDERS[name] = builder


def built_path(name: str) -> Path:
    """Path of the resource ``name``, building it first if it is missing."""
    path = BUILT_DIR / name
    if not path.exists():
        build(name)
    return path


def build(name: str) -> Path:
    """(Re)build one registered resource atomically."""
    BUILT_DIR.mkdir(parents=True, exist_ok=True)
    path = BUILT_DIR / name
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    _BUILDERS[name](tmp)
    os.replace(tmp, path)
    return path


def build_all() -> list[Path]:
    """Build every registered resource (importing a stage registers its builders: the caller imports the stages
    first, as ``build-resources`` does; only correct/ has any)."""
    return [build(name) for name in sorted(_BUILDERS)]
