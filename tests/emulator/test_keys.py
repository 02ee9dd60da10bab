"""Key, paste, mouse and focus encoders, and key names: table tests against what xterm and tmux send."""

from __future__ import annotations

import pytest

from muntin.emulator.keys import (
    MouseEvent,
    encode_focus,
    encode_key,
    encode_mouse,
    encode_paste,
    format_key,
    parse_key,
    send_keys_bytes,
)
from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking

NORMAL = Modes()
APP = Modes(application_cursor=True)


@pytest.mark.parametrize(
    ("key", "modes", "expected"),
    [
        ("a", NORMAL, b"a"),
        ("A", NORMAL, b"A"),
        ("percent_sign", NORMAL, b"%"),
        ("full_stop", NORMAL, b"."),
        ("minus", NORMAL, b"-"),
        ("space", NORMAL, b" "),
        ("enter", NORMAL, b"\r"),
        ("tab", NORMAL, b"\t"),
        ("shift+tab", NORMAL, b"\x1b[Z"),
        ("escape", NORMAL, b"\x1b"),
        ("backspace", NORMAL, b"\x7f"),
        ("ctrl+h", NORMAL, b"\x08"),
        ("ctrl+c", NORMAL, b"\x03"),
        ("ctrl+b", NORMAL, b"\x02"),
        ("ctrl+@", NORMAL, b"\x00"),
        ("ctrl+space", NORMAL, b"\x00"),
        ("alt+x", NORMAL, b"\x1bx"),
        ("alt+enter", NORMAL, b"\x1b\r"),
        ("ctrl+alt+c", NORMAL, b"\x1b\x03"),
        ("up", NORMAL, b"\x1b[A"),
        ("up", APP, b"\x1bOA"),
        ("left", APP, b"\x1bOD"),
        ("home", NORMAL, b"\x1b[1~"),  # tmux-256color's khome, in both cursor modes
        ("home", APP, b"\x1b[1~"),
        ("end", NORMAL, b"\x1b[4~"),
        ("end", APP, b"\x1b[4~"),
        ("ctrl+home", NORMAL, b"\x1b[1;5H"),
        ("shift+up", APP, b"\x1b[1;2A"),
        ("alt+left", NORMAL, b"\x1b[1;3D"),
        ("ctrl+right", NORMAL, b"\x1b[1;5C"),
        ("ctrl+shift+left", NORMAL, b"\x1b[1;6D"),
        ("f1", NORMAL, b"\x1bOP"),
        ("f4", NORMAL, b"\x1bOS"),
        ("shift+f1", NORMAL, b"\x1b[1;2P"),
        ("f5", NORMAL, b"\x1b[15~"),
        ("f12", NORMAL, b"\x1b[24~"),
        ("ctrl+f5", NORMAL, b"\x1b[15;5~"),
        ("insert", NORMAL, b"\x1b[2~"),
        ("delete", NORMAL, b"\x1b[3~"),
        ("pageup", NORMAL, b"\x1b[5~"),
        ("shift+pagedown", NORMAL, b"\x1b[6;2~"),
        ("no_such_key_name", NORMAL, b""),
    ],
)
def test_encode_key(key: str, modes: Modes, expected: bytes) -> None:
    assert encode_key(key, modes) == expected


def test_unnamed_printable_character_is_sent_as_utf8() -> None:
    assert encode_key("latin_small_letter_e_with_acute", NORMAL) == "é".encode()
    assert encode_key("some_ime_key", NORMAL, character="語") == "語".encode()


@pytest.mark.parametrize(
    ("text", "bracketed", "expected"),
    [
        ("ls -l\n", False, b"ls -l\r"),
        ("a\r\nb", False, b"a\rb"),
        ("echo hi\n", True, b"\x1b[200~echo hi\r\x1b[201~"),
        ("evil\x1b[201~rm -rf ~\n", True, b"\x1b[200~evilrm -rf ~\r\x1b[201~"),
        ("x\x1b[20\x1b[201~1~y", True, b"\x1b[200~xy\x1b[201~"),
    ],
)
def test_encode_paste(text: str, bracketed: bool, expected: bytes) -> None:
    assert encode_paste(text, Modes(bracketed_paste=bracketed)) == expected


def test_focus_only_when_asked() -> None:
    assert encode_focus(True, NORMAL) == b""
    assert encode_focus(True, Modes(focus_events=True)) == b"\x1b[I"
    assert encode_focus(False, Modes(focus_events=True)) == b"\x1b[O"


