"""The status bar draws with the server's options: what show-options prints is what the bar shows, and a
change from anywhere (set-option from a script, source-file) reaches the attached client at once."""

from __future__ import annotations

import os
import time
from pathlib import Path

from muntin.commands import OPTIONS
from muntin.config import DEFAULT_THEME, StatusBar
from muntin.ui import make_app

from test_app_server import command, server, until  # noqa: F401 - the fixture


def test_the_options_defaults_are_the_config_defaults() -> None:
    status = StatusBar()
    assert OPTIONS["status"].default is status.enabled
    assert OPTIONS["status-position"].default == status.position.value
    assert OPTIONS["status-left"].default == status.left
    assert OPTIONS["status-right"].default == status.right
    assert OPTIONS["status-style"].default == status.style
    assert OPTIONS["theme"].default == DEFAULT_THEME


def shown(path: Path, name: str) -> str:
    """The value show-options prints (-v: without tmux's quoting)."""
    return command(path, "show-options", "-gv", name).output.removesuffix("\n")


async def test_set_option_and_source_file_change_the_bar(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "opt", "--", "cat").ok
    app = make_app(server, "opt", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)

        def bar() -> str:
            return app.status.render_line(0).text

        # At attach: the bar shows what show-options prints.
        assert shown(server, "theme") == "terminal" == app.theme_name
        right = time.strftime(shown(server, "status-right")).strip()
        await until(pilot, lambda: bar().rstrip().endswith(right) and bar().startswith("[opt] "))

        assert command(server, "set-option", "-g", "status-right", "HELLO #S").ok
        await until(pilot, lambda: bar().endswith(" HELLO opt"))  # at the very end, as tmux
        assert command(server, "set-option", "-g", "status-left", "<#S|%Y> ").ok
        await until(pilot, lambda: bar().startswith(f"<opt|{time.strftime('%Y')}> "))
        assert command(server, "set-option", "-g", "status-style", "fg=white,bg=red").ok
        await until(pilot, lambda: app.status.bar_styles.bar.bgcolor is not None
                    and app.status.bar_styles.bar.bgcolor.name == "red")
        bad = command(server, "set-option", "-g", "status-style", "bg=purple")
        assert not bad.ok and "status-style" in bad.error and "purple" in bad.error

        assert command(server, "set-option", "-g", "status-position", "top").ok
        await until(pilot, lambda: app.status.region.y == 0)
        assert command(server, "set-option", "-g", "status", "off").ok
        await until(pilot, lambda: not app.status.display)
        await until(pilot, lambda: command(server, "list-panes", "-t", "opt", "-F", "#{pane_height}").output == "23\n")

        config = tmp_path / "config.toml"
        config.write_text('[status]\nenabled = true\nposition = "bottom"\nright = "SRC #S"\n')
        assert command(server, "source-file", str(config)).ok
        await until(pilot, lambda: app.status.display and bar().endswith(" SRC opt"))
        assert shown(server, "status-right") == "SRC #S"
        await until(pilot, lambda: app.status.region.y == 23)


async def test_the_theme_option_restyles_the_attached_client(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "th", "--", "cat").ok
    app = make_app(server, "th", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.server_options.get("theme") == "terminal")
        assert command(server, "set-option", "-g", "theme", "fjord").ok
        await until(pilot, lambda: app.theme_name == "fjord" and app.ansi_color is False)
        assert shown(server, "theme") == "fjord"
