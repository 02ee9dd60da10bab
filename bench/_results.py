"""The figures a benchmark measured, written into ``results.json`` (what ``chart.py`` draws) when
``run_all.py`` asks for it through ``MUNTIN_BENCH_RECORD``; run alone, a benchmark only prints."""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(name: str, tmux: float, muntin: float) -> None:
    """Set the tmux and muntin values of the figure called ``name`` (its target stays as it is)."""
    target = os.environ.get("MUNTIN_BENCH_RECORD")
    if not target:
        return
    path = Path(target)
    data = json.loads(path.read_text())
    figure = next((f for f in data["figures"] if f["name"] == name), None)
    if figure is None:
        raise KeyError(f"no figure {name!r} in {path}")
    figure["tmux"], figure["muntin"] = round(tmux, 2), round(muntin, 2)
    path.write_text(json.dumps(data, indent=2) + "\n")
