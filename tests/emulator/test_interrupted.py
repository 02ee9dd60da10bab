"""Sequences that something interrupts, as xterm (and vttest's cursor-movement screens) expect; C0 controls in strings."""

from __future__ import annotations

import pytest

from muntin.emulator import Terminal


def fed(data: bytes, step: int = 0, rows: int = 3, cols: int = 10) -> Terminal:
    terminal = Terminal(rows, cols)
    if step:
        for start in range(0, len(data), step):
            terminal.feed(data[start:start + step])
    else:
        terminal.feed(data)
    return terminal


@pytest.mark.parametrize(("data", "row", "x"), [
    (b"A\x1b[2\x08CB", "A B", 3),  # BS inside CSI runs at once, then CSI 2 C: the sequence goes on
    (b"A\x1b[1\rCB", "AB", 2),  # CR inside a CSI too
    (b"\x1b[12\x18AB", "AB", 2),  # CAN cancels the sequence, silently
    (b"\x1b[12\x1aAB", "AB", 2),  # and so does SUB
    (b"\x1b[123\x1b9x", " x", 2),  # an ESC cancels it and starts the next sequence (DECFI: one right)
    (b"\x1b(\x1b)0x", "x", 1),  # an ESC after intermediates: the first sequence is dropped
    (b"\x1b[12\x003mX", "X", 1),  # NUL inside a CSI is ignored
    (b"\x1b[1\x7fCX", " X", 2),  # and DEL
    (b"\x1bPabc\x1bXdef\x1b\\ok", "ok", 2),  # an ESC in a DCS ends it (and SOS is a string too), unprinted
    (b"\x1b_app\x1b[Cok", " ok", 3),  # an ESC in an APC ends it and starts the next sequence
])
def test_interrupted_sequences(data: bytes, row: str, x: int) -> None:
    for step in (0, 1, 2, 3):
        terminal = fed(data, step)
        assert terminal.display[0].rstrip() == row, (data, step)
        assert terminal.cursor[0] == x, (data, step)


def test_a_control_inside_a_csi_runs_once_whatever_the_chunking() -> None:
    for step in (0, 1, 4):
        terminal = fed(b"\x1b[2\x07\x07C", step)
        assert terminal.bell_count == 2 and terminal.cursor == (2, 0)


def test_backspace_at_the_pending_wrap_column_moves_left() -> None:
    """xterm: BS after the last column clears the pending wrap and moves to the column before it (tmux 3.3a
    leaves the cursor on the last column)."""
    terminal = fed(b"\x1b[1;10HX\x08", cols=10)
    assert terminal.cursor == (8, 0)
    terminal.feed(b"Y")
    assert terminal.display[0] == "        YX"


@pytest.mark.parametrize(("data", "cursor"), [
    # 47 keeps the alternate screen, and its saved cursor, across switches (xterm, tmux)
    (b"\x1b[3;7H\x1b[?47h\x1b[7;3H\x1b7\x1b[?47l\x1b[?47h\x1b8", (2, 6)),
    # 1049l restores the cursor even when the main screen is shown already
    (b"\x1b[5;5H\x1b[?1049h\x1b[10;10H\x1b[?1049l\x1b[2;2H\x1b[?1049l", (4, 4)),
    (b"\x1b[5;5H\x1b[?1048h\x1b[10;10H\x1b[?1048l", (4, 4)),  # 1048: DECSC / DECRC as a mode
])
def test_the_cursor_saved_with_the_screens(data: bytes, cursor: tuple[int, int]) -> None:
    assert fed(data, rows=24, cols=80).cursor == cursor


def test_the_alternate_screen_kept_by_47_keeps_its_text() -> None:
    terminal = fed(b"main\x1b[?47h\x1b[Halt\x1b[?47lM\x1b[?47h", rows=3, cols=10)
    assert terminal.display[0].startswith("alt")
    terminal.feed(b"\x1b[?1049l\x1b[?1049h")  # 1049 enters a cleared alternate screen
    assert terminal.display[0] == " " * 10


def test_rep_after_a_character_of_no_width_does_nothing() -> None:
    terminal = fed("e\u0301\x1b[3bX".encode())
    assert terminal.display[0].rstrip() == "e\u0301X" and terminal.cursor == (2, 0)


@pytest.mark.parametrize(("data", "title", "row", "x"), [
    # A C0 control inside an OSC is not run and not kept: xterm accumulates it with the string (its sos_table)
    # and shows no control in a title; tmux 3.3a drops it from the string. Either way the cursor stays put.
    (b"\x1b]2;ab\x08\rcd\x07X", "abcd", "X", 1),
    (b"\x1b]2;a\nb\x1b\\X", "ab", "X", 1),
    # BEL ends it, ESC ends it (the ESC then starts the next sequence), CAN and SUB cancel it: what follows
    # is text again
    (b"\x1b]2;ab\x07cd", "ab", "cd", 2),
    (b"\x1b]2;ab\x1b[Ccd", "", " cd", 3),
    (b"\x1b]2;ab\x18cd", "", "cd", 2),
    (b"\x1b]2;ab\x1acd", "", "cd", 2),
])
def test_c0_controls_inside_an_osc(data: bytes, title: str, row: str, x: int) -> None:
    for step in (0, 1, 2, 3):
        terminal = fed(data, step)
        assert terminal.title == title, (data, step)
        assert terminal.display[0].rstrip() == row and terminal.cursor == (x, 0), (data, step)


def test_can_cancels_a_dcs_and_a_long_osc() -> None:
    terminal = fed(b"\x1bPqabc\x18ok")
    assert terminal.display[0].rstrip() == "ok"
    for step in (0, 7, 100):
        terminal = fed(b"\x1b]2;" + b"x" * 300 + b"\x18ok\x1b]2;t\x07", step)
        assert terminal.display[0].rstrip() == "ok" and terminal.title == "t", step
