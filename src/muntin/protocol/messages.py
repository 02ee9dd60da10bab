"""The message schema: every message type with its required fields, validation, and the row encoding."""

from __future__ import annotations

import base64
import os
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from muntin.emulator.style import DEFAULT, Style
from muntin.protocol._framing import ProtocolError

PROTOCOL_VERSION = 2
"""2: a large result comes in several ``result`` frames, ``more`` set on all but the last."""


class ClientKind(enum.Enum):
    """Who is connecting: a one-shot command client (the CLI) or an attached UI."""

    CONTROL = "control"
    UI = "ui"


# type -> {field: accepted python types}. Fields not listed are allowed (optional ones).
_NUM = (int,)
_STR = (str,)
_OPT_STR = (str, type(None))
SCHEMA: dict[str, dict[str, tuple[type, ...]]] = {
    # client -> server
    "hello": {"version": _NUM, "kind": _STR},
    "command": {"id": _NUM},  # with "argv": [words], "commands": [[words], ...] or "text": "command text";
    # "target": a pane ("%N") or any target the commands run from instead of the client's current pane;
    # "mouse": [x, y] or [x, y, column, row], where the mouse event that runs them happened on the screen
    # (display-menu -xM -yM) and in the target pane (mouse_word, mouse_line)
    "attach": {"id": _NUM, "session": _OPT_STR, "width": _NUM, "height": _NUM},
    "resize": {"width": _NUM, "height": _NUM},
    "input": {"pane": _NUM, "data": _STR},
    "colours": {"palette": (dict,)},  # with "foreground", "background": the UI's terminal's colours
    "detach": {},
    # server -> client
    "welcome": {"version": _NUM, "pid": _NUM},
    "error": {"message": _STR},
    "result": {"id": _NUM, "ok": (bool,), "output": _STR, "error": _STR, "code": _NUM},  # "more": a part
    "state": {"session": _STR, "windows": (list,), "layout": (dict,), "panes": (list,)},
    "pane": {"pane": _NUM, "rows": (list,), "styles": (list,), "cursor": (list,), "cursor_visible": (bool,),
             "title": _STR, "state": _STR, "modes": (dict,)},
    "layout": {"window": _NUM, "width": _NUM, "height": _NUM, "panes": (dict,), "borders": (list,)},
    "windows": {"session": _STR, "windows": (list,)},
    "exited": {"pane": _NUM, "report": _STR},
    "bell": {"pane": _NUM},
    "message": {"text": _STR},
    "action": {"name": _STR, "args": (dict,)},
    "options": {"options": (dict,)},
    "closed": {"reason": _STR},
    "control": {"text": _STR},  # control-mode output (latin-1: one character a byte); "flags": refresh -f's
}


