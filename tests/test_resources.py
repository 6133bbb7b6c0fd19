"""Tables kept in pipeline/_built between runs: a kept file is used only while its sources are the ones it was
computed from (a stale one is computed again), and what a run loads from it is what it would have computed."""
from __future__ import annotations

import pickle
import re

import pytest

from pipeline import resources
from pipeline.resources import CompiledRegexes, Derived


@pytest.fixture
def built(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "BUILT_DIR", tmp_path / "built")
    return tmp_path / "built"


def counting(source):
    calls = []

    def make():
        calls.append(1)
        return {"words": frozenset(source.read_text(encoding="utf-8").split())}
    return make, calls


def test_derived_is_kept_and_used_while_its_sources_are_unchanged(built, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("a b", encoding="utf-8")
    make, calls = counting(source)
    table = Derived("t.pkl", lambda: [source], make)
    assert table.load() == {"words": frozenset({"a", "b"})}
    assert (built / "t.pkl").exists() and len(calls) == 1
    assert table.load() == {"words": frozenset({"a", "b"})}
    assert len(calls) == 1  # read from the file, not computed


def test_stale_derived_is_computed_again(built, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("a b", encoding="utf-8")
    make, calls = counting(source)
    table = Derived("t.pkl", lambda: [source], make)
    table.load()
    source.write_text("a c", encoding="utf-8")  # a source edited (same length, so not just its size)
    assert table.load() == {"words": frozenset({"a", "c"})}
    assert len(calls) == 2
    assert table.load() == {"words": frozenset({"a", "c"})} and len(calls) == 2  # the file was rewritten
    # another version of the code that makes it, a damaged file: computed again too
    assert Derived("t.pkl", lambda: [source], make, version="2").load() == {"words": frozenset({"a", "c"})}
    assert len(calls) == 3
    (built / "t.pkl").write_bytes(b"\x80garbage")
    assert table.load() == {"words": frozenset({"a", "c"})} and len(calls) == 4


def test_derived_without_a_writable_folder_is_computed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(resources, "BUILT_DIR", blocker / "built")  # cannot be made
    source = tmp_path / "words.txt"
    source.write_text("a", encoding="utf-8")
    make, calls = counting(source)
    assert Derived("t.pkl", lambda: [source], make).load() == {"words": frozenset({"a"})}


PATTERNS = [(r"(?P<year>\d{3,4})\s+(?:năm|niên)", re.IGNORECASE), (r"(a)|(?P<b>b)(?=c)", 0),
            (r"(?-i:T)hái\s+(?:Bình|Nguyên)\b", re.IGNORECASE), (r"^\w+$", re.MULTILINE)]


def test_kept_regexes_are_the_patterns_re_compiles(built, monkeypatch):
    first = CompiledRegexes("r.pkl")
    compiled = [first.compile(p, f) for p, f in PATTERNS]
    first.save()
    assert (built / "r.pkl").exists()

    def no_compiling(*args):
        raise AssertionError("compiled again")
    monkeypatch.setattr(resources, "_compile_args", no_compiling)
    again = [CompiledRegexes("r.pkl").compile(p, f) for p, f in PATTERNS]
    for (pattern, flags), one, other in zip(PATTERNS, compiled, again):
        expected = re.compile(pattern, flags)
        for got in (one, other):
            assert got == expected  # same pattern, flags and compiled code
            assert (got.groups, got.groupindex, got.flags) == (expected.groups, expected.groupindex, expected.flags)
    assert again[0].search("Năm 1428 NĂM").group("year") == "1428"
    assert again[1].search("xbc").group("b") == "b"
    assert again[2].search("thái bình") is None and again[2].search("Thái BÌNH")


def test_regexes_kept_for_another_engine_are_not_used(built):
    regexes = CompiledRegexes("r.pkl")
    regexes.compile(*PATTERNS[0])
    regexes.save()
    with open(built / "r.pkl", "rb") as handle:
        header, stored = pickle.load(handle)[0], pickle.loads(handle.read())
    wrong = {key: (args[0], args[1], [0], *args[3:]) for key, args in stored.items()}  # code no engine runs
    resources._write_kept(built / "r.pkl", header + "another", wrong)
    assert CompiledRegexes("r.pkl").compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_invalid_regex_raises_as_re_does(built):
    with pytest.raises(re.error):
        CompiledRegexes("r.pkl").compile("(unclosed")


def test_date_rules_from_kept_regexes_are_those_re_compiles(built):
    from pipeline.dates.lexicon import load_lexicon
    from pipeline.dates.rules import load_rules

    lexicon = load_lexicon()
    load_rules(lexicon)  # computes and keeps them
    assert (built / "dates_regexes.pkl").exists()
    for rule in load_rules(lexicon):  # from the file
        for name in ("regex", "before", "not_before", "not_after", "requires"):
            pattern = getattr(rule, name)
            if pattern is not None:
                assert pattern == re.compile(pattern.pattern, re.IGNORECASE), (rule.name, name)


def test_crf_tables_are_underthesea_s():
    from underthesea.pipeline.text_normalize import token_normalize
    from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

    from pipeline.entities.crf import CRF_TABLES, _crf_tables, crf_chain

    assert CRF_TABLES.load() == _crf_tables()
    chain = crf_chain()
    assert chain._patterns == patterns
    text = " ".join([*list(chain._token_map)[:300], "Hoà", "hoà", "Thuỵ", "quốc-gia", "1.000", "ủy", "uỷ ban"])
    assert [t[2] for t in chain.tokens(text, 0, len(text))] == [
        token_normalize(m.group(0), use_character_normalize=False) for m in patterns.finditer(text)]


def test_viet74k_tables_are_computed_ones():
    from pipeline.entities.rules import VIET74K_TABLES, _viet74k_tables

    assert VIET74K_TABLES.load() == _viet74k_tables()


def test_build_resources_builds_every_kept_table(built, monkeypatch):
    import pipeline.correct  # noqa: F401 - its builder registered before the copy below
    import pipeline.dates.rules  # noqa: F401
    from pipeline.cli import main
    from pipeline.entities.crf import CRF_TABLES
    from pipeline.correct.lm import SHIPPED_ARRAYS
    from pipeline.entities.rules import VIET74K_TABLES

    builders = dict(resources._BUILDERS)
    builders["correct_lexicon_v3.pkl"] = lambda path: path.write_bytes(b"")  # (slow; built by make setup)
    monkeypatch.setattr(resources, "_BUILDERS", builders)
    assert main(["build-resources"]) == 0
    assert {"crf_tables.pkl", "viet74k_tables.pkl", "dates_regexes.pkl", "lm_arrays.pkl"} <= {
        p.name for p in built.iterdir()}
    for table in (CRF_TABLES, VIET74K_TABLES, SHIPPED_ARRAYS):
        monkeypatch.setattr(table, "make", lambda: pytest.fail("computed again"))
        table.load()


def test_kept_language_model_arrays_are_the_model_file_s():
    import numpy as np

    from pipeline.correct.lm import SHIPPED_ARRAYS, SHIPPED_LM, _read_arrays

    kept, read = SHIPPED_ARRAYS.load(), _read_arrays(SHIPPED_LM)
    assert kept.keys() == read.keys()
    for name, array in read.items():
        assert kept[name].dtype == array.dtype and np.array_equal(kept[name], array), name


def _damage_value(path, payload: bytes | None = None, old: bytes = b"", new: bytes = b"") -> None:
    """Keep a kept file's first pickle (its digest or engine header) and damage what follows: replace it by
    ``payload`` (garbage) or change bytes ``old`` in it to ``new`` (a flipped byte)."""
    with open(path, "rb") as handle:
        pickle.load(handle)
        split = handle.tell()
    data = path.read_bytes()
    rest = data[split:] if payload is None else payload
    path.write_bytes(data[:split] + rest.replace(old, new) if old else data[:split] + rest)


# A frame of 2**64-1 bytes (OverflowError), an int where a table or a mapping of expressions is expected
GARBAGE = [b"\x80\x05\x95" + b"\xff" * 8, pickle.dumps(5)]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_damaged_derived_is_computed_again_not_raised(built, tmp_path, garbage):
    source = tmp_path / "words.txt"
    source.write_text("a b", encoding="utf-8")
    make, calls = counting(source)
    table = Derived("t.pkl", lambda: [source], make)
    table.load()
    _damage_value(built / "t.pkl", garbage)
    assert table.load() == {"words": frozenset({"a", "b"})} and len(calls) == 2


def test_derived_with_a_flipped_byte_is_not_used(built, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("alpha beta", encoding="utf-8")
    make, calls = counting(source)
    table = Derived("t.pkl", lambda: [source], make)
    table.load()
    _damage_value(built / "t.pkl", old=b"alpha", new=b"alphx")  # still a valid pickle, of another value
    assert table.load() == {"words": frozenset({"alpha", "beta"})} and len(calls) == 2


@pytest.mark.parametrize("garbage", GARBAGE)
def test_damaged_regexes_are_compiled_again_not_raised(built, garbage):
    regexes = CompiledRegexes("rx.pkl")
    regexes.compile(r"\d+ năm", re.IGNORECASE)
    regexes.save()
    _damage_value(built / "rx.pkl", garbage)
    assert CompiledRegexes("rx.pkl").compile(r"\d+ năm", re.IGNORECASE) == re.compile(r"\d+ năm", re.IGNORECASE)


def test_regexes_with_a_flipped_byte_are_not_used(built):
    regexes = CompiledRegexes("rx.pkl")
    regexes.compile("tháng giêng", re.IGNORECASE)
    regexes.save()
    # the kept code matches the literal's characters by their numbers: "g" (103) becomes "h" (104)
    g, h = (pickle.dumps(ord(c))[2:-1] for c in "gh")  # BININT1 and the byte
    assert g in (built / "rx.pkl").read_bytes()
    _damage_value(built / "rx.pkl", old=g, new=h)
    assert CompiledRegexes("rx.pkl").compile("tháng giêng", re.IGNORECASE).search("THÁNG GIÊNG")


def test_code_from_re_internals_is_kept_only_when_it_is_what_re_compiles(built, monkeypatch):
    # re's internals changed in a way that still runs (another Python's _parser/_compiler): their code is not used
    real = resources._compile_args
    monkeypatch.setattr(resources, "_compile_args", lambda pattern, flags: (pattern, *real("b", flags)[1:]))
    regexes = CompiledRegexes("rx.pkl")
    assert regexes.compile("a").match("a") and not regexes.compile("a").match("b")
    regexes.save()
    monkeypatch.setattr(resources, "_compile_args", real)
    assert CompiledRegexes("rx.pkl").compile("a").match("a")
