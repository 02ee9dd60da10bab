"""Attached clients get the options they draw with: after the attach's state, and every client at once on
each set-option or source-file, with the session's own values over the global ones."""

from __future__ import annotations

import asyncio
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture

from muntin.client import AsyncConnection
from muntin.commands.options import CLIENT_OPTIONS


def test_every_attached_client_gets_each_change(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "a", "--", "cat")
    mux("new-session", "-d", "-s", "b", "--", "cat")
    config = tmp_path / "config.toml"
    config.write_text('[status]\nleft = "from-file "\n')

    async def scenario() -> None:
        first, second = await AsyncConnection.open(mux.sock), await AsyncConnection.open(mux.sock)
        try:
            assert (await first.attach("a", 40, 10)).ok and (await second.attach("b", 40, 10)).ok
            streams = [first.events(), second.events()]

            async def next_options(events) -> dict:
                async for event in events:
                    if event["t"] == "options":
                        return event["options"]
                raise AssertionError("no options")

            for events in streams:  # at attach: what show-options prints
                options = await next_options(events)
                assert set(options) == {*CLIENT_OPTIONS, "status-format[0]", "terminal-overrides"}
                assert options["status-format[0]"] == "" == options["terminal-overrides"]  # the defaults
                assert options["status-right"] == " %H:%M %d-%b " and options["theme"] == "terminal"
            cli = await asyncio.to_thread(mux.cli, "set-option", "-g", "status-right", "HELLO #S")
            assert cli.returncode == 0, cli.stderr
            for events in streams:
                assert (await next_options(events))["status-right"] == "HELLO #S"
            cli = await asyncio.to_thread(mux.cli, "set-option", "-t", "b", "status-right", "only b")
            assert cli.returncode == 0, cli.stderr
            assert (await next_options(streams[0]))["status-right"] == "HELLO #S"
            assert (await next_options(streams[1]))["status-right"] == "only b"
            cli = await asyncio.to_thread(mux.cli, "source-file", str(config))
            assert cli.returncode == 0, cli.stderr
            for events in streams:
                while (await next_options(events))["status-left"] != "from-file ":
                    pass
        finally:
            await first.close()
            await second.close()

    asyncio.run(asyncio.wait_for(scenario(), 20))


def test_user_options_reach_the_clients_of_their_session(mux: Mux) -> None:  # noqa: F811
    """``@name`` options go with the others, the session's over the global ones: a status-right of
    ``#{@name}`` shows them."""
    mux("new-session", "-d", "-s", "a", "--", "cat")
    mux("new-session", "-d", "-s", "b", "--", "cat")

    async def scenario() -> None:
        first, second = await AsyncConnection.open(mux.sock), await AsyncConnection.open(mux.sock)
        try:
            assert (await first.attach("a", 40, 10)).ok and (await second.attach("b", 40, 10)).ok
            streams = [first.events(), second.events()]

            async def options_with(events, name: str) -> dict:
                async for event in events:
                    if event["t"] == "options" and name in event["options"]:
                        return event["options"]
                raise AssertionError("no options")

            cli = await asyncio.to_thread(mux.cli, "set-option", "-g", "@weather", "rain")
            assert cli.returncode == 0, cli.stderr
            for events in streams:
                assert (await options_with(events, "@weather"))["@weather"] == "rain"
            cli = await asyncio.to_thread(mux.cli, "set-option", "-t", "b", "@weather", "sun")
            assert cli.returncode == 0, cli.stderr
            assert (await options_with(streams[1], "@weather"))["@weather"] == "sun"
        finally:
            await first.close()
            await second.close()

    asyncio.run(asyncio.wait_for(scenario(), 20))
