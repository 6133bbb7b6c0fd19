import math

from pipeline.correct.confusion import (
    LEARNED_PATH, ConfusionTable, default_table, discovered_glyphs, estimate_costs, estimate_punct_costs,
    glyph_variants, load_confusions, overlay, save_confusions, tesseract_table, tone_class,
)


def test_table_reads_every_kind():
    table = default_table()
    assert table.glyph[("rn", "m")] < 5
    assert ("Cl", "D") in table.glyph  # lowercase rules also apply capitalized
    assert table.tone_cost(4, 2) < table.tone_cost(5, 1)  # hỏi for sắc is likelier than nặng for huyền
    assert table.mark_cost("duyen", "duyên") > 0
    assert table.mark_cost("duyen", "tuyên") == math.inf
    assert {"double", "split", "edit"} <= set(table.single)


def test_glyph_variants_reach_the_intended_words():
    table = default_table()
    assert "trương" in glyph_variants("lnrơng", table)
    assert "nhưng" in glyph_variants("nlnrng", table)
    assert glyph_variants("NNhưng", table)["Nhưng"] == table.single["double"]


def test_word_end_rules_read_final_consonants_and_vowels_the_books_confuse():
    table = default_table()
    # a final consonant read as another (ng/nh, n/m, n/t) and "â" read as "ô", at word-end costs the corrector
    # can reach for a dictionary word
    for printed, intended in (("thang", "thanh"), ("nan", "nam"), ("bam", "ban"), ("môn", "môt"), ("hâi", "hôi"),
                              ("Thang", "Thanh")):
        assert glyph_variants(printed, table, depth=1).get(intended, math.inf) < 5.5, (printed, intended)
    # the word-end rules stand at the end only: "ng" at a syllable's start is no final consonant
    assert "nhang" not in glyph_variants("ngang", table, depth=1)
    assert "mam" not in glyph_variants("nam", table, depth=1)


