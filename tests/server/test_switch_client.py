"""switch-client moves an attached client to another session (from that client or from the CLI); without
an attached client it says so."""

from __future__ import annotations

import asyncio
import os

from _mux import Mux, mux  # noqa: F401 - the fixture

from muntin.client import AsyncConnection


def test_switch_client_from_the_client_and_from_the_cli(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "a", "--", "cat")
    mux("new-session", "-d", "-s", "b", "--", "cat")
    alone = mux.cli("switch-client", "-t", "a")
    assert alone.returncode == os.EX_UNAVAILABLE and "attached" in alone.stderr

    async def scenario() -> None:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("a", 40, 10)).ok
            events = connection.events()

            async def next_state() -> str:
                async for event in events:
                    if event["t"] == "state":
                        return event["session"]
                raise AssertionError("no state")

            assert await next_state() == "a"
            assert (await connection.command("switch-client -t b")).ok
            assert await next_state() == "b"
            assert (await connection.command("switch-client -l")).ok  # back to the last one
            assert await next_state() == "a"
            cli = await asyncio.to_thread(mux.cli, "switch-client", "-n")  # from outside: the attached client
            assert cli.returncode == 0, cli.stderr
            assert await next_state() == "b"
        finally:
            await connection.close()

    asyncio.run(asyncio.wait_for(scenario(), 20))
