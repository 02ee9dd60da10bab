"""Terminal behaviour, one mechanism per test: feeds in, screen, cursor, modes, replies and events out."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wcwidth import wcwidth

from corpus import streams

from muntin.emulator import DEFAULT, MouseEncoding, MouseTracking, Style, Terminal, TerminalEvent, sgr


def term(data: bytes | str, rows: int = 5, cols: int = 20, **kwargs) -> Terminal:
    t = Terminal(rows, cols, **kwargs)
    t.feed(data.encode() if isinstance(data, str) else data)
    return t


def test_text_wraps_and_scrolls_into_scrollback() -> None:
    t = term("".join(f"line{i}\r\n" for i in range(8)), rows=3, cols=10)
    assert t.display == ["line6     ", "line7     ", " " * 10]
    assert [line.text for line in t.scrollback] == [f"line{i}" for i in range(6)]
    t = term("abcdefghijKL", rows=3, cols=10)
    assert t.display[:2] == ["abcdefghij", "KL        "]


def test_pending_wrap_at_the_last_column() -> None:
    t = term("abcdefghij\r\n", rows=3, cols=10)
    assert t.display[1] == " " * 10 and t.cursor == (0, 1)


def test_alternate_screen_keeps_the_main_screen_and_cursor() -> None:
    t = term("main\x1b[?1049hALT", rows=3, cols=10)
    assert t.alternate_screen and t.modes.alternate_screen
    assert t.display[0] == "    ALT   "
    t.feed(b"\x1b[?1049l")
    assert not t.alternate_screen
    assert t.display[0] == "main      " and t.cursor == (4, 0)


def test_alternate_screen_scrolling_does_not_touch_scrollback() -> None:
    t = term("\x1b[?1049h" + "x\r\n" * 10, rows=3, cols=5)
    assert len(t.scrollback) == 0


def test_clearing_the_screen_keeps_its_text_in_scrollback_as_tmux() -> None:
    """tmux's scroll-on-clear: CSI 2J on the main screen scrolls the rows up to the last one with text into
    history (a row only erased with a background colour does not count); CSI 3J then empties it."""
    t = term("one\r\ntwo\r\n\x1b[44m\x1b[J\x1b[m\x1b[2J", rows=5, cols=8)
    assert [line.text.rstrip() for line in t.scrollback] == ["one", "two"]
    assert t.display == [" " * 8] * 5
    t.feed(b"\x1b[H\x1b[2J")  # an empty screen adds nothing
    assert len(t.scrollback) == 2
    t.feed(b"\x1b[2;3H\x1b[30;41m \x1b[m\x1b[2J")  # a written coloured blank counts (a shadow, a bar)
    assert [line.text.rstrip() for line in t.scrollback] == ["one", "two", "", ""]
    t.feed(b"\x1b[3J")
    assert len(t.scrollback) == 0
    alternate = term("\x1b[?1049hkept out\x1b[2J", rows=3, cols=8)
    assert len(alternate.scrollback) == 0
    off = term("x", rows=3, cols=8)
    off.scroll_on_clear = False
    off.feed(b"\x1b[2J")
    assert len(off.scrollback) == 0


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("1;31", Style(fg=1, bold=True)),
        ("2;3;4;5;7;9", Style(dim=True, italic=True, underline=True, blink=True, reverse=True, strikethrough=True)),
        ("38;5;208;48;5;17", Style(fg=208, bg=17)),
        ("38;2;10;20;30", Style(fg=(10, 20, 30))),
        ("38:2::10:20:30;48:5:9", Style(fg=(10, 20, 30), bg=9)),
        ("4:3", Style(underline=True)),
        ("91;102", Style(fg=9, bg=10)),
        ("1;22", DEFAULT),
        ("58;2;1;2;3;1", Style(bold=True)),
    ],
)
def test_sgr(params: str, expected: Style) -> None:
    t = term(f"\x1b[{params}mX")
    text, style = t.styled_row(0)[0]
    assert text.startswith("X") and style == expected


def test_sgr_renders_back_to_an_escape_sequence() -> None:
    assert sgr(Style(fg=1, bg=(1, 2, 3), bold=True)) == "\x1b[0;1;31;48;2;1;2;3m"
    assert sgr(Style(fg=200, bg=12)) == "\x1b[0;38;5;200;104m"


def test_private_and_unknown_sequences_are_swallowed() -> None:
    t = term("a\x1b[>4;1mb\x1b[<uc\x1b[=1ud\x1b[!pe\x1bP+q544e\x1b\\f\x1b_apc\x1b\\g\x1b^pm\x1b\\h")
    assert t.display[0].rstrip() == "abcdefgh"
    assert t.styled_row(0)[0][1] == DEFAULT


def test_replies_go_to_the_callback() -> None:
    replies: list[bytes] = []
    term("\x1b[c\x1b[>c\x1b[5n\x1b[3;4H\x1b[6n\x1b[?6n", on_reply=replies.append)
    assert replies == [b"\x1b[?62;22c", b"\x1b[>84;0;0c", b"\x1b[0n", b"\x1b[3;4R", b"\x1b[?3;4;1R"]


def test_terminal_controlled_text_is_never_sent_back() -> None:
    """Title reports and clipboard reads would let program output type into the shell: refused. A colour
    query is answered, but only ever in xterm's fixed ``rgb:hhhh/hhhh/hhhh`` form, whatever was set."""
    replies: list[bytes] = []
    term("\x1b]2;rm -rf ~\n\x07\x1b[21t\x1b[20t\x1b]52;c;?\x07", on_reply=replies.append)
    assert replies == []
    term("\x1b]10;rm -rf ~\n\x07\x1b]4;1;rm -rf ~\x07\x1b]10;?\x07\x1b]4;1;?\x07", on_reply=replies.append)
    assert replies == [b"\x1b]10;rgb:e5e5/e5e5/e5e5\x07", b"\x1b]4;1;rgb:cdcd/0000/0000\x07"]
    replies.clear()
    # DECRQSS answers with values the terminal computes, never with the text of the request (xterm's old
    # echo of an unknown request let output type into the shell)
    term("\x1bP$qrm -rf ~\n\x1b\\", on_reply=replies.append)
    assert replies == [b"\x1bP0$r\x1b\\"]


