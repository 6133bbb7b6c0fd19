"""The false-change rate on "clean" text counts every change an adjudicator did not judge a fix of a real error."""
from bench.ocr.evaluate import clean_change_blocks, judged_rates


def _fix(text: str) -> str:
    return text.replace("nguôn", "nguồn").replace("Kant", "Kate").replace("đà", "đã")


def test_blocks_carry_their_context_and_unjudged_changes_count_as_false():
    texts = ["Động ở đầu nguôn sông Đà , đất phẳng .", "Ông Kant viết sách .", "Tôi đà biết mặt ."]
    blocks, words = clean_change_blocks(texts, _fix)
    assert words == 16
    assert [(b["before"], b["after"], b["name"]) for b in blocks] == [
        ("nguôn", "nguồn", False), ("Kant", "Kate", True), ("đà", "đã", False)]
    assert blocks[0]["context"] == "Động ở đầu [nguôn] sông Đà , đất phẳng"
    verdicts = {("nguôn", "nguồn", blocks[0]["context"]): "fix", ("đà", "đã", blocks[2]["context"]): "false"}
    rates = judged_rates(blocks, words, verdicts)
    assert rates["changes_per_10k_words"] == round(3e4 / 16, 2)
    assert rates["false_per_10k_words"] == round(2e4 / 16, 2)  # the false one and the unjudged name
    assert rates["false_names_per_10k_words"] == round(1e4 / 16, 2)
    assert (rates["judged_fix"], rates["judged_false"], rates["unjudged"]) == (1, 1, 1)
