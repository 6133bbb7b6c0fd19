"""The date forms of history books beyond plain numbers: calendars, festivals, seasons with their year, times with
their day, ranges sharing their month and year, decades, number words, BCE months, named days, calendar marks."""
from .conftest import mentions


def test_republican_dates_are_valued_in_the_gregorian_calendar(extract):
    got = mentions(extract, "Năm 1794, ngày 10 Thermidor năm II, họ bị xử. Ngày 5 Fructidor, quân về.")
    m = got["ngày 10 Thermidor năm II"]
    assert (m.value, m.calendar, m.value_gregorian, m.year_inferred) == ("1794-07-28", "republican", "1794-07-28", False)
    assert (got["Ngày 5 Fructidor"].value, got["Ngày 5 Fructidor"].year_inferred) == ("1794-08-22", True)


def test_tet_and_festivals_take_their_year_and_get_a_gregorian_value(extract):
    text = "Năm 1788, vua lên ngôi. Tết Kỷ Dậu, quân ra Bắc. Đêm mồng 5 Tết, quân vào thành. Đến Trung thu, vua về."
    got = mentions(extract, text)
    assert (got["Tết Kỷ Dậu"].value, got["Tết Kỷ Dậu"].value_gregorian, got["Tết Kỷ Dậu"].calendar) == (
        "1789-01-01", "1789-01-26", "lunar")
    assert (got["Đêm mồng 5 Tết"].value, got["Đêm mồng 5 Tết"].value_gregorian) == ("1789-01-05", "1789-01-30")
    assert got["Trung thu"].value == "1789-08-15"


def test_lunar_day_words_and_calendar_marks(extract):
    got = mentions(extract, "Năm 1930, đêm rằm tháng 8, họ họp. Ngày 5 tháng 9 âm lịch, họ đi. Ngày 2 tháng 9 (dương lịch), họ về.")
    assert (got["đêm rằm tháng 8"].value, got["đêm rằm tháng 8"].calendar) == ("1930-08-15", "lunar")
    assert got["đêm rằm tháng 8"].value_gregorian == "1930-10-06"
    assert got["Ngày 5 tháng 9 âm lịch"].calendar == "lunar"
    assert got["Ngày 2 tháng 9 (dương lịch)"].calendar == "gregorian"  # the written calendar, not the declared one
    assert got["Ngày 2 tháng 9 (dương lịch)"].value_gregorian == ""


def test_a_written_calendar_wins_over_the_declared_one():
    from pipeline.dates import DateExtractor
    text = ("Ở trận Lützen, ngày 6 tháng 11 năm 1632 theo lịch cũ, quân Thuỵ Điển thắng. "
            "Ngày 9 tháng 4 năm 1288 theo dương lịch, quân Nguyên thua.")
    for declared in ("as_written", "julian"):
        got = mentions(DateExtractor(declared), text)
        old_style = got["ngày 6 tháng 11 năm 1632 theo lịch cũ"]
        assert (old_style.value, old_style.calendar, old_style.value_gregorian) == ("1632-11-06", "julian", "1632-11-16")
        new_style = got["Ngày 9 tháng 4 năm 1288 theo dương lịch"]
        assert (new_style.calendar, new_style.value_gregorian) == ("gregorian", "")


def test_a_season_and_its_cycle_year_are_one_expression(extract):
    got = mentions(extract, "Năm 1770, họ khởi binh. Mùa thu năm Quý Tỵ, quân tiến.")
    assert (got["Mùa thu năm Quý Tỵ"].value, got["Mùa thu năm Quý Tỵ"].year_inferred) == ("1773-FA", True)


def test_a_cycle_year_is_the_one_nearest_the_narrative(extract):
    got = mentions(extract, "Năm 1775, quân Trịnh vào Nam. Trước đó, năm Nhâm Thìn, họ đã chuẩn bị.")
    assert got["năm Nhâm Thìn"].value == "1772"


def test_a_clock_and_its_day_are_one_time(extract):
    got = mentions(extract, "Năm 1930, có tin. 8 giờ tối ngày 9-2-1930, họ khởi sự. Lúc 6 giờ 15 sáng ngày 10-2-1930, xong.")
    assert got["8 giờ tối ngày 9-2-1930"].value == "1930-02-09T20:00"
    assert got["6 giờ 15 sáng ngày 10-2-1930"].value == "1930-02-10T06:15"
    assert got["8 giờ tối ngày 9-2-1930"].granularity == "time"


