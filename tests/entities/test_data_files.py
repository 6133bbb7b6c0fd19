"""The stage's data files are read by pipeline/vi/table.py: a line of the wrong shape names its file and line."""
from __future__ import annotations

import shutil

import pytest

from pipeline.entities import lexicon as lexicon_module
from pipeline.vi.table import TableError


@pytest.mark.parametrize("name, line, expected", [
    ("org_heads.tsv", "câu lạc bộ\tyes\tno\tmany\t-", "column 'vote': expected float"),
    ("misc_heads.tsv", "kế hoạch\tperhaps\tname", "column 'keep': expected"),
    ("places.tsv", "Xứ Lạ\tcountry", "expected 3 columns"),
    ("alias_cues.txt", "tức là", "expected 2 columns"),
])
def test_a_malformed_line_names_its_file_and_line(tmp_path, monkeypatch, name, line, expected):
    data = tmp_path / "data"
    shutil.copytree(lexicon_module.DATA, data)
    lines = (data / name).read_text(encoding="utf-8").splitlines()
    (data / name).write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "DATA", data)
    with pytest.raises(TableError, match=rf"{name}:{len(lines) + 1}: .*{expected}"):
        lexicon_module.lexicon.__wrapped__()
