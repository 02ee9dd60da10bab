"""display-popup: a pane over the attached client's window, keys to it, closed on exit with -E, with -C, and
with its client."""

from __future__ import annotations

import asyncio
import os

from _mux import Mux, next_layout as _layout, mux  # noqa: F401 - the fixture
from conftest import poll_until

from muntin.client import AsyncConnection
from muntin.layout import Rect
from muntin.process import wait_gone
from muntin.session import Placement


def test_placement_centres_half_the_area_by_default_and_takes_tmux_positions() -> None:
    pane = Rect(0, 0, 40, 24)
    assert Placement().solve(80, 24, pane, True) == Rect(21, 7, 38, 10)  # 40x12 with its border, centred
    assert Placement("20", "6", "0", "6").solve(80, 24, pane, False) == Rect(0, 0, 20, 6)  # -y: the bottom row
    assert Placement("50%", "100%", "R").solve(80, 24, pane, True).x == 1  # the active pane's right edge
    assert Placement("200", "200").solve(80, 24, pane, True) == Rect(1, 1, 78, 22)  # never past the area


def test_popup_takes_the_keys_and_closes_when_its_command_exits(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "p", "-x", "80", "-y", "24", "--", "cat")
    alone = mux.cli("display-popup", "-E", "true")
    assert alone.returncode == os.EX_UNAVAILABLE and "attached" in alone.stderr

    async def scenario() -> None:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("p", 80, 25)).ok
            events = connection.events()
            tiled = (await _layout(events))["active"]
            cli = await asyncio.to_thread(mux.cli, "display-popup", "-E", "-T", "[b]t[/b]", "-w", "30", "-h", "8",
                                          "sh -c 'read x; echo got:$x; read y'")
            assert cli.returncode == 0, cli.stderr
            layout = await _layout(events)
            (popup, x, y, w, h, title, owned, border), = layout["floating"]
            assert layout["active"] == popup != tiled and (w, h) == (28, 6) and title == "[b]t[/b]" and owned and border
            assert str(popup) not in layout["panes"]  # over the layout, not in it
            again = await connection.command("display-popup true")
            assert not again.ok and "already" in again.error
            await connection.send_input(popup, b"hello\r")  # the UI sends the keys to the active pane
            await asyncio.to_thread(mux.wait_text, f"%{popup}", "got:hello")
            assert f"%{popup}" not in {p["id"] for p in mux.panes()}  # list-panes lists the tiled panes
            await connection.send_input(popup, b"\r")  # the command ends: -E closes the popup
            assert (await _layout(events))["floating"] == []
            assert (await connection.command(f"display-popup -EE -d {mux.dir} sh -c 'exit 3'")).ok
            layout = await _layout(events)  # -EE: a failure keeps it open, showing how it ended
            assert layout["floating"]
            popup = layout["floating"][0][0]
            assert (await connection.command(f"move-floating -t %{popup} -x 2 -y 3 -w 10 -h 4")).ok  # the mouse's
            assert (await _layout(events))["floating"][0][1:5] == [2, 3, 10, 4]
            assert (await connection.command(f"move-floating -t %{popup} -x 500 -w 500")).ok  # kept inside
            assert (await _layout(events))["floating"][0][1:5] == [1, 3, 78, 4]
            assert (await asyncio.to_thread(mux.pane, f"%{tiled}"))  # the tiled pane is untouched
            await connection.resize(40, 13)  # a smaller client: the popup stays inside the window
            assert (await _layout(events))["floating"][0][1:5] == [1, 3, 38, 4]
            assert "not floating" in (await connection.command(f"move-floating -t %{tiled} -x 1")).error
            assert (await connection.command("new-window -d -- cat")).ok
            assert (await connection.command("next-window")).ok  # the popup goes with its client
            while (layout := await _layout(events))["window"] != 1:
                pass
            assert layout["floating"][0][0] == popup and layout["active"] == popup
            assert (await connection.command("last-window")).ok
            while (layout := await _layout(events))["window"] != 0:
                pass
            assert layout["floating"][0][0] == popup
            closed = await asyncio.to_thread(mux.cli, "display-popup", "-C")
            assert closed.returncode == 0
            assert (await _layout(events))["floating"] == []
            assert (await connection.command("display-popup -x Q true")).error.endswith("bad position: Q")
            assert "can't find client" in (await connection.command("display-popup -c /dev/nope true")).error
        finally:
            await connection.close()

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_closing_the_client_ends_its_popup(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "q", "--", "cat")
    pid_file = mux.dir / "pid"

    async def scenario() -> int:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("q", 80, 25)).ok
            command = f"sh -c 'echo $$ > {pid_file}; exec sleep 300'"
            assert (await connection.command(["display-popup", command])).ok
            await asyncio.to_thread(poll_until, lambda: pid_file.exists() and pid_file.read_text().strip(), 10)
            return int(pid_file.read_text())
        finally:
            await connection.close()

    pid = asyncio.run(asyncio.wait_for(scenario(), 20))
    assert wait_gone(pid, 10), "the popup's program outlived its client"
