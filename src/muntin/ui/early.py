"""The first frame before the app is up: attach on a plain socket and paint the panes the server sends.

Importing Textual and starting the app take most of an attach; the panes' content needs neither. ``attach``
connects as the app would (hello, attach with the size the app will give its panes) and reads until the
server has sent the session's state and options; ``paint`` writes the panes' rows straight to the terminal,
on the alternate screen, where the app draws them again a moment later with the borders, titles and the
status bar. The app then takes over the same connection (``RemoteLink.adopt``), so nothing the server sent
is lost and the server sees one client. Until the app's driver takes the terminal, ``hold_input`` keeps
what is typed from echoing over the frame; the app reads it as usual.

No Textual here, and nothing heavy: this runs before the rest of the UI is imported.
"""

from __future__ import annotations

import os
import socket
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from muntin.emulator.style import DEFAULT, sgr
from muntin.protocol import PROTOCOL_VERSION, ClientKind, FrameDecoder, decode_rows, encode_frame, hello, make
from muntin.protocol import own_terminal

TIMEOUT = 2.0
"""Seconds the early attach waits for the server; past that the app connects as it always did."""

ATTACH_ID = 1  # the request id of the attach: the adopted link numbers its requests after it


@dataclass
class Early:
    """An attached connection and what the server sent on it so far, for the app to take over."""

    sock: socket.socket
    decoder: FrameDecoder
    width: int
    height: int
    messages: list[dict[str, Any]] = field(default_factory=list)

    def message(self, kind: str) -> dict[str, Any] | None:
        return next((m for m in self.messages if m.get("t") == kind), None)

    def close(self) -> None:
        self.sock.close()


def attach(path: Path, session: str | None, width: int, height: int, timeout: float = TIMEOUT) -> Early | None:
    """Attach to ``session`` with a ``width`` x ``height`` area; None when anything is not as expected (no
    server, another version, no such session, too slow): the app then connects itself and says why."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    early = Early(sock, FrameDecoder(), width, height)
    deadline = time.monotonic() + timeout
    try:
        sock.settimeout(timeout)
        sock.connect(os.fspath(path))
        sock.sendall(encode_frame(hello(ClientKind.UI, **own_terminal())))
        welcome = _next(early, deadline)
        if welcome.get("t") != "welcome" or welcome.get("version") != PROTOCOL_VERSION:
            raise ConnectionError("not welcome")
        early.messages.clear()
        sock.sendall(encode_frame(make("attach", id=ATTACH_ID, session=session, width=width, height=height)))
        result = _next(early, deadline)
        if result.get("t") != "result" or not result.get("ok"):
            raise ConnectionError("attach refused")
        while early.message("options") is None:
            _next(early, deadline)
    except (OSError, ValueError):  # ConnectionError, a timeout, a malformed frame (ProtocolError)
        sock.close()
        return None
    sock.settimeout(None)
    return early


def _next(early: Early, deadline: float) -> dict[str, Any]:
    """The next message (kept in ``early.messages``)."""
    index = len(early.messages)
    while len(early.messages) <= index:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the server is slow")
        early.sock.settimeout(left)
        data = early.sock.recv(1 << 18)
        if not data:
            raise ConnectionError("the server closed the connection")
        early.messages += early.decoder.feed(data)
    return early.messages[index]


def frame(early: Early, top: int, cursor_cell: bool) -> str:
    """The panes' rows of the state the server sent, placed ``top`` rows down (the title line, a status bar
    on top), with the active pane's cursor as a reverse cell when ``cursor_cell``: the text to write on the
    alternate screen. The rest of the screen is blank until the app draws it."""
    state = early.message("state")
    if state is None:
        return ""
    layout = state.get("layout", {})
    rects = {int(pid): rect for pid, rect in layout.get("panes", {}).items()}
    styles = state.get("styles", [])
    out = ["\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"]
    for pane in state.get("panes", []):
        pid = int(pane["pane"])
        if pid not in rects:
            continue
        x, y, width, height = rects[pid]
        rows = decode_rows(pane.get("rows", []), styles)
        cursor = pane.get("cursor") if cursor_cell and pid == layout.get("active") \
            and pane.get("cursor_visible", True) else None
        for row in range(min(height, max(rows, default=-1) + 1)):
            runs = rows.get(row, [])
            if cursor is not None and cursor[1] == row:
                runs = _with_cursor(runs, cursor[0], width)
            out.append(f"\x1b[{top + y + row + 1};{x + 1}H")
            used = 0
            for text, style in runs:
                text = text[:max(width - used, 0)] if text.isascii() else text
                used += len(text)
                out.append(sgr(style) + text)
            out.append("\x1b[0m")
    return "".join(out)


def _with_cursor(runs: list[tuple[str, Any]], x: int, width: int) -> list[tuple[str, Any]]:
    """The runs with the cell at ``x`` reversed, as the app draws the cursor; unchanged when a wide or
    combining character comes before it (the app draws it a moment later)."""
    if not 0 <= x < width:
        return runs
    out: list[tuple[str, Any]] = []
    pos = 0
    for index, (text, style) in enumerate(runs):
        if not text.isascii():
            return runs
        if pos <= x < pos + len(text):
            cut = x - pos
            out += [(text[:cut], style), (text[cut], style._replace(reverse=not style.reverse)),
                    (text[cut + 1:], style), *runs[index + 1:]]
            return out
        out.append((text, style))
        pos += len(text)
    return [*out, (" " * (x - pos), DEFAULT), (" ", DEFAULT._replace(reverse=True))]


_held: list[Any] = []  # the terminal's settings before hold_input, while it holds


def hold_input(fd: int) -> None:
    """Until ``release_input``: what is typed is neither echoed nor held back for a whole line (it waits
    for the app, which reads it). The settings are put back before the app's driver saves its own copy."""
    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        return
    changed = list(saved)
    changed[3] = saved[3] & ~(termios.ECHO | termios.ICANON)
    try:
        termios.tcsetattr(fd, termios.TCSANOW, changed)
    except termios.error:
        return
    _held[:] = [fd, saved]


def release_input() -> bool:
    """The terminal's settings as they were before ``hold_input``; False when it held nothing."""
    if not _held:
        return False
    fd, saved = _held
    _held.clear()
    try:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
    except termios.error:
        pass
    return True
