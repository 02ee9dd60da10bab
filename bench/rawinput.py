"""The UI's input parser: microseconds per read for typing, Meta keys and arrows, and MB/s for pastes and bursts.

Run from the repository root: ``python bench/rawinput.py [--runs N]``. Each figure is the median of N runs of
feeding the stream to a fresh ``muntin.emulator.rawinput.InputParser`` the way the driver does (one feed per
terminal read). This is the cost between the terminal's read and the pane's write, before the app's routing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from muntin.emulator.rawinput import InputParser

STREAMS = {
    "typing, one key per read": [bytes([c]) for c in b"echo hello world; ls -l /tmp\r" * 200],
    "Meta keys (ESC x), one per read": [b"\x1b" + bytes([c]) for c in b"abcdefghijklmnopqrstuvwxyz.0" * 200],
    "arrows and Home/End, one per read": [b"\x1b[A", b"\x1bOB", b"\x1b[H", b"\x1b[1;5C", b"\x1b[4~"] * 1000,
}
BULK = {
    "a 1 MB bracketed paste with escapes, 4 KB reads": b"\x1b[200~" + (b"line \x1b[31mred\x1b[0m text\r" * 40000)[:1 << 20] + b"\x1b[201~",
    "1 MB of typed text in 4 KB reads (ssh burst)": (b"the quick brown fox \x1b. jumps\r" * 40000)[:1 << 20],
}


def per_read(reads: list[bytes]) -> float:
    parser = InputParser()
    started = time.perf_counter()
    for data in reads:
        parser.feed(data)
    return (time.perf_counter() - started) / len(reads) * 1e6


def bulk(data: bytes) -> float:
    parser = InputParser()
    started = time.perf_counter()
    for offset in range(0, len(data), 4096):
        parser.feed(data[offset:offset + 4096])
    parser.flush()
    return len(data) / (time.perf_counter() - started) / 1e6


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=5)
    runs = options.parse_args().runs
    print("| stream | figure |\n| --- | --- |")
    for name, reads in STREAMS.items():
        print(f"| {name} | {statistics.median(per_read(reads) for _ in range(runs)):.1f} µs per read |")
    for name, data in BULK.items():
        print(f"| {name} | {statistics.median(bulk(data) for _ in range(runs)):.1f} MB/s |")


if __name__ == "__main__":
    main()
