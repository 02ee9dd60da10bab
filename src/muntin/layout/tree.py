"""The split tree of a window: panes as leaves, splits as nodes whose children share space by weight."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import NamedTuple, Union

MIN_WIDTH = 1  # tmux PANE_MINIMUM
MIN_HEIGHT = 1


class LayoutError(ValueError):
    """A change the layout cannot make (a pane too small to split, an unknown pane, a bad layout string)."""


class Split(enum.Enum):
    """How a node divides its space. HORIZONTAL puts children side by side (tmux ``split-window -h``),
    VERTICAL stacks them top to bottom (``split-window -v``)."""

    HORIZONTAL = "h"
    VERTICAL = "v"


class Direction(enum.Enum):
    """A way to move or resize from a pane (tmux ``select-pane``/``resize-pane`` -L -R -U -D)."""

    LEFT = "L"
    RIGHT = "R"
    UP = "U"
    DOWN = "D"

    @property
    def axis(self) -> Split:
        return Split.HORIZONTAL if self in (Direction.LEFT, Direction.RIGHT) else Split.VERTICAL

    @property
    def forward(self) -> bool:
        return self in (Direction.RIGHT, Direction.DOWN)


class Rect(NamedTuple):
    """A pane's cells: columns ``x`` .. ``x + width - 1``, rows ``y`` .. ``y + height - 1``."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


class Border(NamedTuple):
    """A border line one cell thick: vertical (between side-by-side panes) or horizontal."""

    x: int
    y: int
    length: int
    vertical: bool


@dataclass
class Leaf:
    """A pane in the tree, by id (pane ``%3`` is 3)."""

    pane: int


@dataclass
class Node:
    """Children side by side or stacked, sharing the node's cells (less the borders) by weight."""

    split: Split
    children: list[Union[Leaf, "Node"]]
    weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.weights:
            self.weights = [1.0 / len(self.children)] * len(self.children)

    def normalise(self) -> None:
        total = sum(self.weights) or 1.0
        self.weights = [w / total for w in self.weights]


Tree = Union[Leaf, Node]


@dataclass(frozen=True)
class Geometry:
    """Where every pane is in a ``width`` x ``height`` window, and the borders between panes."""

    width: int
    height: int
    panes: dict[int, Rect]
    borders: tuple[Border, ...]


def distribute(total: int, weights: list[float], minimums: list[int]) -> list[int]:
    """Whole cells for each weight, adding up to ``total``, none below its minimum when they all fit (when
    they cannot, the cells are shared out evenly: only a window shrunk below the layout's minimum does that)."""
    count = len(weights)
    if total < sum(minimums):
        base = [total // count] * count
        for i in range(total - sum(base)):
            base[count - 1 - i] += 1
        return base
    weight_sum = sum(weights) or 1.0
    # Weights come from cell counts, so 20/33 of 33 must give 20, not 19.999...: round away float noise.
    exact = [round(total * w / weight_sum, 9) for w in weights]
    sizes = [max(low, math.floor(e)) for low, e in zip(minimums, exact)]
    # Hand out what is left by largest remainder; on a tie the later child gets the cell, as tmux gives the
    # last pane the remainder of an even split.
    order = sorted(range(count), key=lambda i: (exact[i] - math.floor(exact[i]), i), reverse=True)
    i = 0
    while sum(sizes) < total:
        sizes[order[i % count]] += 1
        i += 1
    # Minimums may have pushed the sum over: take back from whoever is furthest above their share.
    while sum(sizes) > total:
        index = max((j for j in range(count) if sizes[j] > minimums[j]), key=lambda j: sizes[j] - exact[j])
        sizes[index] -= 1
    return sizes


def minimum_size(tree: Tree) -> tuple[int, int]:
    """The smallest (width, height) the tree fits in."""
    if isinstance(tree, Leaf):
        return MIN_WIDTH, MIN_HEIGHT
    sizes = [minimum_size(child) for child in tree.children]
    borders = len(sizes) - 1
    if tree.split is Split.HORIZONTAL:
        return sum(w for w, _ in sizes) + borders, max(h for _, h in sizes)
    return max(w for w, _ in sizes), sum(h for _, h in sizes) + borders


def child_rects(node: Node, rect: Rect) -> list[Rect]:
    """Where each child of ``node`` goes inside ``rect``, with a one-cell border between neighbours."""
    horizontal = node.split is Split.HORIZONTAL
    axis = 0 if horizontal else 1
    total = (rect.width if horizontal else rect.height) - (len(node.children) - 1)
    minimums = [minimum_size(child)[axis] for child in node.children]
    rects = []
    pos = rect.x if horizontal else rect.y
    for size in distribute(max(total, 0), node.weights, minimums):
        rects.append(Rect(pos, rect.y, size, rect.height) if horizontal else Rect(rect.x, pos, rect.width, size))
        pos += size + 1
    return rects


def solve_tree(tree: Tree, rect: Rect, panes: dict[int, Rect], borders: list[Border]) -> None:
    if isinstance(tree, Leaf):
        panes[tree.pane] = rect
        return
    rects = child_rects(tree, rect)
    for child, child_rect in zip(tree.children, rects):
        solve_tree(child, child_rect, panes, borders)
    for child_rect in rects[:-1]:
        if tree.split is Split.HORIZONTAL:
            borders.append(Border(child_rect.x + child_rect.width, rect.y, rect.height, True))
        else:
            borders.append(Border(rect.x, child_rect.y + child_rect.height, rect.width, False))


def leaves(tree: Tree) -> list[int]:
    if isinstance(tree, Leaf):
        return [tree.pane]
    return [pane for child in tree.children for pane in leaves(child)]


def find_parent(tree: Tree, pane: int) -> tuple[Node | None, int]:
    """The node holding the leaf of ``pane`` and its index there ((None, -1) for a lone root leaf)."""
    if isinstance(tree, Leaf):
        return None, -1
    for i, child in enumerate(tree.children):
        if isinstance(child, Leaf) and child.pane == pane:
            return tree, i
        if isinstance(child, Node):
            found = find_parent(child, pane)
            if found[0] is not None:
                return found
    return None, -1


def path_to(tree: Tree, pane: int) -> list[tuple[Node, int]]:
    """(node, child index) pairs from the root down to the leaf of ``pane``."""
    if isinstance(tree, Leaf):
        return [] if tree.pane == pane else None  # type: ignore[return-value]
    for i, child in enumerate(tree.children):
        sub = path_to(child, pane)
        if sub is not None:
            return [(tree, i), *sub]
    return None  # type: ignore[return-value]
