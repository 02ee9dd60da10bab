"""The tmux harness itself: a shell in a private server is typed into, read back, and cleaned up."""

from __future__ import annotations

from tmuxharness import TmuxServer, tmux_server  # noqa: F401 - the fixture


def test_harness_types_reads_and_sees_exit(tmux_server: TmuxServer) -> None:
    # The outer shell waits for a last Enter before it exits: tmux 3.3a can lose the output a pane writes just
    # before its program exits (muntin keeps it: tests/server/test_pane_lifetime.py).
    tmux_server.start(["sh", "-c", "sh -c 'read line; echo got:$line; exit 3'; echo status=$?; read _"])
    tmux_server.type("hello")
    tmux_server.send_keys("Enter")
    tmux_server.wait_for("got:hello")
    tmux_server.wait_for("status=3")
    tmux_server.send_keys("Enter")
    tmux_server.wait_until(tmux_server.pane_dead, what="the pane to exit")
