from pipeline.correct.classes import ClassModel

CLASSES = {"cũng": {"R_B": 20}, "cùng": {"E_B": 20}, "bị": {"V_B": 20}, "nhà": {"N_B": 20}}
TRANSITIONS = {("R_B", "V_B"): 30, ("E_B", "N_B"): 30, ("N_B", "V_B"): 10, ("V_B", "N_B"): 10}


def test_an_adverb_before_a_verb_is_likelier_than_a_preposition():
    model = ClassModel(CLASSES, TRANSITIONS)
    assert model.factor("cũng", "bị") > 1.0 > model.factor("cùng", "bị")
    assert model.factor("cùng", "nhà") > model.factor("cũng", "nhà")


def test_an_unknown_word_leaves_the_probability_alone():
    model = ClassModel(CLASSES, TRANSITIONS)
    assert model.factor("xyz", "bị") == model.factor("cũng", "xyz") == 1.0

