"""The word tokenizer: words and numbers of a clean text, whether a token neighbours the previous one (only
spaces between) and whether it may open a sentence."""
from pipeline.vi.tokens import word_tokens


def test_words_numbers_and_a_capital_initial():
    tokens = list(word_tokens("Ngày 12-3-1921, I.énine nói."))
    assert [t.text for t in tokens] == ["Ngày", "12-3-1921", "I.énine", "nói"]
    assert all("Ngày 12-3-1921, I.énine nói."[t.start:t.end] == t.text for t in tokens)


def test_neighbours_are_separated_by_spaces_only():
    tokens = list(word_tokens("đến.  Rồi  đi\nnữa (b) c"))
    assert [t.linked for t in tokens] == [False, False, True, False, False, False]


def test_initial_after_sentence_punctuation_a_line_break_or_a_bracket():
    tokens = list(word_tokens("đến. Rồi đi\nnữa (b) c"))
    assert [(t.text, t.initial) for t in tokens] == [("đến", True), ("Rồi", True), ("đi", False), ("nữa", True),
                                                     ("b", True), ("c", False)]
