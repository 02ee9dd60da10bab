"""The command palette (typing part of what a command does finds it; Enter runs it, or opens the prompt
with it typed when it needs arguments), and bells from the server."""

from __future__ import annotations

from textual.command import CommandPalette

from muntin.commands import COMMANDS
from muntin.commands.keys import default_key_tables
from muntin.ui.keymap import KeyMap
from muntin.ui.palette import palette_entries
from muntin.ui.screens import PromptScreen

from test_snapshots import SIZE, build_app, settle


def test_entries_name_keys_and_commands_once() -> None:
    entries = palette_entries(KeyMap.from_key_tables(default_key_tables()), COMMANDS)
    zoom = next(e for e in entries if e.command == "resize-pane -Z")
    assert zoom.title == "Zoom the pane" and zoom.help.startswith("prefix z")
    rename = next(e for e in entries if e.command == "rename-session")
    assert rename.needs_input and "(rename-session)" in rename.title
    assert len({e.command for e in entries}) == len(entries)
    assert {spec.name for spec in COMMANDS} <= {e.command.split()[0] for e in entries}


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)
    for _ in range(30):  # the palette searches in a worker
        await pilot.pause(0.02)


async def test_search_and_run() -> None:
    app, link = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b", "P")
        assert isinstance(app.screen, CommandPalette)
        await _type(pilot, "zoom")
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.02)
        assert link.commands[-1:] == ["resize-pane -Z"]
        assert not isinstance(app.screen, CommandPalette)


async def test_a_command_with_arguments_opens_the_prompt() -> None:
    app, link = build_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b", "P")
        await _type(pilot, "rename-session")
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.02)
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("Input").value == "rename-session "


async def test_a_bell_rings_the_outer_terminal_s_bell() -> None:
    from muntin.ui.link import ClientAction

    app, link = build_app()
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        link.queue.put_nowait(ClientAction("bell", {"pane": 1}))  # the active pane: just the bell
        link.queue.put_nowait(ClientAction("bell", {"pane": 3}))
        for _ in range(10):
            await pilot.pause()
        assert len(rings) == 2 and app.status.message is None  # a message is the server's (visual-bell)
