"""When a part of a name may join a full name (the text must support it), when two names of one article or of
one gloss are one referent, and the types a cue before a list of names gives its members."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]


def _found(recognizer, text):
    """(surface, label, canonical) of every mention, in order."""
    return [(text[m.start:m.end], m.label, m.canonical) for m in recognizer(text, split_sentences(text))]


def test_importing_the_recognizer_reads_no_data_file():
    # the sources a rule ends in are read on first use (cached), not when the module is imported
    code = ("import pipeline.entities.recognizer as r; from pipeline.entities.lexicon import lexicon; "
            "assert lexicon.cache_info().misses == 0, lexicon.cache_info()")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})


def _examples(*names):
    from pipeline.entities.lexicon import DATA
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# example:"):
                text, expected = line[len("# example:"):].split("=>")
                yield pytest.param(text.strip().replace("\\n", "\n"),
                                   [tuple(p.strip().split("=")) for p in expected.split(";")],
                                   id=f"{name}:{text.strip()[:40]}")


@pytest.mark.parametrize("text, expected", list(_examples("part_links.tsv", "link_cues.txt")))
def test_the_examples_of_the_link_data_files_hold(recognizer, text, expected):
    """``surface=canonical`` for every mention of the surface, ``surface=-`` for none."""
    found = _found(recognizer, text)
    for surface, canonical in expected:
        canonicals = {c for s, _, c in found if s == surface}
        assert canonicals == (set() if canonical == "-" else {canonical}), (surface, found)


def test_a_part_shared_by_two_full_names_joins_only_the_one_before_it_in_its_paragraph(recognizer):
    # the full name of the paragraph before does not support it where a later full name shares the part; a full
    # name before it in its paragraph does, unless another supports it too
    text = ("Năm 1919, Motilal Nehru làm chủ tịch Quốc đại.\nNehru đi khắp nước.\n"
            "Năm 1929, Jawaharlal Nehru lên thay. Nehru đòi độc lập hoàn toàn.")
    assert [c for s, _, c in _found(recognizer, text) if s == "Nehru"] == ["Nehru", "Nehru"]
    text = ("Năm 1919, Motilal Nehru làm chủ tịch Quốc đại. Nehru đi khắp nước.\n"
            "Năm 1929, Jawaharlal Nehru lên thay.")
    assert [c for s, _, c in _found(recognizer, text) if s == "Nehru"] == ["Motilal Nehru"]


# -- types a list of names shares ----------------------------------------------------------------------------------
def test_names_filling_a_parenthesis_after_a_title_are_persons_of_one_type(recognize):
    # a comma-only run of names that fills a parenthesis is a list; a title a few words before it makes them
    # persons ("các tướng lãnh cũ (Denikine, Kolchadt)")
    found = recognize("Quân bảo hoàng, dưới quyền các tướng lãnh cũ (Denikine, Kolchadt), nổi lên đánh chiếm các tỉnh.")
    assert (found.get("Denikine"), found.get("Kolchadt")) == ("PER", "PER")
    found = recognize("Dân các nước lân cận (Lào, Cao Miên) đều theo về.")
    assert (found.get("Lào"), found.get("Cao Miên")) == ("LOC", "LOC")


def test_a_slavic_suffix_after_two_letters_votes_a_person(recognize):
    # "-ev" after two letters only ("Azev"): the spelling's vote outweighs the CRF's weak place vote
    assert recognize("Nhưng sau vụ Azev, họ chán chuyện khủng bố.").get("Azev") == "PER"


# -- which of two names of one place is the canonical --------------------------------------------------------------
def test_the_name_the_text_calls_the_present_one_wins_over_the_more_written(recognizer):
    text = ("Năm 1267, Hốt Tất Liệt dời đô về Đại Đô (tức Bắc Kinh bây giờ). Đại Đô thành kinh đô của nhà Nguyên. "
            "Quân Nguyên từ Đại Đô kéo xuống.")
    assert {c for s, _, c in _found(recognizer, text) if s in ("Đại Đô", "Bắc Kinh")} == {"Bắc Kinh"}


def test_two_places_a_place_word_relates_are_two_whatever_an_encyclopedia_redirect_says(recognizer):
    # the encyclopedia's article "Vân Nam" names "Đại Lý" (the gazetteer's referents); "Đại Lý ở Vân Nam" says two
    text = "Năm 1253, quân Mông Cổ diệt nước Đại Lý ở Vân Nam. Rồi họ từ Vân Nam đánh xuống."
    assert ("Đại Lý", "LOC", "Đại Lý") in _found(recognizer, text)


def test_a_transliteration_a_naming_clause_gives_joins_the_own_name(recognizer):
    # "sách ta phiên là" (data/alias_cues.txt: "phiên là") gives the other name of the name before its clause
    text = "Con ông là Chulalongkorn, sách ta phiên là Chu-la-long-con, tức Rama đệ ngũ, lên ngôi năm 1868."
    assert {c for _, label, c in _found(recognizer, text) if label == "PER"} == {"Chulalongkorn"}


def test_a_bare_head_joins_the_longer_name_of_its_body_only_with_support(recognizer):
    text = "Năm 1788, Quốc hội họp ở Paris.\nNăm sau, Quốc hội lập hiến ra đời. Sau đó Quốc hội bỏ chế độ phong kiến."
    found = [c for s, _, c in _found(recognizer, text) if s == "Quốc hội"]
    assert found == ["Quốc hội", "Quốc hội lập hiến"]


def test_two_names_an_alias_cue_equates_share_one_label(recognizer):
    # "X, tức Y": a name with no evidence of its own takes the label of the name it is equated with, and the two
    # share the Sino-Vietnamese reading; a naming clause's country ("mà sách Pháp gọi là") does not
    text = "Năm 1948, nước Cộng hoà Dân chủ Nhân dân Triều Tiên ra đời, đứng đầu là Kim Nhật Thành, tức Kim Il-sung."
    found = _found(recognizer, text)
    assert ("Kim Nhật Thành", "PER", "Kim Nhật Thành") in found and ("Kim Il-sung", "PER", "Kim Nhật Thành") in found
    found = _found(recognizer, "Năm 1279, Hốt Tất Liệt, mà sách Pháp gọi là Koubilaï, diệt nhà Tống.")
    assert ("Koubilaï", "PER", "Hốt Tất Liệt") in found


def test_a_place_after_nguoi_in_an_apposition_is_no_person_of_the_verb_after_the_comma(recognize):
    # "người X" is one from a place; a person's verb after a comma ("..., đem quân") is the subject's, not X's
    found = recognize("Năm 931, Dương Đình Nghệ, người Ái Châu, đem quân ra đánh đuổi được giặc.")
    assert found.get("Ái Châu") == "LOC"


def test_a_mound_a_pass_and_a_sandbank_head_a_place(recognize):
    found = recognize("Bảy mươi hai người chết, về sau được chôn ở gò Hoàng Hoa Cương.")
    assert found.get("Hoàng Hoa Cương") == "LOC"


def test_a_phrase_that_refers_back_gives_no_name_the_document_wrote_before_its_antecedent(recognizer):
    # "gọi ông là Pierre": the nearest earlier person is Ivan, but Pierre was named before him: he is "ông"
    text = ("Năm 1682, Pierre lên ngôi cùng anh là Ivan. Về sau người ta gọi ông là Pierre đại đế.\n"
            "Pierre sang Hà Lan học đóng tàu.")
    assert {c for s, _, c in _found(recognizer, text) if s == "Pierre"} == {"Pierre"}


def test_of_two_names_the_text_equates_a_part_of_the_other_is_never_the_canonical(recognizer):
    text = "Năm 1725, Pierre mất; vợ là Catherine lên ngôi, tức Catherine đệ nhất. Catherine trị vì hai năm."
    assert {c for s, _, c in _found(recognizer, text) if s.startswith("Catherine")} == {"Catherine đệ nhất"}


def test_a_title_after_a_persons_classifier_in_an_apposition_votes_a_person(recognize):
    found = recognize("Năm 1932, Nhật dựng nên Mãn Châu quốc và đặt Phổ Nghi, vị hoàng đế cuối cùng của nhà Thanh, "
                      "lên ngôi. Ở Huế, vua Tự Đức ra lệnh.")
    assert (found.get("Phổ Nghi"), found.get("Huế")) == ("PER", "LOC")


def test_names_a_naming_clause_equates_share_one_label(recognizer):
    # "Vienne, mà sách ta gọi là Viên": one place; a title after "tức" types its name alone ("Đông Kinh, tức vua")
    text = "Năm 1815, các nước họp ở Vienne, mà sách ta gọi là Viên."
    assert ("Viên", "LOC", "Vienne") in _found(recognizer, text)
    text = "Năm 1428, Lê Lợi lên ngôi ở Đông Kinh, tức vua Lê Thái Tổ. Lê Thái Tổ đặt ra luật lệ."
    found = _found(recognizer, text)
    assert ("Đông Kinh", "LOC", "Đông Kinh") in found and ("Lê Thái Tổ", "PER", "Lê Lợi") in found


def test_a_suggestion_inside_a_name_counts_only_where_the_whole_repaired_word_is_written(recognizer):
    text = "Raspoutine được sủng ái. Năm 1916, Kaspoutine bị giết. Xứ Bô-hem nổi dậy; Bô-hem bị trừng trị."
    at = text.rindex("Bô-hem") + len("Bô-")
    suggestions = {(text.index("Kaspoutine"), text.index("Kaspoutine") + 10): "Raspoutine", (at, at + 3): "em"}
    found = [(text[m.start:m.end], m.canonical) for m in recognizer(text, split_sentences(text), suggestions)]
    assert ("Kaspoutine", "Raspoutine") in found  # the whole word repaired, written elsewhere
    assert ("Bô-hem", "Bô-em") not in found  # a piece of a name: "Bô-em" is written nowhere


@pytest.mark.parametrize("text, expected", [
    # two names the text gives one man that open with one word: that word is his family name, and alone stands
    # for him, whatever the lists of family names hold
    ("Ở Bình Nhưỡng, đứng đầu là Kim Nhật Thành, tức Kim Il-sung. Ông Lý lẫn ông Kim đều muốn thống nhất.",
     "Kim Nhật Thành"),
    # without such a pair the word is no family name the lists know: it stays its own
    ("Ở Bình Nhưỡng, đứng đầu là Kim Nhật Thành. Ông Lý lẫn ông Kim đều muốn thống nhất.", "Kim"),
])
def test_the_family_name_two_equated_names_share_stands_for_the_man(recognizer, text, expected):
    assert {c for s, _, c in _found(recognizer, text) if s == "Kim"} == {expected}


def test_a_referring_head_is_the_body_of_that_head_named_last_before_it(recognizer):
    # two bodies of the head "Hội nghị": the bare head is the one named last before it (org_heads.tsv "referring")
    text = ("Tháng 5-1789, Hội nghị các Đẳng cấp họp ở Versailles. Năm 1792, Hội nghị Quốc ước bãi bỏ ngôi vua.\n"
            "Louis XVI bị xử chém ngày 21-1-1793. Trong Hội nghị, phái Girondin và phái Montagnard tranh nhau.")
    assert {c for s, _, c in _found(recognizer, text) if s == "Hội nghị"} == {"Hội nghị Quốc ước"}


@pytest.mark.parametrize("bodies", [
    "Năm 1792, Hội nghị Quốc ước bãi bỏ ngôi vua.",
    "Năm 1789, vua triệu tập Hội nghị các Đẳng cấp. Năm 1792, Hội nghị Quốc ước bãi bỏ ngôi vua.",
])
def test_a_referring_head_after_a_meeting_the_text_does_not_name_is_no_named_body(recognizer, bodies):
    # the head in lower case, a common noun, opens another meeting, which the bare head then means: a wrong link
    # to the Convention was worse than none
    text = (f"{bodies}\nĐầu năm 1930, Nguyễn Ái Quốc triệu tập hội nghị hợp nhất các tổ chức cộng sản ở Cửu Long. "
            "Tại Hội nghị, các đại biểu nhất trí thành lập Đảng Cộng sản Việt Nam.")
    assert {c for s, _, c in _found(recognizer, text) if s == "Hội nghị"} == {"Hội nghị"}


@pytest.mark.parametrize("text, damaged, repaired", [
    # a speck inside a damaged foreign name ("I.énine": L read as "I.")
    ("Lénine về nước. Lénine đọc luận cương. Trotsky cũng như I.énine, vẫn không dám hô hào.", "I.énine", "Lénine"),
    # a capitalized syllable of a long body's name, every other word the same
    ("Năm 1914, đảng Xã hội dân chủ Đức bỏ phiếu. Lénine chê đảng Xã hội dân chủ Đức. Danh hiệu ấy đã bị đảng Xã "
     "hội dân chủ Bức bôi nhọ.", "đảng Xã hội dân chủ Bức", "đảng Xã hội dân chủ Đức"),
    # never in a short name: two men of one family name and given names one edit apart stay two
    ("Trần Văn Tâm đi Huế. Trần Văn Tâm về. Trần Văn Tám ở lại.", "Trần Văn Tám", "Trần Văn Tám"),
    # nor where the differing syllable with its capitalized neighbours is a place of its own (Hunan, not Hà Nam)
    ("Ủy ban Hành chính Hà Nam được lập. Ủy ban Hành chính Hà Nam họp. Ủy ban Hành chính Hồ Nam thì ở Trung Quốc.",
     "Ủy ban Hành chính Hồ Nam", "Ủy ban Hành chính Hồ Nam"),
])
def test_a_damaged_mention_takes_the_name_it_is_one_edit_from(recognizer, text, damaged, repaired):
    assert {c for s, _, c in _found(recognizer, text) if s == damaged} == {repaired}
