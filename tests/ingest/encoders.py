"""Encoders for tests and the benchmark: Unicode text -> legacy bytes, built from the ingest data tables."""
from __future__ import annotations

import unicodedata

from pipeline.ingest.legacy import tcvn3_table, vni_table
from pipeline.ingest.viqr import rules as viqr_rules


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def encode_tcvn3(text: str, lower_uncoded_capitals: bool = False) -> bytes:
    """TCVN3 bytes; capitals TCVN3 cannot hold raise, or become their lower-case byte (as ABC typists did)."""
    reverse = {ch: bytes([b]) for b, ch in tcvn3_table().chars.items()}
    out = bytearray()
    for ch in text:
        if ord(ch) < 128:
            out.append(ord(ch))
        elif ch in reverse:
            out += reverse[ch]
        elif lower_uncoded_capitals and ch.lower() in reverse:
            out += reverse[ch.lower()]
        else:
            raise ValueError(f"{ch!r} is not in TCVN3")
    return bytes(out)


def encode_vni(text: str) -> bytes:
    """VNI-Windows bytes: single-byte letters where VNI has them, else base letter + diacritic byte."""
    table = vni_table()
    letters = {ch: bytes([b]) for b, ch in table.letters.items()}
    marks = {(_nfd("x" + m)[1:], b < 0xE0): bytes([b]) for b, m in table.marks.items()}
    out = bytearray()
    for ch in text:
        if ch.isascii() or ch in letters:
            out += letters.get(ch) or ch.encode("ascii")
            continue
        d = _nfd(ch)
        for k in range(len(d) - 1, 0, -1):  # largest base first: ơ + sắc rather than o + horn + sắc
            base = _nfc(d[:k])
            code = base.encode("ascii") if base.isascii() else letters.get(base)
            mark = marks.get((d[k:], base.isupper()))
            if code is not None and mark is not None:
                out += code + mark
                break
        else:
            raise ValueError(f"{ch!r} is not in VNI")
    return bytes(out)


def encode_windows_1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed where the code page has the letter, else base letter + tone byte."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = _nfd(ch)
            base = _nfc("".join(m for m in d if m not in tones))
            out += (base + "".join(m for m in d if m in tones)).encode("cp1258")
    return bytes(out)


def encode_viqr(text: str, escape_marks: bool = True) -> str:
    """VIQR text; with ``escape_marks`` a mark character written after a letter is escaped ("ba\\.")."""
    r = viqr_rules()
    modifier = {mark: written for written, (_, mark) in r.modifiers.items()}
    tone = {mark: written for written, (_, mark) in r.tones.items()}
    onset = {result: written for written, result in r.onsets.items() if len(set(written)) == 1}  # dd, DD
    out: list[str] = []
    for ch in text:
        if ch in onset:
            out.append(onset[ch])
            continue
        if escape_marks and (ch in modifier.values() or ch in tone.values()) and out and out[-1][-1:].isalpha():
            out.append(r.escape + ch)
            continue
        d = _nfd(ch)
        mods = "".join(modifier[m] for m in d[1:] if m in modifier)
        tones = "".join(tone[m] for m in d[1:] if m in tone)
        out.append(d[0] + mods + tones if len(d) > 1 else ch)
    return "".join(out)
