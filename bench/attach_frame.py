"""UI attach until the first full frame: ``attach -t s`` started in a real terminal until the pane's content is
on that terminal's screen, muntin against tmux.

Run from the repository root: ``python bench/attach_frame.py [--runs N]``. A private server runs a session
``s`` whose ``sh`` has printed a marker; another private tmux server (``Outer``, 120x40) is the terminal. The
time runs from ``respawn-pane`` starting the client in the outer pane (``muntin -S SOCK attach -t s``, or
``tmux -L NAME attach -t s``) until ``capture-pane`` of the outer pane shows the marker, polled every 10 ms. It
includes the client's start (for muntin: the Python interpreter, imports, the Textual app) and the first
frame. Fresh servers every run, median of N runs in milliseconds.
"""

from __future__ import annotations

import sys
import time

from interrupt import MARKER, prompt_back
from throughput import Muntin, Outer, Tmux, poll_until, private_dir

SHELL = f"env PS1={MARKER} ENV= sh"
# printf assembles the marker, so the typed command line does not hold it: only the output does
PRINT = "printf 'attach-frame-%s\\n' 4b9e"
FRAME = "attach-frame-4b9e"
POLL = 0.01


def marked(screen: str) -> bool:
    return FRAME in screen and prompt_back(screen)


def time_attach(argv: list[str]) -> float:
    """Milliseconds from starting ``argv`` in a fresh outer terminal until the marker is on its screen."""
    outer = Outer()
    try:
        if FRAME in outer.screen():
            raise RuntimeError("the marker is on the outer screen before the client started")
        started = time.perf_counter()
        outer.attach(argv)
        poll_until(lambda: FRAME in outer.screen(), timeout=30, interval=POLL)
        elapsed = time.perf_counter() - started
        outer.client_pid()  # so close() makes sure the client is gone
        return elapsed * 1000
    finally:
        outer.close()


def tmux_once() -> float:
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "s", "-x", "120", "-y", "40", SHELL)
        tmux.server_pid()
        poll_until(lambda: prompt_back(tmux.screen("s")), timeout=10)
        tmux.run("send-keys", "-t", "s", PRINT, "Enter")
        poll_until(lambda: marked(tmux.screen("s")), timeout=10)
        return time_attach([*tmux.base, "attach-session", "-t", "s"])
    finally:
        tmux.close()


def muntin_once() -> float:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            server.start()
            server.command("new-session", "-d", "-s", "s", "-x", "120", "-y", "40", "--", *SHELL.split())
            server.server_pid()
            poll_until(lambda: prompt_back(server.screen("s")), timeout=10)
            server.command("send-keys", "-t", "s", PRINT, "Enter")
            poll_until(lambda: marked(server.screen("s")), timeout=10)
            return time_attach([*server.cli, "-f", "/dev/null", "attach-session", "-t", "s"])
        finally:
            server.close()


def main(argv: list[str] | None = None) -> int:
    from _results import compare_ms

    return compare_ms(__doc__, "attach until the first full frame: the client started in a 120x40 tmux pane until "
                      f"the pane's marker is on it (polled every {POLL * 1000:.0f} ms); median of {{runs}} runs",
                      "attach until the first full frame", tmux_once, muntin_once, argv)


if __name__ == "__main__":
    sys.exit(main())
