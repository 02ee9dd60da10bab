"""Starting a program on a new pty (os.forkpty, its size set before the program runs), and everything done to it
afterwards."""

from __future__ import annotations

import asyncio
import errno
import fcntl
import os
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from muntin.process._reaper import Reaper, reaper_for
from muntin.process._status import EndedBy, ExitKind, ExitStatus

DEFAULT_TERM = "tmux-256color"
_RESET_SIGNALS = tuple(getattr(signal, name) for name in (
    "SIGPIPE", "SIGINT", "SIGQUIT", "SIGTERM", "SIGHUP", "SIGCHLD", "SIGTSTP", "SIGTTIN", "SIGTTOU",
    "SIGXFSZ", "SIGWINCH", "SIGUSR1", "SIGUSR2", "SIGALRM") if hasattr(signal, name))
SignalTarget = Literal["process", "group", "foreground"]


class SpawnError(OSError):
    """The program could not be started (its working directory is missing, or argv is empty)."""


def build_env(env: Mapping[str, str] | None, *, term: str, pane_id: str | None) -> dict[str, str]:
    """The child's environment: the caller's (or ``env``), with TERM set and LINES/COLUMNS removed."""
    result = dict(os.environ if env is None else env)
    result["TERM"] = term
    result.pop("LINES", None)
    result.pop("COLUMNS", None)
    if pane_id is not None:
        result["MUNTIN_PANE"] = pane_id
    return result


def which(program: str, path: str | None) -> str | None:
    """The first executable file ``program`` names on ``path`` (a PATH value), as ``shutil.which`` finds it;
    shutil itself loads the bz2 and lzma modules, which the server has no use for. None: the default path."""
    for directory in (os.defpath if path is None else path).split(os.pathsep) if path != "" else ():
        candidate = os.path.join(directory or os.curdir, program)
        if os.access(candidate, os.F_OK | os.X_OK) and not os.path.isdir(candidate):
            return candidate
    return None


def _resolve(program: str, path: str) -> tuple[str | None, int, str]:
    """(executable, exit code if it cannot run, the reason) for argv[0], looked up on ``path``."""
    if "/" in program:
        if not os.path.exists(program):
            return None, 127, "No such file or directory"
        if os.path.isdir(program) or not os.access(program, os.X_OK):
            return None, 126, "Permission denied" if not os.path.isdir(program) else "Is a directory"
        return program, 0, ""
    found = which(program, path)
    if found is None:
        return None, 127, "No such file or directory" if path else "command not found (PATH is empty)"
    return found, 0, ""


def _winsize(rows: int, cols: int) -> bytes:
    return struct.pack("HHHH", max(rows, 1), max(cols, 1), 0, 0)


