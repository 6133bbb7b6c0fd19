"""The date vocabulary: word tables, cue words, reign eras and regex fragments loaded from ``data/``.

Every table becomes a pattern macro (``%seasons``, ``%day_head``, ``%era`` ...) and a normalization lookup,
so that the rules and the engine never spell a Vietnamese word themselves (HeidelTime's split of
patterns/normalizations/rules).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_MACRO = re.compile(r"%([a-z][a-z_0-9]*)")
# A word pattern must not touch a letter on either side (digits may touch: "257TCN", "Thìn13").
_LEFT = r"(?<![^\W\d_])"
_RIGHT = r"(?![^\W\d_])"


def read_rows(path: Path) -> list[list[str]]:
    """Rows of a tab-separated data file, without comments and blank lines."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@dataclass
class Lexicon:
    """Word tables (word -> value), cue roles (role -> words), eras and the macros built from them."""

    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    table_words: dict[str, list[str]] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    eras: dict[str, list[int]] = field(default_factory=dict)
    era_words: list[str] = field(default_factory=list)
    tone_pairs: list[tuple[str, str]] = field(default_factory=list)
    fragments: dict[str, str] = field(default_factory=dict)
    _expanded: dict[str, str] = field(default_factory=dict)

    def key(self, surface: str) -> str:
        """Lookup key of a surface: NFC, lower case, single spaces, new-style tone placement."""
        text = " ".join(unicodedata.normalize("NFC", surface).lower().split())
        for old, new in self.tone_pairs:
            text = text.replace(old, new)
        return text

    def lookup(self, table: str, surface: str) -> str | None:
        """Value of ``surface`` in a word table (None when absent)."""
        return self.tables[table].get(self.key(surface))

    def spellings(self, word: str) -> set[str]:
        """The word in both tone placements (names are printed either way)."""
        variants = {word}
        for old, new in self.tone_pairs:
            variants |= {v.replace(old, new) for v in variants} | {v.replace(new, old) for v in variants}
        return variants

    def alternation(self, words: list[str]) -> str:
        """A regex matching any of ``words`` as whole words, longest first, spaces as any whitespace."""
        forms = {form for word in words for form in self.spellings(word)}
        parts = [r"\s+".join(re.escape(tok) for tok in form.split()) for form in sorted(forms, key=len, reverse=True)]
        return _LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT

    def expand(self, pattern: str) -> str:
        """Replace every ``%name`` macro by its regex (recursively)."""
        return _MACRO.sub(lambda m: self.macro(m.group(1)), pattern)

    def macro(self, name: str) -> str:
        """The regex of one macro: a fragment, a word table, a cue role or the era names."""
        if name not in self._expanded:
            if name in self.fragments:
                regex = "(?:" + self.expand(self.fragments[name]) + ")"
            elif name in self.tables:
                regex = self.alternation(self.table_words[name])
            elif name in self.cues:
                regex = self.alternation(self.cues[name])
            elif name == "era":
                regex = self.alternation(self.era_words)
            else:
                raise KeyError(f"unknown date pattern macro %{name}")
            self._expanded[name] = regex
        return self._expanded[name]


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every table of ``data_dir`` into a Lexicon."""
    lex = Lexicon()
    lex.tone_pairs = [(old, new) for old, new in read_rows(data_dir / "words" / "tone_variants.tsv")]
    for path in sorted((data_dir / "words").glob("*.tsv")):
        if path.stem in ("cues", "tone_variants"):
            continue
        table: dict[str, str] = {}
        for row in read_rows(path):
            table.setdefault(lex.key(row[0]), "\t".join(row[1:]) if len(row) > 1 else row[0])
        lex.tables[path.stem] = table
        lex.table_words[path.stem] = [row[0] for row in read_rows(path)]
    for role, word in read_rows(data_dir / "words" / "cues.tsv"):
        lex.cues.setdefault(role, []).append(word)
    for row in read_rows(data_dir / "eras.tsv"):
        lex.eras.setdefault(lex.key(row[0]), []).append(int(row[2]))
        lex.era_words.append(row[0])
    lex.fragments = {name: regex for name, regex in read_rows(data_dir / "patterns.tsv")}
    return lex
