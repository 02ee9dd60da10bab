"""Interrupt under flood: ``yes`` in a shell pane, ctrl+c sent with send-keys, until the prompt is back.

Run from the repository root: ``python bench/interrupt.py [--runs N]``. The shell is ``sh`` with a unique
marker in PS1; the time runs from send-keys C-c until ``capture-pane`` shows the marker on the last non-empty
row again. tmux and muntin side by side, private servers, median of N runs in milliseconds.
"""

from __future__ import annotations

import sys
import time

from throughput import Muntin, Tmux, poll_until, private_dir

MARKER = "bench-prompt-7f3a:"
FLOOD_SECONDS = 0.5


def prompt_back(screen: str) -> bool:
    rows = [row for row in screen.splitlines() if row.strip()]
    return bool(rows) and rows[-1].rstrip().endswith(MARKER)


def measure(server: Tmux | Muntin, target: str) -> float:
    screen = lambda: server.screen(target)  # noqa: E731
    poll_until(lambda: prompt_back(screen()), timeout=10)
    if isinstance(server, Tmux):
        server.run("send-keys", "-t", target, "yes", "Enter")
    else:
        server.command("send-keys", "-t", target, "yes", "Enter")
    poll_until(lambda: "y\ny" in screen(), timeout=10)
    time.sleep(FLOOD_SECONDS)  # let the flood run a while: the point is ctrl+c under a full pipe
    started = time.perf_counter()
    if isinstance(server, Tmux):
        server.run("send-keys", "-t", target, "C-c")
    else:
        server.command("send-keys", "-t", target, "C-c")
    poll_until(lambda: prompt_back(screen()), timeout=30)
    return (time.perf_counter() - started) * 1000


def tmux_once() -> float:
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "i", "-x", "80", "-y", "24", f"env PS1={MARKER} ENV= sh")
        tmux.server_pid()
        return measure(tmux, "i")
    finally:
        tmux.close()


def muntin_once() -> float:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            server.start()
            server.command("new-session", "-d", "-s", "i", "-x", "80", "-y", "24", "--",
                           "env", f"PS1={MARKER}", "ENV=", "sh")
            server.server_pid()
            return measure(server, "i")
        finally:
            server.close()


def main(argv: list[str] | None = None) -> int:
    from _results import compare_ms

    return compare_ms(__doc__, "interrupt under flood: yes in sh, C-c, until the prompt is back; median of {runs} runs",
                      "interrupt under flood (yes, C-c)", tmux_once, muntin_once, argv)


if __name__ == "__main__":
    sys.exit(main())
