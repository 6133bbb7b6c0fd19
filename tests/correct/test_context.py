"""The wide-context model of confusable words (pipeline/correct/context.py): the features the corrector reads in a
text are the ones training read in the corpus stream, and training learns which confusable a context wants."""
from __future__ import annotations

import numpy as np

from pipeline.correct.context import (
    BOS,
    N_FEATURES,
    Confusables,
    ContextModel,
    _mix,
    context_hashes,
    stream_features,
    token_context,
    train,
    word_hash,
)
from pipeline.correct.lexicon import token_keys
from pipeline.vi.tokens import word_tokens

BITS = 16


def _stream(text: str) -> tuple[np.ndarray, list[str]]:
    """Ids of a text's clauses (commas and full stops cut them), ``<s>`` (id 0) before each, as lm.read_stream."""
    vocab = [BOS, "<num>"]
    index = {w: i for i, w in enumerate(vocab)}
    ids: list[int] = []
    for clause in text.replace(".", ",").split(","):
        words = clause.split()
        if words:
            ids.append(0)
            ids += [index.setdefault(w.lower(), len(index)) for w in words]
    for w, i in index.items():
        if i >= len(vocab):
            vocab.append(w)
    return np.asarray(ids, np.int64), vocab


def _runtime_buckets(text: str, i: int, word: str) -> list[int]:
    tokens = list(word_tokens(text))
    x = word_hash(word)
    return sorted(_mix(x, t, a, b, 64 - BITS) for t, a, b in token_context(tokens, token_keys(tokens), i))


def test_runtime_features_equal_training_features():
    text = "vua sai quan đi đánh giặc, quân cũng theo về kinh đô ngay trong đêm ấy. hai bên"
    ids, vocab = _stream(text)
    hashes = np.asarray([word_hash(w) for w in vocab], np.uint64)
    words = [w for w in text.replace(",", " ").replace(".", " ").split()]
    positions = np.flatnonzero(ids)  # every word of the stream, in text order
    for token_index, pos in enumerate(positions):
        for word in (vocab[ids[pos]], "cùng"):
            w_id = np.asarray([vocab.index(word) if word in vocab else ids[pos]])
            if word not in vocab:
                continue
            trained = stream_features(ids, np.asarray([pos]), w_id, hashes, 64 - BITS)[0]
            assert trained.shape == (N_FEATURES,)
            assert sorted(int(b) for b in trained if b) == _runtime_buckets(text, token_index, word), (
                words[token_index], word)


def test_a_clause_edge_reads_as_start_and_stops_the_context():
    triples = context_hashes(["quân", BOS], ["theo", "về", BOS])
    offsets = sorted(t for t, _, _ in triples if t >= 7)
    assert offsets == [8, 9, 11, 12, 13]  # l1, l2=<s>; r1, r2, r3=<s>; nothing beyond


def test_training_learns_which_confusable_a_context_wants():
    # "cũng" after a subject and before a verb, "cùng" before "với" / after "đi": the model must tell them apart in
    # contexts it saw, and say so through gain()
    rng = np.random.default_rng(0)
    subjects, verbs, people = ["quân", "vua", "dân"], ["đi", "về", "theo"], ["vua", "tướng", "dân"]
    clauses = []
    for _ in range(400):
        clauses.append(f"{rng.choice(subjects)} cũng {rng.choice(verbs)}")
        clauses.append(f"{rng.choice(verbs)} cùng với {rng.choice(people)}")
    ids, vocab = _stream(", ".join(clauses))
    a, b = vocab.index("cũng"), vocab.index("cùng")
    count = np.zeros(len(vocab), np.int64)
    start = np.zeros(len(vocab), np.int64)
    count[[a, b]] = 1
    start[b] = 1
    conf = Confusables(start, count, np.asarray([b, a]), np.ones(2))
    weights = train(ids, vocab, conf, bits=BITS, epochs=3, rate=0.2, batch=64)
    model = ContextModel(weights, BITS)
    text = "quân cùng đi, về cũng với dân"
    tokens = list(word_tokens(text))
    keys = token_keys(tokens)
    assert model.gain(token_context(tokens, keys, 1), "cùng", "cũng") > 2.0
    assert model.gain(token_context(tokens, keys, 4), "cũng", "cùng") > 2.0
    assert model.gain(token_context(tokens, keys, 1), "cùng", "cùng") == 0.0


def test_scores_read_the_buckets_training_wrote():
    rng = np.random.default_rng(3)
    model = ContextModel(rng.normal(size=1 << BITS).astype(np.float32), BITS)
    triples = context_hashes(["quân", "vua", BOS], ["đi", BOS])
    for word in ("cũng", "cùng"):
        expected = sum(model.weights[_mix(word_hash(word), t, a, b, 64 - BITS)] for t, a, b in triples)
        assert abs(model.score(triples, word) - expected) < 1e-4


def test_build_context_command_writes_a_model_the_corrector_can_load(tmp_path):
    from pipeline.cli import main
    from pipeline.correct.context import load_context

    corpus = tmp_path / "pages.txt"
    corpus.write_text("# một\n" + "quân cũng đi theo vua, vua đi cùng với quân\n" * 50, encoding="utf-8")
    out = tmp_path / "context.npz"
    assert main(["build-context", "--corpus", str(corpus), "-o", str(out), "--bits", "16", "--epochs", "1"]) == 0
    model = load_context(out)
    assert model.bits == 16 and model.weights.shape == (1 << 16,) and np.abs(model.weights).max() > 0
    assert main(["build-context", "--corpus", str(tmp_path / "missing"), "-o", str(out)]) == 2


def test_cheap_confusions_are_drawn_more_often():
    from pipeline.correct.context import COST_TEMPERATURE, confusables

    vocab = [BOS, "<num>", "cũng", "cùng", "củng", "súng"]
    costs = {"cũng": [("cùng", 0.5), ("củng", 4.5), ("súng", 9.0)], "cùng": [("cũng", 0.5)]}
    conf = confusables(vocab, lambda word: costs.get(word, []))
    assert list(conf.count) == [0, 0, 3, 1, 0, 0]
    drawn = conf.draw(np.full(20_000, 2), np.random.default_rng(0))
    share = {vocab[k]: float(np.mean(drawn == k)) for k in (3, 4, 5)}
    expected = np.exp(-np.asarray([0.5, 4.5, 9.0]) / COST_TEMPERATURE)
    expected /= expected.sum()
    assert abs(share["cùng"] - expected[0]) < 0.02 and abs(share["củng"] - expected[1]) < 0.02
    assert set(conf.draw(np.full(100, 3), np.random.default_rng(1))) == {2}
