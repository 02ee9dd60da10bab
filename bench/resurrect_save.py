#!/usr/bin/env python3
"""What saving the sessions for ``muntin resurrect`` costs the server's loop: 10 panes, each with a full
history of coloured lines (``git log --graph --color`` of the corpus, 80x24), saved with the default 2000
lines per pane: the first save (every line encoded) and its longest step (what one turn of the server's
loop can cost), the write (with fsync), a save after 50 new lines per pane (the cached lines reused), and the
file's size.

    python bench/resurrect_save.py [--runs N] [--panes P] [--lines L]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus import stream  # noqa: E402

from muntin.commands.options import OPTIONS  # noqa: E402
from muntin.server.resurrect import Saver  # noqa: E402
from muntin.session import Model, Pane, Session, Window  # noqa: E402


def build(panes: int) -> Model:
    model = Model()
    session = Session(model.new_id("session"), "bench", 80, 24)
    model.add_session(session)
    data = stream("gitlog_graph_80x24").data()
    for index in range(panes):  # a window each: the layout costs nothing next to the history
        pane = Pane(model.new_pane_id(), argv=["sh"], rows=24, cols=80)
        pane.terminal.feed(data)
        session.window_map[index] = Window(session, model.new_id("window"), index, f"w{index}", pane, 80, 24)
    session.select(0)
    return model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--panes", type=int, default=10)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    options = {name: spec.default for name, spec in OPTIONS.items()} | {"resurrect-scrollback-lines": args.lines}
    cold, warm, longest, writes, sizes = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="muntin-bench-") as tmp:
        for _ in range(args.runs):
            model = build(args.panes)
            saver = Saver(model, Path(tmp) / "sock", options.__getitem__)
            steps, total = [], time.perf_counter()
            job = saver._steps()  # the save's steps, timed one by one (the loop runs others in between)
            while True:
                start = time.perf_counter()
                try:
                    next(job)
                except StopIteration:
                    break
                finally:
                    steps.append(time.perf_counter() - start)
            cold.append(time.perf_counter() - total)
            writes.append(steps[-1])  # the last step writes the file
            longest.append(max(steps[:-1]))
            sizes.append(saver.path.stat().st_size)
            for _, _, pane in model.panes():
                pane.terminal.feed(b"".join(b"\x1b[32mnew\x1b[0m line %d\r\n" % n for n in range(50)))
            start = time.perf_counter()
            saver.save_now()
            warm.append(time.perf_counter() - start)
    lines = sum(len(p.terminal.scrollback) for _, _, p in build(1).panes())
    print(f"{args.panes} panes, {args.lines} lines saved each (of {lines} in the history), median of {args.runs}:")
    print(f"  first save, all steps (every line encoded):  {statistics.median(cold) * 1000:7.1f} ms")
    print(f"  its longest step but the write:              {statistics.median(longest) * 1000:7.1f} ms")
    print(f"  the write (+ fsync + rename):                {statistics.median(writes) * 1000:7.1f} ms")
    print(f"  next save, all steps (50 new lines a pane):  {statistics.median(warm) * 1000:7.1f} ms")
    print(f"  file size:                                   {statistics.median(sizes) / 1024:7.0f} KiB")
    return os.EX_OK


if __name__ == "__main__":
    sys.exit(main())
