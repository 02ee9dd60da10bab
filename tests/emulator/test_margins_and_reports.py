"""xterm's corners: left/right margins (DECLRMM, DECSLRM) and what honours them, column editing, charsets G2/G3,
selective erase, reverse wrap, DECCOLM, colour queries and the rectangle checksum (DECRQCRA), each as xterm's
ctlseqs describes it (and as xterm answers)."""

from __future__ import annotations

import pytest

from muntin.emulator import Terminal


def term(data: str, rows: int = 5, cols: int = 10) -> tuple[Terminal, list[bytes]]:
    replies: list[bytes] = []
    t = Terminal(rows, cols, on_reply=replies.append)
    t.feed(data.encode())
    return t, replies


def margins(data: str, rows: int = 5, cols: int = 10) -> tuple[Terminal, list[bytes]]:
    """The screen full of letters (row a..e), then DECLRMM on and margins at columns 3-6, then ``data``."""
    fill = "\r\n".join(chr(ord("a") + y) * cols for y in range(rows))
    return term(f"{fill}\x1b[?69h\x1b[3;6s" + data, rows, cols)


# -- DECSLRM and what honours it ---------------------------------------------------------------------------

def test_csi_s_saves_the_cursor_until_declrmm_makes_it_decslrm() -> None:
    t, _ = term("\x1b[2;3H\x1b[s\x1b[H\x1b[u")
    assert t.cursor == (2, 1)
    t, _ = term("\x1b[?69h\x1b[3;6s")
    assert (t.left, t.right) == (2, 5)
    assert t.cursor == (0, 0)


def test_decslrm_homes_to_the_margins_in_origin_mode_and_refuses_one_column() -> None:
    t, _ = term("\x1b[?6h\x1b[?69h\x1b[3;6s")
    assert t.cursor == (2, 0)
    t, _ = term("\x1b[?69h\x1b[4;4s")
    assert (t.left, t.right) == (0, 9)


def test_text_wraps_at_the_right_margin_to_the_left_margin() -> None:
    t, _ = margins("\x1b[1;3HWXYZ12")
    assert t.display[0] == "aaWXYZaaaa"
    assert t.display[1] == "bb12bbbbbb"


def test_index_at_the_bottom_scrolls_only_the_margin_rectangle() -> None:
    t, _ = margins("\x1b[5;4H\n")
    assert t.display == ["aabbbbaaaa", "bbccccbbbb", "ccddddcccc", "ddeeeedddd", "ee    eeee"]
    assert len(t.scrollback) == 0


def test_index_outside_the_margins_at_the_bottom_does_nothing() -> None:
    t, _ = margins("\x1b[5;8H\n")
    assert t.display[0] == "a" * 10
    assert t.cursor == (7, 4)
    t, _ = margins("\x1b[5;8H\x1bE")  # NEL too: it scrolls as IND does, then returns to the left margin
    assert t.display[0] == "a" * 10
    assert t.cursor == (2, 4)


def test_reverse_index_su_and_sd_keep_to_the_rectangle() -> None:
    t, _ = margins("\x1b[1;4H\x1bM")
    assert t.display[:2] == ["aa    aaaa", "bbaaaabbbb"]
    t, _ = margins("\x1b[2S")
    assert t.display[0] == "aaccccaaaa" and t.display[4] == "ee    eeee"
    t, _ = margins("\x1b[T")
    assert t.display[0] == "aa    aaaa" and t.display[4] == "eeddddeeee"


def test_insert_and_delete_lines_inside_the_margins_move_the_cursor_to_the_left_margin() -> None:
    t, _ = margins("\x1b[2;5H\x1b[L")
    assert t.display[1:3] == ["bb    bbbb", "ccbbbbcccc"]
    assert t.cursor == (2, 1)
    t, _ = margins("\x1b[2;5H\x1b[M")
    assert t.display[1] == "bbccccbbbb" and t.display[4] == "ee    eeee"
    t, _ = margins("\x1b[2;8H\x1b[M")  # outside the margins: nothing
    assert t.display[1] == "b" * 10


def test_insert_and_delete_characters_shift_within_the_right_margin() -> None:
    t, _ = margins("\x1b[1;4HXY\x1b[1;4H\x1b[@")
    assert t.display[0] == "aaa XYaaaa"
    t, _ = margins("\x1b[1;3HWXYZ\x1b[1;3H\x1b[P")
    assert t.display[0] == "aaXYZ aaaa"


def test_carriage_return_goes_to_the_left_margin_or_the_edge_left_of_it() -> None:
    t, _ = margins("\x1b[2;5H\r")
    assert t.cursor == (2, 1)
    t, _ = margins("\x1b[2;2H\r")
    assert t.cursor == (0, 1)


