"""A lowercase word after a full stop in a book that capitalizes its sentences: a lost capital for a scanned book,
a comma read as a full stop for tesseract (the confusion table decides, data/confusions*.tsv)."""
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
