"""A heavy tmux user's .tmux.conf (tests/fixtures/heavy.tmux.conf, which real tmux 3.3a loads with no error)
loads in muntin: every setting muntin has takes effect, and each tmux option muntin lacks is reported once,
with its line, while the rest of the file applies."""

from __future__ import annotations

import os
import re
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture

HEAVY = Path(__file__).parent.parent / "fixtures" / "heavy.tmux.conf"

NOT_IN_MUNTIN: list[str] = []
"""tmux options the file sets that muntin does not have: each must be reported, nothing else (none now)."""

SETTINGS = {"prefix": "ctrl+a", "prefix2": "ctrl+s", "mouse": "on", "base-index": "1", "pane-base-index": "1",
            "renumber-windows": "on", "mode-keys": "vi", "escape-time": "0", "history-limit": "50000",
            "default-terminal": "tmux-256color", "display-time": "2000", "repeat-time": "600",
            "monitor-activity": "on", "automatic-rename": "on", "remain-on-exit": "off", "status": "on",
            "status-position": "top", "status-interval": "5", "status-style": "fg=white,bg=black",
            "status-left-length": "40", "status-right-length": "60", "status-left": "#[fg=green][#S] ",
            "status-right": "#(echo up) %H:%M", "status-left-style": "fg=green", "status-right-style": "fg=yellow",
            "window-status-format": " #I:#W ", "window-status-current-format": "<#I:#W>",
            "window-status-separator": "|", "window-status-style": "fg=cyan",
            "window-status-current-style": "fg=black,bg=cyan,bold", "message-style": "fg=black,bg=yellow",
            "status-justify": "left", "pane-border-style": "fg=colour238",
            "pane-active-border-style": "fg=colour39", "mode-style": "bg=blue", "allow-rename": "off", "set-clipboard": "on",
            "aggressive-resize": "on", "set-titles": "on", "set-titles-string": "#S / #W",
            "focus-events": "on", "monitor-bell": "on", "monitor-silence": "0", "visual-activity": "off",
            "visual-bell": "off", "visual-silence": "off", "@heavy-session": "yes", "@home-known": "yes",
            "@shell-false": "else"}


def test_a_heavy_tmux_conf_loads_and_each_setting_is_there(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "heavy", "--", "cat")
    result = mux.try_("source-file", str(HEAVY))
    problems = result.error.removeprefix("source-file: ").splitlines()
    lines = HEAVY.read_text().splitlines()
    reported = []
    for problem in problems:
        found = re.fullmatch(rf"{re.escape(str(HEAVY))}:(\d+): set-option: muntin does not have option (\S+) .*",
                             problem)
        assert found, f"not a missing-option report: {problem}"
        number, name = int(found[1]), found[2]
        assert f" {name} " in lines[number - 1], (number, lines[number - 1])
        reported.append(name)
    assert reported == NOT_IN_MUNTIN
    assert result.code == (os.EX_CONFIG if NOT_IN_MUNTIN else 0)
    for name, value in SETTINGS.items():
        assert mux("show-options", "-gv", name).output.rstrip("\n") == value, name
    keys = mux("list-keys").output
    for bound in ("split-window -h -c '#{pane_current_path}'", "split-window -h ; select-layout tiled",
                  "split-window -h vim", "select-pane -L", "send-keys -X begin-selection", "resize-pane -Z"):
        assert bound in keys, bound
    assert re.search(r"-T prefix +C-a +send-prefix|-T prefix ctrl\+a send-prefix", keys) or "send-prefix" in keys
    assert not re.search(r"-T prefix +(C-b|ctrl\+b) ", keys)  # unbind C-b
    assert "SPLIT_FLAGS" not in mux("show-environment", "-g").output  # %hidden: not for panes
    assert "EDITOR_PANE=vim" in mux("show-environment", "-g").output


def test_renumber_windows_numbers_again_when_one_closes(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "r", "--", "cat")
    mux("set", "-g", "base-index", "1")
    mux("set", "-g", "renumber-windows", "on")
    mux("new-window", "-t", "r", "--", "cat")
    mux("new-window", "-t", "r", "--", "cat")
    assert mux("list-windows", "-t", "r", "-F", "#{window_index}").output.split() == ["0", "1", "2"]
    mux("kill-window", "-t", "r:1")
    assert mux("list-windows", "-t", "r", "-F", "#{window_index}").output.split() == ["1", "2"]


def test_an_option_tmux_has_and_muntin_lacks_is_named_so(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "o", "--", "cat")
    lacking = mux.try_("set", "-g", "wrap-search", "on")
    assert not lacking.ok and "muntin does not have option wrap-search (a tmux option)" in lacking.error
    unknown = mux.try_("set", "-g", "no-such-option", "on")
    assert not unknown.ok and "unknown option: no-such-option" in unknown.error
    mux("set", "-g", "@plugin-setting", "any text")
    assert mux("show-options", "-gv", "@plugin-setting").output.strip() == "any text"
