"""visual-bell, as tmux's visual- options: off (the default) passes a bell in another window on to the outer
terminal, on shows ``Bell in window N`` instead, both does both; bell-action none ignores it."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, server, until  # noqa: F401 - the fixture


async def test_visual_bell_says_what_rang(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "v", "--", "cat").ok
    assert command(server, "new-window", "-d", "-t", "v", "--", "cat").ok
    app = make_app(server, "v", config_path=Path(os.devnull))
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]

    async def ring(mark: str) -> None:
        assert command(server, "respawn-pane", "-k", "-t", "v:1", "--", "sh", "-c",
                       rf"printf '{mark}\a\n'; exec cat").ok
        # The bell and the mark come in one read: once the mark is on the pane, the bell went by the options
        # of that moment.
        await until(pilot, lambda: mark in command(server, "capture-pane", "-p", "-t", "v:1").output)

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await ring("off")
        await until(pilot, lambda: rings == [1])
        assert app.status.message is None
        assert command(server, "set-option", "-g", "visual-bell", "on").ok
        await ring("on")
        await until(pilot, lambda: app.status.message == "Bell in window 1")
        assert rings == [1]
        assert command(server, "set-option", "-g", "visual-bell", "both").ok
        assert command(server, "set-option", "-g", "bell-action", "none").ok
        await ring("none")
        assert command(server, "set-option", "-g", "bell-action", "other").ok
        await ring("both")
        await until(pilot, lambda: rings == [1, 1])
