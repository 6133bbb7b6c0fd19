import pickle

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.correct.stats import CorpusStats, after_full_stop

WORDS = ["Raspoutine", "nhanh", "chóng", "Nga", "hoàng", "Lénine", "và", "1917"]
texts = st.lists(st.sampled_from(WORDS + [". ", ", ", "\n"]), max_size=30).map(" ".join)


def test_counts():
    stats = CorpusStats.from_text("Nga hoàng gặp Raspoutine. Raspoutine nói với Nga hoàng")
    assert stats.tokens["Raspoutine"] == 2
    assert stats.bigrams[("nga", "hoàng")] == 2
    assert stats.names["Raspoutine"] == 1  # the second one starts a sentence
    assert stats.names["Nga"] == 1


def test_bigrams_do_not_cross_punctuation():
    stats = CorpusStats.from_text("nhanh, chóng")
    assert ("nhanh", "chóng") not in stats.bigrams


@settings(max_examples=30, deadline=None)
@given(texts, texts, texts)
def test_merge_is_associative_and_matches_concatenation(a, b, c):
    sa, sb, sc = (CorpusStats.from_text(t) for t in (a, b, c))
    assert sa.merge(sb).merge(sc) == sa.merge(sb.merge(sc))
    assert sa.merge(sb).tokens == CorpusStats.from_text(a + "\n" + b).tokens


def test_pickle_round_trip():
    stats = CorpusStats.from_text("Raspoutine và Nga hoàng")
    assert pickle.loads(pickle.dumps(stats)) == stats


def test_absorb_in_place_equals_merge():
    a, b = CorpusStats.from_text("Nga hoàng gặp Raspoutine"), CorpusStats.from_text("Tháng 3, Raspoutine nói 12 lời")
    merged = a.merge(b)
    assert a.absorb(b) is a and a == merged


def test_line_copies_survive_a_merge_of_pickled_chunks():
    """A line written once in each of two chunks of a batch is a copy, however the batch was cut and sent to
    workers (the statistics of each chunk travel pickled before they are merged)."""
    line = "Ngày đó Kaspoutine vào cung gặp hoàng hậu."
    a, b = CorpusStats.from_text(line + "\nmột dòng khác hẳn, đủ dài để được đếm"), CorpusStats.from_text(line)
    direct = CorpusStats().absorb(a).absorb(b)
    travelled = CorpusStats().absorb(pickle.loads(pickle.dumps(a))).absorb(pickle.loads(pickle.dumps(b)))
    assert direct.lines.copies(line) == travelled.lines.copies(line) == 2
    assert direct.digest() == travelled.digest()


def test_sentence_starts_and_case_pairs():
    stats = CorpusStats.from_text("Vua về. Nhật Lễ đến. Rồi v.v. và Nhật lễ đi.\nđại hạn")
    assert stats.sentence_starts == {"upper": 2, "lower": 1}  # "Nhật", "Rồi"; "đại" (not "và" after "v.v.")
    assert stats.case_pairs[("nhật", "lễ", "IU")] == 1 and stats.bigrams[("nhật", "lễ")] == 2


def test_name_triples_are_three_capitalized_words_in_a_row():
    stats = CorpusStats.from_text("Sai Nguyễn Hữu Liêu Trần đi. Nguyễn Hữu\nLiêu về, Nguyễn Hữu, Liêu")
    assert stats.name_triples == {("sai", "nguyễn", "hữu"): 1, ("nguyễn", "hữu", "liêu"): 1,
                                  ("hữu", "liêu", "trần"): 1}


@pytest.mark.parametrize("text, expected", [
    ("không viết. một", True), ("giáo thụ3. lấy", True), ("ăn. [22a]thi", True), ("động đất.\nsét", True),
    ("năm 1945. ông", True), ("v.v. và", False), ("tr. 5. và", False), ("Sđd. tr", False), ("Thế... và", False),
    ("Ngọc? chép", False), ("[Sách] gồm", False),
])
def test_after_full_stop(text, expected):
    assert after_full_stop(text, text.rindex(text.split()[-1][-3:]) if text.endswith("thi") else
                           len(text) - len(text.split()[-1])) is expected
