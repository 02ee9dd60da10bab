"""A private tmux server to run the real muntin in, driven with send-keys and read with capture-pane."""

from __future__ import annotations

import os
import shutil
import sys
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from conftest import poll_until


class TmuxError(RuntimeError):
    """A tmux command failed, or a screen condition was not met before its deadline."""


class TmuxServer:
    """One private tmux server (``tmux -L NAME -f /dev/null``) holding one session of a given size."""

    def __init__(self, *, width: int = 100, height: int = 30) -> None:
        self.name = f"muntin-e2e-{uuid.uuid4().hex[:10]}"
        self.dir = Path(tempfile.mkdtemp(prefix="muntin-e2e-"))  # the socket lives here, not in /tmp/tmux-UID
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")} | \
            {"TMUX_TMPDIR": str(self.dir)}
        self.width = width
        self.height = height
        self.pid: int | None = None

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
            env=self.env,
        )
        if check and result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: Sequence[str], *, env: dict[str, str] | None = None, cwd: str | None = None,
              options: Sequence[tuple[str, str]] = ()) -> None:
        """Start the server with one window running ``command`` (kept on screen after it exits); global
        ``options`` are set before the window starts."""
        argv = [word for name, value in options for word in ("set-option", "-g", name, value, ";")]
        if argv:
            argv = ["start-server", ";", *argv]
        argv += ["new-session", "-d", "-s", "e2e", "-x", str(self.width), "-y", str(self.height)]
        if cwd:
            argv += ["-c", cwd]
        for key, value in (env or {}).items():
            argv += ["-e", f"{key}={value}"]
        self.tmux(*argv, " ".join(_quote(word) for word in command))
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.tmux("set-option", "-g", "status", "off")
        self.pid = int(self.tmux("display-message", "-p", "#{pid}").strip())

    def send_keys(self, *keys: str) -> None:
        """tmux key names (``C-b``, ``Enter``, ``Up``) or words typed as text."""
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def screen(self) -> list[str]:
        return self.tmux("capture-pane", "-p", "-t", "e2e").split("\n")[: self.height]

    def text(self) -> str:
        return "\n".join(self.screen())

    def pane_dead(self) -> bool:
        """The pane's program has exited (the pane stays, showing its screen)."""
        return self.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead}").strip() == "1"

    def pane_exit_status(self, timeout: float = 15.0) -> int | None:
        """The exit status of the pane's program once tmux has collected it (None if it was a signal)."""
        def collected() -> list[str] | None:
            fields = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_dead_status}|#{pane_dead_signal}")
            status, sig = fields.strip().split("|")
            return [status, sig] if status or sig else None

        status, _ = poll_until(collected, timeout=timeout) or ["", ""]
        return int(status) if status else None

    def wait_for(self, condition: str | Callable[[str], bool], timeout: float = 10.0) -> str:
        """Poll the screen until it contains ``condition`` (or the predicate holds); return the screen."""
        check = (lambda screen: condition in screen) if isinstance(condition, str) else condition
        screen = ""

        def shown() -> bool:
            nonlocal screen
            screen = self.text()
            return check(screen)

        if poll_until(shown, timeout=timeout, interval=0.05):
            return screen
        raise TmuxError(f"timed out after {timeout}s waiting for {condition!r}; screen was:\n{screen}")

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
        if poll_until(predicate, timeout=timeout, interval=0.05):
            return
        raise TmuxError(f"timed out after {timeout}s waiting for {what}; screen was:\n{self.text()}\n"
                        f"processes:\n{self.processes()}")

    def processes(self) -> str:
        """The pane's process and its children, for failure messages."""
        try:
            pid = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip()
            return subprocess.run(["ps", "-o", "pid,ppid,stat,wchan:24,args", "--ppid", pid, "-p", pid],
                                  capture_output=True, text=True, timeout=10).stdout
        except (TmuxError, subprocess.SubprocessError) as error:
            return str(error)

    def kill(self) -> None:
        """Stop the server and wait until its process is gone."""
        self.tmux("kill-server", check=False)
        if self.pid is not None and not poll_until(lambda: not _alive(self.pid), timeout=10):
            os.kill(self.pid, signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _quote(word: str) -> str:
    if word and all(c.isalnum() or c in "-_./=:%@+," for c in word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class MuntinInTmux:
    """The real ``muntin`` UI running in a private tmux server, with its own private muntin server."""

    def __init__(self, tmux: TmuxServer, socket: Path) -> None:
        self.tmux = tmux
        self.socket = socket

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, "-m", "muntin", "-S", str(self.socket), *args],
                                capture_output=True, text=True, timeout=30)
        if check and result.returncode != 0:
            raise AssertionError(f"muntin {' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    def start(self, *args: str, env: dict[str, str] | None = None, options: Sequence[tuple[str, str]] = ()) -> None:
        """Run ``muntin -S SOCKET ARGS`` as the program of the tmux pane (with -W error in the UI process), with
        tmux's global ``options`` set first."""
        # tmux sets SHELL to its own default-shell in the pane, so the environment goes through env(1):
        # panes then run a plain sh, never the user's shell start-up files. A pane's shell is a login shell,
        # as in tmux, and /etc/profile gives root a "# " prompt: ENV, read after the profile, sets "$ ".
        shrc = self.socket.parent / "shrc"
        shrc.write_text("PS1='$ '\n")
        settings = {"SHELL": "/bin/sh", "PS1": "$ ", "ENV": str(shrc), **(env or {})}
        self.tmux.start(held(["env", *(f"{k}={v}" for k, v in settings.items()),
                              sys.executable, "-W", "error", "-m", "muntin", "-S", str(self.socket), *args]),
                       options=options)

    def exit_status(self, timeout: float = 15.0) -> int:
        """The status muntin exited with (waits for the pane to show it)."""
        import re

        screen = self.tmux.wait_for("muntin-exit=", timeout=timeout)
        return int(re.search(r"muntin-exit=(\d+)", screen).group(1))


def held(argv: Sequence[str]) -> list[str]:
    """``argv`` run by a sh that then prints its exit status and stays. When a pane's program exits, tmux
    stops reading its pty, and what the program wrote last can still be on its way through the kernel's
    pty buffer: muntin's closing ``[detached]`` went missing that way. Nothing is lost from a pane whose
    process lives on (tmux ends it with the server)."""
    return ["sh", "-c", '"$@"; echo "muntin-exit=$?"; exec sleep 3600', "sh", *argv]


@pytest.fixture
def tmux_server():
    """A private tmux server, killed after the test."""
    server = TmuxServer()
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def muntin_ui(tmp_path: Path):
    """The real muntin in a private tmux server with its own muntin socket; both are stopped afterwards."""
    tmux = TmuxServer(width=100, height=30)
    app = MuntinInTmux(tmux, tmp_path / "muntin.sock")
    try:
        yield app
    finally:
        app.cli("kill-server", check=False)
        tmux.kill()
        poll_until(lambda: not app.socket.exists(), timeout=10, interval=0.05)
