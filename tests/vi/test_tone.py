"""Tone placement in the open rhymes oa, oe, uy: the two styles, and the key that ignores the difference."""
import pytest

from pipeline.vi.tone import TONE_MARKS, restyle_word, tone_key


@pytest.mark.parametrize("old, new", [("hoà", "hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("Uỷ", "Ủy"),
                                      ("HOÀ", "HÒA"), ("hoạ", "họa"), ("xoá", "xóa")])
def test_tone_styles_move_only_open_oa_oe_uy(old, new):
    assert restyle_word(old, "hòa") == new
    assert restyle_word(new, "hoà") == old
    assert restyle_word(old, "keep") == old


@pytest.mark.parametrize("word", ["hoàng", "toán", "quý", "quỳ", "khuya", "huỳnh", "thuyền", "Lénine"])
def test_words_with_one_accepted_placement_are_untouched(word):
    assert restyle_word(word, "hòa") == word == restyle_word(word, "hoà")


def test_the_key_ignores_the_style():
    assert tone_key("Hoà") == tone_key("Hòa") == "Hòa"
    assert tone_key("thuỷ") == "thủy" and tone_key("hoàng") == "hoàng"


def test_an_unknown_style_is_an_error():
    with pytest.raises(ValueError, match="tone style"):
        restyle_word("hoà", "hoa")


def test_tone_marks_are_in_tone_number_order():
    assert list(TONE_MARKS) == ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
