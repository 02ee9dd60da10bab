"""tmux's alerts: monitor-bell (on by default) marks a window whose pane rang the bell (!, window_bell_flag),
monitor-silence N one with no output for N seconds (~, window_silence_flag), monitor-activity one with output
(#); selecting the window clears its marks."""

from __future__ import annotations

from _deadline import poll_until
from _mux import Mux, mux  # noqa: F401 - the fixture

FLAGS = ("list-windows", "-t", "a", "-F", "#{window_index}:#{window_flags}:#{window_bell_flag}"
         "#{window_activity_flag}#{window_silence_flag}")


def flags(mux: Mux) -> dict[str, str]:  # noqa: F811
    return dict(line.split(":", 1) for line in mux(*FLAGS).output.split())


def test_monitor_bell_marks_a_window_only_when_on(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    mux("new-window", "-d", "-t", "a", "--", "cat")
    assert mux("show-options", "-gv", "monitor-bell").output.strip() == "on"
    mux("set-option", "-w", "-t", "a:1", "monitor-bell", "off")
    mux("respawn-pane", "-k", "-t", "a:1", "--", "sh", "-c", r"printf 'quiet\a\n'; exec cat")
    mux.wait_text("a:1", "quiet")
    assert flags(mux)["1"] == ":000"
    mux("set-option", "-w", "-t", "a:1", "monitor-bell", "on")
    mux("respawn-pane", "-k", "-t", "a:1", "--", "sh", "-c", r"printf 'ring\a\n'; exec cat")
    poll_until(lambda: flags(mux)["1"] == "!:100")
    mux("select-window", "-t", "a:1")
    poll_until(lambda: flags(mux)["1"] == "*:000")


def test_monitor_silence_marks_a_quiet_window(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    mux("new-window", "-d", "-t", "a", "--", "cat")
    assert mux("show-options", "-gv", "monitor-silence").output.strip() == "0"
    assert not mux.try_("set-option", "-w", "-t", "a:1", "monitor-silence", "-1").ok
    mux("set-option", "-w", "-t", "a:1", "monitor-silence", "1")
    poll_until(lambda: flags(mux)["1"] == "~:001", timeout=10)
    assert flags(mux)["0"] == "*:000"  # only the window with the option
    mux("send-keys", "-t", "a:1", "out", "Enter")  # output clears it; silence marks it again later
    poll_until(lambda: flags(mux)["1"] == "~:001", timeout=10)
