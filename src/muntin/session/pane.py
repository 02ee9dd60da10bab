"""A pane: a program on a pty (Child) and the screen its output draws (Terminal), and how it ended."""

from __future__ import annotations

import enum
import os
import pwd
import re
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from muntin.emulator import TERM, Terminal
from muntin.process import Child, ExitKind, ExitStatus, spawn, which
from muntin.session.copymode import CopyMode
from muntin.session.pipe import PanePipe


class PaneState(enum.Enum):
    RUNNING = "running"
    STOPPED = "stopped"
    DEAD = "dead"


class RemainOnExit(enum.Enum):
    """Whether a pane whose program ended stays: never, always, or only when it failed (the default)."""

    OFF = "off"
    ON = "on"
    FAILED = "failed"

    def keeps(self, status: ExitStatus) -> bool:
        return self is RemainOnExit.ON or (self is RemainOnExit.FAILED and status.failed)


def _usable_shell(path: str | None) -> bool:
    return bool(path) and os.path.isabs(path) and os.access(path, os.X_OK) and not os.path.isdir(path)


def user_shell() -> str:
    """The shell for a new pane, found as tmux finds it: $SHELL, else the account's shell, else /bin/sh."""
    shell = os.environ.get("SHELL")
    if _usable_shell(shell):
        return shell
    try:
        account = pwd.getpwuid(os.getuid()).pw_shell
    except KeyError:
        account = None
    return account if _usable_shell(account) else "/bin/sh"


def default_command() -> list[str]:
    return [user_shell()]


_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")
# Words a shell runs itself even where a program of the same name is on PATH.
_SHELL_OWN = frozenset("""
    alias bg break builtin cd command continue declare echo eval exec exit export false fc fg getopts hash jobs
    kill let local printf pwd read readonly return set shift source test time times trap true type typeset
    ulimit umask unalias unset wait [ . :
""".split())


def command_argv(argv: Sequence[str], *, shell: str | None = None, path: str | None = None) -> list[str]:
    """What to run for a pane's command, read as tmux reads it: several words are a program and its
    arguments; one word is a line for the shell (``shell -c LINE``). A line that is only a program and plain
    arguments (no quotes, expansions, operators or assignments) runs directly instead, so the program is the
    pane's own process: dash and some other shells fork the last command of ``-c`` rather than replace
    themselves, and the pane would otherwise show the shell as its program."""
    if len(argv) != 1:
        return list(argv)
    line = argv[0]
    words = line.split()
    plain = bool(words) and all(_PLAIN_WORD.fullmatch(word) for word in words)
    if plain and "=" not in words[0] and words[0] not in _SHELL_OWN:
        if "/" in words[0] or which(words[0], path if path is not None else os.environ.get("PATH")):
            return words
    if not words:
        return list(argv)
    return [shell or default_command()[0], "-c", line]


class PaneCommand(NamedTuple):
    """What a pane runs: its argv, and the name the program gets as its own argv[0] where that is not
    argv[0] (tmux's names: ``-sh``, a login shell, for the default shell; ``sh`` for ``sh -c LINE``)."""

    argv: list[str]
    arg0: str | None = None
    given: str = ""  # the command as given, in tmux's words (pane_start_command): "" for the shell


_DOUBLE_QUOTED = frozenset(" #';${}%")
_SINGLE_QUOTED = frozenset(' "')


def tmux_word(word: str) -> str:
    """One word as tmux writes it back (its args_escape): quoted where it must be, control characters as
    C escapes."""
    if not word:
        return "''"
    quotes = '"' if _DOUBLE_QUOTED.intersection(word) else "'" if _SINGLE_QUOTED.intersection(word) else ""
    if word[0] != " " and len(word) == 1 and (quotes or word == "~"):
        return "\\" + word
    out = []
    for i, char in enumerate(word):
        if char == "\\" or (quotes == '"' and char == '"'):
            out.append("\\" + char)
        elif quotes == '"' and char == "$" and (word[i + 1:i + 2].isalpha() or word[i + 1:i + 2] in ("_", "{")):
            out.append("\\$")
        elif char in "\n\t":
            out.append("\\n" if char == "\n" else "\\t")
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    escaped = "".join(out)
    tilde = "\\" if escaped.startswith("~") else ""
    return f"{quotes}{tilde}{escaped}{quotes}"


