"""The one reader of the project's data files: tab-separated tables and word lists with ``#`` comments.

Every data file a historian may edit (confusion tables, word lists, date patterns, entity cues) is read here,
so a malformed line fails the same way everywhere, naming the file and the line::

    pipeline/correct/data/glue.tsv:12: expected 5 columns (left, marks, right, side, score), got 4

``read_table(path, columns, types)`` returns typed rows (named tuples: ``row.cost`` or unpacking), a column
whose name ends in ``?`` is optional (missing or empty cells give its default), and a final column written
``*name`` gathers the remaining cells as a tuple.
"""
from __future__ import annotations

import unicodedata
from collections import namedtuple
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

Converter = Callable[[str], Any]


class TableError(ValueError):
    """A data file that does not have the shape its reader expects (the message starts with ``file:line:``)."""


def _bool(text: str) -> bool:
    low = text.strip().lower()
    if low in {"1", "true", "yes", "y"}:
        return True
    if low in {"0", "false", "no", "n", ""}:
        return False
    raise ValueError(f"expected yes/no, got {text!r}")


CONVERTERS: dict[type | str, Converter] = {str: str, int: int, float: float, bool: _bool}


def data_lines(path: str | Path, comment: str = "#") -> Iterator[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a comment; NFC, no trailing newline."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith(comment):
            continue
        yield number, unicodedata.normalize("NFC", line.rstrip("\r\n"))


def read_table(path: str | Path, columns: Sequence[str],
               types: Mapping[str, type | Converter] | None = None, *,
               defaults: Mapping[str, Any] | None = None, strip: bool = True,
               extra: bool = False, comment: str = "#") -> list[tuple]:
    """Typed rows of a tab-separated data file.

    ``columns`` names the columns in order; ``name?`` marks an optional one (trailing only) and ``*name`` a
    last column that collects the rest. ``types`` maps a column to ``int``/``float``/``bool`` or any
    converter (default ``str``); ``defaults`` gives optional columns' values (default ``None``, or ``""`` for
    text). ``extra=True`` lets a line carry more cells than declared (they are ignored). Raises
    :class:`TableError` ``file:line: expected …`` for a missing cell, a cell of the wrong type or too many cells.
    """
    path = Path(path)
    types = dict(types or {})
    defaults = dict(defaults or {})
    names: list[str] = []
    required = 0
    star = None
    for i, col in enumerate(columns):
        if col.startswith("*"):
            if i != len(columns) - 1:
                raise ValueError("a *column must be the last one")
            star = col[1:]
            continue
        optional = col.endswith("?")
        name = col.rstrip("?")
        if not optional:
            if required != len(names):
                raise ValueError(f"required column {name!r} after an optional one")
            required += 1
        names.append(name)
    fields = names + ([star] if star else [])
    Row = namedtuple("Row", fields, rename=True)  # type: ignore[misc]
    converters = {n: CONVERTERS.get(t, t) for n, t in types.items()}  # int, float, bool, str or a converter
    header = ", ".join(names + ([f"*{star}"] if star else []))
    rows: list[tuple] = []
    for number, line in data_lines(path, comment):
        cells = line.split("\t")
        if strip:
            cells = [c.strip() for c in cells]
        where = f"{path}:{number}"
        if len(cells) < required:
            raise TableError(f"{where}: expected {required} columns ({header}), got {len(cells)}")
        if len(cells) > len(names) and not star and not extra:
            raise TableError(f"{where}: expected at most {len(names)} columns ({header}), got {len(cells)}")
        values: list[Any] = []
        for i, name in enumerate(names):
            cell = cells[i] if i < len(cells) else ""
            if i >= required and cell == "":
                values.append(defaults.get(name, "" if name not in converters else None))
                continue
            if i < required and cell == "" and name in converters:
                raise TableError(f"{where}: column {name!r} is empty")
            values.append(_convert(converters.get(name), cell, name, where))
        if star:
            conv = converters.get(star)
            values.append(tuple(_convert(conv, c, star, where) for c in cells[len(names):] if c != ""))
        rows.append(Row(*values))
    return rows


def _convert(converter: Converter | None, cell: str, name: str, where: str) -> Any:
    if converter is None or converter is str:
        return cell
    try:
        return converter(cell)
    except (ValueError, TypeError) as exc:
        kind = getattr(converter, "__name__", "value")
        raise TableError(f"{where}: column {name!r}: expected {kind}, got {cell!r} ({exc})") from None


def code_points(text: str) -> str:
    """``"U+0302 U+0301"`` -> the characters they name (an empty cell names none)."""
    parts = text.split()
    if not all(p.upper().startswith("U+") for p in parts):
        raise ValueError("expected code points written U+XXXX")
    return "".join(chr(int(p[2:], 16)) for p in parts)


def one_of(*values: str) -> Converter:
    """A converter for a column whose cells name one of ``values`` (a kind, a section, a side)."""
    allowed = frozenset(values)

    def convert(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"not one of {', '.join(values)}")
        return text

    convert.__name__ = " | ".join(values)
    return convert


def read_words(path: str | Path, comment: str = "#") -> list[str]:
    """The entries of a word list (one entry per line, ``#`` comments), in file order, NFC, stripped."""
    return [line.strip() for _, line in data_lines(path, comment)]
