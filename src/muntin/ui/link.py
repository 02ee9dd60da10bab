"""What the UI needs from its connection to the server, and the updates it receives, as plain values."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from muntin.layout import Rect
from muntin.ui.render import Run
from muntin.ui.status import WindowTab
from muntin.ui.window_view import FloatingView


@dataclass(frozen=True, slots=True)
class LayoutUpdate:
    """The current window's arrangement: pane rectangles in a ``width`` x ``height`` area."""

    width: int
    height: int
    panes: Mapping[int, Rect]
    active: int | None
    zoomed: bool = False
    floating: Mapping[int, FloatingView] = field(default_factory=dict)  # over the panes, the topmost last


@dataclass(frozen=True, slots=True)
class WindowsUpdate:
    session: str
    windows: Sequence[WindowTab]


@dataclass(frozen=True, slots=True)
class PaneUpdate:
    """New rows (only those that changed) and the pane's cursor, modes and title."""

    pane: int
    rows: Mapping[int, list[Run]] = field(default_factory=dict)
    cursor: tuple[int, int] | None = None
    cursor_visible: bool | None = None
    title: str | None = None
    modes: Any = None
    dead: str | None = None
    copy: Any = None  # a CopyView while in copy mode, False when the pane left it, None: unchanged


@dataclass(frozen=True, slots=True)
class MessageUpdate:
    """A line to show in the status bar for a while (``display-message``, errors of commands)."""

    text: str


@dataclass(frozen=True, slots=True)
class ClientAction:
    """The server asks this client to do something only a UI can do (prompt, copy mode, detach, ...)."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OptionsUpdate:
    """The server's values (as text) of the options this client draws with: status, status-left, theme, ..."""

    options: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Closed:
    """The connection ended: detached, the session closed, or the server went away."""

    reason: str


Update = LayoutUpdate | WindowsUpdate | PaneUpdate | MessageUpdate | ClientAction | OptionsUpdate | Closed


@dataclass(frozen=True, slots=True)
class CommandOutcome:
    ok: bool
    output: str = ""
    error: str = ""


class ServerLink(Protocol):
    """The UI's view of an attached connection."""

    def updates(self) -> AsyncIterator[Update]: ...

    async def send_input(self, pane: int, data: bytes) -> None: ...

    async def run_command(self, text: str, *, target: str | None = None,
                          mouse: tuple[int, ...] | None = None) -> CommandOutcome:
        """Run command text in the server (``target``: from that pane, ``%N``, not the client's; ``mouse``:
        where the mouse event that runs it happened)."""

    async def resize(self, width: int, height: int) -> None: ...

    async def send_colours(self, colours: dict[str, str]) -> None: ...

    async def detach(self) -> None: ...

    async def close(self) -> None: ...
