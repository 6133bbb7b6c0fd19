"""Temporal expressions: rules as data (data/), extraction then resolution from the narrative context."""
from .extractor import DateExtractor
from .mention import DateMention

__all__ = ["DateExtractor", "DateMention"]
