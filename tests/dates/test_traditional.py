"""Sexagenary arithmetic, reign eras, centuries and BCE years."""
import pytest

from pipeline.dates.calendar import cycle_index, cycle_of_year, nearest_cycle_year, roman_value
from pipeline.dates.lexicon import DATA_DIR, load_lexicon, read_eras

from .conftest import spans


def test_cycle_arithmetic():
    assert cycle_of_year(1984) == cycle_index(0, 0) == 0          # Giáp Tý
    assert cycle_of_year(-256) == cycle_index(0, 4)                # 257 BCE, Giáp Thìn
    assert cycle_of_year(1010) == cycle_index(6, 10)               # Canh Tuất
    assert cycle_index(0, 1) is None                                # Giáp Sửu does not exist
    assert nearest_cycle_year(cycle_index(6, 10), 1020) == 1010
    assert nearest_cycle_year(cycle_index(6, 10), 1045) == 1070


def test_roman_numerals():
    letters = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    assert [roman_value(r, letters) for r in ("XIX", "XX", "IV", "XVIII")] == [19, 20, 4, 18]


def test_era_table_rows_have_a_year_and_a_source():
    rows = [row for path in sorted(DATA_DIR.glob("eras*.tsv")) for row in read_eras(path)]
    assert len(rows) > 500
    assert all(row.note and -300 < row.first_year < 2100 for row in rows)
    lex = load_lexicon()
    assert lex.eras[lex.key("Thuận Thiên")] == [1010, 1428]
    assert 1680 in lex.eras[lex.key("Chính Hoà")]      # old tone placement finds the same era
    assert lex.eras[lex.key("Kiến Nguyên")][0] == -139  # 140 BCE, stored as an astronomical year
    assert lex.era_last[(lex.key("Diên Ninh"), 1454)] == 1459


@pytest.mark.parametrize("text,surface,value", [
    ("Năm Chính Hòa thứ 18, khắc in.", "Năm Chính Hòa thứ 18", "1697"),
    ("Chính Hoà thứ 18", "Chính Hoà thứ 18", "1697"),
    ("Thế kỷ XIX là thời Nguyễn.", "Thế kỷ XIX", "18"),           # TIMEX3: "18" = the 1800s
    ("Cuối thế kỷ XIX, Pháp chiếm.", "Cuối thế kỷ XIX", "18"),
    ("Đến năm 257 TCN thì mất.", "năm 257 TCN", "BC0257"),
])
def test_traditional_values(extract, text, surface, value):
    assert (surface, value) in spans(extract, text)


def test_duplicate_era_names_follow_the_narrative(extract):
    text = "Mậu Thân, [1428]. Kỷ Dậu, Thuận Thiên năm thứ 2."
    assert ("Kỷ Dậu, Thuận Thiên năm thứ 2", "1429") in spans(extract, text)


def test_sexagenary_year_from_context(extract):
    got = spans(extract, "Canh Tuất, Thuận Thiên năm thứ 1 [1010]. Đến năm Quý Hợi, vua đi tuần.")
    assert ("năm Quý Hợi", "1023") in got


def test_annal_headers_follow_the_reign_count(extract):
    text = "Giáp Thìn, năm thứ 1 [257 TCN]. Vua lên ngôi.\nNhâm Tý, năm thứ 9. Nhà Chu mất."
    assert ("Nhâm Tý, năm thứ 9", "BC0249") in spans(extract, text)


def test_cyclic_day_and_hour(extract):
    got = spans(extract, "Canh Tuất [1010]. Mùa thu, tháng 7, ngày Giáp Thìn, giờ Dậu, vua đến.")
    assert ("ngày Giáp Thìn", "1010-07-XX") in got
    assert ("giờ Dậu", "1010-07-XXT17:00") in got


def test_era_and_cyclic_years_are_inferred_years(extract):
    text = "Năm 1853, nhà Thanh suy. Năm Quý Sửu, giặc nổi. Bảo Đại năm thứ 20, vua thoái vị."
    got = {text[m.start:m.end]: m for m in extract(text, [])}
    assert (got["Năm Quý Sửu"].value, got["Năm Quý Sửu"].year_inferred) == ("1853", True)
    assert (got["Bảo Đại năm thứ 20"].value, got["Bảo Đại năm thứ 20"].year_inferred) == ("1945", True)


