"""choose-tree switches the attached session or window; clock-mode shows a clock until a key."""

from __future__ import annotations

import os
from pathlib import Path

from muntin.ui import make_app
from muntin.ui.clock import ClockScreen, big_text
from muntin.ui.tree import TreeScreen

from test_app_server import command, screen_text, server, until  # noqa: F401 - the fixture


async def test_choose_tree_switches_session_and_window(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "one", "--", "sh", "-c", "echo in-one; exec cat").ok
    assert command(server, "new-session", "-d", "-s", "two", "--", "sh", "-c", "echo in-two; exec cat").ok
    assert command(server, "new-window", "-t", "two:", "--", "sh", "-c", "echo two-second; exec cat").ok
    app = make_app(server, "one", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "in-one" in screen_text(app))
        await pilot.press("ctrl+b", "s")  # sessions only
        await until(pilot, lambda: isinstance(app.screen, TreeScreen))
        assert [row.label for row in app.screen.rows] == ["one: 1 windows (attached)", "two: 2 windows"]
        await pilot.press("j", "enter")
        await until(pilot, lambda: app.status.session == "two" and "two-second" in screen_text(app))
        await pilot.press("ctrl+b", "w")  # windows: pick window 0 of session two
        await until(pilot, lambda: isinstance(app.screen, TreeScreen))
        labels = [row.label for row in app.screen.rows]
        at = labels.index("two: 2 windows (attached)")
        assert labels[at + 1].startswith("  0: ") and labels[at + 2].startswith("  1: ")
        assert app.screen.query_one("OptionList").highlighted == at + 2  # the current window
        await pilot.press("up", "enter")
        await until(pilot, lambda: "in-two" in screen_text(app))
        await pilot.press("ctrl+b", "w", "escape")  # Escape closes without a change
        await until(pilot, lambda: not isinstance(app.screen, TreeScreen))
        assert "in-two" in screen_text(app)


async def test_clock_mode_until_a_key(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "c", "--", "cat").ok
    app = make_app(server, "c", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "t")
        await until(pilot, lambda: isinstance(app.screen, ClockScreen))
        await pilot.press("x")  # leaves the clock; the key is not typed into the pane
        await until(pilot, lambda: not isinstance(app.screen, ClockScreen))
        await pilot.press("y", "enter")
        await until(pilot, lambda: screen_text(app).count("y") >= 2)
        assert "x" not in screen_text(app).split("\n", 1)[1]


def test_big_digits() -> None:
    rows = big_text("12:05")
    assert len(rows) == 5 and len({len(r) for r in rows}) == 1
    assert rows[0].startswith("    # #####")


async def test_switch_client_t_sends_the_next_key_to_a_table_of_your_own(server: Path, tmp_path: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "kt", "--", "cat").ok
    app = make_app(server, "kt", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await app.run_command("bind-key -T panes h split-window -h ; bind-key m switch-client -T panes")
        await until(pilot, lambda: app.keymap.lookup("panes", "h") is not None)
        await pilot.press("ctrl+b", "m")
        await until(pilot, lambda: app.pending_table == "panes")
        await pilot.press("h")
        await until(pilot, lambda: len(app.view.panes) == 2)
        assert app.pending_table is None
    unknown = command(server, "switch-client", "-T", "nope")
    assert not unknown.ok and "unknown key table: nope" in unknown.error
