"""export.tables: a table written with its declared column types, whatever the rows hold."""
from __future__ import annotations

import pandas as pd

from pipeline.export.tables import TableWriter


def test_declared_types_give_stable_cells(tmp_path):
    writer = TableWriter(tmp_path, "toy", ["name", "n", "ok", "score"], {"n": "int", "ok": "bool", "score": "float"})
    writer.write([{"name": "=1+1", "n": 3, "ok": True, "score": 0.5}, {"name": "007", "n": None, "ok": False}])
    writer.write([])
    assert writer.close() == tmp_path / "toy.csv"
    assert (tmp_path / "toy.csv").read_text(encoding="utf-8") == "name,n,ok,score\n=1+1,3,true,0.5\n007,,false,\n"
    assert writer.rows == 2


def test_parquet_keeps_the_types(tmp_path):
    writer = TableWriter(tmp_path, "toy", ["name", "n", "ok"], {"n": "int", "ok": "bool"}, fmt="parquet")
    writer.write([{"name": "a", "n": 1, "ok": True}])
    writer.close()
    import pyarrow.parquet as pq
    schema = pq.read_schema(tmp_path / "toy.parquet")
    assert [str(schema.field(c).type) for c in ("n", "ok")] == ["int64", "bool"]
    assert pd.read_parquet(tmp_path / "toy.parquet").to_dict("records") == [{"name": "a", "n": 1, "ok": True}]


ROWS = [
    {"doc_id": "a", "start": 0, "score": 0.1, "applied": True, "surface": 'say "hi", then\nleave'},
    {"doc_id": "b", "start": None, "score": None, "applied": None, "surface": None},
    {"doc_id": "", "start": 12, "score": 1e-05, "applied": False, "surface": ""},
    {"doc_id": "c", "start": 3.0, "score": 7, "applied": True, "surface": 5},
    {"doc_id": "d", "start": 2**40, "score": float("nan"), "applied": False, "surface": "a,b\r"},
    {"doc_id": "e", "start": 1, "score": 1e16, "applied": True, "surface": 2.5},
    {"doc_id": "f", "start": 1, "score": 0.30000000000000004, "applied": True, "surface": True},
    {"doc_id": "g", "start": 1, "score": -0.0, "applied": True, "surface": " "},
    {"doc_id": "h", "score": 123456789.125, "applied": False},  # columns left out
]
TYPES = {"start": "int", "score": "float", "applied": "bool"}


def test_csv_cells_are_those_pandas_writes(tmp_path):
    """The CSV writer (no pandas) writes what pandas' to_csv wrote for the same rows and types, byte for byte."""
    from pipeline.export.tables import _frame

    columns = ["doc_id", "start", "score", "applied", "surface"]
    writer = TableWriter(tmp_path, "t", columns, TYPES)
    writer.write(ROWS[:4])
    writer.write([])
    writer.write(ROWS[4:])
    written = writer.close().read_bytes()
    expected = tmp_path / "expected.csv"
    with open(expected, "w", encoding="utf-8", newline="") as handle:
        for i, chunk in enumerate((ROWS[:4], ROWS[4:])):
            _frame(columns, TYPES, chunk, "csv").to_csv(handle, header=i == 0, index=False, lineterminator="\n")
    assert written == expected.read_bytes()


def test_csv_of_no_rows_is_its_header(tmp_path):
    assert TableWriter(tmp_path, "t", ["a", "b"], {}).close().read_text(encoding="utf-8") == "a,b\n"


def test_csv_refuses_a_value_of_the_wrong_type_as_pandas_did(tmp_path):
    """A cell pandas' typed columns refused (a fraction in an int column, a word in a bool column) is an error, not
    a wrong cell ("false" written "true", 3.5 written 3)."""
    import pytest

    for column, kind, value in (("n", "int", 3.5), ("n", "int", "3"), ("ok", "bool", "false"), ("ok", "bool", 2)):
        writer = TableWriter(tmp_path, "t", [column], {column: kind})
        with pytest.raises(TypeError):
            writer.write([{column: value}])
    writer = TableWriter(tmp_path, "t", ["n", "ok"], {"n": "int", "ok": "bool"})
    writer.write([{"n": 3.0, "ok": 1}, {"n": True, "ok": 0.0}])
    assert writer.close().read_text(encoding="utf-8") == "n,ok\n3,true\n1,false\n"
