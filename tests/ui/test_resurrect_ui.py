"""A resurrected session in the app (headless, against a real server): the saved history above the marked
line, and a program that waits for Enter runs when Enter is pressed in its pane."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from muntin.client import Connection
from muntin.client.resurrect import Resurrector
from muntin.config.state import SavedPane, SavedSession, SavedWindow
from muntin.ui import make_app

from test_app_server import screen_text, server, until  # noqa: F401 - server: the fixture


@pytest.fixture
def private_state(tmp_path: Path, monkeypatch) -> None:
    """The server below saves into the test's folder, and its panes' shell is /bin/sh."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("SHELL", "/bin/sh")


async def test_a_restored_session_shows_its_history_and_runs_a_program_on_enter(
        private_state: None, server: Path, tmp_path: Path) -> None:  # noqa: F811 - server: the fixture
    saved = time.mktime((2026, 12, 1, 14, 3, 0, 0, 0, -1))
    session = SavedSession("back", path=str(tmp_path), width=100, height=29, windows=(
        SavedWindow(0, name="work", layout="", active=0, panes=(
            SavedPane(cwd=str(tmp_path), history=("$ echo before", "\x1b[35mbefore-the-reboot\x1b[0m")),
            SavedPane(cwd=str(tmp_path), command=("expr", "6", "*", "7"), history=("$ ls",))),),))
    with Connection.open(server) as connection:
        assert Resurrector(connection).restore(session, saved) == "back"
    app = make_app(server, "back", config_path=Path(os.devnull))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "press Enter to run: expr 6 '*' 7" in screen_text(app)
                    and screen_text(app).count("restored from 2026-12-01 14:03") == 2)
        assert "before-the-reboot" in screen_text(app)
        second = sorted(app.view.panes)[1]
        await pilot.press("ctrl+b", "right")
        await until(pilot, lambda: app.active == second)
        await pilot.press("enter")
        await until(pilot, lambda: any(line.strip() == "42" for line in screen_text(app).split("│")))
