"""Spans are exact clean-text offsets: leading prepositions stay out, heads and modifiers stay in."""
import pytest

from .conftest import spans


@pytest.mark.parametrize("text,surface", [
    ("Khi chiến tranh bùng nổ vào tháng 8-1914, ông còn ở Vienne.", "tháng 8-1914"),
    ("Tới cuối năm 1916, 5 nghị sĩ bị bắt.", "cuối năm 1916"),
    ("Đến năm 1916, ông về nước.", "năm 1916"),
    ("Nên từ mùa đông 1915, các đô thị đói.", "mùa đông 1915"),
    ("Trong những tháng đầu của 1917, họ mạnh.", "tháng đầu của 1917"),
    ("Chừng 3 giờ khuya, họ vào.", "3 giờ khuya"),
    ("Khoảng năm 1905, ông sang Nhật.", "năm 1905"),
    ("Sang tháng 3-1917, họ nổi dậy.", "tháng 3-1917"),
    ("Họ đến vào những ngày đầu tháng ba.", "ngày đầu tháng ba"),
    ("Do đó, vào 1919, ông muốn nối lại.", "1919"),
    ("Tới những ngày 23, 24, và 25 tháng 10-1917, họ chờ.", "ngày 23, 24, và 25 tháng 10-1917"),
])
def test_span(extract, text, surface):
    found = [s for s, _ in spans(extract, text)]
    assert found == [surface]


def test_offsets_index_the_text(extract):
    text = "Ngày 2-8-1914, Đức khai chiến. Những năm 1914-1916 là những năm thất trận."
    for m in extract(text, []):
        assert 0 <= m.start < m.end <= len(text)
    assert [(m.start, m.end) for m in extract(text, [])] == [(0, 13), (37, 50)]  # "Những" stays outside


def test_no_mention_crosses_a_sentence_boundary(extract):
    text = "Ông về năm 1916.\n1917 là năm cách mạng."
    cut = text.index("\n") + 1
    assert all(not (m.start < cut < m.end) for m in extract(text, [(0, cut), (cut, len(text))]))
