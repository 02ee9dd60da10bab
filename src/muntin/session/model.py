"""The live model: sessions hold numbered windows, a window holds a layout and its panes.

Sessions, windows and panes satisfy the target protocols of ``muntin.commands.targets`` (``id``, ``index``,
``name``, ``windows``/``panes`` in index order, ``active_*``/``last_*``, ``neighbour``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from muntin.layout import Direction, Geometry, Layout, Rect, Split, to_tmux
from muntin.session.buffers import Buffers
from muntin.session.pane import Pane, RemainOnExit

WINDOW_MAXIMUM = 10000
"""The largest window width or height in cells, as tmux's WINDOW_MAXIMUM: larger sizes are clamped to it."""


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """``width`` x ``height`` within 1..WINDOW_MAXIMUM on each axis (a client's or a command's size)."""
    return min(max(width, 1), WINDOW_MAXIMUM), min(max(height, 1), WINDOW_MAXIMUM)


@dataclass(slots=True)
class Floating:
    """A pane drawn over the window's tiled layout: its content rectangle (in the window's area, inside its
    border), the title on its border, and the client it belongs to (a popup) or None."""

    rect: Rect
    title: str = ""
    owner: int | None = None
    border: bool = True


def _cells(spec: str | None, whole: int, default: int) -> int:
    """``-w``/``-h``: cells, or a percentage of ``whole``."""
    if not spec:
        return default
    if spec.endswith("%"):
        return whole * int(spec[:-1]) // 100
    return int(spec)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where display-popup puts a popup, as tmux's -w -h -x -y: sizes in cells or ``N%`` (the border
    included), ``x`` a column or C (centre), R (the active pane's right), P (its left); ``y`` the row of the
    popup's bottom or C (centre), P (the active pane's bottom), S (the last row). M and W have no mouse or
    status range here and mean C."""

    width: str | None = None
    height: str | None = None
    x: str | None = None
    y: str | None = None

    def check(self) -> None:
        """Raise ValueError for a size or position that is not a number, a percentage or a letter."""
        for spec in (self.width, self.height):
            if spec and not (spec[:-1] if spec.endswith("%") else spec).isdigit():
                raise ValueError(f"bad size: {spec}")
        for spec, letters in ((self.x, "CRPMW"), (self.y, "CPSMW")):
            if spec and spec not in letters and not spec.lstrip("-").isdigit():
                raise ValueError(f"bad position: {spec}")

    def solve(self, sx: int, sy: int, pane: Rect, border: bool) -> Rect:
        """The popup's content rectangle in an ``sx`` x ``sy`` area (inside its border, if it has one)."""
        edge = 2 if border else 0
        w = min(max(_cells(self.width, sx, sx // 2), edge + 1), sx)
        h = min(max(_cells(self.height, sy, sy // 2), edge + 1), sy)
        x_spec = self.x if self.x not in (None, "C", "M", "W") else None
        if x_spec is None:
            x = (sx - w) // 2
        elif x_spec == "R":
            x = pane.x + pane.width - w
        elif x_spec == "P":
            x = pane.x
        else:
            x = int(x_spec)
        x = min(max(x, 0), sx - w)
        y_spec = self.y if self.y not in (None, "C", "M", "W") else None
        if y_spec is None:
            bottom = (sy - h) // 2 + h
        elif y_spec == "P":
            bottom = pane.y + pane.height
        elif y_spec == "S":
            bottom = sy
        else:
            bottom = int(y_spec)
        y = min(max(bottom - h, 0), sy - h)
        inset = 1 if border else 0
        return Rect(x + inset, y + inset, max(w - edge, 1), max(h - edge, 1))


def _inside(rect: Rect, border: bool, area: Geometry) -> Rect:
    """``rect`` (a floating pane's content) moved and shrunk so that it and its border fit in ``area``."""
    edge = 1 if border else 0
    width = max(min(rect.width, area.width - 2 * edge), 1)
    height = max(min(rect.height, area.height - 2 * edge), 1)
    return Rect(max(min(rect.x, area.width - edge - width), edge), max(min(rect.y, area.height - edge - height), edge),
                width, height)


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
        self.floating: dict[int, Floating] = {}  # panes over the layout, the topmost last (popups)
        self.floating_shown = False  # the layer of floating panes (not popups) is drawn and may have the focus
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
    def floating_panes(self) -> list[Pane]:
        """The panes over the layout, bottom first (not in ``panes``: they have no place in the layout)."""
        return [self.pane_map[p] for p in self.floating if p in self.pane_map]

    @property
    def listed_panes(self) -> list[Pane]:
        """What list-panes shows: the tiled panes, then the floating ones (popups are the clients')."""
        return [*self.panes, *(self.pane_map[p] for p, f in self.floating.items() if f.owner is None)]

    @property
    def focus_order(self) -> list[Pane]:
        """The panes ``select-pane -t :.+`` cycles through: the tiled ones, then the shown floating ones."""
        return self.listed_panes if self.floating_shown else self.panes

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

    def add_floating(self, pane: Pane, floating: Floating) -> None:
        self.attach_pane(pane)
        self.floating[pane.id] = floating
        pane.resize(floating.rect.height, floating.rect.width)

    def move_floating(self, pane_id: int, rect: Rect) -> None:
        """A floating pane to another place or size (and on top of the others), kept inside the window."""
        floating = self.floating.pop(pane_id)
        floating.rect = rect = _inside(rect, floating.border, self.geometry())
        self.floating[pane_id] = floating
        self.pane_map[pane_id].resize(rect.height, rect.width)

    def floating_top(self) -> int | None:
        """The topmost floating pane of the layer (a popup is not one), if the layer is shown."""
        ids = [p for p, f in self.floating.items() if f.owner is None] if self.floating_shown else []
        return ids[-1] if ids else None

    def tiled_focus(self) -> int:
        """The tiled pane the focus goes back to: the active one, else the last, else the first."""
        for candidate in (self.active, self.last, *self.layout.panes):
            if candidate in self.pane_map and candidate in self.layout.panes:
                return candidate
        return -1

    def show_floating(self, shown: bool) -> None:
        """Show or hide the layer of floating panes; the focus goes to its top pane or back to the tiled."""
        self.floating_shown = shown
        if shown:
            top = self.floating_top()
            if top is not None:
                self.select(top)
        elif self.active in self.floating:
            self.active = self.tiled_focus()

    def select(self, pane_id: int) -> None:
        if pane_id in self.floating and self.floating[pane_id].owner is None:
            self.floating_shown = True  # on top of the others
            self.floating[pane_id] = self.floating.pop(pane_id)
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
        for pane_id, floating in list(self.floating.items()):  # a smaller window: they stay inside it
            inside = _inside(floating.rect, floating.border, geometry)
            if inside != floating.rect:
                floating.rect = inside
                self.pane_map[pane_id].resize(inside.height, inside.width)
        return geometry

    def add_split(self, pane: Pane, new: Pane, split: Split, *, before: bool = False,
                  size: int | str | None = None, full: bool = False) -> None:
        self.layout.split(pane.id, new.id, split, before=before, size=size, full=full)
        self.attach_pane(new)
        self.apply_sizes()

    def exchange(self, pane: Pane, other_window: Window, other: Pane) -> None:
        """``pane`` (of this window) and ``other`` (of ``other_window``) trade places, each taking the
        other's size; a window whose active pane left has the one that came in active."""
        for window, leaving, coming in ((self, pane, other), (other_window, other, pane)):
            window.layout.relabel(leaving.id, coming.id)
            window.pane_map.pop(leaving.id, None)
            window.attach_pane(coming)
            window.active = coming.id if window.active == leaving.id else window.active
            window.last = coming.id if window.last == leaving.id else window.last
        self.apply_sizes()
        other_window.apply_sizes()

    def remove(self, pane: Pane) -> None:
        self.pane_map.pop(pane.id, None)
        if self.floating.pop(pane.id, None) is not None:
            if self.active == pane.id:
                self.active = self.floating_top() or self.tiled_focus()
            if self.last == pane.id:
                self.last = None
            return
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

    def next_index(self, first: int = 0) -> int:
        """The first free window index from ``first`` (base-index) on."""
        index = first
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
        self._ids = {"session": -1, "window": -1, "pane": -1}  # the first of each is 0, as in tmux
        self.recent: list[str] = []  # session names, most recently used last
        self.options: dict[str, Any] = {}  # global options (set-option -g)
        self.environment: dict[str, str | None] = {}  # set-environment -g: over the server's, for new panes
        self.hidden_environment: dict[str, str] = {}  # %hidden NAME=value of config files: for $NAME there only
        self.buffers = Buffers()
        self.config_causes: list[str] = []  # problems of the start-up config, for the first session's pane
        self.prompt_history: dict[str, list[str]] = {}  # by prompt type: what was entered, oldest first

    @property
    def had_session(self) -> bool:
        """Whether a session was ever made in this server."""
        return self._ids["session"] >= 0

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
        for session in self.sessions.values():
            for window in session.windows:
                pane = window.pane_map.get(pane_id)
                if pane is not None:
                    return session, window, pane
        raise LookupError(f"no pane %{pane_id}")


class ModelView:
    """``sessions`` as a sequence, for target resolution."""

    def __init__(self, model: Model) -> None:
        self.sessions = list(model.sessions.values())
