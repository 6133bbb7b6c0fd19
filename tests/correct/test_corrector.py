import pytest

from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.confusion import tesseract_table
from pipeline.correct.corrector import DEFAULT_THRESHOLD, _window, _wrapped
from pipeline.correct.lexicon import token_keys
from pipeline.correct.render import document_style
from pipeline.vi.tokens import word_tokens

# A made-up paragraph in the manner of the book: a frequent name and one misread variant of it.
STORY = (
    "Hoàng hậu tin cậy Raspoutine. Ai cũng biết Raspoutine rất có thế lực trong cung. "
    "Các đại thần ghét Raspoutine nhưng không dám nói. Về sau Kaspoutine bị giết. "
    "Cuộc cách mạng xảy ra rất nhanh chỏng, và chế độ cũ sụp đổ."
)
CLEAN = (
    "Nga hoàng là một ông vua không có cá tính, dễ nghi ngờ và bướng bỉnh, nhưng thiếu cương quyết. "
    "Quân đội phần lớn là nông dân, không chịu tuân lệnh. Chính phủ lâm thời tuyên bố thành lập. "
    "Từ đó trở đi, tình trạng lưỡng đầu chế vẫn tiếp tục. Lénine và Trotsky trở về Pétrograd. "
    "Kérensky, Milioukov và Zinoviev đều có mặt tại Quốc hội Douma. Phái Bolsevich chiếm đa số."
)


@pytest.fixture(scope="module")
def story_edits():
    corrector = Corrector(CorpusStats.from_text(STORY))
    return {STORY[e.start:e.end]: e for e in corrector.correct(STORY, "hòa")}


def test_rare_name_becomes_the_frequent_one(story_edits):
    edit = story_edits["Kaspoutine"]
    assert (edit.corrected, edit.kind, edit.applied) == ("Raspoutine", "name", True)


def test_realword_tone_confusion(story_edits):
    edit = story_edits["chỏng"]
    assert (edit.corrected, edit.kind, edit.applied) == ("chóng", "ocr_realword", True)


def test_edits_cover_exactly_the_changed_token(story_edits):
    for surface, edit in story_edits.items():
        assert STORY[edit.start:edit.end] == surface
        assert " " not in surface and surface.strip() == surface
        assert 0.0 <= edit.score <= 1.0 and edit.applied == (edit.score >= DEFAULT_THRESHOLD)


def test_clean_text_and_foreign_names_untouched():
    corrector = Corrector(CorpusStats.from_text(CLEAN))
    assert [e for e in corrector.correct(CLEAN, "hòa") if e.applied] == []


def test_without_stats_the_text_is_its_own_batch():
    edits = Corrector().correct(STORY, "hòa")
    assert any(e.corrected == "Raspoutine" and e.applied for e in edits)


@pytest.mark.parametrize("text,wrong,right", [
    ("các bộ lnrởng bị bắt", "lnrởng", "trưởng"),
    ("mâu thuẫn giĩra hai bên", "giĩra", "giữa"),
    ("quận công thoái vị. NNhưng ngay hôm sau", "NNhưng", "Nhưng"),
    ("nhiều kẻ Iưu manh đầu cơ", "Iưu", "lưu"),
    ("Ngày 123-1921 có hội nghị", "123-1921", "12-3-1921"),
])
def test_damaged_tokens(text, wrong, right):
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(wrong, right)]


@pytest.mark.parametrize("style,expected", [("hòa", "hóa"), ("hoà", "hoá")])
def test_corrections_keep_the_document_tone_style(style, expected):
    text = "họ muốn xã hội hoả các xí nghiệp"
    assert [e.corrected for e in Corrector().correct(text, style)] == [expected]


def test_lost_space_is_proposed_but_left_to_the_reader():
    """Joined words are calibrated below the threshold (few examples to learn from): a suggestion only."""
    text = "tốp thợ đốt lửa ởxung quanh bản doanh"
    edits = Corrector().correct(text, "hòa")
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [("ởxung", "ở xung", "spacing")]


@pytest.mark.parametrize("text,expected", [
    ("họ muốn xã hội hoả các xí nghiệp", "hoá"),  # the token's own placement
    ("thuở ấy hoà bình, xã hội hoa các xí nghiệp", "hoá"),  # no mark: the document's ("hoà")
    ("thuở ấy hòa bình, xã hội hoa các xí nghiệp", "hóa"),
])
def test_keep_style_keeps_the_token_or_document_placement(text, expected):
    edits = Corrector(confusions=tesseract_table()).correct(text, "keep")
    assert expected in [e.corrected for e in edits]


def test_document_style_is_the_majority_placement():
    assert document_style("hoà bình, thuỷ lợi, khoẻ mạnh, hòa") == "hoà"
    assert document_style("không có chữ nào") == "hòa"


