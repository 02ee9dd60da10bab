"""A window's layout: the verbs that change its split tree, and solving it into rectangles."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping

from muntin.layout.tree import (
    MIN_HEIGHT,
    MIN_WIDTH,
    Border,
    Direction,
    Geometry,
    Leaf,
    LayoutError,
    Node,
    Rect,
    Split,
    Tree,
    child_rects,
    find_parent,
    leaves,
    minimum_size,
    path_to,
    solve_tree,
)

PRESETS = ("even-horizontal", "even-vertical", "main-horizontal", "main-vertical", "tiled")


def parse_size(size: int | str | None, whole: int) -> int | None:
    """``30`` cells or ``"30%"`` of ``whole``; None stays None."""
    if size is None:
        return None
    if isinstance(size, str):
        text = size.strip()
        if text.endswith("%"):
            try:
                percent = float(text[:-1])
            except ValueError:
                raise LayoutError(f"bad size {size!r}: expected cells like 30 or a percentage like 30%") from None
            if not 0 < percent < 100:
                raise LayoutError(f"bad size {size!r}: a percentage must be between 0 and 100")
            return max(1, int(whole * percent / 100))  # tmux rounds down too
        try:
            return int(text)
        except ValueError:
            raise LayoutError(f"bad size {size!r}: expected cells like 30 or a percentage like 30%") from None
    return int(size)


class Layout:
    """The arrangement of one window's panes. Verbs change the tree; ``solve()`` places the panes in the
    window's current ``width`` x ``height``. Sizes are weights, so a 30% pane stays 30% when the window
    is resized."""

    def __init__(self, first_pane: int, width: int = 80, height: int = 24) -> None:
        self.root: Tree = Leaf(first_pane)
        self.width = width
        self.height = height
        self.zoomed: int | None = None
        self.preset_index = -1
        self._recent: list[int] = [first_pane]  # most recently selected first

    @classmethod
    def from_tree(cls, tree: Tree, width: int, height: int) -> Layout:
        """A layout around an existing tree (as the layout strings build one); its first pane is active."""
        layout = cls(leaves(tree)[0], width, height)
        layout.root = tree
        return layout

    # -- reading -----------------------------------------------------------------------------------------

    @property
    def panes(self) -> list[int]:
        """Pane ids in layout order (left to right, top to bottom through the tree), as tmux numbers them."""
        return leaves(self.root)

    def __contains__(self, pane: int) -> bool:
        return pane in self.panes

    def solve(self, width: int | None = None, height: int | None = None) -> Geometry:
        """Every pane's rectangle and the borders between them in ``width`` x ``height`` (default: the
        window's size); a zoomed pane gets the whole area and there are no borders."""
        width = self.width if width is None else width
        height = self.height if height is None else height
        if self.zoomed is not None:
            return Geometry(width, height, {self.zoomed: Rect(0, 0, width, height)}, ())
        panes: dict[int, Rect] = {}
        borders: list[Border] = []
        solve_tree(self.root, Rect(0, 0, width, height), panes, borders)
        return Geometry(width, height, panes, tuple(borders))

    def resize_window(self, width: int, height: int) -> None:
        """The window's new size; every split keeps its proportions."""
        self.width, self.height = max(width, 1), max(height, 1)

    def _check(self, pane: int) -> None:
        if pane not in self.panes:
            raise LayoutError(f"no pane %{pane} in this window")

    # -- split and close -----------------------------------------------------------------------------

    def split(self, pane: int, new_pane: int, split: Split, *, before: bool = False,
              size: int | str | None = None, full: bool = False) -> None:
        """Split ``pane`` (or the whole window with ``full``), putting ``new_pane`` after it (or before) with
        ``size`` cells or a percentage like ``"30%"`` (default: half). Unzooms. Raises LayoutError when the
        pane (or window) cannot hold both at the minimum size."""
        self._check(pane)
        if new_pane in self.panes:
            raise LayoutError(f"pane %{new_pane} is already in this window")
        self.zoomed = None
        geometry = self.solve()
        horizontal = split is Split.HORIZONTAL
        if full:
            current = self.width if horizontal else self.height
        else:
            rect = geometry.panes[pane]
            current = rect.width if horizontal else rect.height
        minimum = MIN_WIDTH if horizontal else MIN_HEIGHT
        if full:
            whole_min = minimum_size(self.root)
            current_min = whole_min[0] if horizontal else whole_min[1]
            room = current - 1 - current_min
        else:
            room = current - 1 - minimum
        if room < minimum:
            what = "window" if full else f"pane %{pane}"
            raise LayoutError(f"{what} is too small to split: {current} cells {'wide' if horizontal else 'high'}, "
                              f"needs at least {2 * minimum + 1}")
        wanted = parse_size(size, current)
        new_size = (current - 1) // 2 if wanted is None else wanted
        new_size = max(minimum, min(new_size, room))
        fraction = new_size / max(current - 1, 1)
        new_leaf = Leaf(new_pane)
        if full:
            old = self.root
            children = [new_leaf, old] if before else [old, new_leaf]
            weights = [fraction, 1 - fraction] if before else [1 - fraction, fraction]
            self.root = Node(split, children, weights)
            return
        parent, index = find_parent(self.root, pane)
        if parent is not None and parent.split is split:
            # Only the split pane gives up cells; its siblings keep their exact sizes.
            sizes = self._cells(parent)
            at = index if before else index + 1
            sizes[index] -= new_size + 1
            sizes.insert(at, new_size)
            parent.children.insert(at, new_leaf)
            parent.weights = [size / sum(sizes) for size in sizes]
            return
        old_size = current - 1 - new_size
        children = [new_leaf, Leaf(pane)] if before else [Leaf(pane), new_leaf]
        sizes = [new_size, old_size] if before else [old_size, new_size]
        node = Node(split, children, [size / (current - 1) for size in sizes])
        if parent is None:
            self.root = node
        else:
            parent.children[index] = node

    def _cells(self, node: Node) -> list[int]:
        """The size in cells of each child of ``node`` along its split, at the window's current size."""
        rects = child_rects(node, self._node_rect(node))
        return [r.width if node.split is Split.HORIZONTAL else r.height for r in rects]

    def close(self, pane: int) -> None:
        """Remove ``pane``; its space goes to the pane before it (or after it when it is first). A zoomed
        window is unzoomed, as tmux's is when a pane leaves it."""
        self._check(pane)
        self.zoomed = None
        if pane in self._recent:
            self._recent.remove(pane)
        parent, index = find_parent(self.root, pane)
        if parent is None:
            raise LayoutError("the last pane of a window cannot be closed from the layout")
        sizes = self._cells(parent)
        freed = sizes.pop(index) + 1  # the pane and its border
        parent.children.pop(index)
        sizes[index - 1 if index > 0 else 0] += freed
        parent.weights = [size / sum(sizes) for size in sizes]
        if len(parent.children) == 1:
            self._collapse(parent)

    def _collapse(self, node: Node) -> None:
        only = node.children[0]
        if node is self.root:
            self.root = only
            return
        grand, index = self._parent_of_node(self.root, node)
        if grand is None:
            return
        if isinstance(only, Node) and only.split is grand.split:
            weight = grand.weights[index]
            grand.children[index:index + 1] = only.children
            grand.weights[index:index + 1] = [weight * w for w in only.weights]
        else:
            grand.children[index] = only

    def _parent_of_node(self, tree: Tree, target: Node) -> tuple[Node | None, int]:
        if isinstance(tree, Leaf):
            return None, -1
        for i, child in enumerate(tree.children):
            if child is target:
                return tree, i
            found = self._parent_of_node(child, target)
            if found[0] is not None:
                return found
        return None, -1

    def break_out(self, pane: int) -> None:
        """Take ``pane`` out of this layout (tmux ``break-pane``); the caller gives it a window of its own."""
        if self.panes == [pane]:
            raise LayoutError(f"pane %{pane} is the only pane of its window: there is nothing to break it from")
        self.close(pane)

    # -- resize --------------------------------------------------------------------------------------

    def resize(self, pane: int, direction: Direction, amount: int = 1) -> None:
        """Move the border on the ``direction`` side of ``pane`` by ``amount`` cells (tmux resize-pane
        -L/-R/-U/-D): the nearest enclosing split along that axis with a sibling on that side."""
        self._check(pane)
        path = path_to(self.root, pane)
        for node, index in reversed(path):
            if node.split is not direction.axis:
                continue
            neighbour = index + 1 if direction.forward else index - 1
            if 0 <= neighbour < len(node.children):
                self._move_border(node, min(index, neighbour), amount if direction.forward else -amount)
                return
            # No sibling on that side here: the border on the other side moves instead (as tmux does).
            other = index - 1 if direction.forward else index + 1
            if 0 <= other < len(node.children):
                self._move_border(node, min(index, other), amount if direction.forward else -amount)
                return
        raise LayoutError(f"pane %{pane} has no border to move {direction.name.lower()}")

    def _node_rect(self, target: Node) -> Rect:
        found: list[Rect] = []

        def walk(tree: Tree, rect: Rect) -> None:
            if tree is target:
                found.append(rect)
                return
            if isinstance(tree, Leaf):
                return
            for child, child_rect in zip(tree.children, child_rects(tree, rect)):
                walk(child, child_rect)

        walk(self.root, Rect(0, 0, self.width, self.height))
        return found[0]

    def _move_border(self, node: Node, left: int, delta: int) -> None:
        """Move the border after child ``left`` by ``delta`` cells (positive: towards the end). The growing
        side gains it all next to the border; the shrinking side gives from the nearest child first, then
        from the ones beyond it, as tmux does, and never below their minimums."""
        horizontal = node.split is Split.HORIZONTAL
        sizes = self._cells(node)
        mins = [minimum_size(child)[0 if horizontal else 1] for child in node.children]
        grower = left if delta > 0 else left + 1
        givers = range(left + 1, len(sizes)) if delta > 0 else range(left, -1, -1)
        wanted = abs(delta)
        for index in givers:
            taken = min(wanted, sizes[index] - mins[index])
            sizes[index] -= taken
            sizes[grower] += taken
            wanted -= taken
            if not wanted:
                break
        node.weights = [size / sum(sizes) for size in sizes]

    def resize_to(self, pane: int, width: int | None = None, height: int | None = None) -> None:
        """Make the pane ``width`` x ``height`` (either may be None) as far as its neighbours allow."""
        self._check(pane)
        for wanted, axis in ((width, Split.HORIZONTAL), (height, Split.VERTICAL)):
            rect = self.solve().panes[pane]
            current = rect.width if axis is Split.HORIZONTAL else rect.height
            if wanted is None or wanted == current:
                continue
            # The nearest split along that axis: the border after the pane's part of it moves, or the one
            # before when it is the last part (as tmux's layout_resize_pane_to).
            found = next(((node, index) for node, index in reversed(path_to(self.root, pane))
                          if node.split is axis and len(node.children) > 1), None)
            if found is None:
                continue  # no border on that axis: nothing to do, as tmux
            node, index = found
            if index == len(node.children) - 1:
                self._move_border(node, index - 1, current - wanted)
            else:
                self._move_border(node, index, wanted - current)

    # -- rearrange -----------------------------------------------------------------------------------

    def relabel(self, old: int, new: int) -> None:
        """Pane ``new`` (from another window) takes the place of ``old``, which leaves."""
        self._check(old)

        def walk(tree: Tree) -> None:
            if isinstance(tree, Leaf):
                tree.pane = new if tree.pane == old else tree.pane
            else:
                for child in tree.children:
                    walk(child)

        walk(self.root)
        self._recent = [new if pane == old else pane for pane in self._recent]
        if self.zoomed == old:
            self.zoomed = new

    def swap(self, a: int, b: int) -> None:
        self._check(a)
        self._check(b)

        def walk(tree: Tree) -> None:
            if isinstance(tree, Leaf):
                tree.pane = b if tree.pane == a else a if tree.pane == b else tree.pane
            else:
                for child in tree.children:
                    walk(child)

        walk(self.root)

    def rotate(self, reverse: bool = False) -> None:
        """Move every pane one place back, the first to the last place (tmux ``rotate-window``, ``-U``);
        ``reverse`` moves them one place on, the last to the first place (``rotate-window -D``)."""
        order = self.panes
        if len(order) < 2:
            return
        shifted = order[-1:] + order[:-1] if reverse else order[1:] + order[:1]
        mapping = dict(zip(order, shifted))

        def walk(tree: Tree) -> None:
            if isinstance(tree, Leaf):
                tree.pane = mapping[tree.pane]
            else:
                for child in tree.children:
                    walk(child)

        walk(self.root)

    # -- selection -----------------------------------------------------------------------------------

    def select(self, pane: int) -> None:
        """Make ``pane`` the active one; the previous active pane becomes ``last``."""
        self._check(pane)
        if pane in self._recent:
            self._recent.remove(pane)
        self._recent.insert(0, pane)

    @property
    def active(self) -> int | None:
        """The most recently selected pane still in the layout (None before any selection survives)."""
        return self._recent[0] if self._recent else None

    @property
    def last(self) -> int | None:
        """The pane selected before the active one (tmux ``last-pane``), None when there is none."""
        return self._recent[1] if len(self._recent) > 1 else None

    def toggle_zoom(self, pane: int) -> bool:
        """Zoom ``pane`` to fill the window, or unzoom if a pane is zoomed; the tree is kept. True if zoomed."""
        self._check(pane)
        self.zoomed = None if self.zoomed is not None else pane
        return self.zoomed is not None

    def equalize(self) -> None:
        def walk(tree: Tree) -> None:
            if isinstance(tree, Node):
                tree.weights = [1.0 / len(tree.children)] * len(tree.children)
                for child in tree.children:
                    walk(child)

        walk(self.root)

    # -- presets -------------------------------------------------------------------------------------

    def apply_preset(self, name: str, *, main_size: int | str | None = None, main: int | None = None) -> None:
        builder = _PRESET_BUILDERS.get(name)
        if builder is None:
            raise LayoutError(f"unknown layout {name!r}: one of {', '.join(PRESETS)}")
        order = self.panes
        if main is not None and main in order:
            order.remove(main)
            order.insert(0, main)
        tree = builder(order, self, main_size)
        need_width, need_height = minimum_size(tree)
        if need_width > self.width or need_height > self.height:
            raise LayoutError(f"layout {name} needs at least {need_width}x{need_height} cells for "
                              f"{len(order)} panes; the window is {self.width}x{self.height}")
        self.zoomed = None
        self.root = tree
        self.preset_index = PRESETS.index(name)

    def next_preset(self, reverse: bool = False, main_sizes: Mapping[str, int | str] | None = None) -> str:
        """Apply the next (or previous) preset; ``main_sizes`` gives the main pane's size by preset name."""
        step = -1 if reverse else 1
        name = PRESETS[(self.preset_index + step) % len(PRESETS)]
        self.apply_preset(name, main_size=(main_sizes or {}).get(name))
        return name

    # -- navigation ----------------------------------------------------------------------------------

    def neighbour(self, pane: int, direction: Direction, geometry: Geometry | None = None) -> int | None:
        """The pane next to ``pane`` on that side: among those adjacent across the border, the one that
        overlaps the pane's centre line, else the one overlapping most, then the most recently selected; wraps
        around the window like tmux. None when nothing lies on that side even after wrapping."""
        geometry = geometry or self.solve()
        here = geometry.panes.get(pane)
        if here is None:
            return None
        horizontal = direction.axis is Split.HORIZONTAL

        def overlap(rect: Rect) -> int:
            if horizontal:
                return min(here.y + here.height, rect.y + rect.height) - max(here.y, rect.y)
            return min(here.x + here.width, rect.x + rect.width) - max(here.x, rect.x)

        def adjacent(rect: Rect, wrap: bool) -> bool:
            if direction is Direction.LEFT:
                return rect.x + rect.width + 1 == here.x or (wrap and rect.x + rect.width == geometry.width)
            if direction is Direction.RIGHT:
                return rect.x == here.x + here.width + 1 or (wrap and rect.x == 0)
            if direction is Direction.UP:
                return rect.y + rect.height + 1 == here.y or (wrap and rect.y + rect.height == geometry.height)
            return rect.y == here.y + here.height + 1 or (wrap and rect.y == 0)

        centre = here.y + here.height // 2 if horizontal else here.x + here.width // 2
        for wrap in (False, True):
            candidates = [(pid, rect) for pid, rect in geometry.panes.items()
                          if pid != pane and adjacent(rect, wrap) and overlap(rect) > 0]
            if candidates:
                def score(item: tuple[int, Rect]) -> tuple[bool, int, int]:
                    pid, rect = item
                    low, high = (rect.y, rect.y + rect.height) if horizontal else (rect.x, rect.x + rect.width)
                    recency = -self._recent.index(pid) if pid in self._recent else -len(self._recent)
                    return (low <= centre < high, overlap(rect), recency)

                return max(candidates, key=score)[0]
        return None

    def copy(self) -> Layout:
        return copy.deepcopy(self)


