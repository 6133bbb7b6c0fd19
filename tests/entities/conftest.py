"""Fixtures shared by the entity tests: one recognizer, and a helper giving {surface: label} for a sentence."""
from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer


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
