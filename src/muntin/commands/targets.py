"""Targets (`session:window.pane`, `%3`, `@2`, `$1`, `{last}`, `+`/`-`) resolved against a session model.

The model is described by the protocols below; the server's live objects implement them:

- `SessionLike`: `id` (int, shown as `$N`), `name`, `windows` (in index order), `active_window`,
  `last_window` (None when there is none).
- `WindowLike`: `id` (int, `@N`), `index`, `name`, `panes` (in index order), `active_pane`, `last_pane`,
  and `neighbour(pane, direction)` with direction one of "left", "right", "up", "down" (None at the edge).
- `PaneLike`: `id` (int, `%N`), `index`.
- `ModelLike`: `sessions`, every session of the server.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from muntin.commands.spec import TargetKind


class PaneLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def index(self) -> int: ...


class WindowLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def index(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def panes(self) -> Sequence[PaneLike]: ...
    @property
    def active_pane(self) -> PaneLike: ...
    @property
    def last_pane(self) -> PaneLike | None: ...
    def neighbour(self, pane: PaneLike, direction: str) -> PaneLike | None: ...


class SessionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def windows(self) -> Sequence[WindowLike]: ...
    @property
    def active_window(self) -> WindowLike: ...
    @property
    def last_window(self) -> WindowLike | None: ...


class ModelLike(Protocol):
    @property
    def sessions(self) -> Sequence[SessionLike]: ...


class TargetError(LookupError):
    """A target that names nothing, phrased for the user (`can't find pane: 9 (window 0 has panes 0-2)`)."""


class Current(NamedTuple):
    """Where the command runs from; any part may be None (a CLI client has no current pane)."""

    session: SessionLike | None = None
    window: WindowLike | None = None
    pane: PaneLike | None = None


class Resolved(NamedTuple):
    """What a target names. For a session target, window and pane are that session's active ones."""

    session: SessionLike
    window: WindowLike
    pane: PaneLike


