"""What a SIGKILL of the server leaves: no program running on without it, and a socket the next server takes."""

from __future__ import annotations

import os
import signal

from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import alive, poll_until

from muntin.process import wait_gone


def test_a_killed_server_hangs_up_its_panes_and_its_socket_is_taken_again(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "sh")
    mux("split-window", "-t", "a", "--", "cat")
    pids = [pane["pid"] for pane in mux.panes()]
    assert len(pids) == 2 and all(alive(pid) for pid in pids)
    server = mux.server_pid
    assert server is not None
    os.kill(server, signal.SIGKILL)
    assert wait_gone(server, 10)
    # The kernel hangs up each pty as its master closes: the shell and cat end; nothing runs on, orphaned.
    assert poll_until(lambda: not any(alive(pid) for pid in pids), timeout=10)
    assert mux.sock.exists()  # left behind by the killed server: stale, and replaced by the next one
    mux("new", "-d", "-s", "b", "--", "cat")
    assert [pane["session"] for pane in mux.panes()] == ["b"]
