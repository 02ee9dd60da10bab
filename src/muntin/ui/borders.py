"""Border cells between panes: which cells are borders, which box character each one is, and titles on them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from muntin.layout import Rect

# Box-drawing character for a border cell by which neighbours are border cells too (up, down, left, right).
_BOX = {
    (False, False, False, False): "┼",
    (True, True, False, False): "│",
    (True, False, False, False): "│",
    (False, True, False, False): "│",
    (False, False, True, True): "─",
    (False, False, True, False): "─",
    (False, False, False, True): "─",
    (True, True, True, True): "┼",
    (True, True, False, True): "├",
    (True, True, True, False): "┤",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
}


@dataclass(frozen=True, slots=True)
class BorderRun:
    """A horizontal run of border cells on one row: where it starts, its characters, and whether any of
    its cells touch the active pane (drawn highlighted)."""

    x: int
    text: str
    active: tuple[bool, ...]


def border_rows(width: int, height: int, panes: Mapping[int, Rect], active: int | None) -> list[list[BorderRun]]:
    """For each row of a ``width`` x ``height`` window, the runs of border cells, in order of x.

    A cell is a border cell when no pane covers it. Box characters join up with neighbouring border cells;
    a cell counts as touching the active pane when the active pane's rectangle grown by one cell covers it.
    """
    covered = [bytearray(width) for _ in range(height)]
    for rect in panes.values():
        for y in range(max(rect.y, 0), min(rect.y + rect.height, height)):
            row = covered[y]
            row[max(rect.x, 0) : min(rect.x + rect.width, width)] = b"\x01" * (
                min(rect.x + rect.width, width) - max(rect.x, 0)
            )
    hot = panes.get(active) if active is not None else None

    def is_border(x: int, y: int) -> bool:
        return 0 <= x < width and 0 <= y < height and not covered[y][x]

    rows: list[list[BorderRun]] = []
    for y in range(height):
        runs: list[BorderRun] = []
        x = 0
        while x < width:
            if covered[y][x]:
                x += 1
                continue
            start = x
            chars: list[str] = []
            flags: list[bool] = []
            while x < width and not covered[y][x]:
                key = (is_border(x, y - 1), is_border(x, y + 1), is_border(x - 1, y), is_border(x + 1, y))
                chars.append(_BOX[key])
                flags.append(
                    hot is not None
                    and hot.x - 1 <= x <= hot.x + hot.width
                    and hot.y - 1 <= y <= hot.y + hot.height
                )
                x += 1
            runs.append(BorderRun(start, "".join(chars), tuple(flags)))
        rows.append(runs)
    return rows
