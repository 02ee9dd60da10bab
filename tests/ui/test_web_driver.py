"""A browser tab's driver (muntin web) reads keys as the terminal driver does: exact bytes, as RawInput."""

from __future__ import annotations

import json
from types import SimpleNamespace

from textual import events, messages

from muntin.ui.driver import MuntinWebDriver, RawInput


class Reader(list):
    """What textual-serve writes to the tab's stdin, one read at a time (b"": a read that timed out)."""

    timeout = 0.1

    def close(self) -> None:
        pass


class Driver(MuntinWebDriver):
    def process_message(self, message) -> None:  # what would go to the app, kept for the test
        self.posted.append(message)


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def meta(**fields) -> bytes:
    return packet(b"M", json.dumps(fields).encode())


def run(*reads: bytes) -> list:
    """What the driver's input loop posts for ``reads`` (the driver made without opening stdin)."""
    driver = Driver.__new__(Driver)
    driver._app = SimpleNamespace(escape_time=0.0, post_message=lambda message: driver.posted.append(message))
    driver._debug, driver._size, driver.posted = False, None, []
    driver._input_reader = Reader(reads)
    driver.run_input_thread()
    return driver.posted


def test_keys_keep_their_bytes() -> None:
    posted = run(packet(b"D", b"\x1b:"), packet(b"D", b"ls\r"), packet(b"D", b"\x1b"), b"",
                       packet(b"D", "é".encode()[:1]), packet(b"D", "é".encode()[1:] + b"\x02d"))
    tokens = [token for message in posted if isinstance(message, RawInput) for token in message.tokens]
    assert b"".join(token.data for token in tokens) == "\x1b:ls\r\x1bé\x02d".encode()
    assert [t.key for t in tokens][:2] == ["alt+colon", "l"] and "ctrl+b" in [t.key for t in tokens]


def test_mouse_reports_and_meta_go_to_textual() -> None:
    posted = run(packet(b"D", b"\x1b[<0;3;4M"), meta(type="focus"), meta(type="quit"), meta(type="exit"),
                       packet(b"D", b"never read"))
    assert [type(m) for m in posted] == [events.MouseDown, events.AppFocus, messages.ExitApp]
    assert (posted[0].x, posted[0].y) == (2, 3)
