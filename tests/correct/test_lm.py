"""The syllable trigram model: building, Kneser-Ney scoring, hold-out, a user's model mixed in, the CLI."""
import hashlib
import json
import math

import pytest

from pipeline.cli import main
from pipeline.correct import lm as lm_module
from pipeline.correct.lm import (
    BOS, InterpolatedLM, TrigramLM, build_model, count_corpus, load_lm, log_prob_window, save_model,
)

PROOFREAD = [
    "# Trang một",
    "Quân Cờ đen đánh trận Cầu Giấy, tướng Pháp tử trận ngay tại chỗ.",
    "Tin thắng trận Cầu Giấy truyền về kinh thành, triều đình mừng rỡ.",
    "# Trang hai",
    "Sau trận Cầu Giấy, quân Pháp rút về giữ thành Hà Nội và chờ viện binh.",
    "Quân Cờ đen lại đánh trận Cầu Giấy lần nữa, quân Pháp thua to.",
    "# Trang ba",
    "Đây là trang được giữ lại để đánh giá sau này, có nhắc tới Rumania và Bulgaria.",
    "List of references in English only, not counted at all by the model here.",
]


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "proofread"
    folder.mkdir()
    (folder / "pages.txt").write_text("\n".join(PROOFREAD) + "\n", encoding="utf-8")
    return folder


def _model(tmp_path, corpus, **kw):
    counts = count_corpus(sorted(corpus.glob("*.txt")), progress=False, hold_out=kw.pop("hold_out", 0))
    path = tmp_path / "user.npz"
    save_model(build_model(counts, **kw), path)
    return TrigramLM(path), counts


def test_counts_skip_foreign_lines_and_held_out_documents(tmp_path, corpus):
    lm, counts = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1)
    assert lm.count("english") == 0  # a line that is not Vietnamese prose is not counted
    assert lm.count("trận", "cầu", "giấy") == 4
    assert lm.surface_count("Cầu") == 4 and lm.surface_count("Rumania") == 1
    held, _ = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1, hold_out=3)
    assert held.count("rumania") == 0 and held.count("trận", "cầu", "giấy") == 4


def test_kneser_ney_is_a_distribution(tmp_path, corpus):
    lm, counts = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1)
    words = [w for w in counts.vocab if w != BOS]
    for u, v in [("đánh", "trận"), (None, "quân"), ("xyz", "trận"), (None, None)]:
        total = sum(lm.prob(u, v, w) for w in words)
        assert total == pytest.approx(1.0, abs=1e-3), (u, v)
    assert lm.prob("đánh", "trận", "cầu") > lm.prob("đánh", "trận", "pháp") > 0


def test_pruned_model_keeps_the_frequent_ngrams(tmp_path, corpus):
    lm, counts = _model(tmp_path, corpus, min_bigram=2, min_trigram=3, min_surface=2)
    assert lm.count("trận", "cầu", "giấy") == 4 and lm.count("thành", "hà", "nội") == 0
    assert lm.surface_count("Rumania") == 0  # written once: below the minimum
    words = [w for w in counts.vocab if w != BOS]
    assert sum(lm.prob("quân", "pháp", w) for w in words) < 0.98  # the pruned n-grams lose their mass by default


def test_pruned_model_renormalized_is_a_distribution(tmp_path, corpus, monkeypatch):
    """With RENORMALIZE_PRUNED, what the pruned n-grams held goes to the lower order."""
    monkeypatch.setattr(lm_module, "RENORMALIZE_PRUNED", True)
    lm, counts = _model(tmp_path, corpus, min_bigram=2, min_trigram=3, min_surface=2)
    words = [w for w in counts.vocab if w != BOS]
    for u, v in [("đánh", "trận"), (None, "quân"), ("trận", "cầu"), ("quân", "pháp")]:
        assert sum(lm.prob(u, v, w) for w in words) == pytest.approx(1.0, abs=1e-3), (u, v)


def test_shipped_model_reads_context():
    lm = load_lm()
    assert lm.prob(None, "nhanh", "chóng") > 1000 * lm.prob(None, "nhanh", "chỏng")
    assert log_prob_window(lm, ["tình", "thế"], "ngày", ["càng", "nguy"]) > log_prob_window(
        lm, ["tình", "thế"], "ngày", ["cang", "nguy"])
    assert lm.surface_count("Kant") >= 3  # the name lexicon beside the model


