"""Ingest: a document's bytes in, its text out — decoded faithfully or refused with a reason, never mangled.

    decode_bytes(data) -> Decoded(text, encoding, warnings)   read_document(path) -> Decoded   raise IngestError

``text`` is the document as decoded: the byte-order mark removed, newlines exactly as in the file (CRLF stays
CRLF), no normalization (NFD letters, combining tone marks, zero-width characters and controls are kept; the
normalize stage deals with them and keeps the offset map). ``str(IngestError)`` is a one-line reason.

Encodings (``Decoded.encoding``)
    utf-8, utf-8-sig (BOM), utf-16-le / utf-16-be (with a BOM, or BOM-less when its NUL bytes show it),
    utf-32-le / utf-32-be (BOM), windows-1258, tcvn3 (ABC, the .VnTime fonts), vni-windows (VNI-Times...),
    viqr (RFC 1456 ASCII: "Vie^.t Nam", "Ngu+o+`i", "ddi"). Byte tables are data: data/tcvn3.tsv,
    data/vni_windows.tsv, data/viqr.tsv; data/punctuation.tsv holds the punctuation of the plausibility check.

How detection decides (decode.py), first match wins
    1. empty -> ("", "utf-8").
    2. a byte-order mark -> that Unicode encoding (UTF-8 after its mark as in 4-5 below; bad data after a
       UTF-16/32 mark -> IngestError with the offset).
    3. NUL bytes -> BOM-less UTF-16 if they sit in every other byte and the result is clean text; else
       IngestError("binary file (contains NUL bytes)"). More than 5% control bytes (other than tab, newlines,
       form feed, Ctrl-Z) -> IngestError("binary file (N% control bytes)").
    4. valid UTF-8 -> "utf-8", unless the text has no non-ASCII letter and is clearly VIQR (at least 3 words,
       and 20% of all words, carry unambiguous VIQR marks, and 80% of those convert to Vietnamese syllables):
       then it is converted, "viqr".
    5. UTF-8 with a few invalid bytes -> "utf-8", each invalid byte read as one U+FFFD, and a warning naming
       their byte offsets in the file and their offsets in the text. "A few": at most 1 per 1,000 bytes (at
       least 8 in any file), and at least 3 valid non-ASCII characters per invalid byte (a legacy-encoded
       file has none). Plainly UTF-8 text past that limit is refused: "UTF-8 with N invalid bytes (byte
       offsets ...): more than the M that are read as U+FFFD in a file of this size ...".
    6. not UTF-8 -> decode as Windows-1258, TCVN3 and VNI and rank the results (plausibility.py) by the share
       of their accented words that are Vietnamese syllables (a stray symbol or "t«i" counts against), then
       by how many there are. The best is taken if that share is >= 60% and >= 35% of all its words (ASCII
       ones too) are syllables, i.e. the text is Vietnamese; otherwise IngestError("not valid UTF-8 and not
       a recognised Vietnamese legacy encoding (first bad byte at offset N)"). Two different texts ranked
       equal (a few short words) are refused too: "... too little Vietnamese to tell X from Y ...".
       Texts over 100,000 characters are judged on an even sample of that size.
    Syllables are checked by pipeline.vi.syllable.is_vietnamese_syllable.

Known limits
    - Windows-1258 keeps its combining tone marks (as the file has them); TCVN3's B0-B4 marks likewise. VNI
      letters are composed (base byte + diacritic byte -> one letter), since VNI bytes are not Unicode marks.
    - TCVN3 upper-case toned letters come from a separate font: plain text cannot show it, so they decode
      lower-case (except the 16 VN1 capitals that fill VN3's unused bytes). TCVN3 VN1's capitals in the C0
      control bytes and 80-9F are not read (80-9F decode as Windows-1252 punctuation, like the fonts).
    - Short legacy texts with few accented words, or with mostly foreign words, may be refused (about 1% of
      25-character snippets); a file mixing encodings is decoded as one of them. Non-Vietnamese Windows-125x
      text (French, Italian...) is refused rather than decoded.
    - VIQR written without escapes is ambiguous where a word ends in "." or "?": "." is the nặng tone only
      when a lower-case word or punctuation follows ("bo^. Sau" -> "bô. Sau", not "bộ Sau"); "?" is the hỏi
      tone unless the line ends ("Ai? Toi" -> "Aỉ Toi"). About 1-2% of words (see the benchmark). Short
      texts (< 3 marked words) stay ASCII; VIQR in a file that also has Unicode Vietnamese letters is kept.
    - Mojibake inside valid UTF-8 (a TCVN3/VNI/1258 file once misread and saved as UTF-8: "ViÖt Nam",
      "Vieät Nam") is returned as is: it is valid UTF-8 and nothing here re-decodes it.
    - A UTF-8 file with a few corrupt bytes is read with U+FFFD in their place, never repaired by guessing.

Tests: ``.venv/bin/python -m pytest tests/ingest`` (~4 s). Benchmark against charset_normalizer and a naive
UTF-8-else-cp1258 reader: ``.venv/bin/python -m bench.ingest`` (~30 s, reads ../shared).
"""
from pipeline.ingest.decode import Decoded, IngestError, decode_bytes, read_document

__all__ = ["Decoded", "IngestError", "decode_bytes", "read_document"]
