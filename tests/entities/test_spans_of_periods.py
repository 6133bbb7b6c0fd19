"""Spans and labels across periods (issue 13): ruler names ending in "đế", compass regions after "miền", Roman
numerals that count centuries, titles of nobility. The sentences are the test's own."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("Năm 220, Tào Phi ép vua Hiến đế nhường ngôi.", {"Tào Phi": "PER", "Hiến đế": "PER"}),
    ("Lưu Hiệp, tức Hán Hiến đế, lên ngôi.", {"Lưu Hiệp": "PER", "Hán Hiến đế": "PER"}),
    ("Đổng Trác bỏ vua Thiếu đế.", {"Đổng Trác": "PER", "Thiếu đế": "PER"}),
])
def test_a_ruler_name_ending_in_de_keeps_the_ending(recognize, text, expected):
    assert recognize(text) == expected


def test_de_opening_a_common_word_is_not_taken_into_the_name(recognize):
    assert recognize("Sau Napoléon đế chế Pháp tan rã.") == {"Napoléon": "PER", "Pháp": "LOC"}


@pytest.mark.parametrize("text, expected", [
    ("Quân miền Bắc thắng quân miền Nam ở Gettysburg.",
     {"miền Bắc": "LOC", "miền Nam": "LOC", "Gettysburg": "LOC"}),
    ("Miền Nam thua trận.", {"Miền Nam": "LOC"}),
])
def test_a_compass_region_after_mien_is_one_place_with_its_head(recognize, text, expected):
    assert recognize(text) == expected


def test_a_named_place_after_mien_keeps_the_head_outside(recognize):
    assert recognize("Nghĩa quân rút lên miền Quảng Bình.") == {"Quảng Bình": "LOC"}


@pytest.mark.parametrize("text", [
    "Vào cuối thế kỷ thứ II, nhà Hán suy yếu.",
    "Đến thế kỷ thứ XII, Mông Cổ mới mạnh.",
])
def test_a_roman_numeral_counting_a_century_is_no_entity(recognize, text):
    assert not any(name.strip("IVXL") == "" for name in recognize(text))


def test_a_lord_after_huan_tuoc_is_a_person(recognize):
    assert recognize("Người được cử sang là huân tước Mountbatten.") == {"Mountbatten": "PER"}
