"""config.toml in a running server: a server started with -f FILE (or the default file) follows it, new
panes get its shell, TERM and scrollback size, and source-file reloads it, applying what is right and
naming what is wrong."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until

CONFIG = textwrap.dedent("""
    shell = "/bin/sh"
    term = "xterm-256color"
    history-limit = 40
    remain-on-exit = "on"
    mode-keys = "emacs"
    monitor-activity = true
    automatic-rename = false
    window-size = "latest"
    new-pane-directory = "session"

    [keys.prefix]
    "|" = "split-window -h"
    "%" = false
""")


def test_a_new_server_follows_the_config_file(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    started = mux.cli("-f", str(config), "new-session", "-d", "-s", "cfg")
    assert started.returncode == 0, started.stderr
    options = dict(line.split(" ", 1) for line in mux("show-options", "-g").output.splitlines())
    assert options["default-shell"] == "/bin/sh" and options["history-limit"] == "40"
    assert options["mode-keys"] == "emacs" and options["remain-on-exit"] == "on"
    assert options["monitor-activity"] == "on" and options["automatic-rename"] == "off"
    assert options["window-size"] == "latest" and options["new-pane-directory"] == "session"
    keys = mux("list-keys", "-T", "prefix").output
    assert "bind-key -T prefix | split-window -h" in keys and "-T prefix % " not in keys
    assert mux.pane("%0")["command"] == ["/bin/sh"]
    mux("send-keys", "-t", "cfg", "echo term=$TERM", "Enter")
    mux.wait_text("cfg", "^term=xterm-256color$")
    mux("send-keys", "-t", "cfg", "seq 1 200", "Enter")
    mux.wait_text("cfg", "^200$")
    history = mux("capture-pane", "-p", "-S", "-1000", "-t", "cfg").output.splitlines()
    assert len(history) <= 40 + mux.pane("%0")["height"]  # only history-limit lines were kept


def test_source_file_reloads_and_reports_problems_by_line(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "re", "--", "cat")
    config = tmp_path / "config.toml"
    config.write_text('history-limit = 123\nmouse = "sometimes"\n[keys.root]\n"M-h" = "select-pane -L"\n')
    result = mux.cli("source-file", str(config))
    assert result.returncode == os.EX_CONFIG
    assert re.search(rf"{re.escape(str(config))}:2: .*mouse", result.stderr)
    assert mux("show-options", "-g", "history-limit").output == "history-limit 123\n"  # the rest applied
    assert "bind-key -T root M-h select-pane -L" in mux("list-keys", "-T", "root").output
    missing = mux.cli("source-file", str(tmp_path / "absent.toml"))
    assert missing.returncode == os.EX_NOINPUT and "no such file" in missing.stderr
    assert mux.cli("source-file", "-q", str(tmp_path / "absent.toml")).returncode == 0


def test_window_and_pane_options_and_titles(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "o", "-x", "100", "-y", "30", "--", "cat")
    mux("split-window", "-t", "o", "--", "cat")
    mux("split-window", "-t", "o", "--", "cat")
    mux("set-option", "-w", "-t", "o", "main-pane-width", "25%")
    mux("select-layout", "-t", "o", "main-vertical")
    assert mux.panes()[0]["width"] == 24  # 25% of the 99 columns beside the border, as tmux
    bad = mux.cli("set-option", "-w", "-t", "o", "main-pane-width", "wide")
    assert bad.returncode == os.EX_USAGE and "expected cells (80) or a percentage (60%)" in bad.stderr
    mux("set-option", "-p", "-t", "%1", "remain-on-exit", "off")
    assert mux("show-options", "-p", "-t", "%1").output == "remain-on-exit off\n"
    assert mux("show-options", "-p", "-t", "%2").output == ""
    mux("select-pane", "-t", "%2", "-T", "logs")
    assert mux.pane("%2")["title"] == "logs"
    assert "-T" in mux("list-commands", "select-pane").output


def test_monitor_activity_marks_windows_until_selected(mux: Mux) -> None:  # noqa: F811
    import json

    mux("new-session", "-d", "-s", "a", "--", "cat")
    mux("new-window", "-t", "a:", "--", "cat")  # window 1 is now current
    mux("send-keys", "-t", "a:0", "quiet", "Enter")
    mux.wait_text("a:0", "^quiet$")

    def activity() -> list[bool]:
        return [w["activity"] for w in json.loads(mux("list-windows", "-t", "a", "--json").output)]

    assert activity() == [False, False]  # off by default, as in tmux
    mux("set-option", "-g", "monitor-activity", "on")
    mux("send-keys", "-t", "a:0", "loud", "Enter")
    assert poll_until(lambda: activity() == [True, False], timeout=5)
    mux("select-window", "-t", "a:0")
    assert activity() == [False, False]


def test_pane_options_given_at_creation_hold_from_the_start(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "p", "-o", "remain-on-exit=on", "--", "true")
    assert poll_until(lambda: mux.pane("%0")["state"] == "dead", timeout=5)  # kept although it succeeded
    mux("split-window", "-t", "p", "-o", "remain-on-exit=off", "--", "false")
    assert poll_until(lambda: len(mux.panes()) == 1, timeout=5)  # gone although it failed
    bad = mux.cli("split-window", "-t", "p", "-o", "remain-on-exit=sometimes", "--", "true")
    assert bad.returncode == os.EX_USAGE and "remain-on-exit" in bad.stderr
    unknown = mux.cli("new-window", "-t", "p:", "-o", "colour=red")
    assert unknown.returncode == os.EX_USAGE and "unknown option: colour" in unknown.stderr
