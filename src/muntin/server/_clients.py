"""One connection as the server sees it: sends that never raise, flow control, and results streamed in frames."""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from muntin.protocol import ClientKind, ProtocolError, encode_frame, make

if TYPE_CHECKING:
    from muntin.server._control import ControlState
    from muntin.session import Session

CONGESTED = 1 << 18
"""A client with more than this queued is sent nothing new; its changed rows coalesce until it drains, and a
full ``state`` replaces the ``state``, ``layout`` and ``windows`` messages it missed."""
PAUSE_READING = 1 << 20
"""A client with more than this of its answers unread has no further request read until it reads them."""
MAX_INFLIGHT = 8
"""Commands of one client that may run (or wait to send their result) at once; its next request waits."""
HARD_LIMIT = 1 << 25
"""A client with more than this queued for STALL_LIMIT seconds is dropped."""
STALL_LIMIT = 10.0
CLOSE_GRACE = 2.0
"""Seconds a dropped client has to read its ``closed`` message before the connection is cut."""
RESULT_CHUNK = 1 << 20
"""Characters of output (or error) per ``result`` frame: at most 6 bytes each in JSON, under MAX_FRAME."""

UI_ONLY = frozenset(("state", "pane", "layout", "windows", "exited", "bell", "message", "action", "options"))
"""What a control-mode client is never sent: it reads the model as control-mode text instead."""
_ACTIVITY = itertools.count(1)
"""Ticks of client activity (attach, resize, input, a command): the highest is the latest client."""


