"""Layouts as text: tmux's layout strings (``bb62,159x48,0,0{79x48,0,0,1,79x48,80,0,2}``) and muntin's own
compact form (``h[1@40,v[2@12,3@11]@39]``: side by side or stacked, each child with its size in cells)."""

from __future__ import annotations

import re

from muntin.layout.layout import Layout
from muntin.layout.tree import Leaf, LayoutError, Node, Rect, Split, Tree, child_rects


def tmux_checksum(body: str) -> int:
    """tmux's layout checksum: a 16-bit rotate-and-add over the characters."""
    csum = 0
    for char in body:
        csum = (csum >> 1) + ((csum & 1) << 15)
        csum = (csum + ord(char)) & 0xFFFF
    return csum


def to_tmux(layout: Layout) -> str:
    """The tmux layout string of the layout at its current window size."""

    def cell(tree: Tree, rect: Rect) -> str:
        head = f"{rect.width}x{rect.height},{rect.x},{rect.y}"
        if isinstance(tree, Leaf):
            return f"{head},{tree.pane}"
        parts = [cell(child, child_rect) for child, child_rect in zip(tree.children, child_rects(tree, rect))]
        open_, close = ("{", "}") if tree.split is Split.HORIZONTAL else ("[", "]")
        return head + open_ + ",".join(parts) + close

    body = cell(layout.root, Rect(0, 0, layout.width, layout.height))
    return f"{tmux_checksum(body):04x},{body}"


_CELL = re.compile(r"(\d+)x(\d+),(\d+),(\d+)")


def from_tmux(text: str, *, check: bool = True) -> Layout:
    """A layout from a tmux layout string; pane ids are tmux's (``%N`` -> N)."""
    text = text.strip()
    head, sep, body = text.partition(",")
    if not sep or len(head) != 4:
        raise LayoutError(f"not a tmux layout string: {text!r}")
    try:
        expected = int(head, 16)
    except ValueError:
        raise LayoutError(f"not a tmux layout string (bad checksum field {head!r})") from None
    if check and tmux_checksum(body) != expected:
        raise LayoutError(f"tmux layout checksum mismatch: {head} given, {tmux_checksum(body):04x} computed")
    pos = 0

    def parse() -> tuple[Tree, Rect]:
        nonlocal pos
        m = _CELL.match(body, pos)
        if m is None:
            raise LayoutError(f"bad tmux layout at column {pos + 6}: {body[pos:pos + 20]!r}")
        rect = Rect(int(m.group(3)), int(m.group(4)), int(m.group(1)), int(m.group(2)))
        pos = m.end()
        if pos < len(body) and body[pos] in "{[":
            split = Split.HORIZONTAL if body[pos] == "{" else Split.VERTICAL
            close = "}" if body[pos] == "{" else "]"
            pos += 1
            children: list[tuple[Tree, Rect]] = []
            while True:
                children.append(parse())
                if pos < len(body) and body[pos] == ",":
                    pos += 1
                    continue
                if pos < len(body) and body[pos] == close:
                    pos += 1
                    break
                raise LayoutError(f"bad tmux layout at column {pos + 6}: expected ',' or {close!r}")
            sizes = [(r.width if split is Split.HORIZONTAL else r.height) for _, r in children]
            total = sum(sizes) or 1
            return Node(split, [t for t, _ in children], [s / total for s in sizes]), rect
        if pos < len(body) and body[pos] == ",":
            m_id = re.compile(r",(\d+)").match(body, pos)
            if m_id is None:
                raise LayoutError(f"bad tmux layout at column {pos + 6}: expected a pane id")
            pos = m_id.end()
            return Leaf(int(m_id.group(1))), rect
        raise LayoutError(f"bad tmux layout at column {pos + 6}: expected a pane id or a split")

    tree, rect = parse()
    if pos != len(body):
        raise LayoutError(f"bad tmux layout at column {pos + 6}: unexpected {body[pos:pos + 10]!r}")
    return Layout.from_tree(tree, rect.width, rect.height)


def to_string(layout: Layout) -> str:
    """muntin's compact form: ``h[...]`` side by side, ``v[...]`` stacked, ``ID@cells`` for each child, the
    cells taken at the layout's current window size; read back at another size, the proportions are kept."""

    def render(tree: Tree, rect: Rect) -> str:
        if isinstance(tree, Leaf):
            return str(tree.pane)
        horizontal = tree.split is Split.HORIZONTAL
        inner = ",".join(f"{render(child, r)}@{r.width if horizontal else r.height}"
                         for child, r in zip(tree.children, child_rects(tree, rect)))
        return f"{tree.split.value}[{inner}]"

    return render(layout.root, Rect(0, 0, layout.width, layout.height))


def from_string(text: str, width: int = 80, height: int = 24) -> Layout:
    """A layout from ``to_string``'s form, placed in a ``width`` x ``height`` window (sizes may be cells or
    any positive weights: only their proportions count)."""
    pos = 0

    def parse() -> Tree:
        nonlocal pos
        if text.startswith(("h[", "v["), pos):
            split = Split(text[pos])
            pos += 2
            children: list[Tree] = []
            weights: list[float] = []
            while True:
                children.append(parse())
                m = re.compile(r"@(\d+(?:\.\d*)?)").match(text, pos)
                if m is None or float(m.group(1)) <= 0:
                    raise LayoutError(f"bad layout at column {pos + 1}: expected @size (a positive number)")
                weights.append(float(m.group(1)))
                pos = m.end()
                if text.startswith(",", pos):
                    pos += 1
                elif text.startswith("]", pos):
                    pos += 1
                    break
                else:
                    raise LayoutError(f"bad layout at column {pos + 1}: expected ',' or ']'")
            if len(children) < 2:
                raise LayoutError("a split needs at least two children")
            node = Node(split, children, weights)
            node.normalise()
            return node
        m = re.compile(r"\d+").match(text, pos)
        if m is None:
            raise LayoutError(f"bad layout at column {pos + 1}: expected a pane id, h[ or v[")
        pos = m.end()
        return Leaf(int(m.group()))

    tree = parse()
    if pos != len(text):
        raise LayoutError(f"bad layout at column {pos + 1}: unexpected {text[pos:pos + 10]!r}")
    return Layout.from_tree(tree, width, height)
