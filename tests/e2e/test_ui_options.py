"""The real muntin in a private tmux: options set from the command line reach the attached client's bar,
display-panes numbers the panes, and the terminal theme hands ANSI colours to the outer terminal as they are."""

from __future__ import annotations

import re

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def colours(app: MuntinInTmux) -> str:
    return app.tmux.tmux("capture-pane", "-e", "-p", "-t", "e2e")


def test_the_terminal_theme_keeps_ansi_colours(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    tmux.type(r"printf '\033[31mRED\033[0m \033[34mBLUE\033[0m \033[35mMAG\033[0m\n'")
    tmux.send_keys("Enter")
    tmux.wait_for("RED BLUE MAG")
    tmux.wait_until(lambda: "\x1b[31mRED" in colours(app), what="RED in colour 1")
    screen = colours(app)
    assert "\x1b[34mBLUE" in screen and "\x1b[35mMAG" in screen, screen
    # muntin's own status bar is drawn in the terminal's colours too (black on green), not a 256-colour guess.
    status = screen.rstrip("\n").splitlines()[-1]
    assert re.search(r"\x1b\[[0-9;]*42m", status) or "\x1b[30;42m" in status, repr(status)
    assert "38;5;" not in status and "48;5;" not in status, repr(status)


def test_config_problems_at_start_are_shown_until_a_key(muntin_ui: MuntinInTmux, tmp_path) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    config = tmp_path / "bad.toml"
    config.write_text('history-limit = 12\nmouse = "sometimes"\n')
    app.start("-f", str(config))
    screen = tmux.wait_for("any key to continue", timeout=15)
    assert f"{config.name}:2:" in screen, screen  # with its file and line
    tmux.type("z")
    tmux.wait_until(lambda: "any key to continue" not in tmux.text(), what="the list to close")
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    assert "z" not in tmux.text().splitlines()[1]  # the key went to nobody


def test_set_option_from_the_command_line_changes_the_bar(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    session = app.cli("display-message", "-p", "#S").stdout.strip()
    app.cli("set-option", "-g", "status-right", "HELLO #S")
    tmux.wait_until(lambda: tmux.screen()[-1].rstrip().endswith(f"HELLO {session}"), what="the new status-right")
    assert app.cli("show-options", "-g", "status-right").stdout == 'status-right "HELLO #S"\n'
    app.cli("set-option", "-g", "status-left", "LEFT-#S ")
    tmux.wait_until(lambda: tmux.screen()[-1].startswith(f"LEFT-{session} "), what="the new status-left")


def test_display_panes_numbers_the_panes_and_a_digit_selects_one(muntin_ui: MuntinInTmux) -> None:
    import json

    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    app.cli("set-option", "-g", "display-panes-time", "0")  # until a key: no race with a slow machine
    tmux.send_keys("C-b", "%")
    tmux.wait_until(lambda: len(json.loads(app.cli("list-panes", "--json").stdout)) == 2, what="two panes")

    def active() -> int:
        return next(i for i, p in enumerate(json.loads(app.cli("list-panes", "--json").stdout)) if p["active"])

    assert active() == 1
    tmux.send_keys("C-b", "q")
    # Big blocks of display-panes-colour (blue) over pane 0 and of the active colour (red) over pane 1.
    tmux.wait_until(lambda: "\x1b[41m" in colours(app) and "\x1b[44m" in colours(app), what="the numbers")
    tmux.send_keys("0")
    tmux.wait_until(lambda: active() == 0, what="pane 0 to be selected")
    tmux.wait_until(lambda: "\x1b[41m" not in colours(app), what="the numbers to go")
    tmux.type("echo typed-$((40+2))")
    tmux.send_keys("Enter")
    screen = tmux.wait_for("typed-42")
    assert "0echo" not in screen  # the digit went to no shell


def test_a_pane_answers_colour_queries_with_the_outer_terminals_colours(muntin_ui: MuntinInTmux) -> None:
    """The outer terminal is tmux 3.3a with known colours: it answers OSC 10 / 11 from window-style (and
    nothing without it). The UI asks it once at start; a program in a muntin pane asking then gets the same
    colours back, as under the terminal theme they are what it is shown in. tmux 3.3a answers OSC 4 from
    pane-colours but leaves the index out of its answer (``OSC 4 ; rgb:...``), so that answer is not taken and
    colour 1 stays xterm's (the server test gives a well-formed palette)."""
    import sys
    from pathlib import Path

    app, tmux = muntin_ui, muntin_ui.tmux
    script = Path(__file__).parent.parent / "fixtures" / "colour_query.py"
    app.start(options=[("window-style", "fg=#c0d0e0,bg=#102030"), ("pane-colours[1]", "#aa0011")])
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    expected = "^]11;rgb:1010/2020/3030 ^]10;rgb:c0c0/d0d0/e0e0 ^]4;1;rgb:cdcd/0000/0000"

    def answered() -> bool:  # the UI's report reaches the server within its short wait for the answers
        tmux.type(f"clear; {sys.executable} {script}")
        tmux.send_keys("Enter")
        screen = tmux.wait_for(lambda text: "^]4;1;" in text.replace("\n", ""))
        return expected in screen.replace("\n", "")

    tmux.wait_until(answered, timeout=15, what="the outer terminal's colours in the answer")
