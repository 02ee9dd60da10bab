"""Resizing re-wraps the main screen and its history, as tmux does: text that wrapped is one line again when
the pane grows, a long line wraps anew when it shrinks, and the cursor keeps its place in its line; a shorter
pane drops the rows below the cursor before lines leave the top for the history."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import poll_until
from corpus.record import Tmux

from muntin.emulator import DEFAULT, Style, Terminal


def term(data: str, rows: int, cols: int, **kwargs) -> Terminal:
    t = Terminal(rows, cols, **kwargs)
    t.feed(data.encode())
    return t


def history(t: Terminal) -> list[str]:
    return [line.text for line in t.scrollback]


LINES = "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee\r\nshort line\r\n\x1b[41mred\x1b[0m tail\r\n# "


def test_shrinking_wraps_long_lines_and_growing_joins_them_again() -> None:
    # The screens and cursors are what tmux 3.3a shows for the same bytes and resizes.
    t = term(LINES, rows=8, cols=40)
    t.resize(8, 20)
    assert history(t) == ["aaaaaaaaaabbbbbbbbbb"]
    assert [row.rstrip() for row in t.display[:5]] == ["ccccccccccdddddddddd", "eeeeeeeeee", "short line",
                                                        "red tail", "#"]
    assert t.cursor == (2, 4)
    t.resize(8, 60)
    assert history(t) == []
    assert t.display[0].rstrip() == "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeee"
    assert [row.rstrip() for row in t.display[1:4]] == ["short line", "red tail", "#"]
    assert t.cursor == (2, 3)


def test_colours_and_wrapped_marks_follow_the_text() -> None:
    t = term(LINES, rows=8, cols=40)
    t.resize(8, 6)
    red = [y for y in range(t.rows) if t.display[y].startswith("red")][0]
    runs = t.styled_row(red)
    assert runs[0] == ("red", Style(bg=1))
    t.resize(8, 40)
    assert t.display[0] == "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd"
    assert t.display[1].rstrip() == "eeeeeeeeee"  # wrapped at 40 again, as first drawn


def test_a_cursor_at_the_end_of_a_full_row_waits_there_to_wrap() -> None:
    # tmux keeps such a cursor at x == width on the row; here it waits at the last column to wrap.
    t = term("0\r\n1\r\n2\r\n3\r\n4\r\nlast", rows=6, cols=10)
    t.resize(3, 4)
    assert t.display == ["3   ", "4   ", "last"]
    assert history(t) == ["0", "1", "2"]
    assert t.cursor == (3, 2)
    t.feed(b"X")
    assert t.display == ["4   ", "last", "X   "]
    t.resize(3, 10)
    assert t.display[-1] == "lastX     "  # X continued the line
    t = term("0\r\n1\r\n2\r\n3\r\n4\r\nlast", rows=6, cols=10)
    t.resize(3, 4)
    t.resize(6, 10)
    assert t.display == [f"{i}         " for i in range(5)] + ["last      "] and t.cursor == (4, 5)
    t.feed(b"X")
    assert t.display[5] == "lastX     "


def test_typing_goes_on_at_the_right_place_after_a_resize() -> None:
    t = term("$ echo " + "x" * 30, rows=5, cols=20)
    t.resize(5, 12)
    t.feed(b"YZ")
    t.resize(5, 60)
    assert t.display[0].rstrip() == "$ echo " + "x" * 30 + "YZ"


def test_wide_characters_never_straddle_two_rows() -> None:
    t = term("ab" + "中文" * 6 + "\r\n$ ", rows=6, cols=20)
    for width in (5, 4, 3, 7, 20):
        t.resize(6, width)
        for row in t.display:
            assert len(row) + sum(1 for c in row if c in "中文") == width
    assert t.display[0] == "ab" + "中文" * 4 + "中" and t.display[1].rstrip() == "文中文"  # 26 cells in 20
    assert t.cursor == (2, 2)


def test_the_alternate_screen_is_cut_not_rewrapped_and_the_main_screen_under_it_is() -> None:
    t = term("x" * 30 + "\r\n$ \x1b[?1049h\x1b[H" + "ALT" + "y" * 27, rows=5, cols=40)
    t.resize(5, 10)
    assert t.display[0] == "ALTyyyyyyy"
    t.resize(5, 40)
    assert t.display[0].rstrip() == "ALTyyyyyyy"  # cut, as in tmux: the program redraws it
    t.feed(b"\x1b[?1049l")
    assert t.display[0].rstrip() == "x" * 30 and t.display[1].rstrip() == "$" and t.cursor == (2, 1)


def test_no_history_keeps_what_fits() -> None:
    t = term("x" * 50 + "\r\n$ ", rows=3, cols=50, scrollback=0)
    t.resize(3, 10)
    assert len(t.scrollback) == 0
    assert t.display[0] == "x" * 10 and t.display[1].rstrip() == "$" and t.cursor == (2, 1)  # its row kept


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.text(st.sampled_from("ab c-中é"), max_size=30).map(str.rstrip), min_size=1, max_size=25),
       rows=st.integers(2, 8), cols=st.integers(4, 30), narrow=st.integers(2, 29))
def test_shrinking_and_growing_back_gives_the_same_screen(lines, rows, cols, narrow) -> None:
    """(Blanks written at the end of a line are not told from untouched cells, so lines carry none.)"""
    assume(narrow < cols)
    t = Terminal(rows, cols, scrollback=1000)
    t.feed("\r\n".join(lines).encode())
    before = ([t.styled_row(y) for y in range(rows)], [line.text for line in t.scrollback], t.cursor)
    t.resize(rows, narrow)
    for row in t.display:
        assert len(row) + sum(1 for c in row if c == "中") == narrow
    assert 0 <= t.cursor[0] < narrow and 0 <= t.cursor[1] < rows
    t.resize(rows, cols)
    after = ([t.styled_row(y) for y in range(rows)], [line.text for line in t.scrollback], t.cursor)
    assert after == before


def test_styles_of_blank_rows_are_kept() -> None:
    t = term("\x1b[44m\x1b[K\x1b[0m\r\nnext", rows=4, cols=10)
    t.resize(4, 5)
    assert t.styled_row(0) == [("     ", Style(bg=4))]
    assert t.styled_row(1) == [("next ", DEFAULT)]


# -- height: tmux drops the rows below the cursor before any line leaves the top ---------------------------

PROMPT = "a\r\nb\r\nc\r\n$ "  # a prompt on row 3, the rows below it free


def test_a_shorter_screen_keeps_a_prompt_near_the_top_in_place() -> None:
    t = term(PROMPT, rows=24, cols=80)
    t.resize(10, 80)
    assert [row.rstrip() for row in t.display[:4]] == ["a", "b", "c", "$"]
    assert t.cursor == (2, 3)
    assert history(t) == []


def test_a_full_screen_pushes_its_top_lines_into_the_history() -> None:
    t = term("\r\n".join(str(i) for i in range(30)) + "\r\n$ ", rows=24, cols=80)
    before = history(t)
    t.resize(10, 80)
    assert history(t) == before + [str(i) for i in range(7, 21)]
    assert [row.rstrip() for row in t.display] == [str(i) for i in range(21, 30)] + ["$"]
    assert t.cursor == (2, 9)


def test_rows_below_the_cursor_go_first_even_with_text_on_them() -> None:
    # A program that moved the cursor up (a progress display, a menu) redraws what is below on SIGWINCH;
    # tmux drops those rows rather than push the lines above the cursor into the history.
    t = term("\r\n".join(str(i) for i in range(12)) + "\x1b[4;3H", rows=24, cols=80)
    t.resize(10, 80)
    assert history(t) == []
    assert [row.rstrip() for row in t.display] == [str(i) for i in range(10)]
    assert t.cursor == (2, 3)
    t.resize(2, 80)  # still too many with nothing left below the cursor: the top goes to the history
    assert history(t) == ["0", "1"] and [row.rstrip() for row in t.display] == ["2", "3"] and t.cursor == (2, 1)


def test_the_alternate_screen_and_the_main_screen_under_it_drop_rows_below_their_cursors() -> None:
    t = term("\r\n".join(str(i) for i in range(12)) + "\x1b[4;3H\x1b[?1049h\x1b[H" + "\r\n".join("abcdef"),
             rows=24, cols=80)
    t.resize(10, 80)
    assert [row.rstrip() for row in t.display[:6]] == list("abcdef") and t.cursor == (1, 5)
    t.feed(b"\x1b[?1049l")
    assert [row.rstrip() for row in t.display] == [str(i) for i in range(10)] and t.cursor == (2, 3)
    assert history(t) == []


# The same bytes and resize in a pane of a private tmux server. Left out, as tmux's own quirks: a cursor
# past the end of its text moved left by a re-wrap, and blanks coloured by an erase, which tmux does not
# count as text when it re-wraps.
TEXT = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\r\nincididunt ut labore "
        "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris\r\ncommodo "
        "consequat.\r\nnulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia"
        "\r\ndeserunt mollit anim id est laborum.\r\n")
TMUX_CASES = {
    "prompt near the top": (PROMPT, (24, 80), (10, 80)),
    "full screen": ("\r\n".join(str(i) for i in range(30)) + "\r\n$ ", (24, 80), (10, 80)),
    "text below the cursor": ("\r\n".join(str(i) for i in range(12)) + "\x1b[4;3H", (24, 80), (10, 80)),
    "text below the cursor, history": ("\r\n".join(str(i) for i in range(40)) + "\x1b[4;3H", (24, 80), (10, 80)),
    "more rows than below the cursor": ("\r\n".join(str(i) for i in range(12)) + "\x1b[4;3H", (24, 80), (2, 80)),
    "shorter and narrower": (PROMPT, (24, 80), (10, 60)),
    "long line, shorter and narrower": ("x" * 200 + "\r\n$ ", (24, 80), (10, 40)),
    # tmux's regress/cursor-test1: the screen is the last rows of all, the blank row below the cursor kept
    "blank row below the cursor, narrower": (TEXT + "\x1b[9;15H", (10, 40), (10, 10)),
    "blank row below the cursor, wider": (TEXT + "\x1b[8;10H", (10, 10), (10, 50)),
    "a line that wraps pushes the top row out": ("abcdef\r\n", (3, 10), (3, 3)),
    "alternate screen": ("\x1b7\x1b[?1049h\x1b[H" + "x" * 10, (24, 80), (10, 80)),
}


def tmux_after_resize(data: bytes, size: tuple[int, int], new: tuple[int, int],
                      tmp_path: Path) -> tuple[list[str], int, tuple[int, int]]:
    """tmux's screen, history size and cursor after ``data`` in a pane of ``size``, resized to ``new``."""
    stream = tmp_path / "stream.bin"
    stream.write_bytes(data)
    token = f"fed-{os.getpid()}"
    command = f"stty -echo -opost; cat {shlex.quote(str(stream))}; printf '\\033]2;%s\\033\\\\' {token}; exec sleep 600"
    (rows, cols), (new_rows, new_cols) = size, new
    tmux = Tmux(f"muntin-test-reflow-{os.getpid()}")
    try:
        tmux.run("start-server", ";", "set", "-g", "status", "off", ";", "new-session", "-d", "-s", "ref",
                 "-x", str(cols), "-y", str(rows), "sh", "-c", command)
        assert poll_until(lambda: tmux.format("#{pane_title}") == token, timeout=10)
        tmux.run("resize-window", "-t", "=ref:", "-x", str(new_cols), "-y", str(new_rows))
        assert poll_until(lambda: tmux.format("#{pane_height}x#{pane_width}") == f"{new_rows}x{new_cols}", timeout=10)
        screen = tmux.run("capture-pane", "-p", "-t", "=ref:").decode().split("\n")[:new_rows]
        history_size, x, y = (int(v) for v in tmux.format("#{history_size} #{cursor_x} #{cursor_y}").split())
    finally:
        tmux.close()
    return [line.rstrip() for line in screen] + [""] * (new_rows - len(screen)), history_size, (x, y)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI installs it)")