def spawn(argv: Sequence[str], *, cwd: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None,
          rows: int = 24, cols: int = 80, term: str = DEFAULT_TERM, pane_id: str | None = None,
          reaper: Reaper | None = None, arg0: str | None = None) -> Child:
    """Start ``argv`` on a new pty of ``rows`` x ``cols`` (the program sees ``arg0`` as its argv[0], if given:
    ``-sh`` starts a login shell).

    Everything that can fail is worked out before forking: a missing working directory raises
    ``SpawnError``; a program that cannot be found or run still gets a pane, which shows
    ``muntin: cannot run 'NAME': REASON`` and exits 127 (not found) or 126 (not executable), as a shell would.
    The pty has its window size before the program runs (the child waits for the parent to set it); the
    child only resets its signals, chdirs, closes stray fds and execs.
    """
    if not argv:
        raise SpawnError(errno.EINVAL, "nothing to run: the command is empty")
    argv = [os.fsdecode(a) for a in argv]
    child_env = build_env(env, term=term, pane_id=pane_id)
    directory = os.path.abspath(os.path.expanduser(os.fspath(cwd))) if cwd is not None else None
    if directory is not None and not os.path.isdir(directory):
        raise SpawnError(errno.ENOENT, f"cannot start '{argv[0]}': no directory {directory}")
    executable, fail_code, reason = _resolve(argv[0], child_env.get("PATH", os.defpath))
    failure = f"muntin: cannot run '{argv[0]}': {reason}\n".encode() if executable is None else b""
    size = _winsize(rows, cols)
    started = time.monotonic()

    # The parent sets the size on the master as soon as forkpty returns, and the child waits for that before
    # it goes on: set by the child itself, the size could land after a resize() the parent made meanwhile
    # and undo it, and a program must never see a size other than the pane's.
    go_read, go_write = os.pipe()
    # Until the child has dropped the parent's signal handling, a signal sent to it (a pane closed the moment
    # it was made) would run the parent's handler in the child, and asyncio's handler writes the signal to a
    # socket the parent reads: the parent would act on it. So signals wait, blocked, until the child is ready.
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    try:
        pid, fd = os.forkpty()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(go_read)
        os.close(go_write)
        raise
    if pid == 0:  # the child: nothing here may raise past os._exit
        try:
            os.close(go_write)
            os.read(go_read, 1)  # the size is set (or the parent is gone: end of file)
            os.close(go_read)
            try:
                signal.set_wakeup_fd(-1)  # the parent's asyncio socket: never written from here
            except ValueError:  # not the main thread: no wakeup fd was ours to inherit
                pass
            # Programs start with default signal handling and nothing blocked, as from a login shell:
            # Python ignores SIGPIPE, and a server started in the background may inherit SIGINT/SIGQUIT
            # ignored; exec keeps ignored signals ignored, so `yes | head` or ctrl+c would misbehave.
            for number in _RESET_SIGNALS:
                signal.signal(number, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, ())
            if directory is not None:
                os.chdir(directory)
            if executable is None:
                os.write(2, failure)
                os._exit(fail_code)
            os.closerange(3, 1 << 16)
            os.execve(executable, [arg0 or argv[0], *argv[1:]], child_env)
        except OSError as error:
            code = 126 if error.errno in (errno.EACCES, errno.ENOEXEC, errno.EISDIR) else 127
            try:
                os.write(2, f"muntin: cannot run '{argv[0]}': {error.strerror}\n".encode())
            finally:
                os._exit(code)
        finally:
            os._exit(127)
    os.close(go_read)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, size)
    finally:
        os.write(go_write, b"s")
        os.close(go_write)
    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    os.set_blocking(fd, False)
    os.set_inheritable(fd, False)
    return Child(pid, fd, argv=argv, cwd=directory, env=child_env, started=started, reaper=reaper)


_TIOCGPTN = 0x80045430 if sys.platform.startswith("linux") else None
"""Linux's ioctl for a pty master's number (asm-generic value; Python's termios lacks it); elsewhere none."""

