"""set-environment and show-environment: variables for the new panes of a session (or, with -g, of every
session), over the server's own; -r removes one from new panes, -u goes back to what was inherited."""

from __future__ import annotations

import os
import sys

from _mux import Mux, mux  # noqa: F401 - the fixture


def test_new_panes_get_the_global_then_the_session_variables(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "e", "--", "sh").returncode == 0
    mux("set-environment", "-t", "e", "WHERE", "session")
    mux("set-environment", "-g", "WHERE", "global")
    mux("set-environment", "-g", "ONLY_GLOBAL", "yes")
    mux("set-environment", "-r", "-t", "e", "HOME")
    assert mux("show-environment", "-t", "e").output.splitlines() == ["-HOME", "WHERE=session"]
    assert mux("show-environment", "-g", "ONLY_GLOBAL").output.strip() == "ONLY_GLOBAL=yes"
    mux("new-window", "-t", "e:", "--", "sh")
    mux("send-keys", "-t", "e:1", 'echo "[$WHERE|$ONLY_GLOBAL|${HOME-removed}]"', "Enter")
    mux.wait_text("e:1", r"\[session\|yes\|removed\]")
    mux("new-session", "-d", "-s", "f", "--", "sh")  # another session: only the global ones
    mux("send-keys", "-t", "f", 'echo "[$WHERE|${HOME:+home}]"', "Enter")
    mux.wait_text("f", r"\[global\|home\]")
    mux("set-environment", "-u", "-t", "e", "WHERE")
    assert mux("show-environment", "-t", "e").output.splitlines() == ["-HOME"]


def test_mistakes_are_named(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "e", "--", "sh").returncode == 0
    missing = mux.cli("set-environment", "-t", "e", "NAME")
    assert missing.returncode == os.EX_USAGE and "give a VALUE" in missing.stderr
    unknown = mux.cli("show-environment", "-t", "e", "NOPE")
    assert unknown.returncode == os.EX_USAGE and "unknown variable: NOPE" in unknown.stderr


def test_a_command_in_a_pane_reaches_its_own_server_without_flags(mux: Mux) -> None:  # noqa: F811
    """As $TMUX: every pane carries $MUNTIN (socket, server pid, session), and the CLI run in a pane with
    no -L/-S talks to that server; attaching to it from inside is refused, as tmux refuses nesting."""
    assert mux.cli("new-session", "-d", "-s", "outer", "--", "sh").returncode == 0
    mux("set-option", "-g", "remain-on-exit", "on")
    here = f"{sys.executable} -m muntin"
    mux("send-keys", "-t", "outer", f'echo "[$MUNTIN]"; {here} display-message -p "got=#{{session_name}}"; '
        f'{here} attach; echo "attach=$?"', "Enter")
    mux.wait_text("outer", r"attach=\d+")
    screen = mux.screen("outer")
    session_id = mux("display-message", "-p", "-t", "outer", "#{session_id}").output.strip()
    assert f"[{mux.sock},{mux.server_pid},{session_id}]" in screen, screen
    assert "got=outer" in screen, screen
    assert "nested with care" in screen and f"attach={os.EX_USAGE}" in screen, screen
