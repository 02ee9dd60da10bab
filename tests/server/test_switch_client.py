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


def test_new_panes_see_the_clients_display_and_ssh_agent(mux: Mux) -> None:  # noqa: F811
    """As tmux's update-environment: the creating client's SSH_AUTH_SOCK, then an attaching client's."""
    import subprocess
    import sys

    def cli(env_value: str, *words: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "SSH_AUTH_SOCK": env_value}
        return subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), *words], env=env,
                              capture_output=True, text=True, timeout=30)

    assert cli("/agent/one", "new-session", "-d", "-s", "e", "-e", "EXTRA=1", "--", "sh").returncode == 0
    mux("send-keys", "-t", "e", "echo sock=$SSH_AUTH_SOCK extra=$EXTRA", "Enter")
    mux.wait_text("e", "sock=/agent/one extra=1$")  # typed ahead of the prompt: the output may follow it

    async def attach_with_another_agent() -> None:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("e", 40, 10)).ok
        finally:
            await connection.close()

    os.environ["SSH_AUTH_SOCK"], saved = "/agent/two", os.environ.get("SSH_AUTH_SOCK")
    try:
        asyncio.run(asyncio.wait_for(attach_with_another_agent(), 10))  # hello carries this process's env
    finally:
        if saved is None:
            del os.environ["SSH_AUTH_SOCK"]
        else:
            os.environ["SSH_AUTH_SOCK"] = saved
    mux("new-window", "-t", "e:", "--", "sh")
    mux("send-keys", "-t", "e:1", "echo sock=$SSH_AUTH_SOCK", "Enter")
    mux.wait_text("e:1", "sock=/agent/two$")