def test_origin_mode_counts_columns_from_the_left_margin() -> None:
    t, _ = margins("\x1b[?6h\x1b[1;2H")
    assert t.cursor == (3, 0)
    t, _ = margins("\x1b[?6h\x1b[1;9H")
    assert t.cursor == (5, 0)
    t, _ = margins("\x1b[?6h\x1b[3G")
    assert t.cursor == (4, 0)


def test_cursor_moves_stop_at_the_margins_from_inside() -> None:
    t, _ = margins("\x1b[1;4H\x1b[9C")
    assert t.cursor == (5, 0)
    t, _ = margins("\x1b[1;4H\x1b[9D")
    assert t.cursor == (2, 0)
    t, _ = margins("\x1b[1;8H\x1b[9C")  # right of the margin: to the screen's edge
    assert t.cursor == (9, 0)


def test_resetting_declrmm_or_decstr_clears_the_margins() -> None:
    t, _ = margins("\x1b[?69l")
    assert (t.left, t.right) == (0, 9)
    t, _ = margins("\x1b[!p")
    assert (t.left, t.right) == (0, 9) and not t.modes.left_right_margins


def test_decrqm_and_decrqss_report_the_margins() -> None:
    _, replies = margins("\x1b[?69$p\x1bP$qs\x1b\\")
    assert replies == [b"\x1b[?69;1$y", b"\x1bP1$r3;6s\x1b\\"]


def test_decsc_decrc_keep_origin_mode_with_margins() -> None:
    t, _ = margins("\x1b[?6h\x1b[1;2H\x1b7\x1b[?6l\x1b[H\x1b8\x1b[1;1H")
    assert t.cursor == (2, 0)


# -- DECIC / DECDC, HPB / VPB ------------------------------------------------------------------------------

def test_decic_and_decdc_insert_and_delete_columns_in_the_scroll_region() -> None:
    t, _ = term("abcdefghij\r\nabcdefghij\r\nabcdefghij\x1b[1;2r\x1b[1;3H\x1b[2'}")
    assert t.display[:3] == ["ab  cdefgh", "ab  cdefgh", "abcdefghij"]
    t, _ = term("abcdefghij\r\nabcdefghij\x1b[1;3H\x1b[2'~")
    assert t.display[:2] == ["abefghij  ", "abefghij  "]


def test_decic_inside_left_right_margins_stops_at_the_right_margin() -> None:
    t, _ = margins("\x1b[1;4H\x1b['}")
    assert t.display[0] == "aaa aaaaaa"
    assert t.display[4] == "eee eeeeee"


def test_hpb_and_vpb_move_back_and_up() -> None:
    t, _ = term("\x1b[3;6H\x1b[2j\x1b[k")
    assert t.cursor == (3, 1)


# -- charsets -------------------------------------------------------------------------------------------

def test_g2_g3_by_locking_and_single_shifts() -> None:
    t, _ = term("\x1b*0\x1bnqq\x0fqq")  # G2 is DEC graphics, LS2, then SI back to G0
    assert t.display[0][:4] == "──qq"
    t, _ = term("\x1b+0\x1bOqq")  # SS3: only the next character from G3
    assert t.display[0][:2] == "─q"
    t, _ = term("\x1b(A#")  # the United Kingdom set's pound sign
    assert t.display[0][0] == "£"


def test_decsc_keeps_the_locking_shift() -> None:
    t, _ = term("\x1b*0\x1bn\x1b7\x0f\x1b8q")
    assert t.display[0][0] == "─"


# -- selective erase ---------------------------------------------------------------------------------------

def test_decsed_and_decsel_leave_protected_cells_and_ed_does_not() -> None:
    t, _ = term('ab\x1b[1"qcd\x1b[0"qef\x1b[?2K')
    assert t.display[0][:6] == "  cd  "
    t, _ = term('ab\x1b[1"qcd\x1b[0"q\r\nxy\x1b[?2J')
    assert t.display[0][:4] == "  cd" and t.display[1][:2] == "  "
    t, _ = term('\x1b[1"qcd\x1b[2K')
    assert t.display[0][:2] == "  "


def test_sgr_reset_keeps_protection_and_decrqss_reports_it() -> None:
    t, replies = term('\x1b[1"q\x1b[0mcd\x1b[?2K\x1bP$q"q\x1b\\')
    assert t.display[0][:2] == "cd"
    assert replies == [b'\x1bP1$r1"q\x1b\\']


# -- DECALN, reverse wrap, DECCOLM -------------------------------------------------------------------------

