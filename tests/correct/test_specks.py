import pytest

from pipeline.correct import Corrector
from pipeline.correct.specks import speck_edits, tail_junk_edits


def _never_strong(left: str, right: str) -> bool:
    return False


@pytest.mark.parametrize("text,removed", [
    ("Mạc Kính _ˆ Cung bỏ binh", " _ˆ"),  # a stray glyph between words
    ("trốn vào rừng núi. - : § :\nDòng sau", " - : § :"),  # dirt trailing a sentence at a line end
    ("` Mùa thu, tháng 9", "` "),  # dirt at a line start
    ("ban . đêm quân giặc đến", " ."),  # a period never sits spaced before a lowercase word
    ("ngày 12 : tháng 3", " :"),
])
def test_stray_specks_are_removed(text, removed):
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [(text[e.start:e.end], e.corrected, e.kind) for e in edits] == [(removed, "", "spacing")]


@pytest.mark.parametrize("text", [
    "Khoa Học Xã Hội - Hà Nội",  # a dash between names
    "trên cơ sở - như trong Phàm lệ",  # an author's dash between lowercase words
    "hai chữ Quang _____ và Nguyên _____ dễ viết nhầm",  # a placeholder for a missing character
    "quân ta đến... rồi đi -- không trở lại",
    "giúp quân v.v .",
    "rằng : chúng ta, rằng : họ, rằng : nó",  # a document that spaces its colons on purpose
    "Nhưng mà . . . thôi vậy.",  # a spaced ellipsis
    "Em nhớ đau đớn lòng. . .",  # ... after a glued full stop, at the text's end
    "rồi đi. . . .",
    "Ông ấy nói rằng : ... rồi bỏ đi.",  # a colon set apart before an ellipsis
    "Bà cụ hỏi : - Con đi đâu về muộn thế ?",  # ... before the dash that opens speech
    "Vua nói ; - được rồi",
    "Thành phần gồm : - 5 xã ; - 3 thị trấn ; - 2 phường.",  # ... before the dashes of a list
])
def test_authorial_punctuation_stays(text):
    assert [e for e in speck_edits(text, _never_strong) if e.score >= 0.75] == []


@pytest.mark.parametrize("text", [
    "tiến quân ngay - tại kinh thành",  # a speck of dirt (the pair belongs together) ...
    "năm 2015 công nghiệp - xây dựng chiếm 61,68%",  # ... or an author's dash between sectors:
    "do Liên Hiệp Quốc đặt ra - điều này đã gây ra lạm phát",  # modern prose spaces its dashes
])
def test_a_lone_dash_between_words_is_only_suggested(text):
    """Issue 10's clean encyclopedia text: every removal of a spaced dash there was wrong, so a lone dash is shown
    to the reader (as a suggestion) and never removed."""
    edits = speck_edits(text, lambda a, b: True)
    assert [text[e.start:e.end] for e in edits] == [" -"] and all(e.score < 0.75 for e in edits)


def test_corrector_applies_speck_removals_in_clean_offsets():
    text = "Mạc Kính _ˆ Cung bỏ binh mà trốn"
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(" _ˆ", "")]


@pytest.mark.parametrize("text,removed", [
    ("khủng khiếp ấy -_ khiến cho", " -_"),
    ("sau đó _ lập làm vua", " _"),  # a lone underscore between lowercase words (a placeholder is longer)
])
def test_mixed_and_lone_underscores_are_dirt(text, removed):
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [text[e.start:e.end] for e in edits] == [removed]


@pytest.mark.parametrize("text", [
    "Tân Dụ hầu Hoán _____: theo Trần thư",  # the chronicle's placeholder for a lost name, with its note's colon
    "Dương Đình Nghệ - ___ người Ái Châu",  # a placeholder beside a dash: kept (precision before tesseract's dirt)
])
def test_placeholders_of_several_underscores_stay(text):
    assert [e for e in speck_edits(text, _never_strong) if e.score >= 0.75] == []


