"""Properties over random inputs: decode_bytes fails only with IngestError and never invents U+FFFD silently
(a U+FFFD the bytes do not encode is a replaced invalid UTF-8 byte, counted in a warning)."""
from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import Decoded, IngestError, decode_bytes
from tests.ingest.encoders import encode_tcvn3, encode_vni, encode_windows_1258

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]
# Random bytes, and random bytes dressed up as text: a BOM in front, legacy-looking high bytes, NUL pairs.
ANY_BYTES = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from(BOMS), st.binary(max_size=200)).map(b"".join),
    st.lists(st.sampled_from([b"a", b" ", b"\n", b"\x00", b"\xe2", b"\xf9", b"\xd6", b"\xb5", b"^", b".", b"'",
                              b"\xef\xbf\xbd", b"\xc3", b"\xa9", b"\xfe\xff"]), max_size=120).map(b"".join),
)
TONED = ["người", "Việt", "nước", "tướng", "quân", "đánh", "thắng", "Thăng", "Long", "năm", "đời", "vua", "Lý",
         "Trần", "giặc", "sông", "Bạch", "Đằng", "dời", "đô", "chiến", "lũy", "nhà", "Hồ", "kỷ", "tháng", "mùa"]


def _carries_replacement_char(data: bytes) -> bool:
    """Whether the bytes themselves encode U+FFFD (valid UTF-8, or Unicode after a byte-order mark)."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and "\ufffd" in data[len(bom):].decode(codec, errors="ignore"):
            return True
    if "\ufffd" in data.decode("utf-16-le", errors="ignore") + data.decode("utf-16-be", errors="ignore"):
        return True  # BOM-less UTF-16
    try:
        return "\ufffd" in data.decode("utf-8")
    except UnicodeDecodeError:
        return False


@SETTINGS
@given(ANY_BYTES)
def test_only_ingest_error_and_no_invented_replacement_char(data):
    try:
        decoded = decode_bytes(data)
    except IngestError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(decoded, Decoded)
    if decoded.warnings:
        replaced = int(decoded.warnings[0].split()[0])
        assert decoded.text.count("\ufffd") >= replaced > 0 and "U+FFFD" in decoded.warnings[0]
    elif "\ufffd" in decoded.text:
        assert _carries_replacement_char(data)


@SETTINGS
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=200).filter(
    lambda t: not t.startswith("\ufeff") and any(ord(c) > 127 and c.isalpha() for c in t)))
def test_utf8_text_is_returned_exactly(text):
    assert decode_bytes(text.encode("utf-8")) == Decoded(text, "utf-8")


# Enough distinct accented words to tell the encodings apart: all-ASCII text is UTF-8, and one accented word
# repeated may read equally well in two encodings, which decode_bytes refuses by design ("too little Vietnamese").
SALAD = st.lists(st.sampled_from(TONED), min_size=6, max_size=30).filter(
    lambda words: len({w for w in words if not w.isascii()}) >= 4)


@settings(max_examples=60, deadline=None)
@given(SALAD, st.sampled_from(["vni", "tcvn3", "1258"]))
def test_vietnamese_word_salad_decodes_exactly_in_each_legacy_encoding(words, encoding):
    text = " ".join(words) + "."
    if encoding == "vni":
        assert decode_bytes(encode_vni(text)) == Decoded(text, "vni-windows")
    elif encoding == "tcvn3":
        assert decode_bytes(encode_tcvn3(text)) == Decoded(text, "tcvn3")
    else:
        decoded = decode_bytes(encode_windows_1258(text))
        assert decoded.encoding == "windows-1258"
        assert decoded.text == encode_windows_1258(text).decode("cp1258")
