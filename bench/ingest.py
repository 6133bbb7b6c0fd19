"""Ingest benchmark: encoding detection and exact decoding on real Vietnamese text, against two baselines.

Chunks of the seed book (dev) and of the chronicle (held out: nothing in ingest was tuned on it) are encoded
in each encoding with tests/ingest/encoders.py, then decoded by decode_bytes and by the baselines, run here on
the same bytes: charset_normalizer (the usual detector) and "UTF-8, else Windows-1258" (the naive reader).
A decoding counts as exact when its NFC text equals the chunk's (TCVN3: with the capitals TCVN3 cannot hold
in lower case, as ABC typists wrote them); words are compared position by position. VIQR is written without
escapes, as people wrote it, so a word-final "." or "?" is ambiguous. Also prints decode speed on the whole chronicle in each encoding.

    make bench, or .venv/bin/python -m bench.ingest [--chunks 200]
"""
from __future__ import annotations

import argparse
import random
import time
import unicodedata
import warnings
from pathlib import Path
from typing import Callable

from bench.paths import SHARED
from pipeline.ingest import IngestError, decode_bytes
from tests.ingest.encoders import encode_tcvn3, encode_viqr, encode_vni, encode_windows_1258

SOURCES = {"seed (dev)": SHARED / "seed", "chronicle (held out)": SHARED / "texts" / "dvsktt" / "chinh-hoa-18.txt"}
SIZES = {"phrase": 25, "line": 80, "paragraph": 600}
FOREIGN = ("fr", "de", "es", "pt", "it", "cs", "pl", "tr")  # Latin-script languages with accented letters


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _lower_uncoded_capitals(text: str) -> str:
    """The text a TCVN3 (ABC) file gives back: capitals without a TCVN3 byte come out lower-case."""
    return "".join(c if _tcvn3_encodable(c) else c.lower() for c in text)


def _tcvn3_encodable(ch: str) -> bool:
    try:
        encode_tcvn3(ch)
    except ValueError:
        return False
    return True


# name -> (encoder to bytes, the text a perfect decoder returns)
ENCODINGS: dict[str, tuple[Callable[[str], bytes], Callable[[str], str]]] = {
    "utf-8": (lambda t: t.encode("utf-8"), nfc),
    "utf-16": (lambda t: t.encode("utf-16"), nfc),
    "windows-1258": (encode_windows_1258, nfc),
    "tcvn3": (lambda t: encode_tcvn3(t, lower_uncoded_capitals=True), _lower_uncoded_capitals),
    "vni-windows": (encode_vni, nfc),
    "viqr": (lambda t: encode_viqr(t, escape_marks=False).encode("ascii"), nfc),
}


def ours(data: bytes) -> str | None:
    try:
        return decode_bytes(data).text
    except IngestError:
        return None


def charset_normalizer_baseline(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def naive_baseline(data: bytes) -> str | None:
    for codec in ("utf-8", "cp1258"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


DECODERS = {"ours": ours, "charset_normalizer": charset_normalizer_baseline, "utf-8|cp1258": naive_baseline}


def chunks(text: str, size: int, count: int, rng: random.Random) -> list[str]:
    """``count`` random chunks of about ``size`` characters, cut at spaces, each holding a non-ASCII letter."""
    out: list[str] = []
    while len(out) < count:
        start = text.find(" ", rng.randrange(len(text) - size)) + 1
        end = text.rfind(" ", start, start + size)
        chunk = text[start:end].strip()
        if chunk and not chunk.isascii():
            out.append(chunk)
    return out


def read_source(path: Path) -> str:
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    return nfc("\n".join(p.read_text(encoding="utf-8") for p in files))


def evaluate(text: str, n_chunks: int) -> None:
    rng = random.Random(0)
    for size_name, size in SIZES.items():
        samples = chunks(text, size, n_chunks, rng)
        print(f"  {size_name} chunks (~{size} chars, n={len(samples)}): exact / refused, per decoder (share of words right)")
        for enc, (encode, expected) in ENCODINGS.items():
            row = [f"    {enc:13s}"]
            encoded = []
            for chunk in samples:
                try:
                    encoded.append((encode(chunk), nfc(expected(chunk))))
                except (ValueError, UnicodeEncodeError):
                    continue  # a character this encoding cannot hold (counted below)
            for name, decoder in DECODERS.items():
                exact = refused = words_right = words = 0
                for data, want in encoded:
                    got = decoder(data)
                    refused += got is None
                    exact += got is not None and nfc(got) == want
                    words += len(want.split())
                    words_right += sum(a == b for a, b in zip(nfc(got or "").split(), want.split()))
                row.append(f"{name} {exact / len(encoded):6.1%} / {refused / len(encoded):5.1%}"
                           f" ({words_right / words:6.2%} words)")
            row.append(f"(unencodable {len(samples) - len(encoded)})")
            print("  ".join(row))


def foreign_refusals(n_texts: int) -> None:
    """Non-Vietnamese legacy text (word salad of wordfreq's top words, Windows-1252/1250/1254 bytes): it must
    be refused, not passed off as Vietnamese; the baselines return mojibake-free text only if they guess right."""
    import wordfreq

    rng = random.Random(1)
    print(f"non-Vietnamese legacy text (n={n_texts} per language, 12 words each): refused / decoded exactly")
    for lang in FOREIGN:
        words = [w for w in wordfreq.top_n_list(lang, 3000) if w.isalpha()]
        codec = {"cs": "cp1250", "pl": "cp1250", "tr": "cp1254"}.get(lang, "cp1252")
        texts = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(n_texts)]
        encoded = [(t.encode(codec), t) for t in texts if not t.isascii() and _encodable(lambda x: x.encode(codec), t)]
        figures = []
        for name, decoder in DECODERS.items():
            outcomes = [decoder(data) for data, _ in encoded]
            refused = sum(o is None for o in outcomes) / len(encoded)
            exact = sum(o == t for o, (_, t) in zip(outcomes, encoded)) / len(encoded)
            figures.append(f"{name} {refused:6.1%} / {exact:6.1%}")
        print(f"    {lang} ({codec})  " + "   ".join(figures))


def speed(text: str) -> None:
    print("  decode speed, whole text (MB/s of input bytes; ours vs charset_normalizer):")
    for enc in ("utf-8", "windows-1258", "tcvn3", "vni-windows"):
        encode = ENCODINGS[enc][0]
        data = b"\n".join(encode(line) for line in text.splitlines() if _encodable(encode, line))
        figures = []
        for name in ("ours", "charset_normalizer"):
            started = time.perf_counter()
            DECODERS[name](data)
            figures.append(f"{name} {len(data) / 1e6 / (time.perf_counter() - started):6.1f}")
        print(f"    {enc:13s} {len(data) / 1e6:5.2f} MB   " + "   ".join(figures))


def _encodable(encode: Callable[[str], bytes], line: str) -> bool:
    try:
        encode(line)
    except (ValueError, UnicodeEncodeError):
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=200)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    for label, path in SOURCES.items():
        if not path.exists():
            print(f"{label}: {path} absent, skipped")
            continue
        text = read_source(path)
        print(f"{label}: {len(text):,} chars")
        evaluate(text, args.chunks)
        if "held out" in label:
            speed(text)
    foreign_refusals(args.chunks)


if __name__ == "__main__":
    main()
