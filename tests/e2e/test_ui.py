"""The real muntin, full screen inside a private tmux server: type, split, move, run programs, detach, attach."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def pane_ids(app: MuntinInTmux) -> list[dict]:
    return json.loads(app.cli("list-panes", "-a", "--json").stdout)


def test_type_split_move_and_detach_attach(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)  # the status bar shows window 0
    tmux.wait_for(lambda s: "$" in s or "#" in s, timeout=10)
    tmux.type("echo hello-$((6*7))")
    tmux.send_keys("Enter")
    tmux.wait_for("hello-42")

    # prefix % splits left/right: a vertical border appears and the new pane gets the keys.
    tmux.send_keys("C-b", "%")
    tmux.wait_for(lambda s: any("│" in line for line in s.splitlines()[1:-1]))
    tmux.wait_until(lambda: len(pane_ids(app)) == 2, what="a second pane")
    tmux.type("echo right-$((1+1))")
    tmux.send_keys("Enter")
    screen = tmux.wait_for("right-2")
    right_line = next(line for line in screen.splitlines() if "right-2" in line and "echo" not in line)
    assert right_line.index("right-2") > right_line.index("│")

    # prefix Left moves back to the first pane.
    tmux.send_keys("C-b", "Left")
    tmux.wait_until(lambda: next(p for p in pane_ids(app) if p["active"])["left"] == 0, what="focus to move left")
    tmux.type("echo left-$((2+1))")
    tmux.send_keys("Enter")
    screen = tmux.wait_for("left-3")
    left_line = next(line for line in screen.splitlines() if "left-3" in line and "echo" not in line)
    assert left_line.index("left-3") < left_line.index("│")

    # The panes' programs are children of the server, never of the UI process (no fork with threads).
    ui_pid = int(tmux.tmux("display-message", "-p", "#{pane_pid}").strip())
    parents = set()
    for pane in pane_ids(app):
        stat = Path(f"/proc/{pane['pid']}/stat").read_text()
        parents.add(int(stat.rsplit(")", 1)[1].split()[1]))
    assert len(parents) == 1 and ui_pid not in parents
    server_cmdline = Path(f"/proc/{parents.pop()}/cmdline").read_bytes()
    assert b"muntin" in server_cmdline

    # Detach: the UI exits, the session lives on; attach brings the same screen back.
    tmux.send_keys("C-b", "d")
    assert app.exit_status() == 0
    assert "[detached]" in tmux.tmux("capture-pane", "-p", "-S", "-100", "-t", "e2e")  # said on the terminal
    assert len(pane_ids(app)) == 2
    tmux.tmux("respawn-pane", "-k", "-t", "e2e",
              f"env SHELL=/bin/sh {sys.executable} -W error -m muntin -S {app.socket} attach")
    tmux.wait_for("left-3", timeout=15)
    tmux.wait_for("right-2")


def test_full_screen_program_and_exit(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.type("printf 'line %s\\n' $(seq 1 200) | less")
    tmux.send_keys("Enter")
    tmux.wait_for("line 1\n", timeout=10)
    tmux.send_keys("G")
    tmux.wait_for("line 200")
    tmux.send_keys("q")
    tmux.wait_until(lambda: "line 200" not in tmux.text(), what="less to quit")
    tmux.type("exit")
    tmux.send_keys("Enter")
    assert app.exit_status() == 0
    app.cli("ls", check=False)


def test_vim_edits_a_file_and_gives_the_screen_back(muntin_ui: MuntinInTmux, tmp_path: Path) -> None:
    import shutil

    assert shutil.which("vim"), "the end-to-end tests need vim (CI installs it)"
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s or "#" in s, timeout=10)
    tmux.type("echo before-vim")
    tmux.send_keys("Enter")
    tmux.wait_for("before-vim\n")
    target = tmp_path / "notes.txt"
    tmux.type(f"vim -u NONE -N {target}")
    tmux.send_keys("Enter")
    tmux.wait_for(lambda s: "~" in s, timeout=10)  # vim's empty-buffer tildes, on the alternate screen
    tmux.send_keys("i")
    tmux.type("hello from vim")
    tmux.wait_for("hello from vim")
    tmux.send_keys("Escape")  # escape reaches vim, not muntin
    # A person pauses after Escape; ESC with ':' right behind it is alt+: to any terminal program.
    tmux.wait_until(lambda: "-- INSERT --" not in tmux.text(), what="vim to leave insert mode")
    tmux.type(":wq")
    tmux.send_keys("Enter")
    tmux.wait_until(lambda: target.exists() and target.read_text() == "hello from vim\n", what="the file")
    tmux.wait_until(lambda: "~" not in tmux.text() and "before-vim" in tmux.text(), what="the shell's screen back")
