"""Words typed with the VNI input method off (a digit for a mark inside a word): found, read in context, and a
footnote mark between two words left alone."""
import pytest

from pipeline.correct import Corrector
from pipeline.correct.typed import decoded, shows_mark, transpositions, typed_words, vni_marks


@pytest.fixture(scope="module")
def corrector():
    return Corrector()


def test_every_digit_of_the_table_reads_its_example(corrector):
    for digit, mark in vni_marks().items():
        typed, intended = mark.example.split()
        assert digit in typed and shows_mark(intended, digit), mark
        text = f"Từ đó {typed} ấy"
        edits = [e for e in corrector.correct(text) if text[e.start:e.end] == typed]
        assert [e.corrected for e in edits] == [intended], (typed, edits)


def test_the_typed_word_is_one_edit_over_its_pieces(corrector):
    text = "mà chính vì muốn để ngàn na8m về sau, người đời biết"
    edits = corrector.correct(text)
    assert [(text[e.start:e.end], e.corrected, e.applied) for e in edits] == [("na8m", "năm", True)]


def test_a_digit_that_types_no_mark_of_the_word_is_a_stray_key(corrector):
    text = "Trụ là người minh mẫn, cư8ng trực, rất giỏi xử việc"
    edits = [e for e in corrector.correct(text) if text[e.start:e.end] == "cư8ng"]
    assert [e.corrected for e in edits] == ["cương"]  # not a reading with the breve of 8 ("căng")
    assert edits[0].score < 0.9


def test_footnote_marks_codes_and_page_numbers_are_no_typed_words(corrector):
    word = lambda part: part in {"Giang", "để", "lệnh", "mới"}
    assert list(typed_words("Giang1để lệnh1mới H5N1 CO2 [19a] Nguyên2 na8m", word)) == [
        (41, 45, "nam", "8", 2)]
    text = "Sông Hoàng Giang1để lại phù sa"
    assert corrector.correct(text) == []
    assert list(typed_words("máy bay F5E, F4C, kiểu A1H, K2b và Na8m", word)) == [(35, 39, "Nam", "8", 2)]
    assert corrector.correct("Máy bay F5E bay qua.") == []


def test_letters_swapped_beside_the_digit_and_letters_that_spell_the_word_already(corrector):
    assert transpositions("alm") == {"lam", "aml"}
    text = "nếu quả thực không còn ai thì al2m biểu liên danh tâu lên"
    assert [(text[e.start:e.end], e.corrected) for e in corrector.correct(text)] == [("al2m", "làm")]
    text = "Lệnh vừa ra, sai người ngầ2m báo dân trong trang"
    assert [(text[e.start:e.end], e.corrected) for e in corrector.correct(text)] == [("ngầ2m", "ngầm")]


def test_the_digit_s_mark_goes_where_vni_puts_it():
    assert decoded("nam", "8", 2) == "năm"
    assert decoded("ban", "3", 2) == "bản"
    assert decoded("quan", "6", 2) == "quân"  # "qu6an": no letter before the digit takes it, the next does
    assert decoded("Dien", "9", 1) == "Đien"
    assert decoded("khng", "6", 2) is None


def test_a_swap_and_the_digit_s_mark_together(corrector):
    text = "quân Minh đầu hàng thì răn cấm qau6n lính không được mảy may xâm phạm"
    assert [(text[e.start:e.end], e.corrected) for e in corrector.correct(text)] == [("qau6n", "quân")]
