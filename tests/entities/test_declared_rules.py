"""The entity rules declared in data/rules.txt: each names a method of the rules, its cases are those of
sources.tsv, its examples are run here, and a malformed block names its file and line."""
from __future__ import annotations

import pytest

from pipeline.entities.declared import read_rules
from pipeline.entities.lexicon import DATA, lexicon
from pipeline.entities.rules import SentenceRules
from pipeline.vi.table import TableError

RULES = lexicon().rules
EXAMPLES = [(rule.name, text, expected) for rule in RULES for text, expected in rule.examples]


def test_every_declared_rule_is_a_method_and_has_examples():
    assert all(callable(getattr(SentenceRules, rule.name, None)) and rule.examples for rule in RULES)


def test_every_case_of_the_sources_table_belongs_to_a_rule():
    cases = {case for rule in RULES for case in rule.cases}
    # "repeat": the document's pass, after the rules; "known": a name the knowledge tables state, not cut
    assert cases | {"repeat", "known"} == set(lexicon().sources)


@pytest.mark.parametrize("rule, text, expected", EXAMPLES, ids=[f"{r}:{t[:30]}" for r, t, _ in EXAMPLES])
def test_rule_example(recognize, rule, text, expected):
    assert recognize(text) == dict(expected), rule


@pytest.mark.parametrize("block, expected", [
    ("rule: x\ntriggers: nothing.txt\nfollows: -\nlabel: PER\ncases: -\n", r"rules\.txt:1: expected trigger files"),
    ("rule: x\ntriggers: -\nfollows: -\nlabel: person\ncases: -\n", r"rules\.txt:1: expected a label"),
    ("rule: x\ntriggers: -\nfollows: -\nlabel: PER\ncases: no_case\n", r"rules\.txt:1: expected trigger files"),
    ("rule: x\ntriggers: -\nlabel: PER\ncases: -\n", r"rules\.txt:1: expected one 'follows' line"),
    ("rule: x\ntriggers: -\nfollows: -\nlabel: PER\ncases: -\nexample: Ông Ba => Ba\n",
     r"rules\.txt:1: expected surface/LABEL"),
    ("rule: x\nwhen: always\n", r"rules\.txt:2: expected 'key: value'"),
])
def test_a_malformed_block_names_its_file_and_line(tmp_path, block, expected):
    (tmp_path / "rules.txt").write_text(block, encoding="utf-8")
    with pytest.raises(TableError, match=expected):
        read_rules(tmp_path / "rules.txt", set(lexicon().sources))


def test_the_committed_rules_file_reads():
    assert [r.name for r in read_rules(DATA / "rules.txt", set(lexicon().sources))] == [r.name for r in RULES]