def validate(message: Mapping[str, Any]) -> str:
    """The message's type, after checking it is known and has its required fields; else ProtocolError."""
    kind = message.get("t")
    fields = SCHEMA.get(kind) if isinstance(kind, str) else None
    if fields is None:
        raise ProtocolError(f"unknown message type {kind!r}")
    for name, types in fields.items():
        if name not in message:
            raise ProtocolError(f"{kind} message without '{name}'")
        value = message[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise ProtocolError(f"{kind} message: '{name}' has the wrong type ({type(value).__name__})")
    return kind


def make(message_type: str, /, **fields: Any) -> dict[str, Any]:
    """A message of type ``message_type`` (validated, so a server bug shows up where it is made)."""
    message = {"t": message_type, **fields}
    validate(message)
    return message


UPDATE_ENVIRONMENT = ("DISPLAY", "KRB5CCNAME", "SSH_ASKPASS", "SSH_AUTH_SOCK", "SSH_AGENT_PID", "SSH_CONNECTION",
                      "WINDOWID", "XAUTHORITY", "WAYLAND_DISPLAY", "COLORTERM")
"""Variables a client brings along (tmux's update-environment): a session takes them from the client that
creates it and from each client that attaches, so new panes see the current ssh agent and display."""


def hello(kind: ClientKind, env: Mapping[str, str] | None = None, *, tty: str | None = None,
          term: str | None = None) -> dict[str, Any]:
    """The first message; ``env`` (default: this process's) gives the UPDATE_ENVIRONMENT variables and PATH
    (``path``: tmux runs the panes a command line makes with the command line's PATH); a UI
    adds its terminal's ``tty`` path and ``term`` (TERM), optional fields (tmux's client_tty, client_termname)."""
    source = os.environ if env is None else env
    extra = {name: value for name, value in (("tty", tty), ("term", term), ("path", source.get("PATH")))
             if value is not None}
    return make("hello", version=PROTOCOL_VERSION, kind=kind.value,
                env={name: source[name] for name in UPDATE_ENVIRONMENT if name in source}, **extra)


def own_terminal() -> dict[str, str]:
    """This process's terminal for a UI's hello: the path of the first of stdin, stdout, stderr that is a
    tty, and TERM ("" for what it lacks)."""
    tty = ""
    for fd in (0, 1, 2):
        try:
            tty = os.ttyname(fd)
            break
        except OSError:
            continue
    return {"tty": tty, "term": os.environ.get("TERM", "")}


def input_message(pane: int, data: bytes) -> dict[str, Any]:
    return make("input", pane=pane, data=base64.b64encode(data).decode())


def input_bytes(message: Mapping[str, Any]) -> bytes:
    try:
        return base64.b64decode(message["data"], validate=True)
    except ValueError:
        raise ProtocolError("input message: 'data' is not base64") from None


# -- rows: the hot path ------------------------------------------------------------------------------

_FLAGS = ("bold", "dim", "italic", "underline", "blink", "reverse", "strikethrough")


def _color_out(color: Any) -> Any:
    return list(color) if isinstance(color, tuple) else color


def _color_in(color: Any) -> Any:
    return tuple(color) if isinstance(color, list) else color


_CACHE_SIZE = 4096  # distinct styles remembered on each side; past that the cache starts again
_to_wire: dict[Style, list[Any]] = {}
_from_wire: dict[tuple[Any, ...], Style] = {}


def style_to_wire(style: Style) -> list[Any]:
    """A style as the wire has it (the same list for the same style: it is only ever encoded)."""
    wire = _to_wire.get(style)
    if wire is None:
        flags = 0
        for bit, name in enumerate(_FLAGS):
            if getattr(style, name):
                flags |= 1 << bit
        wire = [_color_out(style.fg), _color_out(style.bg), flags, style.link]
        if len(_to_wire) >= _CACHE_SIZE:
            _to_wire.clear()
        _to_wire[style] = wire
    return wire


def style_from_wire(value: list[Any]) -> Style:
    try:
        fg, bg, flags, link = value
        key = (_color_in(fg), _color_in(bg), flags, link)
        style = _from_wire.get(key)
    except (TypeError, ValueError):  # not four values, or one that cannot be a key (a dict, a list in a list)
        raise ProtocolError(f"bad style {value!r}") from None
    if style is None:
        if not isinstance(flags, int):
            raise ProtocolError(f"bad style {value!r}")
        style = Style(key[0], key[1], *(bool(flags & (1 << bit)) for bit in range(len(_FLAGS))), link)
        if len(_from_wire) >= _CACHE_SIZE:
            _from_wire.clear()
        _from_wire[key] = style
    return style


class StyleTable:
    """Collects the distinct styles of one message; runs refer to them by index."""

    def __init__(self) -> None:
        self._index: dict[Style, int] = {}
        self.styles: list[list[Any]] = []

    def __call__(self, style: Style) -> int:
        index = self._index.get(style)
        if index is None:
            index = self._index[style] = len(self.styles)
            self.styles.append(style_to_wire(style))
        return index


def encode_rows(rows: Iterable[tuple[int, list[tuple[str, Style]]]], table: StyleTable) -> list[Any]:
    """``[[y, [[text, style_index], ...]], ...]``. Blank cells of the default style at the end of a row are
    left out (a client pads every row to the pane's width with them), so a wide, mostly empty pane costs
    what its text costs."""
    return [[y, [[text, table(style)] for text, style in _trimmed(runs)]] for y, runs in rows]


def _trimmed(runs: list[tuple[str, Style]]) -> list[tuple[str, Style]]:
    end = len(runs)
    while end and runs[end - 1][1] == DEFAULT and not runs[end - 1][0].strip(" "):
        end -= 1
    if end and runs[end - 1][1] == DEFAULT and runs[end - 1][0].endswith(" "):
        text, style = runs[end - 1]
        return [*runs[:end - 1], (text.rstrip(" "), style)]
    return runs[:end] if end < len(runs) else runs


def decode_rows(rows: list[Any], styles: list[Any]) -> dict[int, list[tuple[str, Style]]]:
    table = [style_from_wire(s) for s in styles]
    try:
        return {y: [(text, table[index]) for text, index in runs] for y, runs in rows}
    except (TypeError, ValueError, IndexError):
        raise ProtocolError("malformed rows in a pane message") from None
