"""Writing the tables (CSV with the csv module, Parquet and xlsx with pandas): streamed in chunks to a temporary file, renamed into place when complete.

An interrupted run therefore never leaves a truncated table under its final name. Temporary names are unique to
the process and the write (``temporary_path``), and a failed write removes its temporary file.

``xlsx`` is for opening in a spreadsheet: every text cell is written as a string (never a formula, whatever it
begins with), and the C0 control characters a workbook cannot hold are shown as their Unicode pictures (U+2400 +
code: a page break becomes "␌"), one character for one, so offsets still count the same.
"""
from __future__ import annotations

import csv
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    import pandas as pd


FORMATS = ("csv", "parquet", "xlsx")
TEMPORARY_MARK = ".tmp-"  # engine.outdir removes files holding it that a killed run left behind
XLSX_MAX_ROWS = 1_048_576  # a worksheet's limit; longer tables continue on "<name> 2", "<name> 3"...


def _frame(columns: list[str], types: dict[str, str], rows: list[dict], fmt: str) -> pd.DataFrame:
    """Rows as a DataFrame with the table's columns and stable types (nullable ints, lower-case booleans); a
    column not in ``types`` ("int", "float", "bool") is a string."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        kind = types.get(column)
        if kind == "int":
            frame[column] = frame[column].astype("Int64")
        elif kind == "float":
            frame[column] = frame[column].astype("float64")
        elif kind == "bool":
            values = frame[column].astype("boolean")
            frame[column] = values if fmt == "parquet" else values.map({True: "true", False: "false"}).astype("string")
        else:
            frame[column] = frame[column].astype("string")
    return frame


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _text_cell(value: object) -> str:
    return "" if _missing(value) else value if isinstance(value, str) else str(value)


def _int_cell(value: object) -> str:
    if _missing(value):
        return ""
    number = int(value)  # type: ignore[call-overload]
    if number != value:  # 3.5, "3": pandas' Int64 column refused them, so does this
        raise TypeError(f"not an integer: {value!r}")
    return str(number)


def _float_cell(value: object) -> str:
    return "" if _missing(value) else float.__repr__(float(value))  # type: ignore[arg-type]


def _bool_cell(value: object) -> str:
    if _missing(value):
        return ""
    if isinstance(value, str) or value not in (0, 1):  # "false", 2: pandas' boolean column refused them
        raise TypeError(f"not a boolean: {value!r}")
    return "true" if value else "false"


# A CSV cell as pandas writes _frame's column types: a missing value empty, an integer's digits, a float's repr
# (numpy's str, the same shortest form), a boolean lower-case, anything else its str().
_CSV_CELL = {"int": _int_cell, "float": _float_cell, "bool": _bool_cell}


def temporary_path(path: Path) -> Path:
    """A temporary name beside ``path``, unique to this process and this write."""
    return path.with_name(f"{path.name}{TEMPORARY_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """``write(temporary path)``, then rename it to ``path``; a failed write leaves no temporary file."""
    tmp = temporary_path(Path(path))
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Path(path)


class TableWriter:
    """Appends rows of one table to a temporary file; ``close()`` renames it to ``OUTDIR/<name>.<fmt>``.

    ``finish()`` then ``commit()`` do the same in two steps (several tables checked before any is renamed);
    ``abort()`` removes the temporary file. ``rows`` counts the rows written."""

    def __init__(self, outdir: Path, name: str, columns: list[str], types: dict[str, str], fmt: str = "csv"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        self.name, self.fmt, self.columns, self.types = name, fmt, columns, types
        self.path = Path(outdir) / f"{name}.{fmt}"
        self._tmp = temporary_path(self.path)
        self._handle = None
        self._parquet = None
        self._xlsx = None
        self._started = False
        self.rows = 0

    def write(self, rows: list[dict]) -> None:
        if not rows and self._started:
            return
        try:
            self._write(rows)
        except BaseException:
            self.abort()
            raise
        self.rows += len(rows)
        self._started = True

    def _write_csv(self, rows: list[dict]) -> None:
        """The rows as pandas' ``to_csv`` writes ``_frame`` (same cells, same csv module, same quoting), without
        importing pandas (a second of a run's start-up)."""
        if self._handle is None:
            self._handle = open(self._tmp, "w", encoding="utf-8", newline="")
        writer = csv.writer(self._handle, lineterminator="\n")
        if not self._started:
            writer.writerow(self.columns)
        cells = [(column, _CSV_CELL.get(self.types.get(column), _text_cell)) for column in self.columns]
        writer.writerows([[cell(row.get(column)) for column, cell in cells] for row in rows])

    def _write(self, rows: list[dict]) -> None:
        if self.fmt == "csv":
            self._write_csv(rows)
            return
        frame = _frame(self.columns, self.types, rows, self.fmt)
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._tmp, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        else:
            if self._xlsx is None:
                self._xlsx = _XlsxTable(self.name, list(frame.columns))
            self._xlsx.append(frame)

    def finish(self) -> None:
        """Complete the temporary file (nothing under the final name yet)."""
        if not self._started:
            self.write([])
        try:
            if self._handle is not None:
                self._handle.close()
            if self._parquet is not None:
                self._parquet.close()
            if self._xlsx is not None:
                self._xlsx.save(self._tmp)
        except BaseException:
            self.abort()
            raise

    def commit(self) -> Path:
        os.replace(self._tmp, self.path)
        return self.path

    def close(self) -> Path:
        self.finish()
        return self.commit()

    def abort(self) -> None:
        """Drop what was written: close the handles and remove the temporary file."""
        for handle in (self._handle, self._parquet):
            try:
                if handle is not None:
                    handle.close()
            except Exception:  # a full disk may refuse the flush too; the file goes anyway
                pass
        self._handle = self._parquet = self._xlsx = None
        self._tmp.unlink(missing_ok=True)


_CONTROL_PICTURES = {c: 0x2400 + c for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}


class _XlsxTable:
    """One table as a write-only workbook: text cells typed as strings, so nothing in them can run."""

    def __init__(self, name: str, columns: list[str]):
        from openpyxl import Workbook
        self.name, self.columns = name, columns
        self.book = Workbook(write_only=True)
        self.sheet = None
        self.sheets = 0
        self.filled = XLSX_MAX_ROWS

    def append(self, frame: pd.DataFrame) -> None:
        from openpyxl.cell import WriteOnlyCell
        for values in frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None):
            if self.filled >= XLSX_MAX_ROWS:
                self._new_sheet()
            cells = []
            for value in values:
                if isinstance(value, str):
                    cell = WriteOnlyCell(self.sheet, value=value.translate(_CONTROL_PICTURES))
                    cell.data_type = "s"  # a string, even when it begins with = + - @
                    value = cell
                cells.append(value)
            self.sheet.append(cells)
            self.filled += 1

    def _new_sheet(self) -> None:
        self.sheets += 1
        self.sheet = self.book.create_sheet(self.name if self.sheets == 1 else f"{self.name} {self.sheets}")
        self.sheet.append(self.columns)
        self.filled = 1

    def save(self, path: Path) -> None:
        if self.sheet is None:
            self._new_sheet()
        with open(path, "wb") as handle:
            self.book.save(handle)


def write_clean_text(outdir: Path, doc_id: str, text: str) -> Path:
    """Write ``clean/<doc_id>.txt`` atomically, newlines exactly as in the text."""
    path = Path(outdir) / "clean" / f"{doc_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(path, lambda tmp: _write_text(tmp, text))


def _write_text(path: Path, text: str) -> None:
    """UTF-8, newlines exactly as in the text."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
