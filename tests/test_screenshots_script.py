"""screenshots/make.py draws its pictures from a real server and the real app, and cleans up after itself
(the leak guard in conftest.py fails the run if its server or a pane outlives it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "screenshots" / "make.py"


def test_make_writes_the_three_panes_picture(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path), "--only", "three-panes"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    picture = tmp_path / "three-panes.svg"
    assert picture.exists(), done.stdout
    svg = picture.read_text()
    assert svg.startswith("<svg")
    # Printed by a pane's program (ls-style colours through cat), typed into a real python REPL, and the
    # fixed clock of the status bar.
    assert "pyproject.toml" in svg and "Counter" in svg and "12:00" in svg
    assert [p.name for p in tmp_path.iterdir()] == ["three-panes.svg"]
