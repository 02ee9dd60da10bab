"""The app headless (App.run_test + Pilot) against a real server on a private socket."""

from __future__ import annotations

import time
import os
from pathlib import Path

import pytest
from conftest import poll_until
from textual import events

from muntin.client import Connection, start_server
from muntin.ui import make_app
from muntin.ui.app import MuntinApp


@pytest.fixture
def server(tmp_path: Path):
    directory = tmp_path / "sock"
    directory.mkdir(mode=0o700)
    path = directory / "muntin"
    start_server(path)
    try:
        yield path
    finally:
        with Connection.open(path) as connection:
            connection.command(["kill-server"])
        poll_until(lambda: not path.exists(), timeout=10)


def command(path: Path, *argv: str):
    with Connection.open(path) as connection:
        return connection.command(list(argv))


async def until(pilot, predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        await pilot.pause(0.02)


def screen_text(app: MuntinApp) -> str:
    return "\n".join(app.view.render_line(y).text for y in range(app.view.size.height))


RAW_ECHO = ("import os, sys, tty; tty.setraw(0); os.write(1, b'ready\\r\\n')\n"
            "while True:\n"
            "    data = os.read(0, 64)\n"
            "    if data == b'q': break\n"
            "    os.write(1, (data.hex() + '\\r\\n').encode())\n")


async def test_keys_reach_a_raw_mode_program_byte_exact(server: Path, tmp_path: Path) -> None:
    script = tmp_path / "echo.py"
    script.write_text(RAW_ECHO)
    assert command(server, "new-session", "-d", "-s", "keys", "--", "python3", str(script)).ok
    app = make_app(server, "keys", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "ready" in screen_text(app))
        expected = []
        for key, data in [("up", b"\x1b[A"), ("f5", b"\x1b[15~"), ("alt+x", b"\x1bx"), ("ctrl+c", b"\x03"),
                          ("tab", b"\t"), ("escape", b"\x1b"), ("ctrl+z", b"\x1a"), ("ctrl+q", b"\x11"),
                          ("ctrl+p", b"\x10")]:
            await pilot.press(key)
            expected.append(data.hex())
            await until(pilot, lambda: data.hex() in screen_text(app))
        app.post_message(events.Paste("pasted\ntext"))
        await until(pilot, lambda: b"pasted\rtext".hex() in screen_text(app))


async def test_split_zoom_and_kill_through_the_prefix(server: Path, tmp_path: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "work", "--", "sh").ok
    app = make_app(server, "work", config_path=Path(os.devnull))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "quotation_mark")
        await until(pilot, lambda: len(app.view.panes) == 2)
        top, bottom = sorted(app.view.panes.values(), key=lambda p: p.rect.y)
        assert top.rect.width == bottom.rect.width == 100 and bottom.rect.y > top.rect.y
        await pilot.press("ctrl+b", "z")
        await until(pilot, lambda: len(app.view.panes) == 1)
        await pilot.press("ctrl+b", "z")
        await until(pilot, lambda: len(app.view.panes) == 2)
        await pilot.press("ctrl+b", "x")
        await pilot.press("y")
        await until(pilot, lambda: len(app.view.panes) == 1)
        await pilot.press("ctrl+b", "c")
        await until(pilot, lambda: len(app.status.windows) == 2)
        assert [tab.current for tab in app.status.windows] == [False, True]


def pane_list(path: Path) -> list[dict]:
    import json

    return json.loads(command(path, "list-panes", "-a", "--json").output)


