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
