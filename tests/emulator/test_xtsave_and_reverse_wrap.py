"""XTSAVE / XTRESTORE of private modes, CUB with reverse wraparound, more(1)'s fix and DECBKM, as xterm (ctlseqs,
its CursorBack) and esctest2's tests have them."""

from __future__ import annotations

import pytest

from muntin.emulator import Terminal


def fed(data: bytes) -> Terminal:
    terminal = Terminal(5, 10)
    terminal.feed(data)
    return terminal


# -- XTSAVE / XTRESTORE -----------------------------------------------------------------------------------

def test_xtsave_and_xtrestore_put_private_modes_back() -> None:
    terminal = fed(b"\x1b[?1h\x1b[?2004h\x1b[?1;2004;7s\x1b[?1l\x1b[?2004l\x1b[?7l")
    modes = terminal.modes
    assert not modes.application_cursor and not modes.bracketed_paste and not modes.autowrap
    terminal.feed(b"\x1b[?1;2004r")  # only the modes listed come back
    assert modes.application_cursor and modes.bracketed_paste and not modes.autowrap
    terminal.feed(b"\x1b[?7r")
    assert modes.autowrap


def test_xtrestore_of_a_mode_never_saved_changes_nothing_and_csi_s_r_without_a_mark_stay_scosc_decstbm() -> None:
    terminal = fed(b"\x1b[?1h\x1b[?1r")
    assert terminal.modes.application_cursor
    terminal = fed(b"\x1b[2;3H\x1b[s\x1b[H\x1b[u\x1b[2;4r")
    assert (terminal.top, terminal.bottom) == (1, 3) and terminal.cursor == (0, 0)
    terminal = fed(b"\x1b[2;3H\x1b[s\x1b[?5s\x1b[H\x1b[u")
    assert terminal.cursor == (2, 1)


def test_xtrestore_brings_back_mouse_tracking_and_the_screen() -> None:
    terminal = fed(b"\x1b[?1002h\x1b[?1002;1049s\x1b[?1002l\x1b[?1049h")
    assert terminal.alternate_screen and terminal.modes.mouse_tracking == 0
    terminal.feed(b"\x1b[?1002;1049r")
    assert not terminal.alternate_screen and terminal.modes.mouse_tracking == 1002


# -- CUB and BS with reverse wraparound --------------------------------------------------------------------

@pytest.mark.parametrize(("data", "cursor"), [
    (b"\x1b[?7h\x1b[?45h\x1b[3;1H\x1b[D", (9, 1)),  # to the end of the row above, as BS
    (b"\x1b[?7h\x1b[?45h\x1b[3;2H\x1b[12D", (9, 0)),  # through the rows: 12 back from column 2 of row 3
    (b"\x1b[?7h\x1b[?45h\x1b[5;5H\x1b[20D", (4, 2)),  # whole rows, as esctest's CUB_AfterNoWrappedInlines
    (b"\x1b[?7h\x1b[?45h\x1b[1;2H\x1b[3D", (8, 4)),  # past the top it comes round from the bottom
    (b"\x1b[?7h\x1b[?45h\x1b[2;5r\x1b[2;1H\x1b[D", (9, 4)),  # from the top margin's start to the bottom margin
    (b"\x1b[1;9Habcd\x1b[?45h\x1b[?7h\x1b[4D", (8, 0)),  # a pending wrap takes one move (DECSET_..._Multi)
    (b"\x1b[?7h\x1b[?45h\x1b[?69h\x1b[3;6s\x1b[3;3H\x1b[2D", (4, 1)),  # between the left and right margins
    (b"\x1b[?45h\x1b[?7l\x1b[3;2H\x1b[5D", (0, 2)),  # without autowrap: stops at the edge
    (b"\x1b[?7h\x1b[3;2H\x1b[5D", (0, 2)),  # without ?45 too
])
def test_cub_with_reverse_wraparound(data: bytes, cursor: tuple[int, int]) -> None:
    assert fed(data).cursor == cursor


def test_bs_with_reverse_wraparound_moves_as_cub_1() -> None:
    for start in (b"\x1b[3;1H", b"\x1b[3;4H", b"\x1b[2;5r\x1b[2;1H", b"\x1b[1;1H", b"\x1b[1;9Hab"):
        setup = b"\x1b[?7h\x1b[?45h" + start
        assert fed(setup + b"\x08").cursor == fed(setup + b"\x1b[D").cursor, start


# -- more(1)'s fix (?41) and the backarrow key (DECBKM, ?67) -----------------------------------------------

def test_a_tab_at_the_pending_wrap_column_stays_there_unless_more_fix_wraps_it_first() -> None:
    terminal = fed(b"\r\n" + b"x" * 10 + b"\t")  # xterm and tmux: the tab cannot move, the wrap stays due
    assert terminal.cursor == (9, 1)
    terminal.feed(b"2")
    assert terminal.display[2].rstrip() == "2"
    terminal = fed(b"\x1b[?41h\r\n" + b"x" * 10 + b"\t1")  # ?41: wrap, then tab to the first stop
    assert terminal.display[2].rstrip() == " " * 8 + "1" and terminal.cursor == (9, 2)


def test_decbkm_makes_the_backspace_key_send_bs_and_decrqm_reports_41_and_67() -> None:
    from muntin.emulator import encode_key

    replies: list[bytes] = []
    terminal = Terminal(3, 10, on_reply=replies.append)
    assert encode_key("backspace", terminal.modes) == b"\x7f"
    terminal.feed(b"\x1b[?67h\x1b[?41h\x1b[?67$p\x1b[?41$p")
    assert encode_key("backspace", terminal.modes) == b"\x08"
    terminal.feed(b"\x1b[?67l\x1b[?41l\x1b[?67$p\x1b[?41$p")
    assert replies == [b"\x1b[?67;1$y", b"\x1b[?41;1$y", b"\x1b[?67;2$y", b"\x1b[?41;2$y"]
