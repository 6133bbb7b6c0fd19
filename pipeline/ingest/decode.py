"""Bytes -> text: byte-order marks, UTF-8/16/32, binary refusal, Vietnamese legacy encodings and VIQR.

The decisions, in order, are described in the package docstring (pipeline/ingest/__init__.py).
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.legacy import LEGACY_DECODERS
from pipeline.ingest.plausibility import vietnamese_plausibility
from pipeline.ingest.viqr import looks_like_viqr, viqr_to_unicode

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
TEXT_CONTROLS = "\t\n\v\f\r\x1a"  # tab, newlines, page break, DOS end-of-file: normal in text files
CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F] if chr(c) not in TEXT_CONTROLS)
MAX_CONTROL_SHARE = 0.05
MIN_UTF16_NUL_SHARE = 0.3  # BOM-less UTF-16: share of code units whose high byte is NUL (ASCII characters)
MAX_UTF16_STRAY_NUL_SHARE = 0.01
MIN_LEGACY_SCORE = 0.6  # share of the words holding non-ASCII letters that must be Vietnamese syllables
MIN_SYLLABLE_SHARE = 0.35  # share of all words: Vietnamese prose is above 0.45 even in 25-character snippets
# A UTF-8 file with a few invalid bytes is decoded with U+FFFD for each: at most 1 bad byte per 1,000 bytes
# (at least 8 in any file), and only when the rest is plainly UTF-8 (3 valid non-ASCII characters per bad byte;
# a legacy-encoded file has none).
MAX_BAD_UTF8_PER_BYTE = 0.001
MIN_BAD_UTF8_ALLOWED = 8
MIN_UTF8_EVIDENCE_PER_BAD_BYTE = 3
LISTED_OFFSETS = 10  # offsets named in a warning or an error

_NOT_CONTROL_BYTES = bytes(b for b in range(256) if chr(b) not in CONTROLS)
_CONTROL_DELETER = str.maketrans("", "", CONTROLS)


class IngestError(Exception):
    """A document that cannot be read as text; ``str(err)`` is a one-line reason a person understands."""


@dataclass(frozen=True)
class Decoded:
    """The document as decoded (BOM removed, newlines and code points exactly as in the file) and its encoding."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()  # e.g. invalid UTF-8 bytes replaced by U+FFFD, with their offsets


def _control_share_bytes(data: bytes) -> float:
    return len(data.translate(None, _NOT_CONTROL_BYTES)) / len(data)


def _check_text(text: str) -> None:
    """Refuse decoded text that is binary data: NUL characters or many control characters."""
    if "\x00" in text:
        raise IngestError("binary file (contains NUL characters)")
    if text and (len(text) - len(text.translate(_CONTROL_DELETER))) / len(text) > MAX_CONTROL_SHARE:
        raise IngestError("binary file (too many control characters)")


def _with_byte_order_mark(data: bytes) -> Decoded | None:
    """Decode a text that starts with a byte-order mark; None when there is none."""
    for bom, encoding, label in BYTE_ORDER_MARKS:
        if not data.startswith(bom):
            continue
        if label == "UTF-8":
            decoded = _utf8(data[len(bom):], encoding, skip=len(bom))
            _check_text(decoded.text)
            return decoded
        try:
            text = data[len(bom):].decode(encoding.removesuffix("-sig"))
        except UnicodeDecodeError as err:
            if label == "UTF-32":
                continue  # FF FE 00 00 may be a UTF-16-LE mark followed by U+0000; the UTF-16 row decides
            raise IngestError(
                f"invalid {label} after its byte-order mark (bad bytes at offset {err.start + len(bom)})"
            ) from None
        _check_text(text)
        return Decoded(text, encoding)
    return None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, recognised by its NUL high bytes; None when it is not that."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    for encoding, high, low in (("utf-16-le", nul_odd, nul_even), ("utf-16-be", nul_even, nul_odd)):
        if high >= MIN_UTF16_NUL_SHARE * units and low <= MAX_UTF16_STRAY_NUL_SHARE * units:
            try:
                text = data.decode(encoding)
                _check_text(text)
            except (UnicodeDecodeError, IngestError):
                continue
            return Decoded(text, encoding)
    return None


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of an invalid byte


@dataclass(frozen=True)
class _DamagedUtf8:
    data: bytes
    text: str  # each invalid byte read as one U+FFFD
    bad: list[int]  # byte offsets of the invalid bytes
    evidence: int  # valid non-ASCII characters
    bad_in_text: list[int]  # where the first listed invalid bytes are in ``text``

    @property
    def limit(self) -> int:
        return max(MIN_BAD_UTF8_ALLOWED, int(MAX_BAD_UTF8_PER_BYTE * len(self.data)))

    @property
    def repairable(self) -> bool:
        return len(self.bad) <= self.limit and self.evidence >= MIN_UTF8_EVIDENCE_PER_BAD_BYTE * len(self.bad)

    @property
    def looks_utf8(self) -> bool:
        return self.evidence >= len(self.bad)

    def where(self, skip: int) -> str:
        more = f" and {len(self.bad) - LISTED_OFFSETS:,} more" if len(self.bad) > LISTED_OFFSETS else ""
        return f"byte offsets {', '.join(str(b + skip) for b in self.bad[:LISTED_OFFSETS])}{more}"

    def warning(self, skip: int) -> str:
        """'3 invalid UTF-8 bytes replaced by U+FFFD at byte offsets 120, 4077, 9000 (text offsets ...)'."""
        return (f"{len(self.bad)} invalid UTF-8 byte{'s' * (len(self.bad) > 1)} replaced by U+FFFD at "
                f"{self.where(skip)} (text offsets {', '.join(map(str, self.bad_in_text))})")


