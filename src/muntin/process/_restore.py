"""The program a resurrected pane starts with: it shows the pane's saved history, then runs its saved program
(at once, or once Enter is pressed) and the shell, so the pane is as it was.

``python -m muntin.process._restore [--history FILE] [--run | --ask] [--cwd DIR] [--shell SHELL] -- ARGV...``

- ``--history FILE``: written to the terminal as it is, then removed (muntin writes it: cleaned text and SGR).
- ``--run``: ARGV starts at once; ``--ask``: the pane says ``press Enter to run: ARGV`` and waits (ctrl+c or
  end of input: the shell instead).
- ``--shell SHELL``: the shell the pane ran under its program; it starts once the program ends (or at once
  when there is no ARGV). Without it the pane's program replaces this one, as the pane was started.
Standard library only: it runs before anything else in a fresh pane, and fast."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Sequence

MODULE = "muntin.process._restore"
MAX_HISTORY = 64 << 20


def restore_argv(python: str, *, argv: Sequence[str] = (), history: str | None = None, ask: bool = False,
                 cwd: str | None = None, shell: str | None = None) -> list[str]:
    """The command line that runs this program in a pane (the inverse of :func:`wrapped`)."""
    words = [python, "-m", MODULE]
    if history:
        words += ["--history", history]
    if argv:
        words.append("--ask" if ask else "--run")
    if cwd:
        words += ["--cwd", cwd]
    if shell:
        words += ["--shell", shell]
    return [*words, "--", *argv]


def wrapped(argv: Sequence[str]) -> tuple[list[str], bool] | None:
    """For the command line of this program: (the program it stands for, whether a shell comes after it);
    None for any other command line. So a pane still waiting for Enter is saved as its program again."""
    words = list(argv)
    if len(words) < 3 or words[1:3] != ["-m", MODULE] or "--" not in words:
        return None
    split = words.index("--")
    flags, program = words[3:split], words[split + 1:]
    return program, "--shell" in flags


def shown(argv: Sequence[str]) -> str:
    """A command line as the pane shows it: quoted as a shell would need, control characters as ``^X``."""
    text = shlex.join(argv)
    return "".join(f"^{chr(ord(c) ^ 0x40)}" if ord(c) < 0x20 or ord(c) == 0x7F else
                   (f"<{ord(c):02x}>" if 0x80 <= ord(c) < 0xA0 else c) for c in text)


def _write(data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(1, view)
        view = view[written:]


def _show_history(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return
    try:
        data = os.read(fd, MAX_HISTORY)
    finally:
        os.close(fd)
        try:
            os.unlink(path)
        except OSError:
            pass
    _write(data)


def ask_text(argv: Sequence[str]) -> bytes:
    """The line a pane shows while its program waits for Enter."""
    return f"\x1b[0;1mpress Enter to run:\x1b[0m {shown(argv)}\r\n".encode(errors="replace")


def _ask(argv: Sequence[str]) -> bool:
    """Whether the user pressed Enter at ``press Enter to run: ARGV`` (ctrl+c or end of input: no)."""
    _write(ask_text(argv))
    try:
        line = sys.stdin.readline()
    except (KeyboardInterrupt, OSError):
        return False
    return bool(line)


def _exec(argv: Sequence[str]) -> None:
    try:
        os.execvp(argv[0], list(argv))
    except OSError as error:
        _write(f"muntin: cannot run {shown(argv[:1])}: {error.strerror}\r\n".encode(errors="replace"))


def _run_in_foreground(argv: Sequence[str], cwd: str | None) -> None:
    """Run ``argv`` as a shell runs a job: in a process group of its own that owns the terminal (so ctrl+c
    is its, and muntin shows it as the pane's program), until it ends; then the terminal is ours again."""
    try:
        child = subprocess.Popen(list(argv), cwd=cwd, process_group=0)
    except OSError as error:
        _write(f"muntin: cannot run {shown(argv[:1])}: {error.strerror}\r\n".encode(errors="replace"))
        return
    previous = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # tcsetpgrp from the background is allowed then
    try:
        _give_terminal(child.pid)
        while True:
            _, status = os.waitpid(child.pid, os.WUNTRACED)
            if not os.WIFSTOPPED(status):
                break
            os.killpg(child.pid, signal.SIGCONT)  # no job control here: a stopped program goes on
            _give_terminal(child.pid)
        child.returncode = 0
    except (ChildProcessError, KeyboardInterrupt):
        pass
    finally:
        _give_terminal(os.getpgrp())
        signal.signal(signal.SIGTTOU, previous)


def _give_terminal(group: int) -> None:
    try:
        os.tcsetpgrp(0, group)
    except OSError:
        pass


def main(words: Sequence[str]) -> int:
    words = list(words)
    split = words.index("--") if "--" in words else len(words)
    flags, argv = words[:split], words[split + 1:]
    options: dict[str, str] = {}
    index = 0
    while index < len(flags):
        flag = flags[index]
        if flag in ("--history", "--cwd", "--shell") and index + 1 < len(flags):
            options[flag] = flags[index + 1]
            index += 2
        else:
            options[flag] = ""
            index += 1
    if "--history" in options:
        _show_history(options["--history"])
    shell = options.get("--shell")
    if argv and ("--run" in options or _ask(argv)):
        cwd = options.get("--cwd")
        if shell is None:
            if cwd:
                try:
                    os.chdir(cwd)
                except OSError:
                    pass
            _exec(argv)
            return 127
        _run_in_foreground(argv, cwd if cwd and os.path.isdir(cwd) else None)
    if shell:
        _exec([shell])
        return 127
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
