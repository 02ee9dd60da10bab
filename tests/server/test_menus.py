"""display-menu, choose-buffer and choose-client in a real server: what the attached client is asked to show
(formats expanded for the target, as tmux 3.3a does), the errors, and commands run from a menu's target."""

from __future__ import annotations

import asyncio

from _mux import mux  # noqa: F401 - the fixture

from muntin.client import AsyncConnection
from muntin.commands.keys import default_key_tables


async def _attached(mux, session: str):
    connection = await AsyncConnection.open(mux.sock)
    assert (await connection.attach(session, 80, 24)).ok
    events = connection.events()
    assert (await anext(events))["t"] == "state"
    return connection, events


async def _action(events, name: str) -> dict:
    async for event in events:
        if event["t"] == "action" and event["name"] == name:
            return event["args"]
    raise AssertionError(f"no {name} action")


def _run(coro) -> object:
    return asyncio.run(asyncio.wait_for(coro, 20))


def test_display_menu_from_the_cli_reaches_the_attached_client(mux) -> None:
    mux("new", "-d", "-s", "work", "-x", "80", "-y", "24", "--", "cat")

    async def scenario() -> dict:
        connection, events = await _attached(mux, "work")
        try:
            result = mux.cli("display-menu", "-T", "#[align=centre]#{session_name}", "-x", "R", "-y", "S",
                             "New window", "w", "new-window -n '#{session_name}-2'", "",
                             "#{?#{>:#{session_windows},1},,-}Swap Left", "l", "swap-window -t:-1",
                             "#{?pane_in_mode,Copy,}", "c", "copy-mode",
                             "[b]#{window_name}[/b]", "", "kill-pane")
            assert result.returncode == 0, result.stderr
            return await _action(events, "display-menu")
        finally:
            await connection.close()

    menu = _run(scenario())
    assert menu["title"] == "#[align=centre]work" and (menu["x"], menu["y"]) == ("R", "S")
    assert menu["target"] == mux.panes()[0]["id"]
    items = menu["items"]
    assert items[0] == {"name": "New window", "disabled": False, "key": "w", "key_label": "w",
                        "command": "new-window -n 'work-2'"}
    assert items[1] == {"separator": True}
    assert items[2]["name"] == "Swap Left" and items[2]["disabled"] and items[2]["key"] is None
    assert items[3]["name"] == "[b]cat[/b]" and items[3]["key"] is None  # an item that expands to "" is left out
    assert len(items) == 4
    assert menu["mouse"] is None  # from the command line: no mouse event, so -xM -yM have nothing to go by


def test_a_menu_opened_by_a_click_carries_where_the_click_was(mux) -> None:
    mux("new", "-d", "-s", "work", "--", "cat")

    async def scenario() -> dict:
        connection, events = await _attached(mux, "work")
        try:
            reply = await connection._request("command", text="display-menu -xM -yM A a new-window", mouse=[7, 3])
            assert reply.ok, reply.error
            return await _action(events, "display-menu")
        finally:
            await connection.close()

    assert _run(scenario())["mouse"] == [7, 3]


def test_display_menu_errors(mux) -> None:
    mux("new", "-d", "-s", "work", "--", "cat")
    short = mux.try_("display-menu", "A", "a")
    assert not short.ok and "not enough arguments" in short.error
    alone = mux.try_("display-menu", "A", "a", "new-window")
    assert not alone.ok and "needs an attached muntin" in alone.error
    assert mux.try_("display-menu", "", "").ok  # nothing to show: nothing shown, as tmux
    client = mux.try_("display-menu", "-c", "/dev/pts/999", "A", "a", "new-window")
    assert not client.ok and "can't find client" in client.error


def test_a_request_runs_from_the_target_it_names(mux) -> None:
    """What a menu's pick sends: its commands run from the menu's pane, not the client's current one."""
    mux("new", "-d", "-s", "work", "--", "cat")
    first = mux.panes()[0]["id"]
    mux("split-window", "-t", first, "--", "cat")

    async def scenario() -> tuple[str, str]:
        connection, _ = await _attached(mux, "work")
        try:
            here = await connection._request("command", text="display-message -p '#{pane_id}'")
            there = await connection._request("command", text="display-message -p '#{pane_id}' ; "
                                                               "display-message -p -t= '#{pane_id}'", target=first)
            return here.output, there.output
        finally:
            await connection.close()

    here, there = _run(scenario())
    assert here.strip() != first
    assert there.split() == [first, first]  # -t= is the menu's (tmux's mouse) target


def test_choose_buffer_lists_the_buffers_newest_first(mux) -> None:
    mux("new", "-d", "-s", "work", "--", "cat")
    mux("set-buffer", "-b", "old", "first [i]text[/i]")
    mux("set-buffer", "second\nline")

    async def scenario(*words: str) -> dict:
        connection, events = await _attached(mux, "work")
        try:
            assert (await connection.command(list(words))).ok
            return await _action(events, words[0])
        finally:
            await connection.close()

    listed = _run(scenario("choose-buffer"))
    rows = listed["rows"]
    assert [row["name"] for row in rows] == ["buffer0", "old"]
    assert [row["key"] for row in rows] == ["0", "1"]
    assert rows[0]["text"].endswith(': second\\nline') and rows[0]["preview"] == "second\nline"
    assert listed["template"] == "paste-buffer -b '%%'" and listed["delete"] == "delete-buffer -b '%%'"
    named = _run(scenario("choose-buffer", "-O", "name", "-r", "-F", "#{buffer_size}", "-N",
                          "-f", "#{m:*text*,#{buffer_sample}}", "paste-buffer -d -b '%%'"))
    assert [(row["name"], row["text"], row["preview"]) for row in named["rows"]] == [("old", "17", "")]
    assert named["template"] == "paste-buffer -d -b '%%'"
    bad = mux.try_("choose-buffer", "-O", "colour")
    assert not bad.ok and "unknown sort order" in bad.error


def test_choose_client_lists_clients_and_detach_client_takes_a_client_name(mux) -> None:
    mux("new", "-d", "-s", "work", "--", "cat")

    async def scenario() -> tuple[dict, str]:
        connection, events = await _attached(mux, "work")
        try:
            assert (await connection.command(["choose-client", "-F", "#{client_width}x#{client_height}"])).ok
            listed = await _action(events, "choose-client")
            name = listed["rows"][0]["name"]
            assert mux.try_("detach-client", "-t", name).ok
            async for event in events:
                if event["t"] == "closed":
                    return listed, event["reason"]
            raise AssertionError("not detached")
        finally:
            await connection.close()

    listed, reason = _run(scenario())
    assert [row["text"] for row in listed["rows"]] == ["80x24"]
    assert listed["template"] == "detach-client -t '%%'" and reason == "detached"


def test_default_bindings_are_tmuxs() -> None:
    tables = default_key_tables()
    assert tables.lookup("prefix", "equals_sign").command == "choose-buffer -Z"
    assert tables.lookup("prefix", "D").command == "choose-client -Z"
    for key in ("MouseDown3Pane", "alt+MouseDown3Pane", "MouseDown3Status", "MouseDown3StatusLeft"):
        assert tables.lookup("root", key).command.startswith("display-menu -t= ")
    assert tables.lookup("root", "MouseDown3StatusLeft").command.split()[:5] == [
        "display-menu", "-t=", "-xM", "-yW", "-T"]