def test_osc_title_cwd_clipboard_and_prompt_marks() -> None:
    events = []
    t = Terminal(5, 20)
    t.on_event = lambda name, value: events.append((name, value))
    t.feed(b"\x1b]2;my title\x07\x1b]7;file://host/tmp/a%20b\x1b\\")
    t.feed(b"\x1b]52;c;aGVsbG8=\x07\x1b]52;c;?\x07\x1b]133;A\x07$ \x1b]133;D;3\x07")
    assert t.title == "my title" and t.cwd == "/tmp/a b"
    assert t.clipboard == [("c", "hello")]
    assert t.prompt_state == "D" and t.last_exit_code == 3
    assert ("title", "my title") in events and ("clipboard", "hello") in events
    assert t.display[0].startswith("$ ")


def test_osc8_links_are_kept_per_cell() -> None:
    t = term("\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07 plain")
    runs = t.styled_row(0)
    assert runs[0] == ("link", Style(link="https://example.invalid"))
    assert runs[1][1].link is None


def test_modes() -> None:
    t = term("\x1b[?1h\x1b=\x1b[?2004h\x1b[?1002h\x1b[?1006h\x1b[?1004h\x1b[?25l\x1b[?2026h")
    m = t.modes
    assert m.application_cursor and m.application_keypad and m.bracketed_paste and m.focus_events
    assert m.mouse_tracking is MouseTracking.BUTTON and m.mouse_encoding is MouseEncoding.SGR
    assert not t.cursor_visible and m.synchronized_output
    t.feed(b"\x1b[?1l\x1b>\x1b[?1002l\x1b[?25h")
    assert not m.application_cursor and not m.application_keypad
    assert m.mouse_tracking is MouseTracking.OFF and t.cursor_visible


def test_deccolm_is_ignored() -> None:
    t = term("\x1b[?3habc")
    assert t.cols == 20 and t.display[0].startswith("abc")


