"""Cue words around a name that decide what it is: calendar words that are no names, a clause opener at a
sentence start, the title of a lord before a bare family name, a place between a title and a man, heads of
coups, plans and clubs, an initial inside a foreign name. Each with other names beside it."""
from __future__ import annotations


def test_calendar_words_are_no_names(recognize):
    found = recognize("Ngày 9 Thermidor năm II, Robespierre bị bắt; Vendémiaire là tháng hái nho.")
    assert found == {"Robespierre": "PER"}
    assert recognize("Đêm mồng 3 Tết Kỷ Dậu, Quang Trung tiến quân.") == {"Quang Trung": "PER"}
    assert "TCN" not in recognize("Từ năm 221 TCN, Tần Thủy Hoàng thống nhất Trung Quốc.")


def test_a_clause_opener_at_a_start_is_no_family_name_before_a_lower_case_word(recognizer):
    text = "Từ Hi Thái hậu nắm quyền. Từ năm 1908, nhà Thanh suy yếu."
    found = [(text[m.start:m.end], m.start) for m in recognizer(text, [(0, 25), (26, len(text))])]
    assert not any(start == 26 for _, start in found)  # the second "Từ" is "from"
    assert ("Thanh", text.index("Thanh")) in found


def test_a_lords_title_before_a_bare_family_name_is_the_house(recognize):
    found = recognize("Dưới quyền chúa Trịnh, Nguyễn Huệ đánh chúa Nguyễn, rồi chúa Trịnh Sâm mất.")
    assert found == {"Trịnh": "ORG", "Nguyễn Huệ": "PER", "Nguyễn": "ORG", "Trịnh Sâm": "PER"}


def test_a_place_between_a_title_and_a_man_is_a_place(recognize):
    assert recognize("Tổng đốc Lưỡng Quảng Tôn Sĩ Nghị đem quân sang.") == {"Lưỡng Quảng": "LOC",
                                                                           "Tôn Sĩ Nghị": "PER"}
    assert recognize("Tổng thống Việt Nam Cộng hòa Dương Văn Minh đầu hàng.") == {
        "Việt Nam Cộng hòa": "LOC", "Dương Văn Minh": "PER"}


def test_a_verb_thanh_before_an_organisation_is_no_city(recognize):
    assert recognize("Quân phiệt chia thành Trực hệ và Hoàn hệ.") == {"Trực hệ": "ORG", "Hoàn hệ": "ORG"}
    assert recognize("Họ hợp với mấy nhóm nhỏ thành Quốc dân đảng.") == {"Quốc dân đảng": "ORG"}
    assert recognize("Quân Tây Sơn vây thành Đồ Bàn.").get("Đồ Bàn") == "LOC"


def test_heads_of_coups_plans_and_clubs(recognize):
    assert recognize("Sau chính biến Thermidor, câu lạc bộ Jacobin bị đóng cửa.") == {
        "chính biến Thermidor": "MISC", "câu lạc bộ Jacobin": "ORG"}
    assert recognize("Mỹ đưa ra Kế hoạch Marshall.") == {"Mỹ": "LOC", "Kế hoạch Marshall": "MISC"}
    # a coup is named by a date, not by a place: here the Japanese overthrow the French
    assert recognize("Ngày 9-3-1945, quân Nhật đảo chính Pháp.") == {"Nhật": "LOC", "Pháp": "LOC"}


def test_an_initial_inside_a_foreign_name(recognize):
    assert recognize("Tổng thống Mỹ John F. Kennedy gặp Khrushchev.") == {
        "Mỹ": "LOC", "John F. Kennedy": "PER", "Khrushchev": "PER"}
    # a Vietnamese word that ends a sentence is no initial
    assert recognize("Tin ấy vang khắp châu Á. Ở Nhật, dân nổi dậy.").get("châu Á") == "LOC"


def test_a_short_place_name_takes_the_full_one_the_text_writes(recognizer):
    text = "Thổ Nhĩ Kỳ thua trận. Năm 1915, quân Thổ giữ eo biển. Người Thổ chống cự ở Gallipoli."
    found = [(text[m.start:m.end], m.label, m.canonical) for m in recognizer(text, [(0, len(text))])]
    assert found.count(("Thổ", "LOC", "Thổ Nhĩ Kỳ")) == 2
    text = "Năm 1915, quân Thổ giữ eo biển."  # the full name is not written: the short one stays
    assert [m.canonical for m in recognizer(text, [(0, len(text))])] == ["Thổ"]
    # older transliterations of country names are countries, and the canonical of their short form
    text = "Nước Ý Đại Lợi còn chia làm nhiều xứ. Năm 1866, Ý liên minh với Phổ Lỗ Sĩ đánh quân Áo."
    found = [(text[m.start:m.end], m.label, m.canonical) for m in recognizer(text, [(0, len(text))])]
    assert ("Ý Đại Lợi", "LOC", "Ý Đại Lợi") in found and ("Phổ Lỗ Sĩ", "LOC", "Phổ Lỗ Sĩ") in found
    assert ("Ý", "LOC", "Ý Đại Lợi") in found and ("Áo", "LOC", "Áo") in found


def test_the_shogunate_is_an_organisation_with_its_full_name(recognizer):
    text = "Nhật Bản sống dưới quyền Mạc phủ Tokugawa. Năm 1854, Mạc phủ ký hiệp ước. Nhà Mạc đã mất."
    found = [(text[m.start:m.end], m.label, m.canonical) for m in recognizer(text, [(0, len(text))])]
    assert found == [("Nhật Bản", "LOC", "Nhật Bản"), ("Mạc phủ Tokugawa", "ORG", "Mạc phủ Tokugawa"),
                     ("Mạc phủ", "ORG", "Mạc phủ Tokugawa"), ("Mạc", "ORG", "Mạc")]


def test_a_family_name_and_a_temple_name_is_a_ruler_after_a_place_preposition(recognize):
    assert recognize("Nền nếp còn giữ, nhưng đến Trần Nghệ Tông thì suy.") == {"Trần Nghệ Tông": "PER"}


def test_an_alias_cue_far_from_the_first_name_introduces_another_person(recognizer):
    text = "Còn ông Marat, chủ bút một tờ báo, bị một thiếu nữ tên là Charlotte Corday đâm chết."
    assert {m.canonical for m in recognizer(text, [(0, len(text))])} == {"Marat", "Charlotte Corday"}
    text = "Năm ấy Lê Duy Kỳ lên ngôi, tức vua Chiêu Thống."
    assert {m.canonical for m in recognizer(text, [(0, len(text))])} == {"Lê Duy Kỳ"}


def test_a_warlord_clique_is_an_organisation_a_warlord_a_person(recognize):
    assert recognize("Quân phiệt Bắc Dương chia thành Trực hệ và Hoàn hệ.") == {
        "Bắc Dương": "ORG", "Trực hệ": "ORG", "Hoàn hệ": "ORG"}
    assert recognize("Năm 1928, quân phiệt Trương Tác Lâm bị giết.") == {"Trương Tác Lâm": "PER"}
