"""Sentence boundaries."""
from pipeline.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_terminal_punctuation_before_a_capital_ends_a_sentence():
    assert sentences("Đức khai chiến với Nga. Tại sao? “Hãy đi!” Ông nói.") == [
        "Đức khai chiến với Nga.", "Tại sao?", "“Hãy đi!”", "Ông nói."]


def test_initials_and_abbreviations_keep_the_sentence_open():
    assert sentences("Chính V. I. Lénine cũng nói v.v. Rồi thôi.") == [
        "Chính V. I. Lénine cũng nói v.v. Rồi thôi."]


def test_hard_line_break_inside_a_sentence_is_not_a_boundary():
    assert sentences("Quân đội bỏ\nchạy. Dân chúng\n\nĐoạn mới") == [
        "Quân đội bỏ\nchạy.", "Dân chúng", "Đoạn mới"]


def test_lower_case_after_a_period_continues():
    assert sentences("Năm 1.917. là năm đó.") == ["Năm 1.917. là năm đó."]


def test_empty_and_blank_text():
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_a_blank_line_after_a_period_ends_the_sentence_whatever_follows():
    assert sentences("Hết chương một.\n\nv.v. những điều khác. còn nữa") == [
        "Hết chương một.", "v.v. những điều khác. còn nữa"]
    assert sentences("Xem TP.\n\nthêm") == ["Xem TP.", "thêm"]
