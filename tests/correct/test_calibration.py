import random

from pipeline.correct.calibration import FEATURES, fit_logistic, load_calibration
from pipeline.correct.confusion import default_table
from pipeline.correct.lexicon import key_of
from pipeline.correct.noise import add_noise


def test_fit_logistic_learns_the_direction_of_a_feature():
    rng = random.Random(0)
    rows = [[rng.gauss(0, 1), rng.gauss(0, 1)] for _ in range(400)]
    labels = [int(x + 0.2 * rng.gauss(0, 1) > 0) for x, _ in rows]
    model = fit_logistic(rows, labels)
    assert model.weights[0] > 2 and abs(model.weights[1]) < 1
    assert model.score([3.0, 0.0]) > 0.9 > 0.1 > model.score([-3.0, 0.0])


def test_shipped_calibration_names_every_feature_and_rewards_a_confident_posterior():
    model = load_calibration()
    assert len(model.weights) == len(FEATURES)
    assert model.weights[FEATURES.index("logit_posterior")] > 0
    assert model.weights[FEATURES.index("channel_cost")] < 0


def test_noise_keeps_the_truth_of_every_word():
    text = "Năm ấy quân Nguyên sang đánh nước ta, vua sai tướng đem quân chống giữ ở bờ sông lớn. " * 20
    noisy, truth = add_noise(text, default_table(), rate=0.2, seed=3)
    damaged = [(noisy[k:k + len(v) + 1], v) for k, v in truth.items() if not noisy.startswith(v, k)]
    assert 0.1 < len(damaged) / len(truth) < 0.3
    assert noisy != text and len(truth) == len(text.split()) - sum(" " in v for v in truth.values())
    assert all(key_of(v.split(" ")[0]) in key_of(text) for v in truth.values())
