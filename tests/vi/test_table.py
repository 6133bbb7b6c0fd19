"""The one data-file reader: typed rows, optional and rest columns, and errors that name file and line."""
import pytest

from pipeline.vi.table import TableError, read_table, read_words


def write(tmp_path, text, name="t.tsv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_typed_rows_skip_comments_and_blanks(tmp_path):
    path = write(tmp_path, "# comment\n\na\t1\t0.5\n  # indented comment\nb\t2\t1\n")
    rows = read_table(path, ["word", "count", "score"], {"count": int, "score": float})
    assert rows == [("a", 1, 0.5), ("b", 2, 1.0)]
    assert rows[1].count == 2


def test_optional_and_rest_columns(tmp_path):
    path = write(tmp_path, "a\nb\tx\nc\tx\ty\tz\n")
    rows = read_table(path, ["word", "flag?", "*more"])
    assert rows == [("a", "", ()), ("b", "x", ()), ("c", "x", ("y", "z"))]


def test_errors_name_file_and_line(tmp_path):
    path = write(tmp_path, "# head\na\t1\nb\n")
    with pytest.raises(TableError, match=r"t\.tsv:3: expected 2 columns \(word, count\), got 1"):
        read_table(path, ["word", "count"], {"count": int})
    path = write(tmp_path, "a\tone\n")
    with pytest.raises(TableError, match=r"t\.tsv:1: column 'count': expected int, got 'one'"):
        read_table(path, ["word", "count"], {"count": int})
    path = write(tmp_path, "a\t1\tsurplus\n")
    with pytest.raises(TableError, match=r"t\.tsv:1: expected at most 2 columns"):
        read_table(path, ["word", "count"])
    assert read_table(path, ["word", "count"], extra=True) == [("a", "1")]


def test_words_are_nfc(tmp_path):
    path = write(tmp_path, "# list\nHoa\u0300\n  v.v.  \n", "w.txt")
    assert read_words(path) == ["Hoà", "v.v."]


def test_not_utf8_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(TableError, match=r"bad\.tsv: not UTF-8"):
        read_table(path, ["word"])