@pytest.mark.parametrize("text,removed", [
    ("Dương Đình Nghệ -___ người Ái Châu", " -___"),  # underscores glued after a dash: tesseract's dirt
    ("Vua tự .___ xưng là Nhân Hoàng", " .___"),
    ("bắt được - _. -___ Tiết độ sứ", " - _. -___"),  # before a name too
])
def test_underscores_glued_after_another_mark_are_dirt(text, removed):
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(removed, "")]


def test_a_stray_glyph_glued_to_a_words_end_is_removed():
    text = "gây chấn động tron§ giới sĩ phu, người Trun§ Hoa."  # tesseract reads a "g" as "§"
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [("§", ""), ("§", "")]
    for kept in ("nhiệt độ 30° C", "số n°5", "BEST ~second session~."):  # glyphs running text glues to words
        assert speck_edits(kept, _never_strong) == []


@pytest.mark.parametrize("text", [
    "(tiếng Nhật: 中国地方 | Chūgoku-chiho)",  # an encyclopedia's separator (a clean-text false change, adjudicated)
    "Tetbury Town | Upton St. Leonards | Whitminster",
])
def test_a_vertical_bar_between_names_is_the_authors(text):
    assert [e for e in speck_edits(text, _never_strong) if e.score >= 0.75] == []


def test_dirt_before_an_opening_bracket_or_quote_is_removed():
    text = "bắt được Tiết độ sứ là - ˆ -___ [Khúc] Thừa Mỹ"
    edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(" - ˆ -___", "")]
    for kept in ('báo rằng : "Dân Giao Chỉ hay làm loạn"', "rồi hết. - “Ta đi”, nó nói"):
        assert [e for e in speck_edits(kept, _never_strong) if e.score >= 0.75] == [], kept


@pytest.mark.parametrize("text", ["ở nhiệt độ 200 ° C; trạng thái",
                                  "một góc khoảng 21,5 ° đến 24,5 ° (trong kỷ nguyên"])
def test_a_degree_sign_set_apart_from_its_number_stays(text):
    assert [e for e in speck_edits(text, _never_strong) if e.score >= 0.75] == []


def test_a_quote_mark_glued_after_another_mark_is_dirt():
    for text, removed in (("quân đến Hoằng Giang, lại -.' đón Quý Ly", " -.'"),
                          ("lui giữ cửa . ˆ'ˆ- - Muôn. Quý Ly", " . ˆ'ˆ- -"),
                          ("quân ta ˆ ' ˆ đánh", " ˆ ' ˆ")):
        edits = [e for e in speck_edits(text, _never_strong) if e.score >= 0.75]
        assert [(text[e.start:e.end], e.corrected) for e in edits] == [(removed, "")], text
    kept = "đôi khi được thay thế bằng dấu nháy đơn ' ', dấu ngoặc nhọn kép"  # quote marks opening their tokens
    assert [e for e in speck_edits(kept, _never_strong) if e.score >= 0.75] == []


def test_an_underscore_before_a_name_is_a_placeholder():
    assert [e for e in speck_edits("mẹ đẻ là _ Lan nguyên phi", _never_strong) if e.score >= 0.75] == []


def _word(token: str) -> bool:
    return token in {"an", "Ta", "vê", "vo", "Bế", "Sau", "đó", "Đi", "tuệ", "chép", "Đức"}


@pytest.mark.parametrize("text,removed", [
    ("mà thôi. ˆ SP sỸ", " ˆ SP sỸ"),  # a page's bottom edge read as text after its last sentence
    ("Thanh Hoá tới. : n. : S. Ta vê vo `", " : n. : S. Ta vê vo `"),
    ("trốn cả. - : § : si  \n", " - : § : si"),
    # no speck, but mostly no words and one token no author writes: a letter Vietnamese never writes alone, a
    # syllable in mixed case
    ("bị chết. 1V ễ z : S", " 1V ễ z : S"),
    ("hoàng đế. XU an an c TÊn", " XU an an c TÊn"),
    ("Vũ Hoàng Đế. ụ z '", " ụ z '"),
    ("cho đến năm 1914. ˆ' vn Tin vê y3", " ˆ' vn Tin vê y3"),  # a letter and a digit that are no footnote
])
def test_dirt_after_the_last_sentence_is_removed(text, removed):
    edits = tail_junk_edits(text, _word)
    assert [(text[e.start:e.end], e.corrected, e.score >= 0.75) for e in edits] == [(removed, "", True)]


