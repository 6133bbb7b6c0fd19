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

from pipeline.vi.table import read_table

DATA_DIR = Path(__file__).parent / "data"
_MACRO = re.compile(r"%([a-z][a-z_0-9]*)")
# A word pattern must not touch a letter on either side (digits may touch: "257TCN", "Thìn13").
_LEFT = r"(?<![^\W\d_])"
_RIGHT = r"(?![^\W\d_])"
# A comment line of a word table saying its words are names: they match only with the capital written in the
# table ("Tết", not "tết tóc"; "Trung thu").
CAPITALISED_MARK = "#! capitalised"
RARE_ERAS_MARK = "#! rare"  # an era table a Vietnamese history seldom names (eras_japan.tsv)


def has_mark(path: Path, mark: str) -> bool:
    """True when the comment header of a data file (the lines before its first row) holds ``mark``."""
    with path.open(encoding="utf-8-sig") as lines:
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                return False
            if line.strip() == mark:
                return True
    return False


@dataclass
class Lexicon:
    """Word tables (word -> value), cue roles (role -> words), eras and the macros built from them."""

    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    table_words: dict[str, list[str]] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    eras: dict[str, list[int]] = field(default_factory=dict)
    era_last: dict[tuple[str, int], int] = field(default_factory=dict)
    era_gregorian: dict[tuple[str, int], int] = field(default_factory=dict)  # year its state went Gregorian
    era_words: list[str] = field(default_factory=list)
    era_rare: set[tuple[str, int]] = field(default_factory=set)  # (key, first year) of the eras of a "#! rare" table
    rare_era_words: set[str] = field(default_factory=set)
    capitalised: set[str] = field(default_factory=set)  # tables of names: the first letter as written
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

    def alternation(self, words: list[str], right: str = _RIGHT, capital: bool = False,
                    every_word: bool = False) -> str:
        """A regex matching any of ``words`` as whole words, longest first, spaces as any whitespace; with
        ``capital`` the first letter must be written as in the table (names: "Thái Bình", not "thái bình"), with
        ``every_word`` the first letter of each word ("Văn Hóa", not "Văn hóa")."""
        forms = {" ".join(form.split()) for word in words for form in self.spellings(word)}
        return _LEFT + "(?:" + _trie_regex(forms, capital, every_word) + ")" + right

    def expand(self, pattern: str) -> str:
        """Replace every ``%name`` macro by its regex (recursively)."""
        return _MACRO.sub(lambda m: self.macro(m.group(1)), pattern)

    def macro(self, name: str) -> str:
        """The regex of one macro: a fragment, a word table, a cue role (``%role_bare``: without word
        boundaries) or the era names."""
        if name not in self._expanded:
            if name in self.fragments:
                regex = "(?:" + self.expand(self.fragments[name]) + ")"
            elif name in self.tables:
                regex = self.alternation(self.table_words[name], capital=name in self.capitalised)
            elif name in self.cues:
                regex = self.alternation(self.cues[name])
            elif name.endswith("_bare") and name[:-5] in self.cues:  # no word boundaries: glued words
                regex = self.alternation(self.cues[name[:-5]], "").removeprefix(_LEFT)
            elif name == "era":  # names: capitalised; may touch a following "năm" ("Thiệu Longnăm")
                glue = "|".join(re.escape(w) for w in self.cues.get("era_glue", []))
                regex = self.alternation(self.era_words, f"(?:{_RIGHT}|(?={glue}))", capital=True)
            elif name == "era_capitals":  # an era without its year: a rare (Japanese) one with every word
                # capitalised ("năm Văn Hóa", not "Năm Văn hóa Việt Nam"), the others with the first letter only
                common = [w for w in self.era_words if w not in self.rare_era_words]
                regex = ("(?:" + self.alternation(self.era_words, capital=True, every_word=True) + "|"
                         + self.alternation(common, capital=True) + ")")
            else:
                raise KeyError(f"unknown date pattern macro %{name}")
            self._expanded[name] = regex
        return self._expanded[name]


def _trie_regex(forms: set[str], capital: bool, every_word: bool = False) -> str:
    """One regex for many words, factored on their common prefixes ("mười(?:\\s+(?:một|hai ...))?"): the same
    matches as a longest-first alternation, without trying hundreds of alternatives at each position; with
    ``capital`` the first letter is matched case-sensitively (with ``every_word`` each word's)."""
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, root: bool) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            atom = r"\s+" if ch == " " else re.escape(ch)
            alts.append((f"(?-i:{atom})" if root and capital else atom) + emit(node[ch], every_word and ch == " "))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie, True)


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every table of ``data_dir`` into a Lexicon."""
    lex = Lexicon()
    lex.tone_pairs = [tuple(row) for row in read_table(data_dir / "words" / "tone_variants.tsv", ["old", "new"])]
    for path in sorted((data_dir / "words").glob("*.tsv")):
        if path.stem in ("cues", "tone_variants"):
            continue
        rows = read_table(path, ["word", "*values"])  # a word and its value columns (none: the word itself)
        table: dict[str, str] = {}
        for row in rows:
            table.setdefault(lex.key(row.word), "\t".join(row.values) if row.values else row.word)
        lex.tables[path.stem] = table
        lex.table_words[path.stem] = [row.word for row in rows]
        if has_mark(path, CAPITALISED_MARK):
            lex.capitalised.add(path.stem)
    for row in read_table(data_dir / "words" / "cues.tsv", ["role", "word"]):
        lex.cues.setdefault(row.role, []).append(row.word)
    gregorian = {row.state: row.year for row in read_table(
        data_dir / "gregorian_states.tsv", ["state", "year", "note"], {"year": int})}
    for path in sorted(data_dir.glob("eras*.tsv")):
        _read_eras(lex, read_eras(path), gregorian, has_mark(path, RARE_ERAS_MARK))
    lex.fragments = dict(read_table(data_dir / "patterns.tsv", ["name", "regex"]))
    return lex


def read_eras(path: Path) -> list[tuple]:
    """Rows (era, dynasty, first year, note) of an era table; the first year is negative for BCE."""
    return read_table(path, ["era", "dynasty", "first_year", "note"], {"first_year": int})


def _read_eras(lex: Lexicon, rows: list[tuple], gregorian: dict[str, int], rare: bool = False) -> None:
    """Add one era table: first years (negative = BCE, stored astronomical) and each era's last year, which is
    the first year of the next era of the same dynasty (the year of the change belongs to both)."""
    by_dynasty: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        first = row.first_year + 1 if row.first_year < 0 else row.first_year
        key = lex.key(row.era)
        lex.eras.setdefault(key, []).append(first)
        lex.era_words.append(row.era)
        if rare:
            lex.era_rare.add((key, first))
            lex.rare_era_words.add(row.era)
        by_dynasty.setdefault(row.dynasty, []).append((first, key))
        if row.dynasty in gregorian:
            lex.era_gregorian[(key, first)] = gregorian[row.dynasty]
    for eras in by_dynasty.values():
        firsts = sorted({first for first, _ in eras})
        for first, key in eras:
            later = [y for y in firsts if y > first]
            if later:
                lex.era_last[(key, first)] = later[0]
