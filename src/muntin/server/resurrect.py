"""Saving every session for ``muntin resurrect``: a snapshot of the model, written atomically (write + rename),
a second after each change and every ``resurrect-interval`` seconds.

A save never holds the loop: it runs a step at a time (a pane, a few thousand cells of its screen or history),
a few milliseconds of them per turn of the loop; each history line is turned into text and SGR once in its
life (lines in the scrollback never change, so their encoding is kept per pane); what is saved is capped
(``resurrect-scrollback-lines``), and the file is compressed at gzip's cheapest level as it is made."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from muntin.commands.handlers.io import sgr_line
from muntin.config.paths import previous_state_file, state_file
from muntin.config.state import MAX_LINE, Encoder, SavedPane, SavedSession, SavedWindow
from muntin.layout import to_tmux
from muntin.process import process_argv, process_cwd, wrapped
from muntin.protocol.messages import UPDATE_ENVIRONMENT
from muntin.protocol.paths import make_private_dir
from muntin.session import Model, Pane

DEBOUNCE = 1.0
"""Seconds after a change (a window, a split, a rename) before the sessions are saved: a burst is one save."""
STEP = 0.002
"""Seconds of work a save does per turn of the loop before it lets everything else run."""
CELLS_PER_STEP = 8_000
"""Cells of history and screen a save encodes between two looks at the clock."""
TICK = 5.0
"""Seconds between looks at whether resurrect-interval has passed."""
MAX_ENV = 128
"""Variables kept of what muntin set for a pane (each value at most MAX_LINE characters)."""
PER_SERVER = frozenset({"TERM", "LINES", "COLUMNS", "MUNTIN", "MUNTIN_PANE", "TMUX", "TMUX_PANE"})
"""Variables a pane gets from the server it runs in: a restored pane gets them from its new server."""
SHELLS = frozenset("sh bash zsh fish dash ksh mksh pdksh oksh tcsh csh ash yash nu xonsh elvish".split())
"""Programs that are a shell: a pane running one comes back as a shell, with the program it was running."""


def is_shell(argv: list[str]) -> bool:
    """Whether ``argv`` is an interactive shell (``bash``, ``-zsh``, ``/bin/sh -l``; not ``sh -c LINE``)."""
    if not argv:
        return False
    return os.path.basename(argv[0]).lstrip("-") in SHELLS and "-c" not in argv[1:]


class PaneHistory:
    """A pane's saved lines: its history's last lines and its (main) screen's rows, as text with SGR. Each
    history line is encoded once in its life (the lines never change), kept here between saves."""

    def __init__(self) -> None:
        self._encoded: dict[int, tuple[Any, str]] = {}
        self.saved: tuple[str, ...] = ()

    def collect(self, pane: Pane, limit: int) -> Iterator[None]:
        """Make ``saved``: at most ``limit`` lines, the screen's rows down to the cursor (all of the main
        screen's under an alternate one) after the history's last lines. A step (a yield) every few thousand
        cells, so a huge screen or a first save of a long history is spread over turns of the loop."""
        terminal = pane.terminal
        last = terminal.rows - 1 if terminal.alternate_screen else min(terminal.cursor[1], terminal.rows - 1)
        rows: list[str] = []
        cells = 0
        for y in range(max(0, last + 1 - limit), last + 1):
            if y >= terminal.rows:  # made smaller meanwhile
                break
            rows.append(sgr_line(terminal.styled_row(y, main=True))[:MAX_LINE])
            cells += terminal.cols
            if cells >= CELLS_PER_STEP:
                cells = 0
                yield
        while rows and not rows[-1]:
            rows.pop()
        history = terminal.scrollback
        count = max(0, min(len(history), limit - len(rows)))
        cache, fresh = self._encoded, {}
        saved = []
        for index in range(len(history) - count, len(history)):
            if index >= len(history):  # cleared meanwhile
                break
            line = history[index]
            known = cache.get(id(line))
            if known is not None and known[0] is line:
                text = known[1]
            else:
                text = sgr_line(line.styled())[:MAX_LINE]
                cells += len(line.text)
                if cells >= CELLS_PER_STEP:
                    cells = 0
                    yield
            fresh[id(line)] = (line, text)
            saved.append(text)
        self._encoded = fresh
        self.saved = (*saved, *rows)


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
                     history=history.saved if history is not None else ())


def _own_env(pane: Pane) -> dict[str, str]:
    """The variables muntin set for the pane (``-e``, set-environment), not the server's own or a client's
    display and agent (those belong to the client attached after the reboot)."""
    if not pane.env:
        return {}
    found = {name: value[:MAX_LINE] for name, value in pane.env.items()
             if os.environ.get(name) != value and name not in UPDATE_ENVIRONMENT and name not in PER_SERVER}
    return dict(list(found.items())[:MAX_ENV])


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
        self._job: Iterator[None] | None = None  # the save under way, a step per turn of the loop
        self._step_handle: asyncio.Handle | None = None
        self._again = False  # a save was asked for while one was under way

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

    def save(self) -> None:
        """Save the sessions soon: a few milliseconds of the work per turn of the loop, so a save never holds
        the server (another save asked for meanwhile follows this one)."""
        self._due = None
        if self._job is not None:
            self._again = True
            return
        self._saved_at = time.monotonic()
        if not self.option("resurrect-save"):
            return
        self._job = self._steps()
        self._step()

    def save_now(self) -> bool:
        """Save the sessions at once, all of it in this call (the server is ending); whether a file was written."""
        if self._job is not None:
            self._job.close()
            self._job = None
        if not self.option("resurrect-save"):
            return False
        saves = self.saves
        for _ in self._steps():
            pass
        return self.saves > saves

    def _step(self) -> None:
        self._step_handle = None
        job = self._job
        if job is None:
            return
        deadline = time.perf_counter() + STEP
        try:
            while time.perf_counter() < deadline:
                next(job)
        except StopIteration:
            self._job = None
            if self._again:
                self._again = False
                self.save()
            return
        except Exception as error:  # noqa: BLE001 - a save that fails costs this save, never the server
            self._job = None
            self._report(f"saving the sessions failed: {type(error).__name__}: {error}")
            return
        self._step_handle = asyncio.get_running_loop().call_soon(self._step)

    def _steps(self) -> Iterator[None]:
        """The work of one save, a step at a time: each pane's state, then the file written (unless it
        would be what is there). Nothing is written when there are no sessions: the last sessions saved stay
        for resurrect, as after a reboot the panes may end before the server does."""
        scrollback = self.option("resurrect-scrollback")
        limit = self.option("resurrect-scrollback-lines") if scrollback else 0
        encoder = Encoder(self.server)
        live: set[int] = set()
        for session in list(self.model.sessions.values()):
            windows = [(window, window.panes) for window in session.windows]
            windows = [(window, panes) for window, panes in windows if panes]
            if not windows:
                continue
            encoder.session(SavedSession(name=session.name, path=session.path, active=session.active,
                                         width=session.width, height=session.height))
            for window, panes in windows:
                active = next((i for i, pane in enumerate(panes) if pane.id == window.active), 0)
                encoder.window(SavedWindow(index=window.index, name=window.custom_name,
                                           layout=to_tmux(window.layout), active=active))
                for pane in panes:
                    live.add(pane.id)
                    history = self.histories.setdefault(pane.id, PaneHistory()) if scrollback else None
                    if history is not None:
                        yield from history.collect(pane, limit)
                    yield from encoder.pane_steps(pane_state(pane, history, limit))
                    yield
        for pane_id in [p for p in self.histories if p not in live]:
            del self.histories[pane_id]
        digest = encoder.digest
        if not encoder.sessions or digest == self._digest:  # none, or nothing changed since the last save
            return
        data = encoder.finish(time.time())
        yield
        try:
            write_private(self.path, data)
        except OSError as error:
            self._report(f"cannot save the sessions to {self.path}: {error.strerror or error}")
            return
        self._digest = digest
        self._failed = ""
        self.saves += 1

    def forget(self) -> None:
        """The sessions were ended on purpose: nothing is left to resurrect."""
        self.cancel()
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def cancel(self) -> None:
        for handle in (self._due, self._tick, self._step_handle):
            if handle is not None:
                handle.cancel()
        self._due = self._tick = self._step_handle = None
        if self._job is not None:
            self._job.close()
            self._job = None

    def _report(self, text: str) -> None:
        if text != self._failed:  # once, not every few seconds
            self._failed = text
            print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} muntin server: {text}", file=sys.stderr)
