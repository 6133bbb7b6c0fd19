"""The inputs of a batch: files as given and every *.txt below given folders, each read once by the driver."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.engine.outdir import UsageError


@dataclass(frozen=True)
class InputFile:
    doc_id: str
    path: str


@dataclass
class Source:
    """One input's bytes, or why they cannot be read."""

    item: InputFile
    data: bytes | None
    error: str = ""


def _is_text_name(path: Path) -> bool:
    return path.suffix.lower() == ".txt"


def discover_inputs(inputs: Iterable[str | os.PathLike]) -> list[InputFile]:
    """Files as given and every *.txt (any case: .TXT, .Txt) below given folders; doc_id is the path relative to
    its INPUT, without that suffix."""
    found: list[InputFile] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if _is_text_name(file) and (file.is_file() or file.is_symlink()):
                    found.append(InputFile(file.relative_to(path).with_suffix("").as_posix(), str(file)))
        elif path.exists() or path.is_symlink():
            found.append(InputFile(path.stem if _is_text_name(path) else path.name, str(path)))
        else:
            raise UsageError(f"input not found: {item}")
    return found


def check_unique(files: list[InputFile]) -> None:
    seen: dict[str, str] = {}
    for f in files:
        if f.doc_id in seen:
            raise UsageError(f"two inputs give the same doc_id {f.doc_id!r}: {seen[f.doc_id]} and {f.path}")
        seen[f.doc_id] = f.path


def total_size(files: list[InputFile]) -> int:
    total = 0
    for f in files:
        try:
            total += os.stat(f.path).st_size
        except OSError:
            pass  # reported as that document's error later
    return total


def read_input(item: InputFile) -> Source:
    """The file's bytes, or the reason it cannot be read (that document's error)."""
    try:
        return Source(item, Path(item.path).read_bytes())
    except OSError as err:
        reason = err.strerror or str(err)
        return Source(item, None, f"cannot read file: {reason.lower() if reason else type(err).__name__}")