def test_scroll_region_su_sd_rep_and_ansi_save_restore() -> None:
    t = term("1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\r\nX", rows=5, cols=5)
    assert [r.rstrip() for r in t.display] == ["1", "3", "4", "X", "5"]
    assert len(t.scrollback) == 0
    t = term("a\r\nb\r\nc\x1b[S", rows=3, cols=3)
    assert [r.rstrip() for r in t.display] == ["b", "c", ""]
    t.feed(b"\x1b[T")
    assert [r.rstrip() for r in t.display] == ["", "b", "c"]
    t = term("x\x1b[4b")
    assert t.display[0].startswith("xxxxx")
    t = term("ab\x1b[s\x1b[3;3Hzz\x1b[uc")
    assert t.display[0].startswith("abc")


def test_bce_erase_uses_the_background() -> None:
    t = term("\x1b[44m\x1b[2J", rows=2, cols=3)
    assert t.styled_row(1) == [("   ", Style(bg=4))]


def test_dec_line_drawing() -> None:
    t = term("\x1b(0lqk\x1b(Bx")
    assert t.display[0].startswith("┌─┐x")


def test_wide_and_zero_width_characters_lose_no_text() -> None:
    t = term("x❤️yz 中文 e\u0301 👨\u200d👩\u200d👧", cols=30)
    row = t.display[0]
    for part in ("x❤️", "yz", "中文", "e\u0301", "👨\u200d👩\u200d👧"):
        assert part in row


def test_a_wide_character_never_overflows_a_one_column_screen() -> None:
    t = term("文a", rows=2, cols=1)
    assert t.display == ["a", " "]
    assert_sound(t)


def test_resize_pushes_lines_into_scrollback_and_keeps_the_cursor_inside() -> None:
    t = term("".join(f"{i}\r\n" for i in range(5)) + "last", rows=6, cols=10)
    t.resize(3, 4)
    assert t.display == ["3   ", "4   ", "last"]
    assert [line.text for line in t.scrollback] == ["0", "1", "2"]
    assert t.cursor == (3, 2)
    t.resize(6, 10)
    assert t.cursor[1] < 6 and len(t.display) == 6 and all(len(r) == 10 for r in t.display)


def test_dirty_rows() -> None:
    t = Terminal(4, 10)
    t.take_dirty()
    t.feed(b"\x1b[3;1Hx")
    assert t.take_dirty() == {2}
    assert t.take_dirty() == set()


def test_scrollback_is_compact() -> None:
    t = Terminal(24, 80, scrollback=2000)
    t.feed(b"".join(b"\x1b[32m%5d\x1b[0m some typical text of a log line, ls -l or a build\r\n" % i
                    for i in range(2000)))
    size = sum(sys.getsizeof(line) + sys.getsizeof(line.text) + sys.getsizeof(line.runs)
               for line in t.scrollback) / len(t.scrollback)
    assert size < 300


def test_scrollback_is_bounded() -> None:
    t = term("x\r\n" * 100, rows=3, cols=5, scrollback=10)
    assert len(t.scrollback) == 10


CORPUS_SNIPPETS = [b"\x1b[?1049h", b"\x1b[31;1m", b"\x1b[2J", b"\x1b[5;10H", b"\x1b[3L", b"\x1b[2M",
                   b"\x1b[4@", b"\x1b[3P", b"\x1b[2X", b"\x1b[1;3r", b"\x1bM", b"\xe4\xb8\xad", b"e\xcc\x81",
                   b"\x1b]0;t\x07", b"\x1bP1$r\x1b\\", b"\r\n", b"\t", b"\x08", b"\x1b[?3h", b"\x1b[10b",
                   b"\x1b(0q\x1b(B", b"\x1b7", b"\x1b8", b"\x1b[?1049l", b"\xf0\x9f\x98\x80", b"\x1b[38:2::1:2:3m"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(st.sampled_from(CORPUS_SNIPPETS), st.binary(max_size=12)), max_size=60),
    cuts=st.lists(st.integers(min_value=1, max_value=7), min_size=1, max_size=10),
    size=st.tuples(st.integers(1, 12), st.integers(1, 30)),
    resize=st.tuples(st.integers(1, 12), st.integers(1, 30)),
)
def test_any_bytes_in_any_chunks_keep_the_screen_sound(parts, cuts, size, resize) -> None:
    data = b"".join(parts)
    t = Terminal(*size)
    pos = 0
    i = 0
    while pos < len(data):
        step = cuts[i % len(cuts)]
        t.feed(data[pos:pos + step])
        pos += step
        i += 1
        if i == 5:
            t.resize(*resize)
        assert_sound(t)
    whole = Terminal(*size)
    whole.feed(data)
    assert_sound(whole)


