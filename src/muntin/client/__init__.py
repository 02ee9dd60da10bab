"""Talking to the server: connect with the handshake, run commands, attach and follow a session.

``Connection`` is the blocking API for the CLI, scripts and tests; ``AsyncConnection`` the asyncio one for
the UI. ``ensure_server`` starts a server on demand (a fresh ``python -m muntin`` process in its own
session, which must happen before the caller starts any thread)."""

from __future__ import annotations

import errno
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Mapping, Sequence
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


def _result(message: dict[str, Any], parts: list[dict[str, Any]] | None = None) -> CommandResult:
    """The result in ``message``, after the ``more`` frames in ``parts`` that came before it."""
    output, error = message["output"], message["error"]
    if parts:
        output = "".join(part["output"] for part in parts) + output
        error = "".join(part["error"] for part in parts) + error
    return CommandResult(message["ok"], output, error, message["code"], message.get("data"))


class ConnectFailed(ConnectionError):
    """The socket is there but this client cannot connect to it; ``code`` is the ``os.EX_*`` exit status."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


CONNECT_TIMEOUT = 10.0

_CONNECT_ERRORS: dict[int, tuple[str, int]] = {
    errno.EACCES: ("permission denied: {path} (is it another user's server?)", os.EX_NOPERM),
    errno.EPERM: ("permission denied: {path} (is it another user's server?)", os.EX_NOPERM),
    errno.EAGAIN: ("the server on {path} is not accepting connections (its backlog is full): try again",
                   os.EX_TEMPFAIL),
    errno.ETIMEDOUT: ("the server on {path} did not answer within {timeout:g} s: try again", os.EX_TEMPFAIL),
    errno.EMFILE: ("out of file descriptors: close some, or raise 'ulimit -n'", os.EX_TEMPFAIL),
    errno.ENFILE: ("the system is out of file descriptors: try again later", os.EX_TEMPFAIL),
    errno.ENOTDIR: ("{path}: a parent of the socket is not a directory", os.EX_UNAVAILABLE),
    errno.ELOOP: ("{path}: too many symbolic links", os.EX_UNAVAILABLE),
    errno.ENAMETOOLONG: ("{path}: the socket path is too long (at most 107 bytes): use a shorter -S PATH",
                         os.EX_UNAVAILABLE),
}
"""Why a connection failed, as one line and an exit status, for the errors other than "no server"."""

_NO_SERVER = (errno.ENOENT, errno.ECONNREFUSED, errno.ENOTSOCK)


def connect_error(error: OSError, path: Path, timeout: float | None = CONNECT_TIMEOUT) -> ConnectionError:
    """The exception to raise for ``error`` from connecting to ``path``: NoServer, or ConnectFailed."""
    if isinstance(error, (TimeoutError, socket.timeout)) and error.errno is None:
        error = OSError(errno.ETIMEDOUT, "timed out")
    if error.errno in _NO_SERVER:
        return NoServer(f"no server running on {path}")
    template, code = _CONNECT_ERRORS.get(error.errno or 0, ("can't connect to {path}: {reason}", os.EX_UNAVAILABLE))
    return ConnectFailed(template.format(path=path, timeout=timeout or 0, reason=error.strerror or error), code)


def _connect_socket(path: Path, timeout: float | None = CONNECT_TIMEOUT) -> socket.socket:
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError as error:
        raise connect_error(error, path, timeout) from None
    try:
        sock.settimeout(timeout)  # a full backlog or a stopped server never blocks the client
        sock.connect(os.fspath(path))
    except OSError as error:
        sock.close()
        raise connect_error(error, path, timeout) from None
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
        sock = _connect_socket(path, timeout)
        connection = cls(sock)
        try:
            connection.send(hello(kind))
            reply = connection.receive()
            if reply["t"] == "error":
                raise ServerRefused(reply["message"])
            if reply["t"] != "welcome":
                raise ProtocolError(f"expected welcome, got {reply['t']}")
            connection.server_pid = reply["pid"]
            sock.settimeout(None)
        except TimeoutError:
            sock.close()
            raise ConnectFailed(f"the server on {path} did not answer within {timeout:g} s: try again",
                                os.EX_TEMPFAIL) from None
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
        return self._request({"text": argv} if isinstance(argv, str) else {"argv": list(argv)})

    def commands(self, commands: Sequence[Sequence[str]]) -> CommandResult:
        """Run commands given as words, one after another as one request (stopping at the first that
        fails), and wait for their result: the CLI's `new -d \\; split-window`."""
        return self._request({"commands": [list(words) for words in commands]})

    def _request(self, fields: dict[str, Any]) -> CommandResult:
        self._next_id += 1
        ident = self._next_id
        self.send(make("command", id=ident, **fields))
        parts: list[dict[str, Any]] = []
        while True:
            message = self.receive()
            if message["t"] == "result" and message["id"] == ident:
                if message.get("more"):
                    parts.append(message)
                    continue
                return _result(message, parts)
            if message["t"] == "error":
                raise ServerRefused(message["message"])
            if message["t"] == "closed":
                raise ConnectionResetError(f"the server closed the connection: {message['reason']}")

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
    import subprocess  # here: only a command that starts the server needs it

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

    # An absolute path: the server runs in another directory than the caller.
    source = ["source-file", os.path.abspath(config)] if config else ["source-file", "-q", os.fspath(config_file())]
    result = connection.command(source)
    connection.config_problems = config_problems(result)
    if not config:
        from muntin.config.paths import tmux_config_note

        note = tmux_config_note()
        if note is not None:
            connection.config_problems.append(note)
    return connection