def _even(split: Split) -> Callable[[list[int], Layout, int | str | None], Tree]:
    def build(order: list[int], layout: Layout, main_size: int | str | None) -> Tree:
        if len(order) == 1:
            return Leaf(order[0])
        return Node(split, [Leaf(p) for p in order])

    return build


def _main(split: Split) -> Callable[[list[int], Layout, int | str | None], Tree]:
    """main-vertical: the first pane on the left, the others stacked on the right (main-horizontal: on top)."""

    def build(order: list[int], layout: Layout, main_size: int | str | None) -> Tree:
        if len(order) == 1:
            return Leaf(order[0])
        whole = layout.width if split is Split.HORIZONTAL else layout.height
        # tmux's defaults: main-pane-width 80, main-pane-height 24, when the window has room for them.
        # A percentage is of the window less the border, as tmux's layout_set_main_v/h.
        size = parse_size(main_size, whole - 1) or (80 if split is Split.HORIZONTAL else 24)
        other = Split.VERTICAL if split is Split.HORIZONTAL else Split.HORIZONTAL
        rest: Tree = Leaf(order[1]) if len(order) == 2 else Node(other, [Leaf(p) for p in order[1:]])
        axis = 0 if split is Split.HORIZONTAL else 1
        # The main pane shrinks so the others keep their minimum, as tmux shrinks it to fit.
        size = max(minimum_size(Leaf(order[0]))[axis], min(size, whole - 1 - minimum_size(rest)[axis]))
        fraction = size / max(whole - 1, 1)
        return Node(split, [Leaf(order[0]), rest], [fraction, 1 - fraction])

    return build


def _tiled(order: list[int], layout: Layout, main_size: int | str | None) -> Tree:
    count = len(order)
    if count == 1:
        return Leaf(order[0])
    rows = columns = 1
    while rows * columns < count:  # tmux's grid: grow rows first, then columns
        rows += 1
        if rows * columns < count:
            columns += 1
    row_nodes: list[Tree] = []
    for r in range(rows):
        members = order[r * columns:(r + 1) * columns]
        row_nodes.append(Leaf(members[0]) if len(members) == 1 else Node(Split.HORIZONTAL, [Leaf(p) for p in members]))
    return row_nodes[0] if rows == 1 else Node(Split.VERTICAL, row_nodes)


_PRESET_BUILDERS: dict[str, Callable[[list[int], Layout, int | str | None], Tree]] = {
    "even-horizontal": _even(Split.HORIZONTAL),
    "even-vertical": _even(Split.VERTICAL),
    "main-horizontal": _main(Split.VERTICAL),
    "main-vertical": _main(Split.HORIZONTAL),
    "tiled": _tiled,
}
