"""Dynasties, era names and titles that are no entities, battles,
movements, wars and publications, Vietnamese organisation names, country modifiers, bare names settled by the
document, name parts linked to the full name, spelling votes, and the dev3 gold set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]


def _sentences(text: str) -> list[tuple[int, int]]:
    from pipeline.segment.sentences import split_sentences

    return split_sentences(text)


def test_dynasties_are_organisations_without_their_head(recognize):
    found = recognize("Vua sai người sang cầu cứu nhà Thanh, còn triều Nguyễn thì im lặng.")
    assert found == {"Thanh": "ORG", "Nguyễn": "ORG"}
    assert recognize("Nhà Tây Sơn mất từ đó.") == {"Tây Sơn": "ORG"}
    assert recognize("Quân Nhật vượt sông ở Triều Tiên.").get("Triều Tiên") == "LOC"


def test_a_dynasty_head_before_a_person_is_no_dynasty(recognize):
    assert "Nguyễn Du" not in {k for k, v in recognize("Hôm ấy ông ghé nhà Nguyễn Du chơi.").items() if v == "ORG"}


def test_bare_dynasty_mentions_follow_the_document(recognizer):
    text = "Ông cầu cứu nhà Thanh. Quân Thanh chiếm kinh thành, rồi quân Thanh tan vỡ."
    found = [(text[m.start:m.end], m.label) for m in recognizer(text, _sentences(text))]
    assert found == [("Thanh", "ORG")] * 3
    # Without a cue anywhere, a bare one-syllable capital is no entity ("quân" is a cue since issue 13).
    text = "Ông cầu cứu Thanh. Rồi Thanh chiếm kinh thành."
    assert recognizer(text, _sentences(text)) == []


@pytest.mark.parametrize("text, absent", [
    ("Năm 1778, ông xưng đế, đặt niên hiệu là Thái Đức.", "Thái Đức"),
    ("Ông phong em làm Long Nhương tướng quân.", "Long Nhương"),
    ("Ông làm Binh bộ thượng thư được ba năm.", "Binh bộ"),
    ("Trong tay họ Trịnh mọi quyền bính.", "Trịnh"),
    ("Giữa thế kỷ XVIII, đất nước chia đôi.", "XVIII"),
    ("Sứ thần được phong Cung Chính Vương năm ấy.", "Cung Chính Vương"),
])
def test_era_names_titles_and_surnames_are_no_entities(recognize, text, absent):
    assert absent not in recognize(text)


def test_can_chi_years_are_no_names(recognize):
    assert recognize("Năm Giáp Thân, ông về quê. Tháng 6 năm Bính Ngọ, ông mất.") == {}


@pytest.mark.parametrize("text, expected", [
    ("Quân ta thắng trận Đống Đa rồi tiến vào thành.", "trận Đống Đa"),
    ("Từ đó phong trào Cần Vương lan khắp nơi.", "phong trào Cần Vương"),
    ("Ông xuống chiếu Cần Vương kêu gọi sĩ phu.", "chiếu Cần Vương"),
    ("Rồi Chiến tranh Nga-Nhật bắt đầu.", "Chiến tranh Nga-Nhật"),
    ("Nga hoàng phải ban Tuyên ngôn tháng Mười năm ấy.", "Tuyên ngôn tháng Mười"),
    ("Tờ Gia Định báo đăng lời dụ.", "Gia Định báo"),
    ("Khi chiến hạm Petropavlovsk chìm, ông tử trận.", "Petropavlovsk"),
    ('Việc ấy được kể trong bộ tiểu thuyết "Hoàng Lê nhất thống chí" sau này.', "Hoàng Lê nhất thống chí"),
    ("Trong nước, vua ban Chiếu khuyến nông cho dân về quê.", "Chiếu khuyến nông"),
    ("Trần Quốc Tuấn viết Hịch tướng sĩ để khích lệ quân lính.", "Hịch tướng sĩ"),
    ("Sáng hôm sau, Lời kêu gọi toàn quốc kháng chiến được truyền đi.", "Lời kêu gọi toàn quốc kháng chiến"),
    ("Hai bên ký Hiệp định đình chiến Triều Tiên năm 1953.", "Hiệp định đình chiến Triều Tiên"),
    ("Ông sai soạn bộ Khang Hy tự điển.", "Khang Hy tự điển"),
    ("Sau Hội nghị Vienne năm 1815, Ý bị chia.", "Hội nghị Vienne"),
    ("Khi tin Hội nghị hòa bình Paris đến, sinh viên biểu tình.", "Hội nghị hòa bình Paris"),
])
def test_misc_events_documents_and_publications(recognize, text, expected):
    assert recognize(text).get(expected) == "MISC"


@pytest.mark.parametrize("text, expected", [
    ("Ông cùng các đồng chí trong Duy Tân hội sang Nhật.", "Duy Tân hội"),
    ("Sau đó ông lập Việt Nam Quang phục hội ở Quảng Châu.", "Việt Nam Quang phục hội"),
    ("Vua đặt Sùng chính viện ở Nghệ An.", "Sùng chính viện"),
    ("Ông về quê lập Nghĩa quân Hương Khê.", "Nghĩa quân Hương Khê"),
    ("Hai ông lập Nghĩa hội Quảng Nam năm ấy.", "Nghĩa hội Quảng Nam"),
    ("Quân triều đình đánh úp Toà Khâm sứ đêm ấy.", "Toà Khâm sứ"),
    ("Ngay tháng 5, Đệ nhất quân đã vượt sông.", "Đệ nhất quân"),
    ("Suốt mười năm, Nghĩa quân giữ vững núi rừng.", "Nghĩa quân"),
    ("Rồi quân chính phủ Hồ Bắc tiến vào thành.", "quân chính phủ Hồ Bắc"),
    ("Những năm đầu, nghĩa quân Lam Sơn gặp nhiều khó khăn.", "nghĩa quân Lam Sơn"),
    ("Thu đông 1947, quân viễn chinh Pháp tấn công Việt Bắc.", "quân viễn chinh Pháp"),
    ("Theo hiệp ước ấy, chính phủ Nhật trục xuất họ.", "chính phủ Nhật"),
    ("Nhật đầu hàng, nhưng Nội các Nhật lờ đi.", "Nội các Nhật"),
    ("Đêm 13-8, Uỷ ban khởi nghĩa toàn quốc ra quân lệnh.", "Uỷ ban khởi nghĩa toàn quốc"),
    ("Ông lập Mặt trận Việt Nam độc lập đồng minh năm 1941.", "Mặt trận Việt Nam độc lập đồng minh"),
    ("Mùa đông 1915, quân Đồng minh rút khỏi bán đảo.", "Đồng minh"),
    ("Tờ Dân Báo của Đồng minh hội ra đời.", "Đồng minh hội"),
    ("Các hội hợp thành Trung Quốc Cách mạng Đồng minh hội.", "Cách mạng Đồng minh hội"),
    ("Vua Louis XVI phải triệu tập Hội nghị các Đẳng cấp năm 1789.", "Hội nghị các Đẳng cấp"),
])
def test_vietnamese_organisation_names(recognize, text, expected):
    assert recognize(text).get(expected) == "ORG"


def test_a_country_after_a_lower_case_head_is_a_place(recognize):
    found = recognize("Ngày ấy hạm đội Anh đến, và quân đội Pháp rút.")
    assert found == {"Anh": "LOC", "Pháp": "LOC"}
    assert recognize("Hạm đội ấy là hạm đội Baltique.").get("hạm đội Baltique") == "ORG"


@pytest.mark.parametrize("text, expected", [
    ("Hạm đội đi vòng qua châu Phi rồi lên phía bắc.", "châu Phi"),
    ("Ông phục binh trên khúc sông Mỹ Tho năm ấy.", "Mỹ Tho"),
    ("Ông đắp căn cứ Tân Sở ở miền núi.", "Tân Sở"),
    ("Năm ấy nước Trung Hoa Dân quốc ra đời.", "Trung Hoa Dân quốc"),
    ("Ông dựng cờ ở ấp Tây Sơn.", "Tây Sơn"),
])
def test_place_spans(recognize, text, expected):
    assert recognize(text).get(expected) == "LOC"


def test_viet74k_proper_names_vote_for_places(recognize):
    assert recognize("Quân của ông giữ Yên Thế rất lâu.").get("Yên Thế") == "LOC"


def test_a_title_before_la_names_the_person(recognize):
    assert recognize("Vua sai tổng đốc Lưỡng Quảng là Tôn Sĩ Nghị đem quân sang.").get("Tôn Sĩ Nghị") == "PER"
    assert recognize("Người ta gọi ông là Hồ.") == {}


def test_spelling_votes_for_foreign_names(recognize):
    assert recognize("Quân Nhật vây chặt Port-Arthur.").get("Port-Arthur") == "LOC"
    assert recognize("Sau đó Ouritsky bị ám sát.").get("Ouritsky") == "PER"


def test_sentence_initial_names_and_name_parts_follow_the_document(recognizer):
    text = ("Vua Lê Hiển Tông mất; hoàng tôn lên ngôi, tức vua Chiêu Thống. Chiêu Thống nhu nhược, "
            "để Nguyễn Hữu Chỉnh chuyên quyền. Năm sau, quân Tây Sơn giết Chỉnh.")
    mentions = recognizer(text, _sentences(text))
    found = {(text[m.start:m.end], m.start): (m.label, m.canonical) for m in mentions}
    assert found[("Chiêu Thống", text.index("Chiêu Thống nhu"))][0] == "PER"
    assert found[("Chỉnh", text.rindex("Chỉnh"))] == ("PER", "Nguyễn Hữu Chỉnh")
    # "Tháng" at a sentence start is not "Cao Thắng": parts match exactly, accents included.
    text = "Tướng Cao Thắng chế súng. Tháng 6 ông mất."
    assert [text[m.start:m.end] for m in recognizer(text, _sentences(text))] == ["Cao Thắng"]


def test_canonical_is_the_fullest_name(recognizer):
    text = "Đô đốc Togo Heihachiro thắng lớn. Về sau Togo được phong tước."
    canon = {text[m.start:m.end]: m.canonical for m in recognizer(text, _sentences(text))}
    assert canon == {"Togo Heihachiro": "Togo Heihachiro", "Togo": "Togo Heihachiro"}


def test_dev3_set_is_well_formed():
    path = ROOT / "bench" / "devsets" / "entities_dev3.jsonl"
    folder = ROOT / "bench" / "devsets" / "dev3"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in {r["doc"] for r in rows}}
    assert len(texts) == 3 and len(rows) > 300
    for row in rows:
        assert texts[row["doc"]][row["start"]:row["end"]] == row["text"]
        assert row["label"] in ("PER", "LOC", "ORG", "MISC") and row["canonical"]


def test_foreign_given_names_province_endings_and_divided_states(recognize):
    """A foreign name that begins with a given name is a person (data/given_names.txt); a one-word foreign name in
    "-ie" is a place (data/name_affixes.tsv); the states of a divided country are countries (data/places.tsv), and
    "Nam Hàn" is matched exactly, apart from the dynasty "Nam Hán"."""
    found = recognize("Năm ấy Helmuth von Moltke và Frédéric Passy cùng qua Lombardie rồi về Silésie.")
    assert found.get("Helmuth von Moltke") == "PER" and found.get("Frédéric Passy") == "PER"
    assert found.get("Lombardie") == "LOC" and found.get("Silésie") == "LOC"
    found = recognize("Quân Bắc Hàn vượt sông, quân Nam Hàn lui về phía nam.")
    assert found.get("Bắc Hàn") == "LOC" and found.get("Nam Hàn") == "LOC"
    assert recognize("Năm 938, Ngô Quyền phá quân Nam Hán trên sông Bạch Đằng.").get("Nam Hán") != "LOC"


def test_houses_listed_after_a_plural_head_are_all_houses(recognize):
    found = recognize("Trải qua các nhà Ngô, Đinh, Tiền Lê, nước ta dần vững mạnh.")
    assert found == {"Ngô": "ORG", "Đinh": "ORG", "Tiền Lê": "ORG"}
    assert recognize("Các nhà Tống, Nguyên và Minh đều thua.") == {"Tống": "ORG", "Nguyên": "ORG", "Minh": "ORG"}


def test_a_court_named_by_its_side(recognize):
    found = recognize("Từ đấy nước ta chia làm hai, Nam triều của nhà Lê và Bắc triều của nhà Mạc.")
    assert found.get("Nam triều") == found.get("Bắc triều") == "ORG"
    assert recognize("Quân Nguyên bị đánh úp trên sông Hải Triều.").get("Hải Triều") == "LOC"
    assert not any(label == "ORG" for label in recognize("Hằng năm, sứ Trung Hoa triều cống.").values())


@pytest.mark.parametrize("text, house", [
    ("Quân Tây Sơn tiến vào, tướng Thanh là Sầm Nghi Đống thắt cổ.", "Thanh"),
    ("Các vua Hậu Trần nổi lên chống giặc.", "Hậu Trần"),
    ("Năm 1400, Hồ Quý Ly phế vua Trần, lập ra nhà Hồ.", "Trần"),
    ("Sau đó tướng Nguyên bị bắt.", "Nguyên"),
])
def test_a_dynasty_alone_after_a_title_is_the_house(recognize, text, house):
    assert recognize(text).get(house) == "ORG"


@pytest.mark.parametrize("text", ["Năm 1368, nhà Nguyên bị diệt.", "Năm ấy quân Nguyên bị đánh úp.",
                                  "Năm 1789, vua Gia Long xin nhà Thanh phong vương."])
def test_a_dynasty_after_its_cue_is_no_common_word_with_the_next_syllable(recognize, text):
    assert {"Nguyên", "Thanh"} & {name for name, label in recognize(text).items() if label == "ORG"}



def test_a_capitalized_title_before_a_place_stays_out_of_it(recognize):
    found = recognize("Vua cử Lâm Tắc Từ, khi ấy làm Tổng đốc Hồ Quảng, ra Quảng Châu.")
    assert found == {"Lâm Tắc Từ": "PER", "Hồ Quảng": "LOC", "Quảng Châu": "LOC"}
    found = recognize("Ở Pháp, ông tự đội mũ miện, xưng Hoàng đế Pháp.")
    assert "Hoàng đế Pháp" not in found and found.get("Pháp") == "LOC"


def test_titles_of_princes_and_the_houses_their_officers_serve(recognize):
    found = recognize("Năm 1856, Đông vương Dương Tú Thanh bị Bắc vương Vi Xương Huy giết; Dực vương Thạch Đạt Khai "
                      "bỏ đi.")
    assert found == {"Dương Tú Thanh": "PER", "Vi Xương Huy": "PER", "Thạch Đạt Khai": "PER"}
    found = recognize("Sau trận ấy, các đại thần nhà Thanh là Kỳ Anh và Y Lý Bố ký hoà ước.")
    assert found == {"Thanh": "ORG", "Kỳ Anh": "PER", "Y Lý Bố": "PER"}
    # a title its possessor's ("của"): what follows the copula is the thing owned, a place here
    assert recognize("Căn cứ của các tướng nhà Tây Sơn là Quy Nhơn.") == {"Tây Sơn": "ORG", "Quy Nhơn": "LOC"}
    assert recognize("Vua Quang Trung phong ông làm tướng.") == {"Quang Trung": "PER"}
