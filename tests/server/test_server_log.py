"""The server's log: where it is, who may read it, how it is rotated, and the command line pointing at it."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until

from muntin.server import LOG_ROTATE


@pytest.fixture
def state(tmp_path, monkeypatch) -> Path:
    """A private XDG_STATE_HOME for the servers this test starts; the log directory in it."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home / "muntin"


def test_the_log_is_private_and_says_when_the_server_ran(mux: Mux, state: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    log = state / "server-sock.log"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert f"started on {mux.sock}" in log.read_text()
    assert f"pid {mux.server_pid}" in log.read_text()
    mux.kill()
    assert "exited with status 0" in log.read_text()


def test_a_big_log_is_set_aside_when_the_next_server_starts(mux: Mux, state: Path) -> None:  # noqa: F811
    state.mkdir(parents=True, mode=0o755)  # a directory others may read is made private
    log = state / "server-sock.log"
    old = b"old line\n" * (LOG_ROTATE // 9 + 1)
    log.write_bytes(old)
    mux("new", "-d", "-s", "s", "--", "cat")
    assert (state / "server-sock.log.1").read_bytes() == old
    assert log.read_text().count("\n") == 1 and "started on" in log.read_text()
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    small = log.stat().st_size
    mux.kill()
    mux("new", "-d", "-s", "s", "--", "cat")  # a small log goes on
    assert log.read_text().count("started on") == 2 and log.stat().st_size > small
    assert (state / "server-sock.log.1").read_bytes() == old


def test_a_server_that_cannot_start_is_explained_with_its_log(tmp_path, state: Path) -> None:
    sock = tmp_path / "missing" / "sock"
    result = subprocess.run([sys.executable, "-m", "muntin", "-S", str(sock), "new", "-d", "--", "cat"],
                            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == os.EX_UNAVAILABLE
    log = state / "server-sock.log"
    assert f"cannot listen on {sock}: No such file or directory" in result.stderr
    assert f"(the server's log: {log})" in result.stderr
    assert "FileNotFoundError" in log.read_text()  # with the whole story


def _sockets(pid: int) -> int:
    count = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            count += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return count


def test_a_server_lost_in_the_middle_of_a_command_is_explained_with_its_log(mux: Mux, state: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    server = mux.server_pid
    waiting = subprocess.Popen([sys.executable, "-m", "muntin", "-S", str(mux.sock), "wait-for", "-t", "s", "--text",
                                "never shows", "--timeout", "30"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert poll_until(lambda: _sockets(waiting.pid), timeout=20)  # it is connected
        os.kill(server, signal.SIGKILL)
        _, err = waiting.communicate(timeout=30)
    finally:
        if waiting.poll() is None:
            waiting.kill()
            waiting.communicate()
    assert waiting.returncode == os.EX_UNAVAILABLE, err
    assert "lost the server" in err and f"(the server's log: {state / 'server-sock.log'})" in err
