"""Start-up: ``new -d`` until the shell prompt is on the pane's screen, muntin against tmux.

Run from the repository root: ``python bench/startup.py [--runs N]``. Two cases, each through the command line
a user types: cold (no server yet, so ``new -d`` starts one) and warm (a server already runs another session).
A third row sends muntin's warm ``new-session`` through the client library, the server's share without the
interpreter start of the command line. The shell is ``sh`` with a unique marker in PS1; ``capture-pane`` is
polled until the marker shows. Private servers, median of N runs in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from interrupt import MARKER, prompt_back
from throughput import Muntin, Tmux, poll_until, private_dir, ratio

SHELL = f"env PS1={MARKER} ENV= sh"


def tmux_once(warm: bool) -> float:
    tmux = Tmux()
    try:
        if warm:
            tmux.run("new-session", "-d", "-s", "other", "-x", "80", "-y", "24", "sh")
        started = time.perf_counter()
        tmux.run("new-session", "-d", "-s", "s", "-x", "80", "-y", "24", SHELL)
        poll_until(lambda: prompt_back(tmux.screen("s")), timeout=10)
        elapsed = time.perf_counter() - started
        tmux.server_pid()
        return elapsed * 1000
    finally:
        tmux.close()


def muntin_once(warm: bool, library: bool = False) -> float:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            if warm:
                server.start()
                server.command("new-session", "-d", "-s", "other", "-x", "80", "-y", "24", "--", "sh")
            started = time.perf_counter()
            argv = ["new-session", "-d", "-s", "s", "-x", "80", "-y", "24", "--", *SHELL.split()]
            if library:  # the server's own share, without starting a Python interpreter for the command
                server.command(*argv)
            else:
                subprocess.run([*server.cli, *argv], check=True, stdin=subprocess.DEVNULL, capture_output=True)
            poll_until(lambda: prompt_back(server.screen("s")), timeout=10)
            elapsed = time.perf_counter() - started
            server.server_pid()
            return elapsed * 1000
        finally:
            server.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    cases: dict[tuple[str, bool], list[float]] = {
        (name, warm): [] for warm in (False, True) for name in ("tmux", "muntin")}
    cases["muntin (library)", True] = []
    runners = {"tmux": tmux_once, "muntin": muntin_once,
               "muntin (library)": lambda warm: muntin_once(warm, library=True)}
    for _ in range(args.runs):
        for (name, warm), values in cases.items():
            values.append(runners[name](warm))
    print(f"start-up: new -d until the sh prompt is on the pane's screen; median of {args.runs} runs")
    print(f"{'case':22} {'ms':>8}   runs")
    med = {}
    for (name, warm), values in cases.items():
        med[name, warm] = statistics.median(values)
        label = f"{name} {'warm' if warm else 'cold'}"
        print(f"{label:22} {med[name, warm]:8.1f}   {', '.join(f'{v:.1f}' for v in values)}")
    print(f"muntin / tmux  cold {ratio(med['muntin', False], med['tmux', False])}   "
          f"warm {ratio(med['muntin', True], med['tmux', True])}   "
          f"warm, command through the library {ratio(med['muntin (library)', True], med['tmux', True])}")
    from _results import record

    record("start-up, new -d to prompt, cold", med["tmux", False], med["muntin", False])
    record("start-up, warm, muntin new -d", med["tmux", True], med["muntin", True])
    record("start-up, warm, through the library", med["tmux", True], med["muntin (library)", True])
    return 0


if __name__ == "__main__":
    sys.exit(main())
