"""Fixtures shared by the entity tests: one recognizer, a helper giving {surface: label} for a sentence, and one
giving {surface: canonicals} for a text."""
from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from pipeline.segment import split_sentences


@pytest.fixture(scope="session")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.fixture(scope="session")
def recognize(recognizer):
    """{surface: label} of one text taken as one sentence; every span is checked for clean edges."""
    def run(text: str, suggestions=None) -> dict[str, str]:
        mentions = recognizer(text, [(0, len(text))], suggestions)
        for m in mentions:
            surface = text[m.start:m.end]
            assert surface == surface.strip(" \t\n.,;:!?\"'()-"), surface
        return {text[m.start:m.end]: m.label for m in mentions}

    return run


@pytest.fixture(scope="session")
def canonicals(recognizer):
    """surface -> the set of canonicals its mentions get, the text split into sentences as the pipeline does."""
    def run(text: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for m in recognizer(text, split_sentences(text)):
            out.setdefault(text[m.start:m.end], set()).add(m.canonical)
        return out

    return run
