"""A private real tmux server per test, to run the same command line against tmux and muntin."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from muntin.process import wait_gone


class Tmux:
    """A private tmux server (its own socket directory, no config file), ended by its own kill-server."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.name = f"muntin-{uuid.uuid4().hex[:8]}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")} | \
            {"TMUX_TMPDIR": str(directory)}

    @property
    def prefix(self) -> list[str]:
        return ["tmux", "-L", self.name, "-f", "/dev/null"]

    def cli(self, *words: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.prefix, *words], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, env=self.env)

    def kill(self) -> None:
        found = self.cli("display-message", "-p", "#{pid}")
        if found.returncode != 0:
            return  # no server runs
        self.cli("kill-server")
        assert wait_gone(int(found.stdout), 15), "the tmux server did not exit after kill-server"


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    directory = Path(tempfile.mkdtemp(prefix="muntin-tmux-"))
    box = Tmux(directory)
    try:
        yield box
    finally:
        box.kill()
        shutil.rmtree(directory, ignore_errors=True)
