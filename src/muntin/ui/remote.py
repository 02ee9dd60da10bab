"""The UI's connection to a server: protocol messages in, plain UI updates out; input and commands back."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking
from muntin.protocol import (
    PROTOCOL_VERSION,
    ClientKind,
    FrameDecoder,
    ProtocolError,
    decode_rows,
    encode_frame,
    hello,
    input_message,
    make,
    own_terminal,
)
from muntin.layout import Rect
from muntin.ui.early import ATTACH_ID, Early
from muntin.ui.link import (
    ClientAction,
    Closed,
    CommandOutcome,
    LayoutUpdate,
    MessageUpdate,
    OptionsUpdate,
    PaneUpdate,
    Update,
    WindowsUpdate,
)
from muntin.ui.status import WindowTab
from muntin.ui.window_view import CopyView, FloatingView


class AttachError(RuntimeError):
    """The server refused the connection or the attach (no such session, another version, ...)."""


def modes_from_wire(data: Mapping[str, Any] | None) -> Modes | None:
    if not data:
        return None
    modes = Modes()
    for name, value in data.items():
        if hasattr(modes, name):
            setattr(modes, name, value)
    modes.mouse_tracking = MouseTracking(int(modes.mouse_tracking))
    modes.mouse_encoding = MouseEncoding(int(modes.mouse_encoding))
    return modes


def pane_update(message: Mapping[str, Any], styles: list[Any]) -> PaneUpdate:
    cursor = message.get("cursor")
    return PaneUpdate(
        pane=int(message["pane"]),
        rows=decode_rows(message.get("rows", []), styles),
        cursor=tuple(cursor) if cursor is not None else None,
        cursor_visible=message.get("cursor_visible"),
        title=message.get("title"),
        modes=modes_from_wire(message.get("modes")),
        dead=message.get("report") if message.get("state") == "dead" else None,
        copy=(CopyView.from_wire(message["copy"]) if message["copy"] else False) if "copy" in message else None,
    )


def layout_update(data: Mapping[str, Any]) -> LayoutUpdate:
    panes = {int(pid): Rect(*rect) for pid, rect in data.get("panes", {}).items()}
    floating = {int(pid): FloatingView(Rect(int(x), int(y), int(w), int(h)), str(title), bool(popup), bool(border))
                for pid, x, y, w, h, title, popup, border in data.get("floating", ())}
    return LayoutUpdate(int(data["width"]), int(data["height"]), panes, data.get("active"),
                        bool(data.get("zoomed")), floating)


def windows_update(session: str, windows: list[Mapping[str, Any]]) -> WindowsUpdate:
    tabs = [WindowTab(int(w["index"]), str(w.get("name", "")), current=bool(w.get("active")),
                      last=bool(w.get("last")), activity=bool(w.get("activity")), bell=bool(w.get("bell")),
                      silence=bool(w.get("silence")), zoomed=bool(w.get("zoomed"))) for w in windows]
    return WindowsUpdate(session, tabs)


def translate(message: Mapping[str, Any]) -> list[Update]:
    """One server message as the UI updates it stands for."""
    kind = message.get("t")
    if kind == "state":
        updates: list[Update] = [windows_update(message["session"], message["windows"]),
                                 layout_update(message["layout"])]
        styles = message.get("styles", [])
        updates += [pane_update(pane, styles) for pane in message.get("panes", [])]
        return updates
    if kind == "pane":
        return [pane_update(message, message.get("styles", []))]
    if kind == "layout":
        return [layout_update(message)]
    if kind == "windows":
        return [windows_update(message["session"], message["windows"])]
    if kind == "exited":
        return [PaneUpdate(pane=int(message["pane"]), dead=str(message.get("report", "")))]
    if kind == "bell":
        return [ClientAction("bell", {"pane": message.get("pane")})]
    if kind == "message":
        return [MessageUpdate(str(message.get("text", "")))]
    if kind == "action":
        return [ClientAction(str(message["name"]), dict(message.get("args", {})))]
    if kind == "options":
        return [OptionsUpdate({str(k): str(v) for k, v in message["options"].items()})]
    if kind == "closed":
        return [Closed(str(message.get("reason", "")))]
    if kind == "error":
        return [Closed(str(message.get("message", "error")))]
    return []


class RemoteLink:
    """A ServerLink over the server's socket."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.decoder = FrameDecoder()
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[CommandOutcome]] = {}
        self.parts: dict[Any, list[dict[str, Any]]] = {}  # a large result's frames until its last one
        self.queue: asyncio.Queue[Update] = asyncio.Queue()
        self.reader_task: asyncio.Task[None] | None = None
        self.closed = False

    @classmethod
    async def connect(cls, path: Path, session: str | None, width: int, height: int) -> RemoteLink:
        try:
            reader, writer = await asyncio.open_unix_connection(str(path))
        except (FileNotFoundError, ConnectionRefusedError) as error:
            raise AttachError(f"no server running on {path}") from error
        link = cls(reader, writer)
        link._send(hello(ClientKind.UI, **own_terminal()))  # list-clients and client_* show its tty and TERM
        welcome = await link._read_one()
        if welcome.get("t") != "welcome" or welcome.get("version") != PROTOCOL_VERSION:
            writer.close()
            raise AttachError(str(welcome.get("message") or f"server answered {welcome.get('t')}"))
        link._send(make("attach", id=next(link.ids), session=session, width=width, height=height))
        link.reader_task = asyncio.get_running_loop().create_task(link._read_loop())
        return link

    @classmethod
    async def adopt(cls, early: Early, width: int, height: int) -> RemoteLink:
        """The link over a connection attached before the app started (``muntin.ui.early``): what the server
        sent on it so far comes first, then what it sends from now on."""
        reader, writer = await asyncio.open_unix_connection(sock=early.sock)
        link = cls(reader, writer)
        link.decoder = early.decoder
        link.ids = itertools.count(ATTACH_ID + 1)
        for message in early.messages:
            link._dispatch(message)
        if (width, height) != (early.width, early.height):  # the terminal changed size meanwhile
            await link.resize(width, height)
        link.reader_task = asyncio.get_running_loop().create_task(link._read_loop())
        return link

    def _send(self, message: dict[str, Any]) -> None:
        if not self.closed:
            self.writer.write(encode_frame(message))

    async def _read_one(self) -> dict[str, Any]:
        while True:
            data = await self.reader.read(65536)
            if not data:
                raise AttachError("the server closed the connection")
            messages = self.decoder.feed(data)
            if messages:
                first, *rest = messages
                for message in rest:
                    self._dispatch(message)
                return first

    async def _read_loop(self) -> None:
        try:
            while True:
                data = await self.reader.read(1 << 18)
                if not data:
                    break
                for message in self.decoder.feed(data):
                    self._dispatch(message)
        except (ConnectionError, ProtocolError) as error:
            await self.queue.put(Closed(f"connection lost: {error}"))
            return
        await self.queue.put(Closed("server exited"))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if message.get("t") == "result":
            if message.get("more"):
                self.parts.setdefault(message.get("id"), []).append(message)
                return
            parts = [*self.parts.pop(message.get("id"), []), message]
            output = "".join(str(part.get("output", "")) for part in parts)
            error = "".join(str(part.get("error", "")) for part in parts)
            message = {**message, "output": output, "error": error}
            future = self.pending.pop(message.get("id"), None)
            if future is not None and not future.done():
                future.set_result(CommandOutcome(bool(message.get("ok")), output, error))
            if message.get("ok") is False and future is None:
                self.queue.put_nowait(MessageUpdate(str(message.get("error", ""))))
            return
        for update in translate(message):
            self.queue.put_nowait(update)

    async def updates(self) -> AsyncIterator[Update]:
        while True:
            update = await self.queue.get()
            yield update
            if isinstance(update, Closed):
                return

    async def send_input(self, pane: int, data: bytes) -> None:
        self._send(input_message(pane, data))

    async def run_command(self, text: str, *, target: str | None = None,
                          mouse: tuple[int, ...] | None = None) -> CommandOutcome:
        request = next(self.ids)
        future: asyncio.Future[CommandOutcome] = asyncio.get_running_loop().create_future()
        self.pending[request] = future
        place = {"target": target} if target else {}  # run from that pane (a menu's target), as tmux does
        if mouse is not None:
            place["mouse"] = list(mouse)
        self._send(make("command", id=request, text=text, **place))  # the server parses it: quoting, `;` sequences
        try:
            return await asyncio.wait_for(future, 30)
        except TimeoutError:
            self.pending.pop(request, None)
            return CommandOutcome(False, error=f"no answer from the server to: {text}")

    async def resize(self, width: int, height: int) -> None:
        self._send(make("resize", width=width, height=height))

    async def send_colours(self, colours: dict[str, str]) -> None:
        """The terminal's answers to the colour queries (``foreground``, ``background``, palette "0"-"15")."""
        palette = {name: spec for name, spec in colours.items() if name.isdigit()}
        named = {name: colours[name] for name in ("foreground", "background") if name in colours}
        self._send(make("colours", palette=palette, **named))

    async def detach(self) -> None:
        self._send(make("detach"))

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.reader_task is not None:
            self.reader_task.cancel()
        self.writer.close()
        try:
            await self.writer.wait_closed()
        except (ConnectionError, OSError):
            pass