@pytest.mark.parametrize("text", [
    "đi lại. 7",  # a page number
    "đi lại. Bế",  # a sentence going on overleaf
    "đi lại. Sau đó",
    "rừng núi. Đi tuệ :",
    "quân tiến. Chiến-",  # a word hyphenated across the page
    "cách châu độ nửa ngày đường. Ý tứ",  # short real words go on overleaf, whatever the dictionary says of "Ý"
    "tâu xin dựng bia. Vua y",
    "rồi mới được cày cấy. [11b] Nếu",  # a leaf marker
    "vua tôi. [2b]",
    "hạ lệnh án binh bất động. Giờ Thân7",  # a footnote number glued to a word
    "xong. Theo VnExpress",  # a name in mixed case spells no syllable
    "đánh bị chết. KIến",  # a word with a capital inside it is no tail of several tokens
    "đánh bị chết. KIến Đức",  # ... nor one of mostly no words
    "Vua sai quân đi đánh giặc. Ở",  # a one-letter word opens the next page's sentence
    "Vua sai quân đi đánh giặc. Y",
    "quân đi đánh giặc. Kpă Klơng",  # names no dictionary knows
    "Ông ấy đã chết. Đ. V. Lợi",
    "Tuất. Long9 chép.",  # a sentence of its own
    "với dân số khoảng 13.500 (năm 2006). 18°13′14″B 63°4′7″T",  # a place's coordinates
    "theo tạp chí Sudlangues. n°6 ˆ",  # a number
    "giúp quân v.v .",  # no sentence ends at "v.v"
    "một dòng. ˆ SP\ndòng sau",  # not the text's last line
    "ˆ SP sỸ",  # no sentence before it
])
def test_text_after_the_last_sentence_that_may_be_the_authors_stays(text):
    assert tail_junk_edits(text, _word) == []


def test_corrector_removes_the_tail_with_the_words_in_it():
    text = "Quân giặc bị chết rất nhiều. ˆ SP sỸ"
    edits = [e for e in Corrector().correct(text, "hòa") if e.applied]
    assert [(text[e.start:e.end], e.corrected) for e in edits] == [(" ˆ SP sỸ", "")]


def test_an_authors_spaced_full_stop_before_dirt_stays():
    """'lâu năm . ˆ' -' at a line's end: the spaced full stop ends the author's sentence; only the specks after it go."""
    from pipeline.correct.specks import speck_edits
    text = "giữ Yên Thế lâu năm . ˆ' -\nQuân Tây-sơn kéo ra."
    edits = speck_edits(text, lambda left, right: False)
    assert [text[e.start:e.end] for e in edits] == [" ˆ' -"]


def _speck_examples() -> list[tuple[str, str]]:
    """(before, after) of every example in data/specks.tsv: "X → Y" removes, "X (kept; ...)" keeps."""
    from pipeline.correct.specks import DATA_PATH, SPECK_COLUMNS
    from pipeline.vi.table import read_table

    examples = []
    for row in read_table(DATA_PATH, SPECK_COLUMNS):
        example = row.example or ""
        if "→" in example:
            before, after = (part.strip() for part in example.split("→"))
        else:
            before = after = example.split(" (")[0].strip()
        examples.append((before, after))
    return examples


@pytest.mark.parametrize("before,after", _speck_examples())
def test_every_speck_class_example_of_the_data_file_holds(before, after):
    edits = [e for e in Corrector().correct(before, "hòa") if e.applied and e.kind == "spacing"]
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(before[pos:e.start] + e.corrected)
        pos = e.end
    assert before and "".join(out) + before[pos:] == after