@pytest.mark.parametrize("case", TMUX_CASES)
def test_a_resize_leaves_the_screen_and_history_tmux_leaves(case: str, tmp_path: Path) -> None:
    data, size, new = TMUX_CASES[case]
    screen, history_size, cursor = tmux_after_resize(data.encode(), size, new, tmp_path)
    t = term(data, *size)
    t.resize(*new)
    assert [row.rstrip() for row in t.display] == screen
    assert len(t.scrollback) == history_size
    assert t.cursor == cursor


def test_a_large_history_re_wrapped_very_narrow_keeps_the_newest_rows() -> None:
    """500x200 with 1,000 lines of history down to 2x2: only the rows the history can keep are re-wrapped
    (it took 1.4 s to re-wrap 1,200 lines into 290,000 rows and keep 1,000 of them); what is kept is the
    same as re-wrapping everything would keep."""
    t = Terminal(200, 500, scrollback=1000)
    lines = [f"{i:05d} " + "x" * 480 for i in range(1200)]
    t.feed("".join(line + "\r\n" for line in lines).encode())
    t.resize(2, 2)
    rows = [line[j:j + 2].rstrip() for line in lines for j in range(0, len(line), 2)]
    assert [line.text for line in t.scrollback] == rows[-1001:-1]  # the last row is on the screen
    assert t.display == ["xx", "  "] and t.cursor == (0, 1)
