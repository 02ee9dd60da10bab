"""pane-border-status: with ``off`` the UI draws no title line and no titles, the panes get that row (as in
tmux), clicks map to the row under the pointer, and a change at run time lays the window out again at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from muntin.commands import OPTIONS
from muntin.config import load_config
from muntin.layout import Rect
from muntin.ui import make_app
from muntin.ui.link import LayoutUpdate, PaneUpdate, WindowsUpdate
from muntin.ui.status import WindowTab

from test_app_server import RAW_ECHO, command, screen_text, server, until  # noqa: F401 - the fixture
from test_snapshots import CONTENT, SIZE, build_app, screen_of

MOUSE_ECHO = "import os; os.write(1, b'\\x1b[?1000h\\x1b[?1006h')\n" + RAW_ECHO


def heights(path: Path, session: str) -> str:
    return command(path, "list-panes", "-t", session, "-F", "#{pane_height}").output


def test_the_default_and_the_choices() -> None:
    spec = OPTIONS["pane-border-status"]
    assert spec.default == "top" and spec.choices == ("off", "top", "bottom")
    with pytest.raises(ValueError, match="pane-border-status: expected one of off, top, bottom"):
        spec.check("left")


def test_config_toml_sets_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('pane-border-status = "off"\n')
    result = load_config(config)
    assert not result.problems and result.settings.pane_border_status == "off"
    config.write_text('pane-border-status = "left"\n')
    assert any("pane-border-status" in str(problem) for problem in load_config(config).problems)


async def test_off_gives_the_panes_the_title_row_at_once(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "pb", "--", "sh", "-c", "printf 'first row'; exec cat").ok
    app = make_app(server, "pb", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "first row" in screen_text(app))
        assert heights(server, "pb") == "22\n"  # 24 less the status line and the title line
        assert app.view.render_line(0).text.startswith("─")
        assert app.view.render_line(1).text.startswith("first row")

        assert command(server, "set-option", "-g", "pane-border-status", "off").ok
        await until(pilot, lambda: heights(server, "pb") == "23\n")
        await until(pilot, lambda: app.view.render_line(0).text.startswith("first row"))
        assert "─" not in screen_text(app)

        assert command(server, "set-option", "-g", "pane-border-status", "bottom").ok
        await until(pilot, lambda: heights(server, "pb") == "22\n")
        await until(pilot, lambda: app.view.render_line(0).text.startswith("first row")
                    and app.view.render_line(22).text.startswith("─"))

        assert command(server, "set-option", "-g", "pane-border-status", "top").ok
        await until(pilot, lambda: app.view.render_line(1).text.startswith("first row"))
        assert heights(server, "pb") == "22\n"


async def test_a_click_on_the_first_row_reaches_that_row_of_the_pane(server: Path, tmp_path: Path) -> None:  # noqa: F811
    script = tmp_path / "mouse.py"
    script.write_text(MOUSE_ECHO)
    assert command(server, "set-option", "-g", "pane-border-status", "off").ok
    assert command(server, "new-session", "-d", "-s", "pm", "--", "python3", str(script)).ok
    assert command(server, "split-window", "-v", "-t", "pm", "--", "cat").ok
    app = make_app(server, "pm", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(app.view.panes) == 2 and "ready" in screen_text(app))
        top = min(app.view.panes, key=lambda pid: app.view.panes[pid].rect.y)
        assert app.view.panes[top].rect.y == 0 and app.active != top
        assert app.view.pane_at(3, 0) == top
        await pilot.click(offset=(3, 0))
        await until(pilot, lambda: app.active == top)
        # SGR mouse, 1-based: the press on column 4 of the pane's row 1 (then its release).
        await until(pilot, lambda: b"\x1b[<0;4;1M".hex() in screen_text(app))
        assert command(server, "send-keys", "-t", f"%{top}", "q").ok


def two_panes_off():
    """The app of test_snapshots with two panes side by side and pane-border-status off."""
    app, link = build_app()
    app.border_status = "off"
    panes = {1: Rect(0, 0, 45, 25), 2: Rect(46, 0, 44, 25)}
    while not link.queue.empty():
        link.queue.get_nowait()
    link.queue.put_nowait(WindowsUpdate("work", [WindowTab(0, "build", current=True)]))
    link.queue.put_nowait(LayoutUpdate(90, 25, panes, active=1))
    for pane in panes:
        update = screen_of(CONTENT[pane], panes[pane])
        link.queue.put_nowait(PaneUpdate(pane, update.rows, update.cursor, update.cursor_visible, update.title))
    return app


def test_two_panes_without_titles(snap_compare) -> None:
    app = two_panes_off()

    async def run_before(pilot) -> None:
        await until(pilot, lambda: len(app.view.panes) == 2 and all(v.rows for v in app.view.panes.values()))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