def test_decaln_resets_the_margins_and_homes_the_cursor() -> None:
    t, _ = margins("\x1b[2;4r\x1b[3;3H\x1b#8")
    assert t.display == ["E" * 10] * 5
    assert (t.top, t.bottom, t.left, t.right) == (0, 4, 0, 9)
    assert t.cursor == (0, 0)


def test_reverse_wrap_goes_to_the_end_of_the_row_above_and_from_the_top_margin_to_the_bottom() -> None:
    t, _ = term("\x1b[?45h\x1b[3;1H\b")
    assert t.cursor == (9, 1)
    t, _ = term("\x1b[?45h\x1b[2;4r\x1b[2;1H\b")
    assert t.cursor == (9, 3)
    t, _ = term("\x1b[?45h\x1b[?7l\x1b[3;1H\b")  # needs autowrap
    assert t.cursor == (0, 2)
    t, _ = term("\x1b[3;1H\b")
    assert t.cursor == (0, 2)


def test_reverse_wrap_from_the_pending_wrap_column_only_clears_the_wrap() -> None:
    t, _ = term("\x1b[1;9Hab\bX")
    assert t.display[0][8:] == "Xb"
    t, _ = term("\x1b[?45h\x1b[1;9Hab\bX")
    assert t.display[0][8:] == "aX"


def test_bs_stops_at_the_left_margin() -> None:
    t, _ = margins("\x1b[1;3H\b")
    assert t.cursor == (2, 0)
    t, _ = margins("\x1b[1;2H\b")
    assert t.cursor == (0, 0)


def test_deccolm_clears_and_resets_margins_only_when_mode_40_allows() -> None:
    t, _ = term("abc\x1b[2;3r\x1b[?3h")
    assert t.display[0][:3] == "abc"
    t, replies = term("abc\x1b[2;3r\x1b[3;3H\x1b[?40h\x1b[?3h\x1b[?3$p")
    assert t.display[0] == " " * 10
    assert (t.top, t.bottom, t.cursor) == (0, 4, (0, 0))
    assert replies == [b"\x1b[?3;1$y"]


# -- colours -------------------------------------------------------------------------------------------

def test_dynamic_colour_queries_answer_with_the_terminator_of_the_query() -> None:
    _, replies = term("\x1b]10;?\x07\x1b]11;?\x1b\\\x1b]12;?\x07")
    assert replies == [b"\x1b]10;rgb:e5e5/e5e5/e5e5\x07", b"\x1b]11;rgb:0000/0000/0000\x1b\\",
                       b"\x1b]12;rgb:e5e5/e5e5/e5e5\x07"]


@pytest.mark.parametrize(("spec", "answer"), [
    ("rgb:f0f0/f0f0/f0f0", "f0f0/f0f0/f0f0"), ("#fff", "f0f0/f0f0/f0f0"), ("#808080", "8080/8080/8080"),
    ("#800800800", "8080/8080/8080"), ("#800080008000", "8080/8080/8080"), ("rgb:f/ff/fff", "ffff/ffff/ffff"),
])
def test_colours_are_kept_at_eight_bits_a_channel_as_xterm_keeps_them(spec: str, answer: str) -> None:
    _, replies = term(f"\x1b]10;{spec}\x07\x1b]10;?\x07\x1b]4;5;{spec}\x07\x1b]4;5;?\x07")
    assert replies == [f"\x1b]10;rgb:{answer}\x07".encode(), f"\x1b]4;5;rgb:{answer}\x07".encode()]


def test_several_colours_in_one_osc_and_their_resets() -> None:
    _, replies = term("\x1b]10;#102030;#405060\x07\x1b]10;?;?\x07\x1b]110\x07\x1b]10;?\x07")
    assert replies == [b"\x1b]10;rgb:1010/2020/3030\x07", b"\x1b]11;rgb:4040/5050/6060\x07",
                       b"\x1b]10;rgb:e5e5/e5e5/e5e5\x07"]
    _, replies = term("\x1b]4;1;#010203;2;#040506\x07\x1b]104;1\x07\x1b]4;1;?;2;?;200;?\x07\x1b]104\x07"
                      "\x1b]4;2;?\x07")
    assert replies == [b"\x1b]4;1;rgb:cdcd/0000/0000\x07", b"\x1b]4;2;rgb:0404/0505/0606\x07",
                       b"\x1b]4;200;rgb:ffff/0000/d7d7\x07", b"\x1b]4;2;rgb:0000/cdcd/0000\x07"]


