"""Sequences that something interrupts, as xterm (and vttest's cursor-movement screens) expect."""

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
    (b"\x1b[123\x1b9x", "x", 1),  # an ESC cancels it and starts the next sequence
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
