"""cursor-mode: ``cell`` draws the active pane's cursor as a reverse cell; ``terminal`` draws no cell and
asks the driver to show the terminal's own cursor there, unless the program hid it or a screen is up."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.commands import OPTIONS
from muntin.commands.handlers.misc import config_commands
from muntin.config import load_config
from muntin.ui import make_app
from muntin.ui.screens import PromptScreen

from test_app_server import command, server, until  # noqa: F401 - the fixture


def reversed_cells(strip) -> int:
    return sum(len(segment.text) for segment in strip if segment.style is not None and segment.style.reverse)


def test_the_default_and_the_choices() -> None:
    spec = OPTIONS["cursor-mode"]
    assert spec.default == "cell" and spec.choices == ("cell", "terminal")


def test_config_toml_sets_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('cursor-mode = "terminal"\npane-border-status = "off"\n')
    result = load_config(config)
    assert not result.problems
    commands = [text for text, _ in config_commands(result.settings)]
    assert "set-option -g cursor-mode terminal" in commands and "set-option -g pane-border-status off" in commands


async def test_terminal_mode_hands_the_cursor_to_the_terminal(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "cur", "--", "sh", "-c", "printf ab; exec cat").ok
    app = make_app(server, "cur", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view.render_line(1).text.startswith("ab"))
        assert app.terminal_cursor() is None
        assert reversed_cells(app.view.render_line(1)) == 1  # the cell after "ab"

        assert command(server, "set-option", "-g", "cursor-mode", "terminal").ok
        await until(pilot, lambda: app.terminal_cursor() == (2, 1))  # below the title line
        assert reversed_cells(app.view.render_line(1)) == 0

        assert command(server, "set-option", "-g", "pane-border-status", "off").ok
        await until(pilot, lambda: app.terminal_cursor() == (2, 0))
        assert command(server, "set-option", "-g", "status-position", "top").ok
        await until(pilot, lambda: app.terminal_cursor() == (2, 1))  # below the status bar

        await pilot.press("ctrl+b", "colon")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert app.terminal_cursor() is None
        await pilot.press("escape")
        await until(pilot, lambda: app.terminal_cursor() == (2, 1))

        pane = command(server, "list-panes", "-t", "cur", "-F", "#{pane_id}").output.strip()
        assert command(server, "send-keys", "-t", pane, "-l", "x").ok  # cat echoes it: the cursor moves on
        await until(pilot, lambda: app.terminal_cursor() == (3, 1))

        assert command(server, "set-option", "-g", "cursor-mode", "cell").ok
        await until(pilot, lambda: app.terminal_cursor() is None and reversed_cells(app.view.render_line(0)) == 1)
