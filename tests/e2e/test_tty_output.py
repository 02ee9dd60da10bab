"""The UI draws on its terminal (stdout) even when stderr goes to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from tmuxharness import MuntinInTmux, held, muntin_ui  # noqa: F401 - the fixture


def test_the_screen_is_drawn_with_stderr_sent_to_a_file(muntin_ui: MuntinInTmux, tmp_path: Path) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    log = tmp_path / "err.log"
    command = f"exec {sys.executable} -W error -m muntin -S {app.socket} 2>{log}"
    tmux.start(held(["env", "SHELL=/bin/sh", "PS1=$ ", "ENV=", "sh", "-c", command]))
    tmux.wait_for("0:", timeout=15)  # the status bar
    tmux.wait_for(lambda s: "$" in s or "#" in s, timeout=10)  # the pane's prompt (root's login shell: "# ")
    tmux.type("echo drawn-$((40+2))")
    tmux.send_keys("Enter")
    tmux.wait_for("drawn-42")
    assert log.exists()
