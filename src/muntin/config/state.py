"""Saved sessions (``muntin resurrect``): the state file's data, its encoding, and reading it back safely.

A state file is gzip-compressed JSON: ``{"format": "muntin-sessions", "version": 1, "saved": SECONDS,
"server": NAME, "sessions": [...]}``, one per server name in ``$XDG_STATE_HOME/muntin``. Reading never
trusts it: a file that is not ours, too large, truncated or of the wrong shape is a :class:`StateError`
naming the file, and every history line is cleaned to text and SGR sequences before it reaches a pane."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from muntin.config.workspace import Workspace

FORMAT = "muntin-sessions"
VERSION = 1
MAX_FILE = 64 << 20
"""Bytes of a state file read at most (compressed)."""
MAX_DATA = 256 << 20
"""Bytes a state file may expand to; more is reported as a corrupt file, never read into memory."""
PIECE = 1 << 15
"""Bytes of a state file compressed in one step of :class:`Encoder`."""
MAX_LINE = 4096
"""Characters kept of one saved history line (text and SGR)."""


class StateError(ValueError):
    """A state file that cannot be used: the message starts with its path and says what is wrong."""


@dataclass(frozen=True)
class SavedPane:
    """One pane: where it worked, what ran in it, and what it showed.

    - ``cwd``: the pane's (its shell's) working directory.
    - ``command``: the program to start again (argv), empty for a shell at its prompt.
    - ``command_cwd``: where that program ran (None: ``cwd``).
    - ``shell``: whether a shell ran under the program (it comes back once the program ends).
    - ``title``: the title the program set; ``env``: the variables muntin set for it (``-e``, set-environment).
    - ``history``: its scrollback and screen, oldest first, each line text with SGR sequences.
    """

    cwd: str = ""
    command: tuple[str, ...] = ()
    command_cwd: str | None = None
    shell: bool = True
    title: str = ""
    env: Mapping[str, str] = field(default_factory=dict)
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedWindow:
    """One window: its number, its own name (empty: named after its program), tmux layout string, the
    position of its active pane, and its panes in layout order."""

    index: int
    name: str = ""
    layout: str = ""
    active: int = 0
    panes: tuple[SavedPane, ...] = ()


@dataclass(frozen=True)
class SavedSession:
    name: str
    path: str = ""
    active: int = 0
    width: int = 80
    height: int = 24
    windows: tuple[SavedWindow, ...] = ()


@dataclass(frozen=True)
class SavedState:
    """What one server saved: when, its name, and its sessions."""

    saved: float
    server: str
    sessions: tuple[SavedSession, ...] = ()


# -- encoding -------------------------------------------------------------------------------------------

class Encoder:
    """A state file made piece by piece: sessions, their windows, each pane's data compressed as it comes,
    so a saver can spread a large save over several turns of its loop. ``digest`` covers everything but the
    time of the save (equal digests: nothing changed); ``finish`` gives the file's bytes."""

    def __init__(self, server: str) -> None:
        self._zip = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip, its cheapest level
        import hashlib  # with the first save: a server that never saves never loads it

        self._hash = hashlib.blake2b(digest_size=16)
        self._out: list[bytes] = []
        self._open: list[str] = []  # the brackets to close: "]}" per open session and window
        self._first = True  # no item yet in the list being filled
        self.sessions = 0
        self._put(f'{{"format":"{FORMAT}","version":{VERSION},"server":{_json(server)},"sessions":[')
        self._open.append("]")

    def _put(self, text: str) -> None:
        for _ in self._put_steps(text):
            pass

    def _put_steps(self, text: str) -> Iterator[None]:
        data = memoryview(text.encode("utf-8", errors="surrogateescape"))
        for start in range(0, len(data), PIECE):
            piece = data[start:start + PIECE]
            self._hash.update(piece)
            self._out.append(self._zip.compress(piece))
            if start + PIECE < len(data):
                yield

    def _item(self, text: str) -> Iterator[None]:
        first, self._first = self._first, False
        yield from self._put_steps(text if first else "," + text)

    def _close_to(self, depth: int) -> None:
        while len(self._open) > depth:
            self._put(self._open.pop())
            self._first = False

    def session(self, session: SavedSession) -> None:
        """Start ``session`` (its windows, if any, are ignored: add them with ``window``)."""
        self._close_to(1)
        fields = {"name": session.name, "path": session.path, "active": session.active, "width": session.width,
                  "height": session.height}
        self._put(("" if self._first else ",") + _json(fields)[:-1] + ',"windows":[')
        self._open.append("]}")
        self._first = True
        self.sessions += 1

    def window(self, window: SavedWindow) -> None:
        """Start ``window`` in the current session (its panes are added with ``pane``)."""
        self._close_to(2)
        fields = {"index": window.index, "name": window.name, "layout": window.layout, "active": window.active}
        self._put(("" if self._first else ",") + _json(fields)[:-1] + ',"panes":[')
        self._open.append("]}")
        self._first = True

    def pane(self, pane: SavedPane) -> None:
        """Add ``pane`` to the current window."""
        for _ in self.pane_steps(pane):
            pass

    def pane_steps(self, pane: SavedPane) -> Iterator[None]:
        """Add ``pane`` to the current window, a step (a yield) per PIECE bytes compressed."""
        yield from self._item(_json({"cwd": pane.cwd, "command": list(pane.command),
                                     "command_cwd": pane.command_cwd, "shell": pane.shell, "title": pane.title,
                                     "env": dict(pane.env), "history": list(pane.history)}))

    @property
    def digest(self) -> bytes:
        return self._hash.copy().digest()

    def finish(self, saved: float) -> bytes:
        self._close_to(0)
        self._out.append(self._zip.compress(f',"saved":{saved!r}}}'.encode()))
        self._out.append(self._zip.flush())
        return b"".join(self._out)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode(state: SavedState) -> bytes:
    """The state as the bytes of a state file (gzip-compressed JSON)."""
    encoder = Encoder(state.server)
    for session in state.sessions:
        encoder.session(session)
        for window in session.windows:
            encoder.window(window)
            for pane in window.panes:
                encoder.pane(pane)
    return encoder.finish(state.saved)


