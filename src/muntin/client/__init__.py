"""Talking to the server: connect with the handshake, run commands, attach and follow a session.

``Connection`` is the blocking API for the CLI, scripts and tests; ``AsyncConnection`` the asyncio one for
the UI. ``ensure_server`` starts a server on demand (a fresh ``python -m muntin`` process in its own
session, which must happen before the caller starts any thread)."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

from muntin.protocol import (
    ClientKind,
    FrameDecoder,
    ProtocolError,
    encode_frame,
    hello,
    input_message,
    make,
    validate,
)

START_TIMEOUT = 10.0


class NoServer(ConnectionError):
    """No server answers on the socket."""


class ServerRefused(ConnectionError):
    """The server answered the handshake with an error."""


@dataclass(frozen=True, slots=True)
class CommandResult:
    ok: bool
    output: str = ""
    error: str = ""
    code: int = os.EX_OK
    data: Any = None


def _result(message: dict[str, Any]) -> CommandResult:
    return CommandResult(message["ok"], message["output"], message["error"], message["code"], message.get("data"))


def _connect_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(os.fspath(path))
    except OSError as error:
        sock.close()
        if error.errno in (errno.ENOENT, errno.ECONNREFUSED, errno.ENOTSOCK):
            raise NoServer(f"no server running on {path}") from None
        raise
    return sock


class Connection:
    """A blocking connection (one command at a time)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.decoder = FrameDecoder()
        self._queue: list[dict[str, Any]] = []
        self._next_id = 0
        self.server_pid = 0
        self.config_problems: list[str] = []  # what was wrong in the settings a server started with

    @classmethod
    def open(cls, path: Path, kind: ClientKind = ClientKind.CONTROL, timeout: float | None = 10.0) -> Connection:
        sock = _connect_socket(path)
        connection = cls(sock)
        try:
            sock.settimeout(timeout)
            connection.send(hello(kind))
            reply = connection.receive()
            if reply["t"] == "error":
                raise ServerRefused(reply["message"])
            if reply["t"] != "welcome":
                raise ProtocolError(f"expected welcome, got {reply['t']}")
            connection.server_pid = reply["pid"]
            sock.settimeout(None)
        except BaseException:
            sock.close()
            raise
        return connection

    def send(self, message: dict[str, Any]) -> None:
        self.sock.sendall(encode_frame(message))

    def receive(self) -> dict[str, Any]:
        """The next message (blocking); ConnectionError when the server closed the connection."""
        while not self._queue:
            data = self.sock.recv(1 << 16)
            if not data:
                raise ConnectionResetError("the server closed the connection")
            for message in self.decoder.feed(data):
                validate(message)
                self._queue.append(message)
        return self._queue.pop(0)

    def command(self, argv: Sequence[str] | str) -> CommandResult:
        """Run one command (words, or command text) and wait for its result."""
        self._next_id += 1
        ident = self._next_id
        if isinstance(argv, str):
            self.send(make("command", id=ident, text=argv))
        else:
            self.send(make("command", id=ident, argv=list(argv)))
        while True:
            message = self.receive()
            if message["t"] == "result" and message["id"] == ident:
                return _result(message)
            if message["t"] == "error":
                raise ServerRefused(message["message"])

    def wait_gone(self, timeout: float = 60.0) -> bool:
        """Wait until the server has closed the connection and its process has exited (after kill-server:
        it hangs up every pane's program first); False at the deadline."""
        deadline = time.monotonic() + timeout
        self.sock.settimeout(timeout)
        try:
            while self.sock.recv(1 << 16):
                pass
        except TimeoutError:
            return False
        except OSError:  # reset: closed all the same
            pass
        while not _exited(self.server_pid):  # its last milliseconds, after it closed every connection
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.002)
        return True

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _exited(pid: int) -> bool:
    """Whether process ``pid`` (not ours to wait for) has exited: gone, or a zombie its parent (init, or a
    subreaper, which may take a second) has not reaped yet."""
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:][:1] in (b"Z", b"X")


def start_server(path: Path, *, default_dir: bool = False, timeout: float = START_TIMEOUT) -> None:
    """Start a server on ``path`` and return once it accepts connections."""
    argv = [sys.executable, "-m", "muntin", "-S", os.fspath(path), "__server"]
    if default_dir:
        argv.append("--default-dir")
    launcher = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True, text=True, timeout=timeout)
    if launcher.returncode != 0:
        reason = launcher.stderr.strip().removeprefix("muntin: ") or f"the server could not start on {path}"
        raise NoServer(f"{reason}{log_hint(path)}")
    deadline = time.monotonic() + timeout
    while True:
        try:
            _connect_socket(path).close()
            return
        except NoServer:
            if time.monotonic() > deadline:
                raise NoServer(f"the server started but does not answer on {path}{log_hint(path)}") from None
            time.sleep(0.01)