async def test_mouse_click_focuses_and_border_drag_resizes(server: Path, tmp_path: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "mouse", "--", "sh").ok
    assert command(server, "split-window", "-h", "-t", "mouse", "--", "sh").ok
    app = make_app(server, "mouse", config_path=Path(os.devnull))
    async with app.run_test(size=(81, 24)) as pilot:
        await until(pilot, lambda: len(app.view.panes) == 2)
        left, right = sorted(app.view.panes.values(), key=lambda p: p.rect.x)
        await until(pilot, lambda: app.active == right.id)
        # Click in the left pane: it becomes active.
        await pilot.click(offset=(left.rect.x + 2, left.rect.y + 3))
        await until(pilot, lambda: app.active == left.id)
        # Drag the border between them 6 cells to the right.
        border_x = left.rect.x + left.rect.width
        before = left.rect.width
        await pilot.mouse_down(offset=(border_x, 5))
        await pilot.hover(offset=(border_x + 6, 5))
        app.post_message(events.MouseMove(
            app.view, border_x + 6, 5, 0, 0, 1, False, False, False, screen_x=border_x + 6, screen_y=5))
        await pilot.mouse_up(offset=(border_x + 6, 5))
        await until(pilot, lambda: app.view.panes[left.id].rect.width > before)


async def test_outer_resize_resizes_the_panes(server: Path, tmp_path: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "size", "--", "sh").ok
    app = make_app(server, "size", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await until(pilot, lambda: any(p["width"] == 80 and p["height"] == 22 for p in pane_list(server)))
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: any(p["width"] == 100 and p["height"] == 28 for p in pane_list(server)))
        await until(pilot, lambda: app.view.panes[app.active].rect.width == 100)


async def test_bind_key_from_a_script_reaches_the_attached_client(server: Path, tmp_path: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "bind", "--", "sh").ok
    app = make_app(server, "bind", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert command(server, "bind-key", "F", "split-window", "-h").ok
        await until(pilot, lambda: app.keymap.lookup("prefix", "F") is not None)
        await pilot.press("ctrl+b", "F")
        await until(pilot, lambda: len(app.view.panes) == 2)
        assert command(server, "unbind-key", "F").ok
        await until(pilot, lambda: app.keymap.lookup("prefix", "F") is None)


async def test_load_layout_at_the_prompt_builds_a_workspace_file(server: Path, tmp_path: Path) -> None:
    assert command(server, "new-session", "-d", "-s", "main", "--", "sh").ok
    file = tmp_path / "extra.toml"
    file.write_text('session = "extra"\n[[window]]\nsplit = "horizontal"\n[[window.pane]]\nshell = "sh"\n'
                    'send = ["echo built-from-prompt"]\n[[window.pane]]\nshell = "sh"\n')
    app = make_app(server, "main", config_path=Path(os.devnull))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.active is not None)
        await pilot.press("ctrl+b", "colon")
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one(Input).value = f"load-layout {file}"
        await pilot.press("enter")

        def built() -> bool:
            if "extra" not in command(server, "list-sessions").output:
                return False
            return "built-from-prompt" in command(server, "capture-pane", "-p", "-t", "extra:0.0").output

        await until(pilot, built, timeout=20)


async def test_kill_pane_confirmation_names_the_pane_number_after_a_swap(server: Path, tmp_path: Path) -> None:
    """prefix x asks about the active pane by its number now, not by the order of the pane ids."""
    from muntin.ui.screens import ConfirmScreen

    assert command(server, "new-session", "-d", "-s", "swap", "--", "sh").ok
    app = make_app(server, "swap", config_path=Path(os.devnull))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert command(server, "split-window", "-t", "swap", "--", "sh").ok
        await until(pilot, lambda: len(app.view.panes) == 2)
        assert command(server, "swap-pane", "-t", "swap", "-U").ok
        number = command(server, "display-message", "-p", "-t", "swap", "#P").output.strip()
        await until(pilot, lambda: app.active is not None
                    and list(app.view.panes).index(app.active) == int(number))
        assert str(sorted(app.view.panes).index(app.active)) != number  # the ids alone would name the other
        await pilot.press("ctrl+b", "x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await until(pilot, lambda: app.screen.question == f"kill-pane {number}? (y/n)")
        await pilot.press("n")
        await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert len(app.view.panes) == 2
