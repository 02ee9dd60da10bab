"""The live model: sessions hold numbered windows, a window holds a layout and its panes.

Sessions, windows and panes satisfy the target protocols of ``muntin.commands.targets`` (``id``, ``index``,
``name``, ``windows``/``panes`` in index order, ``active_*``/``last_*``, ``neighbour``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from muntin.layout import Direction, Geometry, Layout, Split, to_tmux
from muntin.session.buffers import Buffers
from muntin.session.pane import Pane, RemainOnExit

WINDOW_MAXIMUM = 10000
"""The largest window width or height in cells, as tmux's WINDOW_MAXIMUM: larger sizes are clamped to it."""


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """``width`` x ``height`` within 1..WINDOW_MAXIMUM on each axis (a client's or a command's size)."""
    return min(max(width, 1), WINDOW_MAXIMUM), min(max(height, 1), WINDOW_MAXIMUM)


_DIRECTIONS = {"left": Direction.LEFT, "right": Direction.RIGHT, "up": Direction.UP, "down": Direction.DOWN}


class Window:
    def __init__(self, session: Session, window_id: int, index: int, name: str, first: Pane, width: int,
                 height: int) -> None:
        self.session = session
        self.id = window_id
        self.index = index
        self.custom_name = name
        self.auto_name = ""  # the program in the active pane, kept by the server (automatic-rename)
        self.layout = Layout(first.id, width, height)
        self.pane_map: dict[int, Pane] = {}
        self.active = first.id
        self.last: int | None = None
        self.bell = False
        self.activity = False  # output while not the current window (with monitor-activity on)
        self.silence = False  # no output for monitor-silence seconds
        self.output_at = time.monotonic()  # when a pane last wrote (monitor-silence counts from it)
        self.silence_timer: Any = None  # the server's timer for monitor-silence, if one runs
        self.synchronized = False
        self.options: dict[str, Any] = {}  # window options (set-option -w)
        self.attach_pane(first)

    # -- the target protocol ------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        if self.custom_name:
            return self.custom_name
        if self.auto_name:
            return self.auto_name
        pane = self.pane_map.get(self.active)
        return pane.title if pane else ""

    @property
    def panes(self) -> list[Pane]:
        """The panes in layout order (their index in the window)."""
        return [self.pane_map[p] for p in self.layout.panes if p in self.pane_map]

    @property
    def active_pane(self) -> Pane:
        return self.pane_map[self.active]

    @property
    def last_pane(self) -> Pane | None:
        return self.pane_map.get(self.last) if self.last is not None else None

    def neighbour(self, pane: Pane, direction: str | Direction) -> Pane | None:
        found = self.layout.neighbour(pane.id, _DIRECTIONS.get(direction, direction))  # type: ignore[arg-type]
        return self.pane_map.get(found) if found is not None else None

    # -- changes ------------------------------------------------------------------------------------------

    def attach_pane(self, pane: Pane) -> None:
        self.pane_map[pane.id] = pane
        pane.window = self

    def select(self, pane_id: int) -> None:
        if pane_id != self.active:
            self.last = self.active
            self.active = pane_id

    def geometry(self) -> Geometry:
        return self.layout.solve()

    def apply_sizes(self) -> Geometry:
        """Solve the layout and give every pane its size."""
        geometry = self.layout.solve()
        for pane_id, rect in geometry.panes.items():
            pane = self.pane_map.get(pane_id)
            if pane is not None:
                pane.resize(rect.height, rect.width)
        return geometry

    def add_split(self, pane: Pane, new: Pane, split: Split, *, before: bool = False,
                  size: int | str | None = None, full: bool = False) -> None:
        self.layout.split(pane.id, new.id, split, before=before, size=size, full=full)
        self.attach_pane(new)
        self.apply_sizes()

    def remove(self, pane: Pane) -> None:
        self.pane_map.pop(pane.id, None)
        if pane.id in self.layout.panes and len(self.layout.panes) > 1:
            self.layout.close(pane.id)
        if self.active == pane.id:
            order = self.layout.panes
            candidates = [p for p in (self.last, *order) if p is not None and p in self.pane_map]
            self.active = candidates[0] if candidates else -1
            self.last = None
        elif self.last == pane.id:
            self.last = None
        if self.pane_map:
            self.apply_sizes()

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "id": f"@{self.id}",
            "name": self.name,
            "active": self.session.active == self.index,
            "last": self.session.last == self.index,
            "bell": self.bell,
            "activity": self.activity,
            "silence": self.silence,
            "panes": len(self.pane_map),
            "layout": to_tmux(self.layout),
            "zoomed": self.layout.zoomed is not None,
            "synchronized": self.synchronized,
        }