def test_the_cursor_colour_follows_the_foreground_until_set() -> None:
    _, replies = term("\x1b]10;#ff0000\x07\x1b]12;?\x07\x1b]12;#00ff00\x07\x1b]12;?\x07\x1b]112\x07\x1b]12;?\x07")
    assert replies == [b"\x1b]12;rgb:ffff/0000/0000\x07", b"\x1b]12;rgb:0000/ffff/0000\x07",
                       b"\x1b]12;rgb:ffff/0000/0000\x07"]


# -- DECRQCRA ----------------------------------------------------------------------------------------------

def test_decrqcra_is_the_negated_sum_of_the_characters() -> None:
    _, replies = term("AB\x1b[7;1;1;1;1;2*y")
    assert replies == [f"\x1bP7!~{-(65 + 66) & 0xffff:04X}\x1b\\".encode()]


def test_decrqcra_of_one_blank_cell_and_of_the_whole_screen() -> None:
    _, replies = term("\x1b[1;1;2;2;2;2*y\x1b[2*y")
    assert replies == [f"\x1bP1!~{-32 & 0xffff:04X}\x1b\\".encode(), f"\x1bP2!~{-32 * 50 & 0xffff:04X}\x1b\\".encode()]


def test_decrqcra_counts_attributes_as_the_vt520_does() -> None:
    _, replies = term("\x1b[1;4;7mA\x1b[m\x1b[1;1;1;1;1;1*y")
    assert replies == [f"\x1bP1!~{-(65 + 0x80 + 0x10 + 0x20) & 0xffff:04X}\x1b\\".encode()]


def test_decrqcra_honours_origin_mode() -> None:
    _, replies = term("\x1b[3;1HZ\x1b[3;5r\x1b[?6h\x1b[1;1;1;1;1;1*y")
    assert replies == [f"\x1bP1!~{-ord('Z') & 0xffff:04X}\x1b\\".encode()]


# -- positions, tabs and status reports --------------------------------------------------------------------

def test_cpr_counts_from_the_margins_corner_in_origin_mode_and_hpa_is_cha() -> None:
    _, replies = margins("\x1b[2;4r\x1b[?6h\x1b[1;1H\x1b[6n\x1b[1;2H\x1b[?6n")
    assert replies == [b"\x1b[1;1R", b"\x1b[?1;2;1R"]
    t, replies = margins("\x1b[?6h\x1b[2`\x1b[6n")
    assert t.cursor == (3, 0) and replies == [b"\x1b[1;2R"]


def test_tabs_stop_at_the_right_margin() -> None:
    t, _ = term("\x1b[?69h\x1b[1;12s\x1b[1;3H\x1b[9I", cols=20)
    assert t.cursor == (11, 0)
    t, _ = term("\x1b[?69h\x1b[1;12s\x1b[1;14H\x1b[I", cols=20)
    assert t.cursor == (16, 0)


@pytest.mark.parametrize(("query", "answer"), [
    ("\x1b[1$p", b"\x1b[1;4$y"), ("\x1b[2$p", b"\x1b[2;2$y"), ("\x1b[12$p", b"\x1b[12;2$y"), ("\x1b[99$p", b"\x1b[99;0$y"),
    ("\x1b[?67$p", b"\x1b[?67;2$y"), ("\x1b[?60$p", b"\x1b[?60;4$y"), ("\x1b[?66h\x1b[?66$p", b"\x1b[?66;1$y"),
    ("\x1b[?15n", b"\x1b[?13n"), ("\x1b[?26n", b"\x1b[?27;1;0;0n"), ("\x1b[?63;7n", b"\x1bP7!~0000\x1b\\"),
    ("\x1b[?85n", b"\x1b[?83n"), ("\x1b[?62n", b"\x1b[0*{"),
    ("\x1b[64;1\"p\x1bP$q\"p\x1b\\", b'\x1bP1$r64;1"p\x1b\\'), ("\x1b[65;1\"p\x1bP$q\"p\x1b\\", b'\x1bP1$r64;1"p\x1b\\'), ("\x1b[2*x\x1bP$q*x\x1b\\", b"\x1bP1$r2*x\x1b\\"),
])
def test_modes_and_status_xterm_answers_with_fixed_values(query: str, answer: bytes) -> None:
    _, replies = term(query)
    assert replies == [answer]


def test_decnkm_is_the_keypad_mode() -> None:
    t, _ = term("\x1b[?66h")
    assert t.modes.application_keypad
    t, _ = term("\x1b=\x1b[?66l")
    assert not t.modes.application_keypad


# -- DECFI / DECBI -------------------------------------------------------------------------------------------

