"""Arithmetic of the OCR benchmark's evaluator on small hand-made pairs."""
from __future__ import annotations

import pytest

from bench.ocr import evaluate
from bench.ocr.evaluate import comparable, evaluate_pairs, false_corrections_per_10k, word_units

PAIRS = [
    {"noisy": "Chinh Lénine cung công nhận rằng", "clean": "Chính Lénine cũng công nhận rằng"},
    {"noisy": "quân đội ra mặt trân ở Pé trograd.", "clean": "quân đội ra mặt trận ở Pétrograd."},
    {"noisy": "hòa bình", "clean": "hoà bình"},
]


def identity(text: str) -> str:
    return text


def oracle(text: str) -> str:
    return {p["noisy"]: p["clean"] for p in PAIRS}[text]


def test_identity_reduces_nothing() -> None:
    result = evaluate_pairs(PAIRS, identity)
    assert result["cer_before"] == result["cer_after"] > 0
    assert result["cer_reduction"] == 0
    assert result["changed"] == 0 and result["precision"] is None and result["recall"] == 0


def test_oracle_fixes_everything() -> None:
    result = evaluate_pairs(PAIRS, oracle)
    assert result["cer_after"] == 0 and result["cer_reduction"] == 1
    assert result["precision"] == result["recall"] == 1
    assert result["erroneous"] == 4  # Chinh, cung, trân, "Pé trograd"; hòa/hoà is tone style only


def test_cer_counts_edits_over_clean_characters() -> None:
    result = evaluate_pairs(PAIRS[:1], identity)
    clean = PAIRS[0]["clean"]
    assert result["chars"] == len(clean)
    assert result["cer_before"] == pytest.approx(2 / len(clean))


def test_half_right_corrector() -> None:
    def half(text: str) -> str:  # fixes "Chinh", breaks "rằng", misses "cung"
        return text.replace("Chinh", "Chính").replace("rằng", "răng")

    result = evaluate_pairs(PAIRS[:1], half)
    assert (result["erroneous"], result["changed"], result["right"], result["broken"]) == (2, 2, 1, 1)
    assert result["precision"] == result["recall"] == 0.5
    assert result["cer_reduction"] == 0  # one edit fixed, one edit made


def test_tone_placement_and_nfc_are_not_errors() -> None:
    assert comparable("Hòa ước, thủy quân, khỏe") == comparable("Hoà ước, thuỷ quân, khoẻ")
    assert comparable("hoa\u0300") == comparable("hoà")
    assert comparable("hòang") != comparable("hoàng")  # a tone inside a closed syllable is a real error


def test_split_word_is_one_unit() -> None:
    units = word_units("mặt trân ở Pé trograd.", "mặt trận ở Pétrograd.", "mặt trận ở Pétrograd.")
    assert ("Pé trograd", "Pétrograd", "Pétrograd") in units
    assert ("trân", "trận", "trận") in units
    assert len(units) == 4


def test_false_corrections_per_10k() -> None:
    clean = ["một hai ba bốn năm", "sáu bảy tám chín mười"]
    assert false_corrections_per_10k(clean, identity) == 0
    assert false_corrections_per_10k(clean, lambda t: t.replace("hai", "hài")) == pytest.approx(1e4 / 10)
    assert false_corrections_per_10k(["hòa bình"], lambda t: "hoà bình") == 0


def test_fallback_alignment_matches_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rapidfuzz")
    with_library = [evaluate_pairs(PAIRS, fn) for fn in (identity, oracle)]
    monkeypatch.setattr(evaluate, "_Lev", None)
    assert [evaluate_pairs(PAIRS, fn) for fn in (identity, oracle)] == with_library