def config_problems(result: CommandResult) -> list[str]:
    """The ``FILE:LINE: what is wrong`` lines of a ``source-file`` result, once each, in order."""
    if result.ok:
        return []
    lines = result.error.splitlines()
    if lines:
        lines[0] = lines[0].removeprefix("source-file: ")
    return list(dict.fromkeys(line for line in lines if line.strip()))


class AsyncConnection:
    """The asyncio API: commands, and for an attached client the stream of updates (``events()``)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import asyncio  # only asyncio clients pay for importing it

        self.reader = reader
        self.writer = writer
        self.decoder = FrameDecoder()
        self._next_id = 0
        self._results: dict[int, asyncio.Future[CommandResult]] = {}
        self._parts: dict[int, list[dict[str, Any]]] = {}  # the ``more`` frames of results still arriving
        self._events: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._pump: asyncio.Task[None] | None = None
        self._pending: list[dict[str, Any]] = []
        self._closed = False  # the server closed the connection (or it broke): requests fail at once
        self.server_pid = 0

    @classmethod
    async def open(cls, path: Path, kind: ClientKind = ClientKind.UI,
                   terminal: Mapping[str, str] | None = None) -> AsyncConnection:
        """Connect and greet; ``terminal`` (``tty``, ``term``) says what a UI client draws on."""
        import asyncio  # only asyncio clients pay for importing it

        try:
            async with asyncio.timeout(CONNECT_TIMEOUT):
                reader, writer = await asyncio.open_unix_connection(os.fspath(path))
        except OSError as error:  # TimeoutError included
            raise connect_error(error, path) from None
        connection = cls(reader, writer)
        connection._write(hello(kind, **(terminal or {})))
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
                    ident = message["id"]
                    if message.get("more"):
                        self._parts.setdefault(ident, []).append(message)
                        continue
                    future = self._results.pop(ident)
                    if not future.done():
                        future.set_result(_result(message, self._parts.pop(ident, None)))
                else:
                    await self._events.put(message)
        except (ConnectionError, ProtocolError) as error:
            await self._events.put(make("closed", reason=str(error)))
        finally:
            self._closed = True
            for future in self._results.values():
                if not future.done():
                    future.set_exception(ConnectionResetError("the server closed the connection"))
            self._results.clear()
            await self._events.put(None)

    async def _request(self, message_type: str, **fields: Any) -> CommandResult:
        """Send a request and wait for its result; ConnectionError when the connection closes first."""
        import asyncio  # only asyncio clients pay for importing it

        if self._closed or self.writer.is_closing():
            raise ConnectionResetError("the server closed the connection")
        self._next_id += 1
        ident = self._next_id
        future: asyncio.Future[CommandResult] = asyncio.get_running_loop().create_future()
        self._results[ident] = future
        try:
            self._write(make(message_type, id=ident, **fields))
            await self.writer.drain()
        except BaseException:
            self._results.pop(ident, None)
            raise
        return await future

    async def command(self, argv: Sequence[str] | str) -> CommandResult:
        fields = {"text": argv} if isinstance(argv, str) else {"argv": list(argv)}
        return await self._request("command", **fields)

    async def attach(self, session: str | None, width: int, height: int) -> CommandResult:
        """Attach; the full state then arrives as a ``state`` event, followed by incremental updates."""
        return await self._request("attach", session=session, width=width, height=height)

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
    "ConnectFailed",
    "Connection",
    "NoServer",
    "ServerRefused",
    "config_problems",
    "connect_error",
    "ensure_server",
    "log_hint",
    "start_server",
]
