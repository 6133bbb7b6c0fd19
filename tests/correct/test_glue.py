import pytest

from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.glue import glue_edits


def _never_numbered(word: str) -> tuple[int, int, int]:
    return 0, 0, 10


@pytest.mark.parametrize("text,mark,corrected", [
    ("Mùa thu,tháng 7, ngày Đinh Mùi", ",", ", "),
    ("tháng 10,ngày Canh Thìn", ",", ", "),
    ("lập làm nguyên phi;cho Trung Từ làm Thái uý", ";", "; "),
    ("chinh thảo sư.Phế thượng hoàng", ".", ". "),
    ("năm thứ 4 đời Hồ(1406), vận chuyển", "(", " ("),
    ("Nguyên Chí Chính năm thứ 1) .Mùa xuân, lấy", ".", ". "),
    ('Xuống chiếu rằng:"Trẫm nhận lấy', ":", ": "),
    ("Khai Hựu năm thứ 11[1339], Nguyên Chí Nguyên", "[", " ["),
])
def test_a_lost_space_around_punctuation_is_inserted(text, mark, corrected):
    edits = glue_edits(text, _never_numbered, 0.75)
    assert [(text[e.start:e.end], e.corrected, e.kind, e.applied) for e in edits] == [(mark, corrected, "spacing", True)]


@pytest.mark.parametrize("text", [
    "giá 1,5 triệu đồng",  # a decimal comma
    "các nước v.v. đều dự",  # an abbreviation
    "Ban chấp hành T.Ư. họp",  # initials
    "Hà Nội, Huế; Sài Gòn. Xong (thêm)",  # well-spaced text
    "xem http://vi.wikipedia.org và lúc 10:30 , rồi .NET và . Xong",  # addresses, times, spaced marks
    "xem Thể loại:Câu lạc bộ và Bản mẫu:Tháng",  # a wiki's namespaces
    "Đô.[30a] Ngày Giáp Dần, xem a[i] và chú thích[3]",  # a leaf marker, an index, a note after a word
])
def test_typography_of_the_author_stays(text):
    assert glue_edits(text, _never_numbered, 0.75) == []


def test_a_number_glued_to_a_word_the_batch_numbers_is_split():
    book = "Tháng 3, mưa. Tháng 5, hạn. Tháng 7, lụt. Tháng 9, bão. Tháng 11, rét. Tháng3, ngày Giáp Tuất. Long9 chép."
    edits = [e for e in Corrector(CorpusStats.from_text(book)).correct(book, "hòa") if e.kind == "spacing"]
    assert [(book[e.start:e.end], e.corrected, e.applied) for e in edits] == [("3", " 3", True)]


def test_a_word_the_batch_glues_numbers_to_keeps_its_footnote_marks():
    book = ("Năm 1010, dời đô. Năm 1054, đổi quốc hiệu. Năm 1075, đánh Tống. Năm 1077, thắng. Năm 1225, nhà Trần. "
            "Được 30 năm6 thì chết. Ở ngôi 12 năm7, băng.")
    assert [e for e in Corrector(CorpusStats.from_text(book)).correct(book, "hòa") if e.kind == "spacing"] == []


def test_a_long_book_that_lost_a_few_spaces_after_a_word_is_still_split():
    counts = {"tháng": (250, 2, 300), "vương": (2, 49, 1900)}  # spaced, glued, all uses
    text = "Mùa thu, tháng8, vua về. Nhân Tông vương9 nói."
    edits = glue_edits(text, lambda word: counts.get(word.lower(), (0, 0, 0)), 0.75)
    assert [(text[e.start:e.end], e.corrected, e.applied) for e in edits] == [("8", " 8", True)]
