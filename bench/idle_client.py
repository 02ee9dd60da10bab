"""Idle cost with a client attached: 10 idle ``sh`` panes in one session, a real UI client drawing them, and the
CPU the server and the client use over 10 s, muntin against tmux.

Run from the repository root: ``python bench/idle_client.py [--runs N] [--idle S]``. The client is the real
one, ``muntin -S SOCK attach -t m`` or ``tmux -L NAME attach -t m``, started in the pane of another private tmux
server (``Outer``, 120x40) so it has a real terminal. Its window holds 10 panes (tiled), each an ``sh`` at a
prompt. Once the outer terminal shows the status bar and all 10 prompts, and a second more has passed, the
CPU time (utime + stime from /proc/PID/stat) of the server and of the client is taken over ``S`` seconds, as
a percentage of one core. Private servers, median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from interrupt import MARKER
from throughput import Muntin, Outer, Tmux, cpu_seconds, poll_until, private_dir

PANES = 10
SHELL = f"env PS1={MARKER} ENV= sh"
SETTLE = 1.0  # after the first full frame, before measuring: the attach itself is not idle


def drawn(outer: Outer) -> bool:
    """The client shows its status bar (the session ``[m]``) and every pane's prompt."""
    screen = outer.screen()
    return "[m]" in screen and screen.count(MARKER) >= PANES


def measure(outer: Outer, server_pid: int, seconds: float) -> tuple[float, float]:
    """Percent of one core used by the server and by the client over ``seconds``."""
    poll_until(lambda: drawn(outer), timeout=30, interval=0.05)
    client_pid = outer.client_pid()
    time.sleep(SETTLE)
    server0, client0, started = cpu_seconds(server_pid), cpu_seconds(client_pid), time.perf_counter()
    time.sleep(seconds)  # the measurement itself: nothing happens, both should sleep
    elapsed = time.perf_counter() - started
    server = (cpu_seconds(server_pid) - server0) / elapsed * 100
    client = (cpu_seconds(client_pid) - client0) / elapsed * 100
    if not drawn(outer):
        raise RuntimeError("the client no longer shows the session")
    return server, client


def tmux_once(idle: float) -> tuple[float, float]:
    tmux, outer = Tmux(), None
    try:
        tmux.run("new-session", "-d", "-s", "m", "-x", "120", "-y", "40", SHELL)
        for _ in range(PANES - 1):
            tmux.run("split-window", "-d", "-t", "m", SHELL)
            tmux.run("select-layout", "-t", "m", "tiled")
        outer = Outer()
        outer.attach([*tmux.base, "attach-session", "-t", "m"])
        return measure(outer, tmux.server_pid(), idle)
    finally:
        if outer is not None:
            outer.close()
        tmux.close()


def muntin_once(idle: float) -> tuple[float, float]:
    with private_dir() as tmp:
        server, outer = Muntin(tmp), None
        try:
            server.start()
            server.command("new-session", "-d", "-s", "m", "-x", "120", "-y", "40", "--", *SHELL.split())
            for _ in range(PANES - 1):
                server.command("split-window", "-d", "-t", "m", "--", *SHELL.split())
                server.command("select-layout", "-t", "m", "tiled")
            if len(server.panes()) != PANES:
                raise RuntimeError(f"expected {PANES} panes, the server lists {len(server.panes())}")
            outer = Outer()
            outer.attach([*server.cli, "-f", "/dev/null", "attach-session", "-t", "m"])
            return measure(outer, server.server_pid(), idle)
        finally:
            if outer is not None:
                outer.close()
            server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of CPU measurement (default 10)")
    args = parser.parse_args(argv)
    results: dict[str, list[tuple[float, float]]] = {"tmux": [], "muntin": []}
    for _ in range(args.runs):
        results["tmux"].append(tmux_once(args.idle))
        results["muntin"].append(muntin_once(args.idle))
    print(f"idle with a client attached: {PANES} idle sh panes, the real client in a 120x40 tmux pane; CPU over "
          f"{args.idle:g} s as % of one core; median of {args.runs} runs")
    print(f"{'case':10} {'server %':>9} {'client %':>9} {'total %':>8}   runs (server/client %)")
    for name, rows in results.items():
        server = statistics.median(r[0] for r in rows)
        client = statistics.median(r[1] for r in rows)
        total = statistics.median(r[0] + r[1] for r in rows)
        runs = ", ".join(f"{r[0]:.2f}/{r[1]:.2f}" for r in rows)
        print(f"{name:10} {server:9.2f} {client:9.2f} {total:8.2f}   {runs}")
    from _results import record

    totals = {name: statistics.median(r[0] + r[1] for r in rows) for name, rows in results.items()}
    record("idle CPU, client attached (server + client)", totals["tmux"], totals["muntin"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
