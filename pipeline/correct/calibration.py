"""Calibration of correction scores: a logistic model from a decision's features to P(the correction is right).

The weights live in ``data/calibration.json`` (fitted by ``python bench/correction.py --fit`` on the tesseract
estimation half and on synthetic noise in clean text); ``fit_logistic`` is the plain L2-regularised fit.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

DATA_PATH = Path(__file__).parent / "data" / "calibration.json"
# What the corrector measures about each proposed correction (see corrector._features), in this order.
FEATURES = (
    "logit_posterior",  # noisy-channel posterior of the best candidate against the token and the others
    "channel_cost",  # nats: how unlikely the scanner is to print the token for the candidate
    "realword",  # the token is itself a dictionary syllable
    "spacing",  # the candidate splits the token in two
    "damage",  # the token's spelling is impossible in Vietnamese and in transliterations
    "own_context",  # the token forms a dictionary word or an attested bigram with a neighbour
    "candidate_context",  # the candidate does
    "log_own_count",  # log(1 + lexicon and batch count of the token)
    "log_candidate_count",  # log(1 + lexicon and batch count of the candidate)
    "batch_own_count",  # log(1 + times the batch writes the token elsewhere)
    "name_like",  # capitalized inside a sentence
    "neighbours",  # how many neighbours give context (0, 1, 2)
    "lm_gain",  # bigram log-probability of the candidate minus the token's, in context
    "support_gain",  # log(1 + bigram counts with the neighbours) of the candidate minus the token's
    "lm3_gain",  # trigram language-model log-probability of the candidate minus the token's, two words each side
    "log_own_corpus",  # log(1 + count of the token in the language model's corpora)
    "log_candidate_corpus",  # log(1 + count of the candidate there)
    "lm3_context",  # how many neighbours the trigram model reads (0-4)
)


@dataclass(frozen=True)
class Calibration:
    """Weights and bias of the logistic model; ``score`` is P(correct) for one feature vector."""

    weights: tuple[float, ...]
    bias: float

    def score(self, x: Sequence[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[int], l2: float = 1.0,
                 iterations: int = 50) -> Calibration:
    """Newton's method on the L2-penalised log-likelihood (the bias is not penalised)."""
    import numpy as np

    x = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(tuple(float(v) for v in w[:-1]), float(w[-1]))


def save_calibration(model: Calibration, path: Path, note: str) -> None:
    """Write the model as JSON, features named, with a note on what it was fitted on."""
    data = {"note": note, "features": list(FEATURES), "weights": dict(zip(FEATURES, model.weights)),
            "bias": model.bias}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_calibration(path: Path = DATA_PATH) -> Calibration:
    """The shipped model; a feature missing from the file weighs nothing."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(tuple(float(data["weights"].get(name, 0.0)) for name in FEATURES), float(data["bias"]))