def cell_width(text: str) -> int:
    """Cells a display string fills: wide characters 2, zero-width marks 0, everything else 1."""
    return sum(max(wcwidth(char), 0) for char in text)


def assert_sound(t: Terminal) -> None:
    rows, cols = t.rows, t.cols
    x, y = t.cursor
    assert 0 <= x < cols and 0 <= y < rows
    display = t.display
    assert len(display) == rows
    for y in range(rows):
        assert cell_width(display[y]) == cols, (y, display[y])
        runs = t.styled_row(y)
        assert "".join(text for text, _ in runs) == display[y]
        assert all(text for text, _ in runs)


CORPUS_STREAMS = streams("*_80x24")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_corpus_bytes_in_random_chunks_keep_the_screen_sound(data: st.DataObject) -> None:
    """A 2 kB window of a real recording, with bytes replaced, inserted and deleted, fed in random chunks."""
    stream = CORPUS_STREAMS[data.draw(st.integers(0, len(CORPUS_STREAMS) - 1))].data()
    start = data.draw(st.integers(0, max(len(stream) - 2000, 0)))
    window = bytearray(stream[start:start + 2000])
    for _ in range(data.draw(st.integers(0, 12))):
        at = data.draw(st.integers(0, len(window)))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = data.draw(st.sampled_from([0x1b, 0x9b, 0x07, 0x0e, 0x0f, 0x5b, 0x3b, 0xe4, 0xf0, 0xcc, 0x80])
                         | st.integers(0, 255))
        if action == "insert" or at == len(window):
            window.insert(at, byte)
        elif action == "replace":
            window[at] = byte
        else:
            del window[at]
    rows, cols = data.draw(st.tuples(st.integers(1, 30), st.integers(1, 100)))
    t = Terminal(rows, cols)
    cuts = data.draw(st.lists(st.integers(1, 700), min_size=1, max_size=8))
    resizes = data.draw(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 100)), max_size=3))
    before = [t.styled_row(y) for y in range(t.rows)]
    t.take_dirty()
    pos = 0
    for i in range(len(window)):
        if pos >= len(window):
            break
        step = cuts[i % len(cuts)]
        t.feed(bytes(window[pos:pos + step]))
        pos += step
        if i < len(resizes):
            t.resize(*resizes[i])
        if i % 16 == 0 or pos >= len(window):
            assert_sound(t)
            # Every row that changed since the last look is reported dirty.
            dirty = t.take_dirty()
            after = [t.styled_row(y) for y in range(t.rows)]
            if len(after) == len(before):
                assert {y for y in range(t.rows) if after[y] != before[y]} <= dirty
            before = after


# Strings from ``infocmp tmux-256color`` (TERM): each is consumed without printing anything.
TERMINFO_STRINGS = ["\x1bg", "\x1b[34h\x1b[?25h", "\x1b[34l", "\x1b[3J", "\x1b[2 q", "\x1b[5 q", "\x1b[4:3m",
                    "\x1b]52;c;aGk=\x07", "\x1b]0;status\x07", "\x1b]12;red\x07", "\x1b]112\x07", "\x1b(B\x1b)0",
                    "\x1b[3m\x1b[23m", "\x1b[9m", "\x1b[2m", "\x1b[m\x0f", "\x1b[?1h\x1b=", "\x1b[?1l\x1b>",
                    "\x1bc\x1b[?1000l\x1b[?25h", "\x1b[?2004h", "\x1b[?2004l"]


@pytest.mark.parametrize("sequence", TERMINFO_STRINGS, ids=repr)
def test_term_capabilities_are_consumed(sequence: str) -> None:
    t = term(f"a{sequence}b")
    assert "".join(t.display).replace(" ", "") in ("ab", "b")  # "b" alone after a reset or scroll


def test_events_are_a_str_enum() -> None:
    events: list[tuple[TerminalEvent, object]] = []
    t = Terminal(3, 10)
    t.on_event = lambda event, value: events.append((event, value))
    t.feed(b"\x07\x1b[?1049h\x1b[?1049l\x1b[3J")
    assert [event for event, _ in events] == [TerminalEvent.BELL, TerminalEvent.ALTERNATE_SCREEN,
                                             TerminalEvent.ALTERNATE_SCREEN, TerminalEvent.SCROLLBACK_CLEARED]
    assert events[1] == ("alternate-screen", True) and events[2][1] is False