def _damaged_utf8(data: bytes) -> _DamagedUtf8:
    """UTF-8 with each invalid byte replaced by U+FFFD, the offsets of those bytes and how UTF-8 the rest is."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad, bad_in_text, byte_pos, text_pos = [], [], 0, 0
    for match in _ESCAPED_BYTE.finditer(escaped):
        byte_pos += len(escaped[text_pos:match.start()].encode("utf-8", "surrogateescape"))
        bad.append(byte_pos)
        if len(bad_in_text) < LISTED_OFFSETS:
            bad_in_text.append(match.start())
        byte_pos, text_pos = byte_pos + 1, match.end()
    text = _ESCAPED_BYTE.sub("\ufffd", escaped)
    evidence = len(text) - len(text.encode("ascii", "ignore")) - len(bad)
    return _DamagedUtf8(data, text, bad, evidence, bad_in_text)


def _utf8(data: bytes, encoding: str, skip: int = 0) -> Decoded:
    """Valid UTF-8, or UTF-8 with a few invalid bytes (each read as U+FFFD, named in a warning); else the
    legacy encodings; a text plainly UTF-8 with too many bad bytes is refused saying so."""
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as err:
        first_bad = err.start + skip
    damaged = _damaged_utf8(data)
    if damaged.repairable:
        return Decoded(damaged.text, encoding, (damaged.warning(skip),))
    if damaged.looks_utf8:
        raise IngestError(
            f"UTF-8 with {len(damaged.bad):,} invalid bytes ({damaged.where(skip)}): more than the "
            f"{damaged.limit:,} that are read as U+FFFD in a file of this size (1 per 1,000 bytes, at least "
            f"{MIN_BAD_UTF8_ALLOWED}), or too few valid accented letters around them")
    if skip:
        raise IngestError(f"invalid UTF-8 after its byte-order mark (bad bytes at offset {first_bad})")
    return _legacy(data, first_bad)


def _legacy(data: bytes, first_bad_byte: int) -> Decoded:
    """The most plausible Vietnamese legacy decoding of bytes that are not UTF-8.

    Candidates are ranked by the share of their accented words that are syllables, then by how many there
    are. The winner must read as Vietnamese; a tie between different texts is refused, not guessed."""
    candidates = []
    for encoding, decoder in LEGACY_DECODERS:
        text = decoder(data)
        if text is not None:
            plausibility = vietnamese_plausibility(text)
            candidates.append(((plausibility.score, plausibility.good), plausibility, encoding, text))
    candidates.sort(key=lambda c: c[0], reverse=True)
    where = f"first bad byte at offset {first_bad_byte}"
    if not candidates:
        raise IngestError(f"not valid UTF-8 and not a recognised Vietnamese legacy encoding ({where})")
    rank, plausibility, encoding, text = candidates[0]
    texts = [_nfc(c[3]) for c in candidates]
    rivals = [c[2] for c, other in zip(candidates[1:], texts[1:]) if c[0] == rank and other != texts[0]]
    unanimous = all(other == texts[0] for other in texts)
    if plausibility.syllable_share < MIN_SYLLABLE_SHARE or (plausibility.score < MIN_LEGACY_SCORE and not unanimous):
        raise IngestError(f"not valid UTF-8 and not a recognised Vietnamese legacy encoding ({where})")
    if rivals:
        raise IngestError(
            f"not valid UTF-8, and too little Vietnamese to tell {' from '.join([encoding, *rivals])} ({where})"
        )
    return Decoded(text, encoding)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document's bytes to text, or raise IngestError saying why it is not readable text."""
    if not data:
        return Decoded("", "utf-8")
    marked = _with_byte_order_mark(data)
    if marked is not None:
        if marked.encoding == "utf-8-sig" and looks_like_viqr(marked.text):
            return Decoded(viqr_to_unicode(marked.text), "viqr")
        return marked
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise IngestError("binary file (contains NUL bytes)")
        return utf16
    share = _control_share_bytes(data)
    if share > MAX_CONTROL_SHARE:
        raise IngestError(f"binary file ({share:.0%} control bytes)")
    decoded = _utf8(data, "utf-8")
    if decoded.encoding == "utf-8" and not decoded.warnings and looks_like_viqr(decoded.text):
        return Decoded(viqr_to_unicode(decoded.text), "viqr")
    return decoded


def read_document(path: str | os.PathLike[str]) -> Decoded:
    """Read and decode a file; IngestError names the reason when it cannot (missing, unreadable, binary...)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise IngestError("file not found") from None
    except IsADirectoryError:
        raise IngestError("is a directory") from None
    except PermissionError:
        raise IngestError("permission denied") from None
    except OSError as err:
        raise IngestError(f"cannot read file ({err.strerror or err})") from None
    return decode_bytes(data)
