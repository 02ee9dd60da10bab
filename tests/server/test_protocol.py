"""Framing and message schema: round trips, and every way a frame can be wrong."""

from __future__ import annotations

import json
import os
import stat

import pytest

from muntin.emulator.style import Style
from muntin.protocol import (
    MAX_FRAME,
    ClientKind,
    FrameDecoder,
    ProtocolError,
    StyleTable,
    decode_rows,
    encode_frame,
    encode_rows,
    hello,
    input_bytes,
    input_message,
    make,
    validate,
)
from muntin.protocol.paths import SocketDirError, check_dir, socket_path


def test_frames_round_trip_split_anywhere() -> None:
    messages = [hello(ClientKind.CONTROL), make("command", id=1, argv=["ls"]), make("message", text="héllo ✓")]
    stream = b"".join(encode_frame(m) for m in messages)
    for cut in range(len(stream)):
        decoder = FrameDecoder()
        got = decoder.feed(stream[:cut]) + decoder.feed(stream[cut:])
        assert got == messages
        assert decoder.pending == 0


def test_truncated_frame_is_held_back() -> None:
    decoder = FrameDecoder()
    frame = encode_frame(make("detach"))
    assert decoder.feed(frame[:-1]) == []
    assert decoder.pending == len(frame) - 1


@pytest.mark.parametrize("data", [
    b"\x00\x00\x00\x03abc",
    b"\x00\x00\x00\x02[]",
    b"\x00\x00\x00\x02\xff\xfe",
    (MAX_FRAME + 1).to_bytes(4, "big"),
])
def test_bad_frames_raise(data: bytes) -> None:
    with pytest.raises(ProtocolError):
        FrameDecoder().feed(data)


@pytest.mark.parametrize("message", [
    {"t": "nope"},
    {"version": 1},
    {"t": "hello", "version": "1", "kind": "control"},
    {"t": "hello", "kind": "control"},
    {"t": "result", "id": 1, "ok": 1, "output": "", "error": "", "code": 0},
])
def test_schema_rejects(message: dict) -> None:
    with pytest.raises(ProtocolError):
        validate(message)


def test_input_bytes_round_trip() -> None:
    data = bytes(range(256))
    assert input_bytes(input_message(3, data)) == data
    with pytest.raises(ProtocolError):
        input_bytes({"t": "input", "pane": 1, "data": "!!"})


def test_rows_share_one_style_table() -> None:
    red = Style(fg=1, bold=True)
    rgb = Style(bg=(1, 2, 3), underline=True, link="http://x")
    rows = {0: [("ab", red), ("c", Style())], 5: [("d", red), ("e", rgb)]}
    table = StyleTable()
    wire = encode_rows(rows.items(), table)
    assert len(table.styles) == 3
    assert decode_rows(wire, table.styles) == rows


def test_socket_path_choices(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert socket_path() == tmp_path / "muntin" / "default"
    assert socket_path("work") == tmp_path / "muntin" / "work"
    assert socket_path("x", tmp_path / "s") == tmp_path / "s"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert socket_path() == __import__("pathlib").Path(f"/tmp/muntin-{os.getuid()}/default")
    with pytest.raises(ValueError):
        socket_path("a/b")


def test_socket_dir_is_created_private_and_checked(tmp_path) -> None:
    directory = tmp_path / "muntin"
    check_dir(directory, create=True)
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    directory.chmod(0o777)
    with pytest.raises(SocketDirError, match="writable by other users"):
        check_dir(directory, create=True)
    directory.chmod(0o700)
    os.chown(directory, 65534, 65534)
    with pytest.raises(SocketDirError, match="belongs to uid 65534"):
        check_dir(directory, create=False)


def test_rows_leave_out_the_blank_default_cells_at_their_end() -> None:
    from muntin.emulator import DEFAULT, Style
    from muntin.protocol import StyleTable, decode_rows, encode_rows

    red = Style(fg=1)
    rows = [(0, [("ab   ", DEFAULT), ("     ", DEFAULT)]), (1, [("x", red), ("  ", red)]), (2, [(" " * 10000, DEFAULT)]),
            (3, [("  ", red), ("   ", DEFAULT)])]
    table = StyleTable()
    wire = encode_rows(rows, table)
    assert decode_rows(wire, table.styles) == {0: [("ab", DEFAULT)], 1: [("x", red), ("  ", red)], 2: [],
                                               3: [("  ", red)]}  # coloured blanks are kept: they show


def test_styles_cross_the_wire_unchanged_and_a_bad_one_is_refused() -> None:
    """Styles are encoded and decoded once each and remembered: the same style gives the same wire form and
    back, each time; a malformed one is a ProtocolError, also after good ones were remembered."""
    from muntin.emulator.style import Style
    from muntin.protocol import ProtocolError
    from muntin.protocol.messages import style_from_wire, style_to_wire

    styles = [Style(), Style(fg=1, bold=True), Style(fg=(1, 2, 3), bg=200, reverse=True, link="https://x"),
              Style(dim=True, strikethrough=True)]
    for _ in range(2):
        wire = [json.loads(json.dumps(style_to_wire(style))) for style in styles]
        assert [style_from_wire(value) for value in wire] == styles
    for bad in ([1, 2, 3], [[1, [2]], None, 0, None], [None, None, "x", None], "nope"):
        with pytest.raises(ProtocolError):
            style_from_wire(bad)