def test_rep_after_a_flood_of_lines_repeats_the_last_printed_character() -> None:
    data = b"".join(b"%d\r\n" % i for i in range(30)) + b"q\r\n\r\n\r\n\x1b[3b"
    whole, bytewise = Terminal(5, 10), Terminal(5, 10)
    whole.feed(data)
    for i in range(len(data)):
        bytewise.feed(data[i:i + 1])
    assert whole.display == bytewise.display
    assert whole.display[-1].rstrip() == "qqq"


def test_text_around_sgr_sequences_is_all_drawn() -> None:
    t = term("ab\x1b[31mcd\x1b[mef\x1b[1;4m\r\nxy\x1b[m")
    assert [row.rstrip() for row in t.display[:2]] == ["abcdef", "xy"]
    assert [style.fg for _, style in t.styled_row(0)[:3]] == [None, 1, None]


@pytest.mark.parametrize(("query", "reply"), [
    ("\x1b[?2026$p", b"\x1b[?2026;2$y"),
    ("\x1b[?2026h\x1b[?2026$p", b"\x1b[?2026;1$y"),
    ("\x1b[?1002h\x1b[?1002$p", b"\x1b[?1002;1$y"),
    ("\x1b[?1006$p", b"\x1b[?1006;2$y"),
    ("\x1b[?1049h\x1b[?1049$p", b"\x1b[?1049;1$y"),
    ("\x1b[?4242$p", b"\x1b[?4242;0$y"),
    ("\x1b[4h\x1b[4$p", b"\x1b[4;1$y"),
])
def test_mode_queries_are_answered(query: str, reply: bytes) -> None:
    """DECRQM: TUI frameworks ask before they use synchronized output or a mouse mode."""
    replies: list[bytes] = []
    t = term(query, on_reply=replies.append)
    assert replies == [reply]
    assert t.display[0].strip() == ""


def test_growing_takes_lines_back_from_the_scrollback() -> None:
    t = term("a\r\n\x1b[31m文b\x1b[m\r\nc\r\nd\r\ne", rows=3, cols=10)
    assert [line.text for line in t.scrollback] == ["a", "文b"]
    t.resize(6, 10)
    assert [row.rstrip() for row in t.display] == ["a", "文b", "c", "d", "e", ""]
    assert t.cursor == (1, 4) and not t.scrollback
    assert t.styled_row(1)[0] == ("文b", Style(fg=1))
    assert_sound(t)
    t.resize(3, 10)
    assert [line.text for line in t.scrollback] == ["a", "文b"]
    assert [row.rstrip() for row in t.display] == ["c", "d", "e"]


def test_cr_cr_lf_line_ends_draw_like_cr_lf() -> None:
    """A CRLF file through a pty's ONLCR arrives as CR CR LF: the batched line path takes it too, with the
    same screen and scrollback as one byte at a time."""
    data = b"".join(b"line %d\r\r\n" % i for i in range(50))
    whole, bytewise = Terminal(5, 20), Terminal(5, 20)
    whole.feed(data)
    for i in range(len(data)):
        bytewise.feed(data[i:i + 1])
    assert whole.display == bytewise.display
    assert [line.text for line in whole.scrollback] == [line.text for line in bytewise.scrollback]
    assert whole.display[3].rstrip() == "line 49"


def test_a_wide_character_over_the_first_half_of_another_blanks_its_second_half() -> None:
    t = Terminal(2, 3)
    t.feed("─中\x1b[H中".encode())  # the new 中 covers cells 0-1: the old one's lead was in cell 1
    assert t.display[0] == "中 " and cell_width(t.display[0]) == 3


