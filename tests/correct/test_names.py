"""Syllables of names misread into other syllables, read against the corpora's name lexicon (names.py)."""
import pytest

from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.confusion import tesseract_table
from pipeline.correct.corrector import NAME_RULES
from pipeline.correct.names import NameRules, corpus_name_fix, name_neighbours, name_share, vietnamese_name_pair
from pipeline.correct.lexicon import token_keys
from pipeline.vi.tokens import word_tokens


class FakeLM:
    """Counts of keys and pairs, and of capitalized surfaces."""

    def __init__(self, counts, surfaces):
        self.counts, self.surfaces = counts, surfaces

    def count(self, *keys):
        return self.counts.get(keys if len(keys) > 1 else keys[0], 0)

    def surface_count(self, surface):
        return self.surfaces.get(surface, 0)


RULES = NameRules(pair_min=3, pseudo=1.0, max_cost=4.0, known_surface=3, share=0.1, share_ratio=4.0, own_share=0.12,
                  printed_ratio=0.02, neighbour_share=0.1)
LM = FakeLM({"nghỉ": 1000, "nghi": 1000, ("hàm", "nghi"): 50, ("nghi", "lên"): 9, "thiềm": 100, "hàm": 100, "tôn": 100,
             "trần": 100}, {"Nghi": 300, "Thiềm": 46, "Hàm": 20, "Tôn": 40, "Trần": 50})


def fix(key, left, right, candidates=(("nghi", 0.9),), lm=LM, written=lambda a, b: False):
    return corpus_name_fix(lm, key, left, right, candidates, written, RULES)


def test_a_name_syllable_the_corpora_never_write_there_takes_the_one_they_do():
    cand, score = fix("nghỉ", "hàm", None)
    assert cand == "nghi" and score > 0.9


@pytest.mark.parametrize("counts, written", [
    ({("hàm", "nghỉ"): 2}, False),  # the corpora write the name as printed (1 in 25)
    ({}, True),  # the batch writes it elsewhere
])
def test_a_name_written_as_printed_stays(counts, written):
    lm = FakeLM({**LM.counts, **counts}, LM.surfaces)
    assert fix("nghỉ", "hàm", None, lm=lm, written=lambda a, b: written) is None


def test_a_slip_of_the_corpora_beside_a_name_written_far_more_often_is_no_name():
    lm = FakeLM({**LM.counts, ("hàm", "nghỉ"): 1, ("hàm", "nghi"): 100}, LM.surfaces)
    assert fix("nghỉ", "hàm", None, lm=lm)[0] == "nghi"


def test_the_candidate_must_fit_every_capitalized_neighbour():
    assert fix("nghỉ", "hàm", "tôn") is None  # "Nghi Tôn" unwritten: the candidate fits one side only


def test_a_neighbour_the_corpora_seldom_capitalize_is_no_name_evidence():
    # their pairs are counted case folded: beside a word they write lowercase, a pair is running text
    lm = FakeLM(LM.counts, {**LM.surfaces, "Hàm": 5})  # 5 % of its uses
    assert fix("nghỉ", "hàm", None, lm=lm) is None


def test_a_printed_word_the_corpora_capitalize_is_a_name_of_its_own():
    assert name_share(LM, "thiềm") == 0.46
    assert fix("thiềm", "trần", None, candidates=(("nghi", 0.2),)) is None


def test_a_candidate_the_corpora_seldom_capitalize_is_no_name_syllable():
    lm = FakeLM(LM.counts, {"Nghi": 50})  # 5 % of its uses
    assert fix("nghỉ", "hàm", None, lm=lm) is None


def test_a_dear_confusion_or_a_thin_pair_is_not_weighed():
    assert fix("nghỉ", "hàm", None, candidates=(("nghi", 4.5),)) is None
    lm = FakeLM({**LM.counts, ("hàm", "nghi"): 2}, LM.surfaces)
    assert fix("nghỉ", "hàm", None, lm=lm) is None


def test_the_neighbours_are_the_linked_capitalized_words():
    text = "vua Hàm Nghỉ, Trần"
    tokens = list(word_tokens(text))
    assert name_neighbours(tokens, token_keys(tokens), 2) == ("hàm", None)
    assert name_neighbours(tokens, token_keys(tokens), 1) == (None, "nghỉ")


