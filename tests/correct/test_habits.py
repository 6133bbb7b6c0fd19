"""A text's own misreading habits (pipeline/correct/habits.py): the confusions its confident corrections show make
the same confusion cheaper for its weaker proposals."""
import pipeline.correct.corrector as corrector
from pipeline.correct import CorpusStats, Corrector
from pipeline.correct.habits import habit_bonuses, signature

# a scanner that reads sắc as hỏi: four confident corrections, one weaker one ("Tình thể" for "Tình thế")
HABIT_TEXT = "\n".join([
    "Quân ta đã thẳng trận lớn ở phía bắc sau ba ngày giao chiến.",
    "Mọi việc xảy ra rất nhanh chỏng, chỉ trong mấy ngày là xong.",
    "Cả hội nghị đều tản thành kế hoạch mới của ban chấp hành.",
    "Nhà máy vừa mua thêm một chiếc mảy cày cho hợp tác xã.",
    "Tình thể lúc ấy rất khó khăn cho cả hai bên.",
])


def test_a_signature_is_the_confusion_on_decomposed_letters():
    assert signature("thẳng", "thắng") == signature("tản", "tán") == (("\u0309", "\u0301"),)
    assert signature("lức", "tức") == (("l", "t"),)
    assert signature("Chổ", "chỗ") == (("\u0309", "\u0303"),)
    assert signature("an", "an") == ()


def test_a_habit_needs_distinct_word_pairs():
    assert habit_bonuses({("chổ", "chỗ")}, 2, 2.0) == {}  # one word's spelling is no habit
    bonuses = habit_bonuses({("thẳng", "thắng"), ("tản", "tán"), ("lức", "tức")}, 2, 2.0)
    assert list(bonuses) == [(("\u0309", "\u0301"),)]
    assert 0 < bonuses[(("\u0309", "\u0301"),)] <= 2.0
    assert habit_bonuses({(f"w{k}", f"v{k}") for k in range(100)}, 2, 2.0)[(("w", "v"),)] == 2.0  # bounded
    pairs = {("thẳng", "thắng"), ("tản", "tán")}
    assert habit_bonuses(pairs, 2, 9.0, weight=1.5)[(("\u0309", "\u0301"),)] == 1.5 * habit_bonuses(pairs, 2, 9.0)[
        (("\u0309", "\u0301"),)]


def _score(text: str, word: str, min_pairs: int, monkeypatch) -> float:
    monkeypatch.setattr(corrector, "HABIT_MIN_PAIRS", min_pairs)
    edits = Corrector(CorpusStats.from_text(text)).correct(text)
    return next(e.score for e in edits if text[e.start:e.end] == word)


def test_the_texts_habit_raises_a_weaker_proposal_of_the_same_confusion(monkeypatch):
    without = _score(HABIT_TEXT, "thể", 10**6, monkeypatch)
    with_habit = _score(HABIT_TEXT, "thể", 2, monkeypatch)
    assert with_habit > without + 0.05


def test_without_the_habit_the_weaker_proposal_stays(monkeypatch):
    text = HABIT_TEXT.split("\n", 2)[2]  # one confident correction of the kind left ("mảy"; "tản" is weaker)
    assert _score(text, "thể", 2, monkeypatch) == _score(text, "thể", 10**6, monkeypatch)
