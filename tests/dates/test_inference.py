"""Year inference from the narrative: anchors, month order, no year at all, clock times, event years."""
from pipeline.dates import DateExtractor

from .conftest import mentions, spans


def test_year_from_most_recent_explicit_year(extract):
    text = "Ngày 23-2-1917, có biểu tình. Tới ngày 25-2, tình thế nặng. Ngày 24-7, Trotsky bị bắt."
    got = mentions(extract, text)
    m = got["Ngày 24-7"]
    assert (m.value, m.year_inferred, m.granularity) == ("1917-07-24", True, "day")
    assert text[m.anchor[0]:m.anchor[1]] == "Ngày 23-2-1917"
    assert not got["Ngày 23-2-1917"].year_inferred and got["Ngày 23-2-1917"].anchor is None


def test_month_going_back_keeps_the_same_year(extract):
    got = mentions(extract, "Tới tháng 10-1917, họ nổi dậy. Ngày 24-7, họ bị bắt.")
    assert got["Ngày 24-7"].value == "1917-07-24"


def test_no_year_anywhere_is_xxxx(extract):
    m = mentions(extract, "Ngày 24-7, Trotsky bị bắt.")["Ngày 24-7"]
    assert (m.value, m.year_inferred, m.anchor) == ("XXXX-07-24", False, None)


def test_event_year_does_not_move_the_narrative(extract):
    got = mentions(extract, "Ngày 23-2-1917, biểu tình theo truyền thống của cách mạng 1905. Tới ngày 28-2, họ thắng.")
    assert got["1905"].value == "1905"
    assert got["ngày 28-2"].value == "1917-02-28"


def test_clock_times_in_the_small_hours_belong_to_the_next_day(extract):
    text = "Tới sáng 25-10-1917, Đại hội khai mạc. Chừng 2 giờ khuya, họ vào. Tới 3 giờ khuya, xong. Họp đến 6 giờ sáng."
    got = mentions(extract, text)
    assert got["2 giờ khuya"].value == "1917-10-26T02:00"   # "Chừng" stays outside the span
    assert got["3 giờ khuya"].value == "1917-10-26T03:00"
    assert got["6 giờ sáng"].value == "1917-10-26T06:00"
    assert got["2 giờ khuya"].granularity == "time"


def test_night_words_follow_the_clock(extract):
    got = mentions(extract, "Ngày 10-10-1911, 8 giờ tối, nổ súng. Tới 11 giờ đêm, họ chiếm kho. Chừng 12 giờ đêm, xong.")
    assert got["8 giờ tối"].value == "1911-10-10T20:00"
    assert got["11 giờ đêm"].value == "1911-10-10T23:00"
    assert got["12 giờ đêm"].value == "1911-10-11T00:00"


def test_modifiers_and_periods(extract):
    got = mentions(extract, "Ngay từ cuối 1916, dân đói. Trong hai tháng đầu của 1917, có biểu tình. Tới cuối tháng 2, cách mạng.")
    assert (got["cuối 1916"].value, got["cuối 1916"].mod) == ("1916", "END")
    assert got["hai tháng đầu của 1917"].value == "1917-01/1917-02"
    assert (got["cuối tháng 2"].value, got["cuối tháng 2"].mod) == ("1917-02", "END")


def test_seasons_lists_and_from_to_ranges(extract):
    text = ("Từ mùa đông 1915, đói kém. Trong suốt tháng 4 và 5 năm 1917, ông chờ. Từ tháng 5 đến tháng 7 năm 1918, "
            "chiến tranh. Trong những ngày 6, 7 và 8 tháng 9-1914, quân Đức lui. Tháng 9-1793 đến tháng 7-1794, khủng "
            "bố. Ngày 27 và 28 tháng 5-1905, hạm đội Nga tan.")
    got = mentions(extract, text)
    assert got["ngày 6, 7 và 8 tháng 9-1914"].value == "1914-09-06/1914-09-08"
    assert got["Tháng 9-1793 đến tháng 7-1794"].value == "1793-09/1794-07"
    assert got["Ngày 27 và 28 tháng 5-1905"].value == "1905-05-27/1905-05-28"
    assert got["mùa đông 1915"].value == "1915-WI"
    assert got["tháng 4 và 5 năm 1917"].value == "1917-04/1917-05"
    assert (got["tháng 5 đến tháng 7 năm 1918"].value, got["tháng 5 đến tháng 7 năm 1918"].granularity) == (
        "1918-05/1918-07", "range")


def test_lunar_dates_take_the_annal_year(extract):
    text = "Canh Tuất, Thuận Thiên năm thứ 1 [1010]. Mùa thu, tháng 7, vua dời đô. Ngày mồng 1, nhật thực."
    got = mentions(extract, text)
    assert got["Mùa thu"].value == "1010-FA"
    assert (got["tháng 7"].value, got["tháng 7"].calendar) == ("1010-07", "lunar")
    assert got["Ngày mồng 1"].value == "1010-07-01"


def test_julian_declared_documents_get_a_gregorian_value():
    extract = DateExtractor(declared_calendar="julian")
    got = mentions(extract, "Ngày 25-10-1917, khởi nghĩa. Ngày 3-3-1918, ký hoà ước.")
    assert (got["Ngày 25-10-1917"].calendar, got["Ngày 25-10-1917"].value_gregorian) == ("julian", "1917-11-07")
    assert got["Ngày 25-10-1917"].value == "1917-10-25"
    assert got["Ngày 3-3-1918"].value_gregorian == ""


def test_a_cycle_year_that_opens_its_sentence_moves_the_narrative(extract):
    text = ("Mùa thu năm Bính Ngọ, Minh sai Vương Thông sang. Sang năm Đinh Mùi, Liễu Thăng sang. "
            "Ngày 20 tháng 9, Liễu Thăng bị chém.")
    assert spans(extract, "Năm 1424 ... " + text)[-1] == ("Ngày 20 tháng 9", "1427-09-20")
    inside = "Năm 1426, Vương Thông sang; người ta nhớ năm Đinh Mùi. Ngày 20 tháng 9, quân thua."
    assert spans(extract, inside)[-1] == ("Ngày 20 tháng 9", "1426-09-20")   # a bare one inside a sentence does not


def test_a_sentence_opening_cycle_year_before_the_narrative_does_not_move_it(extract):
    # a look back ("Năm Bính Tuất trước", "Năm Kỷ Hợi, Lê Lợi đã ...") is a reference, not the narrative
    text = "Đinh Hợi (1407). Mùa xuân. Năm Bính Tuất trước, quân Minh sang. Tháng 3, vua đi."
    assert spans(extract, text)[-1] == ("Tháng 3", "1407-03")
    text = "Năm 1288, quân Nguyên thua. Năm Giáp Thân, Hưng Đạo vương đã soạn Hịch. Tháng 4, vua về."
    assert spans(extract, text)[-1] == ("Tháng 4", "1288-04")
