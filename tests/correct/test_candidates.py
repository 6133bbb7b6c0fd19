"""Candidates of a dictionary word: its confusables, and (dearer) the words one letter longer or shorter."""
import math

from pipeline.correct.candidates import CandidateGenerator, deletes, insertions, skeleton_index
from pipeline.correct.confusion import ConfusionTable, default_table

VOCABULARY = {"là": 1.0, "làm": 1.0, "lá": 1.0, "châu": 1.0, "câu": 1.0, "cầu": 1.0, "xa": 1.0}


def generator(table: ConfusionTable) -> CandidateGenerator:
    return CandidateGenerator(table, skeleton_index(VOCABULARY), VOCABULARY, 9.0, 7.5)


def costs(gen: CandidateGenerator, word: str, damaged: bool = False) -> dict[str, float]:
    return {c.key: c.cost for c in gen.vietnamese(word, damaged)}


def test_a_dictionary_word_reaches_the_words_one_letter_away_at_the_word_edit_cost():
    table = default_table()
    word_edit = table.single["word_edit"]
    assert 0 < word_edit < 7.5  # within the real-word budget, dearer than any common confusion
    found = costs(generator(table), "là")
    assert found["làm"] == word_edit
    assert found["lá"] < word_edit  # a tone confusion stays cheaper
    assert costs(generator(table), "câu")["châu"] == word_edit
    assert "xa" not in found


def test_without_a_word_edit_cost_a_dictionary_word_keeps_to_its_confusions():
    table = default_table()
    plain = ConfusionTable(table.glyph, table.tone, table.mark, {k: v for k, v in table.single.items()
                                                                 if k != "word_edit"})
    assert "làm" not in costs(generator(plain), "là")
    assert costs(generator(plain), "lam", damaged=True)["làm"] < math.inf  # damaged words search deeper anyway


def test_insertions_and_deletions():
    assert deletes("làm") == {"àm", "lm", "là"}
    assert "châu" in insertions("câu") and "câu" not in insertions("câu")
