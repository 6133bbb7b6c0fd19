"""The corrector's thresholds are data (data/thresholds.tsv): the file reads, every value is used, errors name the line."""
import inspect

import pytest

import pipeline.correct.corrector as corrector
import pipeline.correct.glue as glue
import pipeline.correct.specks as specks
from pipeline.correct.decision import Decision, thresholds


def test_every_threshold_is_read_and_used():
    values = thresholds()
    source = "".join(inspect.getsource(module) for module in (corrector, glue, specks))
    assert values["apply_threshold"] == corrector.DEFAULT_THRESHOLD
    unused = [name for name in values if f'_T["{name}"]' not in source and f'thresholds()["{name}"]' not in source]
    assert unused == []


def test_the_glue_and_page_edge_limits_are_data():
    # review finding: they were constants in code, beside the other thresholds in data
    values = thresholds()
    assert (glue.NUMBERED_MIN, glue.NUMBERED_SHARE, glue.GLUED_MAX, glue.GLUED_SHARE) == (
        values["numbered_min"], values["numbered_share"], values["glued_max"], values["glued_share"])
    assert specks.TAIL_MAX_TOKENS == values["tail_max_tokens"]


def test_a_malformed_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "thresholds.tsv"
    path.write_text("# comment\napply_threshold\t0.75\tapplied above\nmin_suggestion\tlow\tnot a number\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"thresholds.tsv:3: column 'value': expected float, got 'low'"):
        thresholds.__wrapped__(path)
    path.write_text("apply_threshold\t0.75\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"thresholds.tsv:1: expected 3 columns \(name, value, meaning\)"):
        thresholds.__wrapped__(path)


def test_a_decision_is_typed():
    decision = Decision("chóng", 0.95, "ocr_realword", None)
    assert decision.corrected == "chóng" and decision.kind == "ocr_realword"
