"""Chart of the benchmark figures: one horizontal bar per figure, muntin / tmux on a log scale, the target marked.

Run from the repository root: ``python bench/chart.py [--results FILE] [--out FILE]``. It reads the figures from
``bench/results.json`` (written by the last full ``python bench/run_all.py``, the same medians as the table in
bench/README.md) and writes ``bench/chart.svg``, plain SVG written here with the standard library only.

Each figure in the JSON file: ``name``, ``unit``, ``better`` (``higher`` or ``lower``), the ``tmux`` and
``muntin`` medians, an optional ``floor`` (the measurement's resolution: a 0 is drawn as that and labelled
"< floor"), and an optional ``target``: ``{"ratio": R}`` (muntin / tmux must reach R, or stay under it for
``lower``) or ``{"value": V}`` (muntin's own figure against V), with ``text`` for the label. Bars start at 1x
(parity with tmux); green where muntin meets its target, red where it does not, grey where there is none.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

WIDTH = 1060
LEFT = 16            # figure names
PLOT_X0, PLOT_X1 = 420, 800
RIGHT = 816          # ratio and target
TOP = 104            # first row
ROW = 44
FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"
COLOURS = {"met": "#3a9a5b", "missed": "#d0473e", "none": "#9aa3ad"}


def fmt(value: float, unit: str, floor: float | None) -> str:
    if value == 0 and floor:
        return f"< {floor:g} {unit}"
    digits = 3 if value < 100 else 4
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.0f}"
    return f"{text} {unit}"


def evaluate(figure: dict) -> tuple[float, float | None, str]:
    """muntin / tmux (zeros raised to the floor), the target as a ratio, and met / missed / none."""
    floor = figure.get("floor") or 0
    tmux = figure["tmux"] or floor
    muntin = figure["muntin"] or floor
    ratio = muntin / tmux
    target = figure.get("target")
    if not target:
        return ratio, None, "none"
    target_ratio = target["ratio"] if "ratio" in target else target["value"] / tmux
    if figure["better"] == "higher":
        met = ratio >= target_ratio
    else:
        met = ratio < target_ratio
    return ratio, target_ratio, "met" if met else "missed"


def text(x: float, y: float, content: str, size: int = 13, colour: str = "#1f2328", anchor: str = "start",
         weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{escape(content)}</text>')


def render(data: dict) -> str:
    figures = data["figures"]
    evaluated = [evaluate(f) for f in figures]
    values = [r for r, _, _ in evaluated] + [t for _, t, _ in evaluated if t] + [1.0]
    lo = 10 ** math.floor(math.log10(min(values)))
    hi = 10 ** math.ceil(math.log10(max(values)))
    span = math.log10(hi) - math.log10(lo)

    def x(value: float) -> float:
        return PLOT_X0 + (math.log10(value) - math.log10(lo)) / span * (PLOT_X1 - PLOT_X0)

    height = TOP + ROW * len(figures) + 46
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}">',
           f'<rect width="{WIDTH}" height="{height}" fill="#fbfbf8"/>',
           text(LEFT, 28, data.get("title", "muntin against tmux"), 18, weight="bold"),
           text(LEFT, 50, data.get("subtitle", ""), 12, "#57606a")]
    # legend
    lx = LEFT
    for key, label in (("met", "target met"), ("missed", "target missed"), ("none", "no target")):
        out.append(f'<rect x="{lx}" y="62" width="14" height="10" rx="2" fill="{COLOURS[key]}"/>')
        out.append(text(lx + 20, 71, label, 12, "#57606a"))
        lx += 20 + 8 * len(label) + 24
    out.append(f'<line x1="{lx + 6}" y1="59" x2="{lx + 6}" y2="75" stroke="#1f2328" stroke-width="2.5"/>')
    out.append(text(lx + 14, 71, "target (as muntin / tmux)", 12, "#57606a"))
    # axis: decades, 1x emphasised
    plot_top, plot_bottom = TOP - 10, TOP + ROW * len(figures) - 6
    decade = lo
    while decade <= hi * 1.0001:
        xx = x(decade)
        strong = abs(decade - 1) < 1e-9
        out.append(f'<line x1="{xx:.1f}" y1="{plot_top}" x2="{xx:.1f}" y2="{plot_bottom}" '
                   f'stroke="{"#57606a" if strong else "#d8dde3"}" stroke-width="{1.5 if strong else 1}"/>')
        label = f"{decade:g}x" + (" = tmux" if strong else "")
        out.append(text(xx, plot_top - 6, label, 11, "#57606a", "middle"))
        for step in range(2, 10):  # minor ticks
            minor = decade * step
            if minor < hi:
                out.append(f'<line x1="{x(minor):.1f}" y1="{plot_top}" x2="{x(minor):.1f}" y2="{plot_top + 4}" '
                           f'stroke="#c4cad1"/>')
        decade *= 10
    out.append(text(PLOT_X0 + (PLOT_X1 - PLOT_X0) / 2, height - 18,
                    "muntin / tmux, log scale (bars start at 1x)", 12, "#57606a", "middle"))
    for i, (figure, (ratio, target, state)) in enumerate(zip(figures, evaluated)):
        y = TOP + ROW * i
        if i % 2 == 0:
            out.append(f'<rect x="8" y="{y - 8}" width="{WIDTH - 16}" height="{ROW}" fill="#f1f2ee"/>')
        floor, unit = figure.get("floor"), figure["unit"]
        out.append(text(LEFT, y + 8, figure["name"], 13))
        detail = (f"muntin {fmt(figure['muntin'], unit, floor)}, tmux {fmt(figure['tmux'], unit, floor)}; "
                  f"{figure['better']} is better")
        out.append(text(LEFT, y + 25, detail, 11, "#57606a"))
        x1, x2 = sorted((x(1.0), x(ratio)))
        out.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 2):.1f}" height="20" rx="2" '
                   f'fill="{COLOURS[state]}"/>')
        if target is not None:
            tx = x(target)
            out.append(f'<line x1="{tx:.1f}" y1="{y - 5}" x2="{tx:.1f}" y2="{y + 25}" stroke="#1f2328" '
                       f'stroke-width="2.5"/>')
        shown = f"{ratio:.2f}x" if ratio < 10 else f"{ratio:.0f}x"
        if floor and not (figure["tmux"] and figure["muntin"]):  # a 0 stands for "under the floor"
            if not (figure["tmux"] or figure["muntin"]):
                shown = f"both < {floor:g} {unit}"
            else:
                shown = f"{'>' if figure['muntin'] else '<'} {shown}"
        out.append(text(RIGHT, y + 8, shown, 13, weight="bold"))
        if target is not None:
            verdict = "met" if state == "met" else "missed"
            out.append(text(RIGHT, y + 25, f"target {figure['target'].get('text', '')}: {verdict}", 11,
                            COLOURS[state] if state == "missed" else "#2f7d4a"))
        else:
            out.append(text(RIGHT, y + 25, "no target", 11, "#57606a"))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    parser.add_argument("--out", type=Path, default=HERE / "chart.svg")
    args = parser.parse_args(argv)
    data = json.loads(args.results.read_text())
    args.out.write_text(render(data))
    print(f"wrote {args.out} ({len(data['figures'])} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
