"""A private muntin server per test: commands in-process or through the real CLI, killed at the end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from muntin.client import CommandResult, Connection, NoServer, ensure_server
from muntin.process import wait_gone


async def next_layout(events: Any) -> dict:
    """The next window layout an attached connection's events bring (a ``layout``, or a ``state``'s)."""
    async for event in events:
        if event["t"] == "layout":
            return event
        if event["t"] == "state":
            return event["layout"]
    raise AssertionError("connection closed")


class Mux:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.sock = directory / "sock"
        self.server_pid: int | None = None

    def cli(self, *words: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """Run ``python -m muntin -S SOCK WORDS...``."""
        return subprocess.run([sys.executable, "-m", "muntin", "-S", str(self.sock), *words], capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def __call__(self, *words: str) -> CommandResult:
        """Run a command in-process (starting the server for new-session); fail the test if it fails."""
        result = self.try_(*words)
        assert result.ok, f"{words}: {result.error}"
        return result

    def try_(self, *words: str) -> CommandResult:
        starts = words[0] in ("new", "new-session")
        with (ensure_server(self.sock) if starts else Connection.open(self.sock)) as connection:
            self.server_pid = connection.server_pid
            return connection.command(list(words))

    def panes(self, *target: str) -> list[dict]:
        return json.loads(self("list-panes", "-a", "--json", *target).output)

    def pane(self, pane_id: str) -> dict:
        return next(p for p in self.panes() if p["id"] == pane_id)

    def screen(self, target: str) -> str:
        return self("capture-pane", "-p", "-t", target).output

    def wait_text(self, target: str, pattern: str, timeout: float = 10) -> None:
        result = self.try_("wait-for", "-t", target, "--text", pattern, "--timeout", str(timeout))
        assert result.ok, f"{pattern!r} never showed in {target}: {result.error}\n{self.screen(target)}"

    def kill(self) -> None:
        try:
            with Connection.open(self.sock) as connection:
                pid = connection.server_pid
                connection.command(["kill-server"])
        except (NoServer, ConnectionError):
            return
        if not wait_gone(pid, 15):
            raise AssertionError(f"the server {pid} did not exit after kill-server")


@pytest.fixture
def mux():
    directory = Path(tempfile.mkdtemp(prefix="muntin-test-"))
    box = Mux(directory)
    try:
        yield box
    finally:
        box.kill()
        shutil.rmtree(directory, ignore_errors=True)
