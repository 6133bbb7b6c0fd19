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


def test_every_case_of_the_sources_table_is_added_by_the_code_and_every_added_case_is_in_it():
    import re
    from pathlib import Path

    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(lexicon_module.__file__).parent.glob("*.py"))
    calls = [line for line in code.splitlines() if re.search(r"self\.add(_span)?\(", line) and "def " not in line]
    used = {case for line in calls for case in re.findall(r'"(\w+)"(?=\)| if label)|else "(\w+)"\)', line)
            for case in (case if isinstance(case, tuple) else (case,)) if case and case.islower()}
    used |= set(re.findall(r'sources\["(\w+)"\]', code))
    assert used == set(lexicon_module.lexicon().sources)


def test_the_list_flags_are_properties_of_a_source_not_of_a_case():
    by_source: dict[str, set] = {}
    for src in lexicon_module.lexicon().sources.values():
        by_source.setdefault(src.source, set()).add(src.flags & {"structured", "repeatable"})
    assert all(len(flags) == 1 for flags in by_source.values())


def test_every_vote_the_code_adds_is_weighted_in_votes_tsv_and_every_weight_is_used():
    import re
    from pathlib import Path

    code = "\n".join(p.read_text(encoding="utf-8") for p in Path(lexicon_module.__file__).parent.glob("*.py"))
    used = set(re.findall(r'_vote\("(\w+)"\)|votes\["(\w+)"\]', code))
    kinds = {kind for pair in used for kind in pair if kind and kind.islower()}
    assert kinds == set(lexicon_module.lexicon().votes)


def test_no_head_is_listed_twice_in_org_heads():
    # a second row of a head would silently replace the first's settings
    from collections import Counter
    rows = Counter(row.phrase for row in lexicon_module.read("org_heads.tsv",
                                                             ["phrase", "keep", "bare", "vote", "flags"]))
    assert [phrase for phrase, n in rows.items() if n > 1] == []
