"""``#(command)`` in the status line and the title: each command string runs with ``/bin/sh -c`` in the
background (never holding up a redraw), its output's first line is kept per command and shown, and it runs
again once ``status-interval`` seconds have passed since it last started (0: once). Output and time are
bounded, and so is the number of commands kept."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from muntin.session.shell import run_shell

JOB_TIMEOUT = 30.0
"""Seconds a ``#(...)`` command may run before it is killed (what it printed so far is kept)."""
JOB_OUTPUT = 1 << 16
"""Bytes of a command's output read; its first line is what is shown."""
JOB_LIMIT = 64
"""Commands kept at most; the one used least recently goes first."""


class Jobs:
    """The ``#(...)`` commands of one client. ``get(command)`` is the expander's job callback: the first line
    of the command's last output ("" until its first run ends), starting a run when one is due;
    ``on_output()`` is called when a run brought new text (the owner redraws)."""

    def __init__(self, on_output: Callable[[], None], interval: Callable[[], int]) -> None:
        self.on_output = on_output
        self.interval = interval
        self.output: dict[str, str] = {}
        self.started: dict[str, float] = {}
        self.running: dict[str, asyncio.Task] = {}

    def get(self, command: str) -> str:
        now = time.monotonic()
        last = self.started.get(command)
        interval = self.interval()
        due = last is None or (interval > 0 and now - last >= interval)
        if due and command not in self.running:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                self.started[command] = now
                self.running[command] = loop.create_task(self._run(command))
        text = self.output.pop(command, "")  # kept last: the most recently used
        self.output[command] = text
        while len(self.output) > JOB_LIMIT:
            oldest = next(iter(self.output))
            self.output.pop(oldest)
            self.started.pop(oldest, None)
        return text

    async def _run(self, command: str) -> None:
        try:
            result = await run_shell(command, timeout=JOB_TIMEOUT, limit=JOB_OUTPUT)
        except OSError as error:
            text = f"<'{command}' failed: {error.strerror}>"
        else:
            text = result.output.decode("utf-8", "replace").split("\n", 1)[0].rstrip("\r")
        finally:
            self.running.pop(command, None)
        if command in self.output and self.output[command] != text:
            self.output[command] = text
            self.on_output()

    def stop(self) -> None:
        """End every running command (the client is going)."""
        for task in self.running.values():
            task.cancel()
