"""tmuxp files built as ``tmuxp load`` builds them in tmux: active panes, halving splits, focus, expansion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture


def load(mux: Mux, tmp_path: Path, text: str, **env: str) -> None:  # noqa: F811
    path = tmp_path / "workspace.yaml"
    path.write_text(text)
    result = subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), "load", "-d", str(path)],
                            capture_output=True, text=True, timeout=50, stdin=subprocess.DEVNULL,
                            env={**os.environ, "SHELL": "/bin/sh", **env})
    assert result.returncode == 0, result.stderr


def rows(mux: Mux, window: str) -> list[str]:  # noqa: F811
    return mux("list-panes", "-t", window, "-F", "#{pane_height} #{pane_active}").output.splitlines()


def test_panes_without_a_layout_halve_the_pane_before_and_the_last_is_active(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    load(mux, tmp_path, "session_name: s\nwindows:\n  - window_name: w\n    panes:\n      - blank\n      - blank\n"
                        "      - blank\n")
    assert rows(mux, "s:w") == ["12 0", "5 0", "5 1"]


def test_pane_focus_does_not_make_its_window_current(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    load(mux, tmp_path, "session_name: s\nwindows:\n  - window_name: a\n    panes: [blank, blank]\n"
                        "  - window_name: b\n    panes:\n      - focus: true\n      - blank\n")
    windows = mux("list-windows", "-t", "s", "-F", "#{window_name} #{window_active}").output.splitlines()
    assert windows == ["a 1", "b 0"]
    assert rows(mux, "s:a") == ["12 0", "11 1"] and rows(mux, "s:b") == ["12 1", "11 0"]


def test_variables_are_expanded_in_names_directories_and_commands(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "there").mkdir()
    load(mux, tmp_path, "session_name: ${PROJ}-s\nstart_directory: $BASE/there\nshell_command_before: echo b-$PROJ\n"
                        "windows:\n  - window_name: w-${PROJ}\n    panes:\n      - echo p-${PROJ}\n",
         PROJ="proj", BASE=str(tmp_path))
    pane = mux("list-panes", "-t", "proj-s:w-proj", "-F", "#{pane_id} #{pane_current_path}").output.split()
    assert pane[1] == str(tmp_path / "there")
    mux.wait_text(pane[0], r"^p-proj$")
    assert "echo b-proj" in mux.screen(pane[0]) and "echo p-proj" in mux.screen(pane[0])


def test_a_trailing_escaped_semicolon_is_typed_as_tmux_receives_it(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    load(mux, tmp_path, "session_name: s\nwindows:\n  - panes:\n      - shell_command:\n"
                        "          - 'echo one \\; echo two'\n          - 'echo three \\;'\n")
    pane = mux("list-panes", "-t", "s", "-F", "#{pane_id}").output.strip()
    mux.wait_text(pane, r"^three$")
    screen = mux.screen(pane)
    assert "echo one \\; echo two" in screen and "one ; echo two" in screen and "echo three ;" in screen


def test_a_focused_first_window_stays_current_after_focusing_panes_elsewhere(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    """tmuxp's focus-window-and-panes example: the first window has focus, a later one a focused pane."""
    load(mux, tmp_path, "session_name: s\nwindows:\n  - window_name: a\n    focus: true\n    panes:\n"
                        "      - focus: true\n      - blank\n  - window_name: b\n    panes:\n      - blank\n"
                        "      - focus: true\n")
    windows = mux("list-windows", "-t", "s", "-F", "#{window_name} #{window_active}").output.splitlines()
    assert windows == ["a 1", "b 0"]


