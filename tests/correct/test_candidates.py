"""Candidates of a dictionary word: its confusables, and apart (dearer, asked only where the context doubts the
word) the words one letter longer or shorter."""
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
    gen = generator(table)
    letters = {c.key: c.cost for c in gen.letter_edits("là")}
    assert letters == {"làm": word_edit}
    assert "làm" not in costs(gen, "là") and "lá" in costs(gen, "là")  # the confusions alone
    assert {c.key: c.cost for c in gen.letter_edits("câu")} == {"châu": word_edit}


def test_without_a_word_edit_cost_there_are_no_letter_edits():
    table = default_table()
    plain = ConfusionTable(table.glyph, table.tone, table.mark, {k: v for k, v in table.single.items()
                                                                 if k != "word_edit"})
    assert generator(plain).letter_edits("là") == []
    assert costs(generator(plain), "lam", damaged=True)["làm"] < math.inf  # damaged words search deeper anyway


def test_insertions_and_deletions():
    assert deletes("làm") == {"àm", "lm", "là"}
    assert "châu" in insertions("câu") and "câu" not in insertions("câu")


def test_a_damaged_word_reaches_a_word_with_two_neighbouring_letters_swapped():
    table = default_table()
    vocabulary = {"giám": 1.0, "gái": 1.0, "quyền": 1.0, "địa": 1.0, "đại": 1.0}
    gen = CandidateGenerator(table, skeleton_index(vocabulary), vocabulary, 9.0, 7.5)
    edit = table.single["edit"]
    assert costs(gen, "gaím", damaged=True)["giám"] == edit  # "ai" typed for "ia", the mark kept
    assert costs(gen, "qyuền", damaged=True)["quyền"] == edit
    assert "quyền" not in costs(gen, "qyuền")  # a dictionary word's candidates are its confusions only
    # letters that spell a word as printed, with a misplaced mark, are that word, not a swap ("Điạ" is no "Đại")
    assert costs(gen, "Điạ", damaged=True) == {"địa": 0.0}
