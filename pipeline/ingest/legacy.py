"""Decoders for the Vietnamese single-byte legacy encodings: Windows-1258, TCVN3 (ABC) and VNI-Windows.

Each decoder returns the text, or None when the bytes cannot be in that encoding. They decode every byte
sequence faithfully to the encoding's definition; choosing among them is ``decode.py``'s job.
TCVN3 and VNI are font encodings laid over Windows-1252, so bytes their tables do not define decode as
Windows-1252 (curly quotes, dashes).
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from pipeline.ingest.tables import data_table, hex_byte, parse_code_points
from pipeline.vi.table import one_of

TCVN3_COLUMNS = ("byte", "character", "code_point", "set", "name?")
VNI_COLUMNS = ("byte", "kind", "value", "what?", "example?")
_vni_kind = one_of("letter", "mark")


@dataclass(frozen=True)
class ByteTable:
    """How each byte decodes; bytes missing from ``chars`` are undefined in the encoding."""

    chars: dict[int, str]

    def decode(self, data: bytes) -> str | None:
        """Decode byte by byte; None when ``data`` holds an undefined byte."""
        try:
            return codecs.charmap_decode(data, "strict", self.chars)[0]
        except UnicodeDecodeError:
            return None


def _over_windows_1252(chars: dict[int, str]) -> ByteTable:
    """A table that decodes ``chars`` as given, 00-7F as ASCII and every other byte as Windows-1252."""
    full = {byte: chr(byte) for byte in range(0x80)}
    for byte in range(0x80, 0x100):
        try:
            full[byte] = chars.get(byte) or bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # 81 8D 8F 90 9D: undefined in Windows-1252 too
    return ByteTable(full)


@lru_cache(maxsize=1)
def tcvn3_table() -> ByteTable:
    """TCVN3 from data/tcvn3.tsv (columns: byte, character, code point, set, name)."""
    rows = data_table("tcvn3.tsv", TCVN3_COLUMNS, {"byte": hex_byte, "code_point": parse_code_points})
    chars = {row.byte: row.code_point for row in rows}
    return _over_windows_1252(chars)


@dataclass(frozen=True)
class VniTable:
    """VNI-Windows from data/vni_windows.tsv: single-byte letters and diacritic bytes (as combining marks)."""

    letters: dict[int, str]
    marks: dict[int, str]
    bytes_table: ByteTable


@lru_cache(maxsize=1)
def vni_table() -> VniTable:
    """Load data/vni_windows.tsv (columns: byte, kind, letter or combining marks, what, example)."""
    letters: dict[int, str] = {}
    marks: dict[int, str] = {}
    for row in data_table("vni_windows.tsv", VNI_COLUMNS, {"byte": hex_byte, "kind": _vni_kind,
                                                            "value": parse_code_points}):
        {"letter": letters, "mark": marks}[row.kind][row.byte] = row.value
    return VniTable(letters, marks, _over_windows_1252({**letters, **marks}))


def decode_windows_1258(data: bytes) -> str | None:
    """Windows-1258 as Python's cp1258 codec defines it (tones stay combining marks, as in the file)."""
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return None


def decode_tcvn3(data: bytes) -> str | None:
    """TCVN3: one byte per letter (its B0-B4 combining tone marks stay combining)."""
    return tcvn3_table().decode(data)


def decode_vni(data: bytes) -> str | None:
    """VNI-Windows: letters and diacritic bytes, each letter composed with the diacritics that follow it."""
    text = vni_table().bytes_table.decode(data)
    # NFC composes each letter with the marks after it and changes nothing else: every other character VNI
    # decodes to (ASCII, Windows-1252, the table's letters) is NFC-stable (tests/ingest/test_tables.py).
    return None if text is None else unicodedata.normalize("NFC", text)


LEGACY_DECODERS: tuple[tuple[str, Callable[[bytes], str | None]], ...] = (
    ("windows-1258", decode_windows_1258),
    ("tcvn3", decode_tcvn3),
    ("vni-windows", decode_vni),
)