def test_correct_rare_words_with_dictionary_neighbours_untouched():
    text = "Vua sai quan đi học chữ, thu thuế, lấy máu ăn thề, làm bia biểu dương công trạng."
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


@pytest.mark.parametrize("text,removed", [
    ("sau Phúc cùng đi với với Liễu Thăng", " với"),
    ("quân ta tiến lên lên núi", " lên"),
])
def test_doubled_function_word_is_removed(text, removed):
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [(removed, "", "ocr_realword")]


@pytest.mark.parametrize("text,removed", [
    ("nhóm này có khuynh hướng hưởng bảo thủ rõ rệt", " hưởng"),  # a second copy misread
    ("vì do đo trời mưa to nên phải nghỉ", " đo"),
])
def test_misread_copy_of_the_word_before_is_suggested_for_removal(text, removed):
    edits = [e for e in Corrector().correct(text, "hòa") if e.corrected == ""]
    assert [(text[e.start:e.end], e.corrected, e.applied) for e in edits] == [(removed, "", False)]


@pytest.mark.parametrize("text", ["Người ta cho rằng răng cá heo được dùng như cơ quan thụ cảm.",
                                  "Vắt bớt nước để ra hết chất chát thì đem dầm đường.",
                                  "Sau đó ông sẽ dẫn dần tới thịnh."])
def test_a_look_alike_the_corpora_never_write_is_not_removed_unasked(text):
    # pairs the corpora never write and that are Vietnamese: a misread copy is only ever suggested
    assert [e for e in Corrector().correct(text, "hòa") if e.corrected == "" and e.applied] == []


@pytest.mark.parametrize("text", ["tốc độ đô thị hóa cao", "hiện tượng tương tự chưa liệt kê", "đi đo đất",
                                  # pairs the corpora write a dozen times or more: the author's, not a misread copy
                                  "Làng này nay là xã Yên Sở.", "Chùa này nay không còn nữa.", "Không thể thế được.",
                                  "Chiếc thuyền trôi đi và va vào đá.", "sách xuất bản bán rất rẻ mà không chạy",
                                  "chỗ nào có cỏ là thắng", "Chỉ còn con ngơ ngác đứng nhìn.",
                                  "Nhưng cứ như tài học của anh, thì thi lúc nào cũng đỗ."])
def test_a_look_alike_that_reads_on_with_the_next_word_stays(text):
    assert [e for e in Corrector().correct(text, "hòa") if e.corrected == ""] == []


@pytest.mark.parametrize("text", ["nhà nhà đều là Hậu Nghệ", "dần dần tiến lên", "ra làm tri châu châu Lộng Nguyên"])
def test_reduplication_is_the_authors(text):
    assert [e for e in Corrector().correct(text, "hòa") if e.applied and e.corrected == ""] == []



@pytest.mark.parametrize("text,wrong,right", [
    ("các đảng phái thành lâp chính phủ", "lâp", "lập"),  # Vietnamese marks: no foreign word
    ("Muà thu, tháng 7, dựng đền thờ", "Muà", "Mùa"),  # misplaced tone at a sentence start
    ("cùng với người tronh kinh đánh bạc", "tronh", "trong"),  # plain letters, one slip from a common word
    ("Lấy Trần Thì KIến làm An phủ sứ", "KIến", "Kiến"),  # a capital read inside a word
    ("Lý [1028-1054], [1054-1072]; Trần ở ngôi 35 năm [11761210], băng", "11761210", "1176-1210"),  # lost dash
])
def test_misread_tokens_are_repaired(text, wrong, right):
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(wrong, right)]


@pytest.mark.parametrize("text", [
    "Thống chế von Hindenburg chỉ huy quân Đức",  # a foreign particle
    "Ông Ruy de Brito bị bắt",
    "số hiệu 12345678 của tàu",  # eight digits that are no span of years
    "giáo sư Milioukov viết cuốn sách",
    "theo điều a, b và c của luật",  # letters,
    "đường dài 5 km, rộng 3 m",  # units
    "xem tr. 12 và ch. 3",  # abbreviations
    "Bờ Biển Ngà (Côte d'Ivoire) ở châu Phi",
    "Nước VIỆT NAM độc lập",  # capitals throughout
])
def test_foreign_words_and_numbers_stay(text):
    assert [e for e in Corrector().correct(text, "hòa") if e.applied] == []


def test_a_plain_word_the_batch_repeats_is_the_authors():
    text = "cuốn sách của tronh và tronh và tronh nữa"
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


BOOK = "Nguyễn Trãi về. Vua sai Nguyễn Trãi đi. Quan Nguyễn Xí đến. Ông Nguyễn Huệ đánh. " * 3


