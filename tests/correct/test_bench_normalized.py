"""The correction benchmark feeds the corrector the normalized text, as the pipeline does, and maps its edits back."""
from bench.normalized_input import _Applied, correct_normalized


class _Fake:
    """Rewrites one letter of "Điềm" (in the normalized text only) and "lức" to "tức"."""

    def __init__(self):
        self.seen = []

    def correct(self, text, style):
        self.seen.append(text)
        out = []
        i, j = text.find("Điềm"), text.find("lức")
        if i >= 0:
            out.append(_Applied(i + 1, i + 2, "x"))
        if j >= 0:
            out.append(_Applied(j, j + 3, "tức"))
        return out


def test_corrector_reads_normalized_text_and_edits_map_back():
    raw = "Ông \u00d0iềm\u200b lập lức về."  # a look-alike Ð (U+00D0) and a zero-width space
    fake = _Fake()
    assert correct_normalized(fake, raw) == "Ông Đxềm lập tức về."
    assert fake.seen == ["Ông Điềm lập lức về."]


def test_normalization_alone_is_no_change():
    class Nothing:
        def correct(self, text, style):
            return []
    raw = "Ông \u00d0iềm\u200b về."
    assert correct_normalized(Nothing(), raw) == raw
