"""The input parser: keys keep their exact bytes, get the key tables' names, and a lone ESC is held."""

from __future__ import annotations

import pytest

from muntin.emulator.rawinput import InputParser, Kind


def _keys(*chunks: bytes) -> list[tuple[str, bytes, str | None]]:
    parser = InputParser()
    tokens = []
    for chunk in chunks:
        tokens += parser.feed(chunk)
    tokens += parser.flush()
    return [(t.kind.value, t.data, t.key) for t in tokens]


@pytest.mark.parametrize(
    ("data", "key", "special"),
    [
        (b"\x1b:", "alt+colon", False),
        (b"\x1b.", "alt+full_stop", False),
        (b"\x1b0", "alt+0", False),
        (b"\x1b ", "alt+space", False),
        (b"\x1bx", "alt+x", False),
        (b"\x1b\x03", "ctrl+alt+c", False),
        (b"\x02", "ctrl+b", False),
        (b"\r", "enter", False),
        (b"\x7f", "backspace", False),
        (b"\x1b[A", "up", True),
        (b"\x1bOA", "up", True),
        (b"\x1b[H", "home", True),
        (b"\x1bOH", "home", True),
        (b"\x1b[1~", "home", True),
        (b"\x1b[7~", "home", True),
        (b"\x1b[F", "end", True),
        (b"\x1b[4~", "end", True),
        (b"\x1b[1;5A", "ctrl+up", True),
        (b"\x1b[1;8D", "ctrl+alt+shift+left", True),
        (b"\x1b[3;2~", "shift+delete", True),
        (b"\x1b[1;5R", "ctrl+f3", True),
        (b"\x1bOP", "f1", True),
        (b"\x1b[24~", "f12", True),
        (b"\x1b[Z", "shift+tab", True),
        ("é".encode(), "latin_small_letter_e_with_acute", False),
        (b"\x1b" + "é".encode(), "alt+latin_small_letter_e_with_acute", False),
        (b"\x1b[27;5;13~", None, False),  # modifyOtherKeys: unknown here, forwarded as it came
    ],
)
def test_a_key_keeps_its_bytes_and_gets_its_name(data: bytes, key: str | None, special: bool) -> None:
    tokens = InputParser().feed(data)
    assert [(t.kind, t.data, t.key, t.special) for t in tokens] == [(Kind.KEY, data, key, special)]


def test_a_lone_escape_is_held_until_more_arrives_or_it_is_flushed() -> None:
    parser = InputParser()
    assert parser.feed(b"\x1b", now=1.0) == [] and parser.pending
    assert not parser.expired(1.005, 0.010) and parser.expired(1.010, 0.010)
    assert [(t.data, t.key) for t in parser.feed(b":", now=1.02)] == [(b"\x1b:", "alt+colon")]
    assert not parser.pending
    parser.feed(b"\x1b")
    assert [(t.data, t.key) for t in parser.flush()] == [(b"\x1b", "escape")]


def test_half_a_sequence_is_held_then_given_out_as_it_came() -> None:
    assert _keys(b"\x1b[1;", b"5A") == [("key", b"\x1b[1;5A", "ctrl+up")]
    assert _keys(b"\x1b[") == [("key", b"\x1b[", "alt+left_square_bracket")]
    assert _keys(b"\x1bO") == [("key", b"\x1bO", "alt+O")]
    assert _keys(b"\xc3", b"\xa9") == [("key", "é".encode(), "latin_small_letter_e_with_acute")]


def test_escape_escape_is_escape_then_what_the_second_starts() -> None:
    assert _keys(b"\x1b\x1b[A") == [("key", b"\x1b", "escape"), ("key", b"\x1b[A", "up")]


def test_reports_are_for_the_toolkit_and_osc_replies_are_dropped() -> None:
    assert _keys(b"\x1b[<0;3;4M\x1b[I\x1b[O\x1b[?2026;2$y\x1b[12;40R\x1b[M !!") == [
        ("terminal", b"\x1b[<0;3;4M", None), ("terminal", b"\x1b[I", None), ("terminal", b"\x1b[O", None),
        ("terminal", b"\x1b[?2026;2$y", None), ("terminal", b"\x1b[12;40R", None), ("terminal", b"\x1b[M !!", None)]
    assert _keys(b"\x1b]11;rgb:0000/0000/0000\x1b\\a") == [
        ("drop", b"\x1b]11;rgb:0000/0000/0000\x1b\\", None), ("key", b"a", "a")]


def test_a_bracketed_paste_is_one_token_across_reads_with_its_escapes() -> None:
    assert _keys(b"x\x1b[200~a\x1b[A\x1b:", b"b\x1b[20", b"1~y") == [
        ("key", b"x", "x"), ("paste", b"a\x1b[A\x1b:b", None), ("key", b"y", "y")]


def test_names_are_textuals_for_every_ascii_character() -> None:
    textual = pytest.importorskip("textual._xterm_parser")
    reference = textual.XTermParser()
    for code in [*range(0x00, 0x1B), *range(0x1C, 0x80)]:
        expected = next(iter(reference._sequence_to_key_events(chr(code)))).key
        assert [t.key for t in InputParser().feed(bytes([code]))] == [expected], hex(code)


def test_the_start_of_an_osc_reply_is_held_longer_than_escape_time_then_dropped_whole() -> None:
    """The terminal's answer to a colour query may come in pieces over a slow link: its start is held up to
    REPLY_TIME for the rest, so no piece of it is typed into the pane."""
    from muntin.emulator.rawinput import REPLY_TIME, colour_reply

    parser = InputParser()
    assert parser.feed(b"\x1b]11;rgb:1010/20", now=1.0) == [] and parser.pending
    assert not parser.expired(1.0 + 0.05, 0.010) and parser.expired(1.0 + REPLY_TIME, 0.010)
    tokens = parser.feed(b"20/3030\x1b\\", now=1.1)
    assert [(token.kind, colour_reply(token.data)) for token in tokens] == [
        (Kind.DROP, ("background", "rgb:1010/2020/3030"))]
    assert colour_reply(b"\x1b]4;rgb:aaaa/0000/1111\x07") is None  # tmux 3.3a's answer without its index
