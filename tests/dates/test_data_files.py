"""Every date data file is read through pipeline/vi/table.py: a malformed line names its file and line."""
import shutil

import pytest

from pipeline.dates.lexicon import DATA_DIR, load_lexicon
from pipeline.vi.table import TableError


@pytest.mark.parametrize("name,line", [
    ("eras.tsv", "Thiên Đức\tTiền Lý\tfive hundred\tnote\n"),   # a first year that is no number
    ("words/cues.tsv", "outside\n"),                           # a cue without its word
    ("patterns.tsv", "day\n"),                                  # a fragment without its regex
])
def test_a_malformed_row_fails_with_file_and_line(tmp_path, name, line):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / name
    rows = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    with pytest.raises(TableError, match=rf"{name.split('/')[-1]}:{rows + 1}: "):
        load_lexicon(data)


def test_the_capitalised_mark_is_read_from_the_comment_header():
    lex = load_lexicon()
    assert "festivals" in lex.capitalised and "seasons" not in lex.capitalised