# With the shipped language model: tesseract's "Hàm Nghỉ", "Đỉnh Văn Tả" (names the corpora write "Hàm Nghi",
# "Đinh Văn"), and names spelled right that stay.
@pytest.fixture(scope="module")
def tesseract():
    return Corrector(confusions=tesseract_table())


@pytest.mark.parametrize("text, wrong, right", [
    ("Họ đưa vị vua mười hai tuổi là Hàm Nghỉ lên ngôi.", "Nghỉ", "Nghi"),
    ("Lấy Lộc quận công Đỉnh Văn Tả hành chức đô tổng binh.", "Đỉnh", "Đinh"),
    ("Trang Tông Dụ Hoàng Để, Trung Tông Vũ Hoàng Đế.", "Để", "Đế"),  # "hoàng để" is a slip of the corpora
    ("Việc thống nhất nước Đức do nước Phố và Thủ tướng Bismarck đảm nhận.", "Phố", "Phổ"),  # a word alone
])
def test_a_misread_name_syllable_is_proposed_not_applied(tesseract, text, wrong, right):
    # a real word made into another name is the worst change: the corpora's name is shown, never applied
    edits = [e for e in tesseract.correct(text, "hòa") if e.kind == "name"]
    assert [(text[e.start:e.end], e.corrected, e.applied) for e in edits] == [(wrong, right, False)]
    assert edits[0].score == pytest.approx(0.6)


@pytest.mark.parametrize("text", [
    "Họ đưa vị vua mười hai tuổi là Hàm Nghi lên ngôi.",
    "Chủ đô trại Tuyên Minh là Trần Thiềm đem quân đi trước.",  # "Trần Thiêm" is written too: Thiềm is a name
    "Châu mục châu Chân Đăng là Lê Pháp Viên dâng hươu trắng.",  # "pháp viện", a court: no name's evidence
    "Lại sai Giản Tu công Dinh người trong kẻ ngoài.",
    "Quân giặc đánh kẹp lại, quân Trừng thất bại, lui giữ cửa Muộn.",  # alone, and "trung" a dear confusion
    "Thư viện Ảo Do Thái ước tính có từ 45.000 tới 52.000 người bị giết.",  # "áo do" is running text, not "Áo Do"
    "Ông chủ trương áp dụng lý thuyết Thể Dụng của phái duy tân.",  # "thể dung" is "có thể dung nạp"
])
def test_names_spelled_right_stay(tesseract, text):
    assert [e for e in tesseract.correct(text, "hòa") if e.applied and e.kind == "name"] == []


def test_a_name_the_batch_writes_so_several_times_stays():
    text = "Vua Hàm Nghỉ lên ngôi. Hàm Nghỉ chạy ra Tân Sở. Sau Hàm Nghỉ bị bắt."
    corrector = Corrector(CorpusStats.from_text(text), confusions=tesseract_table())
    assert [e for e in corrector.correct(text, "hòa") if e.applied and e.kind == "name"] == []


def test_the_rules_are_data():
    assert NAME_RULES == RULES


def test_a_foreign_looking_word_beside_vietnamese_name_syllables_is_one_of_them():
    lm = FakeLM({("nguyễn", "hoàng"): 112}, {})
    assert vietnamese_name_pair(lm, "hoàeg", "hoàng", "nguyễn", None, 3)
    assert not vietnamese_name_pair(lm, "hoàeg", "hoàng", None, None, 3)  # no Vietnamese neighbour
    assert not vietnamese_name_pair(FakeLM({**lm.counts, ("nguyễn", "hoàeg"): 1}, {}), "hoàeg", "hoàng",
                                    "nguyễn", None, 3)  # the corpora write it as printed


@pytest.mark.parametrize("text, wrong, right, applied", [
    ("Thái uý Nguyễn Hoàeg theo vua.", "Hoàeg", "Hoàng", True),
    ("Phan Bội Châu viết cuốn Việt Narn vong quốc sử.", "Narn", "Nam", True),
    ("Nước Pháp phải cắt hai tỉnh Alsaee và Lorraine.", "Alsaee", "Alsace", False),  # a foreign name: shown only
])
def test_a_name_only_the_corpora_know_is_applied_as_a_vietnamese_name_syllable(tesseract, text, wrong, right,
                                                                                applied):
    edits = [(text[e.start:e.end], e.corrected, e.applied) for e in tesseract.correct(text, "hòa") if e.kind == "name"]
    assert edits == [(wrong, right, applied)]
