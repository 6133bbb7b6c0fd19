"""Shared fixtures of the date stage tests: one extractor per session (rules load once)."""
import pytest

from pipeline.dates import DateExtractor


@pytest.fixture(scope="session")
def extract() -> DateExtractor:
    return DateExtractor()


def spans(extractor: DateExtractor, text: str) -> list[tuple[str, str]]:
    """(surface, value) of every mention of ``text``."""
    return [(text[m.start:m.end], m.value) for m in extractor(text, [])]


def mentions(extractor: DateExtractor, text: str) -> dict:
    """Every mention of ``text`` by its surface."""
    return {text[m.start:m.end]: m for m in extractor(text, [])}