def tmux_program_name(command: str) -> str:
    """The program a command line names, as tmux names a window after it (its parse_window_name)."""
    name = command[1:] if command.startswith('"') else command
    name = name.split('"', 1)[0]
    name = name.removeprefix("exec ").lstrip(" -").split(" ", 1)[0]
    while len(name) > 1 and (name[-1].isspace() or not name[-1].isprintable()):
        name = name[:-1]
    return os.path.basename(name) if name.startswith("/") else name


def _shell_name(shell: str) -> str:
    return os.path.basename(shell) or shell


def pane_command(argv: Sequence[str] | None, *, shell: str | None = None, default: str | None = None,
                 path: str | None = None) -> PaneCommand:
    """A pane's command as tmux starts it: ``argv`` (see command_argv), else the default command ``default``
    as a shell line, else the shell (``shell``, else the user's) as a login shell."""
    if not argv:
        if not default:
            shell = shell or user_shell()
            return PaneCommand([shell], "-" + _shell_name(shell))
        argv = [default]
    result = command_argv(argv, shell=shell, path=path)
    given = " ".join(tmux_word(word) for word in argv)
    if len(argv) == 1 and len(result) == 3 and result[1] == "-c" and result[2] == argv[0]:
        return PaneCommand(result, _shell_name(result[0]), given)
    return PaneCommand(result, None, given)


INPUT_LIMIT = 4 << 20
"""Bytes of input a pane holds for a program that does not read it; more is refused until it reads."""


