"""focus-events, as in tmux 3.3a: with it on, a pane whose program asked for focus reports (mode 1004) gets
``CSI O`` when it stops being the active pane and ``CSI I`` when it is again; with it off (the default),
nothing."""

from __future__ import annotations

from _mux import Mux, mux  # noqa: F401 - the fixture

REPORTER = r"printf '\033[?1004hready\n'; exec cat -v"


def test_focus_moves_are_reported_only_with_focus_events(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "f", "-x", "80", "-y", "24", "--", "sh", "-c", REPORTER)
    mux.wait_text("f:0.0", "ready")
    assert mux("show-options", "-gv", "focus-events").output.strip() == "off"
    mux("split-window", "-t", "f", "--", "cat")
    mux("select-pane", "-t", "f:0.0")
    mux("send-keys", "-t", "f:0.0", "-l", "off-done")
    mux("send-keys", "-t", "f:0.0", "Enter")
    mux.wait_text("f:0.0", "off-done")
    assert "^[[" not in mux.screen("f:0.0")

    mux("set-option", "-g", "focus-events", "on")
    mux("select-pane", "-t", "f:0.1")
    mux("select-pane", "-t", "f:0.0")
    mux("send-keys", "-t", "f:0.0", "Enter")
    mux.wait_text("f:0.0", r"\^\[\[O\^\[\[I")
