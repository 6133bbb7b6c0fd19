"""Bad input, tried for real: every case is processed correctly or recorded as an error, and the batch goes on.

Also a property test over random and mutated text: nothing crashes and every row keeps the offset rule.
"""
from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.export.schema import SURFACE_COLUMN
from tests.ingest.encoders import encode_tcvn3, encode_viqr, encode_vni, encode_windows_1258

SENTENCE = "Ngày 2-8-1914, Đức khai chiến với Nga. Những người lính trở về quê hương vào mùa đông 1915.\n"


def write_cases(folder: Path) -> dict[str, str]:
    """Write one file per awkward case; returns doc_id -> the expected status."""
    text = SENTENCE * 3
    cases = {
        "empty": (b"", "ok"),
        "binary": (bytes(range(256)) * 8, "error"),
        "invalid_utf8": (b"\xc3\x28 \xa0\xa1 \xe2\x28\xa1 \x80\x81\x82\x83\x84\x85\x86 \xfe\xff" * 20, "error"),
        "utf16_bom": (codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "ok"),
        "windows1258": (encode_windows_1258(text), "ok"),
        "tcvn3": (encode_tcvn3(text, lower_uncoded_capitals=True), "ok"),
        "vni": (encode_vni(text), "ok"),
        "viqr": (encode_viqr(text).encode("ascii"), "ok"),
        "nfd": (unicodedata.normalize("NFD", text).encode("utf-8"), "ok"),
        "zero_width_controls": (text.replace(" ", " \u200b", 5).replace(".", ".\x07\ufeff").encode("utf-8"), "ok"),
        "no_newline": ((SENTENCE.strip() + " ") .encode("utf-8") * 400, "ok"),
        "hard_breaks": ("Những người lính trở về quê hương vào mùa\nđông 1915, sau khi mặt trận xung-\nđột "
                        "kéo dài ở Pé-\ntrograd.\n".encode("utf-8"), "ok"),
        "french": ("La révolution de février 1917 renversa le tsar. Lénine arriva à Pétrograd en avril.\n"
                   .encode("utf-8"), "ok"),
        "english": (b"The February revolution of 1917 overthrew the tsar. Lenin came back in April.\n", "ok"),
    }
    for doc_id, (data, _) in cases.items():
        (folder / f"{doc_id}.txt").write_bytes(data)
    (folder / "a_folder.txt").mkdir()  # a folder named like a text: not an input (only files are)
    os.symlink(folder / "vanished-before-reading", folder / "vanished.txt")  # disappears before it is read
    expected = {doc_id: status for doc_id, (_, status) in cases.items()}
    expected["vanished"] = "error"
    return expected


def test_every_bad_input_is_processed_or_reported_and_the_batch_goes_on(tmp_path):
    from pipeline.engine import run_batch
    from pipeline.ingest import read_document
    from pipeline.process import Options

    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = write_cases(inputs)
    out = tmp_path / "out"
    summary = run_batch([inputs], out, Options(), workers=2, progress=False)
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert dict(docs["status"]) == expected
    assert summary.n_failed == list(expected.values()).count("error")
    for doc_id, status in expected.items():
        if status == "error":
            assert docs.loc[doc_id, "error"], doc_id
    assert "not found" in docs.loc["vanished", "error"] or "no such file" in docs.loc["vanished", "error"].lower()
    encodings = dict(docs["encoding"])
    assert (encodings["utf16_bom"], encodings["windows1258"], encodings["tcvn3"], encodings["vni"],
            encodings["viqr"]) == ("utf-16-le", "windows-1258", "tcvn3", "vni-windows", "viqr")
    for legacy in ("windows1258", "tcvn3", "vni", "viqr", "nfd", "zero_width_controls"):
        clean = (out / "clean" / f"{legacy}.txt").read_text(encoding="utf-8")
        assert clean.startswith("Ngày 2-8-1914, Đức khai chiến với Nga."), legacy
    dates = pd.read_csv(out / "dates.csv", dtype=str, keep_default_na=False)
    assert set(dates[dates["doc_id"] == "tcvn3"]["value"]) == {"1914-08-02", "1915-WI"}
    for name, column in SURFACE_COLUMN.items():
        table = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for row in table.itertuples():
            raw = read_document(inputs / f"{row.doc_id}.txt").text
            assert raw[int(row.start):int(row.end)] == getattr(row, column), (name, row)


@pytest.fixture(scope="module")
def stages():
    from pipeline.process import Options, Stages
    return Stages(Options(), None)


ALPHABET = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặấầẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
            "AĂÂĐEÊOÔƠƯNgàyThángLRK0123456789 .,;:!?-/()\"'\n\r\t\u0300\u0301\u0303\u0309\u0323\u200b\x07\u00a0Ð")
SEED_SNIPPET = SENTENCE + "Raspoutine đã khiến Hoàng thái hậu tin. Uỷ ban Sô viết họp ngày 24-7. "


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(alphabet=ALPHABET, max_size=300),
    st.builds(lambda cut, insert, at: SEED_SNIPPET[:at] + insert + SEED_SNIPPET[at + cut:],
              st.integers(0, 5), st.text(alphabet=ALPHABET, max_size=8), st.integers(0, len(SEED_SNIPPET)))))
def test_any_text_keeps_the_offset_rule(stages, text):
    from pipeline.process import process_document

    result = process_document("doc", text, stages)
    for name, column in SURFACE_COLUMN.items():
        for row in result.rows[name]:
            assert text[row["start"]:row["end"]] == row[column], (name, row)
    pieces, pos = [], 0
    for row in result.rows["corrections"]:
        if row["applied"]:
            assert row["start"] >= pos
            pieces += [text[pos:row["start"]], row["corrected"]]
            pos = row["end"]
    assert "".join(pieces) + text[pos:] == result.clean_text
