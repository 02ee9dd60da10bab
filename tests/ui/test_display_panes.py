"""display-panes (prefix q): big numbers over the panes in layout order; a digit selects that pane and goes
to no program, any other key puts the panes back."""

from __future__ import annotations

import json
import os
from pathlib import Path

from muntin.layout import Rect
from muntin.ui import make_app
from muntin.ui.clock import big_text
from muntin.ui.display_panes import DisplayPanesScreen, Label, PaneNumbers, label_cells

from test_app_server import command, server, until  # noqa: F401 - the fixture


def test_big_digits_are_centred_and_small_panes_get_a_plain_number() -> None:
    cells = label_cells(Label(1, Rect(10, 2, 25, 11), 7, False))
    lit = {(x, y) for x, y, _, block in cells if block}
    rows = big_text("7")
    assert lit == {(10 + 10 + dx, 2 + 3 + dy) for dy, row in enumerate(rows) for dx, c in enumerate(row) if c == "#"}
    assert label_cells(Label(1, Rect(0, 0, 4, 3), 12, False)) == [(1, 1, "12", False)]


def panes(path: Path) -> list[dict]:
    return json.loads(command(path, "list-panes", "-t", "dp", "--json").output)


def typed(path: Path) -> str:
    return "".join(command(path, "capture-pane", "-p", "-t", p["id"]).output for p in panes(path))


async def test_digits_select_panes_and_other_keys_dismiss(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "dp", "-x", "100", "-y", "30", "--", "cat").ok
    assert command(server, "split-window", "-h", "-t", "dp", "--", "cat").ok
    assert command(server, "split-window", "-v", "-t", "dp", "--", "cat").ok
    assert command(server, "set-option", "-g", "display-panes-time", "0").ok  # until a key
    order = [int(p["id"].lstrip("%")) for p in panes(server)]  # layout order: left, top right, bottom right
    app = make_app(server, "dp", config_path=Path(os.devnull))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(app.view.panes) == 3 and app.server_options.get("display-panes-time") == "0")
        assert app.active == order[2]
        await pilot.press("ctrl+b", "q")
        await until(pilot, lambda: isinstance(app.screen, DisplayPanesScreen))
        numbers = app.screen.query_one(PaneNumbers)
        assert [(label.pane, label.number, label.active) for label in numbers.labels] == [
            (order[0], 0, False), (order[1], 1, False), (order[2], 2, True)]
        for label in numbers.labels:  # a block of the number's colour in the middle of each pane
            x, y, _, block = label_cells(label)[0]
            assert block
            cell = numbers.render_line(y).crop(x, x + 1)
            assert cell.text == " " and list(cell)[0].style.bgcolor.name == ("red" if label.active else "blue")

        await pilot.press("0")
        await until(pilot, lambda: app.active == order[0] and not isinstance(app.screen, DisplayPanesScreen))
        assert next(p for p in panes(server) if p["active"])["id"] == f"%{order[0]}"
        await pilot.press("ctrl+b", "q")
        await until(pilot, lambda: isinstance(app.screen, DisplayPanesScreen))
        await pilot.press("1")
        await until(pilot, lambda: app.active == order[1])

        await pilot.press("ctrl+b", "q")
        await until(pilot, lambda: isinstance(app.screen, DisplayPanesScreen))
        await pilot.press("x")  # no pane of that number: the numbers go, the key with them
        await until(pilot, lambda: not isinstance(app.screen, DisplayPanesScreen))
        assert app.active == order[1]
        await pilot.press("k")  # the next key goes to the pane again
        await until(pilot, lambda: "k" in typed(server))
        assert not any(digit in typed(server) for digit in "01x")

        assert command(server, "set-option", "-g", "display-panes-time", "300").ok
        await until(pilot, lambda: app.server_options.get("display-panes-time") == "300")
        await pilot.press("ctrl+b", "q")
        await until(pilot, lambda: isinstance(app.screen, DisplayPanesScreen))
        await until(pilot, lambda: not isinstance(app.screen, DisplayPanesScreen))  # the time is up
