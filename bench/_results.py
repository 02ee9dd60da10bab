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


def compare_ms(description: str, heading: str, figure: str, tmux_once, muntin_once,
               argv: list[str] | None = None) -> int:
    """The ``main`` of a benchmark that times one thing in tmux and in muntin, in turn, ``--runs`` times:
    prints ``heading`` (``{runs}`` filled in), the medians and every run in ms, the ratio; records ``figure``."""
    import argparse
    import statistics

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, list[float]] = {"tmux": [], "muntin": []}
    for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
        results["tmux"].append(tmux_once())
        results["muntin"].append(muntin_once())
    med = {name: statistics.median(values) for name, values in results.items()}
    print(heading.format(runs=args.runs))
    print(f"{'case':10} {'ms':>9}   runs")
    for name, values in results.items():
        print(f"{name:10} {med[name]:9.1f}   {', '.join(f'{v:.1f}' for v in values)}")
    print(f"muntin / tmux {med['muntin'] / med['tmux']:.2f}" if med["tmux"] else "muntin / tmux n/a")
    record(figure, med["tmux"], med["muntin"])
    return 0
