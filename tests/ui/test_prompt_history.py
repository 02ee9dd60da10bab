"""The command prompt's history lives in the server: Enter adds the line, Up and Down walk it."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from muntin.ui import make_app
from muntin.ui.screens import PromptScreen

from test_app_server import command, server, until  # noqa: F401 - the fixture


async def test_up_and_down_walk_the_servers_history_and_enter_adds_to_it(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "ph", "--", "cat").ok
    assert command(server, "add-prompt-history", "display-message older").ok
    assert command(server, "add-prompt-history", "display-message newer").ok
    app = make_app(server, "ph", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "colon")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen) and len(app.screen.history) == 2)
        field = app.screen.query_one(Input)
        await pilot.press("up")
        assert field.value == "display-message newer"
        await pilot.press("up", "up")  # the oldest stays
        assert field.value == "display-message older"
        await pilot.press("down")
        assert field.value == "display-message newer"
        await pilot.press("down")
        assert field.value == ""
        field.value = "set -g @typed yes"
        await pilot.press("enter")
        await until(pilot, lambda: command(server, "show", "-gv", "@typed").output == "yes\n")
    shown = command(server, "show-prompt-history", "-T", "command").output
    assert shown == ("History for command:\n\n1: display-message older\n2: display-message newer\n"
                     "3: set -g @typed yes\n\n")
