"""set-clipboard reaches the attached UI: with ``external`` (the default) and ``on`` a program's OSC 52 write
goes on to the outer terminal's clipboard; with ``off`` it does not."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, server, until  # noqa: F401 - the fixture


async def test_osc_52_passes_to_the_outer_terminal_unless_off(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "c", "--", "cat").ok
    app = make_app(server, "c", config_path=Path(os.devnull))
    copied: list[str] = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        for mode, text in (("off", "dropped"), ("external", "passed")):
            assert command(server, "set-option", "-g", "set-clipboard", mode).ok
            encoded = base64.b64encode(text.encode()).decode()
            assert command(server, "respawn-pane", "-k", "-t", "c", "--", "sh", "-c",
                           rf"printf '\033]52;c;{encoded}\a{mode}-done\n'; exec cat").ok
            await until(pilot, lambda: f"{mode}-done" in command(server, "capture-pane", "-p", "-t", "c").output)
        await until(pilot, lambda: copied == ["passed"])
