"""Lost capitals inside names, from the batch's case statistics (pipeline/correct/casing.py)."""
import pickle

from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.casing import CaseEvidence, case_fixes
from pipeline.correct.corrector import CASE_RULES
from pipeline.vi.tokens import word_tokens

TAN_PHUC = [
    "Năm ấy vua đến huyện Tân Phúc xem dân cày ruộng.",
    "Quan coi huyện Tân Phúc dâng lúa chín lên vua.",
    "Mùa thu, nước lớn ở huyện Tân Phúc, dân đói.",
]
PRINTED = "Hạ lệnh cho huyện tân Phúc mở lò rèn đồ sắt."


def fixes(batch_lines: list[str], text: str):
    stats = CorpusStats.from_text("\n".join(batch_lines + [text]))
    return case_fixes(text, list(word_tokens(text)), CaseEvidence(stats), CASE_RULES)


def test_a_capital_lost_before_a_name_is_restored_where_the_batch_writes_the_name():
    [fix] = fixes(TAN_PHUC, PRINTED)
    assert PRINTED[fix.start:fix.end] == "tân" and fix.written == "Tân"
    assert fix.score == CASE_RULES.score >= 0.75 and fix.places == 3


def test_copies_of_one_line_are_one_place():
    copied = [TAN_PHUC[0]] * 3
    assert fixes(copied, PRINTED) == []
    # ... also when the copies come in other documents of the batch, merged after travelling to workers
    parts = [CorpusStats.from_text(line) for line in copied + [PRINTED]]
    merged = CorpusStats()
    for part in parts:
        merged.absorb(pickle.loads(pickle.dumps(part)))
    assert case_fixes(PRINTED, list(word_tokens(PRINTED)), CaseEvidence(merged), CASE_RULES) == []
    distinct = CorpusStats()
    for line in TAN_PHUC + [PRINTED]:
        distinct.absorb(CorpusStats.from_text(line))
    assert len(case_fixes(PRINTED, list(word_tokens(PRINTED)), CaseEvidence(distinct), CASE_RULES)) == 1


def test_a_batch_that_holds_its_lines_twice_keeps_the_fix():
    # a reprint or duplicated pages: every count doubles, the share and the distinct places stay
    once = fixes(TAN_PHUC, PRINTED)
    assert fixes(TAN_PHUC * 2, PRINTED) == once
    parts = [CorpusStats.from_text("\n".join(TAN_PHUC)) for _ in range(3)] + [CorpusStats.from_text(PRINTED)]
    merged = CorpusStats()
    for part in parts:
        merged.absorb(part)
    assert case_fixes(PRINTED, list(word_tokens(PRINTED)), CaseEvidence(merged), CASE_RULES) == once


def test_a_word_the_batch_also_writes_lowercase_there_stays():
    lowercase = ["Ông ấy tân Phúc mà không nói.", "Người ta tân Phúc cả ngày.", "Nhà ấy tân Phúc, đông vui."]
    assert fixes(TAN_PHUC + lowercase, PRINTED) == []  # 3 of 6 other uses: the share decides


def test_two_lowercase_words_of_a_name_are_one_edit_with_offsets_kept():
    batch = ["Vua ngự điện Thiên An xem hội thề.", "Ngày ấy, bày tiệc ở điện Thiên An cho các quan.",
             "Mùa xuân, sửa lại điện Thiên An và lầu Ngũ Phượng."]
    text = "Ngày Canh Ngọ, vua ngự điện thiên an xem quốc nhân hội thề."
    [fix] = fixes(batch, text)
    assert text[fix.start:fix.end] == "thiên an" and fix.written == "Thiên An"


def test_a_common_phrase_written_both_ways_is_left_alone():
    capital = ["Bấy giờ vua Hoàng Đế ngự điện.", "Các quan tâu lên vua Hoàng Đế việc ấy.",
               "Sứ nhà Minh xin gặp vua Hoàng Đế."]
    lowercase = ["Người đời gọi vua hoàng đế là thiên tử.", "Ngày ấy, vua hoàng đế đi săn.",
                 "Dân đều mừng vua hoàng đế lên ngôi."]
    text = "Quân lính theo vua hoàng đế về kinh."
    assert fixes(capital + lowercase, text) == []
    assert [f.written for f in fixes(capital, text)] == ["Hoàng Đế"]  # the batch never writes it lowercase


