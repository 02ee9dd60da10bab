"""A crash of the UI, run by the command line on a real pty: one line, a non-zero status, no traceback on the
terminal, and the session still running on the server."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from test_app_server import command, server  # noqa: F401 - server is a fixture

CRASHING_UI = """\
import sys
from muntin.ui.app import MuntinApp
from muntin.ui.link import LayoutUpdate

drawn = MuntinApp.apply

def apply(self, update):
    if isinstance(update, LayoutUpdate):
        raise RuntimeError("boom in apply")
    drawn(self, update)

MuntinApp.apply = apply
from muntin.cli import main
sys.exit(main(["-S", sys.argv[1], "-f", sys.argv[2], "attach", "-t", "keep"]))
"""


def run_on_pty(argv: list[str], timeout: float = 30.0) -> tuple[int, str]:
    """Run ``argv`` with a pty of 80x24 as its terminal until it exits; its status and everything it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    child = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every writer of the pty has gone
                    break
                if not data:
                    break
                output += data
        status = child.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(master)
    return status, output.decode(errors="replace")


def test_a_crash_exits_non_zero_with_one_line_and_keeps_the_session(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "keep", "--", "sh").ok
    script = tmp_path / "crashing_ui.py"
    script.write_text(CRASHING_UI)
    status, output = run_on_pty([sys.executable, str(script), str(server), str(tmp_path / "none.toml")])
    assert status == os.EX_SOFTWARE, output
    lines = [line for line in output.replace("\r", "").split("\n") if "crashed" in line]
    assert len(lines) == 1, output
    assert "muntin: the client crashed (RuntimeError: boom in apply)" in lines[0]
    assert "muntin attach -t keep" in lines[0]
    assert "Traceback" not in output
    log = server.parent / "client-crash.log"
    assert str(log) in lines[0] and "boom in apply" in log.read_text()
    assert command(server, "has-session", "-t", "keep").ok  # the server kept the session
