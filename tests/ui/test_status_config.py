"""The status bar follows config.toml's [status], which the server holds as options: its left and right
formats, its position, or no status bar at all."""

from __future__ import annotations

from pathlib import Path

from muntin.ui import make_app

from test_app_server import command, screen_text, server, until  # noqa: F401 - the fixture


async def test_formats_and_position(server: Path, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text('[status]\nposition = "top"\nleft = "<#S|#W> "\nright = "title=#{pane_title} %Y"\n')
    assert command(server, "new-session", "-d", "-s", "st", "-n", "editor", "--", "cat").ok
    assert command(server, "select-pane", "-t", "st", "-T", "notes").ok
    assert command(server, "source-file", str(config)).ok  # as a server started with -f config.toml
    app = make_app(server, "st", config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)

        def bar() -> str:
            return app.status.render_line(0).text

        await until(pilot, lambda: bar().startswith("<st|editor> ") and "title=notes 20" in bar())
        assert app.status.region.y == 0  # docked at the top
        assert app.layout_area().height == 22


async def test_no_status_bar(server: Path, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "config.toml"
    config.write_text("[status]\nenabled = false\n")
    assert command(server, "new-session", "-d", "-s", "ns", "--", "cat").ok
    assert command(server, "source-file", str(config)).ok
    app = make_app(server, "ns", config_path=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert not app.status.display and app.layout_area().height == 23
        await until(pilot, lambda: command(server, "list-panes", "-t", "ns", "--json").output.count('"height": 23') == 1)
        assert "[ns]" not in screen_text(app)
