"""window-size with two attached UI clients: smallest, largest, latest and manual give tmux 3.3a's sizes."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import shutil
import struct
import subprocess
import termios

import pytest
from _mux import mux  # noqa: F401 - the fixture
from conftest import poll_until, poll_until_async
from muntin.client import AsyncConnection
from muntin.protocol import ClientKind

# What tmux 3.3a gives (two `tmux -L NAME -f /dev/null attach` clients on ptys of 60x20 and 90x30, then B
# resized to 95x35: their windows are a row shorter, for the status line) after each step, for a session made
# with -x 100 -y 40. muntin's clients send the size of their pane area, so they attach as 60x19 and 90x29.
STEPS = ("A attaches", "B attaches", "A types", "B resizes", "A types again", "A detaches")
TMUX = {
    "smallest": ["60x19", "60x19", "60x19", "60x19", "60x19", "95x34"],
    "largest": ["60x19", "90x29", "90x29", "95x34", "95x34", "95x34"],
    "latest": ["60x19", "90x29", "60x19", "95x34", "60x19", "95x34"],
    "manual": ["100x40"] * 6,
}


async def _size(probe: AsyncConnection) -> str:
    reply = await probe.command(["display-message", "-p", "-t", "two", "#{window_width}x#{window_height}"])
    assert reply.ok, reply.error
    return reply.output.strip()


async def _typed(probe: AsyncConnection, text: str) -> None:
    """Until ``text`` shows in the pane (cat echoes it): the server has handled the input before that."""
    reply = await probe.command(["wait-for", "-t", "two", "--text", text, "--timeout", "10"])
    assert reply.ok, reply.error


async def _scenario(path) -> list[str]:
    a, b = await AsyncConnection.open(path), await AsyncConnection.open(path)
    probe = await AsyncConnection.open(path, ClientKind.CONTROL)
    sizes = []
    try:
        pane = int((await probe.command(["display-message", "-p", "-t", "two", "#{pane_id}"])).output.strip()[1:])
        assert (await a.attach("two", 60, 19)).ok
        sizes.append(await _size(probe))
        assert (await b.attach("two", 90, 29)).ok
        sizes.append(await _size(probe))
        await a.send_input(pane, b"first")
        await _typed(probe, "first")
        sizes.append(await _size(probe))
        await b.resize(95, 34)
        assert (await b.command(["display-message", "-p", "x"])).ok  # after the resize, on the same connection
        sizes.append(await _size(probe))
        await a.send_input(pane, b"second")
        await _typed(probe, "second")
        sizes.append(await _size(probe))
        await a.detach()
        async for event in a.events():  # until the server has closed it
            if event["t"] == "closed":
                break
        await a.close()
        expected_last = "95x34" if sizes[0] != "100x40" else "100x40"
        async def settled() -> bool:
            return await _size(probe) == expected_last

        await poll_until_async(settled, timeout=4)
        sizes.append(await _size(probe))
    finally:
        for connection in (a, b, probe):
            await connection.close()
    return sizes


@pytest.mark.parametrize("mode", list(TMUX))
def test_each_window_size_gives_the_size_tmux_gives(mux, mode: str) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "-x", "100", "-y", "40", "--", "cat")
    mux("set-option", "-g", "window-size", mode)
    sizes = asyncio.run(asyncio.wait_for(_scenario(mux.sock), 40))
    assert dict(zip(STEPS, sizes)) == dict(zip(STEPS, TMUX[mode]))


async def _two_attached(path, steps) -> list[str]:
    a, b = await AsyncConnection.open(path), await AsyncConnection.open(path)
    probe = await AsyncConnection.open(path, ClientKind.CONTROL)
    seen = []
    try:
        assert (await a.attach("two", 60, 19)).ok
        assert (await b.attach("two", 90, 29)).ok
        for words in steps:
            reply = await probe.command(list(words))
            assert reply.ok, f"{words}: {reply.error}"
            seen.append(await _size(probe))
    finally:
        for connection in (a, b, probe):
            await connection.close()
    return seen


def test_set_option_window_size_takes_effect_at_once(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "-x", "100", "-y", "40", "--", "cat")
    steps = [("set-option", "-g", "window-size", "largest"), ("set-option", "-g", "window-size", "smallest"),
             ("set-option", "-g", "window-size", "latest"),  # B attached last
             ("set-option", "-t", "two", "window-size", "smallest")]  # the session's own wins over -g
    assert asyncio.run(asyncio.wait_for(_two_attached(mux.sock, steps), 30)) == \
        ["90x29", "60x19", "90x29", "60x19"]


def test_resize_window_sets_a_manual_size(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "-x", "100", "-y", "40", "--", "cat")
    steps = [("resize-window", "-t", "two", "-x", "50", "-y", "15"),
             ("resize-window", "-t", "two", "-R", "5"), ("resize-window", "-t", "two", "-U"),
             ("resize-window", "-t", "two", "-A"), ("resize-window", "-t", "two", "-a"),
             ("set-option", "-t", "two", "-u", "window-size")]  # back to the global smallest
    assert asyncio.run(asyncio.wait_for(_two_attached(mux.sock, steps), 30)) == \
        ["50x15", "55x15", "55x14", "90x29", "60x19", "60x19"]
    assert mux("show-options", "-t", "two", "window-size").output == "window-size smallest\n"


def test_resize_window_keeps_its_size_when_clients_come_and_go(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "-x", "100", "-y", "40", "--", "cat")
    mux("resize-window", "-t", "two", "-x", "70", "-y", "20")
    assert mux("show-options", "-t", "two", "window-size").output == "window-size manual\n"
    assert asyncio.run(asyncio.wait_for(_two_attached(mux.sock, [("list-sessions",)]), 30)) == ["70x20"]
    assert mux("display-message", "-p", "-t", "two", "#{window_width}x#{window_height}").output == "70x20\n"
    result = mux.try_("resize-window", "-t", "two", "-x", "0")
    assert not result.ok and "too small" in result.error


def test_window_size_is_checked(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "--", "cat")
    result = mux.try_("set-option", "-g", "window-size", "biggest")
    assert not result.ok and "smallest, largest, latest, manual" in result.error
    assert mux("show-options", "-g", "window-size").output == "window-size smallest\n"


async def _command_from_a(path) -> list[str]:
    a, b = await AsyncConnection.open(path), await AsyncConnection.open(path)
    probe = await AsyncConnection.open(path, ClientKind.CONTROL)
    try:
        assert (await a.attach("two", 60, 19)).ok
        assert (await b.attach("two", 90, 29)).ok
        before = await _size(probe)
        assert (await a.command(["display-message", "-p", "x"])).ok  # a key bound to a command, say
        return [before, await _size(probe)]
    finally:
        for connection in (a, b, probe):
            await connection.close()


def test_a_command_from_a_client_makes_it_the_latest(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "two", "-x", "100", "-y", "40", "--", "cat")
    mux("set-option", "-g", "window-size", "latest")
    assert asyncio.run(asyncio.wait_for(_command_from_a(mux.sock), 30)) == ["90x29", "60x19"]


class _TmuxClients:
    """A private tmux 3.3a server and `tmux attach` clients on ptys of a chosen size."""

    def __init__(self) -> None:
        self.name = f"muntin-size-{os.getpid()}-{id(self):x}"
        self.clients: list[tuple[subprocess.Popen, int]] = []
        self.pid: int | None = None

    def __call__(self, *words: str) -> str:
        return subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", *words], capture_output=True,
                              text=True, timeout=20, check=True).stdout.strip()

    def attach(self, width: int, height: int) -> int:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        os.set_blocking(master, False)
        process = subprocess.Popen(["tmux", "-L", self.name, "-f", "/dev/null", "attach", "-t", "two"],
                                   stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                                   env={**os.environ, "TERM": "xterm"},
                                   preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.clients.append((process, master))
        return len(self.clients) - 1

    def drain(self) -> None:
        for _, master in self.clients:
            try:
                while os.read(master, 65536):
                    pass
            except OSError:  # nothing more now (or the client is gone)
                pass

    def until(self, predicate) -> None:
        def check() -> bool:
            self.drain()
            return predicate()

        assert poll_until(check, 10), "tmux never got there"

    def listed(self) -> list[str]:
        return self("list-clients", "-F", "#{client_width}x#{client_height}").split()

    def size(self) -> str:
        return self("display-message", "-p", "-t", "two", "#{window_width}x#{window_height}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "kill-server"], capture_output=True, timeout=20)
        for process, master in self.clients:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            os.close(master)
        if self.pid is not None:
            assert poll_until(lambda: not os.path.exists(f"/proc/{self.pid}/stat") or
                              open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z", 10)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("mode", list(TMUX))
def test_tmux_gives_these_sizes(mode: str) -> None:
    """The table above, from the real tmux (attached clients are a row taller: tmux's status line)."""
    tmux = _TmuxClients()
    try:
        tmux("new-session", "-d", "-s", "two", "-x", "100", "-y", "40", "cat")
        tmux.pid = int(tmux("display-message", "-p", "#{pid}"))
        tmux("set-option", "-g", "window-size", mode)
        sizes = []
        a = tmux.attach(60, 20)
        tmux.until(lambda: tmux.listed() == ["60x20"])
        sizes.append(tmux.size())
        tmux.attach(90, 30)
        tmux.until(lambda: sorted(tmux.listed()) == ["60x20", "90x30"])
        sizes.append(tmux.size())
        for text in ("first", "second"):
            os.write(tmux.clients[a][1], text.encode())
            tmux.until(lambda: text in tmux("capture-pane", "-p", "-t", "two"))
            sizes.append(tmux.size())
            if text == "first":
                fcntl.ioctl(tmux.clients[1][1], termios.TIOCSWINSZ, struct.pack("HHHH", 35, 95, 0, 0))
                tmux.until(lambda: sorted(tmux.listed()) == ["60x20", "95x35"])
                sizes.append(tmux.size())
        os.write(tmux.clients[a][1], b"\x02d")  # prefix d: A detaches
        tmux.until(lambda: tmux.listed() == ["95x35"])
        sizes.append(tmux.size())
    finally:
        tmux.close()
    assert dict(zip(STEPS, sizes)) == dict(zip(STEPS, TMUX[mode]))
