"""Links a historian can cite (issue 13): an encyclopedia alias that names two places joins neither, and a ruler's
name without its dynasty is his only where the text writes the dynasty."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("votes, names_one", [
    (1, True),   # an alias one article gives
    (2, True),   # an alias two articles of one title give ("Quảng Đảo": the city and the prefecture Hiroshima)
    (3, False),  # the title of an article of its own as well ("Tân Bình", "Hắc Long Giang")
    (0, False),  # a name the corpus knows only from a gloss ("Trấn Giang (tức Cần Thơ)")
])
def test_a_gazetteer_alias_names_its_article_only_where_no_other_place_bears_it(votes, names_one):
    from pipeline.entities.gazetteer import _names_one_thing
    assert _names_one_thing(votes) is names_one


def test_the_loaded_gazetteer_keeps_no_alias_of_a_shared_name():
    from pipeline.entities.gazetteer import glossed_referents, referents
    from pipeline.entities.lexicon import name_key
    aliases = referents()
    for shared in ("Trấn Giang", "Tân Bình", "Hắc Long Giang", "Sơn Nam"):
        assert name_key(shared) not in aliases
    assert name_key("Tân Bình") not in glossed_referents()  # an article's own title is no gloss either
    assert aliases.get(name_key("Quang Trung")) == "Nguyễn Huệ"  # an article's own alias still joins


def test_a_place_of_two_countries_is_not_the_one_a_gloss_once_named(canonicals):
    text = ("Năm 1842, quân Anh chiếm Trấn Giang bên bờ Trường Giang.\n\n"
            "Năm 1882, quân Thanh đóng ở Ninh Viễn.\n"
            "Năm 1867, quân Pháp chiếm Vĩnh Long và Cần Thơ; Lai Châu về sau cũng thuộc Pháp.")
    found = canonicals(text)
    assert found["Trấn Giang"] == {"Trấn Giang"}
    assert found.get("Ninh Viễn", {"Ninh Viễn"}) == {"Ninh Viễn"}


@pytest.mark.parametrize("text, glossed", [
    # a paragraph that writes a name the corpus knows only from a gloss beside the place it glossed names two
    # places (a city and its province, a kingdom and its later province), unless the text equates them
    ("Năm 1931, quân Nhật chiếm Phụng Thiên. Toàn tỉnh Liêu Ninh rơi vào tay Nhật.", "Phụng Thiên"),
    ("Năm 1253, quân Mông Cổ diệt nước Đại Lý. Vân Nam thuộc Mông Cổ từ đó.", "Đại Lý"),
    ("Năm 1680, Mạc Cửu đến đất Mang Khảm, mở sòng bạc, lập bảy xã. Về sau đất ấy thành trấn Hà Tiên.", "Mang Khảm"),
])
def test_a_name_known_only_from_a_gloss_joins_no_place_the_text_does_not_equate_it_with(canonicals, text, glossed):
    assert canonicals(text).get(glossed, {glossed}) == {glossed}


def test_the_text_still_equates_a_shared_name_with_the_place_it_glosses(canonicals):
    text = "Năm 1732, chúa Nguyễn lập dinh Long Hồ ở Trấn Giang (tức Cần Thơ ngày nay). Cần Thơ trù phú."
    found = canonicals(text)
    assert found["Trấn Giang"] == {"Cần Thơ"}


@pytest.mark.parametrize("text, expected", [
    ("Năm 210 TCN, Hồ Hợi lên ngôi, tức Tần Nhị Thế. Nhị Thế nhu nhược.", "Hồ Hợi"),
    ("Nhà Tần suy từ khi Hồ Hợi lên ngôi.\nVề sau Nhị Thế lên thay cha, chăm lo việc nước.", "Hồ Hợi"),
    ("Năm 1700, Hồ Hợi làm quan ở Quảng Đông.\nVề sau Nhị Thế lên thay cha, chăm lo việc nước.", "Nhị Thế"),
    ("Hồ Hợi lên ngôi, quân Tần kéo đi.\nVề sau Nhị Thế lên thay cha.", "Hồ Hợi"),  # the dynasty after a cue word
    # the dynasty's name as a syllable of another man's name is no cue ("Tần Cối", a Song minister)
    ("Tần Cối làm tể tướng nhà Tống, Hồ Hợi thì chỉ là tên một người làng.\nVề sau Nhị Thế lên thay cha, chăm lo "
     "việc nước.", "Nhị Thế"),
])
def test_a_rulers_name_without_its_dynasty_needs_the_dynasty_in_the_text(canonicals, text, expected):
    found = canonicals(text)
    assert found["Nhị Thế"] == {expected}


def test_a_shortened_name_the_table_also_states_whole_needs_no_cue():
    from pipeline.entities.knowledge import dynasty_shortened
    from pipeline.entities.lexicon import word_key
    shortened = dynasty_shortened()
    assert set(shortened[word_key("Nhị Thế")]) == {"Tần"}
    # a temple name two houses gave, one of them named by its family name (data/ruling_houses.txt)
    assert set(shortened[word_key("Thành Tổ")]) == {"Minh", "Trịnh"}
    assert word_key("Quang Trung") not in shortened


@pytest.mark.parametrize("text", [
    # "gọi ông là Nguyên Thế Tổ" guesses the nearest man, the brother; the tables give the name to Hốt Tất Liệt,
    # whom the document writes (a transcription the tables lack is still overruled)
    "Năm 1260, Hốt Tất Liệt lên làm đại hãn. Ông phải đánh nhau với em là A Lý Bất Ca mấy năm mới giữ được "
    "ngôi. Năm 1271, ông đặt quốc hiệu là Đại Nguyên; sử gọi ông là Nguyên Thế Tổ.",
    # "gọi ông là Khả hãn" guesses the brother; the next "gọi ông là Nguyên Thế Tổ" guesses that name, whose man is
    # still the brother: the tables give the temple name to Hốt Tất Liệt, whom the document writes
    "Năm 1260, Hốt Tất Liệt lên làm đại hãn. Ông đánh nhau với em là A Lý Bất Ca. Người Mông Cổ gọi ông là "
    "Khả hãn. Năm 1271, sử gọi ông là Nguyên Thế Tổ.",
])
def test_a_pronoun_after_a_ruler_s_brother_is_the_ruler_the_tables_name(canonicals, text):
    found = canonicals(text)
    assert found["A Lý Bất Ca"] == {"A Lý Bất Ca"}
    assert found["Nguyên Thế Tổ"] == {"Hốt Tất Liệt"}


def test_a_pronoun_chain_through_a_romanisation_the_tables_lack_still_joins(canonicals):
    text = ("Năm 1616, Nỗ Nhĩ Cáp Xích xưng hãn. Hai năm sau, ông đánh nhà Minh. Năm ấy quân Minh thua. "
            "Sử phương Tây gọi ông là Nurhaci; sử nhà Thanh thì gọi ông là Thanh Thái Tổ.")
    found = canonicals(text)
    assert found["Nurhaci"] == {"Nỗ Nhĩ Cáp Xích"}


def test_a_part_of_a_persons_full_name_is_no_other_name_of_a_body():
    from pipeline.entities.lexicon import lexicon
    from pipeline.entities.linking import fullest
    text = ("Năm 1598, Đức Xuyên Gia Khang nắm quyền. Phe theo Gia Khang gọi là Đông quân. "
            "Năm 1600, Đông quân thắng lớn.")
    spans = []
    for name, label in (("Đức Xuyên Gia Khang", "PER"), ("Gia Khang", "ORG"), ("Đông quân", "ORG")):
        at = text.index(name, spans[-1][1] if spans else 0)
        spans.append((at, at + len(name), name, label))
    at = text.rindex("Đông quân")
    spans.append((at, at + len("Đông quân"), "Đông quân", "ORG"))
    names = fullest(text, spans, lexicon())
    assert names[2] == names[3] == "Đông quân"


def test_a_long_text_scans_for_each_dynasty_once(monkeypatch):
    # the dynasty cue of a shortened ruler's name: one scan of the text per dynasty, not one per mention
    from pipeline.entities import linking
    from pipeline.entities.lexicon import lexicon
    scans = []
    finditer = linking.re.finditer
    monkeypatch.setattr(linking.re, "finditer", lambda p, s, *a: scans.append(p) or finditer(p, s, *a))
    text = "Năm 221 TCN, nhà Tần thống nhất. " + "Thủy Hoàng đi tuần. " * 50
    spans = [(0, 0, "", "")][:0]
    at = 0
    while (at := text.find("Thủy Hoàng", at)) >= 0:
        spans.append((at, at + len("Thủy Hoàng"), "Thủy Hoàng", "PER"))
        at += 1
    linking.fullest(text, spans, lexicon())
    assert sum("Tần" in p for p in scans) == 1


@pytest.mark.parametrize("text, name", [
    ("Năm 1861, quân Pháp đánh Chợ Lớn rồi tiến xuống Long An, Mỹ Tho.", "Chợ Lớn"),
    ("Năm 1831, vua Minh Mạng chia trấn Sơn Nam thành các tỉnh Nam Định, Hưng Yên và Hà Nội.", "Sơn Nam"),
    ("Năm 1832, Minh Mạng đổi trấn Vĩnh Thanh thành hai tỉnh Vĩnh Long và An Giang.", "Vĩnh Thanh"),
])
def test_a_name_known_from_a_gloss_is_no_place_its_own_sentence_relates_it_to(canonicals, text, name):
    assert canonicals(text)[name] == {name}


def test_a_name_known_from_a_gloss_is_no_canonical_of_its_article(canonicals):
    # "Sơn Nam" written more often than "Nam Định" does not rename Nam Định
    text = "Năm 1802, Gia Long đặt trấn Sơn Nam thượng và Sơn Nam hạ. Quân triều đình đóng ở Nam Định."
    assert canonicals(text)["Nam Định"] == {"Nam Định"}


@pytest.mark.parametrize("line, cued", [
    ("Năm 1403, vua dời đô về Yên Kinh (tức Bắc Kinh ngày nay).", True),
    ("Ông sinh ở Bình Dư (Hà Nam ngày nay), một làng nghèo.", False),  # where the place lies today, no other name
])
def test_a_gloss_is_cued_by_a_word_before_it_only(line, cued):
    from pipeline.entities.gazetteer import _glosses
    assert [c for _, _, c in _glosses(line)] == [cued]


def test_a_name_glossed_by_two_articles_is_given_neither():
    from collections import Counter

    from pipeline.entities.gazetteer import _with_glosses
    from pipeline.entities.lexicon import name_key
    rows = [("Long An", "LOC", 2, 0, ""), ("Sài Gòn", "LOC", 2, 0, ""), ("Bắc Kinh", "LOC", 2, 0, "")]
    glossed = Counter({(name_key("Chợ Lớn"), name_key("Long An")): 1, (name_key("Chợ Lớn"), name_key("Sài Gòn")): 0,
                       (name_key("Yên Kinh"), name_key("Bắc Kinh")): 1})
    given = {row[0]: row[4] for row in _with_glosses(rows, glossed, 1) if row[4]}
    assert given == {"Yên Kinh": "Bắc Kinh"}


@pytest.mark.parametrize("text, expected", [
    # the temple name written whole with its house says whose it is, whatever other dynasty the text writes
    ("Vua Trần Nhân Tông, tên huý là Trần Khâm, lên ngôi năm 1278. Quân Nguyên kéo sang.\n"
     "Thắng xong, vua Nhân Tông vẫn sai sứ sang Đại Đô.", "Trần Khâm"),
    # two houses that gave the name written, neither whole with it: no one's
    ("Trần Khâm lên ngôi năm 1278; quân Trần thắng. Quân Nguyên kéo sang.\n"
     "Thắng xong, vua Nhân Tông vẫn sai sứ sang Đại Đô.", "Nhân Tông"),
])
def test_a_temple_name_several_houses_gave_is_the_ruler_of_the_house_the_text_gives_it(canonicals, text, expected):
    assert canonicals(text)["Nhân Tông"] == {expected}


def test_a_temple_name_is_no_ones_where_the_text_writes_another_ruler_it_names(canonicals):
    # the Lý founder written under his personal name, the Song founder whole: a bare "Thái Tổ" is neither's
    text = ("Năm 1009, Lý Công Uẩn lên ngôi ở Hoa Lư. Sứ sang nước Tống, gặp Tống Thái Tổ.\n"
            "Năm 1010, Thái Tổ dời đô ra Đại La.")
    assert canonicals(text).get("Thái Tổ", {"Thái Tổ"}) == {"Thái Tổ"}


def test_a_temple_name_after_another_house_written_in_its_paragraph_is_no_ones(canonicals):
    # the Song founder written whole in one paragraph; the Lý written right before the bare name in another: the
    # nearer house may be the one meant, and a wrong ruler is worse than none
    text = ("Năm 960, Triệu Khuông Dận lên ngôi, lập ra nhà Tống, tức Tống Thái Tổ.\n"
            "Năm 1009, nhà Lý được lập. Thái Tổ của nhà Lý là người chùa Cổ Pháp.")
    assert canonicals(text).get("Thái Tổ", {"Thái Tổ"}) == {"Thái Tổ"}


def test_a_temple_name_after_a_dynasty_the_tables_do_not_give_in_its_paragraph_is_no_ones(canonicals):
    # the Joseon founder: the Ming is written too, and the tables give a Ming Thái Tổ, but a dynasty whose rulers
    # they do not know is written right before the bare name
    text = ("Năm 1368, Chu Nguyên Chương lập ra nhà Minh. Năm 1392, Lý Thành Quế lật đổ nhà Cao Ly, lập ra nhà Triều "
            "Tiên và xin nhà Minh phong vương. Thái Tổ dời đô về Hán Thành.")
    assert canonicals(text).get("Thái Tổ", {"Thái Tổ"}) == {"Thái Tổ"}
