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
