"""Key routing in the app: the prefix, the prefix table, repeatable keys, client-side commands and screens.

The server side is a recording link here; the tests against a real server live in test_app_server.py.
"""

from __future__ import annotations

import asyncio

from textual.geometry import Size

from muntin.ui.app import MuntinApp
from muntin.layout import Rect
from muntin.ui.keymap import KeyBinding, KeyMap
from muntin.ui.link import CommandOutcome, LayoutUpdate, PaneUpdate
from muntin.ui.screens import ConfirmScreen, HelpScreen, PromptScreen
from muntin.ui.status import HintPanel


class RecordingLink:
    def __init__(self) -> None:
        self.commands: list[str] = []
        self.inputs: list[tuple[int, bytes]] = []
        self.sizes: list[tuple[int, int]] = []
        self.queue: asyncio.Queue = asyncio.Queue()
        self.detached = False

    async def updates(self):
        while True:
            item = await self.queue.get()
            yield item

    async def send_input(self, pane: int, data: bytes) -> None:
        self.inputs.append((pane, data))

    async def run_command(self, text: str) -> CommandOutcome:
        self.commands.append(text)
        return CommandOutcome(ok=True)

    async def resize(self, width: int, height: int) -> None:
        self.sizes.append((width, height))

    async def send_colours(self, colours: dict[str, str]) -> None:
        self.colours = colours

    async def detach(self) -> None:
        self.detached = True

    async def close(self) -> None:
        pass


KEYMAP = KeyMap(
    "ctrl+b",
    {
        "prefix": [
            KeyBinding("percent_sign", "split-window -h", "split left/right"),
            KeyBinding("ctrl+up", "resize-pane -U", "resize up", repeat=True),
            KeyBinding("x", 'confirm-before -p "kill-pane #P? (y/n)" kill-pane', "kill pane"),
            KeyBinding("colon", "command-prompt", "prompt"),
            KeyBinding("question_mark", "list-keys", "list keys"),
            KeyBinding("d", "detach-client", "detach"),
        ],
        "root": [KeyBinding("f12", "next-window", "next window")],
    },
    repeat_time=5.0,
)


async def started(pilot, link: RecordingLink) -> None:
    await link.queue.put(LayoutUpdate(40, 10, {1: Rect(0, 0, 40, 10)}, active=1))
    await link.queue.put(PaneUpdate(1, {0: [("$ ", None)]}, cursor=(2, 0), cursor_visible=True))
    for _ in range(50):
        await pilot.pause()
        if pilot.app.active == 1:
            return
    raise AssertionError("layout never arrived")


async def test_prefix_table_and_prefix_twice() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        assert link.sizes[-1] == (40, 10)
        await pilot.press("ctrl+b")
        await pilot.pause()
        panel = app.query_one(HintPanel)
        assert panel.display and "% split left/right" in "\n".join(panel.render_line(y).text for y in range(3))
        assert "prefix" in app.status.render_line(0).text
        await pilot.press("percent_sign")
        await pilot.pause()
        assert link.commands == ["split-window -h"]
        assert not panel.display and "prefix" not in app.status.render_line(0).text
        await pilot.press("ctrl+b", "ctrl+b")
        await pilot.press("f12")
        await pilot.pause()
        assert link.commands == ["split-window -h", "next-window"]


async def test_repeatable_keys_repeat_without_prefix() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        await pilot.press("ctrl+b", "ctrl+up", "ctrl+up", "ctrl+up")
        await pilot.pause()
        assert link.commands == ["resize-pane -U"] * 3


async def test_confirm_prompt_help_and_detach() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP, complete=lambda text: [w for w in ("split-window", "swap-pane") if w.startswith(text)])
    async with app.run_test(size=(60, 12)) as pilot:
        await started(pilot, link)
        await pilot.press("ctrl+b", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "kill-pane 0?" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert link.commands[-1] == "kill-pane"

        await pilot.press("ctrl+b", "colon")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("s", "p", "tab")
        await pilot.press("minus", "h", "enter")
        await pilot.pause()
        assert link.commands[-1] == "split-window -h"

        await pilot.press("ctrl+b", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)

        await pilot.press("ctrl+b", "d")
        await pilot.pause()
        assert link.detached
