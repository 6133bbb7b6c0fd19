"""Case and punctuation misreadings the confusion table decides (data/confusions*.tsv). A lowercase word after a
full stop in a book that capitalizes its sentences: a lost capital for a scanned book, a comma read as a full stop
for tesseract; a capital inside a sentence: tesseract's "V", "X" for "v", "x"."""
from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.confusion import tesseract_table

BOOK = " ".join(f"Năm {1900 + k} quân ta tiến lên." for k in range(30))
TEXT = "Quân Đức tràn qua nước Bỉ trung lập. tiến sát tới Paris."


def _applied(corrector: Corrector) -> list[tuple[str, str, str]]:
    return [(TEXT[e.start:e.end], e.corrected, e.kind) for e in corrector.correct(TEXT, "hòa") if e.applied]


def test_a_scanned_book_lost_the_capital():
    assert _applied(Corrector(CorpusStats.from_text(BOOK + "\n" + TEXT))) == [("tiến", "Tiến", "case")]


def test_tesseract_printed_the_comma_as_a_full_stop():
    corrector = Corrector(CorpusStats.from_text(BOOK + "\n" + TEXT), confusions=tesseract_table())
    assert _applied(corrector) == [(".", ",", "spacing")]


def test_a_book_that_does_not_capitalize_its_sentences_is_left_alone():
    book = " ".join(f"năm {1900 + k} quân ta tiến. rồi lui." for k in range(30))
    corrector = Corrector(CorpusStats.from_text(book + "\n" + TEXT), confusions=tesseract_table())
    assert _applied(corrector) == []


def test_tesseract_reads_a_small_x_as_a_capital_inside_a_sentence():
    text = "Giặc ở trên núi lấy đá ném Xuống, quân Vương Thông thua."
    tesseract = Corrector(CorpusStats.from_text(BOOK + "\n" + text), confusions=tesseract_table())
    applied = [(text[e.start:e.end], e.corrected, e.kind) for e in tesseract.correct(text, "hòa") if e.applied]
    assert applied == [("Xuống", "xuống", "case")]  # "Vương Thông" is a name
    scanned = Corrector(CorpusStats.from_text(BOOK + "\n" + text))
    assert [e for e in scanned.correct(text, "hòa") if e.kind == "case"] == []  # no case confusions learned


def test_a_word_the_corpora_capitalize_is_left_alone():
    text = "Mùa xuân, ông Xuân về quê."  # "Xuân" is capitalized in the corpora more often than not: a name
    tesseract = Corrector(CorpusStats.from_text(BOOK + "\n" + text), confusions=tesseract_table())
    assert [e for e in tesseract.correct(text, "hòa") if e.applied] == []


def test_the_full_stop_before_page_edge_dirt_stays_a_full_stop():
    # the dirt after a text's last sentence goes, and the mark that ends the sentence is no comma read as a stop
    text = "Quân Đức tràn qua nước Bỉ và tiến sát tới Paris. ụ z '"
    corrector = Corrector(CorpusStats.from_text(BOOK + "\n" + text), confusions=tesseract_table())
    applied = [(text[e.start:e.end], e.corrected) for e in corrector.correct(text, "hòa") if e.applied]
    assert applied == [(" ụ z '", "")]
