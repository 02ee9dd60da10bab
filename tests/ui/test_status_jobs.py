"""``#(command)`` in status-left, status-right, window-status-format and set-titles-string: run by /bin/sh in
the background (a slow one holds up nothing), the first line of its output shown, run again every
status-interval seconds."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, server, until  # noqa: F401 - the fixture


async def test_status_commands_run_in_the_background_and_again(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "j", "--", "cat").ok
    counter = tmp_path / "runs"
    app = make_app(server, "j", config_path=Path(os.devnull))
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)

        def bar() -> str:
            return app.status.render_line(0).text

        assert command(server, "set-option", "-g", "status-interval", "1").ok
        assert command(server, "set-option", "-g", "status-left", "L#(sleep 30; echo never)L ").ok
        assert command(server, "set-option", "-g", "window-status-format", "#I:#(echo win; echo second)").ok
        assert command(server, "set-option", "-g", "status-right",
                       f"R#(n=$(cat {counter} 2>/dev/null || echo 0); echo $((n+1)) > {counter}; echo run-$n)").ok
        await until(pilot, lambda: "LL " in bar() and "R" in bar())  # the slow one holds up nothing
        await until(pilot, lambda: "Rrun-0" in bar())
        await until(pilot, lambda: "Rrun-1" in bar() or "Rrun-2" in bar())  # again after status-interval
        assert command(server, "new-window", "-d", "-t", "j", "--", "cat").ok
        await until(pilot, lambda: "1:win" in bar() and "second" not in bar())  # the first line
        assert "never" not in bar()
        assert command(server, "set-option", "-g", "set-titles-string", "T #(echo titled)").ok
        assert command(server, "set-option", "-g", "set-titles", "on").ok
        await until(pilot, lambda: app.outer_title == "T titled")
