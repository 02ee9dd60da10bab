"""Problems of the settings muntin starts with are listed over the panes until a key, which goes nowhere."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, screen_text, server, until  # noqa: F401 - the fixture


def whole_screen(app) -> str:
    """Every line of what the app shows now, modal screens included."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_startup_problems_are_shown_until_a_key(server: Path, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text('history-limit = 12\nmouse = "sometimes"\ntheme = "nosuch"\n')
    assert command(server, "new-session", "-d", "-s", "pr", "--", "cat").ok
    server_problem = "/etc/muntin/server.toml:7: [bold]markup[/] is shown as text"
    app = make_app(server, "pr", config_path=config, startup_problems=[server_problem])
    async with app.run_test(size=(220, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await until(pilot, lambda: "problem" in whole_screen(app))
        text = whole_screen(app)
        assert server_problem in text
        assert f"{config}:2:" in text and "mouse" in text  # FILE:LINE: what is wrong
        assert "nosuch" in text
        await pilot.press("x")  # closes the list; the pane's cat never sees it
        await until(pilot, lambda: server_problem not in whole_screen(app))
        await pilot.press("y")
        await until(pilot, lambda: "y" in command(server, "capture-pane", "-p", "-t", "pr").output)
        assert "x" not in command(server, "capture-pane", "-p", "-t", "pr").output


async def test_no_problems_no_list(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "ok", "--", "cat").ok
    app = make_app(server, "ok", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert len(app.screen_stack) == 1
