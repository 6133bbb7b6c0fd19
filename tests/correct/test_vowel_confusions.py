"""Letters a scanner of Vietnamese print reads as others, besides the classic ones (rn/m, l/t, h/b): a circumflex
vowel for another (ô for ê), a for e and e for a, u for i, a final t or n for c, and a broken "tr" read as "l".
A dictionary word reaches the words these confusions spell, within the real-word budget, so the context can choose
them; costs come from the books' real errors (data/confusions_book.tsv)."""
import pytest

from pipeline.correct.candidates import CandidateGenerator, skeleton_index
from pipeline.correct.confusion import default_table, load_confusions

REALWORD_MAX_COST = 7.5
CASES = [  # (printed, intended): the confusions of data/confusions.tsv's new rows
    ("tôn", "tên"),  # ô read for ê
    ("lè", "là"),  # e for a
    ("hàn", "hèn"),  # a for e
    ("tháu", "thái"),  # u for i
    ("đút", "đúc"),  # a final t for c
    ("chắn", "chắc"),  # a final n for c
    ("liệu", "triệu"),  # "tr" read as "l"
]


def generator(table, words):
    vocabulary = dict.fromkeys(words, 1.0)
    return CandidateGenerator(table, skeleton_index(vocabulary), vocabulary, 9.0, REALWORD_MAX_COST)


@pytest.mark.parametrize("printed,intended", CASES)
def test_a_dictionary_word_reaches_the_word_a_glyph_confusion_spells(printed, intended):
    gen = generator(default_table(), [printed, intended])
    found = {c.key: c.cost for c in gen.vietnamese(printed, damaged=False)}
    assert intended in found and found[intended] <= REALWORD_MAX_COST


@pytest.mark.parametrize("printed,intended", CASES)
def test_the_hand_written_table_alone_prices_them_too(printed, intended):
    gen = generator(load_confusions(), [printed, intended])
    assert intended in {c.key for c in gen.vietnamese(printed, damaged=False)}


def test_a_final_t_for_c_is_read_at_the_word_end_only():
    gen = generator(default_table(), ["tác", "cát", "tát"])
    assert "cát" not in {c.key for c in gen.vietnamese("tát", damaged=False)}  # an initial t is no c
    assert "tác" in {c.key for c in gen.vietnamese("tát", damaged=False)}


def test_o_and_u_stay_apart():
    # tried and left out: "Võ" read as "Vũ" in a clean chronicle (a name's variant spelling), no dev error fixed
    gen = generator(default_table(), ["võ", "vũ", "cao", "cau"])
    assert "vũ" not in {c.key for c in gen.vietnamese("võ", damaged=False)}
    assert "cau" not in {c.key for c in gen.vietnamese("cao", damaged=False)}