def _inflate(data: bytes) -> bytes:
    """The gzip ``data`` expanded, refusing more than MAX_DATA bytes (a small file may expand a lot)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_DATA + 1)
    except zlib.error as error:
        raise ValueError(f"not a gzip file ({error})") from None
    if len(out) > MAX_DATA:
        raise ValueError(f"it expands to over {MAX_DATA >> 20} MiB")
    if not inflater.eof:
        raise ValueError("it is cut short (a partial write?)")
    return out


class _Shape(ValueError):
    pass


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """``data[key]`` when it is of ``kind`` (a boolean is no number here), else a _Shape error."""
    value = data.get(key, default)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Shape(f"{key!r} should be {getattr(kind, '__name__', 'a number')}, got {type(value).__name__}")
    return value


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Shape(f"{what!r} should be a list of strings")
    return tuple(value)


def _pane(data: Any) -> SavedPane:
    if not isinstance(data, dict):
        raise _Shape("a pane should be an object")
    env = _get(data, "env", dict, {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()):
        raise _Shape("'env' should map names to strings")
    command_cwd = data.get("command_cwd")
    if command_cwd is not None and not isinstance(command_cwd, str):
        raise _Shape("'command_cwd' should be a string")
    return SavedPane(cwd=_get(data, "cwd", str, ""), command=_strings(data.get("command", []), "command"),
                     command_cwd=command_cwd, shell=_get(data, "shell", bool, True), title=_get(data, "title", str, ""),
                     env=dict(env), history=tuple(clean_line(line) for line in
                                                  _strings(data.get("history", []), "history")))


def _parts(data: Any, what: str, key: str, read: Any) -> tuple[Any, ...]:
    """The items of ``data[key]`` read with ``read``: a window's panes, a session's windows (at least one)."""
    if not isinstance(data, dict):
        raise _Shape(f"a {what} should be an object")
    parts = tuple(read(item) for item in _get(data, key, list, []))
    if not parts:
        raise _Shape(f"a {what} without {key}")
    return parts


def _window(data: Any) -> SavedWindow:
    panes = _parts(data, "window", "panes", _pane)
    return SavedWindow(index=_get(data, "index", int), name=_get(data, "name", str, ""),
                       layout=_get(data, "layout", str, ""), active=_get(data, "active", int, 0), panes=panes)


def _session(data: Any) -> SavedSession:
    windows = _parts(data, "session", "windows", _window)
    return SavedSession(name=_get(data, "name", str), path=_get(data, "path", str, ""),
                        active=_get(data, "active", int, 0), width=_get(data, "width", int, 80),
                        height=_get(data, "height", int, 24), windows=windows)


def decode(data: bytes, path: str | os.PathLike[str] = "<state>") -> SavedState:
    """The state in the bytes of a state file; a StateError (``PATH: what is wrong``) when it is not one."""
    try:
        body = json.loads(_inflate(data).decode("utf-8", errors="replace"))
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise _Shape("not a muntin state file")
        if body.get("version") != VERSION:
            raise _Shape(f"state format version {body.get('version')!r}, this muntin reads version {VERSION}")
        sessions = tuple(_session(session) for session in _get(body, "sessions", list, []))
        return SavedState(saved=float(_get(body, "saved", (int, float))), server=_get(body, "server", str, ""),
                          sessions=sessions)
    except (ValueError, RecursionError) as error:  # _Shape, JSON and gzip errors
        raise StateError(f"{os.fspath(path)}: {error}") from None


def read_state(path: Path) -> SavedState:
    """The state saved in ``path``: opened without following a link, only when it is a regular file of ours
    of at most MAX_FILE bytes. FileNotFoundError when there is none; StateError for anything else wrong."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise StateError(f"{path}: cannot open it: {error.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise StateError(f"{path}: not a regular file")
        if info.st_uid != os.getuid():
            raise StateError(f"{path}: belongs to uid {info.st_uid}, not to you: not read")
        if info.st_size > MAX_FILE:
            raise StateError(f"{path}: {info.st_size} bytes, over the limit of {MAX_FILE >> 20} MiB")
        data = handle.read(MAX_FILE + 1)
    return decode(data, path)


def read_states(paths: Sequence[Path]) -> tuple[list[SavedState], list[str]]:
    """The states in ``paths`` that can be read (missing ones skipped) and a line for each that cannot."""
    states, problems = [], []
    for path in paths:
        try:
            states.append(read_state(path))
        except FileNotFoundError:
            continue
        except StateError as error:
            problems.append(str(error))
    return states, problems


def latest_sessions(states: Sequence[SavedState]) -> list[tuple[SavedSession, float]]:
    """Each saved session once by name, from the newest state that has it, with when it was saved."""
    found: dict[str, tuple[SavedSession, float]] = {}
    for state in sorted(states, key=lambda s: s.saved):
        for session in state.sessions:
            found[session.name] = (session, state.saved)
    return list(found.values())


# -- history lines are data -------------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[[0-9;:]{0,64}m")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_line(text: str) -> str:
    """A history line as it may be written to a pane: its text and SGR sequences (colours, bold), every
    other control character or escape sequence dropped, at most MAX_LINE characters."""
    text = text[:MAX_LINE]
    out, position = [], 0
    for match in _SGR.finditer(text):
        out.append(_CONTROL.sub("", text[position:match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_CONTROL.sub("", text[position:]))
    return "".join(out)


# -- rebuilding: a saved session as a workspace ------------------------------------------------------------

def to_workspace(session: SavedSession, program: Sequence[Sequence[str]]) -> Workspace:
    """The workspace that rebuilds ``session``: its windows with their names, layouts and directories, each
    pane running ``program[i]`` (the i-th pane of the session in order; empty: the default shell)."""
    from muntin.config.workspace import PaneSpec, SplitDirection, SplitSpec, WindowSpec, Workspace  # client side

    programs = iter(program)
    windows = []
    for window in session.windows:
        panes = []
        for position, pane in enumerate(window.panes):
            argv = next(programs, ())
            panes.append(PaneSpec(shell=shlex.join(argv) if argv else None,
                                  cwd=_existing(pane.cwd), env=dict(pane.env), title=pane.title or None,
                                  focus=position == window.active))
        root = panes[0] if len(panes) == 1 else SplitSpec(SplitDirection.HORIZONTAL, tuple(panes))
        windows.append(WindowSpec(name=window.name or None, layout=window.layout if len(panes) > 1 else None,
                                  root=root, focus=window.index == session.active, index=window.index))
    return Workspace(session=session.name, cwd=_existing(session.path), windows=tuple(windows),
                     size=(session.width, session.height))


def _existing(path: str) -> str | None:
    """``path`` when it is still a directory (a reboot may have taken it away: then the home directory)."""
    if path and os.path.isdir(path):
        return path
    return os.path.expanduser("~") if path else None
