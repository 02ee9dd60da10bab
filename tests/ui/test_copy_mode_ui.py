"""Copy mode in the app against a real server: prefix [ and vi keys, / search with highlighted matches, a
selection copied to the clipboard and the paste buffers; the wheel scrolls back and a drag selects."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from textual import events

from muntin.ui import make_app

from test_app_server import command, screen_text, server, until  # noqa: F401 - the fixture

FILL = "for i in $(seq 1 80); do echo row-$i; done; echo needle here; echo last; exec cat"


def buffers(path: Path) -> str:
    return command(path, "list-buffers").output


@contextlib.asynccontextmanager
async def filled(server: Path, tmp_path: Path, name: str):  # noqa: F811
    """The app attached to a session whose pane printed 80 rows, "needle here" and "last"."""
    assert command(server, "new-session", "-d", "-s", name, "--", "sh", "-c", FILL).ok
    app = make_app(server, name, config_path=Path(os.devnull))
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: "last" in screen_text(app))
        yield app, pilot


async def test_keys_search_select_and_copy(server: Path, tmp_path: Path) -> None:  # noqa: F811
    async with filled(server, tmp_path, "cm") as (app, pilot):
        pane = app.view.panes[app.active]
        await pilot.press("ctrl+b", "left_square_bracket")
        await until(pilot, lambda: pane.copy is not None)
        assert "[0/" in screen_text(app)  # the position indicator
        await pilot.press("g")  # history-top
        await until(pilot, lambda: screen_text(app).splitlines()[1].split() == ["row-1", pane.copy.position])
        offset, history = pane.copy.position.strip("[]").split("/")
        assert offset == history != "0"
        await pilot.press("slash")
        await pilot.press(*"row-7", "enter")  # the prompt runs send-keys -X search-forward row-7
        await until(pilot, lambda: any(kind == "current" for marks in pane.copy.marks.values()
                                       for *_, kind in marks))
        await pilot.press("n")  # row-70: the next match; every match on screen stays marked
        await until(pilot, lambda: len([m for marks in pane.copy.marks.values() for m in marks]) >= 2)
        await pilot.press("V", "j", "y")
        await until(pilot, lambda: pane.copy is None)
        await until(pilot, lambda: "row-70\\nrow-71" in buffers(server))
        assert app.clipboard == "row-70\nrow-71\n"  # handed to the outer terminal with OSC 52
        # Keys reach the program again once copy mode is left.
        await pilot.press(*"typed", "enter")
        await until(pilot, lambda: screen_text(app).count("typed") == 2)


async def test_wheel_scrolls_back_and_drag_selects(server: Path, tmp_path: Path) -> None:  # noqa: F811
    async with filled(server, tmp_path, "wh") as (app, pilot):
        pane = app.view.panes[app.active]
        x, y = pane.rect.x + 2, pane.rect.y + 3
        app.post_message(events.MouseScrollUp(app.view, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
        await until(pilot, lambda: pane.copy is not None and pane.copy.position.startswith("[3/"))
        app.post_message(events.MouseScrollDown(app.view, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
        await until(pilot, lambda: pane.copy is None)  # back at the bottom: copy-mode -e leaves
        # Drag across "needle here" on its row and let go: copied.
        row = next(i for i, line in enumerate(screen_text(app).splitlines()) if line.startswith("needle"))
        await pilot.mouse_down(offset=(0, row))
        app.post_message(events.MouseMove(app.view, 5, row, 0, 0, 1, False, False, False, screen_x=5, screen_y=row))
        await until(pilot, lambda: pane.copy is not None)
        await pilot.mouse_up(offset=(5, row))
        await until(pilot, lambda: 'needle"' in buffers(server))
        assert app.clipboard == "needle"


async def test_double_click_copies_a_word_and_triple_click_a_line(server: Path, tmp_path: Path) -> None:  # noqa: F811
    async with filled(server, tmp_path, "dc") as (app, pilot):
        row = next(i for i, line in enumerate(screen_text(app).splitlines()) if line.startswith("needle"))
        app.post_message(events.Click(app.view, 9, row, 0, 0, 1, False, False, False, screen_x=9, screen_y=row,
                                      chain=2))
        await until(pilot, lambda: app.clipboard == "here")
        app.post_message(events.Click(app.view, 2, row, 0, 0, 1, False, False, False, screen_x=2, screen_y=row,
                                      chain=3))
        await until(pilot, lambda: app.clipboard == "needle here\n")
        assert app.view.panes[app.active].copy is None  # copied and left copy mode