def test_window_index_numbers_the_window(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    """tmuxp's window-index example: a window with ``window_index: 5`` is window 5; the next takes 1."""
    load(mux, tmp_path, "session_name: s\nwindows:\n  - window_name: zero\n    panes: [blank]\n"
                        "  - window_name: five\n    window_index: 5\n    panes: [blank]\n"
                        "  - window_name: one\n    panes: [blank]\n")
    windows = mux("list-windows", "-t", "s", "-F", "#{window_index} #{window_name}").output.splitlines()
    assert windows == ["0 zero", "1 one", "5 five"]


def _typed(mux: Mux, target: str, text: str) -> list[str]:  # noqa: F811
    """The screen lines of the pane that show ``text``, once its output is there."""
    pane = mux("list-panes", "-t", target, "-F", "#{pane_id}").output.split()[0]
    mux.wait_text(pane, f"^{text}-done$")
    return [line for line in mux.screen(pane).splitlines() if f"echo {text}-done" in line]


def test_suppress_history_types_a_space_first_unless_it_is_off(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    """As tmuxp's send_keys(suppress_history=True): the shell sees ' echo ...' and keeps it out of its
    history; a window's or pane's suppress_history: false types the line as it is."""
    load(mux, tmp_path, "session_name: s\nwindows:\n  - window_name: kept\n    panes: ['echo kept-done']\n"
                        "  - window_name: typed\n    suppress_history: false\n    panes: ['echo typed-done']\n"
                        "  - window_name: pane\n    panes:\n      - shell_command: echo pane-done\n"
                        "        suppress_history: false\n")
    assert [line[1:] for line in _typed(mux, "s:kept", "kept")] == ["  echo kept-done"]  # after the prompt's # or $
    assert [line[1:] for line in _typed(mux, "s:typed", "typed")] == [" echo typed-done"]
    assert [line[1:] for line in _typed(mux, "s:pane", "pane")] == [" echo pane-done"]


def test_an_empty_string_pane_presses_enter_and_blank_does_not(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    load(mux, tmp_path, "session_name: s\nwindows:\n  - panes: ['', blank]\n")
    first, second = mux("list-panes", "-t", "s", "-F", "#{pane_id}").output.split()
    from conftest import poll_until

    assert poll_until(lambda: len(mux.screen(first).split()) == 2), mux.screen(first)  # two prompts
    assert len(mux.screen(second).split()) == 1


def test_before_script_runs_in_the_session_directory(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "there").mkdir()
    script = tmp_path / "before.sh"
    script.write_text("#!/bin/sh\npwd > made-by-before\n")
    script.chmod(0o755)
    load(mux, tmp_path, f"session_name: s\nstart_directory: {tmp_path / 'there'}\nbefore_script: {script}\n"
                        "windows:\n  - panes: [blank]\n")
    assert (tmp_path / "there" / "made-by-before").read_text().strip() == str(tmp_path / "there")


def test_a_failing_before_script_builds_nothing(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "workspace.yaml"
    path.write_text("session_name: keep\nwindows:\n  - panes: [blank]\n")
    assert mux.cli("load", "-d", str(path)).returncode == 0  # a server with another session
    path.write_text("session_name: s\nbefore_script: /bin/false\nwindows:\n  - panes: [blank]\n  - panes: [blank]\n")
    result = mux.cli("load", "-d", str(path))
    assert result.returncode != 0 and "before_script '/bin/false' exited with status 1" in result.stderr
    assert mux("list-sessions", "-F", "#{session_name}").output.split() == ["keep"]


def test_options_are_set_where_tmuxp_sets_them(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    load(mux, tmp_path, "session_name: s\noptions:\n  history-limit: 1234\nglobal_options:\n  display-time: 1500\n"
                        "windows:\n  - window_name: w\n    options:\n      automatic-rename: off\n"
                        "    options_after:\n      synchronize-panes: on\n    panes: [blank, blank]\n")
    assert mux("show-options", "-v", "-t", "s:", "history-limit").output.strip() == "1234"
    assert mux("show-options", "-gv", "display-time").output.strip() == "1500"
    assert mux("show-options", "-wv", "-t", "s:w", "automatic-rename").output.strip() == "off"
    assert mux("list-panes", "-t", "s:w", "-F", "#{pane_synchronized}").output.split() == ["1", "1"]


def test_an_option_muntin_lacks_is_reported_and_the_rest_is_built(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "workspace.yaml"
    path.write_text("session_name: s\nglobal_options:\n  no-such-option: 1\nwindows:\n  - panes: [blank]\n")
    result = subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), "load", "-d", str(path)],
                            capture_output=True, text=True, timeout=50, stdin=subprocess.DEVNULL,
                            env={**os.environ, "SHELL": "/bin/sh"})
    assert result.returncode == 0 and "option no-such-option = '1' not set" in result.stderr


def test_a_default_shell_among_the_session_options_runs_in_every_pane(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    """tmuxp sets the session's options before it makes the first window: its panes run that shell too."""
    shell = tmp_path / "myshell"
    shell.symlink_to("/bin/sh")
    load(mux, tmp_path, f"session_name: s\noptions:\n  default-shell: {shell}\nwindows:\n  - window_name: w\n"
                        "    panes: [echo one, echo two]\n  - window_name: v\n    panes: [blank]\n")
    assert mux("list-windows", "-t", "s", "-F", "#{window_index} #{window_name}").output.split() == \
        ["0", "w", "1", "v"]
    for pid in mux("list-panes", "-s", "-t", "s", "-F", "#{pane_pid}").output.split():
        args = subprocess.run(["ps", "-o", "args=", "-p", pid], capture_output=True, text=True).stdout.strip()
        assert args == "-myshell", pid  # the session's shell, as a login shell
