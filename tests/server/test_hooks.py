"""Hooks in a real server: events run their hooks, a failing hook is reported, a hook that sets itself
off again is bounded."""

from __future__ import annotations

from _mux import mux  # noqa: F401 - the fixture
from conftest import poll_until


def _names(mux) -> list[str]:
    return mux("list-windows", "-a", "-F", "#{session_name}:#{window_name}").output.split()


def test_events_run_their_hooks_where_they_happened(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set-hook", "-g", "window-linked", "rename-window linked")
    mux("set-hook", "-g", "session-renamed", "new-window -d -n renamed")
    mux("set-hook", "-g", "window-renamed", "set-hook -g window-linked 'rename-window again'")
    mux("new-window", "-d", "true; sleep 30")
    assert poll_until(lambda: _names(mux) == ["x:bash", "x:linked"] or "x:linked" in _names(mux)), _names(mux)
    mux("rename-session", "-t", "x", "y")
    assert poll_until(lambda: "y:linked" in _names(mux) and len(_names(mux)) == 3), _names(mux)
    mux("rename-window", "-t", "y:0", "zero")
    assert poll_until(lambda: "window-linked[0] rename-window again" in mux("show-hooks", "-g").output)


def test_pane_exited_and_pane_died_and_session_closed(mux):
    mux("new-session", "-d", "-s", "keep", "-x", "80", "-y", "24")
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set-hook", "-g", "pane-exited", "new-window -d -t keep -n exited")
    mux("set-hook", "-g", "pane-died", "new-window -d -t keep -n died")
    mux("set-hook", "-g", "session-closed", "new-window -d -t keep -n closed")
    mux("split-window", "-t", "x", "-d", "exit 0")
    assert poll_until(lambda: "keep:exited" in _names(mux)), _names(mux)
    mux("set", "-g", "remain-on-exit", "on")
    mux("split-window", "-t", "x", "-d", "exit 3")
    assert poll_until(lambda: "keep:died" in _names(mux)), _names(mux)
    mux("kill-session", "-t", "x")
    assert poll_until(lambda: "keep:closed" in _names(mux)), _names(mux)


def test_a_failing_hook_is_reported_and_the_server_goes_on(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set-hook", "-g", "window-linked", "select-pane -t no-such-pane")
    mux("new-window", "-d")  # an event's hook: its failure is logged, not the command's
    assert poll_until(lambda: "hook window-linked: select-pane:" in mux("show-messages").output)
    assert len(_names(mux)) == 2


def test_a_hook_that_sets_itself_off_is_bounded(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set-hook", "-g", "window-linked", "new-window -d")
    mux("new-window", "-d")
    assert poll_until(lambda: "nested 4 deep" in mux("show-messages").output), mux("show-messages").output
    assert len(_names(mux)) == 2 + 4  # the window made by hand, and one per level of hooks
    mux("set-hook", "-gu", "window-linked")
    mux("set-hook", "-g", "after-new-window", "new-window -d")  # a hook's commands run no after-* hooks
    mux("new-window", "-d")
    assert len(_names(mux)) == 6 + 2


def test_set_hook_r_runs_the_hook_now_and_show_options_h_lists_hooks(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set-hook", "session-created", "display -p created")
    assert mux("set-hook", "-R", "session-created").output == "created\n"
    assert "session-created[0] display-message -p created" in mux("show-options", "-H").output


def test_session_window_changed_runs_when_the_current_window_changes(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("new-window", "-d")
    mux("set-hook", "-g", "session-window-changed", "rename-window current")
    mux("select-window", "-t", "x:1")
    assert poll_until(lambda: _names(mux)[1] == "x:current"), _names(mux)
    assert _names(mux)[0] != "x:current"  # it runs in the window now current
