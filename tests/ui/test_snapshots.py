"""SVG snapshots of deterministic screens: three panes with coloured output, the prefix hint bar, the help
screen, a dead pane's report, and two themes. Regenerate with ``pytest tests/ui/test_snapshots.py
--snapshot-update`` after an intended change, and look at the SVGs before committing them."""

from __future__ import annotations

import asyncio

import pytest

from muntin.commands.keys import default_key_tables
from muntin.config.theme import get_theme, load_themes
from muntin.emulator import Terminal
from muntin.ui.app import MuntinApp
from muntin.layout import Rect
from muntin.ui.keymap import KeyMap
from muntin.ui.link import LayoutUpdate, PaneUpdate, WindowsUpdate
from muntin.ui.status import WindowTab
from muntin.ui.theming import border_styles, status_styles, style_mapper

from test_app_routing import RecordingLink

SIZE = (90, 26)
PANES = {1: Rect(0, 0, 45, 24), 2: Rect(46, 0, 44, 12), 3: Rect(46, 13, 44, 11)}


def screen_of(data: bytes, rect: Rect) -> PaneUpdate:
    terminal = Terminal(rect.height, rect.width)
    terminal.feed(data)
    return PaneUpdate(0, {y: terminal.styled_row(y) for y in range(rect.height)}, cursor=terminal.cursor,
                      cursor_visible=terminal.cursor_visible, title=terminal.title or "sh")


CONTENT = {
    1: b"\x1b]2;build\x07$ make\r\n\x1b[32mok\x1b[0m   compile  \x1b[1mmuntin\x1b[0m\r\n"
       b"\x1b[33mwarn\x1b[0m unused import\r\n\x1b[31;1merror\x1b[0m 1 test failed\r\n"
       b"\x1b[38;5;208m256-colour\x1b[0m \x1b[38;2;90;160;250mtruecolor\x1b[0m \x1b[7mreverse\x1b[0m\r\n$ ",
    2: b"\x1b]2;logs\x07" + b"".join(b"\x1b[36m09:00:%02d\x1b[0m request %d served\r\n" % (i, i) for i in range(10)),
    3: b"\x1b]2;python\x07>>> print('\xe4\xb8\xad\xe6\x96\x87 wide')\r\n\xe4\xb8\xad\xe6\x96\x87 wide\r\n>>> ",
}


def build_app(theme_name: str = "terminal") -> tuple[MuntinApp, RecordingLink]:
    load_themes()
    theme = get_theme(theme_name)
    link = RecordingLink()
    app = MuntinApp(link, KeyMap.from_key_tables(default_key_tables()), styles=style_mapper(theme),
                    border_styles=border_styles(theme), status_styles=status_styles(theme), clock_format=" 12:00 ")
    link.queue.put_nowait(WindowsUpdate("work", [WindowTab(0, "build", current=True), WindowTab(1, "logs", last=True)]))
    link.queue.put_nowait(LayoutUpdate(90, 24, PANES, active=1))
    for pane, data in CONTENT.items():
        update = screen_of(data, PANES[pane])
        link.queue.put_nowait(PaneUpdate(pane, update.rows, update.cursor, update.cursor_visible, update.title))
    return app, link


async def settle(pilot) -> None:
    for _ in range(100):
        await pilot.pause()
        if len(pilot.app.view.panes) == 3 and pilot.app.view.panes[3].rows:
            return
    raise AssertionError("the screen never filled in")


@pytest.mark.parametrize("theme", ["terminal", "fjord", "parchment"])
def test_three_panes(snap_compare, theme: str) -> None:
    app, _ = build_app(theme)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_prefix_hint_bar(snap_compare) -> None:
    app, _ = build_app()

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+b")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare) -> None:
    app, _ = build_app()

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("ctrl+b", "question_mark")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_dead_pane_report(snap_compare) -> None:
    app, link = build_app()

    async def run_before(pilot) -> None:
        await settle(pilot)
        dead = screen_of(b"$ ./crash\r\n\x1b[7m[killed by SIGSEGV (core dumped) after 0.3s]\x1b[0m", PANES[1])
        link.queue.put_nowait(PaneUpdate(1, dead.rows, dead.cursor, False,
                                         dead="[killed by SIGSEGV (core dumped) after 0.3s]"))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_restored_panes(snap_compare) -> None:
    """What muntin resurrect brings back, drawn from the bytes the restore program writes: a shell's history
    (colours kept) above the marked line and a new prompt, and a program waiting for Enter."""
    import time

    from muntin.client.resurrect import history_text
    from muntin.config.state import SavedPane
    from muntin.process import ask_text

    saved = time.mktime((2026, 12, 1, 14, 3, 0, 0, 0, -1))
    shell = SavedPane(history=("$ make", "\x1b[32mok\x1b[0m   compile  \x1b[1mmuntin\x1b[0m",
                               "\x1b[31;1merror\x1b[0m 1 test failed", "$ git status --short", " M src/app.py"))
    waiting = SavedPane(command=("tail", "-n", "20", "server.log"),
                        history=tuple(f"\x1b[36m09:00:{i:02d}\x1b[0m request {i} served" for i in range(4)))
    app, link = build_app()

    async def run_before(pilot) -> None:
        await settle(pilot)
        for pane, data in ((1, history_text(shell, saved).encode() + b"$ "),
                           (2, history_text(waiting, saved).encode() + ask_text(waiting.command))):
            update = screen_of(data, PANES[pane])
            link.queue.put_nowait(PaneUpdate(pane, update.rows, update.cursor, update.cursor_visible, "sh"))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
