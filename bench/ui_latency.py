"""UI latency: a key pressed in the Textual app until the pane's row shows the program's echo, idle, while
another pane floods (``yes``), and beside a hostile neighbour (a pane printing the dearest sequences the
emulator handles, over and over); and how many pane updates per second the app applies meanwhile.

Run from the repository root: ``python bench/ui_latency.py [--keys N]``. It starts a private server, runs the
app headless (Textual's ``run_test``), and prints p50/p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events

from muntin.client import Connection, NoServer, start_server
from muntin.ui import make_app
from muntin.ui.link import PaneUpdate

ECHO = ("import os, tty; tty.setraw(0); os.write(1, b'ready\\r\\n')\n"
        "while True:\n"
        "    data = os.read(0, 16)\n"
        "    if data == b'\\x04': break\n"
        "    os.write(1, b'\\r' + data * 8)\n")


# The dearest sequences per byte (see tests/emulator/test_cost.py): a screenful of REP, scrolls with
# scrollback, whole-screen erases, screen switches, tab runs and long strings, repeated for ever.
HOSTILE = ("import os\n"
           "chunk = (b'x\\x1b[65535b\\x1b[65535S\\x1b[2J\\x1b[?1049h\\x1b[?1049l\\x1b[65535I\\x1b[65535Z'\n"
           "         b'\\x1b[1;' + b'65535;' * 8 + b'm\\x1b]2;' + b't' * 200 + b'\\x07\\x1b#8') * 64\n"
           "while True:\n"
           "    os.write(1, chunk)\n")
NEIGHBOURS = {"idle": None, "neighbour flooding (yes)": ["yes"], "hostile neighbour": "hostile"}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def measure(socket: Path, script: Path, keys: int, flood: list[str] | None) -> tuple[list[float], float]:
    start_server(socket)
    with Connection.open(socket) as connection:
        connection.command(["new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", "--", "python3", str(script)])
        if flood:
            connection.command(["split-window", "-d", "-t", "bench", "--", *flood])
    app = make_app(socket, "bench", config_path=None)
    applied = 0
    original = app.apply

    def counting(update):
        nonlocal applied
        if isinstance(update, PaneUpdate):
            applied += 1
        original(update)

    app.apply = counting  # type: ignore[method-assign]
    latencies: list[float] = []
    async with app.run_test(size=(120, 42)) as pilot:
        async def screen_has(text: str, timeout: float = 10.0) -> None:
            deadline = time.perf_counter() + timeout
            while True:
                view = app.view
                if any(text in "".join(t for t, _ in row) for pane in view.panes.values() for row in pane.rows):
                    return
                if time.perf_counter() > deadline:
                    raise TimeoutError(text)
                await asyncio.sleep(0.0005)

        await screen_has("ready")
        start_count, started = applied, time.perf_counter()
        for i in range(keys):
            letter = "abcdefghijklmnopqrstuvwxyz"[i % 26]
            await asyncio.sleep(0.03)  # typing speed: keys ~30 ms apart, not back to back inside one frame
            began = time.perf_counter()
            app.post_message(events.Key(letter, letter))  # straight to the app, without Pilot's idle waits
            await screen_has(letter * 8)
            latencies.append((time.perf_counter() - began) * 1000)
        rate = (applied - start_count) / (time.perf_counter() - started)
        app.post_message(events.Key("ctrl+d", None))
        await pilot.pause()
    try:
        with Connection.open(socket) as connection:
            connection.command(["kill-server"])
    except NoServer:
        pass  # the session ended with its program, and the server with it
    while socket.exists():
        await asyncio.sleep(0.01)
    return latencies, rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "sock"
        directory.mkdir(mode=0o700)
        socket = directory / "bench"
        script = Path(tmp) / "echo.py"
        script.write_text(ECHO)
        hostile = Path(tmp) / "hostile.py"
        hostile.write_text(HOSTILE)
        for label, neighbour in NEIGHBOURS.items():
            flood = ["python3", str(hostile)] if neighbour == "hostile" else neighbour
            latencies, rate = asyncio.run(measure(socket, script, args.keys, flood))
            print(f"{label:26} key -> screen p50 {statistics.median(latencies):6.1f} ms  "
                  f"p99 {percentile(latencies, 0.99):6.1f} ms  pane updates applied {rate:6.0f}/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
