"""Memory and idle cost: server RSS with 10 panes of 10,000 scrollback lines each, and the server's CPU over
10 s with 10 idle panes, muntin against tmux.

Run from the repository root: ``python bench/memory_idle.py [--runs N] [--idle S]``. RSS is VmRSS from
/proc/PID/status (muntin's server is the parent of a pane's program); CPU is utime + stime from /proc/PID/stat.
tmux runs with ``history-limit 10000`` (it trims 10% at a time once full, so it holds 9,000-10,000).
Private servers, median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from interrupt import MARKER, prompt_back
from throughput import Muntin, Tmux, cpu_seconds, poll_until, private_dir, ratio, rss_kib

PANES = 10
LINES = 10_000
SHELL = f"env PS1={MARKER} ENV= sh"


def fill(server: Tmux | Muntin, screens: list[str]) -> None:
    """Each pane prints a screenful more than 10,000 lines (seq) to fill its scrollback, then waits."""
    for target in screens:
        poll_until(lambda: prompt_back(server.screen(target)), timeout=20)
        keys = ("send-keys", "-t", target, f"seq {LINES + 24}", "Enter")
        server.run(*keys) if isinstance(server, Tmux) else server.command(*keys)
    for target in screens:
        poll_until(lambda: str(LINES + 24) in server.screen(target) and prompt_back(server.screen(target)),
                   timeout=60, interval=0.02)


def history_lines(server: Tmux | Muntin, target: str) -> int:
    """Lines the pane holds above its screen, to check the scrollback really is full."""
    if isinstance(server, Tmux):
        return int(server.run("display-message", "-p", "-t", target, "#{history_size}").strip())
    text = server.connection.command(["capture-pane", "-p", "-S", str(-2 * LINES), "-t", target]).output
    return len(text.splitlines()) - 24


def idle_cpu(pid: int, seconds: float) -> float:
    """Percent of one core the server used over ``seconds``."""
    before, started = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)  # the measurement itself: nothing runs, the server should sleep too
    return (cpu_seconds(pid) - before) / (time.perf_counter() - started) * 100


def tmux_once(idle: float) -> tuple[float, float, int]:
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", SHELL)
        tmux.run("set-option", "-g", "history-limit", str(LINES))  # panes made from here on keep 10,000
        targets = [f"m:{i}" for i in range(1, PANES + 1)]
        for target in targets:
            tmux.run("new-window", "-d", "-t", target, SHELL)
        tmux.run("kill-window", "-t", "m:0")
        pid = tmux.server_pid()
        cpu = idle_cpu(pid, idle)
        fill(tmux, targets)
        return rss_kib(pid) / 1024, cpu, min(history_lines(tmux, t) for t in targets)
    finally:
        tmux.close()


def muntin_once(idle: float) -> tuple[float, float, int]:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            server.start()
            server.command("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", "--", *SHELL.split())
            for _ in range(PANES - 1):
                server.command("new-window", "-d", "-t", "m", "--", *SHELL.split())
            targets = [pane["id"] for pane in server.panes()]
            if len(targets) != PANES:
                raise RuntimeError(f"expected {PANES} panes, the server lists {len(targets)}")
            pid = server.server_pid()
            cpu = idle_cpu(pid, idle)
            fill(server, targets)
            return rss_kib(pid) / 1024, cpu, min(history_lines(server, t) for t in targets)
        finally:
            server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU measurement (default 10)")
    args = parser.parse_args(argv)
    results: dict[str, list[tuple[float, float, int]]] = {"tmux": [], "muntin": []}
    for _ in range(args.runs):
        results["tmux"].append(tmux_once(args.idle))
        results["muntin"].append(muntin_once(args.idle))
    print(f"memory: server RSS with {PANES} panes x {LINES:,} scrollback lines; idle: server CPU over "
          f"{args.idle:g} s with {PANES} idle panes; median of {args.runs} runs")
    print(f"{'case':10} {'RSS MB':>8} {'idle CPU %':>11} {'history':>8}   runs (RSS MB / idle CPU %)")
    med: dict[str, tuple[float, float]] = {}
    for name, rows in results.items():
        med[name] = (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows))
        runs = ", ".join(f"{r[0]:.1f}/{r[1]:.2f}" for r in rows)
        held = min(r[2] for r in rows)
        print(f"{name:10} {med[name][0]:8.1f} {med[name][1]:11.2f} {held:8}   {runs}")
    print(f"muntin / tmux  RSS {ratio(med['muntin'][0], med['tmux'][0])}   "
          f"idle CPU {ratio(med['muntin'][1], med['tmux'][1])}")
    from _results import record

    record("server RSS, 10 panes x 10,000 lines", med["tmux"][0], med["muntin"][0])
    record("idle CPU, server, 10 idle panes", med["tmux"][1], med["muntin"][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
