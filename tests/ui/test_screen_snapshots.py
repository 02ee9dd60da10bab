"""SVG snapshots of every screen the UI can show over the three panes of test_snapshots: the prompt with
typed text and completions, the rename prompts, the kill-pane confirmation, the command palette, choose-tree,
the clock, copy mode, display-panes and a message. (The help screen, the prefix hints, a dead pane's report
and the theme picker are in test_snapshots.py and test_theme_picker.py.) Regenerate with ``pytest
tests/ui/test_screen_snapshots.py --snapshot-update`` after an intended change, and look at the SVGs."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from textual.command import CommandPalette

from muntin.commands.complete import complete
from muntin.ui import clock
from muntin.ui.link import ClientAction, CommandOutcome, MessageUpdate, PaneUpdate
from muntin.ui.screens import ConfirmScreen, PromptScreen
from muntin.ui.tree import TreeScreen
from muntin.ui.window_view import CopyView

from test_app_server import until
from test_snapshots import PANES, SIZE, build_app, screen_of, settle

WINDOWS = [{"session": "work", "index": 0, "name": "build", "active": True, "panes": 3},
           {"session": "work", "index": 1, "name": "logs", "last": True, "panes": 1},
           {"session": "notes", "index": 0, "name": "vim", "active": True, "panes": 1}]
LISTED_PANES = [{"session": "work", "window": 0, "index": 0, "id": "%1", "foreground_command": "make -j2",
                 "state": "running"},
                {"session": "work", "window": 0, "index": 1, "id": "%2", "foreground_command": "tail -f log",
                 "state": "running"},
                {"session": "work", "window": 0, "index": 2, "id": "%3", "foreground_command": "python3",
                 "state": "dead"},
                {"session": "work", "window": 1, "index": 0, "id": "%4", "foreground_command": "less",
                 "state": "running"},
                {"session": "notes", "window": 0, "index": 0, "id": "%5", "foreground_command": "vim todo",
                 "state": "running"}]


def app_with_listings():
    """The app of test_snapshots with the prompt's completion, and a link that answers the listings."""
    app, link = build_app()
    app.complete = complete

    async def run_command(text: str) -> CommandOutcome:
        link.commands.append(text)
        listing = {"list-windows -a --json": WINDOWS, "list-panes -a --json": LISTED_PANES}.get(text)
        return CommandOutcome(True, json.dumps(listing) if listing is not None else "")

    link.run_command = run_command
    return app, link


def snapshot_after(snap_compare, *keys: str, ready=None, setup=None) -> bool:
    app, link = app_with_listings()

    async def run_before(pilot) -> None:
        await settle(pilot)
        if setup is not None:
            setup(app, link)
        await pilot.press(*keys)
        if ready is not None:
            await until(pilot, lambda: ready(app))
        await pilot.pause()

    return snap_compare(app, terminal_size=SIZE, run_before=run_before)


def _prompt_shows(text: str):
    return lambda app: isinstance(app.screen, PromptScreen) and app.screen.query_one("Input").value == text


def test_prompt_with_typed_text_and_completions(snap_compare) -> None:
    assert snapshot_after(snap_compare, "ctrl+b", "colon", *"sel", "tab",
                          ready=_prompt_shows("select"))


def test_rename_window_prompt(snap_compare) -> None:
    assert snapshot_after(snap_compare, "ctrl+b", "comma", *"-2", ready=_prompt_shows("build-2"))


def test_rename_session_prompt(snap_compare) -> None:
    assert snapshot_after(snap_compare, "ctrl+b", "dollar_sign", *"-2", ready=_prompt_shows("work-2"))


def test_kill_pane_confirmation(snap_compare) -> None:
    assert snapshot_after(snap_compare, "ctrl+b", "x", ready=lambda app: isinstance(app.screen, ConfirmScreen))


def test_command_palette(snap_compare) -> None:
    def found(app) -> bool:
        if not isinstance(app.screen, CommandPalette):
            return False
        options = app.screen.query_one("CommandList")
        return options.option_count > 0 and "zoom" in str(options.get_option_at_index(0).prompt).lower()

    assert snapshot_after(snap_compare, "ctrl+b", "P", *"zoom", ready=found)


def test_choose_tree(snap_compare) -> None:
    def setup(app, link) -> None:
        app.client_action("choose-tree", {"argv": []})

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: isinstance(app.screen, TreeScreen))


def test_clock(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "time", SimpleNamespace(strftime=lambda _format: "12:34"))
    assert snapshot_after(snap_compare, "ctrl+b", "t", ready=lambda app: isinstance(app.screen, clock.ClockScreen))


def test_copy_mode(snap_compare) -> None:
    def setup(app, link) -> None:
        copy = CopyView("[0/42]", {1: ((0, 2, "selection"),), 3: ((0, 5, "match"),)})
        link.queue.put_nowait(PaneUpdate(1, {}, copy=copy))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: app.in_copy_mode(1))


def test_display_panes(snap_compare) -> None:
    from muntin.ui.display_panes import DisplayPanesScreen

    def setup(app, link) -> None:
        app.server_options["display-panes-time"] = "0"  # until a key: the picture never races the timer
        link.queue.put_nowait(ClientAction("display-panes", {}))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: isinstance(app.screen, DisplayPanesScreen))


