"""The compact width table agrees with the wcwidth package on every code point, and the DEC graphics with pyte's."""

from __future__ import annotations

from pathlib import Path

import wcwidth as reference
from pyte import charsets

from muntin.emulator import width
from muntin.emulator.terminal import _DEC_TABLE


def test_every_code_point_has_wcwidths_width() -> None:
    wrong = [code for code in range(0x110000) if width.wcwidth(chr(code)) != reference.wcwidth(chr(code))]
    assert wrong == []


def test_the_table_is_what_the_generator_writes() -> None:
    assert width._generate() == Path(width.__file__).with_name("_widths.py").read_text(encoding="utf-8")


def test_empty_string_is_nul_and_text_sums_cells() -> None:
    assert width.wcwidth("") == reference.wcwidth("") == 0
    assert width.wcswidth("a\u4e00\u0301\x07b") == 4


def test_the_cache_stays_bounded() -> None:
    for code in range(0x4e00, 0x4e00 + 3 * width._CACHE_LIMIT):
        width.wcwidth(chr(code))
    assert len(width._CACHE) <= width._CACHE_LIMIT


def test_dec_special_graphics_match_pyte() -> None:
    assert {code: char for code, char in _DEC_TABLE.items()} == {
        code: charsets.VT100_MAP[code] for code in range(95, 127)}
