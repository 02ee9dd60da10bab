"""display-menu, the right-click menus, choose-buffer and choose-client: the app headless against a real
server. A pick runs through the server's command table from the menu's target."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events

from muntin.ui import make_app
from muntin.ui.chooser import ChooserScreen
from muntin.ui.menu import MenuScreen

from test_app_server import command, pane_list, screen_text, server, until  # noqa: F401 - the fixture


def windows(path: Path) -> list[str]:
    return command(path, "list-windows", "-t", "work", "-F", "#{window_name}").output.split()


async def test_a_menu_from_the_cli_runs_the_item_whose_key_is_pressed(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "-n", "main", "--", "cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        result = command(server, "display-menu", "-T", "Title", "Logs", "l", "new-window -d -n '#{session_name}-logs'",
                         "", "Quit", "q", "kill-server")
        assert result.ok, result.error
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        await pilot.press("l")
        await until(pilot, lambda: not isinstance(app.screen, MenuScreen))
        await until(pilot, lambda: windows(server) == ["main", "work-logs"])


async def test_arrows_skip_separators_and_disabled_items_and_escape_closes(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "-n", "main", "--", "cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert command(server, "menu", "One", "1", "new-window -d -n one", "", "-Off", "2", "new-window -n off",
                       "Three", "3", "new-window -d -n three").ok
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        assert app.screen.choice == 0  # opened from the keyboard: the first item is highlighted
        await pilot.press("down")
        await until(pilot, lambda: app.screen.choice == 3)  # past the separator and the disabled item
        await pilot.press("down")
        await until(pilot, lambda: app.screen.choice == 0)  # round the end
        await pilot.press("up")
        await until(pilot, lambda: app.screen.choice == 3)
        await pilot.press("2")  # a disabled item's key does nothing
        await pilot.press("enter")
        await until(pilot, lambda: windows(server) == ["main", "three"])
        assert command(server, "menu", "One", "1", "new-window -d -n one").ok
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MenuScreen))
        assert windows(server) == ["main", "three"]


async def test_right_click_opens_the_panes_menu_unless_the_program_wants_the_mouse(server: Path, tmp_path: Path) -> None:
    script = tmp_path / "mouse.py"
    script.write_text("import os, sys, tty; tty.setraw(0); os.write(1, b'\\x1b[?1000h\\x1b[?1006hready\\r\\n')\n"
                      "while True:\n    os.write(1, os.read(0, 64).hex().encode() + b'\\r\\n')\n")
    assert command(server, "new-session", "-d", "-s", "work", "-n", "main", "--", "cat").ok
    assert command(server, "split-window", "-h", "-t", "work", "--", "python3", str(script)).ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(81, 24)) as pilot:
        await until(pilot, lambda: len(app.view.panes) == 2 and "ready" in screen_text(app))
        left, right = sorted(app.view.panes.values(), key=lambda p: p.rect.x)
        top = app.view.top
        await pilot.click(offset=(right.rect.x + 3, top + right.rect.y + 4), button=3)
        await until(pilot, lambda: b"\x1b[<2;4;5M".hex() in screen_text(app))  # the program got its click
        assert not isinstance(app.screen, MenuScreen)
        await pilot.click(offset=(left.rect.x + 3, top + left.rect.y + 4), button=3)
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        names = [item.name for item in app.screen.items if item.name]
        assert names[:2] == ["Horizontal Split", "Vertical Split"] and "Kill" in names
        assert app.screen.position[1] == top + left.rect.y + 4  # -yM: the menu's top at the mouse
        await pilot.press("h")  # Horizontal Split, in the pane clicked (not the active one)
        await until(pilot, lambda: len(app.view.panes) == 3)
        assert len([p for p in pane_list(server) if p["window"] == 0]) == 3


async def test_right_click_on_the_status_line_opens_the_windows_menu(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "-n", "main", "--", "cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None and app.status.windows)
        spans = [(start, place) for start, _, place, _ in app.status.places()]
        window_x = next(start for start, place in spans if place == "Status")
        await pilot.click(offset=(window_x + 1, 23), button=3)
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        assert app.screen.box.title_text == "0:main"
        assert [item.name for item in app.screen.items][:2] == ["Swap Left", "Swap Right"]
        assert app.screen.position[0] == window_x  # -xW: at the window's name
        await pilot.press("W")
        await until(pilot, lambda: len(windows(server)) == 2)
        await pilot.click(offset=(1, 23), button=3)
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        assert app.screen.box.title_text == "work"  # the session's menu, from status-left
        app.screen.post_message(events.MouseDown(app.screen, 70, 2, 0, 0, 1, False, False, False, screen_x=70,
                                                 screen_y=2))
        await until(pilot, lambda: not isinstance(app.screen, MenuScreen))  # a click outside closes it


async def test_choose_buffer_pastes_deletes_and_the_prefix_opens_it(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "--", "cat").ok
    assert command(server, "set-buffer", "-b", "one", "first").ok
    assert command(server, "set-buffer", "-b", "two", "[b]second[/b]").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "equals_sign")
        await until(pilot, lambda: isinstance(app.screen, ChooserScreen))
        assert [row.name for row in app.screen.rows] == ["two", "one"]
        await pilot.press("d")  # deletes "two"
        await until(pilot, lambda: "two" not in command(server, "list-buffers").output)
        assert [row.name for row in app.screen.rows] == ["one"]
        await pilot.press("enter")
        await until(pilot, lambda: "first" in screen_text(app))
        assert not isinstance(app.screen, ChooserScreen)


async def test_choose_client_enter_detaches_the_chosen_client(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "--", "cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "D")
        await until(pilot, lambda: isinstance(app.screen, ChooserScreen))
        assert len(app.screen.rows) == 1
        await pilot.press("enter")
        await until(pilot, lambda: app.exit_reason == "detached")


async def test_choose_buffer_tags_and_deletes_the_tagged_ones(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "--", "cat").ok
    for name in ("a", "b", "c"):
        assert command(server, "set-buffer", "-b", name, f"text {name}").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert command(server, "choose-buffer").ok
        await until(pilot, lambda: isinstance(app.screen, ChooserScreen))
        assert [row.name for row in app.screen.rows] == ["c", "b", "a"]
        await pilot.press("t", "t")  # tags c, then b (t moves down)
        await until(pilot, lambda: app.screen.tagged == {"c", "b"})
        await pilot.press("D")
        await until(pilot, lambda: [line.split(":")[0] for line in command(server, "list-buffers").output.splitlines()]
                    == ["a"])
        assert [row.name for row in app.screen.rows] == ["a"]


async def test_a_click_on_a_windows_name_selects_it(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "-n", "main", "--", "cat").ok
    assert command(server, "new-window", "-t", "work", "-n", "logs", "--", "cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(app.status.windows) == 2 and app.status.windows[1].current)
        start = next(start for start, _, place, tab in app.status.places() if place == "Status" and tab.index == 0)
        await pilot.click(offset=(start + 1, 23))
        await until(pilot, lambda: app.status.windows[0].current)


async def test_the_panes_menu_offers_the_word_and_the_line_under_the_click(server: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "--", "sh", "-c",
                   "printf 'alpha beta_gamma;\"$(x)\" `y`\\n'; exec cat").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "alpha" in screen_text(app))
        pane = next(iter(app.view.panes.values()))
        row = top = app.view.top + pane.rect.y
        await pilot.click(offset=(pane.rect.x + 8, row), button=3)  # on "beta_gamma"
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        names = [item.name for item in app.screen.items if item.name]
        assert names[:4] == ["Search For beta_gamm...", "Type beta_gamm...", "Copy beta_gamm...", "Copy Line"]
        await pilot.press("c")
        await until(pilot, lambda: command(server, "show-buffer").output == "beta_gamma\n")
        await until(pilot, lambda: not isinstance(app.screen, MenuScreen))
        await pilot.click(offset=(pane.rect.x + 1, top), button=3)
        await until(pilot, lambda: isinstance(app.screen, MenuScreen))
        await pilot.press("l")
        await until(pilot, lambda: command(server, "show-buffer").output == 'alpha beta_gamma;"$(x)" `y`\n')