def test_message(snap_compare) -> None:
    def setup(app, link) -> None:
        link.queue.put_nowait(MessageUpdate("build finished: 0 errors"))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: app.status.message is not None)



MENU = {"title": "#[align=centre]0:build", "target": "%2", "x": "P", "y": "P", "window": 0, "items": [
    {"name": "Horizontal Split", "key": "h", "key_label": "h", "command": "split-window -h"},
    {"name": "Vertical Split", "key": "v", "key_label": "v", "command": "split-window -v"},
    {"separator": True},
    {"name": "Swap Up", "key": "u", "key_label": "u", "command": "swap-pane -U", "disabled": True},
    {"name": "[b]not bold[/b] \x1b[31m", "key": "X", "key_label": "X", "command": "kill-pane"},
]}


def test_display_menu(snap_compare) -> None:
    """The pane's menu at its pane's bottom-left (-xP -yP), the second item highlighted; a disabled item is
    dim and markup in a name is shown as it reads."""
    from muntin.ui.menu import MenuScreen

    def setup(app, link) -> None:
        link.queue.put_nowait(ClientAction("display-menu", MENU))

    def ready(app) -> bool:
        return isinstance(app.screen, MenuScreen) and app.screen.choice == 1

    assert _menu_after(snap_compare, setup, ready)


def _menu_after(snap_compare, setup, ready) -> bool:
    app, link = app_with_listings()

    async def run_before(pilot) -> None:
        from muntin.ui.menu import MenuScreen

        await settle(pilot)
        setup(app, link)
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        await pilot.press("down")
        await until(pilot, lambda: ready(app))
        await pilot.pause()

    return snap_compare(app, terminal_size=SIZE, run_before=run_before)


BUFFER_ROWS = [
    {"name": "buffer1", "text": "1 minute ago: \"make: *** [all] Error 2\"", "key": "0", "key_label": "0",
     "preview": "make: *** [all] Error 2\n[red]not red[/red]\n\x1b]52;c;aGk=\x07"},
    {"name": "notes", "text": "5 minutes ago: \"TODO: [link](x)\"", "key": "1", "key_label": "1",
     "preview": "TODO: [link](x)"},
]


def test_choose_buffer(snap_compare) -> None:
    from muntin.ui.chooser import ChooserScreen

    def setup(app, link) -> None:
        link.queue.put_nowait(ClientAction("choose-buffer", {
            "kind": "buffer", "rows": BUFFER_ROWS, "template": "paste-buffer -b '%%'",
            "delete": "delete-buffer -b '%%'", "target": "%1"}))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: isinstance(app.screen, ChooserScreen))


def test_choose_client(snap_compare) -> None:
    from muntin.ui.chooser import ChooserScreen

    def setup(app, link) -> None:
        link.queue.put_nowait(ClientAction("choose-client", {
            "kind": "client", "target": "%1", "template": "detach-client -t '%%'", "delete": "detach-client -t '%%'",
            "rows": [{"name": "/dev/pts/3", "text": "now: session work", "key": "0", "key_label": "0"},
                     {"name": "/dev/pts/7", "text": "2 hours ago: session [i]notes[/i]", "key": "1",
                      "key_label": "1"}]}))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: isinstance(app.screen, ChooserScreen))


def _popup(app, link) -> None:
    """A popup (display-popup -T, its title markup-like text shown as it is) over the three panes."""
    from muntin.layout import Rect
    from muntin.ui.link import LayoutUpdate
    from muntin.ui.window_view import FloatingView

    rect = Rect(23, 6, 44, 10)
    link.queue.put_nowait(LayoutUpdate(90, 24, PANES, active=9,
                                       floating={9: FloatingView(rect, "[b]htop[/b] popup", popup=True)}))
    update = screen_of(b"$ echo inside the popup\r\ninside the popup\r\n$ ", rect)
    link.queue.put_nowait(PaneUpdate(9, update.rows, update.cursor, update.cursor_visible, update.title))


def test_popup_over_the_panes(snap_compare) -> None:
    assert snapshot_after(snap_compare, setup=_popup, ready=lambda app: 9 in app.view.panes and app.view.panes[9].rows)


def _floating(app, link) -> None:
    """Two floating panes (toggle-floating, new-floating) over the three panes, the second one focused and
    titled by its program."""
    from muntin.layout import Rect
    from muntin.ui.link import LayoutUpdate
    from muntin.ui.window_view import FloatingView

    under, over = Rect(20, 5, 40, 10), Rect(24, 8, 40, 10)
    link.queue.put_nowait(LayoutUpdate(90, 24, PANES, active=8,
                                       floating={7: FloatingView(under), 8: FloatingView(over)}))
    for pid, rect, text in ((7, under, b"\x1b]2;notes\x07$ cat notes\r\nfloating pane one\r\n$ "),
                            (8, over, b"\x1b]2;scratch\x07$ echo $((6*7))\r\n42\r\n$ ")):
        update = screen_of(text, rect)
        link.queue.put_nowait(PaneUpdate(pid, update.rows, update.cursor, update.cursor_visible, update.title))


def test_floating_panes_over_the_layout(snap_compare) -> None:
    assert snapshot_after(snap_compare, setup=_floating,
                          ready=lambda app: all(p in app.view.panes and app.view.panes[p].rows for p in (7, 8)))
