import pytest

from pipeline.vi.syllable import classify_token, is_vietnamese_syllable


@pytest.mark.parametrize("word", ["trưởng", "nhưng", "giữa", "gì", "quốc", "khuỷu", "hoà", "hòa", "Thuỷ", "ĐƯỢC",
                                  "nghĩa", "người", "mùa", "yên"])
def test_valid_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", [
    "lnrởng", "giĩra", "NNhưng", "ngiĩa",  # broken glyphs
    "àc", "mảt",  # stop codas take only sắc or nặng
    "ce", "nghá", "kan",  # k/gh/ngh before front vowels only, c/ng never
    "víết", "hộị",  # two tone marks
    "muà", "phiá", "qủa",  # tone mark on the wrong vowel
    "Lénine", "Trotsky",
])
def test_invalid_syllables(word):
    assert not is_vietnamese_syllable(word)


@pytest.mark.parametrize("token,kind", [
    ("nhanh", "vi"), ("Sô", "vi"),
    ("Lénine", "foreign"), ("Pétrograd", "foreign"), ("Bolsevich", "foreign"), ("Trosky", "foreign"),
    ("12-3-1921", "number"), ("1917", "number"),
    ("lnrởng", "damage"), ("giĩra", "damage"), ("NNhưng", "damage"), ("Iưu", "damage"), ("nlnrng", "damage"),
    ("clanh", "damage"), ("ởxung", "damage"),
])
def test_classify_token(token, kind):
    assert classify_token(token) == kind


def test_letters_no_other_language_writes():
    from pipeline.vi.syllable import written_only_in_vietnamese
    assert all(written_only_in_vietnamese(w) for w in ("đươc", "ngưòi", "đọan", "Đức", "tăng"))
    assert not any(written_only_in_vietnamese(w) for w in ("café", "régime", "Kant", "São", "être"))
