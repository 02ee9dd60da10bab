"""Shutdown: ``kill-server`` with idle panes until the socket is gone and every pane's program is dead.

Run from the repository root: ``python bench/kill_server.py [--runs N] [--panes P]``. Each run starts a fresh
private server with ``new -d`` (an ``sh`` that ends on hang-up) and P-1 more panes, then times
``kill-server`` until the socket is gone and every pane's pid is dead: through the command line a user types
(next to ``list-sessions``, what any command line costs), and through the client library (the server's own
share, without starting an interpreter). A last row has one
more pane whose program ignores SIGHUP, so it waits for SIGTERM: the panes that end on hang-up must not wait
with it. tmux runs the same first case. Median of N runs in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from throughput import Muntin, Tmux, poll_until, private_dir

IGNORES_HUP = "trap '' HUP; while :; do sleep 0.05; done"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie of a server that exited is reaped by init soon; it no longer runs.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def muntin_baseline() -> float:
    """``muntin list-sessions`` against a running server: what any command line costs (mostly Python's start)."""
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            server.start()
            server.command("new-session", "-d", "-s", "s", "--", "sh")
            server.server_pid()
            started = time.perf_counter()
            subprocess.run([*server.cli, "list-sessions"], check=True, stdin=subprocess.DEVNULL, capture_output=True)
            return (time.perf_counter() - started) * 1000
        finally:
            server.close()


def muntin_once(panes: int, library: bool, stubborn: bool = False) -> float:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            subprocess.run([*server.cli, "new-session", "-d", "-s", "s", "--", "sh"], check=True,
                           stdin=subprocess.DEVNULL, capture_output=True)
            for _ in range(panes - 1):
                server.command("split-window", "-t", "s", "--", "sh")
            if stubborn:
                server.command("split-window", "-t", "s", "--", "sh", "-c", IGNORES_HUP)
            pids = [p["pid"] for p in server.panes()]
            server.server_pid()
            server.connection.close()
            server._connection = None
            started = time.perf_counter()
            if library:
                server.command("kill-server")
            else:
                subprocess.run([*server.cli, "kill-server"], check=True, stdin=subprocess.DEVNULL,
                               capture_output=True)
            poll_until(lambda: not server.socket.exists() and not any(map(_alive, pids)), timeout=30)
            return (time.perf_counter() - started) * 1000
        finally:
            server.close()


def tmux_once(panes: int) -> float:
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "s", "sh")
        for _ in range(panes - 1):
            tmux.run("split-window", "-t", "s", "sh")
        pids = [int(p) for p in tmux.run("list-panes", "-a", "-F", "#{pane_pid}").split()]
        server = tmux.server_pid()
        started = time.perf_counter()
        tmux.run("kill-server", check=False)
        poll_until(lambda: not _alive(server) and not any(map(_alive, pids)), timeout=30)
        return (time.perf_counter() - started) * 1000
    finally:
        tmux.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--panes", type=int, default=1)
    parser.add_argument("--no-tmux", action="store_true", help="skip tmux (when it is not installed)")
    args = parser.parse_args(argv)
    cases = {
        "muntin list-sessions (for comparison)": muntin_baseline,
        "muntin kill-server (command line)": lambda: muntin_once(args.panes, library=False),
        "muntin kill-server (library)": lambda: muntin_once(args.panes, library=True),
        "muntin, one pane ignores SIGHUP": lambda: muntin_once(args.panes, library=True, stubborn=True),
    }
    if not args.no_tmux:
        cases["tmux kill-server"] = lambda: tmux_once(args.panes)
    values: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, run in cases.items():
            values[name].append(run())
    print(f"kill-server with {args.panes} idle sh pane(s) until the socket and every pane's program are gone; "
          f"median of {args.runs} runs")
    print(f"{'case':36} {'ms':>8}   runs")
    for name, runs in values.items():
        print(f"{name:36} {statistics.median(runs):8.1f}   {', '.join(f'{v:.1f}' for v in runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
