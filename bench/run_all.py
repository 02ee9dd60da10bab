"""Every benchmark against tmux and the raw pty in one command: throughput, interrupt, memory and idle, idle with
a client attached, start-up, attach until the first frame.

Run from the repository root: ``python bench/run_all.py [--quick]``. Each benchmark runs in turn in its own
process and prints its table; ``--quick`` uses fewer runs and a smaller mix, to check that everything works.
The emulator and UI latency benchmarks (``emulator.py``, ``ui_latency.py``) run with ``--with-emulator-ui``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("throughput.py", ["--runs", "3"]),
    ("throughput.py", ["--runs", "3", "--onlcr"]),
    ("interrupt.py", ["--runs", "5"]),
    ("memory_idle.py", ["--runs", "3"]),
    ("idle_client.py", ["--runs", "3"]),
    ("startup.py", ["--runs", "5"]),
    ("attach_frame.py", ["--runs", "5"]),
]
QUICK = [
    ("throughput.py", ["--runs", "1", "--mb", "2"]),
    ("interrupt.py", ["--runs", "1"]),
    ("memory_idle.py", ["--runs", "1", "--idle", "2"]),
    ("idle_client.py", ["--runs", "1", "--idle", "2"]),
    ("startup.py", ["--runs", "1"]),
    ("attach_frame.py", ["--runs", "1"]),
]
EXTRA = [("emulator.py", []), ("ui_latency.py", [])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, a 2 MB mix")
    parser.add_argument("--with-emulator-ui", action="store_true", help="also run emulator.py and ui_latency.py")
    args = parser.parse_args(argv)
    plan = list(QUICK if args.quick else FULL)
    if args.with_emulator_ui:
        plan += EXTRA
    failed = []
    # A full run writes its medians into results.json and redraws chart.svg from them; --quick only prints.
    env = dict(os.environ) if args.quick else {**os.environ, "MUNTIN_BENCH_RECORD": str(HERE / "results.json")}
    for script, options in plan:
        print(f"== {script} {' '.join(options)}", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / script), *options], check=False, env=env)
        print(f"   ({time.perf_counter() - started:.0f} s)\n", flush=True)
        if done.returncode != 0:
            failed.append(f"{script} {' '.join(options)}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if not args.quick:
        subprocess.run([sys.executable, str(HERE / "chart.py")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