def test_user_model_is_mixed_in(tmp_path, corpus):
    user, _ = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1)
    base = load_lm()
    mixed = InterpolatedLM(base, user, 0.5)
    assert mixed.prob("đánh", "trận", "cầu") > base.prob("đánh", "trận", "cầu")
    assert InterpolatedLM(base, user, 0.0).prob("đánh", "trận", "cầu") == pytest.approx(base.prob("đánh", "trận", "cầu"))
    assert mixed.surface_count("Cầu") == base.surface_count("Cầu") + 4


def test_cli_build_lm_and_run_with_it(tmp_path, corpus, capsys):
    model = tmp_path / "mine.npz"
    assert main(["build-lm", "--corpus", str(corpus), "-o", str(model), "--min-trigram", "1"]) == 0
    assert TrigramLM(model).count("trận", "cầu", "giấy") == 4
    four = tmp_path / "four.npz"
    assert main(["build-lm", "--corpus", str(corpus), "-o", str(four), "--order", "4", "--min-trigram", "2",
                 "--min-fourgram", "2"]) == 0
    assert TrigramLM(four).order == 4 and TrigramLM(four).count("đánh", "trận", "cầu", "giấy") == 2
    assert main(["build-lm", "--corpus", str(corpus), "-o", str(four), "--order", "4", "--min-fourgram", "2"]) == 2
    assert "--min-fourgram must be at least --min-trigram" in capsys.readouterr().err
    assert main(["build-lm", "--corpus", str(tmp_path / "missing"), "-o", str(model)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    text_dir = tmp_path / "in"
    text_dir.mkdir()
    (text_dir / "a.txt").write_text("Quân Cờ đen đánh trân Cầu Giấy.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(text_dir), "-o", str(out), "--lm", str(model), "--workers", "1", "--no-progress",
                 "--no-entities", "--no-dates"]) == 0
    options = json.loads((out / "run.json").read_text(encoding="utf-8"))["options"]
    assert options["lm"] == str(model) and options["lm_weight"] == 0.5
    assert options["lm_sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()  # resume keys on the content
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    assert main(["run", str(text_dir), "-o", str(out), "--lm", str(bad)]) == 2
    assert "not a model written by build-lm" in capsys.readouterr().err


def test_window_log_prob_is_finite_for_unknown_words():
    lm = load_lm()
    assert math.isfinite(log_prob_window(lm, [None, None], "qqqxyz", ["zzzqq", None]))


def _fourgram_model(tmp_path, corpus, **kw):
    counts = count_corpus(sorted(corpus.glob("*.txt")), progress=False, order=4)
    path = tmp_path / "four.npz"
    save_model(build_model(counts, **kw), path)
    return TrigramLM(path), counts


def test_fourgram_kneser_ney_is_a_distribution(tmp_path, corpus):
    lm, counts = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    assert lm.order == 4 and lm.count("đánh", "trận", "cầu", "giấy") == 2 and lm.count("trận", "cầu", "giấy") == 4
    words = [w for w in counts.vocab if w != BOS]
    for history in [("đánh", "trận", "cầu"), (None, "quân", "cờ"), ("xyz", "trận", "cầu"), ("sau", "trận", "cầu"),
                    ("quân", "pháp"), (None, "quân")]:
        total = sum(lm.prob(*history, w) for w in words)
        assert total == pytest.approx(1.0, abs=1e-3), history


def test_fourgram_reads_the_third_word_back(tmp_path):
    folder = tmp_path / "made_up"
    folder.mkdir()
    (folder / "a.txt").write_text("anh ấy đi học.\nchị ấy đi chợ.\n" * 3, encoding="utf-8")
    lm, _ = _fourgram_model(tmp_path, folder, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    assert lm.prob("ấy", "đi", "học") == pytest.approx(lm.prob("ấy", "đi", "chợ"))  # a trigram cannot tell
    assert lm.prob("anh", "ấy", "đi", "học") > 5 * lm.prob("anh", "ấy", "đi", "chợ")
    assert lm.prob("chị", "ấy", "đi", "chợ") > 5 * lm.prob("chị", "ấy", "đi", "học")
    assert lm.prob("ông", "ấy", "đi", "học") == lm.prob("ấy", "đi", "học")  # an unknown word: the trigram


def test_fourgram_window_reads_every_fourgram_of_the_word(tmp_path, corpus):
    lm, _ = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    left, right = ["đánh", "trận"], ["giấy", "lần"]
    expected = (math.log(lm.prob("đánh", "trận", "cầu")) + math.log(lm.prob("đánh", "trận", "cầu", "giấy"))
                + math.log(lm.prob("trận", "cầu", "giấy", "lần")))
    assert log_prob_window(lm, left, "cầu", right) == pytest.approx(expected)
    assert log_prob_window(lm, left, "cầu", right) > log_prob_window(lm, left, "câu", right)


def test_pruned_fourgram_model_keeps_its_trigram_positions(tmp_path, corpus):
    full, _ = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    lm, _ = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=2, min_fourgram=2, min_surface=1)
    assert lm.count("đánh", "trận", "cầu", "giấy") == 2 and full.count("quân", "cờ", "đen", "đánh") == 1
    assert lm.count("quân", "cờ", "đen", "đánh") == 0  # seen once: pruned
    # a kept 4-gram scores as in the full model: its first three words are found again after pruning
    assert lm.prob("đánh", "trận", "cầu", "giấy") == pytest.approx(full.prob("đánh", "trận", "cầu", "giấy"))
    assert lm.prob("đánh", "trận", "cầu", "giấy") > lm.prob("trận", "cầu", "giấy") > 0.5


def test_pruned_fourgram_model_renormalized_is_a_distribution(tmp_path, corpus, monkeypatch):
    monkeypatch.setattr(lm_module, "RENORMALIZE_PRUNED", True)
    lm, _ = _fourgram_model(tmp_path, corpus, min_bigram=2, min_trigram=2, min_fourgram=2, min_surface=1)
    words = [w for w in lm.ids if w != BOS]
    for history in [("đánh", "trận", "cầu"), ("cờ", "đen", "đánh"), ("quân", "pháp"), ("đen", "đánh", "trận")]:
        assert sum(lm.prob(*history, w) for w in words) == pytest.approx(1.0, abs=1e-3), history
    with pytest.raises(ValueError):
        build_model(count_corpus(sorted(corpus.glob("*.txt")), progress=False, order=4), min_trigram=3,
                    min_fourgram=2)


def test_window_spelled_out_equals_the_general_window(tmp_path, corpus):
    """The corrector's two-words-each-side window (a hot path) scores as the general loop over wider windows."""
    four, _ = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    three, _ = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1)
    for lm in (three, four):
        for left, right in [(["đánh", "trận"], ["giấy", "lần"]), ([None, "trận"], ["giấy", None]),
                            ([None, None], [None, None]), (["đánh", "trận"], ["giấy", None])]:
            general = log_prob_window(lm, ["xyz", *left], "cầu", [*right, "xyz"]) if lm.order == 3 else None
            spelled = log_prob_window(lm, left, "cầu", right)
            padded = log_prob_window(lm, [None, *left] if left[0] is None else left, "cầu", right + [None])
            assert spelled == pytest.approx(padded)
            if general is not None:  # a trigram reads no third word either side
                assert spelled == pytest.approx(general)


def test_user_fourgram_model_mixes_with_the_shipped_trigram_model(tmp_path, corpus):
    user, _ = _fourgram_model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_fourgram=1, min_surface=1)
    base = load_lm()
    mixed = InterpolatedLM(base, user, 0.5)
    assert mixed.order == 4
    expected = 0.5 * user.prob("đánh", "trận", "cầu", "giấy") + 0.5 * base.prob("trận", "cầu", "giấy")
    assert mixed.prob("đánh", "trận", "cầu", "giấy") == pytest.approx(expected)  # the trigram model reads 3 words
    assert math.isfinite(log_prob_window(mixed, ["đánh", "trận"], "cầu", ["giấy", "lần"]))


def test_beside_agrees_with_bigram_counts(tmp_path, corpus):
    user, _ = _model(tmp_path, corpus, min_bigram=1, min_trigram=1, min_surface=1)
    words = ["trận", "cầu", "giấy", "quân", "pháp", "đánh", "thua", "to", "chưa", "có", "xyzw"]
    for lm in (user, InterpolatedLM(load_lm(), user, 0.5)):
        for left in (None, "đánh", "quân", "xyzw"):
            for right in (None, "giấy", "to", "xyzw"):
                test = lm.beside(left, right)
                for word in words:
                    expected = bool((left is not None and lm.count(left, word) > 0)
                                    or (right is not None and lm.count(word, right) > 0))
                    assert test(word) is expected, (left, word, right)
    assert user.beside("đánh", None)("trận") and not user.beside("đánh", None)("giấy")
    assert user.count("đánh", "trận") >= 1 and user.count("trận", "cầu", "giấy") >= 1 and user.count("đánh") >= 1
