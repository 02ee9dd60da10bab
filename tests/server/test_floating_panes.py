"""Floating panes: a layer of normal panes over a window's tiled layout, shown and hidden by toggle-floating,
added by new-floating, each with its %id for send-keys, capture-pane, copy mode, list-panes and kill-pane."""

from __future__ import annotations

import asyncio

from _mux import Mux, next_layout as _layout, mux  # noqa: F401 - the fixture

from conftest import poll_until

from muntin.client import AsyncConnection
from muntin.process import wait_gone


def test_floating_panes_are_normal_panes_over_the_layout(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "f", "-x", "80", "-y", "24", "--", "cat")
    tiled = mux.panes()[0]["id"]

    async def scenario() -> None:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("f", 80, 25)).ok
            events = connection.events()
            await _layout(events)
            first = (await connection.command("toggle-floating")).data["pane"]  # none yet: one is made
            layout = await _layout(events)
            assert [f"%{f[0]}" for f in layout["floating"]] == [first] and layout["active"] == int(first[1:])
            assert not layout["floating"][0][6]  # not a popup
            second = (await connection.command("new-floating -- sh -c 'echo floating-$((6*7)); exec cat'")).data["pane"]
            layout = await _layout(events)
            assert [f"%{f[0]}" for f in layout["floating"]] == [first, second]
            assert layout["floating"][1][1:3] == [layout["floating"][0][1] + 2, layout["floating"][0][2] + 2]
            await asyncio.to_thread(mux.wait_text, second, "floating-42")
            mux("send-keys", "-t", second, "typed", "Enter")
            await asyncio.to_thread(mux.wait_text, second, "^typed")
            listed = {p["id"]: p for p in mux.panes()}
            assert listed[second]["floating"] and listed[second]["index"] == 2 and not listed[tiled]["floating"]
            formats = mux("list-panes", "-F", "#{pane_id} #{pane_floating}").output.splitlines()
            assert formats == [f"{tiled} 0", f"{first} 1", f"{second} 1"]
            mux("copy-mode", "-t", second)
            assert mux("display-message", "-p", "-t", second, "#{pane_in_mode}").output.strip() == "1"
            mux("send-keys", "-X", "-t", second, "cancel")
            assert (await connection.command("toggle-floating")).ok  # hidden: the focus is the tiled pane's
            layout = await _layout(events)
            assert layout["floating"] == [] and f"%{layout['active']}" == tiled
            assert (await connection.command(f"select-pane -t {first}")).ok  # shown again, on top
            layout = await _layout(events)
            assert [f"%{f[0]}" for f in layout["floating"]] == [second, first] and f"%{layout['active']}" == first
            assert (await connection.command("select-pane -t :.+")).ok  # o: the next pane, tiled ones first
            assert f"%{(await _layout(events))['active']}" == tiled
            assert (await connection.command("select-pane -t :.+")).ok
            assert f"%{(await _layout(events))['active']}" == second
            assert "floating" in (await connection.command(f"swap-pane -t {second} -D")).error
            mux("kill-pane", "-t", first)
            layout = await _layout(events)
            assert [f"%{f[0]}" for f in layout["floating"]] == [second] and f"%{layout['active']}" == second
            mux("new-session", "-d", "-s", "other", "--", "cat")  # so the server stays
            mux("kill-pane", "-t", tiled)  # the window goes, and its floating panes with it
            assert (await asyncio.to_thread(mux.try_, "has-session", "-t", "f")).ok is False
            assert second not in {p["id"] for p in mux.panes()}
        finally:
            await connection.close()

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_kill_server_ends_the_programs_of_floating_panes_and_popups(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "k", "--", "cat")
    pid_file = mux.dir / "pid"
    mux("new-floating", "--", "sh", "-c", f"trap '' HUP; echo $$ > {pid_file}; exec sleep 300")
    assert poll_until(lambda: pid_file.exists() and pid_file.read_text().strip(), 10)
    mux.kill()
    assert wait_gone(int(pid_file.read_text()), 10), "a floating pane's program outlived the server"
