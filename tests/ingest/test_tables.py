"""The legacy byte tables (data/*.tsv) and the plausibility check, letter by letter."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from pipeline.ingest import IngestError, decode_bytes
from pipeline.ingest.legacy import decode_tcvn3, decode_vni, decode_windows_1258, tcvn3_table, vni_table
from pipeline.ingest.plausibility import Plausibility, is_syllable, vietnamese_plausibility
from tests.ingest.encoders import encode_tcvn3, encode_vni, encode_windows_1258

TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER = "".join(unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES) + "đ"
UPPER = LOWER.upper()


def test_every_vietnamese_letter_round_trips_through_vni():
    text = LOWER + " " + UPPER
    assert len(set(LOWER)) == 73
    assert decode_vni(encode_vni(text)) == text


def test_every_vietnamese_letter_round_trips_through_windows_1258():
    text = LOWER + " " + UPPER
    assert unicodedata.normalize("NFC", decode_windows_1258(encode_windows_1258(text))) == text


def test_every_lower_case_letter_and_plain_capital_round_trips_through_tcvn3():
    text = LOWER + " ĂÂÊÔƠƯĐ"
    assert decode_tcvn3(encode_tcvn3(text)) == text
    with pytest.raises(ValueError):
        encode_tcvn3("Á")  # TCVN3 (VN3) has no byte for it: ABC users switched to an upper-case font
    assert encode_tcvn3("Á", lower_uncoded_capitals=True) == encode_tcvn3("á")


def test_tcvn3_table_agrees_with_iconv():
    """glibc's TCVN5712-1 is the VN1 superset: for bytes A0-FF it must agree with our table byte for byte."""
    if not shutil.which("iconv"):
        pytest.skip("iconv is not installed")
    data = bytes(range(0xA0, 0x100))
    done = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-32BE"], input=b"".join(
        bytes([b]) + b"\n" for b in data), capture_output=True)
    if done.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    theirs = done.stdout.decode("utf-32-be").split("\n")[:-1]
    ours = [tcvn3_table().chars[b] for b in data]
    assert [unicodedata.normalize("NFD", c) for c in ours] == [unicodedata.normalize("NFD", c) for c in theirs]


def test_vni_marks_come_in_case_pairs_and_compose():
    marks = vni_table().marks
    for byte, mark in marks.items():
        if byte >= 0xE0:
            assert marks[byte - 0x20] == mark, hex(byte)
            assert len(unicodedata.normalize("NFC", "a" + mark)) == 1 or len(unicodedata.normalize("NFC", "o" + mark)) == 1


def test_vni_letters_and_windows_1252_are_nfc_stable():
    """decode_vni composes with whole-text NFC: that is only exact if nothing else it yields changes under NFC."""
    table = vni_table()
    others = [ch for byte, ch in table.bytes_table.chars.items() if byte not in table.marks]
    assert all(unicodedata.normalize("NFC", ch) == ch for ch in others)


def test_vni_mark_that_cannot_compose_stays_a_combining_mark():
    assert decode_vni(b"b\xf9") == "b\u0301"  # never dropped; normalization decides what to do with it


def test_windows_1258_keeps_its_combining_tones():
    assert decode_windows_1258(b"Vi\xea\xf2t") == "Vi\u00ea\u0323t"


@pytest.mark.parametrize("word,expected", [("Việt", True), ("VIỆT", True), ("ViỆt", False), ("ViƯt", False)])
def test_case_shape_is_checked(word, expected):
    assert is_syllable(word) is expected


def test_plausibility_counts_stray_symbols_against_the_text():
    assert vietnamese_plausibility("Việt Nam, “Hà Nội” — 1010") == Plausibility(3, 0, 4, 4)
    assert vietnamese_plausibility("c¸c ng­êi").bad >= 2


def test_foreign_text_in_a_legacy_code_page_is_refused():
    """One Vietnamese-looking accented word is not enough: most words must be Vietnamese syllables."""
    with pytest.raises(IngestError, match="not a recognised Vietnamese legacy encoding"):
        decode_bytes("teatro più argomenti sulle lista sarebbe comandante chiusa".encode("cp1252"))


def test_long_mostly_ascii_text_is_judged_on_all_of_it():
    import pipeline.ingest.plausibility as plausibility

    text = "con ga trong nha ong ba\n" * 25_000 + "Thăng Long là kinh đô của nước Đại Việt.\n"
    assert "Thăng" not in plausibility._sample(text, 100_000, 25)  # the sample alone would see no Vietnamese
    assert vietnamese_plausibility(text).score == 1.0
    assert decode_bytes(encode_windows_1258(text)).encoding == "windows-1258"


def test_punctuation_glued_inside_a_word_counts_against_the_decoding():
    assert vietnamese_plausibility("t«i vµ anh").bad == 2  # TCVN3 "tôi và anh" read as Windows-1258
    assert vietnamese_plausibility("«Tôi» và anh, 45°.").bad == 0