class Client:
    """One connection: a control client sending commands, or a UI attached to a session.

    ``send`` never raises: a message to a closing or closed connection is dropped and marks the client
    closed, so a failure with one client never reaches another."""

    def __init__(self, server: Any, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.server = server
        self.reader = reader
        self.writer = writer
        self.kind = ClientKind.CONTROL
        self.session: Session | None = None
        self.width, self.height = 80, 24
        self.pending: dict[int, set[int]] = {}
        self.needs_state = False  # it missed state while congested: one full state once it drains
        self.closed = False
        self.env: dict[str, str] = {}  # its UPDATE_ENVIRONMENT variables, from hello
        self.tty = ""  # a UI's terminal (/dev/pts/N) and its TERM, from hello
        self.path = ""  # its PATH, from hello: what panes made by its commands run with while it is unattached
        self.term = ""
        self.pid = 0  # the process at the other end (SO_PEERCRED)
        self.connected_at = next(_ACTIVITY)  # list-clients shows clients in the order they came
        self.tasks: set[asyncio.Task[Any]] = set()  # its commands that have not answered yet
        self.active_at = 0  # when it last attached, resized, typed or ran a command (an _ACTIVITY tick)
        self.created = self.activity = time.time()  # wall-clock times, for client_created and client_activity
        self.written = 0  # bytes queued to it so far (less ``queued``: what it has read)
        self.control: ControlState | None = None  # a control-mode client (-C): its state
        self._streaming = asyncio.Lock()  # one result streams at a time, so the buffer stays bounded
        self._over_since: float | None = None
        writer.transport.set_write_buffer_limits(high=PAUSE_READING, low=PAUSE_READING // 4)

    def touch(self) -> None:
        """It is the latest client now (window-size latest: its size wins)."""
        self.active_at = next(_ACTIVITY)
        self.activity = time.time()

    @property
    def queued(self) -> int:
        """Bytes written to this client that it has not read yet (beyond the kernel's buffer)."""
        return self.writer.transport.get_write_buffer_size()

    @property
    def congested(self) -> bool:
        return self.closed or self.writer.transport.is_closing() or self.queued > CONGESTED

    def send(self, message: dict[str, Any]) -> None:
        if self.closed or (self.control is not None and message.get("t") in UI_ONLY):
            return
        try:
            frame = encode_frame(message)
        except (ProtocolError, ValueError) as error:  # a bug in what we send: this message only is lost
            print(f"muntin server: cannot send a {message.get('t')} message: {error}", file=sys.stderr)
            return
        self.write(frame)

    def write(self, frame: bytes) -> None:
        """Queue an encoded frame; a connection that is closing (or half-closed by us) marks the client closed."""
        if self.closed:
            return
        if self.writer.transport.is_closing():
            self.closed = True
            return
        try:
            self.writer.write(frame)
            self.written += len(frame)
        except (RuntimeError, OSError):  # write() after write_eof(), or the socket is gone
            self.closed = True
            return
        self._watch_queue()

    def _watch_queue(self) -> None:
        if self.queued <= HARD_LIMIT:
            self._over_since = None
        elif self._over_since is None:
            self._over_since = time.monotonic()
            asyncio.get_running_loop().call_later(STALL_LIMIT, self._check_stalled)

    def _check_stalled(self) -> None:
        since = self._over_since
        if self.closed or since is None:
            return
        if self.queued <= HARD_LIMIT:
            self._over_since = None
            return
        if time.monotonic() - since < STALL_LIMIT:
            asyncio.get_running_loop().call_later(STALL_LIMIT - (time.monotonic() - since), self._check_stalled)
            return
        reason = f"too slow: {self.queued >> 20} MiB unread for {STALL_LIMIT:g} s"
        print(f"muntin server: dropped a client: {reason}", file=sys.stderr)
        self.drop(reason)

    def drop(self, reason: str) -> None:
        """Close with ``reason``; what it has not read within CLOSE_GRACE seconds is thrown away."""
        self.send(make("closed", reason=reason))
        self.close()
        asyncio.get_running_loop().call_later(CLOSE_GRACE, self.writer.transport.abort)

    def refuse(self, reason: str) -> None:
        """Send the error and half-close: from now on nothing more is sent to this client."""
        self.send(make("error", message=reason))
        if not self.closed and self.writer.can_write_eof():
            try:
                self.writer.write_eof()
            except (RuntimeError, OSError):
                pass
        self.closed = True

    def close(self) -> None:
        self.closed = True
        self.writer.close()

    # -- flow control ------------------------------------------------------------------------------------

    async def drained(self) -> None:
        """Until at most PAUSE_READING of what was sent is unread (or the connection is gone)."""
        while not self.closed and not self.writer.transport.is_closing() and self.queued > PAUSE_READING:
            try:
                await self.writer.drain()
            except (ConnectionError, RuntimeError, OSError):
                self.closed = True

    async def room(self) -> None:
        """Until this client may have one more request read: fewer than MAX_INFLIGHT of its commands are
        running and it has read its answers down to PAUSE_READING."""
        while not self.closed:
            if len(self.tasks) >= MAX_INFLIGHT:
                await asyncio.wait(set(self.tasks), return_when=asyncio.FIRST_COMPLETED)
            elif self.queued > PAUSE_READING:
                await self.drained()
            else:
                return

    async def send_result(self, ident: int, *, ok: bool, output: str, error: str, code: int,
                          data: Any = None) -> None:
        """A command's result: one frame, or for a large one several ``result`` frames with ``more`` set on
        all but the last (the client joins their output and error; ok, code and data are the last one's)."""
        extra = {"data": data} if data is not None else {}
        if len(output) + len(error) <= RESULT_CHUNK:
            self.write(_result_frame(ident, ok, output, error, code, extra))
            return
        pieces = [(output[i:i + RESULT_CHUNK], "") for i in range(0, len(output), RESULT_CHUNK)]
        pieces += [("", error[i:i + RESULT_CHUNK]) for i in range(0, len(error), RESULT_CHUNK)]
        async with self._streaming:
            for number, (out, err) in enumerate(pieces):
                await self.drained()
                if self.closed:
                    return
                last = number == len(pieces) - 1
                if last:
                    self.write(_result_frame(ident, ok, out, err, code, extra))
                else:
                    self.write(encode_frame(make("result", id=ident, ok=ok, output=out, error=err, code=code,
                                                 more=True)))


def _result_frame(ident: int, ok: bool, output: str, error: str, code: int, extra: dict[str, Any]) -> bytes:
    """The last (or only) frame of a result; data too big for a frame makes it a failure saying so."""
    try:
        return encode_frame(make("result", id=ident, ok=ok, output=output, error=error, code=code, **extra))
    except ProtocolError as problem:
        if not extra:
            raise
        return encode_frame(make("result", id=ident, ok=False, output=output, code=os.EX_SOFTWARE,
                                 error=f"{error}the result's data cannot be sent: {problem}"))


def _latest(clients: Sequence[Client]) -> tuple[int, int]:
    client = max(clients, key=lambda c: c.active_at)
    return client.width, client.height


WINDOW_SIZES: dict[str, Callable[[Sequence[Client]], tuple[int, int]]] = {
    "smallest": lambda clients: (min(c.width for c in clients), min(c.height for c in clients)),
    "largest": lambda clients: (max(c.width for c in clients), max(c.height for c in clients)),
    "latest": _latest,
}
"""window-size (but manual) -> a session's size from its attached clients, as tmux's clients_calculate_size:
each axis on its own for smallest and largest, the one most recently active client for latest."""
