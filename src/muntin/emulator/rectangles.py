"""The VT420 rectangle operations, as xterm does them: fill (DECFRA), erase (DECERA), selective erase (DECSERA)
and copy (DECCRA) a rectangle of the screen.

Rectangles are ``top ; left ; bottom ; right`` from 1, the whole screen by default, counted from the margins'
corner in origin mode, clipped to the screen; the margins do not otherwise limit them. The terminal's dispatch
tables call these with the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muntin.emulator.terminal import Terminal

WIDE_FILLER = ""  # as the terminal's grid has it: the second cell of a wide character


def _rectangle(terminal: Terminal, values: list[int], start: int = 0) -> tuple[int, int, int, int] | None:
    """The rectangle in ``values[start:start + 4]`` as 0-based inclusive (top, left, bottom, right) on the
    screen, or None when it is empty."""
    def arg(index: int, default: int) -> int:
        value = values[start + index] if start + index < len(values) else 0
        return value or default

    row0, col0 = (terminal.top, terminal.left) if terminal.modes.origin else (0, 0)
    top = arg(0, 1) - 1 + row0
    left = arg(1, 1) - 1 + col0
    bottom = min(arg(2, terminal.rows) - 1 + row0, terminal.rows - 1)
    right = min(arg(3, terminal.cols) - 1 + col0, terminal.cols - 1)
    if top > bottom or left > right or top >= terminal.rows or left >= terminal.cols:
        return None
    return top, left, bottom, right


def _fill(terminal: Terminal, area: tuple[int, int, int, int], char: str, style, selective: bool = False) -> None:
    top, left, bottom, right = area
    buf = terminal._buf
    for y in range(top, bottom + 1):
        chars, styles = buf.chars[y], buf.styles[y]
        if left > 0 and chars[left] == WIDE_FILLER:
            chars[left - 1] = " "  # a wide character cut in half loses its first half too
        if right + 1 < terminal.cols and chars[right + 1] == WIDE_FILLER:
            chars[right + 1] = " "
        if selective:
            for x in range(left, right + 1):
                if not styles[x].protected:
                    chars[x] = char
        else:
            chars[left:right + 1] = [char] * (right + 1 - left)
            styles[left:right + 1] = [style] * (right + 1 - left)
        terminal.dirty.add(y)


def fill(terminal: Terminal, values: list[int]) -> None:
    """DECFRA (``CSI Pch ; Pt ; Pl ; Pb ; Pr $ x``): the rectangle full of character Pch (printable ASCII or
    Latin-1) in the current style."""
    code = values[0] if values else 0
    if not (32 <= code <= 126 or 160 <= code <= 255):
        return
    area = _rectangle(terminal, values, 1)
    if area is not None:
        _fill(terminal, area, chr(code), terminal.style)


def erase(terminal: Terminal, values: list[int]) -> None:
    """DECERA (``CSI Pt ; Pl ; Pb ; Pr $ z``): the rectangle blank, in the current background."""
    area = _rectangle(terminal, values)
    if area is not None:
        _fill(terminal, area, " ", terminal._fill())


def selective_erase(terminal: Terminal, values: list[int]) -> None:
    """DECSERA (``CSI Pt ; Pl ; Pb ; Pr $ {``): the rectangle blank except the cells DECSCA protected."""
    area = _rectangle(terminal, values)
    if area is not None:
        _fill(terminal, area, " ", terminal._fill(), selective=True)


def copy(terminal: Terminal, values: list[int]) -> None:
    """DECCRA (``CSI Pts ; Pls ; Pbs ; Prs ; Pps ; Ptd ; Pld ; Ppd $ v``): the source rectangle's cells copied
    with their styles to the destination's top left corner (one page here, so the pages are ignored), clipped
    to the screen; overlapping rectangles copy as if through a buffer."""
    area = _rectangle(terminal, values)
    if area is None:
        return
    top, left, bottom, right = area
    row0, col0 = (terminal.top, terminal.left) if terminal.modes.origin else (0, 0)
    dest_top = ((values[5] if len(values) > 5 else 0) or 1) - 1 + row0
    dest_left = ((values[6] if len(values) > 6 else 0) or 1) - 1 + col0
    if dest_top >= terminal.rows or dest_left >= terminal.cols:
        return
    buf = terminal._buf
    height = min(bottom - top, terminal.rows - 1 - dest_top) + 1
    width = min(right - left, terminal.cols - 1 - dest_left) + 1
    chars = [buf.chars[top + i][left:left + width] for i in range(height)]
    styles = [buf.styles[top + i][left:left + width] for i in range(height)]
    for i in range(height):
        y = dest_top + i
        buf.chars[y][dest_left:dest_left + width] = chars[i]
        buf.styles[y][dest_left:dest_left + width] = styles[i]
        terminal.dirty.add(y)
