"""Organisation and MISC structures, lists of names sharing a label,
Vietnamese names at a sentence start, office titles, and the spaCy Doc container."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.entities.container import to_doc

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, expected", [
    ("Hai nước lập ra Uỷ ban Không can thiệp ở Luân Đôn.", "Uỷ ban Không can thiệp"),
    ("Ông viết cho Hội Liên hiệp thuộc địa nhiều bài.", "Hội Liên hiệp thuộc địa"),
    ("Năm ấy Mặt trận Bình dân thắng cử.", "Mặt trận Bình dân"),
    ("Dân nghèo vẫn theo Vệ binh quốc gia giữ thành.", "Vệ binh quốc gia"),
    ("Họ xin gia nhập Lữ đoàn Quốc tế để sang chiến đấu.", "Lữ đoàn Quốc tế"),
    ("Quân đội tiến qua đất của Toà thánh xuống miền nam.", "Toà thánh"),
    ("Phe hữu tập hợp quanh đảng Cộng hoà tả của ông.", "đảng Cộng hoà tả"),
    ("Vua ban yến cho các quan ở Lễ bộ và Hàn lâm viện.", "Hàn lâm viện"),
])
def test_organisation_spans(recognize, text, expected):
    assert recognize(text).get(expected) == "ORG"


def test_capital_only_head_and_sentence_start(recognize):
    assert "mặt trận" not in " ".join(recognize("Quân Nga rút khỏi mặt trận Đức vào mùa đông.")).lower()
    assert "Chính phủ" not in recognize("Chính phủ bỏ chạy sang Valence.")


@pytest.mark.parametrize("text, expected, label", [
    ("Hai bên ký hoà ước Versailles năm ấy.", "hoà ước Versailles", "MISC"),
    ("Năm 1858 ông ký mật ước Plombières với nhà vua.", "mật ước Plombières", "MISC"),
    ("Đến cách mạng 1848 thì dân nổi dậy.", "cách mạng 1848", "MISC"),
    ("Sau cách mạng tháng Mười, thế hệ ấy lớn lên.", "cách mạng tháng Mười", "MISC"),
    ("Từ đó, chủ nghĩa Mác lấy bài học ấy làm nền tảng.", "chủ nghĩa Mác", "MISC"),
    ("Tờ báo Le Cri du Peuple bán chạy.", "Le Cri du Peuple", "MISC"),
    ('Ông vẽ bức tranh "Guernica" để tố cáo.', "Guernica", "MISC"),
    # An event named by its country keeps its head (bench/devsets/README.md, prose4's conventions).
    ("Phái Girondins dưới thời cách mạng Pháp thất bại.", "cách mạng Pháp", "MISC"),
    ("Năm 1950, Chiến tranh Triều Tiên bùng nổ.", "Chiến tranh Triều Tiên", "MISC"),
    ("Khi Chiến tranh thế giới thứ hai bùng nổ, ông sang Anh.", "Chiến tranh thế giới thứ hai", "MISC"),
    ("Chiến tranh Ba mươi năm tàn phá nước Đức.", "Chiến tranh Ba mươi năm", "MISC"),
    ("Năm 1860, Dịch Hân phải ký điều ước Bắc Kinh.", "điều ước Bắc Kinh", "MISC"),
    ("Năm 1945, năm mươi nước ký Hiến chương Liên hợp quốc.", "Hiến chương Liên hợp quốc", "MISC"),
    ("Năm 1804, Bộ luật Dân sự ban hành.", "Bộ luật Dân sự", "MISC"),
    ("Người đời quen gọi là luật Hồng Đức.", "luật Hồng Đức", "MISC"),
])
def test_misc_cues(recognize, text, expected, label):
    assert recognize(text).get(expected) == label


def test_socialist_adjective_is_no_doctrine(recognize):
    found = recognize("Họ là phần tử xã hội chủ nghĩa Mensevich cả.")
    assert not any(label == "MISC" for label in found.values())


def test_list_members_share_the_label_of_the_cued_one(recognize):
    found = recognize("Các tướng Dombrowski, Wroblewski và Rossel chỉ huy quân.")
    assert found == {"Dombrowski": "PER", "Wroblewski": "PER", "Rossel": "PER"}
    found = recognize("Quân Áo giữ hai xứ Lombardie và Vénétie rất lâu.")
    assert found.get("Lombardie") == found.get("Vénétie") == "LOC"


def test_list_gives_a_sentence_initial_country(recognize):
    assert recognize("Anh và Pháp cấm bán vũ khí.") == {"Anh": "LOC", "Pháp": "LOC"}
    assert "Anh" not in recognize("Anh ấy ở lại Paris.")


def test_clause_commas_are_no_lists(recognize):
    found = recognize("Ở Pétrograd, Kamenev và Zinoviev phản đối.")
    assert found.get("Pétrograd") == "LOC"
    assert found.get("Kamenev") != "LOC" and found.get("Zinoviev") != "LOC"
    found = recognize("Quốc hội họp ở Bordeaux, và tướng Thiers được cử cầm đầu.")
    assert found.get("Bordeaux") == "LOC" and found.get("Thiers") == "PER"


@pytest.mark.parametrize("text, name", [
    ("Phan Bội Châu đọc sách của ông.", "Phan Bội Châu"),
    ("Rồi hai người đi. Nguyễn Ái Quốc viết về Công xã.", "Nguyễn Ái Quốc"),
    ("Tạ Thu Thâu, Nguyễn Văn Tạo và Dương Bạch Mai viết bài.", "Nguyễn Văn Tạo"),
])
def test_vietnamese_names_keep_their_family_name(recognize, text, name):
    assert recognize(text).get(name) == "PER"


def test_office_title_before_a_place_defers_to_the_document(recognize):
    found = recognize("Vua xứ Piémont thua trận. Từ 1852, bá tước Cavour làm thủ tướng Piémont.")
    assert found == {"Piémont": "LOC", "Cavour": "PER"}


def test_regnal_number_makes_a_ruler(recognize):
    assert recognize("Tin đến rằng chính Napoléon III bị bắt.").get("Napoléon III") == "PER"


def test_doc_container_matches_mentions_and_renders(recognizer):
    from spacy import displacy

    text = "Ngày 2-8-1914,  Đức khai chiến với Nga.\n\nÁo-Hung theo Đức; tướng Kornilov rút về."
    doc = recognizer.doc(text, [(0, 39), (41, len(text))])
    mentions = recognizer(text, [(0, 39), (41, len(text))])
    assert doc.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(m.start, m.end, m.label) for m in mentions]
    assert ("Áo-Hung", "LOC") in [(e.text, e.label_) for e in doc.ents]  # one country (places.tsv), not two
    assert doc.ents[0].kb_id_ == "LOC:đức"
    assert "Kornilov" in displacy.render(doc, style="ent")


def test_to_doc_rejects_spans_off_the_text():
    with pytest.raises(ValueError):
        to_doc("Lénine", [(0, 10, "PER", "PER:lenine")])


def test_dev2_set_is_well_formed():
    path = ROOT / "bench" / "devsets" / "entities_dev2.jsonl"
    folder = ROOT / "bench" / "devsets" / "dev2"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in {r["doc"] for r in rows}}
    assert len(texts) == 3 and len(rows) > 250
    for row in rows:
        assert texts[row["doc"]][row["start"]:row["end"]] == row["text"]
        assert row["label"] in ("PER", "LOC", "ORG", "MISC")


def test_a_name_that_ends_a_line_does_not_run_into_the_next_lines_name(recognize):
    """A place ending a line and a full name opening the next are two names; a heading's numeral takes no word of
    the next line; a name broken across lines stays one."""
    got = recognize("Chúa Nguyễn chạy vào Gia Định\nNguyễn Phúc Ánh lên ngôi vương.")
    assert got.get("Gia Định") == "LOC" and got.get("Nguyễn Phúc Ánh") == "PER"
    assert not any("Năm" in name for name in recognize("CHƯƠNG III\nNăm 1885 vua Hàm Nghi xuất bôn."))
    assert recognize("Năm 1802, quân của Nguyễn\nPhúc Ánh vào Thăng Long.").get("Nguyễn\nPhúc Ánh") == "PER"
