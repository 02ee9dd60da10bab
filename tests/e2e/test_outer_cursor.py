"""The real muntin in a private tmux: with cursor-mode terminal the outer terminal's own cursor sits on the
active pane's cursor and is shown, and hidden when the program hides it; with cell it stays hidden."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def outer_cursor(app: MuntinInTmux) -> tuple[int, int, int]:
    """The outer tmux pane's cursor: column, row, and 1 when it is shown."""
    x, y, flag = app.tmux.tmux("display-message", "-p", "-t", "e2e", "#{cursor_x} #{cursor_y} #{cursor_flag}").split()
    return int(x), int(y), int(flag)


def test_the_terminal_cursor_follows_the_active_pane(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)
    assert outer_cursor(app)[2] == 0  # cell: muntin draws the cursor itself

    app.cli("set-option", "-g", "cursor-mode", "terminal")
    tmux.type("echo hi")
    tmux.wait_until(lambda: outer_cursor(app) == (9, 1, 1), what=f"the cursor after '$ echo hi' on row 1 "
                    f"(it is at {outer_cursor(app)})")

    app.cli("set-option", "-g", "pane-border-status", "off")  # the pane moves up to row 0, and its cursor
    tmux.wait_until(lambda: outer_cursor(app) == (9, 0, 1), what=f"the cursor on row 0 ({outer_cursor(app)})")

    tmux.send_keys("C-u")
    tmux.type(r"printf '\033[?25l'")
    tmux.send_keys("Enter")
    tmux.wait_until(lambda: outer_cursor(app)[2] == 0, what="the program to hide the cursor")
    tmux.type(r"printf '\033[?25h'")
    tmux.send_keys("Enter")
    tmux.wait_until(lambda: outer_cursor(app)[2] == 1, what="the program to show the cursor again")

    tmux.send_keys("C-b", ":")  # the prompt is a screen over the window: the pane's cursor is not shown
    tmux.wait_until(lambda: outer_cursor(app)[2] == 0, what="the prompt to hide the cursor")
    tmux.send_keys("Escape")
    tmux.wait_until(lambda: outer_cursor(app)[2] == 1, what="the cursor back after the prompt")

    app.cli("set-option", "-g", "cursor-mode", "cell")
    tmux.wait_until(lambda: outer_cursor(app)[2] == 0, what="cell to hide the terminal's cursor")
