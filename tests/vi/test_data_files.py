"""Every data file of the package is loaded and validated by its stage's loader, and nothing lies unread.

The loaders run in a fresh interpreter (their caches are empty) that records every file opened under
``pipeline/``: a file in a ``data/`` folder that no loader opens is an orphan and fails the test. The
loaders of correct/, normalize/, ingest/, segment/ and vi/ read through ``pipeline.vi.table``, so a malformed
line fails them with ``file:line: expected …``. The report's page templates and assets are not tables: they
are checked to exist and parse; licence texts are documents beside the data, checked to exist.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "pipeline"

# (module, expression run with the module imported as ``m``): every loader of every stage's data.
LOADERS = [
    ("pipeline.vi.syllable", "m.load_phonology()"),
    ("pipeline.correct.confusion", "m.default_table(), m.tesseract_table()"),
    ("pipeline.correct.decision", "m.thresholds()"),
    ("pipeline.correct.glue", "m.glue_rules()"),
    ("pipeline.correct.specks", "m.speck_classes()"),
    ("pipeline.correct.corrector", "m._never_doubled()"),
    ("pipeline.correct.verse", "m.meters()"),
    ("pipeline.correct.typed", "m.vni_marks()"),
    ("pipeline.correct.calibration", "m.load_calibration()"),
    ("pipeline.correct.lm", "m.shipped_lm()"),
    ("pipeline.normalize.unicode", "m._translation()"),
    ("pipeline.segment.sentences", "m.abbreviations()"),
    ("pipeline.ingest.legacy", "m.tcvn3_table(), m.vni_table()"),
    ("pipeline.ingest.viqr", "m.rules()"),
    ("pipeline.ingest.plausibility", "m.common_punctuation()"),
    ("pipeline.dates.extractor", "m.DateExtractor()"),
    ("pipeline.dates.calendar", "m.republican_new_years()"),
    ("pipeline.entities.lexicon", "m.lexicon()"),
    ("pipeline.entities.gazetteer", "m.gazetteer(), m._type_heads(), m.alias_rules()"),
    ("pipeline.entities.linking", "m.part_rules(), m.alias_namers(), m.alias_frames(), m.person_only_cues(), "
                                  "m._anaphors(), m._later_words(), m.spelling_variants(), m.ruler_names(), "
                                  "m.transliterations(), m.state_heads(), "
                                  "m._former_spellings(), m._women_titles(), m.cue_needs(), "
                                  "m._transcription_verbs(), m.long_forms(), m.city_heads()"),
    ("pipeline.entities.knowledge", "m.name_rows(), m.place_rows(), m.regnal_numbers(), m._era_words(), "
                                    "m.known_types()"),
]
# Not tables: the report's page templates, style sheet and scripts (checked to parse), and licence texts.
NOT_TABLES = {
    "pipeline/report/data/document.html", "pipeline/report/data/index.html", "pipeline/report/data/report.css",
    "pipeline/report/data/index.js", "pipeline/report/data/review.js",
    "pipeline/correct/data/lm/LICENSE.md", "pipeline/entities/data/GAZETTEER_LICENSE",
}

# Stages whose every table is read by pipeline.vi.table.
READER_STAGES = ("correct", "dates", "entities", "ingest", "normalize", "report", "review", "segment", "vi")
# Files of those stages that are not tab-separated tables, read by their own loaders.
NOT_TSV = {"pipeline/correct/data/calibration.json", "pipeline/correct/data/lm/vi_syllables.npz",
           "pipeline/dates/data/rules.txt",  # the date rules: blocks of "key: value" lines (dates/rules.py)
           "pipeline/entities/data/gazetteer.tsv.gz"}  # built by build-gazetteer, read gzipped by gazetteer.py

_PROBE = """
import importlib, json, sys
opened, tables = set(), set()
sys.addaudithook(lambda event, args: opened.add(str(args[0])) if event == "open" and args
                 and isinstance(args[0], str) else None)
import pipeline.vi.table as table
data_lines = table.data_lines
def recording(path, *args, **kwargs):
    tables.add(str(path))
    return data_lines(path, *args, **kwargs)
table.data_lines = recording
for module, expression in json.loads(sys.argv[1]):
    eval(expression, {"m": importlib.import_module(module)})
print(json.dumps([sorted(opened), sorted(tables)]))
"""


def data_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in PIPELINE.glob("*/data/**/*")
                  if p.is_file() and "__pycache__" not in p.parts)


def _relative(paths: list[str]) -> set[str]:
    resolved = {Path(p).resolve() for p in paths}
    return {str(p.relative_to(ROOT)) for p in resolved if p.is_relative_to(ROOT)}


@pytest.fixture(scope="module")
def probe() -> tuple[set[str], set[str]]:
    """Files under the repository that the loaders open, and those they read through pipeline.vi.table."""
    result = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(LOADERS)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-3000:]
    opened, tables = json.loads(result.stdout.splitlines()[-1])
    return _relative(opened), _relative(tables)


def test_the_package_has_data_files():
    files = data_files()
    assert "pipeline/vi/data/phonology.tsv" in files and "pipeline/correct/data/confusions.tsv" in files
    assert len(files) > 50


def test_every_data_file_is_loaded_by_a_loader(probe):
    opened, _ = probe
    orphans = [f for f in data_files() if f not in NOT_TABLES and f not in opened]
    assert orphans == [], f"data files no loader reads: {orphans}"


def test_the_tables_of_converted_stages_are_read_by_the_one_reader(probe):
    _, tables = probe
    converted = [f for f in data_files() if f.split("/")[1] in READER_STAGES and f not in NOT_TABLES | NOT_TSV]
    assert "pipeline/correct/data/thresholds.tsv" in converted
    assert [f for f in converted if f not in tables] == []


def test_the_lists_of_files_that_are_not_tables_are_true():
    assert sorted((NOT_TABLES | NOT_TSV) - set(data_files())) == []


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"meta", "link", "br", "input", "img", "hr", "wbr", "source", "col", "area", "base"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>"
        self.stack.pop()


@pytest.mark.parametrize("name", ["document.html", "index.html"])
def test_report_templates_parse(name):
    checker = _Checker()
    checker.feed((PIPELINE / "report" / "data" / name).read_text(encoding="utf-8"))
    checker.close()
    assert checker.stack == []


@pytest.mark.parametrize("name", ["index.js", "review.js", "report.css"])
def test_report_assets_are_balanced(name):
    text = (PIPELINE / "report" / "data" / name).read_text(encoding="utf-8")
    assert text.strip()
    for opening, closing in ("{}", "()", "[]"):
        assert text.count(opening) == text.count(closing), f"{name}: unbalanced {opening}{closing}"


@pytest.mark.parametrize("name", ["pipeline/correct/data/lm/LICENSE.md", "pipeline/entities/data/GAZETTEER_LICENSE"])
def test_licences_are_there(name):
    assert "CC BY-SA" in (ROOT / name).read_text(encoding="utf-8")