class Child:
    """A running program on a pty. Output is read by the owner through ``read()``; input goes through
    ``write()`` which never blocks; its lifetime is tracked by a ``Reaper`` inside an asyncio loop, or by
    ``poll()`` outside one."""

    def __init__(self, pid: int, fd: int, *, argv: Sequence[str], cwd: str | None, env: Mapping[str, str],
                 started: float, reaper: Reaper | None = None) -> None:
        self.pid = pid
        self.fd = fd
        self.argv = list(argv)
        self.cwd_at_start = cwd
        self.env = dict(env)
        self.started = started
        self.started_wall = time.time()
        self.ended_wall: float | None = None
        self.status: ExitStatus | None = None
        self.stopped: ExitStatus | None = None
        self.pty_closed = False
        self.drained = False  # read to the end after the reap (see read())
        self.on_status: Callable[[ExitStatus], None] | None = None
        self._pending = bytearray()
        self._writer_loop: asyncio.AbstractEventLoop | None = None
        self._waiters: list[asyncio.Future[ExitStatus]] = []
        self._ended_by: EndedBy | None = None
        self._reaper = reaper
        if reaper is None:
            try:
                self._reaper = reaper_for(asyncio.get_running_loop())
            except RuntimeError:
                self._reaper = None
        if self._reaper is not None:
            self._reaper.add(self)

    def __repr__(self) -> str:
        return f"<Child pid={self.pid} {self.argv[0]!r} {self.status or 'running'}>"

    # -- output ----------------------------------------------------------------------------------------

    def read(self, max_bytes: int = 1 << 16) -> bytes:
        """What the program wrote and is ready now, up to ``max_bytes``: b"" when nothing is (EAGAIN) or
        when the pty is closed (EIO after the last holder of the pty went away; ``pty_closed`` is then set).
        A read that comes to the end (EAGAIN) after the child was reaped sets ``drained``: a process it left
        behind may hold the pty open, but nothing the program wrote is left unread."""
        if self.pty_closed:
            return b""
        reaped = self.status is not None
        chunks: list[bytes] = []
        total = 0
        while total < max_bytes:
            try:
                chunk = os.read(self.fd, min(1 << 16, max_bytes - total))
            except BlockingIOError:
                # The kernel hands the reader what is on its way through the pty before it says EAGAIN, so
                # this is tmux's test of a dead pane (FIONREAD of 0 once the child is reaped), race-free.
                self.drained = self.drained or reaped
                break
            except OSError as error:
                if error.errno in (errno.EIO, errno.EBADF):
                    self.pty_closed = True
                    break
                raise
            if not chunk:
                self.pty_closed = True
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)

    @property
    def finished(self) -> bool:
        """Reaped, and every byte it wrote has been read: the pty returned EIO, or a read after the reap came
        to the end while a process the program left behind (``setsid cmd &``, ``cmd &``) holds the pty."""
        return self.status is not None and (self.pty_closed or self.drained)

    # -- input -----------------------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        """Queue ``data`` for the program and write what the pty takes now; the rest goes out as the pty
        drains (by a loop writer inside a running loop, else by ``flush()``)."""
        if self.fd < 0 or self.pty_closed:
            return
        self._pending += data
        if not self.flush():
            self._ensure_writer()

    def flush(self) -> bool:
        """Write queued input; True when none is left."""
        while self._pending and self.fd >= 0:
            try:
                written = os.write(self.fd, self._pending)
            except BlockingIOError:
                return False
            except OSError:
                self._pending.clear()
                return True
            del self._pending[:written]
        if not self._pending:
            self._drop_writer()
        return not self._pending

    @property
    def pending_input(self) -> int:
        return len(self._pending)

    def _ensure_writer(self) -> None:
        if self._writer_loop is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        loop.add_writer(self.fd, self.flush)
        self._writer_loop = loop

    def _drop_writer(self) -> None:
        if self._writer_loop is not None:
            self._writer_loop.remove_writer(self.fd)
            self._writer_loop = None

    # -- size, signals, what runs in it ----------------------------------------------------------------

    def resize(self, rows: int, cols: int) -> None:
        """Set the pty size; the kernel sends SIGWINCH to the foreground process group."""
        if self.fd >= 0:
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ, _winsize(rows, cols))

    def tty_name(self) -> str:
        """The path of the pty's terminal side (``/dev/pts/N``), as tmux's ``pane_tty``; "" once it is closed."""
        request = getattr(termios, "TIOCGPTN", _TIOCGPTN)
        if self.fd < 0 or request is None:
            return ""
        try:
            (number,) = struct.unpack("I", fcntl.ioctl(self.fd, request, b"\0" * 4))
        except OSError:
            return ""
        return f"/dev/pts/{number}"

    def size(self) -> tuple[int, int]:
        rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(self.fd, termios.TIOCGWINSZ, b"\0" * 8))
        return rows, cols

    def foreground_pgid(self) -> int | None:
        """The process group that owns the terminal now (a job the shell runs, or the shell itself)."""
        if self.fd < 0 or self.pty_closed:
            return None
        try:
            return os.tcgetpgrp(self.fd)
        except OSError:
            return None

    def foreground_process(self) -> tuple[int, str] | None:
        """(pid, command name) of the foreground process group's leader."""
        pgid = self.foreground_pgid()
        if pgid is None or pgid <= 0:
            return None
        return pgid, process_name(pgid) or ""

    def cwd(self) -> str | None:
        """The working directory of the foreground process (falls back to the child's own)."""
        for pid in (self.foreground_pgid(), self.pid):
            if pid:
                try:
                    return os.readlink(f"/proc/{pid}/cwd")
                except OSError:
                    continue
        return self.cwd_at_start

    def signal(self, sig: int, target: SignalTarget = "process") -> bool:
        """Send ``sig`` to the child, its process group, or the terminal's foreground group. False if there
        was nobody to receive it."""
        try:
            if target == "process":
                if self.status is not None:
                    return False
                os.kill(self.pid, sig)
            elif target == "group":
                os.killpg(self.pid, sig)
            elif target == "foreground":
                pgid = self.foreground_pgid()
                if pgid is None:
                    return False
                os.killpg(pgid, sig)
            else:
                raise ValueError(f"unknown signal target {target!r}: use process, group or foreground")
        except ProcessLookupError:
            return False
        return True

    # -- lifetime --------------------------------------------------------------------------------------

    def poll(self) -> ExitStatus | None:
        """Collect any state changes without blocking; the final status once the child is dead.

        Stops and continues update ``stopped`` and go to ``on_status``; they are not deaths."""
        while self.status is None:
            try:
                pid, status, rusage = os.wait4(self.pid, os.WNOHANG | os.WUNTRACED | os.WCONTINUED)
            except ChildProcessError:
                # Someone else reaped it: we cannot know how it ended.
                self._finish(ExitStatus(ExitKind.EXITED, code=None, seconds=time.monotonic() - self.started))
                break
            if pid == 0:
                break
            decoded = ExitStatus.from_wait_status(status, seconds=time.monotonic() - self.started, rusage=rusage)
            if decoded.finished:
                self._finish(decoded)
            else:
                self.stopped = decoded if decoded.kind is ExitKind.STOPPED else None
                if self.on_status is not None:
                    self.on_status(decoded)
        return self.status

    def _finish(self, status: ExitStatus) -> None:
        self.ended_wall = time.time()
        self.status = replace(status, ended_by=self._ended_by, started_at=self.started_wall, ended_at=self.ended_wall)
        self.stopped = None
        if self._reaper is not None:
            self._reaper.remove(self)
        if self.on_status is not None:
            self.on_status(self.status)
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(self.status)
        self._waiters.clear()

    async def wait(self) -> ExitStatus:
        """The final status, once the child is reaped (needs the loop's reaper: spawn inside the loop)."""
        if self.poll() is not None:
            return self.status  # type: ignore[return-value]
        loop = asyncio.get_running_loop()
        if self._reaper is None:
            self._reaper = reaper_for(loop)
            self._reaper.add(self)
        future: asyncio.Future[ExitStatus] = loop.create_future()
        self._waiters.append(future)
        if self.poll() is not None:
            return self.status  # type: ignore[return-value]
        return await future

    def _hang_up(self) -> None:
        self._drop_writer()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        self.pty_closed = True
        self.signal(signal.SIGHUP, "group")

    def _escalate(self, step: EndedBy) -> None:
        self._ended_by = step
        if step is EndedBy.HANGUP:
            self._hang_up()
        else:
            sig = signal.SIGTERM if step is EndedBy.SIGTERM else signal.SIGKILL
            if not self.signal(sig, "group"):
                self.signal(sig, "process")
            self.signal(signal.SIGCONT, "group")

    def close(self, grace: float = 2.0) -> ExitStatus:
        """End the child, blocking: hang up, then SIGTERM, then SIGKILL, each after ``grace`` seconds.
        The status says which step ended it (``ended_by``); no zombie and no fd are left."""
        for step in EndedBy:
            if self.poll() is not None:
                break
            self._escalate(step)
            deadline = time.monotonic() + (grace if step is not EndedBy.SIGKILL else 30)
            while self.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
        self._release()
        assert self.status is not None
        return self.status

    async def aclose(self, grace: float = 2.0) -> ExitStatus:
        """``close()`` for inside the event loop: the same escalation, never blocking the loop."""
        for step in EndedBy:
            if self.poll() is not None:
                break
            self._escalate(step)
            try:
                await asyncio.wait_for(asyncio.shield(self.wait()), grace if step is not EndedBy.SIGKILL else 30)
            except TimeoutError:
                continue
        self._release()
        assert self.status is not None
        return self.status

    def _release(self) -> None:
        self._drop_writer()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
            # Jobs the program left in its process group (``cmd &`` in a script) would hold on otherwise.
            self.signal(signal.SIGHUP, "group")
        self.pty_closed = True
        if self._reaper is not None:
            self._reaper.remove(self)


def wait_gone(pid: int, timeout: float = 15.0) -> bool:
    """Wait until a process that is not our child (a daemonized server) has exited; False at the deadline.
    It cannot be waited for, so this polls ``kill(pid, 0)`` and its state: a zombie has exited (its parent,
    init or a subreaper, may take a second to reap it)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if _zombie(pid):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:][:1] in (b"Z", b"X")


def process_argv(pid: int) -> list[str] | None:
    """The command line of a process, word for word (None when it is gone or cannot be read)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [w.decode(errors="surrogateescape") for w in raw.split(b"\0") if w]


def process_cwd(pid: int) -> str | None:
    """The working directory of a process (None when it is gone or not ours)."""
    try:
        return os.readlink(f"/proc/{pid}/cwd")
    except OSError:
        return None


def process_name(pid: int) -> str | None:
    """The command line of a process, shortened to its program name and arguments."""
    argv = process_argv(pid)
    if argv is None:
        return None
    words = [w.encode(errors="surrogateescape").decode(errors="replace") for w in argv]
    if not words:
        try:
            return Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            return None
    return " ".join([os.path.basename(words[0].lstrip(" -")), *words[1:]])  # a login shell: -sh is sh
