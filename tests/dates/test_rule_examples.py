"""Every rule's examples (written beside the rule in data/rules.txt) give exactly their span and value."""
import pytest

from pipeline.dates import DateExtractor

_EXTRACTOR = DateExtractor()
EXAMPLES = [(rule.name, *example) for rule in _EXTRACTOR.rules for example in rule.examples]


def test_every_rule_has_an_example():
    assert all(rule.examples for rule in _EXTRACTOR.rules)


@pytest.mark.parametrize("rule,text,span,value", EXAMPLES, ids=[f"{e[0]}:{e[2]}" for e in EXAMPLES])
def test_example(rule, text, span, value):
    mentions = _EXTRACTOR(text, [])
    expected = list(zip(span.split(" ; "), value.split(" ; ")))  # several mentions: "A ; B => a ; b"
    assert [(text[m.start:m.end], m.value) for m in mentions] == expected
