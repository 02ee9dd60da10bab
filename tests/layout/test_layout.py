"""The layout tree: verbs, presets, solving, navigation and layout strings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muntin.layout import (
    Direction,
    Layout,
    LayoutError,
    Rect,
    Split,
    from_string,
    from_tmux,
    to_string,
    to_tmux,
)
from muntin.layout.tree import MIN_HEIGHT, MIN_WIDTH, minimum_size


def tiles_exactly(layout: Layout) -> None:
    geometry = layout.solve()
    grid = [[0] * geometry.width for _ in range(geometry.height)]
    for rect in geometry.panes.values():
        assert rect.width >= 1 and rect.height >= 1
        for y in range(rect.y, rect.y + rect.height):
            for x in range(rect.x, rect.x + rect.width):
                grid[y][x] += 1
    for border in geometry.borders:
        for i in range(border.length):
            x, y = (border.x, border.y + i) if border.vertical else (border.x + i, border.y)
            if grid[y][x] == 0:
                grid[y][x] = -1  # border cells may be shared where borders cross
    assert all(cell != 0 for row in grid for cell in row), "a cell belongs to nothing"
    assert all(cell <= 1 for row in grid for cell in row), "two panes overlap"


def test_split_side_by_side_and_stacked() -> None:
    layout = Layout(1, 81, 24)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.VERTICAL)
    panes = layout.solve().panes
    assert panes[1] == Rect(0, 0, 40, 24)
    assert panes[2] == Rect(41, 0, 40, 12) and panes[3] == Rect(41, 13, 40, 11)
    tiles_exactly(layout)


def test_split_sizes_before_and_full() -> None:
    layout = Layout(1, 101, 30)
    layout.split(1, 2, Split.HORIZONTAL, size="30%")
    assert layout.solve().panes[2].width == 30
    layout.split(1, 3, Split.VERTICAL, size=5, before=True)
    assert layout.solve().panes[3] == Rect(0, 0, 70, 5)
    layout.split(2, 4, Split.VERTICAL, full=True)
    assert layout.solve().panes[4].width == 101


def test_percentages_survive_window_resize() -> None:
    layout = Layout(1, 101, 30)
    layout.split(1, 2, Split.HORIZONTAL, size="30%")
    layout.resize_window(201, 30)
    assert layout.solve().panes[2].width == 60


def test_split_that_cannot_fit_is_refused() -> None:
    """As tmux (PANE_MINIMUM 1): a 4x2 window splits once side by side (2 and 1 wide), then no more."""
    layout = Layout(1, 4, 2)
    layout.split(1, 3, Split.HORIZONTAL)
    assert [(r.width, r.height) for r in layout.solve().panes.values()] == [(2, 2), (1, 2)]
    with pytest.raises(LayoutError, match="too small to split"):
        layout.split(3, 2, Split.HORIZONTAL)
    with pytest.raises(LayoutError, match="too small"):
        layout.split(1, 2, Split.VERTICAL)


def test_close_gives_space_to_the_neighbour_and_collapses() -> None:
    layout = Layout(1, 80, 24)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.VERTICAL)
    layout.close(3)
    assert layout.solve().panes[2] == Rect(41, 0, 39, 24)
    layout.close(1)
    assert layout.panes == [2] and layout.solve().panes[2] == Rect(0, 0, 80, 24)
    with pytest.raises(LayoutError):
        layout.close(2)
    with pytest.raises(LayoutError, match="only pane"):
        layout.break_out(2)
    layout.split(2, 4, Split.VERTICAL)
    layout.break_out(2)
    assert layout.panes == [4] and layout.solve().panes[4] == Rect(0, 0, 80, 24)


def test_resize_moves_the_nearest_border() -> None:
    layout = Layout(1, 81, 24)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.resize(1, Direction.RIGHT, 10)
    assert layout.solve().panes[1].width == 50
    layout.resize(2, Direction.RIGHT, 5)  # no border on its right: its left border moves
    assert layout.solve().panes[1].width == 55
    layout.resize(1, Direction.LEFT, 100)
    assert layout.solve().panes[1].width == 1  # tmux's minimum pane width
    with pytest.raises(LayoutError):
        layout.resize(1, Direction.UP, 1)


def test_resize_takes_from_panes_beyond_the_neighbour() -> None:
    layout = Layout(1, 80, 24)
    layout.apply_preset("even-horizontal")
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.HORIZONTAL)
    layout.apply_preset("even-horizontal")
    assert [r.width for r in layout.solve().panes.values()] == [26, 26, 26]
    layout.resize(1, Direction.RIGHT, 30)  # 25 from pane 2 (down to its 1 column), 5 from pane 3
    assert [layout.solve().panes[p].width for p in (1, 2, 3)] == [56, 1, 21]
    layout.resize(3, Direction.LEFT, 100)  # as far as 1 and 2 allow
    assert [layout.solve().panes[p].width for p in (1, 2, 3)] == [1, 1, 76]


def test_swap_rotate_zoom_equalize() -> None:
    layout = Layout(1, 80, 24)
    layout.split(1, 2, Split.HORIZONTAL, size=20)
    layout.split(2, 3, Split.HORIZONTAL)
    layout.swap(1, 3)
    assert layout.panes == [3, 2, 1]
    layout.rotate()  # tmux rotate-window: the first pane goes to the last place
    assert layout.panes == [2, 1, 3]
    layout.rotate(reverse=True)
    assert layout.panes == [3, 2, 1]
    assert layout.toggle_zoom(2)
    assert layout.solve().panes == {2: Rect(0, 0, 80, 24)}
    assert not layout.toggle_zoom(2)
    layout.equalize()
    assert sorted(r.width for r in layout.solve().panes.values()) == [26, 26, 26]


# Captured from tmux 3.3a (select-layout in a private server). main-* at 80x24 are left out: tmux shrinks
# the others to 1 cell there, below muntin's 2-column minimum.
TMUX_PRESETS = [
    ("tiled", 80, 24, 5, "8bcd,80x24,0,0[80x7,0,0{39x7,0,0,0,40x7,40,0,1},80x7,0,8{39x7,0,8,2,40x7,40,8,3},80x8,0,16,4]"),
    ("even-horizontal", 80, 24, 5,
     "5a25,80x24,0,0{15x24,0,0,0,15x24,16,0,1,15x24,32,0,2,15x24,48,0,3,16x24,64,0,4}"),
    ("even-vertical", 80, 24, 5, "fe20,80x24,0,0[80x4,0,0,0,80x4,0,5,1,80x4,0,10,2,80x4,0,15,3,80x4,0,20,4]"),
    ("tiled", 80, 24, 3, "a7cf,80x24,0,0[80x11,0,0{39x11,0,0,0,40x11,40,0,1},80x12,0,12,2]"),
    ("even-horizontal", 80, 24, 3, "9bb2,80x24,0,0{26x24,0,0,0,26x24,27,0,1,26x24,54,0,2}"),
    ("even-vertical", 80, 24, 3, "e470,80x24,0,0[80x7,0,0,0,80x7,0,8,1,80x8,0,16,2]"),
    ("tiled", 159, 48, 3, "c0d5,159x48,0,0[159x23,0,0{79x23,0,0,0,79x23,80,0,1},159x24,0,24,2]"),
    ("main-vertical", 159, 48, 3, "6639,159x48,0,0{80x48,0,0,0,78x48,81,0[78x23,81,0,1,78x24,81,24,2]}"),
    ("main-horizontal", 159, 48, 3, "5e6c,159x48,0,0[159x24,0,0,0,159x23,0,25{79x23,0,25,1,79x23,80,25,2}]"),
]


@pytest.mark.parametrize(("preset", "width", "height", "count", "expected"), TMUX_PRESETS)
def test_presets_match_tmux(preset: str, width: int, height: int, count: int, expected: str) -> None:
    layout = Layout(0, width, height)
    for pane in range(1, count):
        layout.split(pane - 1, pane, Split.VERTICAL, full=True)
    assert layout.panes == list(range(count))
    layout.apply_preset(preset)
    assert to_tmux(layout) == expected
    tiles_exactly(layout)


def test_main_size_and_presets_that_cannot_fit() -> None:
    layout = Layout(1, 80, 24)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.VERTICAL)
    layout.apply_preset("main-vertical", main_size="50%")
    # 50% of the 79 columns beside the border, as tmux
    assert [layout.solve().panes[p] for p in (1, 2, 3)] == [Rect(0, 0, 39, 24), Rect(40, 0, 40, 11),
                                                            Rect(40, 12, 40, 12)]
    layout.apply_preset("main-horizontal")  # tmux's 24-row main pane shrinks to leave the others a row
    assert layout.solve().panes[1] == Rect(0, 0, 80, 22)
    narrow = Layout(0, 8, 24)
    for pane in range(1, 5):
        narrow.split(0, pane, Split.VERTICAL, size=2)
    with pytest.raises(LayoutError, match="needs at least 9x1 cells for 5 panes"):
        narrow.apply_preset("even-horizontal")
    assert narrow.panes == [0, 4, 3, 2, 1]


def test_tiled_uses_tmux_grid() -> None:
    layout = Layout(0, 159, 48)
    for pane in range(1, 5):
        layout.split(0, pane, Split.VERTICAL, size=2)
    layout.apply_preset("tiled")
    rects = [layout.solve().panes[p] for p in layout.panes]
    # tmux: 3 rows of 2, 2 and 1 panes; the last pane spans the width.
    assert rects[4].width == 159
    assert rects[0].y == rects[1].y and rects[2].y == rects[3].y and rects[0].y < rects[2].y < rects[4].y
    assert [layout.next_preset() for _ in range(5)] == ["even-horizontal", "even-vertical", "main-horizontal",
                                                        "main-vertical", "tiled"]


def test_neighbours_follow_the_centre_line_and_wrap() -> None:
    layout = Layout(1, 80, 24)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.VERTICAL)
    assert layout.neighbour(1, Direction.RIGHT) == 2  # 2 covers pane 1's centre row (11)
    assert layout.neighbour(3, Direction.LEFT) == 1
    assert layout.neighbour(2, Direction.DOWN) == 3
    assert layout.neighbour(3, Direction.DOWN) == 2  # wraps
    assert layout.neighbour(2, Direction.RIGHT) == 1  # wraps
    assert layout.neighbour(1, Direction.UP) is None


def test_active_and_last_pane() -> None:
    layout = Layout(1, 80, 24)
    assert (layout.active, layout.last) == (1, None)
    layout.split(1, 2, Split.HORIZONTAL)
    layout.split(2, 3, Split.VERTICAL)
    layout.select(2)
    layout.select(3)
    assert (layout.active, layout.last) == (3, 2)
    layout.select(2)
    assert (layout.active, layout.last) == (2, 3)
    layout.close(3)
    assert (layout.active, layout.last) == (2, 1)
    with pytest.raises(LayoutError, match="no pane %9"):
        layout.select(9)


# tmux 3.3a in the layout of test_verbs_match_tmux_cell_for_cell: for each pane, `select-pane -t %P` then
# `select-pane -L/-R/-U/-D`, in this order; the pane tmux went to (tmux stays put when nothing is there).
TMUX_MOVES = [(0, "L", 1), (0, "R", 4), (0, "U", 3), (0, "D", 2), (1, "L", 4), (1, "R", 2), (1, "U", 3),
              (1, "D", 3), (2, "L", 1), (2, "R", 4), (2, "U", 0), (2, "D", 3), (3, "L", 3), (3, "R", 3),
              (3, "U", 2), (3, "D", 0), (4, "L", 0), (4, "R", 1), (4, "U", 3), (4, "D", 3)]


def test_neighbours_match_tmux() -> None:
    layout = from_tmux("ad15,159x48,0,0[159x37,0,0{111x37,0,0[111x18,0,0,0,111x18,0,19,2],"
                       "23x37,112,0,4,23x37,136,0,1},159x10,0,38,3]")
    for pane in range(1, 5):  # each new pane was selected as it was split off
        layout.select(pane)
    moves = []
    for pane, direction, _ in TMUX_MOVES:
        layout.select(pane)
        target = layout.neighbour(pane, Direction(direction))
        target = pane if target is None else target
        layout.select(target)
        moves.append((pane, direction, target))
    # From %1 going right wraps to %0 and %2, split evenly around %1's centre row: the more recent wins.
    assert moves == TMUX_MOVES


TMUX_STRINGS = [
    "adc3,159x48,0,0{79x48,0,0,0,79x48,80,0[79x24,80,0,1,79x23,80,25,2]}",
    "e46c,159x48,0,0[159x15,0,0{79x15,0,0,0,79x15,80,0,1},159x15,0,16{79x15,0,16,2,79x15,80,16,3},159x16,0,32,4]",
    "2466,159x48,0,0{80x48,0,0,0,78x48,81,0[78x11,81,0,1,78x11,81,12,2,78x11,81,24,3,78x12,81,36,4]}",
]


@pytest.mark.parametrize("text", TMUX_STRINGS)
def test_tmux_layout_strings_round_trip(text: str) -> None:
    layout = from_tmux(text)
    assert to_tmux(layout) == text
    tiles_exactly(layout)


def test_verbs_match_tmux_cell_for_cell() -> None:
    # tmux 3.3a, 159x48: split-window -h -l 30%; -v -t .0; -fv -l 10; -bh -t .2; resize-pane -t .1 -R 7;
    # resize-pane -t .0 -U 3 (no border above %0, so its lower border moves up).
    layout = Layout(0, 159, 48)
    layout.split(0, 1, Split.HORIZONTAL, size="30%")
    layout.split(0, 2, Split.VERTICAL)
    layout.split(0, 3, Split.VERTICAL, full=True, size=10)
    layout.split(1, 4, Split.HORIZONTAL, before=True)
    assert to_tmux(layout) == ("ad15,159x48,0,0[159x37,0,0{111x37,0,0[111x18,0,0,0,111x18,0,19,2],"
                               "23x37,112,0,4,23x37,136,0,1},159x10,0,38,3]")
    layout.resize(2, Direction.RIGHT, 7)
    layout.resize(0, Direction.UP, 3)
    assert to_tmux(layout) == ("045e,159x48,0,0[159x37,0,0{118x37,0,0[118x15,0,0,0,118x21,0,16,2],"
                               "16x37,119,0,4,23x37,136,0,1},159x10,0,38,3]")


def test_tmux_checksum_is_tmuxs() -> None:
    # What tmux 3.3a prints for two side-by-side panes %1 and %2 in 159x48.
    parsed = from_tmux("5468,159x48,0,0{79x48,0,0,1,79x48,80,0,2}")
    assert (parsed.panes, parsed.active, parsed.width, parsed.height) == ([1, 2], 1, 159, 48)
    with pytest.raises(LayoutError, match="bb62 given, 5468 computed"):
        from_tmux("bb62,159x48,0,0{79x48,0,0,1,79x48,80,0,2}")


def test_tmux_layout_string_errors() -> None:
    with pytest.raises(LayoutError, match="checksum"):
        from_tmux("0000,80x24,0,0,1")
    with pytest.raises(LayoutError, match="column"):
        from_tmux("abcd,80x24,0,0{", check=False)


def test_native_string_round_trip() -> None:
    layout = Layout(1, 80, 24)
    layout.split(1, 2, Split.HORIZONTAL, size="25%")
    layout.split(2, 3, Split.VERTICAL)
    text = to_string(layout)
    assert text == "h[1@59,v[2@12,3@11]@20]"
    again = from_string(text, 80, 24)
    assert again.solve().panes == layout.solve().panes
    assert from_string(text, 160, 24).solve().panes[1].width == 119  # proportions kept at another size
    with pytest.raises(LayoutError, match="at least two"):
        from_string("h[1@1]")
    with pytest.raises(LayoutError, match="column 4: expected @size"):
        from_string("h[1@0,2@3]")


OPS = st.lists(st.tuples(st.sampled_from(["split-h", "split-v", "split-full", "close", "resize", "swap", "zoom",
                                          "preset", "rotate", "equalize", "window", "select"]),
                         st.integers(0, 50), st.integers(1, 10)), max_size=25)


def check_minimums(layout: Layout) -> None:
    for pane, rect in layout.solve().panes.items():
        assert rect.width >= MIN_WIDTH and rect.height >= MIN_HEIGHT, f"pane %{pane} squeezed to {rect}"


@settings(max_examples=300, deadline=None)
@given(ops=OPS, width=st.integers(10, 200), height=st.integers(5, 60))
def test_any_sequence_of_operations_tiles_the_window(ops, width, height) -> None:
    layout = Layout(0, width, height)
    next_id = 1
    for op, pick, amount in ops:
        panes = layout.panes
        pane = panes[pick % len(panes)]
        try:
            if op.startswith("split"):
                layout.zoomed = None
                before = layout.solve().panes
                layout.split(pane, next_id, Split.HORIZONTAL if op == "split-h" else Split.VERTICAL)
                next_id += 1
                layout.close(next_id - 1)
                assert layout.solve().panes == before  # split then close restores the geometry
                layout.split(pane, next_id, Split.HORIZONTAL if op == "split-h" else Split.VERTICAL)
                next_id += 1
            elif op == "split-full":
                layout.split(pane, next_id, Split.HORIZONTAL if amount % 2 else Split.VERTICAL, full=True,
                             before=amount > 5)
                next_id += 1
            elif op == "select":
                layout.select(pane)
                assert layout.active == pane
            elif op == "rotate":
                layout.rotate(reverse=amount > 5)
            elif op == "equalize":
                layout.equalize()
            elif op == "window":
                need_width, need_height = minimum_size(layout.root)
                layout.resize_window(max(need_width, width + pick - 25), max(need_height, height + amount - 5))
            elif op == "close" and len(panes) > 1:
                layout.close(pane)
            elif op == "resize":
                layout.resize(pane, list(Direction)[amount % 4], amount)
            elif op == "swap":
                layout.swap(pane, panes[(pick + 1) % len(panes)])
            elif op == "zoom":
                layout.toggle_zoom(pane)
            elif op == "preset":
                layout.next_preset()
        except LayoutError:
            pass
        if layout.zoomed is None:
            tiles_exactly(layout)
            check_minimums(layout)
        geometry = layout.solve()
        assert from_tmux(to_tmux(layout)).solve(geometry.width, geometry.height).panes == geometry.panes or \
            layout.zoomed is not None
        assert from_string(to_string(layout), geometry.width, geometry.height).solve().panes == geometry.panes or \
            layout.zoomed is not None
        assert sorted(layout.solve().panes) == sorted(layout.panes) or layout.zoomed is not None
        assert layout.active in layout.panes or layout.active is None


def test_layout_is_pure() -> None:
    """The layout package imports only the standard library and itself (no fds, no UI, no pyte)."""
    import ast
    import pathlib
    import sys

    import muntin.layout

    package = pathlib.Path(muntin.layout.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or name.startswith("muntin.layout"), f"{path.name}: {name}"
                assert top not in {"os", "pty", "select", "socket", "subprocess"}, f"{path.name}: {name}"
