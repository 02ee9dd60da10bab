"""The first frame before the app is up (muntin.ui.early): the panes' rows where the app draws them, and the
app taking over the same connection, against a real server on a private socket."""

from __future__ import annotations

import os
import pty
import termios
from pathlib import Path

from conftest import poll_until, poll_until_async
from test_app_server import command as run_command
from test_app_server import server  # noqa: F401 - the fixture

from muntin.emulator import Terminal
from muntin.emulator.style import Style
from muntin.ui import early as first_frame
from muntin.ui import make_app


def command(path: Path, *argv: str):
    result = run_command(path, *argv)
    assert result.ok, result.error
    return result


def two_panes(path: Path) -> None:
    """Session ``s``: a left pane with a red word, a right one with its own text, both printed and settled."""
    command(path, "new-session", "-d", "-s", "s", "-x", "80", "-y", "23", "--", "sh")
    command(path, "split-window", "-h", "-t", "s", "--", "sh")
    command(path, "send-keys", "-t", "s.0", "printf '\\033[31mred\\033[0m left\\n'", "Enter")
    command(path, "send-keys", "-t", "s.1", "echo right side", "Enter")
    poll_until(lambda: "red left" in command(path, "capture-pane", "-p", "-t", "s.0").output
               and "\nright side" in command(path, "capture-pane", "-p", "-t", "s.1").output, timeout=10)


def test_the_first_frame_puts_each_panes_rows_where_the_app_draws_them(server: Path) -> None:  # noqa: F811
    two_panes(server)
    early = first_frame.attach(server, "s", 80, 23)
    assert early is not None
    try:
        text = first_frame.frame(early, top=1, cursor_cell=False)
        layout = early.message("state")["layout"]
    finally:
        early.close()
    screen = Terminal(24, 80)
    screen.feed(text.encode())
    assert screen.alternate_screen  # drawn where the app draws, the user's screen kept
    panes = {int(pid): rect for pid, rect in layout["panes"].items()}
    assert len(panes) == 2
    for index, (x, y, width, height) in enumerate(rect for _, rect in sorted(panes.items())):
        captured = command(server, "capture-pane", "-p", "-t", f"s.{index}").output.splitlines()
        drawn = [screen.row_text(1 + y + row)[x:x + width].rstrip() for row in range(height)]
        assert drawn[:len(captured)] == captured
        assert not any(drawn[len(captured):])
    assert screen.row_text(0).strip() == ""  # the title line is the app's to draw
    row = next(y for y in range(24) if "red left" in screen.row_text(y))
    red = next(run for run in screen.styled_row(row) if run[0].startswith("red"))
    assert red[1] == Style(fg=1)


def test_the_cursor_cell_is_reversed_on_the_active_pane(server: Path) -> None:  # noqa: F811
    command(server, "new-session", "-d", "-s", "s", "-x", "40", "-y", "10", "--", "sh", "-c", "printf ab; exec cat")
    poll_until(lambda: "ab" in command(server, "capture-pane", "-p", "-t", "s").output, timeout=10)
    early = first_frame.attach(server, "s", 40, 10)
    assert early is not None
    try:
        text = first_frame.frame(early, top=0, cursor_cell=True)
    finally:
        early.close()
    screen = Terminal(10, 40)
    screen.feed(text.encode())
    assert screen.styled_row(0)[:2] == [("ab", Style()), (" ", Style(reverse=True))]


def test_no_early_attach_to_a_session_that_is_not_there(server: Path, tmp_path: Path) -> None:  # noqa: F811
    command(server, "new-session", "-d", "-s", "s", "--", "sh")
    assert first_frame.attach(server, "nope", 80, 23) is None
    assert first_frame.attach(tmp_path / "no-server", "s", 80, 23) is None


async def test_the_app_takes_over_the_early_connection(server: Path) -> None:  # noqa: F811
    """The app draws what the early connection received, types through it, and the server has one client."""
    two_panes(server)
    early = first_frame.attach(server, "s", 80, 23)
    assert early is not None
    app = make_app(server, "s", config_path=Path(os.devnull), early=early)
    async with app.run_test(size=(80, 25)) as pilot:
        def text() -> str:
            return "\n".join(app.view.render_line(y).text for y in range(app.view.size.height))

        async def both_shown() -> bool:
            return "red left" in text() and "right side" in text()

        assert await poll_until_async(both_shown, timeout=10), text()
        clients = command(server, "list-clients").output.splitlines()
        assert len(clients) == 1, clients
        await pilot.press(*"echo", "space", *"typed", "enter")

        async def typed() -> bool:
            return "\ntyped" in command(server, "capture-pane", "-p", "-t", "s.1").output

        assert await poll_until_async(typed, timeout=10), command(server, "capture-pane", "-p", "-t", "s.1").output


def test_input_is_held_without_echo_and_given_back() -> None:
    master, slave = pty.openpty()
    try:
        before = termios.tcgetattr(slave)
        first_frame.hold_input(slave)
        held = termios.tcgetattr(slave)
        assert not held[3] & termios.ECHO and not held[3] & termios.ICANON
        assert first_frame.release_input() is True
        assert termios.tcgetattr(slave) == before
        assert first_frame.release_input() is False  # nothing held any more
    finally:
        os.close(master)
        os.close(slave)
