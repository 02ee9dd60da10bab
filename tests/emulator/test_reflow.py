"""Resizing re-wraps the main screen and its history, as tmux does: text that wrapped is one line again when
the pane grows, a long line wraps anew when it shrinks, and the cursor keeps its place in its line."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

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