def test_a_clock_without_a_day_invents_none(extract):
    got = mentions(extract, "Năm 1930, có tin. 9 giờ 30 sáng, họ đi.")
    assert got["9 giờ 30 sáng"].value == "1930-XX-XXT09:30"


def test_ranges_and_lists_share_month_and_year(extract):
    got = mentions(extract, "Từ ngày 3 đến ngày 9 tháng 4 năm 1951, họ họp. Những ngày 14, 15 và 16-6-1958 có mưa.")
    assert got["ngày 3 đến ngày 9 tháng 4 năm 1951"].value == "1951-04-03/1951-04-09"
    assert got["ngày 14, 15 và 16-6-1958"].value == "1958-06-14/1958-06-16"


def test_decades(extract):
    got = mentions(extract, "Năm 1790, ông đi. Trong thập niên 1960, những năm 30 của thế kỷ XX, và những năm 80, ...")
    assert got["thập niên 1960"].value == "196"
    assert got["năm 30 của thế kỷ XX"].value == "193"
    assert (got["năm 80"].value, got["năm 80"].year_inferred) == ("178", True)   # the narrative's century
    assert got["thập niên 1960"].granularity == "decade"


def test_number_words_and_days_without_their_head(extract):
    got = mentions(extract, "Thế kỷ mười chín. Ngày hai mươi tư tháng tám năm 1945. 7 tháng 5 năm 1954, họ thắng.")
    assert got["Thế kỷ mười chín"].value == "18"
    assert got["Ngày hai mươi tư tháng tám năm 1945"].value == "1945-08-24"
    assert got["7 tháng 5 năm 1954"].value == "1954-05-07"


def test_month_one_is_january_or_the_eleventh_lunar_month(extract):
    got = mentions(extract, "Tháng một năm 1950, họ đi. Năm 1946, ngày 5 tháng một năm Bính Tuất, họ về.")
    assert got["Tháng một năm 1950"].value == "1950-01"
    assert got["ngày 5 tháng một năm Bính Tuất"].value == "1946-11-05"


def test_bce_months_and_named_days(extract):
    got = mentions(extract, "Tháng 6 năm 111 TCN, quân Hán đến. Ngày Quốc khánh năm 1955 có duyệt binh. Lễ Giáng sinh năm 1917.")
    assert got["Tháng 6 năm 111 TCN"].value == "BC0111-06"
    assert got["Ngày Quốc khánh năm 1955"].value == "1955-09-02"
    assert got["Lễ Giáng sinh năm 1917"].value == "1917-12-25"


def test_the_eve_of_tet_is_the_last_month_of_the_year_before(extract):
    got = mentions(extract, "Mùa đông năm Mậu Thân (1788), quân sang. Đêm 30 Tết, quân vượt sông. Mồng 5 Tết, vua vào thành.")
    assert (got["Đêm 30 Tết"].value, got["Đêm 30 Tết"].value_gregorian) == ("1788-12-30", "1789-01-25")
    assert got["Mồng 5 Tết"].value == "1789-01-05"   # Tết after the twelfth month opens the next year


def test_a_timed_day_moves_the_narrative_day(extract):
    got = mentions(extract, "Ngày 19-8-1945, khởi nghĩa. Đến 14 giờ ngày 2-9-1945, đọc Tuyên ngôn. Tối hôm ấy, mít tinh.")
    assert got["Tối hôm ấy"].value == "1945-09-02"


def test_tet_inside_an_event_name_is_no_date(extract):
    got = mentions(extract, "Năm 1968, cuộc tổng tiến công Tết Mậu Thân nổ ra.")
    assert list(got) == ["Năm 1968"]


def test_ten_day_parts_of_a_month(extract):
    got = mentions(extract, "Năm 1788, hạ tuần tháng Chạp, quân đến. Thượng tuần tháng 3 năm 1789, quân về.")
    assert (got["hạ tuần tháng Chạp"].value, got["hạ tuần tháng Chạp"].mod) == ("1788-12", "END")
    assert (got["Thượng tuần tháng 3 năm 1789"].value, got["Thượng tuần tháng 3 năm 1789"].mod) == ("1789-03", "START")


