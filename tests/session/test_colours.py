"""The colours a pane answers OSC 4 / 10 / 11 queries with: the theme's where it has its own, else the outer
terminal's (as the UI client found them at attach), else xterm's defaults; a program's own settings win, and
RIS goes back to the colours shown."""

from __future__ import annotations

from muntin.config.theme import TERMINAL_THEME, Theme
from muntin.emulator import Terminal
from muntin.session.colours import OuterColours, outer_colours, show_in, shown_colours

PALETTE = tuple(f"#0000{index:02x}" for index in range(16))


def answers(colors, query: str) -> list[bytes]:
    replies: list[bytes] = []
    terminal = Terminal(3, 10, on_reply=replies.append)
    show_in(terminal.colors, colors)
    terminal.feed(query.encode())
    return replies


OUTER = OuterColours((0xc0, 0xd0, 0xe0), (0x10, 0x20, 0x30), {1: (0xaa, 0x00, 0x11)})
QUERY = "\x1b]10;?\x07\x1b]11;?\x07\x1b]4;1;?\x07\x1b]4;2;?\x07"


def test_the_terminal_theme_answers_with_the_outer_terminals_colours() -> None:
    assert answers(shown_colours(TERMINAL_THEME, OUTER), QUERY) == [
        b"\x1b]10;rgb:c0c0/d0d0/e0e0\x07", b"\x1b]11;rgb:1010/2020/3030\x07",
        b"\x1b]4;1;rgb:aaaa/0000/1111\x07",
        b"\x1b]4;2;rgb:0000/cdcd/0000\x07"]  # an entry the terminal did not answer: xterm's default


def test_without_an_answer_from_the_outer_terminal_xterms_defaults() -> None:
    assert answers(shown_colours(TERMINAL_THEME, None), "\x1b]10;?\x07\x1b]11;?\x07") == [
        b"\x1b]10;rgb:e5e5/e5e5/e5e5\x07", b"\x1b]11;rgb:0000/0000/0000\x07"]


def test_a_theme_with_its_own_colours_answers_with_them() -> None:
    theme = Theme(name="t", palette=PALETTE, foreground="#ebdbb2", background="#282524")
    assert answers(shown_colours(theme, OUTER), QUERY) == [
        b"\x1b]10;rgb:ebeb/dbdb/b2b2\x07", b"\x1b]11;rgb:2828/2525/2424\x07",
        b"\x1b]4;1;rgb:0000/0000/0101\x07", b"\x1b]4;2;rgb:0000/0000/0202\x07"]


def test_a_theme_with_a_palette_but_no_background_passes_the_background_through() -> None:
    theme = Theme(name="t", palette=PALETTE)
    assert answers(shown_colours(theme, OUTER), "\x1b]11;?\x07\x1b]4;1;?\x07") == [
        b"\x1b]11;rgb:1010/2020/3030\x07", b"\x1b]4;1;rgb:0000/0000/0101\x07"]


def test_a_programs_own_colours_win_until_ris_which_goes_back_to_the_colours_shown() -> None:
    replies: list[bytes] = []
    terminal = Terminal(3, 10, on_reply=replies.append)
    show_in(terminal.colors, shown_colours(TERMINAL_THEME, OUTER))
    terminal.feed(b"\x1b]11;#ffffff\x07\x1b]4;1;#000001\x07\x1b]11;?\x07\x1b]4;1;?\x07\x1bc\x1b]11;?\x07\x1b]4;1;?\x07")
    assert replies == [b"\x1b]11;rgb:ffff/ffff/ffff\x07", b"\x1b]4;1;rgb:0000/0000/0101\x07",
                       b"\x1b]11;rgb:1010/2020/3030\x07", b"\x1b]4;1;rgb:aaaa/0000/1111\x07"]


def test_a_colours_message_is_data_checked_field_by_field() -> None:
    outer = outer_colours({"t": "colours", "foreground": "rgb:c0c0/d0d0/e0e0", "background": "not a colour",
                           "palette": {"1": "#aa0011", "16": "#ffffff", "x": "#ffffff", "2": 5}})
    assert outer == OuterColours((0xc0, 0xd0, 0xe0), None, {1: (0xaa, 0x00, 0x11)})
