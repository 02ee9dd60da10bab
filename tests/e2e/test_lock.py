"""lock-server: the real muntin gives its terminal to lock-command and comes back when it ends."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def test_lock_server_runs_lock_command_in_the_client_terminal(muntin_ui: MuntinInTmux) -> None:
    app, outer = muntin_ui, muntin_ui.tmux
    app.start()
    outer.wait_for("0:", timeout=15)
    outer.wait_for(lambda s: "$" in s, timeout=10)
    app.cli("set", "-g", "lock-command", "printf 'locked-%s\\n' $((6*7)); read line")
    app.cli("lock-server")
    outer.wait_for("locked-42")  # the terminal is lock-command's now
    outer.wait_until(lambda: "0:" not in outer.text(), what="the panes to give way")
    outer.send_keys("Enter")  # it ends: the panes come back and take keys again
    outer.wait_for("0:", timeout=15)
    outer.type("echo unlocked-$((40+2))")
    outer.send_keys("Enter")
    outer.wait_for("unlocked-42")