def test_lunar_dates_with_a_cyclic_year_keep_the_lunar_day(extract):
    got = spans(extract, "Năm 1911, cách mạng. Ngày 19 tháng 8 năm Tân Hợi, Vũ Xương nổi dậy.")
    assert ("Ngày 19 tháng 8 năm Tân Hợi", "1911-08-19") in got
    got = spans(extract, "Năm 1872, vua sai sứ. Ngày 3 tháng chạp năm Nhâm Thân, sứ về.")
    assert ("Ngày 3 tháng chạp năm Nhâm Thân", "1872-12-03") in got


def test_bare_era_and_glued_era(extract):
    assert ("năm Diên Ninh", "1454/1459") in spans(extract, "Đến khoảng năm Diên Ninh, Nghi Dân tiếm ngôi.")
    assert ("Bính Dần, Thiệu Longnăm thứ 9", "1266") in spans(extract, "Bính Dần, Thiệu Longnăm thứ 9, mùa xuân.")


def test_dates_inside_names_are_not_dates(extract):
    assert spans(extract, "Cách mạng tháng Tám thành công.") == []
    assert spans(extract, "Sau chiến tranh Mậu Thìn, họ về.") == []


def test_a_header_year_comes_after_the_previous_header(extract):
    # the reign count restarts with a new king: "năm thứ 2" must not pull the year back 60 years
    text = "\nGiáp Thìn, năm thứ 71 [137 TCN]. Vua mất.\nBính Ngọ, năm thứ 2. Mùa thu, tháng 8."
    assert ("Bính Ngọ, năm thứ 2", "BC0135") in spans(extract, text)


def test_a_header_takes_its_synchronism_era(extract):
    # no CE year and no Vietnamese era: the Chinese era in parentheses fixes the cycle (a 95-year gap)
    text = "\nGiáp Thìn, [44], (Hán Kiến Vũ năm thứ 20). Mã Viện về.\nĐinh Sửu, (Hán Vĩnh Hòa năm thứ 2). Người man nổi."
    got = spans(extract, text)
    assert ("Đinh Sửu", "0137") in got
    assert ("Vĩnh Hòa năm thứ 2", "0137") in got


def test_commentary_years_do_not_move_the_annals(extract):
    # a cyclic year in a commentary (no line start) is placed near the narrative but does not move the annals
    text = "\nCanh Tý, [1420]. Sử thần nói: đến năm Ất Tỵ thì giặc tan.\nTân Sửu. Mùa xuân."
    got = spans(extract, text)
    assert ("năm Ất Tỵ", "1425") in got and ("Tân Sửu", "1421") in got


def test_eras_of_states_that_went_gregorian_are_not_lunar(extract):
    got = {text[m.start:m.end]: m for text in ["Năm Dân quốc thứ 3, có loạn. Năm Minh Trị thứ 2, dời đô. Năm Cảnh Hưng thứ 9, lụt."]
           for m in extract(text, [])}
    assert (got["Năm Dân quốc thứ 3"].value, got["Năm Dân quốc thứ 3"].calendar) == ("1914", "as_written")
    assert got["Năm Minh Trị thứ 2"].calendar == "lunar"      # Japan counted lunar years until 1873
    assert got["Năm Cảnh Hưng thứ 9"].calendar == "lunar"


def test_japanese_eras_are_complete_from_taika_to_reiwa():
    rows = read_eras(DATA_DIR / "eras_japan.tsv")
    firsts = [row.first_year for row in rows]
    assert firsts == sorted(firsts) and firsts[0] == 645 and firsts[-1] == 2019
    assert len(rows) > 240                                  # every nengō (about 248)
    courts = {row.dynasty for row in rows if 1331 <= row.first_year < 1392}
    assert courts == {"Nhật Bản", "Nhật Bản (Nam triều)"}   # the Northern Court continues the main line
    assert all("Bắc triều" in row.note for row in rows if row.era == "Minh Đức")  # 明徳 1390
    lex = load_lexicon()
    assert lex.era_last[(lex.key("Nguyên Đức"), 1329)] == 1332    # Gentoku -> Shōkei (Northern Court)


@pytest.mark.parametrize("text,value", [
    ("Năm Khánh Trường thứ 5, Tokugawa thắng trận Sekigahara.", "1600"),
    ("Năm Văn Lộc thứ 1, quân Nhật sang Triều Tiên.", "1592"),
    ("Năm Vĩnh Lộc thứ 3, Oda Nobunaga thắng trận.", "1560"),
    ("Năm Khoan Vĩnh thứ 12, Mạc phủ cấm đi biển.", "1635"),
])
def test_japanese_eras_in_their_sino_vietnamese_reading(extract, text, value):
    assert spans(extract, text)[0][1] == value


