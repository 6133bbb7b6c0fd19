"""Counting of aligned OCR confusions and classes of word errors."""
from __future__ import annotations

from pathlib import Path

from bench.ocr.confusions import char_confusions, error_class, write_confusion_tsv


def test_substitutions_and_widened_deletions() -> None:
    pairs = [{"noisy": "Tống thống, nước Phố", "clean": "Tổng thống nước Phổ"},
             {"noisy": "rnột", "clean": "một"}]
    counts, skipped = char_confusions(pairs)
    assert counts[("ố", "ổ")] == 2
    assert counts[("g,", "g")] == 1  # a deletion is widened by the character before it
    assert counts[("rn", "m")] == 1
    assert skipped == 0
    assert sum(counts.values()) == 4


def test_long_blocks_are_skipped() -> None:
    counts, skipped = char_confusions([{"noisy": "a xyzw b", "clean": "a b"}])
    assert skipped == 1 and not counts


def test_tsv_rate(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    counts, _ = char_confusions([{"noisy": "đân", "clean": "dân"}])
    write_confusion_tsv(counts, ["dân dụng"], path, "test")
    row = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")][1]
    assert row.split("\t") == ["đ", "d", "1", "2", "0.5000"]


def test_error_classes() -> None:
    assert error_class("Tống", "Tổng") == "diacritics"
    assert error_class("đân", "dân") == "diacritics"
    assert error_class("Pé trograd", "Pétrograd") == "spacing"
    assert error_class("hị", "bị") == "letters"
    assert error_class("", "bị") == "missing" and error_class("_", "") == "spurious"
