"""Moving left with reverse wraparound (``?45`` with autowrap): BS and CUB go on from the right margin of the
row above, as xterm moves them.

The terminal calls this for BS and CUB while reverse wrap and autowrap are both on; nothing here knows of
anything above the emulator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muntin.emulator.terminal import Terminal


def reverse_wrap_back(terminal: Terminal, count: int) -> None:
    """Move ``count`` cells left through the rows as if they were one line between the left and right margins
    (xterm's CursorBack): a pending wrap takes one of the moves; a cursor left of the left margin counts from
    the screen's edge; from the left margin of the top margin's row it goes to the end of the bottom margin's
    row; past the top of the screen it comes round from the bottom."""
    t = terminal
    if t.wrap_pending:
        count -= 1
        t.wrap_pending = False
    before = t.x
    left = t.left if before >= t.left else 0
    x = before - count
    if x >= left:
        t.x = x
        return
    width = t.right - left + 1
    if before == left and t.y == t.top and t.left <= before <= t.right and t.top <= t.y <= t.bottom:
        offset = (t.bottom + 1) * width - 1
    else:
        offset = width * t.y + x - left
        if offset < 0:
            length = width * t.rows
            offset += (-offset // length + 1) * length
    t.y = offset // width % t.rows
    t.x = offset % width + left
