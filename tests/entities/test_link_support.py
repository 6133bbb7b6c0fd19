"""When a part of a name may join a full name (the text must support it), when two names of one article or of
one gloss are one referent, and the types a cue before a list of names gives its members."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.segment import split_sentences

ROOT = Path(__file__).resolve().parents[2]


def _found(recognizer, text):
    """(surface, label, canonical) of every mention, in order."""
    return [(text[m.start:m.end], m.label, m.canonical) for m in recognizer(text, split_sentences(text))]


def test_importing_the_recognizer_reads_no_data_file():
    # the sources a rule ends in are read on first use (cached), not when the module is imported
    code = ("import pipeline.entities.recognizer as r; from pipeline.entities.lexicon import lexicon; "
            "assert lexicon.cache_info().misses == 0, lexicon.cache_info()")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})