_LINE_PIECES = st.one_of(st.text(st.sampled_from("ab -|*"), max_size=12),
                         st.sampled_from(["\x1b[31m", "\x1b[0m", "\x1b[m", "\x1b[1;44m", "\x1b[38;5;208m", "\x1b[7m",
                                          "\x1b[49m", "\x1b[42m"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.lists(_LINE_PIECES, max_size=8).map("".join), min_size=1, max_size=40),
       ends=st.sampled_from(["\r\n", "\r\r\n"]),
       prefix=st.sampled_from(["", "x", "\x1b[2;5r", "\x1b[?7l", "\x1b[4h", "\x1b[?1049h"]),
       size=st.tuples(st.integers(1, 8), st.integers(1, 20)), scrollback=st.sampled_from([0, 5, 100]))
def test_batched_lines_give_what_drawing_them_one_by_one_gives(lines, ends, prefix, size, scrollback) -> None:
    """Whole lines (plain or with SGR runs) go through the batched paths; fed a byte at a time they are
    drawn piece by piece. Screen, styles, cursor, current style and scrollback must agree."""
    data = (prefix + "".join(line + ends for line in lines)).encode()
    whole, bytewise = Terminal(*size, scrollback=scrollback), Terminal(*size, scrollback=scrollback)
    whole.feed(data)
    for i in range(len(data)):
        bytewise.feed(data[i:i + 1])
    assert [whole.styled_row(y) for y in range(whole.rows)] == [bytewise.styled_row(y) for y in range(bytewise.rows)]
    assert (whole.cursor, whole.style) == (bytewise.cursor, bytewise.style)
    assert list(whole.scrollback) == list(bytewise.scrollback)
    assert whole.scrolled_lines == bytewise.scrolled_lines


@pytest.mark.parametrize(("data", "reply"), [
    (b"\x1b[18t", b"\x1b[8;5;20t"),  # XTWINOPS: the text area's size in characters
    (b"\x1b[19t", b"\x1b[9;5;20t"),  # and the screen's
    (b"\x1b[14t", None),  # in pixels: not answered, a pane has no pixel size
    (b"\x1b[16t", None),  # nor has its character cell
    (b"\x1b[>q", b"\x1bP>|muntin "),  # XTVERSION
    (b"\x1b[1;31m\x1bP$qm\x1b\\", b"\x1bP1$r0;1;31m\x1b\\"),  # DECRQSS: SGR
    (b"\x1b[2;4r\x1bP$qr\x1b\\", b"\x1bP1$r2;4r\x1b\\"),  # DECSTBM
    (b"\x1b[5 q\x1bP$q q\x1b\\", b"\x1bP1$r5 q\x1b\\"),  # DECSCUSR
    (b'\x1bP$q"q\x1b\\', b'\x1bP1$r0"q\x1b\\'),  # DECSCA
    (b"\x1bP$qs\x1b\\", b"\x1bP1$r1;20s\x1b\\"),  # DECSLRM: the whole width until margins are set
    (b"\x1b[?12h\x1b[?12$p", b"\x1b[?12;1$y"),  # DECRQM of cursor blinking
    (b"\x1b[?12l\x1b[?12$p", b"\x1b[?12;2$y"),
    (b"\x1b[2;4r\x1b[?6h\x1b[2;3H\x1b[?6n", b"\x1b[?2;3;1R"),  # DECXCPR inside the margins in origin mode
])
def test_queries_programs_wait_for_are_answered(data: bytes, reply: bytes | None) -> None:
    replies: list[bytes] = []
    t = Terminal(5, 20)
    t.on_reply = replies.append
    t.feed(data)
    if reply is None:
        assert replies == []
    else:
        assert len(replies) == 1 and replies[0].startswith(reply)


def test_the_kitty_keyboard_query_is_answered_as_a_terminal_without_it_answers() -> None:
    """Programs send ``CSI ? u`` then DA1: only the DA1 reply means the protocol is not there."""
    replies: list[bytes] = []
    term("\x1b[?u\x1b[c", on_reply=replies.append)
    assert replies == [b"\x1b[?62;22c"]


@pytest.mark.parametrize(("x", "word"), [(0, "ab"), (1, "ab"), (2, ""), (3, "名字x"), (4, "名字x"), (7, "名字x"),
                                         (9, "y_z"), (11, "y_z"), (12, ""), (13, "w"), (19, "")])
def test_word_at_is_tmuxs_mouse_word(x: int, word: str) -> None:
    """The word under a cell: separators and spaces end it, ``_`` and wide characters do not."""
    terminal = Terminal(3, 20)
    terminal.feed("ab 名字x y_z;w".encode())
    assert terminal.word_at(x, 0, "!;") == word