class Pane:
    """One pane. The server calls ``pump`` when the pty is readable; the child's reaper calls back on state
    changes; ``on_change(pane, what)`` tells the owner about ``"exited"``, ``"stopped"``, ``"continued"``,
    ``"bell"`` and ``"title"``."""

    def __init__(self, pane_id: int, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                 env: Mapping[str, str] | None = None, rows: int = 24, cols: int = 80,
                 scrollback: int = 10000, term: str = TERM, arg0: str | None = None,
                 given: str | None = None) -> None:
        self.id = pane_id
        self.argv = list(argv) if argv else default_command()
        self.arg0 = arg0  # the program's own argv[0], where it is not argv[0] (see PaneCommand)
        self.given = " ".join(tmux_word(word) for word in argv or ()) if given is None else given
        self.start_cwd = cwd
        self.env = dict(env) if env is not None else None
        self.term = term
        self.rows, self.cols = rows, cols
        self.terminal = Terminal(rows, cols, scrollback=scrollback, on_reply=self.write)
        self.terminal.on_event = self._terminal_event
        self.child: Child | None = None
        self.status: ExitStatus | None = None
        self.stopped_by: ExitStatus | None = None
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.reported = False
        self.on_change: Callable[[Pane, str], None] | None = None
        self.window: Any = None  # the Window holding it, set by the window
        self.copy: CopyMode | None = None  # copy mode's view, when the pane is in it
        self.options: dict[str, Any] = {}  # pane options (set-option -p), e.g. remain-on-exit
        self.typed_at = 0.0  # when a client last typed into it (monotonic)
        self.on_output: Callable[[Pane, bytes], None] | None = None  # each read, as read (control mode)
        self.pipe: PanePipe | None = None  # pipe-pane: a command that also gets the program's output
        self.command_name = ""  # the foreground program when the server last looked (current_command)
        self.read_size = 1 << 14  # bytes the server reads at a time (it adapts this to the output's cost)
        self.copied = ""  # the text of the program's last OSC 52 write (set-clipboard)
        self.asked_name = ""  # the window name the program last asked for (ESC k NAME ESC \\; allow-rename)
        self.unparsed = b""  # read, not yet parsed: the server's turn for this pane ended inside a read

    # -- lifetime ----------------------------------------------------------------------------------------

    def start(self) -> None:
        """Run the pane's command (again, for respawn) with the same argv, cwd and env."""
        self.status = None
        self.stopped_by = None
        self.reported = False
        self.ended_at = None
        self.child = spawn(self.argv, cwd=self.start_cwd, env=self.env, rows=self.rows, cols=self.cols,
                           term=self.term, pane_id=f"%{self.id}", arg0=self.arg0)
        self.child.on_status = self._child_status
        self.started_at = time.time()

    def _child_status(self, status: ExitStatus) -> None:
        if status.kind is ExitKind.STOPPED:
            self.stopped_by = status
            self._notify("stopped")
        elif status.kind is ExitKind.CONTINUED:
            self.stopped_by = None
            self._notify("continued")
        else:
            self.stopped_by = None
            # Read what is left: the pty closes (EIO), or comes to its end while a process the program left
            # behind holds it open. Either way the pane is then dead, with all of the program's output.
            self.pump(self.read_size)

    def _check_finished(self) -> None:
        child = self.child
        if child is None or self.status is not None or not child.finished:
            return
        self.status = child.status
        self.ended_at = time.time()
        self._notify("exited")

    def _notify(self, what: str) -> None:
        if self.on_change is not None:
            self.on_change(self, what)

    def _terminal_event(self, name: str, value: object) -> None:
        if name in ("bell", "title"):
            self._notify(name)
        elif name == "clipboard" and isinstance(value, str):
            self.copied = value
            self._notify(name)
        elif name == "rename" and isinstance(value, str):
            self.asked_name = value[:256]
            self._notify(name)

    @property
    def index(self) -> int:
        """The pane's position in its window (floating panes after the tiled ones)."""
        if self.window is None:
            return 0
        tiled = self.window.layout.panes
        if self.id in tiled:
            return tiled.index(self.id)
        return len(tiled) + list(self.window.floating).index(self.id) if self.id in self.window.floating else 0

    @property
    def state(self) -> PaneState:
        if self.status is not None or self.child is None:
            return PaneState.DEAD
        return PaneState.STOPPED if self.stopped_by is not None else PaneState.RUNNING

    @property
    def fd(self) -> int:
        return self.child.fd if self.child is not None else -1

    def pump(self, max_bytes: int = 1 << 18, deadline: float | None = None) -> int:
        """Read what the program wrote (up to ``max_bytes``) into the screen; the byte count parsed.

        With a ``deadline`` (a ``time.perf_counter`` value) parsing stops once it has passed, even inside one
        read: the rest waits in ``unparsed`` and the next call parses it before reading more. So the server's
        turn for one pane is bounded whatever the bytes cost to parse."""
        child = self.child
        if child is None:
            return 0
        if self.unparsed:
            data, self.unparsed = self.unparsed, b""
        else:
            data = child.read(max_bytes)
            if data and self.on_output is not None:
                self.on_output(self, data)
            if data and self.pipe is not None:
                self.pipe.write(data)
                if self.pipe.closed and not self.pipe.running:  # its command ended (and is reaped)
                    self.pipe = None
        if data:
            if deadline is None:
                self.terminal.feed(data)
            else:
                self._feed_until(data, deadline)
        if child.status is not None and not self.unparsed:
            self._check_finished()
        return len(data) - len(self.unparsed)

    def _feed_until(self, data: bytes, deadline: float) -> None:
        """Parse ``data`` in pieces until ``deadline``; what is left goes to ``unparsed``. A piece is a quarter
        of what the pane reads at a time, which the server keeps near a millisecond of parsing."""
        piece = max(self.read_size // 4, 256)
        if len(data) <= piece:
            self.terminal.feed(data)
            return
        feed, clock = self.terminal.feed, time.perf_counter
        view = memoryview(data)
        for start in range(0, len(data), piece):
            feed(view[start:start + piece])
            if clock() >= deadline and start + piece < len(data):
                self.unparsed = bytes(view[start + piece:])
                return

    def add_report(self) -> str:
        """Write the line saying how the program ended under its last output, once."""
        assert self.status is not None
        report = f"[{self.status.report()}]"
        if not self.reported:
            self.reported = True
            x, _ = self.terminal.cursor
            self.terminal.feed((("\r\n" if x else "") + report).encode())
        return report

    # -- input and size ----------------------------------------------------------------------------------

    def write(self, data: bytes) -> bool:
        """Queue ``data`` for the program; False, with nothing queued, when the program has not read what
        was queued before and this would take its queue past INPUT_LIMIT."""
        if self.child is not None and self.status is None:
            queued = self.child.pending_input
            if queued and queued + len(data) > INPUT_LIMIT:
                return False
            self.child.write(data)
        return True

    def resize(self, rows: int, cols: int) -> None:
        rows, cols = max(rows, 1), max(cols, 1)
        if (rows, cols) == (self.rows, self.cols):
            return
        self.rows, self.cols = rows, cols
        self.terminal.resize(rows, cols)
        if self.copy is not None:
            if self.copy.terminal is not self.terminal:  # view mode's text of its own
                self.copy.terminal.resize(rows, cols)
            self.copy.clamp()
        if self.child is not None and self.status is None and not self.child.pty_closed:
            try:
                self.child.resize(rows, cols)
            except OSError:
                pass

    # -- what clients see ------------------------------------------------------------------------------

    def view_row(self, y: int):
        """Row ``y`` as clients draw it: the screen, or copy mode's view of the history."""
        return self.copy.view_row(y) if self.copy is not None else self.terminal.styled_row(y)

    def view_meta(self) -> dict[str, Any]:
        """The cursor and copy-mode state clients draw with the rows."""
        copy = self.copy
        if copy is None:
            return {"cursor": list(self.terminal.cursor), "cursor_visible": self.terminal.cursor_visible,
                    "copy": None}
        return {"cursor": list(copy.cursor), "cursor_visible": True,
                "copy": {"position": copy.position, "marks": [list(mark) for mark in copy.marks()],
                         "message": copy.message}}

    # -- reports -----------------------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The title the program set, else the program in its foreground (as the server last saw it)."""
        return self.terminal.title or self.command_name or os.path.basename(self.argv[0])

    def current_command(self) -> str:
        """The program in the foreground of the pane's terminal (what tmux calls pane_current_command):
        what the shell runs now, or the shell; once it has ended, the program its command names, as tmux."""
        child = self.child
        if child is None or self.status is not None:
            return tmux_program_name(self.given) or _shell_name(self.argv[0])
        return self._program(child.foreground_process())

    def _program(self, foreground: tuple[int, str] | None) -> str:
        """The program's name from the foreground process (pid, command line), else the pane's own."""
        if foreground and foreground[1]:
            return os.path.basename(foreground[1].split()[0])
        return os.path.basename(self.argv[0])

    def info(self) -> dict[str, Any]:
        """What ``list-panes`` shows about this pane."""
        child = self.child
        running = child is not None and self.status is None
        foreground = child.foreground_process() if running else None
        status = self.status
        cpu = None
        if status is not None and status.user_time is not None:
            cpu = round((status.user_time or 0) + (status.sys_time or 0), 3)
        return {
            "id": f"%{self.id}",
            "width": self.cols,
            "height": self.rows,
            "pid": child.pid if child else None,
            "pgid": child.pid if child else None,
            "foreground_pid": foreground[0] if foreground else None,
            "foreground_command": foreground[1] if foreground else None,
            "current_command": self._program(foreground) if running else self.current_command(),
            "cwd": (child.cwd() if running else None) or self.start_cwd,
            "title": self.title,
            "command": list(self.argv),
            "state": self.state.value,
            "stopped_by": self.stopped_by.signal_name if self.stopped_by else None,
            "exit": status.to_dict() if status is not None else None,
            "report": status.report() if status is not None else None,
            "started": self.started_at,
            "ended": self.ended_at,
            "cpu_seconds": cpu,
        }

    async def close_pipe(self) -> None:
        """End pipe-pane's command, if one runs (it gets what it was given so far, then end of input)."""
        pipe, self.pipe = self.pipe, None
        if pipe is not None:
            await pipe.aclose()

    async def close(self, grace: float = 1.0) -> ExitStatus | None:
        """End the program with the hang-up -> SIGTERM -> SIGKILL escalation; the status says which ended it."""
        await self.close_pipe()
        child = self.child
        if child is None:
            return self.status
        status = await child.aclose(grace)
        if self.status is None:
            self.status = status
            self.ended_at = time.time()
        return self.status
