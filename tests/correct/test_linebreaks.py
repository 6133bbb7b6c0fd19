"""End-of-line hyphenation is joined only when the batch attests the joined word, and lines are kept."""
from pipeline.correct.linebreaks import hyphenation_edits
from pipeline.document import Document


def joined(text: str, counts: dict[str, int]) -> str:
    doc = Document("d", text)
    doc.add_edits(hyphenation_edits(text, lambda: counts))
    return doc.text


def test_a_word_the_batch_knows_is_joined_on_the_next_line():
    text = "lính về Pé-\ntrograd rồi"
    assert joined(text, {"Pétrograd": 3}) == "lính về \nPétrograd rồi"


def test_unattested_or_author_hyphen_stays():
    assert joined("hoà ước Brest-\nLitovsk", {}) == "hoà ước Brest-\nLitovsk"
    text = "Brest-Litovsk và Brest-Litovsk, hoà ước Brest-\nLitovsk"
    assert joined(text, {"BrestLitovsk": 1}) == text


def test_crlf_is_kept_and_offsets_cover_both_halves():
    text = "về Pé-\r\ntrograd"
    [edit] = hyphenation_edits(text, lambda: {"Pétrograd": 2})
    assert text[edit.start:edit.end] == "Pé-\r\ntrograd" and edit.corrected == "\r\nPétrograd"