def test_a_word_after_a_name_is_only_suggested_and_the_corrector_shows_it():
    batch = ["Khi ấy Nhật Lễ vào cung.", "Bọn Nhật Lễ đem quân đến.", "Vua sai giết Nhật Lễ ở ngoài thành."]
    text = "Khi trời sắp sáng, Nhật lễ vào cung, chia người đi giữ cửa."
    [fix] = fixes(batch, text)
    assert fix.written == "Lễ" and fix.score == CASE_RULES.suggest_score < 0.75
    corrector = Corrector(CorpusStats.from_text("\n".join(batch + [text])))
    [edit] = [e for e in corrector.correct(text, "keep") if e.kind == "case"]
    assert text[edit.start:edit.end] == "lễ" and edit.corrected == "Lễ" and not edit.applied


def test_the_corrector_applies_a_strong_fix_in_place_of_its_own_decision():
    text = PRINTED
    corrector = Corrector(CorpusStats.from_text("\n".join(TAN_PHUC + [text])))
    edits = [e for e in corrector.correct(text, "keep") if e.start <= text.index("tân") < e.end]
    assert [(e.corrected, e.kind, e.applied) for e in edits] == [("Tân", "case", True)]


def test_case_pairs_by_code():
    stats = CorpusStats.from_text("Khi ấy sông Mã dâng, vua Lý Công Uẩn về, Nhật Lễ đến\nNhật lễ đi. Nhật Lễ về")
    assert stats.case_pairs[("sông", "mã", "LU")] == 1  # a name of one word after a lowercase one
    assert stats.case_pairs[("vua", "lý", "LN")] == 1  # the start of a longer name
    assert stats.case_pairs[("nhật", "lễ", "UU")] == 1 and stats.case_pairs[("nhật", "lễ", "IL")] == 1
    assert stats.case_pairs[("nhật", "lễ", "IU")] == 1  # at a sentence start: the first capital tells nothing
    assert stats.case_places.count(("nhật", "lễ", "UU")) == 1 and stats.case_places.count(("nhật", "lễ", "IL")) == 0
    again = CorpusStats.from_text("Khi ấy Nhật Lễ đến\nKhi ấy Nhật Lễ đến")  # a line written twice
    assert again.case_pairs[("nhật", "lễ", "UU")] == 2 == again.bigrams[("nhật", "lễ")]  # every use, as bigrams
    assert again.case_places.count(("nhật", "lễ", "UU")) == 1  # ... in one place


# "văn" is written lowercase after many names ("Tống văn", "Hán văn": a common word), but the batch writes the name
# "Nguyễn Văn Đàm" capitalized in several places and never otherwise
VAN_STYLE = [
    "Vua Tống văn thư sang, lời lẽ kiêu căng.",
    "Nhà Hán văn hiến đã lâu đời.",
    "Sứ Minh văn tự gửi sang.",
    "Người Chiêm văn chương kém.",
]
VAN_NAME = [
    "Sai Nguyễn Văn Đàm đi đánh giặc ở An Bang.",
    "Tháng ấy, Nguyễn Văn Đàm về kinh.",
    "Ban cho Nguyễn Văn Đàm áo gấm.",
    "Lấy Nguyễn Văn Đàm làm Tổng binh.",
]
VAN_PRINTED = "Sai bọn Nguyễn văn Đàm đánh thắng."


def test_a_pair_the_batch_always_capitalizes_outweighs_the_words_lowercase_style_as_a_suggestion():
    [fix] = fixes(VAN_STYLE + VAN_NAME, VAN_PRINTED)
    assert VAN_PRINTED[fix.start:fix.end] == "văn" and fix.written == "Văn"
    assert fix.score == CASE_RULES.suggest_score < 0.75  # shown, never applied
    # with the pair in fewer places than an applied fix needs, the style keeps the lowercase
    assert fixes(VAN_STYLE + VAN_NAME[:2], VAN_PRINTED) == []