class Session:
    def __init__(self, session_id: int, name: str, width: int, height: int) -> None:
        self.id = session_id
        self.name = name
        self.width, self.height = clamp_size(width, height)
        self.window_map: dict[int, Window] = {}
        self.active = -1
        self.last: int | None = None
        self.created = time.time()
        self.remain_on_exit = RemainOnExit.FAILED
        self.options: dict[str, Any] = {}
        # For new panes, over the server's: from its clients (update-environment) and set-environment; None
        # removes a variable (set-environment -r).
        self.environment: dict[str, str | None] = {}
        self.path = ""  # its working directory (#{session_path}): new-session's -c, else where it started

    # -- the target protocol ------------------------------------------------------------------------------

    @property
    def windows(self) -> list[Window]:
        return [self.window_map[i] for i in sorted(self.window_map)]

    @property
    def active_window(self) -> Window:
        return self.window_map[self.active]

    @property
    def last_window(self) -> Window | None:
        return self.window_map.get(self.last) if self.last is not None else None

    @property
    def window(self) -> Window:
        return self.window_map[self.active]

    def next_index(self) -> int:
        index = 0
        while index in self.window_map:
            index += 1
        return index

    def renumber(self, first: int) -> None:
        """The windows numbered from ``first`` on, in their order (move-window -r, renumber-windows)."""
        active, last = self.window_map.get(self.active), self.window_map.get(self.last)  # type: ignore[arg-type]
        ordered = self.windows
        self.window_map.clear()
        for number, each in enumerate(ordered):
            each.index = first + number
            self.window_map[each.index] = each
        self.active = active.index if active is not None else first
        self.last = last.index if last is not None else None

    def select(self, index: int) -> None:
        if index != self.active:
            if self.active in self.window_map:
                self.last = self.active
            self.active = index
            chosen = self.window_map[index]
            chosen.bell = chosen.activity = chosen.silence = False

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = clamp_size(width, height)
        for window in self.window_map.values():
            window.layout.resize_window(self.width, self.height)
            window.apply_sizes()


class Model:
    """Every session by name, with ids for sessions, windows and panes."""

    def __init__(self) -> None:
        self.sessions: dict[str, Session] = {}
        self._ids = {"session": 0, "window": 0, "pane": 0}
        self.recent: list[str] = []  # session names, most recently used last
        self.options: dict[str, Any] = {}  # global options (set-option -g)
        self.environment: dict[str, str | None] = {}  # set-environment -g: over the server's, for new panes
        self.hidden_environment: dict[str, str] = {}  # %hidden NAME=value of config files: for $NAME there only
        self.buffers = Buffers()

    def new_id(self, kind: str) -> int:
        self._ids[kind] += 1
        return self._ids[kind]

    def new_pane_id(self) -> int:
        return self.new_id("pane")

    def new_session_name(self) -> str:
        index = 0
        while str(index) in self.sessions:
            index += 1
        return str(index)

    def touch(self, session: Session) -> None:
        if session.name in self.recent:
            self.recent.remove(session.name)
        self.recent.append(session.name)

    def add_session(self, session: Session) -> None:
        self.sessions[session.name] = session
        self.touch(session)

    def remove_session(self, session: Session) -> None:
        self.sessions.pop(session.name, None)
        if session.name in self.recent:
            self.recent.remove(session.name)

    def current(self) -> Session | None:
        """The most recently used session."""
        return self.sessions.get(self.recent[-1]) if self.recent else None

    def panes(self) -> Iterator[tuple[Session, Window, Pane]]:
        for session in self.sessions.values():
            for window in session.windows:
                for pane in window.panes:
                    yield session, window, pane

    def locate(self, pane_id: int) -> tuple[Session, Window, Pane]:
        for found in self.panes():
            if found[2].id == pane_id:
                return found
        raise LookupError(f"no pane %{pane_id}")


class ModelView:
    """``sessions`` as a sequence, for target resolution."""

    def __init__(self, model: Model) -> None:
        self.sessions = list(model.sessions.values())
