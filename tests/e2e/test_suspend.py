"""suspend-client (prefix C-z): the real muntin stops as a shell job would, and comes back whole on SIGCONT."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def _state(pid: int) -> str:
    data = Path(f"/proc/{pid}/stat").read_text()
    return data[data.rfind(")") + 2]


def test_prefix_ctrl_z_stops_the_client_and_sigcont_brings_it_back(muntin_ui: MuntinInTmux) -> None:
    app, outer = muntin_ui, muntin_ui.tmux
    app.start()
    outer.wait_for("0:", timeout=15)
    outer.wait_for(lambda s: "$" in s, timeout=10)
    pid = int(app.cli("list-clients", "-F", "#{client_pid}").stdout.split()[0])
    outer.send_keys("C-b", "C-z")
    outer.wait_until(lambda: _state(pid) == "T", what="the client to stop")
    outer.wait_until(lambda: "0:" not in outer.text(), what="the client to give the terminal back")
    os.kill(pid, signal.SIGCONT)  # what fg sends
    outer.wait_for("0:", timeout=15)  # drawn again: the status bar is back
    outer.type("echo back-$((40+2))")
    outer.send_keys("Enter")
    outer.wait_for("back-42")