def mouse(tracking: MouseTracking, encoding: MouseEncoding = MouseEncoding.DEFAULT) -> Modes:
    return Modes(mouse_tracking=tracking, mouse_encoding=encoding)


@pytest.mark.parametrize(
    ("event", "modes", "expected"),
    [
        (MouseEvent("press", 0, 0, 0), NORMAL, b""),
        (MouseEvent("press", 0, 0, 0), mouse(MouseTracking.X10), b"\x1b[M !!"),
        (MouseEvent("release", 0, 0, 0), mouse(MouseTracking.X10), b""),
        (MouseEvent("press", 2, 9, 4), mouse(MouseTracking.NORMAL), b"\x1b[M\x22\x2a\x25"),
        (MouseEvent("release", 2, 9, 4), mouse(MouseTracking.NORMAL), b"\x1b[M\x23\x2a\x25"),
        (MouseEvent("motion", 0, 1, 1), mouse(MouseTracking.NORMAL), b""),
        (MouseEvent("motion", 0, 1, 1), mouse(MouseTracking.BUTTON), b"\x1b[M@\"\""),
        (MouseEvent("motion", 3, 1, 1), mouse(MouseTracking.BUTTON), b""),
        (MouseEvent("motion", 3, 1, 1), mouse(MouseTracking.ANY), b"\x1b[MC\"\""),
        (MouseEvent("press", 0, 9, 4, ctrl=True), mouse(MouseTracking.NORMAL, MouseEncoding.SGR), b"\x1b[<16;10;5M"),
        (MouseEvent("release", 0, 9, 4), mouse(MouseTracking.NORMAL, MouseEncoding.SGR), b"\x1b[<0;10;5m"),
        (MouseEvent("wheel", 64, 0, 0), mouse(MouseTracking.NORMAL, MouseEncoding.SGR), b"\x1b[<64;1;1M"),
        (MouseEvent("wheel", 65, 0, 0), mouse(MouseTracking.NORMAL), b"\x1b[Ma!!"),
        (MouseEvent("press", 0, 300, 0), mouse(MouseTracking.NORMAL), b""),
        (MouseEvent("press", 0, 300, 0), mouse(MouseTracking.NORMAL, MouseEncoding.SGR), b"\x1b[<0;301;1M"),
        (MouseEvent("press", 0, 300, 0), mouse(MouseTracking.NORMAL, MouseEncoding.URXVT), b"\x1b[32;301;1M"),
        (MouseEvent("press", 0, 300, 0), mouse(MouseTracking.NORMAL, MouseEncoding.UTF8),
         "\x1b[M \u014d!".encode()),
    ],
)
def test_encode_mouse(event: MouseEvent, modes: Modes, expected: bytes) -> None:
    assert encode_mouse(event, modes) == expected


@pytest.mark.parametrize(
    ("name", "canonical", "shown"),
    [
        ("C-b", "ctrl+b", "C-b"),
        ("ctrl+b", "ctrl+b", "C-b"),
        ("M-x", "alt+x", "M-x"),
        ("C-M-Left", "ctrl+alt+left", "C-M-Left"),
        ("S-Up", "shift+up", "S-Up"),
        ("Enter", "enter", "Enter"),
        ("BSpace", "backspace", "BSpace"),
        ("BTab", "shift+tab", "BTab"),
        ("PPage", "pageup", "PPage"),
        ("PageDown", "pagedown", "NPage"),
        ("IC", "insert", "IC"),
        ("DC", "delete", "DC"),
        ("F11", "f11", "F11"),
        ("%", "percent_sign", "%"),
        ('"', "quotation_mark", '"'),
        ("Space", "space", "Space"),
        ("M-1", "alt+1", "M-1"),
        ("C-Up", "ctrl+up", "C-Up"),
        ("?", "question_mark", "?"),
        ("{", "left_curly_bracket", "{"),
    ],
)
def test_key_names(name: str, canonical: str, shown: str) -> None:
    assert parse_key(name) == canonical
    assert format_key(canonical) == shown
    assert parse_key(format_key(canonical)) == canonical


@pytest.mark.parametrize("bad", ["", "C-", "Nope", "X-y", "ctrl+nothing_at_all"])
def test_bad_key_names(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_key(bad)


def test_send_keys_words() -> None:
    assert send_keys_bytes(["echo hi", "Enter"], NORMAL) == b"echo hi\r"
    assert send_keys_bytes(["C-c", "Up", "x"], APP) == b"\x03\x1bOAx"
    assert send_keys_bytes(["Enter", "C-c"], NORMAL, literal=True) == b"EnterC-c"
    assert send_keys_bytes(["Nope"], NORMAL) == b"Nope"
