"""Sentence segmentation of the clean text."""
from pipeline.segment.sentences import split_sentences

__all__ = ["split_sentences"]
