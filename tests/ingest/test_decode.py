"""decode_bytes / read_document: every case decoded exactly or refused with a reason."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from tests.ingest.encoders import encode_tcvn3, encode_viqr, encode_vni, encode_windows_1258
from pipeline.ingest import Decoded, IngestError, decode_bytes, read_document

HISTORY = [
    "Năm 1010, vua Lý Thái Tổ dời đô từ Hoa Lư ra thành Đại La, đổi tên là Thăng Long.",
    "Mùa thu, tháng bảy, quân Nguyên tiến xuống phía nam; người dân các làng đều bỏ trốn vào rừng sâu.",
    "Ông Trần Hưng Đạo viết Hịch tướng sĩ để khích lệ tinh thần chiến đấu của quân đội nhà Trần.\r\n"
    "Sau đó, quân ta thắng lớn ở sông Bạch Đằng, bắt được nhiều tướng giặc.",
]
CAPITALS = "VIỆT NAM DÂN CHỦ CỘNG HÒA. ĐỘC LẬP, TỰ DO, HẠNH PHÚC. Người Việt ở khắp nơi."


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_empty_file_is_empty_utf8_text():
    assert decode_bytes(b"") == Decoded("", "utf-8")


@pytest.mark.parametrize("text", HISTORY)
def test_utf8_is_returned_exactly(text):
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


def test_utf8_bom_is_removed_and_crlf_kept():
    text = "Dòng một\r\nDòng hai\r\n"
    assert decode_bytes(codecs.BOM_UTF8 + text.encode()) == Decoded(text, "utf-8-sig")


def test_utf8_keeps_nfd_zero_width_and_controls():
    text = unicodedata.normalize("NFD", "Việt") + " Na\u200bm\x0c\x1b tiếp"
    assert decode_bytes(text.encode()) == Decoded(text, "utf-8")


@pytest.mark.parametrize("codec,name", [
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32-le", "utf-32-le"), ("utf-32-be", "utf-32-be"),
])
def test_unicode_with_bom(codec, name):
    text = HISTORY[2]
    assert decode_bytes(("\ufeff" + text).encode(codec)) == Decoded(text, name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(codec):
    text = HISTORY[0]
    assert decode_bytes(text.encode(codec)) == Decoded(text, codec)


def test_utf16_le_bom_followed_by_nul_is_not_taken_for_utf32():
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(codecs.BOM_UTF16_LE + "\x00ab".encode("utf-16-le"))


def test_bad_data_after_a_bom_names_the_offset():
    with pytest.raises(IngestError, match=r"invalid UTF-16 .*offset 4"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xdcb\x00")  # a lone low surrogate at byte 4
    with pytest.raises(IngestError, match=r"invalid UTF-8 .*offset 5"):
        decode_bytes(codecs.BOM_UTF8 + b"ab\xff")


@pytest.mark.parametrize("data,reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (contains NUL bytes)"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "binary file (contains NUL bytes)"),
    (bytes(range(1, 32)) * 4 + b"some text", "binary file (75% control bytes)"),
])
def test_binary_is_refused(data, reason):
    with pytest.raises(IngestError) as err:
        decode_bytes(data)
    assert str(err.value) == reason


@pytest.mark.parametrize("text", HISTORY + [CAPITALS])
def test_windows_1258_round_trip(text):
    decoded = decode_bytes(encode_windows_1258(text))
    assert decoded.encoding == "windows-1258"
    assert nfc(decoded.text) == text
    assert decoded.text != text  # the file's combining tone marks are kept, not composed


@pytest.mark.parametrize("text", HISTORY)
def test_tcvn3_round_trip(text):
    assert decode_bytes(encode_tcvn3(text)) == Decoded(text, "tcvn3")


@pytest.mark.parametrize("text", HISTORY + [CAPITALS])
def test_vni_round_trip(text):
    assert decode_bytes(encode_vni(text)) == Decoded(text, "vni-windows")


@pytest.mark.parametrize("shown,expected,encoding", [
    # Legacy bytes as a Windows-1252 screen shows them: the classic look of these encodings.
    ("Vieät Nam laø moät nöôùc, ngöôøi Vieät noùi tieáng Vieät.", "Việt Nam là một nước, người Việt nói tiếng Việt.",
     "vni-windows"),
    ("ViÖt Nam, Hµ Néi, ng\xadêi ViÖt nãi tiÕng ViÖt.", "Việt Nam, Hà Nội, người Việt nói tiếng Việt.", "tcvn3"),
])
def test_known_legacy_samples(shown, expected, encoding):
    assert decode_bytes(shown.encode("cp1252")) == Decoded(expected, encoding)


def test_tcvn3_curly_quotes_are_windows_1252():
    text = "Vua nói: \u201cTa sẽ dời đô.\u201d"
    assert decode_bytes(encode_tcvn3(text)) == Decoded(text, "tcvn3")


def test_latin1_french_is_refused_with_the_offset():
    with pytest.raises(IngestError) as err:
        decode_bytes("Le général a été reçu à Paris.".encode("latin-1"))
    assert str(err.value) == (
        "not valid UTF-8 and not a recognised Vietnamese legacy encoding (first bad byte at offset 4)"
    )


def test_utf8_with_a_few_bad_bytes_reads_each_as_a_replacement_and_says_where():
    text = HISTORY[0] + "\n" + HISTORY[1]
    first, second = text.index("ăng Long"), text.index("người dân")  # bad bytes go before these letters
    one, two = len(text[:first].encode()), len(text[:second].encode())
    data = text.encode()
    decoded = decode_bytes(data[:one] + b"\xff" + data[one:two] + b"\x80\x80" + data[two:])
    assert decoded.encoding == "utf-8"
    assert decoded.text == text[:first] + "\ufffd" + text[first:second] + "\ufffd\ufffd" + text[second:]
    assert decoded.warnings == (f"3 invalid UTF-8 bytes replaced by U+FFFD at byte offsets {one}, {two + 1}, "
                                f"{two + 2} (text offsets {first}, {second + 1}, {second + 2})",)
    split = "ă".encode()[:1]  # a letter cut in two: its first byte alone is one bad byte
    decoded = decode_bytes(data[:one] + split + data[one:])
    assert decoded.text == text[:first] + "\ufffd" + text[first:] and len(decoded.warnings) == 1


def test_utf8_with_too_many_bad_bytes_is_refused_saying_what_was_found():
    data = HISTORY[0].encode()
    with pytest.raises(IngestError) as err:
        decode_bytes(b"\xff".join(data[i:i + 12] for i in range(0, len(data), 12)))
    message = str(err.value)
    assert message.startswith("UTF-8 with ") and "invalid bytes (byte offsets 12, " in message
    assert "more than the 8 that are read as U+FFFD" in message and "\n" not in message
    with pytest.raises(IngestError, match="not valid UTF-8"):
        decode_bytes(b"\xe1\xba" * 40)  # no valid accented letter at all: not UTF-8


@pytest.mark.parametrize("text", HISTORY)
def test_viqr_round_trip(text):
    assert decode_bytes(encode_viqr(text).encode("ascii")) == Decoded(text, "viqr")


def test_viqr_examples():
    data = b"Vie^.t Nam la` mo^.t nu+o+'c. Ngu+o+`i Vie^.t ddi ho.c o+? tru+o+`ng."
    assert decode_bytes(data) == Decoded("Việt Nam là một nước. Người Việt đi học ở trường.", "viqr")


def test_viqr_word_final_dot_is_tone_or_full_stop_by_context():
    data = b"Ba^y gio+` ho. ddi ve^`. Me. cu?a to^i o+? nha`, co^ng vie^.c ra^'t nhie^`u."
    expected = "Bây giờ họ đi về. Mẹ của tôi ở nhà, công việc rất nhiều."
    assert decode_bytes(data).text == expected


@pytest.mark.parametrize("text", [
    "He said 'no' and left. Isn't it? I'd go. What's up? C++ and a^2 + b^2.",
    "ascii only text without any marks at all",
    "Mot chut tieng Viet khong dau. Khong phai VIQR.",
])
def test_plain_ascii_is_not_taken_for_viqr(text):
    assert decode_bytes(text.encode()) == Decoded(text, "utf-8")


def test_read_document(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(encode_vni(HISTORY[0]))
    assert read_document(path) == Decoded(HISTORY[0], "vni-windows")
    assert read_document(str(path)).encoding == "vni-windows"


def test_read_document_missing_and_directory(tmp_path):
    with pytest.raises(IngestError, match="^file not found$"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="^is a directory$"):
        read_document(tmp_path)


@pytest.mark.parametrize("error,reason", [
    (PermissionError(13, "Permission denied"), "permission denied"),
    (OSError(5, "Input/output error"), "cannot read file (Input/output error)"),
])
def test_read_document_unreadable(tmp_path, monkeypatch, error, reason):
    path = tmp_path / "doc.txt"
    path.write_text("x")

    def refuse(self):
        raise error

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value) == reason


def test_bom_only_file_is_empty_text():
    assert decode_bytes(codecs.BOM_UTF8) == Decoded("", "utf-8-sig")
    assert decode_bytes(codecs.BOM_UTF16_BE) == Decoded("", "utf-16-be")


def test_legacy_tie_between_different_texts_is_refused_not_guessed():
    data = encode_tcvn3("tộc phụ")  # as Windows-1258: "téc phô", just as plausible
    with pytest.raises(IngestError, match="too little Vietnamese to tell windows-1258 from tcvn3"):
        decode_bytes(data)


def test_unaccented_vietnamese_with_curly_quotes_reads_as_windows_1258():
    text = "\u201cCon ga trong nha\u201d, ong ba noi \u2013 roi di ra dong."
    assert decode_bytes(text.encode("cp1258")) == Decoded(text, "windows-1258")
