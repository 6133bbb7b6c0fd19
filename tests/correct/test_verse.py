"""Lines of verse keep their meter: the corrector only suggests a change that breaks it (data/verse.tsv)."""
import pytest

from pipeline.correct import Corrector
from pipeline.correct.verse import VERSE_PATH, breaks_meter, meter_of, meters, tone_class
from pipeline.vi.table import read_table


@pytest.mark.parametrize("row", read_table(VERSE_PATH, ("meter", "syllables", "pattern", "example"),
                                           {"syllables": int}), ids=lambda r: r.meter)
def test_each_example_fits_its_meter(row):
    assert meter_of(row.example).name == row.meter


def test_tone_classes():
    assert [tone_class(w) for w in "ma mà má mả mã mạ".split()] == ["B", "B", "T", "T", "T", "T"]


def test_lines_out_of_meter_are_not_verse():
    assert meter_of("Nghĩa mẹ như nước trong nguồn chảy ra") is None  # 2nd syllable oblique
    assert meter_of("Năm 1428 Lê Lợi lên ngôi") is None  # a digit
    assert meter_of("Trong đầm gì đẹp bằng sen nở") is None  # seven syllables
    assert set(meters()) == {6, 8}


POEM = "Trong đầm gì đẹp bằng sen\nLá xanh bông trắng lại chen nhị vàng\n"


def test_a_change_that_breaks_the_meter_of_a_poem_line():
    bat = POEM.index("chen")
    assert breaks_meter(POEM, bat, bat + 4, "chén")  # level tone at the 6th syllable
    assert breaks_meter(POEM, bat - 4, bat + 4, "chen")  # one syllable fewer
    assert not breaks_meter(POEM, bat, bat + 4, "chăn")  # still level
    assert not breaks_meter(POEM, 0, 5, "Trông")  # a free position


def test_a_prose_line_that_fits_by_chance_is_not_verse():
    text = "Hôm ấy quan quân kéo về kinh thành rất đông.\nLàm cho cho hại ông ta.\nSau đó vua sai người đi dẹp loạn ở phía nam."
    start = text.index("cho cho") + 3
    assert meter_of("Làm cho cho hại ông ta.")
    assert not breaks_meter(text, start, start + 4, "")
    assert breaks_meter("Làm cho cho hại ông ta.", 7, 11, "")  # alone, it is a verse line


def test_corrector_suggests_but_does_not_apply_changes_to_verse():
    corrector = Corrector()
    verse = "Tôi đà biết mặt biết tên rành rành."
    prose = "Hôm ấy tôi đà biết mặt biết tên của ông ta rành rành."
    [edit] = [e for e in corrector.correct(verse) if e.corrected == "đã"]
    assert not edit.applied and edit.score < corrector.threshold
    assert [e.applied for e in corrector.correct(prose) if e.corrected == "đã"] == [True]
