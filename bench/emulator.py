"""Emulator throughput: stock pyte.Screen against muntin's Terminal on the recorded corpus, same run.

Run from the repository root: ``python bench/emulator.py [--runs N]``. Prints MB/s (median of N runs) for
each corpus stream and a mixed concatenation, the ratio muntin / pyte, and bytes per scrollback line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import pyte

from muntin.emulator import Terminal

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus import stream, streams  # noqa: E402 - the recorded streams in tests/corpus

CHUNK = 4096


def feed_muntin(data: bytes, rows: int, cols: int) -> None:
    terminal = Terminal(rows, cols)
    for i in range(0, len(data), CHUNK):
        terminal.feed(data[i:i + CHUNK])


def feed_pyte(data: bytes, rows: int, cols: int) -> None:
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    for i in range(0, len(data), CHUNK):
        try:
            stream.feed(data[i:i + CHUNK])
        except TypeError:  # stock pyte raises on some private CSI sequences; restart its parser
            stream._parser = stream._parser_fsm()
            next(stream._parser)


def rate(fn, data: bytes, rows: int, cols: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(data, rows, cols)
        times.append(time.perf_counter() - start)
    return len(data) / statistics.median(times) / 1e6


def scrollback_bytes_per_line() -> float:
    terminal = Terminal(24, 80, scrollback=10000)
    terminal.feed(stream("gitlog_graph_80x24").data() + stream("ls_recursive_80x24").data())
    # Every object the history holds for its lines, each counted once (History.held_bytes).
    return terminal.scrollback.held_bytes() / max(len(terminal.scrollback), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    recorded = streams()
    if not recorded:
        print("no corpus streams in tests/corpus: run from a full checkout of the repository", file=sys.stderr)
        return os.EX_NOINPUT
    # The mixed stream: every full (not "-live") 80x24 recording once, fed at 80x24.
    mixed = b"".join(s.data() for s in recorded if "-live" not in s.name and s.name.endswith("_80x24"))
    cases = [(s.name, s.data(), s.rows, s.cols) for s in recorded] + [("mixed_80x24", mixed, 24, 80)]
    print(f"{'stream':24} {'bytes':>9} {'pyte MB/s':>10} {'muntin MB/s':>12} {'ratio':>6}")
    for name, data, rows, cols in cases:
        stock = rate(feed_pyte, data, rows, cols, max(1, args.runs // 2))
        ours = rate(feed_muntin, data, rows, cols, args.runs)
        print(f"{name:24} {len(data):9d} {stock:10.2f} {ours:12.2f} {ours / stock:6.1f}x")
    print(f"scrollback: {scrollback_bytes_per_line():.0f} bytes per line (git log + ls -R, 80 columns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