class Direction(enum.StrEnum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


_EDGES = {"{top}": Direction.UP, "{bottom}": Direction.DOWN, "{left}": Direction.LEFT,
          "{right}": Direction.RIGHT}
_OF = {"{up-of}": Direction.UP, "{down-of}": Direction.DOWN, "{left-of}": Direction.LEFT,
       "{right-of}": Direction.RIGHT}


def _indices(items: Sequence[PaneLike] | Sequence[WindowLike]) -> str:
    numbers = [i.index for i in items]
    if not numbers:
        return "none"
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _cycle(items: Sequence, current: object, step: int) -> object:
    position = next(i for i, item in enumerate(items) if item is current)
    return items[(position + step) % len(items)]


def _relative(text: str) -> int | None:
    """`+` -> 1, `-3` -> -3, `{next}` -> 1, `{previous}` -> -1; None if not a relative move."""
    words = {"{next}": 1, "{previous}": -1, "+": 1, "-": -1}
    if text in words:
        return words[text]
    if text[:1] in "+-" and text[1:].isdigit():
        return int(text)
    return None


def _session(model: ModelLike, text: str, current: Current) -> SessionLike:
    sessions = list(model.sessions)
    if text in ("", "{current}"):
        if current.session is not None:
            return current.session
        if len(sessions) == 1:
            return sessions[0]
        raise TargetError("no current session: name one with -t" if sessions else "no sessions")
    if text.startswith("$") and text[1:].isdigit():
        found = [s for s in sessions if s.id == int(text[1:])]
    elif text.startswith("="):  # tmux's exact match: no prefix
        found = [s for s in sessions if s.name == text[1:]]
    else:
        found = [s for s in sessions if s.name == text] or [s for s in sessions if s.name.startswith(text)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(s.name for s in sessions) or "none"
    if found:
        raise TargetError(f"ambiguous session: {text} (could be {', '.join(s.name for s in found)})")
    raise TargetError(f"can't find session: {text} (sessions: {names})")


def _window(session: SessionLike, text: str, current: Current) -> WindowLike:
    windows = list(session.windows)
    active = current.window if current.window in windows else session.active_window
    if text in ("", "{current}"):
        return active
    step = _relative(text)
    if step is not None:
        return _cycle(windows, active, step)  # type: ignore[return-value]
    special: dict[str, Callable[[], WindowLike | None]] = {
        "{last}": lambda: session.last_window, "{start}": lambda: windows[0], "^": lambda: windows[0],
        "{end}": lambda: windows[-1], "$": lambda: windows[-1]}
    if text in special:
        found = special[text]()
        if found is None:
            raise TargetError(f"no last window in session {session.name}")
        return found
    if text.startswith("@") and text[1:].isdigit():
        matches = [w for w in windows if w.id == int(text[1:])]
    elif text.isdigit():
        matches = [w for w in windows if w.index == int(text)]
    elif text.startswith("="):
        matches = [w for w in windows if w.name == text[1:]]
    else:
        matches = [w for w in windows if w.name == text] or [w for w in windows if w.name.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise TargetError(f"ambiguous window: {text} (could be {', '.join(str(w.index) for w in matches)})")
    raise TargetError(f"can't find window: {text} (session {session.name} has windows {_indices(windows)})")


def _walk(window: WindowLike, pane: PaneLike, direction: Direction) -> PaneLike:
    seen = {id(pane)}
    while (step := window.neighbour(pane, direction)) is not None and id(step) not in seen:
        pane = step
        seen.add(id(pane))
    return pane


def _pane(window: WindowLike, text: str, current: Current) -> PaneLike:
    panes = list(getattr(window, "focus_order", window.panes))
    active = current.pane if current.pane in panes else window.active_pane
    if text in ("", "{current}", "{active}"):
        return active
    step = _relative(text)
    if step is not None:
        return _cycle(panes, active, step)  # type: ignore[return-value]
    if text == "{last}":
        if window.last_pane is None:
            raise TargetError(f"no last pane in window {window.index}")
        return window.last_pane
    if text in _EDGES:
        return _walk(window, active, _EDGES[text])
    if text in _OF:
        found = window.neighbour(active, _OF[text])
        if found is None:
            raise TargetError(f"no pane {_OF[text]} of pane {active.index}")
        return found
    if text.isdigit():
        matches = [p for p in panes if p.index == int(text)]
        if matches:
            return matches[0]
    raise TargetError(f"can't find pane: {text} (window {window.index} has panes {_indices(panes)})")


def _by_pane_id(model: ModelLike, number: int, text: str) -> Resolved:
    for session in model.sessions:
        for window in session.windows:  # a pane over the layout (a popup) is found by its id only
            for pane in (*window.panes, *getattr(window, "floating_panes", ())):
                if pane.id == number:
                    return Resolved(session, window, pane)
    raise TargetError(f"can't find pane: {text}")


def _by_window_id(model: ModelLike, number: int, text: str) -> Resolved:
    for session in model.sessions:
        for window in session.windows:
            if window.id == number:
                return Resolved(session, window, window.active_pane)
    raise TargetError(f"can't find window: {text}")


def _is_pane_token(text: str) -> bool:
    return text.isdigit() or text in _EDGES or text in _OF or text in ("{last}", "{next}", "{previous}",
                                                                      "{active}", "+", "-") \
        or _relative(text) is not None


def resolve(model: ModelLike, target: str | None, current: Current = Current(),
            kind: TargetKind = TargetKind.PANE) -> Resolved:
    """What `target` names, as session, window and pane, from `current`; raises TargetError.

    `session:window.pane` with any part left out meaning the current one; `%N`, `@N`, `$N` ids anywhere;
    without `:`, a pane target is read as `window.pane` when it has a dot, else as a pane of the current
    window (index, `{last}`, `+`...), a window target as a window of the current session and a session
    target as a session name; a bare word that names no window is tried as a session name."""
    text = (target or "").strip()
    if text == "=":  # tmux's mouse target: the pane a mouse binding or menu runs from is the current one
        text = ""
    if text.startswith("%") and text[1:].isdigit():
        return _by_pane_id(model, int(text[1:]), text)
    if text.startswith("@") and text[1:].isdigit():
        return _by_window_id(model, int(text[1:]), text)
    if ":" in text:
        session_text, _, rest = text.partition(":")
    elif kind is TargetKind.SESSION or (text.startswith("$") and text[1:].isdigit()):
        session_text, rest = text, ""
    else:
        session_text, rest = "", text
    session = _session(model, session_text, current)
    in_current = session is current.session
    here = current if in_current else Current(session)
    if kind is TargetKind.PANE and ":" not in text and "." not in rest and _is_pane_token(rest):
        window_text, pane_text = "", rest
    elif "." in rest and not rest.startswith("{"):
        window_text, _, pane_text = rest.rpartition(".")
    else:
        window_text, pane_text = rest, ""
    try:
        window = _window(session, window_text, here)
    except TargetError:
        if ":" in text or "." in rest or kind is TargetKind.SESSION or session_text:
            raise
        try:
            return resolve(model, text + ":", current, TargetKind.SESSION)
        except TargetError:
            pass
        raise
    pane = _pane(window, pane_text, here if window is here.window else Current(session, window))
    return Resolved(session, window, pane)