def test_a_lost_capital_before_a_name_is_restored():
    text = BOOK * 3 + "Vua lấy nguyễn Trãi làm quan."  # capitalized in 27 of 28 uses inside sentences
    edits = [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [("nguyễn", "Nguyễn", "name")]


def test_a_word_that_belongs_to_the_one_before_stays_lowercase():
    text = BOOK + "Nam quốc sơn hà Nam đế cư. Sông núi Hà Nội. Về Hà Đông. Ở Hà Tiên."
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


def test_a_glued_span_of_years_is_only_suggested_where_the_book_writes_no_spans():
    text = "ở ngôi 35 năm [11761210], băng ở cung"
    edits = Corrector().correct(text, "hòa")
    assert [(e.corrected, e.applied) for e in edits] == [("1176-1210", False)]


def test_a_generic_head_before_a_name_stays_lowercase():
    text = BOOK + "Quân đến châu Lộng Nguyên. Về châu Ái. Ở châu Hoan. Sang Hoan Châu."
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


# Correct names and codes beside look-alike names the batch writes often (issue 10): none may be rewritten.
LOOKALIKES = (
    "Liberia là một nước ở châu Phi. Siberia rất lạnh. Người ta đày tù đi Siberia. Siberia rộng lớn.\n"
    "Triết gia Kant sống ở Königsberg. Kate là tên một người. Kate và Kate gặp nhau.\n"
    "Tổng thống Nixon từ chức. Nixon và Nixon. Ông Dixon là nhà báo.\n"
    "Tỉnh Zeeland ở Hà Lan. New Zealand và Zealand và Zealand là đảo quốc.\n"
    "Myanma là tên gọi. Myanmar và Myanmar và Myanmar.\n"
    "Người Maori ở New Zealand. Maori và Maori. Maria là tên phổ biến.\n"
    "Napoleon và Napoleon và Napoleon. Napoléon lên ngôi hoàng đế.\n"
    "Alexander và Alexander và Alexander. Sa hoàng Alexandre gặp ông ấy.\n"
    "Khí clo rất độc. Theo Quyết định số 252/QĐ-TTg của Thủ tướng. Phường P.Hố Nai.\n"
)


def test_correct_names_are_not_rewritten_into_other_names():
    edits = Corrector(CorpusStats.from_text(LOOKALIKES)).correct(LOOKALIKES, "hòa")
    assert [(LOOKALIKES[e.start:e.end], e.corrected) for e in edits if e.applied] == []


def test_accent_variants_of_a_name_are_only_suggested():
    text = "Pétrograd và Pétrograd và Pétrograd là thủ đô. Ngày ấy Petrogrăd yên tĩnh."
    edits = Corrector(CorpusStats.from_text(text)).correct(text, "hòa")
    assert all(not e.applied for e in edits if text[e.start:e.end] == "Petrogrăd")


def test_copies_of_a_line_do_not_attest_its_error():
    """A reprint or a duplicated page: 'Kaspoutine' twice, both in copies of one line, is still misread."""
    once = STORY
    twice = STORY + "\n" + STORY
    for batch in (once, twice):
        edits = {STORY[e.start:e.end]: e for e in Corrector(CorpusStats.from_text(batch)).correct(STORY, "hòa")}
        assert edits["Kaspoutine"].applied and edits["Kaspoutine"].corrected == "Raspoutine"
    # ... while a second use in another sentence is the author's spelling
    other = STORY + "\nMột lần nữa Kaspoutine lại đến cung điện."
    edits = {STORY[e.start:e.end]: e for e in Corrector(CorpusStats.from_text(other)).correct(STORY, "hòa")}
    assert "Kaspoutine" not in edits


def test_context_repairs_a_valid_syllable_in_the_wrong_place():
    text = "Cuộc chiến tranh kết thúc nhanh chỏng. Tình thế ngày cang nguy. Chính phủ đã lập lức phản công."
    edits = {text[e.start:e.end]: e for e in Corrector().correct(text, "hòa")}
    assert edits["chỏng"].corrected == "chóng" and edits["chỏng"].applied
    assert edits["lức"].corrected == "tức" and edits["lức"].applied


def test_a_damaged_name_only_the_corpora_know_is_suggested_not_applied():
    """The name lexicon beside the language model proposes "Engels" for "Engcls" (an OCR confusion of cl/e), but
    a name the book itself never writes is only shown to the reader: look-alike names abound ("Inao", "Mao")."""
    text = "Đó là tuyên ngôn đảng cộng sản mà Marx-Engcls đã công bố vào 1848."
    edits = {text[e.start:e.end]: e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa")}
    assert edits["Engcls"].corrected == "Engels" and not edits["Engcls"].applied
    assert edits["Engcls"].score >= 0.5


# A book that starts every sentence with a capital and writes the name "Nhật Lễ" often (issue 10: the batch
# corrects itself).
CHRONICLE = "Nhật Lễ về Bắc Ninh. Vua sai Nhật Lễ đi đánh giặc. Quân Bắc Ninh thua to. Lương công đến thành. " * 6


def test_a_lost_capital_after_a_full_stop_is_restored():
    text = CHRONICLE + "Vua không nói gì. một lát sau mới đi."
    edits = [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [("một", "Một", "case")]


@pytest.mark.parametrize("tail", ["Vua về v.v. và sau đó đi.", "Quân tan.\nvỡ.\nVua về.", "Trong năm 1945 ông về."])
def test_lowercase_after_an_abbreviation_or_in_a_moved_fragment_stays(tail):
    text = CHRONICLE + tail
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


def test_a_lost_capital_inside_a_name_the_book_writes_is_restored():
    text = CHRONICLE + "Quân vào thành Bắc ninh ngay."
    edits = [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [("ninh", "Ninh", "case")]


def test_a_title_the_corpora_write_lowercase_keeps_the_books_case():
    text = CHRONICLE + "Khi ấy Lương công về."  # "Lương công" beside "Lương công": the book's own style
    text = text.replace("Lương công đến", "Lương Công đến")
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


NAMES = "Sai Nguyễn Hữu Liêu đi đánh giặc. Nguyễn Hữu Liêu thắng to. Vua khen Nguyễn Hữu Liêu mãi. " * 2


def test_a_name_the_book_writes_otherwise_is_corrected_by_the_book():
    text = NAMES + "Lại sai Nguyễn Hữu Liên về kinh."
    edits = [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [("Liên", "Liêu", "name")]


@pytest.mark.parametrize("tail", ["Lại sai Nguyễn Hữu Liên về kinh. Nguyễn Hữu Liên đi.",  # written twice
                                  "Lại sai Hữu Liên về kinh."])  # two words: too short a name to tell
def test_a_name_the_book_writes_again_or_too_short_stays(tail):
    text = NAMES + tail
    assert [e for e in Corrector(CorpusStats.from_text(text)).correct(text, "hòa") if e.applied] == []


def test_a_name_in_a_place_the_book_fills_with_many_names_is_a_new_person():
    # review finding: "Lê Văn Ân" was made "Lê Văn An" in a book that writes twenty other "Lê Văn" names
    others = "".join(f"Lại có Lê Văn {name} theo vua. " for name in ("Hưu", "Linh", "Hy", "Hiểu", "Tiến", "Thịnh"))
    text = NAMES + "Sai Lê Văn An đi. Lê Văn An về. Vua khen Lê Văn An. " + others + "Lại sai Lê Văn Ân vào cống."
    edits = Corrector(CorpusStats.from_text(text)).correct(text, "hòa")
    assert [(text[e.start:e.end], e.corrected) for e in edits if e.applied] == []
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [("Ân", "An")]  # still shown to a reader
    # where the book writes no other name there, the misreading is still fixed
    text = NAMES + "Sai Lê Văn An đi. Lê Văn An về. Vua khen Lê Văn An. Lại sai Lê Văn Ân vào cống."
    edits = Corrector(CorpusStats.from_text(text)).correct(text, "hòa")
    assert [(text[e.start:e.end], e.corrected) for e in edits if e.applied] == [("Ân", "An")]


@pytest.mark.parametrize("text, wrong, right", [
    ("Quân Minh đóng ở đó trong khoảnh 10 năm, dẹp yên loạn lớn.", "khoảnh", "khoảng"),
    ("dẹp bớt những kẻ giang ngoan, bàn luận ở triều đình", "giang", "gian"),
])
def test_a_final_consonant_misread_is_repaired_in_context(text, wrong, right):
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(wrong, right)]


def test_a_typo_the_corpora_repeat_is_still_a_typo():
    """The language model's corpora write "đươc" 14 times: that protects foreign words ("café"), not misspelt
    Vietnamese ones (letters no other language uses)."""
    corrector = Corrector(None)
    assert corrector.lm.surface_count("đươc") >= 3
    edits = corrector.correct("Họ đã làm đươc việc đó.")
    assert [(e.corrected, e.applied) for e in edits] == [("được", True)]
    assert corrector.correct("Ông ngồi ở một quán café nhỏ.") == []


def test_a_line_break_inside_a_sentence_keeps_the_word_before_as_context():
    text = "trồng mầm nhân, nhổ\ncội ác, đất\n\ntrời rộng\n[12a] xa"
    tokens = list(word_tokens(text))
    wrapped = _wrapped(text, tokens)
    assert [tokens[i].text for i in sorted(wrapped)] == ["cội"]  # not after a blank line nor a page mark
    at = [t.text for t in tokens].index("cội")
    keys = token_keys(tokens)
    assert _window(tokens, keys, at) == (None, None, "ác", None)
    assert _window(tokens, keys, at, wrapped) == (None, "nhổ", "ác", None)
    assert _window(tokens, keys, at - 1, wrapped)[2] == "cội"  # and the other way round