def test_decfi_moves_right_and_at_the_right_margin_shifts_the_rectangle_left() -> None:
    t, _ = margins("\x1b[1;5H\x1b9")
    assert t.cursor == (5, 0) and t.display[0] == "a" * 10
    t, _ = margins("\x1b[1;4HX\x1b[1;6H\x1b9")
    assert t.display[0] == "aaXaa aaaa" and t.display[4] == "eeeee eeee"
    assert t.cursor == (5, 0)


def test_decbi_moves_left_and_at_the_left_margin_shifts_the_rectangle_right() -> None:
    t, _ = margins("\x1b[1;5H\x1b6")
    assert t.cursor == (3, 0)
    t, _ = margins("\x1b[1;3H\x1b6")
    assert t.display[0] == "aa aaaaaaa"[:2] + " aaa" + "aaaa"
    assert t.cursor == (2, 0)


# -- rectangles --------------------------------------------------------------------------------------------

def test_decfra_fills_and_decera_erases_a_rectangle_ignoring_the_margins() -> None:
    t, _ = margins("\x1b[88;2;2;3;8$x")
    assert t.display[:4] == ["a" * 10, "bXXXXXXXbb", "cXXXXXXXcc", "d" * 10]
    t, _ = margins("\x1b[2;2;3;8$z")
    assert t.display[1:3] == ["b       bb", "c       cc"]
    t, _ = margins("\x1b[1;1;1$x")  # not a printable character: nothing
    assert t.display[0] == "a" * 10


def test_rectangles_count_from_the_margins_corner_in_origin_mode_and_clip_to_the_screen() -> None:
    t, _ = margins("\x1b[2;4r\x1b[?6h\x1b[88;1;1;1;1$x\x1b[?6l\x1b[4;9;99;99$z")
    assert t.display[1] == "bbXbbbbbbb"
    assert t.display[3] == "dddddddd  " and t.display[4] == "eeeeeeee  "


def test_decsera_leaves_protected_cells() -> None:
    t, _ = term('ab\x1b[1"qcd\x1b[0"qef\x1b[1;1;1;10${')
    assert t.display[0][:6] == "  cd  "


def test_deccra_copies_a_rectangle_through_a_buffer() -> None:
    t, _ = margins("\x1b[1;1;2;3;1;2;2;1$v")
    assert t.display[:3] == ["a" * 10, "baaabbbbbb", "cbbbcccccc"]
    t, _ = margins("\x1b[1;1;1;10;1;1;9;1$v")  # clipped at the right edge
    assert t.display[0] == "a" * 10 and t.display[1] == "b" * 10


def test_ed_el_and_ech_leave_a_guarded_area_and_selective_erases_do_not() -> None:
    for erase in ("\x1b[J", "\x1b[K", "\x1b[3X"):
        t, _ = term(f"ab\x1bVc\x1bW\x1b[H{erase}")
        assert t.display[0][:3] == "  c", erase
    t, _ = term("ab\x1bVc\x1bW\x1b[H\x1b[?K")
    assert t.display[0][:3] == "   "
    t, _ = term("ab\x1bVc\x1bW\x1b[2J")  # the whole screen goes
    assert t.display[0][:3] == "   "


def test_special_colours_are_palette_entries_256_on_with_osc_5_and_105() -> None:
    _, replies = term("\x1b]5;0;?\x07\x1b]5;0;#aaaabbbbcccc\x07\x1b]4;256;?\x07\x1b]105;0\x07\x1b]5;0;?\x07")
    assert replies == [b"\x1b]5;0;rgb:e5e5/e5e5/e5e5\x07", b"\x1b]4;256;rgb:aaaa/bbbb/cccc\x07",
                       b"\x1b]5;0;rgb:e5e5/e5e5/e5e5\x07"]
    _, replies = term("\x1b]4;1;#aaaaaa\x07\x1b]5;1;#bbbbbb\x07\x1b]105\x07\x1b]4;1;?;257;?\x07")
    assert replies == [b"\x1b]4;1;rgb:aaaa/aaaa/aaaa\x07", b"\x1b]4;257;rgb:e5e5/e5e5/e5e5\x07"]


def test_xtgettcap_answers_known_names_and_refuses_the_rest() -> None:
    _, replies = term("\x1bP+q436F;544E\x1b\\\x1bP+q7878;zz;\n436F\x1b\\")
    assert replies == [b"\x1bP1+r436F=323536\x1b\\", b"\x1bP1+r544E=" + b"tmux-256color".hex().upper().encode()
                       + b"\x1b\\", b"\x1bP0+r\x1b\\", b"\x1bP0+r\x1b\\", b"\x1bP0+r\x1b\\"]


def test_decid_is_answered_as_da() -> None:
    _, replies = term("\x1bZ")
    assert replies == [b"\x1b[?62;22c"]