def log_hint(path: Path) -> str:
    """Where to read what went wrong in the server on ``path``, for a message: `` (the server's log: FILE)``."""
    from muntin.config.paths import server_log

    return f" (the server's log: {server_log(path)})"


def ensure_server(path: Path, *, default_dir: bool = False, config: Path | str | None = None) -> Connection:
    """A connection to the server on ``path``, starting one if none runs (a stale socket is replaced).

    A server started here first reads the user's settings, as tmux reads its configuration at start:
    ``config`` or ``$XDG_CONFIG_HOME/muntin/config.toml`` (when it exists) through ``source-file``; what
    is wrong in it is left in the connection's ``config_problems``, the rest applies."""
    try:
        return Connection.open(path)
    except NoServer:
        start_server(path, default_dir=default_dir)
        connection = Connection.open(path)
    from muntin.config.paths import config_file

    source = ["source-file", os.fspath(config)] if config else ["source-file", "-q", os.fspath(config_file())]
    result = connection.command(source)
    connection.config_problems = result.error.splitlines() if not result.ok else []
    return connection


class AsyncConnection:
    """The asyncio API: commands, and for an attached client the stream of updates (``events()``)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import asyncio  # only asyncio clients pay for importing it

        self.reader = reader
        self.writer = writer
        self.decoder = FrameDecoder()
        self._next_id = 0
        self._results: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._events: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._pump: asyncio.Task[None] | None = None
        self._pending: list[dict[str, Any]] = []
        self.server_pid = 0

    @classmethod
    async def open(cls, path: Path, kind: ClientKind = ClientKind.UI) -> AsyncConnection:
        import asyncio  # only asyncio clients pay for importing it

        try:
            reader, writer = await asyncio.open_unix_connection(os.fspath(path))
        except (FileNotFoundError, ConnectionRefusedError):
            raise NoServer(f"no server running on {path}") from None
        connection = cls(reader, writer)
        connection._write(hello(kind))
        reply = await connection._read_one()
        if reply is None or reply["t"] != "welcome":
            writer.close()
            raise ServerRefused(reply["message"] if reply and reply["t"] == "error" else "no welcome from server")
        connection.server_pid = reply["pid"]
        connection._pump = asyncio.get_running_loop().create_task(connection._read_loop())
        return connection

    def _write(self, message: dict[str, Any]) -> None:
        self.writer.write(encode_frame(message))

    async def _read_one(self) -> dict[str, Any] | None:
        while True:
            if self._pending:
                return self._pending.pop(0)
            data = await self.reader.read(1 << 16)
            if not data:
                return None
            messages = self.decoder.feed(data)
            for message in messages:
                validate(message)
            self._pending = messages

    async def _read_loop(self) -> None:
        try:
            while True:
                message = await self._read_one()
                if message is None:
                    break
                if message["t"] == "result" and message["id"] in self._results:
                    self._results.pop(message["id"]).set_result(message)
                else:
                    await self._events.put(message)
        except (ConnectionError, ProtocolError) as error:
            await self._events.put(make("closed", reason=str(error)))
        finally:
            for future in self._results.values():
                if not future.done():
                    future.set_exception(ConnectionResetError("the server closed the connection"))
            await self._events.put(None)

    async def _request(self, message_type: str, **fields: Any) -> dict[str, Any]:
        import asyncio  # only asyncio clients pay for importing it

        self._next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._results[self._next_id] = future
        self._write(make(message_type, id=self._next_id, **fields))
        await self.writer.drain()
        return await future

    async def command(self, argv: Sequence[str] | str) -> CommandResult:
        fields = {"text": argv} if isinstance(argv, str) else {"argv": list(argv)}
        return _result(await self._request("command", **fields))

    async def attach(self, session: str | None, width: int, height: int) -> CommandResult:
        """Attach; the full state then arrives as a ``state`` event, followed by incremental updates."""
        return _result(await self._request("attach", session=session, width=width, height=height))

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        """Every message that is not a command result, until the connection closes."""
        while True:
            message = await self._events.get()
            if message is None:
                return
            yield message

    async def send_input(self, pane: int, data: bytes) -> None:
        self._write(input_message(pane, data))
        await self.writer.drain()

    async def resize(self, width: int, height: int) -> None:
        self._write(make("resize", width=width, height=height))
        await self.writer.drain()

    async def detach(self) -> None:
        self._write(make("detach"))
        await self.writer.drain()

    async def close(self) -> None:
        import asyncio  # only asyncio clients pay for importing it

        self.writer.close()
        try:
            await self.writer.wait_closed()
        except (ConnectionError, OSError):
            pass
        if self._pump is not None:
            self._pump.cancel()
            try:
                await self._pump
            except (asyncio.CancelledError, Exception):  # noqa: BLE001
                pass


__all__ = [
    "AsyncConnection",
    "CommandResult",
    "Connection",
    "NoServer",
    "ServerRefused",
    "ensure_server",
    "log_hint",
    "start_server",
]