def test_estimate_costs_counts_a_word_end_rule_where_it_turns_the_printed_word_into_the_intended(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("# kind\tobserved\tintended\tcost\n"
                    "glyph\tng$\tnh$\t5.0\t\n", encoding="utf-8")
    table = load_confusions(path)
    assert ("Ng$", "Nh$") in table.glyph  # capitalized as the other rules
    pairs = [("đáng", "đánh"), ("thàng", "thành")] + [("nhanh", "nhanh")] * 20 + [("nhà", "nhà")] * 200
    new = estimate_costs(pairs, table, offset=4.6)
    assert new.glyph[("ng$", "nh$")] < table.glyph[("ng$", "nh$")]
    # "nh" at a word's start is no base of the rule: the same pairs with 200 more "nhà" price it the same
    fewer = estimate_costs(pairs[:22], table, offset=4.6)
    assert abs(fewer.glyph[("ng$", "nh$")] - new.glyph[("ng$", "nh$")]) < 1e-9


def test_estimate_costs_makes_seen_confusions_cheaper(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("# kind\tobserved\tintended\tcost\n"
                    "glyph\trn\tm\t4.0\t\nglyph\tcl\td\t4.0\t\ntone\thỏi\tsắc\t4.0\t\n", encoding="utf-8")
    table = load_confusions(path)
    pairs = [("cornmon", "common"), ("rnắt", "mắt"), ("chỏng", "chóng"), ("danh", "danh"), ("mắt", "mắt")]
    new = estimate_costs(pairs, table)
    assert new.glyph[("rn", "m")] < table.glyph[("rn", "m")]
    assert new.glyph[("cl", "d")] > table.glyph[("cl", "d")]  # "d" seen without confusion
    assert new.tone[(4, 2)] < table.tone[(4, 2)]


def test_estimate_costs_learns_mark_confusions_too():
    table = default_table()
    pairs = [("duyen", "duyên")] * 5 + [("duyên", "duyên")] * 5
    new = estimate_costs(pairs, table, offset=4.6)
    assert new.mark[("e", "ê")] < table.mark[("e", "ê")]


def test_learned_overlay_only_makes_confusions_cheaper():
    base, learned = load_confusions(), tesseract_table()
    for kind in ("glyph", "tone", "mark"):
        for key, cost in getattr(base, kind).items():
            assert getattr(learned, kind)[key] <= cost
    assert learned.glyph[("h", "b")] < base.glyph[("h", "b")]  # tesseract reads "b" as "h"


def test_final_consonants_the_scanner_confuses_are_reached():
    table = default_table()
    for printed, intended in (("Quảng", "Quản"), ("thiên", "thiêng"), ("khoảnh", "khoảng"), ("đặc", "đặt")):
        assert intended in glyph_variants(printed, table) or any(
            v.lower() == intended.lower() for v in glyph_variants(printed, table))


def test_book_overlay_makes_the_books_tone_confusions_cheaper():
    hand, shipped = load_confusions(), default_table()
    for kind in ("glyph", "tone", "mark"):
        for key, cost in getattr(hand, kind).items():
            assert getattr(shipped, kind)[key] <= cost
    # scanned books confuse hỏi and ngã far more often than the hand-written table says ("rỏ" for "rõ")
    assert shipped.tone_cost(4, 3) < hand.tone_cost(4, 3) - 1.0


def test_punctuation_confusions_and_lost_capitals_are_read_and_learned():
    hand = load_confusions()
    assert hand.punct[(".", ",")] > hand.single["lost_capital"]  # a scanned book loses capitals
    learned = tesseract_table()
    assert learned.punct[(".", ",")] < learned.single["lost_capital"]  # tesseract prints commas as full stops
    triples = ([(".", ",", False)] * 30 + [(",", ",", False)] * 70 + [("Quân", "Quân", True)] * 2000
               + [("bộ", "Bộ", True)])
    new = estimate_punct_costs(triples, hand, prior=200, offset=4.6)
    assert new.punct[(".", ",")] < hand.punct[(".", ",")]
    assert new.single["lost_capital"] > hand.single["lost_capital"]  # 1 capital lost in 2001 sentence starts


def test_the_learned_cost_of_a_lost_capital_overrides_the_hand_written_one():
    # tesseract loses a sentence's capital less often than the hand-written table says (a scanned book's habit):
    # its learned cost is dearer, and it is the one the corrector weighs against tesseract's punctuation costs
    learned = load_confusions(LEARNED_PATH)
    assert learned.single["lost_capital"] > load_confusions().single["lost_capital"]
    assert tesseract_table().single["lost_capital"] == learned.single["lost_capital"]
    # the other one-cost kinds still keep the cheaper of the two
    base = load_confusions()
    dear = ConfusionTable(single={"edit": base.single["edit"] + 1.0, "lost_capital": 9.0})
    assert overlay(base, dear).single == {**base.single, "lost_capital": 9.0}


def test_saved_table_keeps_its_punctuation_costs(tmp_path):
    path = tmp_path / "learned.tsv"
    table = tesseract_table()
    save_confusions(table, path, "test")
    again = load_confusions(path)
    assert again.punct[(".", ",")] == round(table.punct[(".", ",")], 2)
    assert again.single["lost_capital"] == round(table.single["lost_capital"], 2)


def test_estimation_discovers_letters_the_scanner_reads_as_others():
    table = load_confusions()
    assert ("a", "o") not in table.glyph
    pairs = [("trang", "trong"), ("can", "con"), ("bạn", "bọn"), ("xông", "sông"), ("trong", "trong")] + [
        ("con", "con")] * 20
    found = discovered_glyphs(pairs, table, min_seen=3)
    assert found == {("a", "o"): table.single["edit"]}  # seen 3 times; "x" for "s" once
    new = estimate_costs(pairs, table, prior=200, offset=4.6, discover=3)
    assert new.glyph[("a", "o")] < table.single["edit"]
    assert "trong" in glyph_variants("trang", new, depth=1)


def test_tone_confusions_are_learned_apart_beside_a_circumflex():
    """Tesseract reads "ổ" as "ố" far more often than "ỏ" as "ó": the two are estimated and priced apart."""
    table = load_confusions()
    pairs = ([("tố", "tổ"), ("kiến", "kiển"), ("tổ", "tổ")] * 5 + [("tỏ", "tỏ"), ("kỏ", "kỏ"), ("mả", "mả")] * 5
             + [("tá", "tả")])
    new = estimate_costs(pairs, table, offset=4.6)
    assert new.tone_cost(2, 4, cls="circumflex") < new.tone_cost(2, 4) < table.tone_cost(2, 4)
    assert new.tone_cost(2, 4, cls="circumflex") == new.class_tone["circumflex"][(2, 4)]
    assert table.tone_cost(2, 4, cls="circumflex") == table.tone_cost(2, 4)  # no circumflex costs: the general ones


def test_tesseract_candidates_price_a_circumflex_tone_confusion_lower():
    from pipeline.correct.candidates import CandidateGenerator, skeleton_index

    table = tesseract_table()
    words = ["tổ", "tố", "tỏ", "tó"]
    gen = CandidateGenerator(table, skeleton_index(words), dict.fromkeys(words, 1.0), 9.0, 7.5)
    circumflex = dict(gen.vietnamese("tố", damaged=False))["tổ"]
    bare = dict(gen.vietnamese("tó", damaged=False))["tỏ"]
    assert circumflex < bare
    assert circumflex == table.class_tone["circumflex"][(2, 4)]


def test_circumflex_tone_costs_survive_saving(tmp_path):
    table = ConfusionTable(tone={(2, 4): 1.0}, class_tone={"circumflex": {(2, 4): -2.0, (2, 0): -1.0}})
    save_confusions(table, tmp_path / "t.tsv", "note")
    assert load_confusions(tmp_path / "t.tsv").class_tone == table.class_tone


def test_tone_classes():
    assert [tone_class(w) for w in ("muôn", "BIÊN", "tâm", "chi", "ca", "ươ")] == ["circumflex"] * 3 + [""] * 3


def test_a_learned_class_of_syllables_only_makes_a_tone_cheaper():
    """overlay's contract: what one scanner learned never makes a confusion dearer than the base table's cost."""
    base = ConfusionTable(tone={(2, 4): 1.0, (0, 3): 4.0})
    learned = ConfusionTable(class_tone={"circumflex": {(2, 4): 0.5, (0, 3): 6.0}})
    table = overlay(base, learned)
    assert table.tone_cost(2, 4, cls="circumflex") == 0.5
    assert table.tone_cost(0, 3, cls="circumflex") == 4.0  # learned dearer: the base cost stays the ceiling
    hand_written, shipped = load_confusions(), tesseract_table()
    for (observed, intended), cost in shipped.class_tone["circumflex"].items():
        assert cost <= hand_written.tone_cost(observed, intended) + 1e-9
