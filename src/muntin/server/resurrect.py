"""Saving every session for ``muntin resurrect``: a snapshot of the model, written atomically (write + rename),
a second after each change and every ``resurrect-interval`` seconds.

A snapshot costs little on the loop: each history line is turned into text and SGR once in its life (lines
in the scrollback never change, so their encoding is kept per pane), the history is capped
(``resurrect-scrollback-lines``), and the file is compressed at gzip's cheapest level."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from muntin.commands.handlers.io import sgr_line
from muntin.config.paths import previous_state_file, state_file
from muntin.config.state import MAX_LINE, SavedPane, SavedSession, SavedState, SavedWindow, encode
from muntin.layout import to_tmux
from muntin.process import process_argv, process_cwd
from muntin.process._restore import wrapped
from muntin.protocol.messages import UPDATE_ENVIRONMENT
from muntin.protocol.paths import make_private_dir
from muntin.session import Model, Pane, Session, Window

DEBOUNCE = 1.0
"""Seconds after a change (a window, a split, a rename) before the sessions are saved: a burst is one save."""
TICK = 5.0
"""Seconds between looks at whether resurrect-interval has passed."""
MAX_ENV = 128
"""Variables kept of what muntin set for a pane (each value at most MAX_LINE characters)."""
SHELLS = frozenset("sh bash zsh fish dash ksh mksh pdksh oksh tcsh csh ash yash nu xonsh elvish".split())
"""Programs that are a shell: a pane running one comes back as a shell, with the program it was running."""


def is_shell(argv: list[str]) -> bool:
    """Whether ``argv`` is an interactive shell (``bash``, ``-zsh``, ``/bin/sh -l``; not ``sh -c LINE``)."""
    if not argv:
        return False
    return os.path.basename(argv[0]).lstrip("-") in SHELLS and "-c" not in argv[1:]


class PaneHistory:
    """A pane's saved lines: each scrollback line's text with SGR, made once (the lines never change)."""

    def __init__(self) -> None:
        self._encoded: dict[int, tuple[Any, str]] = {}

    def lines(self, pane: Pane, limit: int) -> tuple[str, ...]:
        terminal = pane.terminal
        rows = [sgr_line(terminal.styled_row(y, main=True)) for y in range(terminal.rows)]
        while rows and not rows[-1]:
            rows.pop()
        history = terminal.scrollback
        count = max(0, min(len(history), limit - len(rows)))
        cache, fresh = self._encoded, {}
        saved = []
        for index in range(len(history) - count, len(history)):
            line = history[index]
            known = cache.get(id(line))
            text = known[1] if known is not None and known[0] is line else sgr_line(line.styled())[:MAX_LINE]
            fresh[id(line)] = (line, text)
            saved.append(text)
        self._encoded = fresh
        return (*saved, *(row[:MAX_LINE] for row in rows[-limit:] if limit))


def pane_state(pane: Pane, history: PaneHistory | None, limit: int) -> SavedPane:
    """What ``pane`` runs and shows now, as ``muntin resurrect`` starts it again."""
    child = pane.child
    running = child is not None and pane.status is None and not child.pty_closed
    own = (process_argv(child.pid) if running and child is not None else None) or list(pane.argv)
    cwd = (process_cwd(child.pid) if running and child is not None else None) or pane.start_cwd or ""
    inner = wrapped(own)
    if inner is not None:  # still at the program that restored it: what it stands for
        command, shell = inner
    else:
        shell = is_shell(own)
        command = [] if shell else own
    command_cwd = None
    if running and shell and child is not None:
        group = child.foreground_pgid()
        if group and group != child.pid:  # the shell runs a job: that is the program to start again
            job = process_argv(group)
            if job and wrapped(job) is None:
                command, command_cwd = job, process_cwd(group)
    return SavedPane(cwd=cwd, command=tuple(command), command_cwd=command_cwd, shell=shell,
                     title=pane.terminal.title[:MAX_LINE], env=_own_env(pane),
                     history=history.lines(pane, limit) if history is not None else ())


def _own_env(pane: Pane) -> dict[str, str]:
    """The variables muntin set for the pane (``-e``, set-environment), not the server's own or a client's
    display and agent (those belong to the client attached after the reboot)."""
    if not pane.env:
        return {}
    found = {name: value[:MAX_LINE] for name, value in pane.env.items()
             if os.environ.get(name) != value and name not in UPDATE_ENVIRONMENT}
    return dict(list(found.items())[:MAX_ENV])


def _window(window: Window, histories: dict[int, PaneHistory] | None, limit: int) -> SavedWindow:
    panes = window.panes
    saved = tuple(pane_state(pane, histories.setdefault(pane.id, PaneHistory()) if histories is not None else None,
                             limit) for pane in panes)
    active = next((i for i, pane in enumerate(panes) if pane.id == window.active), 0)
    return SavedWindow(index=window.index, name=window.custom_name, layout=to_tmux(window.layout), active=active,
                       panes=saved)


def session_state(session: Session, histories: dict[int, PaneHistory] | None, limit: int) -> SavedSession:
    windows = tuple(_window(window, histories, limit) for window in session.windows if window.panes)
    return SavedSession(name=session.name, path=session.path, active=session.active, width=session.width,
                        height=session.height, windows=windows)


def write_private(path: Path, data: bytes) -> None:
    """``data`` as the file ``path`` (0600, its directory made private), atomically: written to a new file
    beside it, flushed to disk, then renamed over it; a link is never followed."""
    make_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temporary)
        raise
    os.close(fd)
    os.replace(temporary, path)


class Saver:
    """Keeps the state file of one server up to date. ``option(name)`` reads a global option."""

    def __init__(self, model: Model, socket: Path, option: Callable[[str], Any]) -> None:
        self.model = model
        self.server = Path(socket).name
        self.path = state_file(socket)
        self.previous = previous_state_file(socket)
        self.option = option
        self.histories: dict[int, PaneHistory] = {}
        self._due: asyncio.TimerHandle | None = None
        self._tick: asyncio.TimerHandle | None = None
        self._digest = b""
        self._saved_at = time.monotonic()  # when the sessions were last looked at for a save
        self._failed = ""
        self.saves = 0

    def start(self) -> None:
        """Set aside what the server before this one saved (``muntin resurrect`` reads it there), then save
        every ``resurrect-interval`` seconds."""
        try:
            if self.path.is_file() and not self.path.is_symlink():
                os.replace(self.path, self.previous)
        except OSError as error:
            self._report(f"cannot set aside {self.path}: {error.strerror}")
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        interval = self.option("resurrect-interval")
        wake = min(interval, TICK) if interval else TICK  # a new interval holds within TICK seconds
        self._tick = asyncio.get_running_loop().call_later(wake, self._on_tick)

    def _on_tick(self) -> None:
        interval = self.option("resurrect-interval")
        if interval and time.monotonic() - self._saved_at >= interval:
            self.save()
        self._schedule_tick()

    def changed(self) -> None:
        """The structure changed: save in a second (once for a burst of changes)."""
        if self._due is None and self.option("resurrect-save"):
            self._due = asyncio.get_running_loop().call_later(DEBOUNCE, self.save)

    def state(self) -> SavedState:
        scrollback = self.option("resurrect-scrollback")
        limit = self.option("resurrect-scrollback-lines")
        histories = self.histories if scrollback else None
        sessions = tuple(session_state(session, histories, limit) for session in self.model.sessions.values())
        live = {pane.id for _, _, pane in self.model.panes()}
        for pane_id in [p for p in self.histories if p not in live]:
            del self.histories[pane_id]
        return SavedState(saved=time.time(), server=self.server,
                          sessions=tuple(s for s in sessions if s.windows))

    def save(self) -> bool:
        """Write the sessions now (nothing when there are none: the last sessions saved stay for resurrect,
        as after a reboot the panes may end before the server does). Whether a file was written."""
        self._due = None
        self._saved_at = time.monotonic()
        if not self.option("resurrect-save"):
            return False
        try:
            state = self.state()
            if not state.sessions:
                return False
            digest = hashlib.blake2b(repr(state.sessions).encode(errors="surrogateescape"), digest_size=16).digest()
            if digest == self._digest:  # nothing changed since the last save
                return False
            write_private(self.path, encode(state))
        except OSError as error:
            self._report(f"cannot save the sessions to {self.path}: {error.strerror or error}")
            return False
        self._digest = digest
        self._failed = ""
        self.saves += 1
        return True

    def forget(self) -> None:
        """The sessions were ended on purpose: nothing is left to resurrect."""
        self.cancel()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def cancel(self) -> None:
        for handle in (self._due, self._tick):
            if handle is not None:
                handle.cancel()
        self._due = self._tick = None

    def _report(self, text: str) -> None:
        if text != self._failed:  # once, not every few seconds
            self._failed = text
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} muntin server: {text}", file=sys.stderr)
