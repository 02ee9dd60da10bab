"""``muntin resurrect``: the sessions a server saved, rebuilt in a running server through the workspace
applier: the same windows, splits and directories, each pane showing its history under a marked line, its
program started again (at once for ``resurrect-programs``, else once Enter is pressed)."""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from muntin.client import Connection
from muntin.client.workspace import Applier
from muntin.config.paths import previous_state_file, state_dir, state_file
from muntin.config.state import SavedPane, SavedSession, latest_sessions, read_states, to_workspace
from muntin.process import restore_argv
from muntin.protocol.paths import make_private_dir

RESTORE_DIR = "restore"
"""Folder of ``state_dir()`` where each restored pane's history waits for its pane to show it."""
STALE = 3600.0
"""Seconds after which a history file no pane took is removed."""


def saved_sessions(socket: Path) -> tuple[list[tuple[SavedSession, float]], list[str]]:
    """The sessions saved for the server on ``socket`` (this one's and the one before it), newest save of
    each name, and a ``PATH: what is wrong`` line for each state file that cannot be read."""
    states, problems = read_states([previous_state_file(socket), state_file(socket)])
    return latest_sessions(states), problems


def when(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def describe(session: SavedSession, saved: float) -> str:
    panes = sum(len(window.panes) for window in session.windows)
    windows = len(session.windows)
    return (f"{session.name}: {windows} window{'s' * (windows != 1)}, {panes} pane{'s' * (panes != 1)}, "
            f"saved {when(saved)}")


def starts_at_once(command: Sequence[str], programs: str) -> bool:
    """Whether ``command`` is one of ``resurrect-programs`` (words; ``"tail -f"`` names a program with the
    arguments it must start with): those start again by themselves, any other waits for Enter."""
    if not command:
        return False
    try:
        entries = [entry.split() for entry in shlex.split(programs)]
    except ValueError:
        entries = [[word] for word in programs.split()]
    words = [os.path.basename(command[0]), *command[1:]]
    return any(entry and words[:len(entry)] == entry for entry in entries)


def history_text(pane: SavedPane, saved: float) -> str:
    """What a restored pane shows first: its saved lines (already cleaned to text and SGR), then the mark."""
    lines = [f"\x1b[0m{line}\x1b[0m" for line in pane.history]
    lines.append(f"\x1b[0;2;7m restored from {when(saved)} \x1b[0m")
    return "\r\n".join(lines) + "\r\n"


class Resurrector:
    """Rebuilds saved sessions through one connection to a running server."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.directory = state_dir() / RESTORE_DIR

    def option(self, name: str) -> str:
        result = self.connection.command(["show-options", "-gv", name])
        return result.output.rstrip("\n") if result.ok else ""

    def running(self) -> set[str]:
        result = self.connection.command(["list-sessions", "--json"])
        return {s["name"] for s in json.loads(result.output or "[]")} if result.ok else set()

    def _history_file(self, text: str) -> str:
        make_private_dir(self.directory)
        for _ in range(100):
            path = self.directory / f"pane-{os.getpid()}-{time.monotonic_ns()}.txt"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8", errors="surrogateescape"))
            return os.fspath(path)
        raise OSError(f"cannot make a file in {self.directory}")

    def _clear_stale(self) -> None:
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        now = time.time()
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > STALE:
                    os.unlink(entry.path)
            except OSError:
                continue

    def programs(self, session: SavedSession, saved: float) -> list[list[str]]:
        """What each pane of ``session`` runs: the restore program with its history and command, or nothing
        (the default shell) for a pane with neither."""
        auto = self.option("resurrect-programs")
        shell = self.option("default-shell") or _user_shell()
        python = sys.executable
        out = []
        for window in session.windows:
            for pane in window.panes:
                command = list(pane.command)
                history = self._history_file(history_text(pane, saved))
                out.append(restore_argv(python, argv=command, history=history,
                                        ask=not starts_at_once(command, auto), cwd=pane.command_cwd,
                                        shell=shell if pane.shell else None))
        return out

    def restore(self, session: SavedSession, saved: float) -> str:
        """Build ``session``; the name the server gave it."""
        self._clear_stale()
        workspace = to_workspace(session, self.programs(session, saved))
        return Applier(self.connection).apply(workspace).session


def _user_shell() -> str:
    from muntin.session.pane import user_shell

    return user_shell()
