"""The OCR confusion model: costs of glyph, tone and mark confusions read from ``data/confusions.tsv``.

Costs are in nats (-log probability of the confusion); ``estimate_costs`` re-derives them from aligned
noisy/clean pairs so that a new scanner's habits can be learnt without editing code.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pipeline.vi.syllable import split_tone
from pipeline.vi.table import one_of, read_table

DATA_DIR = Path(__file__).parent / "data"
# glyph, tone, mark: pairs of (observed, intended); the other kinds have one cost each ("*" for both cells).
KINDS = ("glyph", "tone", "circumflex_tone", "mark", "punct", "case", "extra_tone", "double", "split",
         "join", "edit", "word_edit", "lost_capital")
CONFUSION_COLUMNS = ("kind", "observed", "intended", "cost", "example?")
TONE_NAMES = ("ngang", "huyền", "sắc", "ngã", "hỏi", "nặng")
DEFAULT_TONE_COST = 5.0
DEFAULT_MARK_COST = 5.0
# Syllables whose tone a scanner reads apart from the others, each with its own tone costs where the table has
# them (``tone_class``): "circumflex", a tone beside a circumflex ("ổ" read as "ố" far more often than "ỏ" as "ó";
# the tone always sits on the circumflex vowel: "muốn", "biển"). A class of syllables whose only vowel is "i" (its
# dot read as a tone: "chí" for "chi", 11 % of them in tesseract's estimation half) was tried and left out: it
# fixed one more word there and broke two.
CIRCUMFLEX = frozenset("âêôÂÊÔ")
TONE_CLASS_KINDS = {"circumflex": "circumflex_tone"}


_CLASS_OF_KIND = {kind: cls for cls, kind in TONE_CLASS_KINDS.items()}


def tone_class(toneless: str) -> str:
    """The class of a syllable (written without its tone) whose tone confusions have their own costs: "circumflex",
    or "" for the others."""
    return "circumflex" if not CIRCUMFLEX.isdisjoint(toneless) else ""
# Base letter of each marked letter, to compare marks letter by letter.
MARK_BASE = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u", "đ": "d"}
_MARKED = frozenset(MARK_BASE) | frozenset(MARK_BASE.values())


@dataclass
class ConfusionTable:
    """Confusion costs by kind; ``glyph`` maps (observed, intended) substrings, ``tone`` tone numbers."""

    glyph: dict[tuple[str, str], float] = field(default_factory=dict)
    tone: dict[tuple[int, int], float] = field(default_factory=dict)
    mark: dict[tuple[str, str], float] = field(default_factory=dict)
    single: dict[str, float] = field(default_factory=dict)  # extra_tone, double, split, join, edit, word_edit ...
    punct: dict[tuple[str, str], float] = field(default_factory=dict)  # a punctuation mark read as another
    case: dict[tuple[str, str], float] = field(default_factory=dict)  # a word's small first letter read as a capital
    # tone confusions of a class of syllables (``tone_class``), where they differ from ``tone``
    class_tone: dict[str, dict[tuple[int, int], float]] = field(default_factory=dict)

    def tone_cost(self, observed: int, intended: int, cls: str = "") -> float:
        """Cost of reading tone ``intended`` as ``observed`` (0 when equal) in a syllable of class ``cls``
        (``tone_class``: its own costs where the table has them, else the general ones)."""
        if observed == intended:
            return 0.0
        own = self.class_tone.get(cls)
        if own and (observed, intended) in own:
            return own[(observed, intended)]
        return self.tone.get((observed, intended), DEFAULT_TONE_COST)

    def mark_cost(self, observed: str, intended: str) -> float:
        """Cost of reading toneless ``intended`` as ``observed``, letter by letter (inf if lengths or bases differ)."""
        if observed == intended:
            return 0.0
        if len(observed) != len(intended):
            return math.inf
        cost = 0.0
        for a, b in zip(observed, intended):
            if a != b:
                if MARK_BASE.get(a, a) != MARK_BASE.get(b, b):
                    return math.inf
                cost += self.mark.get((a, b), DEFAULT_MARK_COST)
        return cost

    def glyph_rules(self) -> list[tuple[str, str, float]]:
        """(observed, intended, cost) triples, longest observed first."""
        return sorted(((o, i, c) for (o, i), c in self.glyph.items()), key=lambda r: (-len(r[0]), r[2]))


def _parse_tone(name: str) -> int:
    return TONE_NAMES.index(name)


def load_confusions(path: Path | None = None) -> ConfusionTable:
    """Read a confusions TSV (kind, observed, intended, cost, example); '#' lines are comments."""
    table = ConfusionTable()
    # Cells are not stripped: a space is a glyph ("split" observes one, "join" intends one).
    for kind, observed, intended, value, _example in read_table(path or DATA_DIR / "confusions.tsv",
                                                                CONFUSION_COLUMNS, {"kind": one_of(*KINDS), "cost": float},
                                                                strip=False):
        if kind == "glyph":
            table.glyph[(observed, intended)] = value
            if observed[:1].islower() and intended[:1].islower():
                table.glyph.setdefault((observed[0].upper() + observed[1:], intended[0].upper() + intended[1:]), value)
        elif kind == "tone":
            table.tone[(_parse_tone(observed), _parse_tone(intended))] = value
        elif kind in _CLASS_OF_KIND:
            table.class_tone.setdefault(_CLASS_OF_KIND[kind], {})[(_parse_tone(observed), _parse_tone(intended))] = value
        elif kind == "mark":
            table.mark[(observed, intended)] = value
        elif kind == "punct":
            table.punct[(observed, intended)] = value
        elif kind == "case":
            table.case[(observed, intended)] = value
        else:
            table.single[kind] = value
    return table


ESTIMATED_SINGLE = ("lost_capital",)  # the one-cost kinds that estimate_punct_costs learns (save_confusions writes)
LEARNED_PATH = DATA_DIR / "confusions_learned.tsv"
BOOK_PATH = DATA_DIR / "confusions_book.tsv"


def overlay(base: ConfusionTable, learned: ConfusionTable) -> ConfusionTable:
    """``base`` where ``learned`` (one scanner's habits) makes a confusion cheaper or adds one; a confusion one
    scanner never made keeps its cost, since other scanners ("lnrởng", "NNhưng") do make it. The one-cost kinds
    the estimation learns (``ESTIMATED_SINGLE``: a lost capital) take the learned cost either way: the corrector
    weighs them against the same scanner's punctuation costs, never against another scanner's. A class of
    syllables (``class_tone``) starts from the base's tone costs, so its learned costs only make a tone cheaper."""

    def cheaper(a: dict, b: dict) -> dict:
        return {**a, **{k: min(v, a.get(k, math.inf)) for k, v in b.items()}}

    single = {**cheaper(base.single, learned.single),
              **{k: v for k, v in learned.single.items() if k in ESTIMATED_SINGLE}}
    return ConfusionTable(cheaper(base.glyph, learned.glyph), cheaper(base.tone, learned.tone),
                          cheaper(base.mark, learned.mark), single,
                          cheaper(base.punct, learned.punct), cheaper(base.case, learned.case),
                          {cls: cheaper(base.class_tone.get(cls, base.tone), learned.class_tone.get(cls, {}))
                           for cls in set(base.class_tone) | set(learned.class_tone)})


@lru_cache(maxsize=1)
def default_table() -> ConfusionTable:
    """The hand-written table in data/confusions.tsv made cheaper where scanned books' real errors
    (data/confusions_book.tsv, estimated per confusion class) say so (loaded once per process)."""
    return overlay(load_confusions(), load_confusions(BOOK_PATH)) if BOOK_PATH.exists() else load_confusions()


@lru_cache(maxsize=1)
def tesseract_table() -> ConfusionTable:
    """The hand-written table made cheaper where tesseract's habits (data/confusions_learned.tsv) say so: for
    text known to come from tesseract; a scanned book's own habits differ ("NNhưng" is no tesseract error), so
    the books' overlay (data/confusions_book.tsv) is left out."""
    return overlay(load_confusions(), load_confusions(LEARNED_PATH))


def save_confusions(table: ConfusionTable, path: Path, note: str) -> None:
    """Write ``table`` in the confusions TSV format, with ``note`` as its header comment."""
    lines = [f"# {line}" for line in note.splitlines()] + ["# kind\tobserved\tintended\tcost"]
    lines += [f"glyph\t{o}\t{i}\t{c:.2f}" for (o, i), c in sorted(table.glyph.items())]
    lines += [f"tone\t{TONE_NAMES[o]}\t{TONE_NAMES[i]}\t{c:.2f}" for (o, i), c in sorted(table.tone.items())]
    lines += [f"{TONE_CLASS_KINDS[cls]}\t{TONE_NAMES[o]}\t{TONE_NAMES[i]}\t{c:.2f}"
              for cls in TONE_CLASS_KINDS for (o, i), c in sorted(table.class_tone.get(cls, {}).items())]
    lines += [f"mark\t{o}\t{i}\t{c:.2f}" for (o, i), c in sorted(table.mark.items())]
    lines += [f"punct\t{o}\t{i}\t{c:.2f}" for (o, i), c in sorted(table.punct.items())]
    lines += [f"case\t{o}\t{i}\t{c:.2f}" for (o, i), c in sorted(table.case.items())]
    lines += [f"{kind}\t*\t*\t{c:.2f}" for kind, c in sorted(table.single.items()) if kind in ESTIMATED_SINGLE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# A glyph rule whose observed and intended letters both end in "$" applies at the end of a word only: a final
# consonant read as another ("đáng" for "đánh": "ng$ nh$"), where the same letters at a syllable's start ("nga",
# "nha") are no confusion the scanner makes.
END = "$"


def rule_sites(form: str, letters: str) -> Iterable[int]:
    """Where the glyph rule side ``letters`` (a "$" at its end: only at the end of ``form``) stands in ``form``."""
    if letters.endswith(END):
        bare = letters[:-1]
        if bare and form.endswith(bare):
            yield len(form) - len(bare)
        return
    start = form.find(letters)
    while start >= 0:
        yield start
        start = form.find(letters, start + 1)


def apply_rule(form: str, start: int, observed: str, intended: str) -> str:
    """``form`` with the glyph rule's observed letters at ``start`` read as its intended ones."""
    return form[:start] + intended.removesuffix(END) + form[start + len(observed.removesuffix(END)):]


def _rewrites(form: str, rules: list[tuple[str, str, float]], double_cost: float) -> Iterable[tuple[str, float]]:
    """One-step rewrites of ``form``: each glyph rule at each place, and each doubled letter made single."""
    for observed, intended, cost in rules:
        for start in rule_sites(form, observed):
            yield apply_rule(form, start, observed, intended), cost
    for i in range(1, len(form)):
        if form[i].lower() == form[i - 1].lower() and form[i].isalpha():
            yield form[:i] + form[i + 1:], double_cost


def glyph_variants(word: str, table: ConfusionTable, depth: int = 2, max_cost: float = 7.0,
                   rules: list[tuple[str, str, float]] | None = None) -> dict[str, float]:
    """Strings reachable from ``word`` by up to ``depth`` glyph rules or doubled-letter removals, cheapest cost;
    ``rules``: ``table.glyph_rules()`` sorted once by a caller that asks for many words."""
    best = {word: 0.0}
    frontier = {word: 0.0}
    if rules is None:
        rules = table.glyph_rules()
    double_cost = table.single.get("double", math.inf)
    for _ in range(depth):
        nxt: dict[str, float] = {}
        for form, base in frontier.items():
            for new, cost in _rewrites(form, rules, double_cost):
                total = base + cost
                if total <= max_cost and total < best.get(new, math.inf):
                    best[new] = nxt[new] = total
        frontier = nxt
    return best


def _char_diffs(noisy: str, clean: str) -> Iterable[tuple[str, str]]:
    matcher = SequenceMatcher(None, noisy, clean, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            yield noisy[i1:i2], clean[j1:j2]


def _tone_of(word: str) -> int:
    tones = split_tone(word)[1]
    return tones[0] if tones else 0


def discovered_glyphs(pairs: Iterable[tuple[str, str]], table: ConfusionTable, min_seen: int) -> dict:
    """{(observed, intended): the table's ``edit`` cost} for each letter read as another letter (not one of its
    marked forms: those are ``mark`` confusions) at least ``min_seen`` times in the aligned (noisy, clean) word
    pairs, that the table has no glyph rule for ("trang" for "trong": tesseract reads "o" as "a")."""
    seen: Counter[tuple[str, str]] = Counter()
    for noisy, clean in pairs:
        bare_noisy = split_tone(unicodedata.normalize("NFC", noisy))[0].lower()
        bare_clean = split_tone(unicodedata.normalize("NFC", clean))[0].lower()
        for observed, intended in _char_diffs(bare_noisy, bare_clean):
            if (len(observed) == len(intended) == 1 and observed.isalpha() and intended.isalpha()
                    and MARK_BASE.get(observed, observed) != MARK_BASE.get(intended, intended)):
                seen[(observed, intended)] += 1
    edit = table.single.get("edit", DEFAULT_MARK_COST)
    return {key: edit for key, n in seen.items() if n >= min_seen and key not in table.glyph}


def estimate_costs(pairs: Iterable[tuple[str, str]], table: ConfusionTable, prior: float = 1.0,
                   offset: float = 0.0, discover: int = 0) -> ConfusionTable:
    """Re-estimate glyph, tone and mark costs from aligned (noisy, clean) word pairs, smoothed towards ``table``.

    A rule's probability is (times it was seen + prior * exp(-old cost - offset)) / (times its intended form
    occurred + prior); the new cost is its -log minus ``offset`` (the corrector's costs are relative to the
    prior odds of an error, so ``offset`` = -log P(error) keeps the scale). Kinds without evidence keep theirs.
    Tone confusions are counted apart for each class of syllables (``tone_class``) and for the others.
    With ``discover``, a letter read as another at least that often becomes a glyph rule (``discovered_glyphs``),
    smoothed from the cost of an arbitrary letter edit.
    """
    pairs = list(pairs)
    if discover:
        table = replace(table, glyph={**table.glyph, **discovered_glyphs(pairs, table, discover)})
    glyph_seen: Counter[tuple[str, str]] = Counter()
    glyph_base: Counter[str] = Counter()
    tone_seen: Counter[tuple[int, int]] = Counter()
    tone_base: Counter[int] = Counter()
    mark_seen: Counter[tuple[str, str]] = Counter()
    mark_base: Counter[str] = Counter()
    intended_glyphs = {intended for _, intended in table.glyph}
    end_rules = [(o, i) for o, i in table.glyph if o.endswith(END)]
    class_seen: dict[str, Counter[tuple[int, int]]] = {cls: Counter() for cls in TONE_CLASS_KINDS}
    class_base: dict[str, Counter[int]] = {cls: Counter() for cls in TONE_CLASS_KINDS}
    for noisy, clean in pairs:
        noisy, clean = unicodedata.normalize("NFC", noisy), unicodedata.normalize("NFC", clean)
        bare_noisy, bare_clean = split_tone(noisy)[0], split_tone(clean)[0]
        cls = tone_class(bare_clean)
        seen, base = (class_seen[cls], class_base[cls]) if cls else (tone_seen, tone_base)
        base[_tone_of(clean)] += 1
        if _tone_of(noisy) != _tone_of(clean):
            seen[(_tone_of(noisy), _tone_of(clean))] += 1
        for intended in intended_glyphs:  # each intended form once, however many rules read it
            glyph_base[intended] += sum(1 for _ in rule_sites(bare_clean, intended))
        for diff in _char_diffs(bare_noisy, bare_clean):
            if diff in table.glyph:
                glyph_seen[diff] += 1
        if bare_noisy != bare_clean:
            # a word-end rule is seen where it, applied once, turns the printed word into the intended one (the
            # letters that differ are "g"/"h" only, where "ng$"/"nh$" reads "đang" as "đanh")
            glyph_seen.update((o, i) for o, i in end_rules
                              if any(apply_rule(bare_noisy, at, o, i) == bare_clean for at in rule_sites(bare_noisy, o)))
        mark_base.update(c for c in bare_clean if c in _MARKED)
        if len(bare_noisy) == len(bare_clean):
            mark_seen.update((a, b) for a, b in zip(bare_noisy, bare_clean)
                             if a != b and MARK_BASE.get(a, a) == MARK_BASE.get(b, b))

    def smoothed(seen: int, base: int, old: float) -> float:
        return _smoothed(seen, base, old, prior, offset)

    new = ConfusionTable(dict(table.glyph), dict(table.tone), dict(table.mark), dict(table.single), dict(table.punct),
                         dict(table.case), {cls: dict(costs) for cls, costs in table.class_tone.items()})
    for key, old in table.glyph.items():
        if glyph_base[key[1]]:
            new.glyph[key] = smoothed(glyph_seen[key], glyph_base[key[1]], old)
    for key in set(table.tone) | set(tone_seen):
        if tone_base[key[1]]:
            new.tone[key] = smoothed(tone_seen[key], tone_base[key[1]], table.tone.get(key, DEFAULT_TONE_COST))
    for cls in TONE_CLASS_KINDS:
        for key in set(table.tone) | set(table.class_tone.get(cls, {})) | set(class_seen[cls]):
            if class_base[cls][key[1]]:
                new.class_tone.setdefault(cls, {})[key] = smoothed(class_seen[cls][key], class_base[cls][key[1]],
                                                                   table.tone_cost(*key, cls))
    for key in set(table.mark) | set(mark_seen):
        if mark_base[key[1]]:
            new.mark[key] = smoothed(mark_seen[key], mark_base[key[1]], table.mark.get(key, DEFAULT_MARK_COST))
    return new


def _smoothed(seen: int, base: int, old: float, prior: float, offset: float) -> float:
    return -math.log((seen + prior * math.exp(-old - offset)) / (base + prior)) - offset


def estimate_punct_costs(pairs: Iterable[tuple[str, str, bool]], table: ConfusionTable, prior: float = 1.0,
                         offset: float = 0.0, discover: int = 3) -> ConfusionTable:
    """Re-estimate the punctuation confusions and the cost of a capital lost at a sentence start from aligned
    (noisy token, clean token, the clean token starts a sentence) triples, smoothed towards ``table`` as in
    ``estimate_costs``: a comma read as a full stop ("lập. tiến" for "lập, tiến") is tesseract's habit, a capital
    lost after a full stop a scanned book's ("thiên hạ. ban cho"); the corrector weighs one against the other.
    A small first letter read as its capital inside a sentence ("Vào" for "vào": tesseract tells "V" from "v" by
    size alone) becomes a ``case`` confusion once seen ``discover`` times."""
    seen: Counter[tuple[str, str]] = Counter()
    base: Counter[str] = Counter()
    raised: Counter[tuple[str, str]] = Counter()
    small: Counter[str] = Counter()
    starts = lost = 0
    marks = {m for pair in table.punct for m in pair}
    for noisy, clean, starts_sentence in pairs:
        if clean in marks:
            base[clean] += 1
            if noisy != clean and noisy in marks:
                seen[(noisy, clean)] += 1
        if starts_sentence and clean[:1].isupper() and clean[1:].islower():
            starts += 1
            lost += noisy == clean.lower()
        elif not starts_sentence and clean.isalpha() and clean.islower():
            small[clean[0]] += 1
            if noisy == clean[0].upper() + clean[1:]:
                raised[(noisy[0], clean[0])] += 1
    new = replace(table, punct=dict(table.punct), single=dict(table.single), case=dict(table.case))
    for key, old in table.punct.items():
        if base[key[1]]:
            new.punct[key] = _smoothed(seen[key], base[key[1]], old, prior, offset)
    edit = table.single.get("edit", DEFAULT_MARK_COST)
    for key in set(table.case) | {k for k, n in raised.items() if n >= discover}:
        if small[key[1]]:
            new.case[key] = _smoothed(raised[key], small[key[1]], table.case.get(key, edit), prior, offset)
    if starts and "lost_capital" in table.single:
        new.single["lost_capital"] = _smoothed(lost, starts, table.single["lost_capital"], prior, offset)
    return new
