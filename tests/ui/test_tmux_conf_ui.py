"""A heavy .tmux.conf sourced while a UI is attached: what it sets shows in the running app (the bar's place,
window formats and separator, the prefix keys, renumbered windows)."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, server, until  # noqa: F401 - the fixture

HEAVY = Path(__file__).parent.parent / "fixtures" / "heavy.tmux.conf"


async def test_a_heavy_tmux_conf_shows_in_the_attached_app(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "heavy", "--", "cat").ok
    app = make_app(server, "heavy", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        result = command(server, "source-file", str(HEAVY))
        assert result.ok, result.error  # every option the file sets, muntin has
        assert command(server, "new-window", "-t", "heavy", "--", "cat").ok  # base-index 1: window 1

        def bar() -> str:
            return app.status.render_line(0).text

        await until(pilot, lambda: app.status.region.y == 0)  # status-position top
        await until(pilot, lambda: " 0:cat |<1:cat>|" in bar())  # window-status-format, -current-format
        assert app.status.interval == 5 and app.copy_table == "copy-mode-vi"
        assert app.keymap.prefix == "ctrl+a" and app.keymap.prefix2 == "ctrl+s"

        await pilot.press("ctrl+s")  # prefix2 works as the prefix
        await until(pilot, lambda: app.pending_table == "prefix")
        await pilot.press("escape")
        await until(pilot, lambda: app.pending_table is None)
        await pilot.press("ctrl+a", "1")
        await until(pilot, lambda: "<1:cat>" in bar())

        assert command(server, "kill-window", "-t", "heavy:0").ok  # renumber-windows: 1 becomes 1 (base 1)
        await until(pilot, lambda: bar().count(":cat") == 1 and "<1:cat>" in bar())

        assert command(server, "set-option", "-g", "status-left", "L" * 60).ok  # status-left-length 40
        await until(pilot, lambda: bar().startswith("L" * 40 + " ") or bar().startswith("L" * 40 + "<"))
