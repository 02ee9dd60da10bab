"""Copy mode over a real emulator: moving, paging, searching with wrap-around, selecting and copying, and a
view that stays put while output arrives."""

from __future__ import annotations

from muntin.emulator import Terminal
from muntin.session.buffers import Buffers
from muntin.session.copymode import CopyMode, Selection


def terminal_with(lines: list[str], rows: int = 5, cols: int = 20) -> Terminal:
    terminal = Terminal(rows, cols, scrollback=100)
    terminal.feed("\r\n".join(lines).encode())
    return terminal


def numbered(count: int) -> Terminal:
    return terminal_with([f"line {n}" for n in range(count)])


def view_text(mode: CopyMode) -> list[str]:
    return ["".join(text for text, _ in mode.view_row(y)).rstrip() for y in range(mode.rows)]


def test_enters_at_the_live_screen_with_the_programs_cursor() -> None:
    terminal = numbered(12)
    mode = CopyMode(terminal)
    assert view_text(mode) == [f"line {n}" for n in range(7, 12)]
    assert mode.cursor == terminal.cursor == (7, 4)
    assert mode.position == "[0/7]"


def test_paging_and_history_ends() -> None:
    mode = CopyMode(numbered(30))
    mode.command("page-up")
    assert view_text(mode)[0] == "line 21" and mode.position == "[4/25]"
    mode.command("history-top")
    assert view_text(mode)[0] == "line 0" and mode.cursor == (0, 0)
    mode.command("halfpage-down")
    assert view_text(mode)[0] == "line 2"
    mode.command("history-bottom")
    assert mode.offset == 0 and mode.cursor == (6, 4)


def test_cursor_motion_scrolls_the_view_at_its_edges() -> None:
    mode = CopyMode(numbered(10))
    mode.command("top-line")
    mode.command("cursor-up", count=3)
    assert view_text(mode)[0] == "line 2" and mode.cursor[1] == 0
    mode.command("cursor-down", count=20)
    assert mode.offset == 0 and mode.cursor[1] == 4


def test_word_motions_follow_vi() -> None:
    mode = CopyMode(terminal_with(["foo bar-baz  qux", "next"]))
    mode.command("history-top")
    for expected in (4, 7, 8, 13):
        mode.command("next-word")
        assert mode.cx == expected
    mode.command("next-word")
    assert (mode.cx, mode.cy - mode.top) == (0, 1)
    mode.command("previous-word")
    assert mode.cx == 13
    mode.command("previous-space")
    assert mode.cx == 4
    mode.command("next-word-end")
    assert mode.cx == 6
    mode.command("next-space-end")
    assert mode.cx == 10


def test_search_both_ways_with_wrap_and_smart_case() -> None:
    terminal = terminal_with(["alpha", "Error one", "beta", "error two", "gamma", "ERROR three", "end"])
    mode = CopyMode(terminal)
    assert mode.command("search-backward", ["error"]).error is None
    assert mode.text(mode.cy).startswith("ERROR three") and mode.cx == 0
    mode.command("search-again")
    assert mode.text(mode.cy).startswith("error two")
    mode.command("search-reverse")
    assert mode.text(mode.cy).startswith("ERROR three")
    mode.command("search-reverse")  # past the last match: around to the first
    assert mode.text(mode.cy).startswith("Error one")
    marks = mode.marks()
    assert ("current" in {kind for *_, kind in marks}) and all(end - start == 5 for _, start, end, _ in marks)
    assert mode.command("search-forward", ["Error"]).error is None  # capital: exact case only
    assert mode.text(mode.cy).startswith("Error one")
    assert mode.command("search-forward", ["nowhere"]).error == "not found: nowhere"


def test_the_view_stays_while_output_arrives() -> None:
    terminal = numbered(20)
    mode = CopyMode(terminal)
    mode.command("page-up")
    before = view_text(mode)
    terminal.feed(b"".join(b"\r\nmore %d" % n for n in range(8)))
    mode.clamp()
    assert view_text(mode) == before
    assert mode.position == "[12/23]"


def test_char_line_and_rectangle_selections_copy_what_is_shown() -> None:
    terminal = terminal_with(["one two three", "four five six", "seven eight"], rows=3)
    mode = CopyMode(terminal)
    mode.cx, mode.cy = 4, mode.top
    mode.command("begin-selection")
    mode.command("cursor-down")
    mode.command("cursor-left")
    assert mode.selected_text() == "two three\nfour"
    assert {(y, kind) for y, *_, kind in mode.marks()} == {(0, "selection"), (1, "selection")}
    mode.command("rectangle-toggle")
    assert mode.selected_text() == " t\nr"  # columns 3-4 of both lines, blanks at line ends dropped
    mode.command("select-line")
    outcome = mode.command("copy-selection-and-cancel")
    assert outcome.leave and outcome.copied == "four five six\n"


def test_rectangle_selection_takes_the_same_columns_of_each_line() -> None:
    terminal = terminal_with(["abcdef", "ghijkl", "mnopqr"], rows=3)
    mode = CopyMode(terminal)
    mode.cx, mode.cy = 1, mode.top
    mode.command("rectangle-toggle")
    mode.command("cursor-down", count=2)
    mode.command("cursor-right", count=2)
    assert mode.selection is Selection.CHARS and mode.rectangle
    assert mode.command("copy-selection").copied == "bcd\nhij\nnop"


def test_wrapped_lines_copy_as_one_line() -> None:
    terminal = Terminal(4, 10, scrollback=50)
    terminal.feed(b"0123456789abcdef\r\nnext")
    mode = CopyMode(terminal)
    mode.cx, mode.cy = 0, mode.top
    mode.command("begin-selection")
    mode.command("cursor-down")
    mode.command("end-of-line")
    assert mode.command("copy-selection").copied == "0123456789abcdef"


def test_alternate_screen_has_no_history() -> None:
    terminal = numbered(30)
    terminal.feed(b"\x1b[?1049h\x1b[Hfull screen app")
    mode = CopyMode(terminal)
    mode.command("history-top")
    assert mode.offset == 0 and view_text(mode)[0] == "full screen app"


def test_exit_at_bottom_leaves_when_scrolled_back_down() -> None:
    mode = CopyMode(numbered(20), exit_at_bottom=True)
    assert not mode.command("scroll-up", count=3).leave
    assert not mode.command("scroll-down", count=2).leave
    assert mode.command("scroll-down").leave


def test_buffers_keep_the_newest_first_and_a_limit() -> None:
    buffers = Buffers(limit=3)
    for n in range(5):
        buffers.add(f"text {n}")
    buffers.add("kept", name="mine")
    assert [b.name for b in buffers] == ["mine", "buffer4", "buffer3", "buffer2"]
    assert buffers.get().text == "kept" and buffers.get("buffer3").text == "text 3"
    assert buffers.delete("mine") and buffers.get().name == "buffer4"
    assert buffers.add("a\nb").sample() == "a\\nb"
