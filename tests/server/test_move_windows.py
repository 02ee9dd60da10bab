"""Moving panes and windows around, as tmux scripts do: join-pane, move-window (-k, -r, to another
session), swap-window, and has-session for scripts that start a session only when it is missing."""

from __future__ import annotations

import os

from _mux import Mux, mux  # noqa: F401 - the fixture


def windows(mux: Mux, session: str = "a") -> list[str]:  # noqa: F811
    return mux("list-windows", "-t", session, "-F", "#I #W #{window_panes}#{window_flags}").output.splitlines()


def start(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "a", "-x", "81", "-y", "24", "--", "sh").returncode == 0
    mux("new-window", "-t", "a:", "-n", "one", "--", "sleep", "100")
    mux("new-window", "-t", "a:", "-n", "two", "--", "tail", "-f", "/dev/null")


def test_join_pane_moves_a_pane_beside_another_and_closes_its_empty_window(mux: Mux) -> None:  # noqa: F811
    start(mux)
    mux("join-pane", "-h", "-s", "a:one", "-t", "a:0")
    assert windows(mux) == ["0 sleep 2*", "2 two 1-"]  # named after its active pane, the moved one
    panes = mux("list-panes", "-t", "a:0", "-F", "#{pane_id} #{pane_left} #{pane_width} #{pane_active}").output
    assert panes.splitlines() == ["%0 0 40 0", "%1 41 40 1"]  # side by side; the moved pane is active
    mux("join-pane", "-d", "-v", "-l", "6", "-s", "a:two", "-t", "%0")
    assert windows(mux) == ["0 sleep 3*"]
    heights = mux("list-panes", "-t", "a:0", "-F", "#{pane_id} #{pane_height} #{pane_active}").output.splitlines()
    assert heights == ["%0 17 0", "%2 6 0", "%1 24 1"]  # -d: the active pane stays
    same = mux.cli("join-pane", "-s", "%0", "-t", "%0")
    assert same.returncode == os.EX_USAGE and "must differ" in same.stderr


def test_move_window_to_an_index_another_session_and_renumbered(mux: Mux) -> None:  # noqa: F811
    start(mux)
    mux("move-window", "-s", "a:two", "-t", "a:7")
    assert windows(mux) == ["0 sh 1", "1 one 1-", "7 two 1*"]
    taken = mux.cli("move-window", "-s", "a:7", "-t", "a:1")
    assert taken.returncode == os.EX_USAGE and "in use" in taken.stderr
    mux("move-window", "-r", "-t", "a")
    assert windows(mux) == ["0 sh 1", "1 one 1-", "2 two 1*"]
    mux("move-window", "-k", "-s", "a:2", "-t", "a:1")  # -k: the window at the index is closed first
    assert windows(mux) == ["0 sh 1", "1 two 1*"]
    mux("new-session", "-d", "-s", "b", "--", "sh")
    mux("move-window", "-s", "a:1", "-t", "b:")
    mux("move-window", "-d", "-s", "a:0", "-t", "b:5")
    assert windows(mux, "b") == ["0 sh 1-", "1 two 1*", "5 sh 1"]
    assert mux("list-sessions", "-F", "#S").output.split() == ["b"]  # a lost its last window and ended


def test_swap_window_and_has_session(mux: Mux) -> None:  # noqa: F811
    start(mux)
    mux("swap-window", "-s", "a:0", "-t", "a:2")
    assert windows(mux) == ["0 two 1", "1 one 1-", "2 sh 1*"]
    mux("swap-window", "-d", "-s", "a:0", "-t", "a:1")
    assert windows(mux) == ["0 one 1", "1 two 1-", "2 sh 1*"]
    assert mux.cli("has-session", "-t", "a").returncode == 0
    missing = mux.cli("has-session", "-t", "nope")
    assert missing.returncode != 0 and "can't find session: nope" in missing.stderr


def test_new_session_with_A_uses_the_session_that_exists(mux: Mux) -> None:  # noqa: F811
    for _ in range(2):
        result = mux.cli("new-session", "-d", "-A", "-s", "main", "--", "sh")
        assert result.returncode == 0, result.stderr
    assert mux("list-sessions", "-F", "#S #{session_windows}").output.splitlines() == ["main 1"]
    again = mux.cli("new-session", "-d", "-s", "main")
    assert again.returncode == os.EX_USAGE and "duplicate session" in again.stderr


def test_kill_with_a_keeps_only_the_target(mux: Mux) -> None:  # noqa: F811
    start(mux)
    mux("kill-window", "-a", "-t", "a:one")
    assert windows(mux) == ["1 one 1*"]
    for name in ("b", "c"):
        mux("new-session", "-d", "-s", name, "--", "sh")
    mux("kill-session", "-a", "-t", "b")
    assert mux("list-sessions", "-F", "#S").output.split() == ["b"]


def test_panes_closed_as_they_start_never_signal_the_server(mux: Mux) -> None:  # noqa: F811
    # A pane closed before its program has started runs the server's copy of signal handling for a moment;
    # the hang-up it gets must not reach the server (it once stopped it, about one time in five).
    assert mux.cli("new-session", "-d", "-s", "a", "--", "sh").returncode == 0
    for _ in range(40):
        mux("new-window", "-d", "-t", "a:", "--", "sleep", "100")
        mux("kill-window", "-t", "a:1")
    assert windows(mux) == ["0 sh 1*"]
