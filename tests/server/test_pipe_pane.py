"""pipe-pane: a shell command gets everything the pane's program writes, until it is closed (-o toggles),
the command ends by itself, the pane closes or the server stops; no process of it is left behind."""

from __future__ import annotations

import os
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until


def piped(mux: Mux) -> str:  # noqa: F811
    return mux("display-message", "-p", "-t", "p", "#{pane_pipe}").output.strip()


def test_output_goes_to_the_command_until_the_pipe_is_closed(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    log = tmp_path / "pane.log"
    assert mux.cli("new-session", "-d", "-s", "p", "--", "sh").returncode == 0
    mux("pipe-pane", "-t", "p", f"cat >> {log}")
    assert piped(mux) == "1"
    mux("send-keys", "-t", "p", "echo piped-$((6*7))", "Enter")
    assert poll_until(lambda: log.exists() and "piped-42" in log.read_text(), timeout=5)
    mux("pipe-pane", "-o", "-t", "p")  # -o with a pipe open: closed
    assert piped(mux) == "0"
    mux("send-keys", "-t", "p", "echo not-piped", "Enter")
    mux.wait_text("p", "^not-piped")
    assert "not-piped" not in log.read_text().replace("echo not-piped", "")
    mux("pipe-pane", "-o", "-t", "p", f"cat >> {log}")  # -o with none open: opened
    mux("send-keys", "-t", "p", "echo again", "Enter")
    assert poll_until(lambda: "\nagain" in log.read_text().replace("\r", ""), timeout=5)


def test_a_command_that_ends_by_itself_leaves_the_pane_working(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    log = tmp_path / "head.log"
    assert mux.cli("new-session", "-d", "-s", "p", "--", "sh").returncode == 0
    mux("pipe-pane", "-t", "p", f"head -c 5 > {log}")
    for word in ("first", "second", "third"):
        mux("send-keys", "-t", "p", f"echo {word}-line", "Enter")
        mux.wait_text("p", f"^{word}-line")
    assert poll_until(lambda: piped(mux) == "0", timeout=10)  # it ended (and is reaped)
    assert len(log.read_bytes()) == 5


def test_the_command_ends_with_the_server(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    marker = tmp_path / "pid"
    assert mux.cli("new-session", "-d", "-s", "p", "--", "sh").returncode == 0
    mux("pipe-pane", "-t", "p", f"echo $$ > {marker}; exec sleep 100")  # reads nothing: it must be stopped
    assert poll_until(lambda: marker.exists() and marker.read_text().strip(), timeout=5)
    pid = int(marker.read_text())
    assert mux.cli("kill-server").returncode == 0

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    assert poll_until(gone, timeout=10)
