"""A Textual app that keeps redrawing (a table filling, a progress bar, a sparkline-like log), for the corpus.

Run on a pty by ``record.py``; it exits by itself after ``--frames`` updates (or is cut by the recorder's
timeout, which leaves its live screen)."""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Log, ProgressBar


class Demo(App):
    CSS = "DataTable { height: 1fr; } Log { height: 8; border: round $accent; }"

    def __init__(self, frames: int) -> None:
        super().__init__()
        self.frames = frames
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield ProgressBar(total=self.frames, show_eta=False)
        yield DataTable()
        yield Log()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("n", "square", "name", "state")
        self.set_interval(0.03, self.tick)

    def tick(self) -> None:
        self.count += 1
        n = self.count
        self.query_one(DataTable).add_row(str(n), str(n * n), f"item-{n:04d} ünï ✓", ["ok", "busy", "wait"][n % 3])
        self.query_one(DataTable).move_cursor(row=n - 1)
        self.query_one(ProgressBar).advance(1)
        self.query_one(Log).write_line(f"frame {n}: {'█' * (n % 20)}")
        if n >= self.frames:
            self.exit()


if __name__ == "__main__":
    Demo(int(sys.argv[1]) if len(sys.argv) > 1 else 150).run()
