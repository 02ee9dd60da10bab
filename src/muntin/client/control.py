"""``muntin -C`` and ``-CC``: control mode, tmux's text protocol. Lines on stdin are commands; what the server
writes for this client (each command's %begin/%end block, %output and the other notifications) goes to stdout
as it comes; an empty line or the end of stdin detaches, and ``%exit`` ends the output."""

from __future__ import annotations

import asyncio
import os
import sys
import termios
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from muntin.client import AsyncConnection, ConnectFailed, NoServer, ServerRefused, ensure_server, log_hint
from muntin.protocol import ClientKind
from muntin.protocol.messages import own_terminal

DCS_START = b"\033P1000p"
"""What ``-CC`` writes first (a DCS iTerm2 recognises), and ST, what it writes last."""
DCS_END = b"\033\\"
LINES_AHEAD = 64
"""Lines read from stdin ahead of the command that runs; past that stdin waits (and so does its writer)."""
EVENTS_AHEAD = 1024
"""Server messages read ahead of what stdout took; past that the socket waits, and the server's bound for a
client that does not read holds."""

_NEW = ("new-session", "new")
_QUIET_EXITS = ("detached", "server exited")
"""Reasons tmux's %exit does not give: detach-client, kill-server (its sessions end first)."""


class _ControlConnection(AsyncConnection):
    """A connection whose queue of server messages is bounded."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._events = asyncio.Queue(EVENTS_AHEAD)


def exit_line(reason: str | None) -> bytes:
    """The %exit line for the reason the server closed the connection (None: it went away unannounced):
    none for a detach or the end of the session, as tmux."""
    if reason is None:
        return b"%exit lost server\n"
    if reason in _QUIET_EXITS or (reason.startswith("session ") and reason.endswith(" ended")):
        return b"%exit\n"
    return b"%exit " + reason.encode("utf-8", "replace") + b"\n"


def first_commands(words: list[str]) -> list[list[str]]:
    """The command line's commands (new-session without any); a new session starts in this directory."""
    from muntin.commands import split_argv

    commands = split_argv(words) if words else [["new-session"]]
    for index, command in enumerate(commands):
        if command[0] in _NEW and "-c" not in command:
            commands[index] = [command[0], "-c", os.getcwd(), *command[1:]]
    return commands


def raw_mode(fd: int) -> list[Any]:
    """-CC: the terminal raw as tmux sets it (CR to NL on input, NL to CR NL on output); the old settings."""
    saved = termios.tcgetattr(fd)
    mode = termios.tcgetattr(fd)
    mode[0] = termios.ICRNL | termios.IXANY
    mode[1] = termios.OPOST | termios.ONLCR
    mode[2] = termios.CREAD | termios.CS8 | termios.HUPCL
    mode[3] = 0
    mode[4], mode[5] = saved[4], saved[5]
    mode[6] = list(saved[6])
    mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
    termios.tcsetattr(fd, termios.TCSANOW, mode)
    return saved


def run(path: Path, words: list[str], *, twice: bool, default_dir: bool, config: str | None) -> int:
    """Run a control client against the server at ``path``: its exit status."""
    saved = None
    if twice:
        try:
            saved = raw_mode(sys.stdin.fileno())
        except (termios.error, OSError, ValueError) as error:
            print(f"tcgetattr failed: {error.args[-1] if error.args else error}", file=sys.stderr)
            return 1
    out = sys.stdout.buffer
    try:
        commands = first_commands(words)
        try:
            if commands[0][0] in _NEW or commands[0][0] == "start-server":
                ensure_server(path, default_dir=default_dir, config=config).close()
            return asyncio.run(_Session(path, commands, out, twice).run())
        except NoServer as error:
            print(str(error), file=sys.stderr)
            return 1
        except ServerRefused as error:
            print(str(error), file=sys.stderr)
            return os.EX_NOPERM
        except ConnectFailed as error:
            print(str(error), file=sys.stderr)
            return error.code
        except (ConnectionError, TimeoutError) as error:
            print(f"lost the server: {error}{log_hint(path)}", file=sys.stderr)
            return os.EX_UNAVAILABLE
    finally:
        if saved is not None:
            try:
                termios.tcsetattr(sys.stdin.fileno(), termios.TCSAFLUSH, saved)
            except (termios.error, OSError):
                pass


class _Session:
    def __init__(self, path: Path, commands: list[list[str]], out: BinaryIO, twice: bool) -> None:
        self.path = path
        self.commands = commands
        self.out = out
        self.twice = twice
        self.reason: str | None = None
        self.closed = False
        self.wait_exit = False

    def write(self, data: bytes) -> None:
        try:
            self.out.write(data)
            self.out.flush()
        except (BrokenPipeError, ValueError):  # nobody reads us any more: detach
            self.closed = True

    async def run(self) -> int:
        connection = await _ControlConnection.open(self.path, ClientKind.CONTROL, own_terminal())  # its name
        lines: asyncio.Queue[str | None] = asyncio.Queue(LINES_AHEAD)
        loop = asyncio.get_running_loop()
        threading.Thread(target=_read_lines, args=(loop, lines.put), daemon=True).start()
        if self.twice:
            self.write(DCS_START)
        relay = asyncio.create_task(self._relay(connection))
        try:
            await self._request(connection, commands=self.commands)
            while not self.closed:
                reading = asyncio.ensure_future(lines.get())
                await asyncio.wait((reading, relay), return_when=asyncio.FIRST_COMPLETED)
                if not reading.done():  # the server closed the connection first
                    reading.cancel()
                    break
                line = reading.result()
                if line is None or not line.strip("\r\n") or self.closed:
                    break
                await self._request(connection, text=line.rstrip("\r\n"))
            if not self.closed:
                await connection.detach()
            await asyncio.wait_for(relay, 10.0)
        except (ConnectionError, TimeoutError):
            pass
        finally:
            relay.cancel()
            await connection.close()
        self.write(exit_line(self.reason))
        if self.wait_exit:  # refresh-client -f wait-exit: until an empty line or the end of stdin
            while (line := await lines.get()) is not None and line.strip("\r\n"):
                pass
        if self.twice:
            self.write(DCS_END)
        return 0

    async def _request(self, connection: AsyncConnection, **fields: Any) -> None:
        if self.closed:
            return
        try:
            await connection._request("command", control=True, **fields)
        except ConnectionError:
            self.closed = True

    async def _relay(self, connection: AsyncConnection) -> None:
        async for message in connection.events():
            kind = message["t"]
            if kind == "control":
                if message.get("text"):
                    self.write(message["text"].encode("latin-1"))
                if isinstance(message.get("flags"), list):
                    self.wait_exit = "wait-exit" in message["flags"]
            elif kind in ("closed", "error"):
                self.reason = str(message.get("reason") or message.get("message") or "")
                self.closed = True
        self.closed = True


def _read_lines(loop: asyncio.AbstractEventLoop, put: Callable[[str | None], Any]) -> None:
    """stdin's lines into the loop's queue (waiting while it is full); None at the end. Read with os.read:
    a thread blocked in a buffered reader would hold its lock when the interpreter exits."""
    pending = b""
    while True:
        try:
            data = os.read(0, 1 << 16)
        except OSError:
            data = b""
        pending += data
        *lines, pending = pending.split(b"\n")
        if not data:
            lines = [pending] if pending else []
        for line in [*(each.decode("utf-8", "surrogateescape") + "\n" for each in lines), *([None] if not data else [])]:
            try:
                asyncio.run_coroutine_threadsafe(put(line), loop).result()
            except (RuntimeError, asyncio.CancelledError):  # the loop ended
                return
        if not data:
            return