def test_a_weekday_belongs_to_its_day_but_an_ordinal_does_not(extract):
    got = mentions(extract, "Vào thứ hai, ngày 2 tháng 3 năm 1903, trời mưa. Lần thứ hai, ngày 5-3-1903, họ họp.")
    assert got["thứ hai, ngày 2 tháng 3 năm 1903"].value == "1903-03-02"
    assert "ngày 5-3-1903" in got


def test_cycle_years_before_any_year_take_the_century_named_later(extract):
    text = ("Tháng Giêng năm Kỷ Mão, vua dời đô. Đó là đầu thế kỷ mười một. Mùa thu năm Bính Tuất, có lụt. "
            "Sang cuối thế kỷ mười hai, nhà vua suy. Năm Quý Sửu, có loạn.")
    got = mentions(extract, text)
    assert got["Tháng Giêng năm Kỷ Mão"].value == "1039-01"    # the century's first Kỷ Mão (1000-1040)
    assert got["Mùa thu năm Bính Tuất"].value == "1046-FA"     # the nearest to the narrative (1039)
    assert got["Năm Quý Sửu"].value == "1193"                   # in the end of the century named since (1160-1200)


def test_cycle_years_before_the_first_written_year_come_before_it(extract):
    got = mentions(extract, "Năm Giáp Thân, quân Pháp đánh Bắc Kỳ. Đến năm 1885, vua xuất bôn.")
    assert got["Năm Giáp Thân"].value == "1884"


def test_a_gloss_is_a_mention_of_its_own_and_gives_its_year(extract):
    got = mentions(extract, "Năm Giáp Tý (1804), ông sinh. Tháng 3 năm Ất Dậu (1885), ông mất. Theo sách cũ, (1930), có ghi.")
    assert (got["Năm Giáp Tý"].value, got["Năm Giáp Tý"].year_inferred) == ("1804", True)
    assert (got["1804"].value, got["1804"].year_inferred) == ("1804", False)
    assert got["Tháng 3 năm Ất Dậu"].value == "1885-03" and "1885" in got
    assert "(1930)" in got   # a bare year in parentheses keeps them


def test_reign_years_in_words_beyond_thirty_one(extract):
    got = mentions(extract, "Năm Cảnh Hưng thứ ba mươi lăm, quân Trịnh vào Nam. Ngày 9 tháng 4, họ tới.")
    assert got["Năm Cảnh Hưng thứ ba mươi lăm"].value == "1774"
    assert got["Ngày 9 tháng 4"].value == "1774-04-09"


def test_a_yearly_day_has_no_year_and_leaves_the_narrative(extract):
    got = mentions(extract, "Năm 1950, hội lập. Từ đó ngày 20 tháng 11 hằng năm là ngày hội. Tháng 5, hội họp.")
    assert (got["ngày 20 tháng 11"].value, got["ngày 20 tháng 11"].year_inferred) == ("XXXX-11-20", False)
    assert got["Tháng 5"].value == "1950-05"


def test_a_night_and_the_dawn_after_it_are_one_range(extract):
    got = mentions(extract, "Năm 1972, đêm 18 rạng sáng ngày 19-12 máy bay đến. Đêm 9 rạng ngày 10 tháng Chạp năm Nhâm Tý, tạnh.")
    assert got["đêm 18 rạng sáng ngày 19-12"].value == "1972-12-18/1972-12-19"
    assert got["Đêm 9 rạng ngày 10 tháng Chạp năm Nhâm Tý"].value == "1972-12-09/1972-12-10"


def test_a_clock_after_an_approximator_keeps_its_day(extract):
    got = mentions(extract, "Năm 1930, có tin. Chừng 9 giờ 20 phút tối ngày 4-5-1931, họ đi. 7 giờ sáng ngày 8-5, họ về.")
    assert got["9 giờ 20 phút tối ngày 4-5-1931"].value == "1931-05-04T21:20"
    assert got["7 giờ sáng ngày 8-5"].value == "1931-05-08T07:00"


def test_republican_dates_in_a_list_are_valued_one_by_one(extract):
    got = mentions(extract, "Họ dậy ngày 3 Ventôse năm IV và ngày 8 Messidor, rồi bị đàn áp.")
    assert got["ngày 3 Ventôse năm IV"].value == "1796-02-22"
    assert got["ngày 8 Messidor"].value == "1796-06-26"


