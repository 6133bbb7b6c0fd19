import pytest

from pipeline.correct import Corrector
from pipeline.correct.specks import speck_edits


def _never_strong(left: str, right: str) -> bool:
    return False


@pytest.mark.parametrize("text,removed", [
    ("Mạc Kính _ˆ Cung bỏ binh", " _ˆ"),  # a stray glyph between words
    ("trốn vào rừng núi. - : § :\nDòng sau", " - : § :"),  # dirt trailing a sentence at a line end
    ("` Mùa thu, tháng 9", "` "),  # dirt at a line start
    ("ban . đêm quân giặc đến", " ."),  # a period never sits spaced before a lowercase word
    ("ngày 12 : tháng 3", " :"),
])
def test_stray_specks_are_removed(text, removed):
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [(removed, "", "spacing")]


@pytest.mark.parametrize("text", [
    "Khoa Học Xã Hội - Hà Nội",  # a dash between names
    "trên cơ sở - như trong Phàm lệ",  # an author's dash between lowercase words
    "hai chữ Quang _____ và Nguyên _____ dễ viết nhầm",  # a placeholder for a missing character
    "quân ta đến... rồi đi -- không trở lại",
    "giúp quân v.v .",
    "rằng : chúng ta, rằng : họ, rằng : nó",  # a document that spaces its colons on purpose
])
def test_authorial_punctuation_stays(text):
    assert [e for e in speck_edits(text, _never_strong) if e.score >= 0.75] == []


@pytest.mark.parametrize("text", [
    "tiến quân ngay - tại kinh thành",  # a speck of dirt (the pair belongs together) ...
    "năm 2015 công nghiệp - xây dựng chiếm 61,68%",  # ... or an author's dash between sectors:
    "do Liên Hiệp Quốc đặt ra - điều này đã gây ra lạm phát",  # modern prose spaces its dashes
])
def test_a_lone_dash_between_words_is_only_suggested(text):
    """Issue 10's clean encyclopedia text: every removal of a spaced dash there was wrong, so a lone dash is shown
    to the reader (as a suggestion) and never removed."""
    edits = speck_edits(text, lambda a, b: True)
    assert [text[e.start:e.end] for e in edits] == [" -"] and all(e.score < 0.75 for e in edits)


def test_corrector_applies_speck_removals_in_clean_offsets():
    text = "Mạc Kính _ˆ Cung bỏ binh mà trốn"
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(" _ˆ", "")]
