"""Page rendering: deterministic by seed, and lines that join back into the paragraph."""
from __future__ import annotations

import pytest

pytest.importorskip("PIL")
from PIL import ImageFont  # noqa: E402

from bench.ocr.render import DEGRADATIONS, FONT_FILES, PageSpec, available_fonts, render_page, wrap_words  # noqa: E402

TEXT = "Ngày 14-7-1789, hàng vạn người kéo tới phá ngục Bastille ở Pétrograd và thủy quân khỏe."


@pytest.fixture(scope="module")
def font_name() -> str:
    fonts = available_fonts()
    if not fonts:
        pytest.skip("no benchmark font installed (bench/ocr/install.sh)")
    return fonts[0]


def test_wrapped_lines_join_back(font_name: str) -> None:
    lines = wrap_words(TEXT, ImageFont.truetype(FONT_FILES[font_name], 24), 300)
    assert len(lines) > 2
    assert " ".join(lines) == TEXT


@pytest.mark.parametrize("degradation", sorted(DEGRADATIONS))
def test_same_seed_same_pixels(font_name: str, degradation: str) -> None:
    spec = PageSpec("p1", TEXT, font_name, 24, degradation, seed=7)
    first, again = render_page(spec), render_page(spec)
    assert first.tobytes() == again.tobytes()
    other = render_page(PageSpec("p1", TEXT, font_name, 24, degradation, seed=8))
    if degradation != "none":
        assert other.tobytes() != first.tobytes()
