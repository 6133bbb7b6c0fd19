"""Spans and labels across periods (issue 13): ruler names ending in "đế", compass regions after "miền", Roman
numerals that count centuries, titles of nobility. The sentences are the test's own."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("Năm 220, Tào Phi ép vua Hiến đế nhường ngôi.", {"Tào Phi": "PER", "Hiến đế": "PER"}),
    ("Lưu Hiệp, tức Hán Hiến đế, lên ngôi.", {"Lưu Hiệp": "PER", "Hán Hiến đế": "PER"}),
    ("Đổng Trác bỏ vua Thiếu đế.", {"Đổng Trác": "PER", "Thiếu đế": "PER"}),
])
def test_a_ruler_name_ending_in_de_keeps_the_ending(recognize, text, expected):
    assert recognize(text) == expected


def test_de_opening_a_common_word_is_not_taken_into_the_name(recognize):
    assert recognize("Sau Napoléon đế chế Pháp tan rã.") == {"Napoléon": "PER", "Pháp": "LOC"}


@pytest.mark.parametrize("text, expected", [
    ("Quân miền Bắc thắng quân miền Nam ở Gettysburg.",
     {"miền Bắc": "LOC", "miền Nam": "LOC", "Gettysburg": "LOC"}),
    ("Miền Nam thua trận.", {"Miền Nam": "LOC"}),
])
def test_a_compass_region_after_mien_is_one_place_with_its_head(recognize, text, expected):
    assert recognize(text) == expected


def test_a_named_place_after_mien_keeps_the_head_outside(recognize):
    assert recognize("Nghĩa quân rút lên miền Quảng Bình.") == {"Quảng Bình": "LOC"}


@pytest.mark.parametrize("text", [
    "Vào cuối thế kỷ thứ II, nhà Hán suy yếu.",
    "Đến thế kỷ thứ XII, Mông Cổ mới mạnh.",
])
def test_a_roman_numeral_counting_a_century_is_no_entity(recognize, text):
    assert not any(name.strip("IVXL") == "" for name in recognize(text))


def test_a_lord_after_huan_tuoc_is_a_person(recognize):
    assert recognize("Người được cử sang là huân tước Mountbatten.") == {"Mountbatten": "PER"}


@pytest.mark.parametrize("text, expected", [
    ("Thời ấy có bảy nước lớn là Tần, Sở, Tề, Yên, Hàn, Triệu, Nguỵ.",
     {name: "LOC" for name in ("Tần", "Sở", "Tề", "Yên", "Hàn", "Triệu", "Nguỵ")}),
    ("Thiên hạ chia ba nước Nguỵ, Thục, Ngô.", {"Nguỵ": "LOC", "Thục": "LOC", "Ngô": "LOC"}),
    ("Các tỉnh Thanh Hoá, Nghệ An, Hà Tĩnh đều hưởng ứng.",
     {"Thanh Hoá": "LOC", "Nghệ An": "LOC", "Hà Tĩnh": "LOC"}),
    ("Quân Nguyên đánh nước Tống và Kim.", {"Nguyên": "ORG", "Tống": "LOC", "Kim": "LOC"}),
])
def test_the_places_a_head_lists_are_all_places(recognize, text, expected):
    assert recognize(text) == expected


@pytest.mark.parametrize("text, person", [
    ("Ở các nước Âu châu, Napoléon lên ngôi hoàng đế.", "Napoléon"),
    ("Ở tỉnh Nghệ An, Phan Đình Phùng dựng cờ khởi nghĩa.", "Phan Đình Phùng"),
    ("Quân ta đánh nước Pháp và Jules Ferry phải từ chức.", "Jules Ferry"),
])
def test_a_man_after_the_places_of_a_head_is_not_listed_with_them(recognize, text, person):
    assert recognize(text)[person] == "PER"


@pytest.mark.parametrize("text, expected", [
    ("Năm 1860, tiểu bang Caroline du Sud tách khỏi Liên bang.", "Caroline du Sud"),
    ("Đoàn sứ giả đến quần đảo Bahamas.", "Bahamas"),
    ("Nhà Lý dựng chùa Diên Hựu ở kinh thành.", "Diên Hựu"),
    ("Đám đông họp trong vườn Jallianwala Bagh thì bị bắn.", "Jallianwala Bagh"),
    ("Năm 1922, dân làng Chauri Chaura đốt đồn cảnh sát.", "Chauri Chaura"),
])
def test_a_place_after_its_head_is_a_place_without_the_head(recognize, text, expected):
    assert recognize(text)[expected] == "LOC"


def test_a_compass_region_in_lower_case_is_no_name(recognize):
    assert recognize("Miền bắc bị chia năm xẻ bảy.") == {}


@pytest.mark.parametrize("text, person", [
    ("Đến đời Bal Gangadhar Tilak, phong trào mới mạnh lên.", "Bal Gangadhar Tilak"),
    ("Các bang ấy họp ở Montgomery, bầu Jefferson Davis làm tổng thống.", "Jefferson Davis"),
])
def test_a_foreign_name_of_several_capitalized_words_leans_to_a_person(recognize, text, person):
    assert recognize(text)[person] == "PER"


def test_the_family_name_of_a_person_opening_with_a_given_name_is_that_person(recognize):
    found = recognize("Còn Mohammed Ali Jinnah đứng đầu Liên đoàn Hồi giáo. Năm 1946, Jinnah kêu gọi biểu tình.")
    assert found["Mohammed Ali Jinnah"] == "PER" and found["Jinnah"] == "PER"


@pytest.mark.parametrize("text, person", [
    ("Quân Thục không thắng, vì tướng Nguỵ là Tư Mã Ý giữ vững thành.", "Tư Mã Ý"),
    ("Gia Cát Lượng đem quân ra Kỳ Sơn.", "Gia Cát Lượng"),
    ("Nhờ có quan Da Luật Sở Tài can ngăn, dân được sống.", "Da Luật Sở Tài"),
])
def test_a_two_syllable_family_name_opens_a_person(recognize, text, person):
    assert recognize(text)[person] == "PER"


def test_the_same_words_before_a_vietnamese_full_name_stay_an_office(recognize):
    assert recognize("Vua phong Tư Mã Trần Văn Bảo coi việc quân.") == {"Trần Văn Bảo": "PER"}


def test_a_state_the_document_names_as_a_country_stays_a_place_after_a_general(recognize):
    found = recognize("Thiên hạ chia ba nước Nguỵ, Thục, Ngô. Quan Vũ giữ Kinh Châu thì bị tướng Ngô đánh úp.")
    assert found["Ngô"] == "LOC" and found["Quan Vũ"] == "PER"


def test_a_general_called_by_his_family_name_stays_a_man_where_no_state_has_it(recognize):
    assert recognize("Quan Vũ giữ Kinh Châu thì bị tướng Ngô đánh úp.")["Ngô"] == "PER"


@pytest.mark.parametrize("text, expected", [
    ("Người trong xứ gọi ông là chúa Tiên.", {"chúa Tiên": "PER"}),
    ("Năm 1698, chúa Minh sai Nguyễn Hữu Cảnh vào kinh lược.", {"chúa Minh": "PER", "Nguyễn Hữu Cảnh": "PER"}),
    ("Chúa Hiền nhận cho họ vào ở.", {"Chúa Hiền": "PER"}),
])
def test_a_lords_popular_name_is_one_person_with_its_title(recognize, text, expected):
    assert recognize(text) == expected


def test_a_family_name_after_the_lords_title_stays_the_house(recognize):
    assert recognize("Chúa Trịnh và chúa Nguyễn đánh nhau.") == {"Trịnh": "ORG", "Nguyễn": "ORG"}


@pytest.mark.parametrize("text, person", [
    ("Trước khi chết, ông từ biệt nàng Ngu Cơ.", "Ngu Cơ"),
    ("Thiền sư Vạn Hạnh giúp Lý Công Uẩn lên ngôi.", "Vạn Hạnh"),
    ("Năm ấy nhà thơ Nguyễn Du đi sứ.", "Nguyễn Du"),
])
def test_titles_of_every_period_type_the_name_after_them(recognize, text, person):
    assert recognize(text)[person] == "PER"


def test_a_party_after_its_leaders_is_no_person(recognize):
    # the dict keeps the last mention: the one after "lãnh tụ"
    assert recognize("Phái Bolsevich thì mạnh hơn, các lãnh tụ Bolsevich đều ở Paris.").get("Bolsevich") != "PER"


def test_a_part_of_a_mans_name_is_no_place_that_differs_only_in_its_accents(recognize):
    found = recognize("Nguyễn Huệ kéo quân ra Bắc. Huệ thắng lớn ở Đống Đa, rồi về Huế.")
    assert found["Huệ"] == "PER" and found["Huế"] == "LOC"


def test_a_place_written_without_its_accents_is_still_the_place(recognize):
    assert recognize("Quân Pháp vào Hue năm 1885.")["Hue"] == "LOC"


@pytest.mark.parametrize("text", ["Đến đời III thì nhà ấy suy.", "III là số ba trong lối viết La Mã."])
def test_a_roman_numeral_alone_is_no_name(recognize, text):
    assert "III" not in recognize(text)


def test_a_regnal_number_after_a_name_stays_in_it(recognize):
    assert recognize("Năm 1852, Napoléon III lên ngôi.") == {"Napoléon III": "PER"}


def test_hai_ba_trung_at_a_sentence_start_is_the_sisters(recognize):
    assert recognize("Hai Bà Trưng khởi nghĩa năm 40.") == {"Hai Bà Trưng": "PER"}


@pytest.mark.parametrize("text,person", [
    ("Lê Lợi đánh đuổi quân Minh, lên ngôi năm 1428. Ngày nay, đường Lê Lợi ở nhiều thành phố mang tên ông.",
     "Lê Lợi"),
    ("Các vua Hùng dựng nước Văn Lang. Vua Hùng thứ mười tám gả con gái cho Sơn Tinh. Đền Hùng ở Phú Thọ.", "Hùng"),
])
def test_a_street_or_temple_named_after_a_person_leaves_the_person_a_person(text, person):
    """A review of the seventh session: with "đường" and "đền" as place heads, the head typed every other mention
    of the name as a place ("Lê Lợi đánh đuổi quân Minh" LOC); they are no place heads."""
    from pipeline.api import process_text

    entities = process_text(text)["entities"]
    first = entities[entities["text"] == person].iloc[0]
    assert first["label"] == "PER"


def test_an_organisation_tail_that_opens_a_common_word_closes_no_name(recognize):
    found = recognize("Vương Thông ở trong thành Đông Quan biết viện binh bị diệt. Vua lập Sùng chính viện.")
    assert found["Đông Quan"] == "LOC" and found["Sùng chính viện"] == "ORG"


@pytest.mark.parametrize("text, order", [
    ("Giáo sĩ François Xavier thuộc dòng Tên sang Nhật giảng đạo.", "dòng Tên"),
    ("Các giáo sĩ dòng Đa Minh xin cho người bản xứ.", "dòng Đa Minh"),
])
def test_a_religious_order_is_an_organisation_with_its_head(recognize, text, order):
    assert recognize(text)[order] == "ORG"


def test_the_course_of_a_known_river_is_no_order(recognize):
    found = recognize("Quân Nguỵ theo dòng Trường Giang xuống phía đông.")
    assert "dòng Trường Giang" not in found and found.get("Trường Giang") == "LOC"


def test_a_named_army_is_one_organisation_with_its_head(recognize):
    found = recognize("Tướng Robert Lee chỉ huy Đạo quân Bắc Virginie, còn McClellan cầm Đạo quân Potomac.")
    assert found["Đạo quân Bắc Virginie"] == "ORG" and found["Đạo quân Potomac"] == "ORG"


def test_an_army_in_lower_case_before_a_country_is_no_name(recognize):
    assert recognize("Một đạo quân Pháp tiến lên phía bắc.") == {"Pháp": "LOC"}


def test_the_seat_of_an_office_is_a_body_and_a_prefecture_a_place(recognize):
    found = recognize("Việc cai trị tập trung vào Phủ Toàn quyền Đông Dương. Quân đến phủ Thường Tín.")
    assert found == {"Phủ Toàn quyền Đông Dương": "ORG", "Thường Tín": "LOC"}


def test_a_capital_named_after_the_copula_is_a_place(recognize):
    found = recognize("Nước Inca ở dãy núi Andes, kinh đô là Cuzco.")
    assert found["Cuzco"] == "LOC"


def test_a_man_after_the_capitals_copula_stays_a_man(recognize):
    assert recognize("Người dựng kinh đô là Lý Công Uẩn.") == {"Lý Công Uẩn": "PER"}


def test_the_last_words_of_a_chinese_name_stand_for_the_man(recognize):
    found = recognize("Vua Tống sai Hầu Nhân Bảo đem quân sang. Lê Hoàn sai người giả đầu hàng, dụ Nhân Bảo vào.")
    assert found["Hầu Nhân Bảo"] == "PER" and found["Nhân Bảo"] == "PER"