def test_occasions_and_counts_are_no_dates(extract):
    got = mentions(extract, "Năm 1930, dân ăn Tết sớm; mỗi tháng ba mươi ngày; vài tháng một lần; họp lần đầu ngày 3-3-1930.")
    assert list(got) == ["Năm 1930", "ngày 3-3-1930"]


def test_a_named_day_with_its_date_is_one_day_and_season_pairs_are_ranges(extract):
    got = mentions(extract, "Đúng ngày Quốc khánh 2-9-1951, và Thu đông 1950, họ thắng.")
    assert got["ngày Quốc khánh 2-9-1951"].value == "1951-09-02"
    assert got["Thu đông 1950"].value == "1950-FA/1950-WI"


def test_a_leap_month_is_lunar_and_a_lunar_day_list_gets_both_gregorian_ends(extract):
    got = mentions(extract, "Năm 1930, tháng 6 nhuận, lụt. Năm 1789, những ngày mồng 3, mồng 4 và mồng 5 Tết có hội.")
    assert got["tháng 6 nhuận"].calendar == "lunar"
    assert got["ngày mồng 3, mồng 4 và mồng 5 Tết"].value_gregorian == "1789-01-28/1789-01-30"


def test_a_far_year_inside_a_sentence_is_a_reference(extract):
    text = ("Năm 1930, đảng ra đời. Cương lĩnh nhắc tới Công xã Paris năm 1871 của thợ thuyền Pháp. Tháng 10, "
            "hội nghị họp. Năm 1871, Công xã lập.")
    got = mentions(extract, text)
    assert got["Tháng 10"].value == "1930-10"
    assert [m.value for m in extract(text, []) if text[m.start:m.end] == "Năm 1871"] == ["1871"]


def test_a_cycle_year_glossed_with_tuc(extract):
    got = mentions(extract, "Năm 1945, ông nhắc lại năm Giáp Tuất, tức năm 1874, khi hoà ước ký.")
    assert (got["năm Giáp Tuất"].value, got["năm Giáp Tuất"].year_inferred) == ("1874", True)


def test_cycle_years_before_a_reign_year_come_before_it(extract):
    got = mentions(extract, "Mùa đông năm Mậu Tuất, tức năm Cảnh Hưng thứ ba mươi chín, quân Xiêm sang.")
    assert got["Mùa đông năm Mậu Tuất"].value == "1778-WI"
    assert got["năm Cảnh Hưng thứ ba mươi chín"].value == "1778"


def test_the_old_calendar_is_lunar_with_a_lunar_month_name_or_after_1918_and_julian_otherwise(extract):
    """'lịch cũ' is Russia's Julian calendar before 1918 and, in Vietnamese usage, the lunar one."""
    got = mentions(extract, "Năm 1789, vua ra Bắc. Ngày 5 tháng Giêng năm ấy (theo lịch cũ), quân Thanh tan. "
                            "Ngày 25 tháng 10 năm 1917 (theo lịch cũ), cách mạng nổ ra. Ngày 1 tháng 1 năm 1960 (lịch cũ), Tết.")
    giêng = got["Ngày 5 tháng Giêng năm ấy (theo lịch cũ)"]
    assert (giêng.value, giêng.calendar, giêng.value_gregorian) == ("1789-01-05", "lunar", "1789-01-30")
    october = got["Ngày 25 tháng 10 năm 1917 (theo lịch cũ)"]
    assert (october.calendar, october.value_gregorian) == ("julian", "1917-11-07")
    assert got["Ngày 1 tháng 1 năm 1960 (lịch cũ)"].calendar == "lunar"


def test_a_two_digit_year_is_the_year_itself_without_a_year_and_never_far_ahead_of_the_narrative(extract):
    assert mentions(extract, "Hai Bà Trưng khởi nghĩa năm 40.")["năm 40"].value == "0040"
    assert mentions(extract, "Năm 2008, giá vàng tăng. Giá lúa năm 99 thấp.")["năm 99"].value == "1999"
    got = mentions(extract, "Năm 1945, ngày 2/9/45 độc lập. Năm 46 kháng chiến.")
    assert (got["ngày 2/9/45"].value, got["Năm 46"].value) == ("1945-09-02", "1946")
