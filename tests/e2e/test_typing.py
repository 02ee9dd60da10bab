"""Keys typed into the real muntin reach a pane's program byte for byte, whatever the timing after Escape.

The outer tmux types raw bytes (``send-keys -H``); the program in the muntin pane puts its tty in raw mode
and appends everything it reads to a file. Sleeps between two sends make the gap under test (0-50 ms after
ESC), never wait for a result: every result is polled for with a deadline.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
import time
from pathlib import Path

from conftest import poll_until
from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture

READER = textwrap.dedent("""\
    import os, sys, tty
    out = open(sys.argv[1], "ab", buffering=0)
    tty.setraw(0)
    if len(sys.argv) > 2:
        os.write(1, b"\\x1b[?2004h")  # bracketed paste, as a shell asks for it
    os.write(1, b"reader-" + b"ready\\r\\n")
    while True:
        out.write(os.read(0, 4096))
""")


def _hex(data: bytes) -> list[str]:
    return [f"{byte:02x}" for byte in data]


class Typist:
    """Raw bytes into the outer terminal, and what the pane's program has read."""

    def __init__(self, app: MuntinInTmux, tmp_path: Path, *, bracketed: bool = False) -> None:
        self.app, self.tmux = app, app.tmux
        self.out = tmp_path / "read.bin"
        self.out.write_bytes(b"")
        script = tmp_path / "reader.py"
        script.write_text(READER)
        app.start()
        self.tmux.wait_for("0:", timeout=15)
        self.tmux.wait_for(lambda s: "$" in s, timeout=10)
        self.tmux.type(f"{sys.executable} {script} {self.out}{' bracketed' if bracketed else ''}")
        self.tmux.send_keys("Enter")
        self.tmux.wait_for("reader-ready", timeout=15)

    def send(self, data: bytes) -> None:
        self.tmux.tmux("send-keys", "-t", "e2e", "-H", *_hex(data))

    def read(self) -> bytes:
        return self.out.read_bytes()

    def expect(self, expected: bytes, timeout: float = 15.0) -> None:
        poll_until(lambda: len(self.read()) >= len(expected), timeout=timeout, interval=0.05)
        got = self.read()
        assert got == expected, f"the pane read {got!r}, the terminal sent {expected!r}"


def test_every_printable_key_after_escape_arrives_unchanged_at_any_gap(muntin_ui: MuntinInTmux,
                                                                         tmp_path: Path) -> None:
    typist = Typist(muntin_ui, tmp_path)
    expected = bytearray()
    for gap in (0, 0.005, 0.020, 0.050):
        for code in range(0x20, 0x7F):
            if gap:
                typist.send(b"\x1b")
                time.sleep(gap)  # the gap under test between Escape and the next key
                typist.send(bytes([code]))
            else:
                typist.send(bytes([0x1B, code]))
            expected += bytes([0x1B, code])
        typist.expect(bytes(expected))


def test_meta_keys_repeated_and_special_keys(muntin_ui: MuntinInTmux, tmp_path: Path) -> None:
    typist = Typist(muntin_ui, tmp_path)
    typist.send(b"\x1b.")
    time.sleep(0.030)  # bash's M-. twice, 30 ms apart
    typist.send(b"\x1b.")
    typist.expect(b"\x1b.\x1b.")
    # Home and End as xterm sends them (both forms) reach the pane as its TERM (tmux-256color) says.
    typist.send(b"\x1b[H\x1bOH\x1b[F\x1bOF\x1b[1;5A\x1bOA")
    typist.expect(b"\x1b.\x1b.\x1b[1~\x1b[1~\x1b[4~\x1b[4~\x1b[1;5A\x1b[A")


def test_a_bracketed_paste_with_escape_sequences_arrives_unchanged(muntin_ui: MuntinInTmux, tmp_path: Path) -> None:
    typist = Typist(muntin_ui, tmp_path, bracketed=True)
    body = b"echo 1\x1b[A\x1bOHx\x1b:wq\r\x1b\x1b[<0;1;1M\x02d\r"
    typist.send(b"\x1b[200~" + body + b"\x1b[201~")
    typist.expect(b"\x1b[200~" + body + b"\x1b[201~")


def test_vim_escape_then_colon_50ms_later_saves(muntin_ui: MuntinInTmux, tmp_path: Path) -> None:
    assert shutil.which("vim"), "the end-to-end tests need vim (CI installs it)"
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    target = tmp_path / "fast.txt"
    tmux.type(f"vim -u NONE -N {target}")
    tmux.send_keys("Enter")
    tmux.wait_for(lambda s: "~" in s, timeout=10)
    tmux.tmux("send-keys", "-t", "e2e", "-H", *_hex(b"iadded\x1b"))
    time.sleep(0.050)  # a fast typist: :wq 50 ms after Escape
    tmux.tmux("send-keys", "-t", "e2e", "-H", *_hex(b":wq\r"))
    tmux.wait_until(lambda: target.exists() and target.read_text() == "added\n", what="vim to save the file")
