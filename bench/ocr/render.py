"""Render paragraphs as degraded page images (Pillow), deterministically from a seed.

The pages imitate a scanned book: a serif or sans font that covers Vietnamese, greedy word wrapping (never
inside a word, so joining OCR lines with spaces restores the paragraph), then one degradation of a scan.
"""
from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Debian font packages (fonts-dejavu-core, fonts-liberation2, fonts-noto-core, fonts-freefont-ttf); every one
# covers the Vietnamese precomposed letters. Fonts whose file is missing are skipped by `available_fonts`.
FONT_FILES: dict[str, str] = {
    "dejavu-serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "liberation-serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "noto-serif": "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "free-serif": "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "liberation-sans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "noto-sans": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
}
# Font sizes in pixels of the rendered page (about 10-13 pt scanned at 200-250 dpi).
SIZES: tuple[int, ...] = (24, 30, 36)
PAGE_WIDTH = 1500
MARGIN = 60
LINE_SPACING = 1.45


@dataclass(frozen=True)
class PageSpec:
    """Everything that determines one page image: the text, how it is set, how it is degraded."""

    page_id: str
    text: str
    font: str
    size: int
    degradation: str
    seed: int


def available_fonts() -> list[str]:
    """Names of the fonts in FONT_FILES whose file is installed."""
    return [name for name, path in FONT_FILES.items() if Path(path).is_file()]


def wrap_words(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces so that no line is wider than `width` pixels (a long word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def render_text(text: str, font_name: str, size: int) -> Image.Image:
    """Black text on a white page (8-bit grayscale), left-aligned, wrapped to PAGE_WIDTH."""
    font = ImageFont.truetype(FONT_FILES[font_name], size)
    lines = wrap_words(text, font, PAGE_WIDTH - 2 * MARGIN)
    step = round(size * LINE_SPACING)
    page = Image.new("L", (PAGE_WIDTH, 2 * MARGIN + step * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + i * step), line, font=font, fill=0)
    return page


def _low_resolution(page: Image.Image, factor: float) -> Image.Image:
    """Scan at a low resolution, then upsample back: thin strokes and diacritics smear into their letters."""
    small = page.resize((round(page.width * factor), round(page.height * factor)), Image.Resampling.BOX)
    return small.resize(page.size, Image.Resampling.BILINEAR)


def _grain(page: Image.Image, sigma: float, speck_rate: float, seed: int) -> Image.Image:
    """Gaussian grain plus scattered dark specks (dust that can sit where a diacritic would), slightly blurred."""
    gen = np.random.default_rng(seed)
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels + gen.normal(0.0, sigma, pixels.shape)
    pixels[gen.random(pixels.shape) < speck_rate] = 0.0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def _skew(page: Image.Image, angle: float) -> Image.Image:
    """A page laid askew on the scanner glass."""
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _fade(page: Image.Image, ink: float, paper: float) -> Image.Image:
    """Faded ink on yellowed paper: grey text on a grey background."""
    pixels = ink + np.asarray(page, dtype=np.float32) / 255.0 * (paper - ink)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _photocopy(page: Image.Image, rng: random.Random) -> Image.Image:
    """A copy of a copy: some resolution loss, then grain, then a small skew."""
    page = _low_resolution(page, rng.uniform(0.5, 0.6))
    page = _grain(page, rng.uniform(25, 40), rng.uniform(0.002, 0.004), rng.getrandbits(32))
    return _skew(page, rng.choice((-1, 1)) * rng.uniform(0.5, 1.5))


DEGRADATIONS: dict[str, Callable[[Image.Image, random.Random], Image.Image]] = {
    "none": lambda page, rng: page,
    "lowres": lambda page, rng: _low_resolution(page, rng.uniform(0.3, 0.4)),
    "blur": lambda page, rng: page.filter(ImageFilter.GaussianBlur(rng.uniform(1.6, 2.3))),
    "speckle": lambda page, rng: _grain(page, rng.uniform(45, 65), rng.uniform(0.004, 0.008), rng.getrandbits(32)),
    "skew": lambda page, rng: _skew(page.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 1.4))),
                                    rng.choice((-1, 1)) * rng.uniform(1.5, 3.5)),
    "lowcontrast": lambda page, rng: _grain(_fade(page.filter(ImageFilter.GaussianBlur(0.8)),
                                                  rng.uniform(115, 140), rng.uniform(185, 205)),
                                            rng.uniform(10, 13), 0.0, rng.getrandbits(32)),
    "photocopy": _photocopy,
}


def render_page(spec: PageSpec) -> Image.Image:
    """The degraded page image of `spec`; the same spec always gives the same pixels."""
    rng = random.Random(zlib.crc32(f"{spec.seed}:{spec.page_id}".encode()))
    return DEGRADATIONS[spec.degradation](render_text(spec.text, spec.font, spec.size), rng)