def test_an_era_year_beyond_the_eras_length_is_another_era_of_that_name(extract):
    # Thiên Chính: Liang 551-552 and Japan 1573-1592; year 10 exists only in the Japanese era
    assert spans(extract, "Năm Thiên Chính thứ 10, Oda Nobunaga chết.")[0][1] == "1582"
    assert spans(extract, "Năm Thiên Chính thứ 2, vua Lương bị giết.")[0][1] == "0552"   # both last 2 years
    # Thiên Phúc: Lê Đại Hành 980-988 and Japan 1233-1234; year 5 exists only in the Vietnamese era
    assert spans(extract, "Năm 1233 ... Năm Thiên Phúc thứ 5, vua đi đánh.")[1][1] == "0984"


def test_a_following_gloss_chooses_among_eras_of_one_name(extract):
    text = "Ngày mồng 2 tháng 6 năm Thiên Chính thứ 10, tức năm 1582, Oda Nobunaga chết."
    assert spans(extract, text) == [("Ngày mồng 2 tháng 6 năm Thiên Chính thứ 10", "1582-06-02"), ("năm 1582", "1582")]
    assert spans(extract, "Năm Thiên Chính thứ 2, tức năm 1574.")[0][1] == "1574"   # not Liang 552
    assert spans(extract, "Năm Nguyên Hòa thứ 3, tức năm 1617.")[0][1] == "1617"    # not Lê Trang Tông 1535
    assert spans(extract, "Năm Nguyên Hòa thứ 3, đời Lê Trang Tông.")[0][1] == "1535"   # no gloss: the first table's


def test_the_narrative_year_chooses_among_eras_of_one_name(extract):
    text = "Năm 1580, Nobunaga đánh chùa Honnō. Năm Thiên Chính thứ 10, ông chết."
    assert spans(extract, text)[1] == ("Năm Thiên Chính thứ 10", "1582")


def test_a_regnal_year_glossing_a_date_takes_its_year(extract):
    text = "Năm 230 TCN, Tần diệt Hàn. Năm Canh Thìn, tức năm thứ 26 đời vua Tần, nước Tề mất."
    assert spans(extract, text)[1:] == [("Năm Canh Thìn", "BC0221"), ("năm thứ 26", "BC0221")]
    assert spans(extract, "Năm thứ 26 đời vua Tần, nước Tề mất.") == []   # no date glossed: no year known


def test_a_bare_era_needs_every_word_capitalised(extract):
    # Japanese eras read like common words (文化 Văn Hóa, 天文 Thiên Văn): without a year number only a name
    assert spans(extract, "Năm Văn hóa Việt Nam được tổ chức.") == []
    assert spans(extract, "Năm Thiên văn Quốc tế mở đầu.") == []
    assert spans(extract, "Đó là năm Văn Hóa, đời Tướng quân Ienari.") == [("năm Văn Hóa", "1804/1818")]
    assert spans(extract, "Năm Khánh Trường thứ 5, quân Đông thắng.")[0][1] == "1600"


@pytest.mark.parametrize("text,value", [
    ("Năm 1400 ... năm Thiên Phúc thứ 1, Lê Hoàn lên ngôi.", "0980"),          # not Japan 1233
    ("Năm 1427 ... năm Thiên Bảo thứ 14, An Lộc Sơn làm phản.", "0755"),       # Tang, not Japan 1843
    ("Năm 1400 ... năm Trinh Quán thứ 3, Đường Thái Tông sai quân.", "0629"),  # not Japan 861
    ("Năm 1500 ... năm Gia Khánh thứ 2, nhà Thanh.", "1797"),                  # not Japan 1388
    ("Năm 1800 ... năm Đại Chính thứ 5, Mạc Thái Tông sai sứ.", "1534"),       # not Japan 1916
    ("Năm 1900 ... năm Chính Đức thứ 3, nhà Minh.", "1508"),                   # not Japan 1713
    ("Năm 1930 ... năm Đại Chính thứ 5, Nhật Bản.", "1916"),                   # near its time: the Japanese era
])
def test_a_japanese_era_wins_over_a_vietnamese_or_chinese_one_only_near_its_time(extract, text, value):
    assert spans(extract, text)[1][1] == value


def test_a_bare_vietnamese_era_keeps_its_old_capitalisation(extract):
    assert spans(extract, "vào năm Hồng đức, vua ban luật") == [("năm Hồng đức", "1470/1498")]
    assert spans(extract, "Năm Văn hóa Việt Nam được tổ chức.") == []   # a Japanese one still needs every word
