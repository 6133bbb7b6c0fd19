from pipeline.correct import CorpusStats, Corrector


def _applied(text: str) -> list[tuple[str, str]]:
    return [(text[e.start:e.end], e.corrected) for e in Corrector(CorpusStats.from_text(text)).correct(text)
            if e.applied]


def test_a_tone_mark_on_the_u_of_qu_is_a_misprint_however_often_the_corpora_print_it():
    # the corpora print "Qúy" a few times (their typos); no placement style marks the u of "qu"
    assert _applied("Tháng ấy, ngày Qúy Sửu, Lý Công Uẩn tự lập làm vua.") == [("Qúy", "Quý")]


def test_a_tone_placement_of_either_style_is_left_alone():
    assert _applied("Bà Thúy và ông Thuý về chợ Hòe Nhai.") == []
