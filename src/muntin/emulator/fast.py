"""Fast paths for what full-screen programs send most: SGR, cursor moves and erases between short texts.

A Textual app, Rich's progress display, vim or htop redraw with runs like ``CSI 12;5 H CSI 1;32 m text
CSI 0 m text``. The parser hands such a run over whole (``RUN``), and ``draw_run`` walks its pieces in one
loop: the style from a cache, the text written into the row a slice at a time when it fits there, and
everything else through the terminal's own handlers, so the screen is the same as piece by piece.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from muntin.emulator.width import wcwidth

if TYPE_CHECKING:
    from muntin.emulator.style import Style
    from muntin.emulator.terminal import Terminal

RUN = r"(?:\x1b\[[0-9;:]*+[mHKCAXdGJ][^\x00-\x1f\x7f-\x9f]*+){2,}+"
"""Two or more pieces, each a CSI with plain parameters (SGR, CUP, EL, CUF, CUU, ECH, VPA, CHA, ED) and the
text after it: what ``draw_run`` takes (the parser's pattern includes it as a group)."""

_PIECE = re.compile(r"\x1b\[([0-9;:]*)(.)([^\x00-\x1f\x7f-\x9f]*)")

SGR_STEPS: dict[tuple[int, str], tuple[Style, Style]] = {}
"""(id of a style, SGR parameters) -> (that style, the style they make of it). The entry holds the style
itself, so the id stays its own while the entry lives; keyed by id, a step costs no hash of the style."""
SGR_STEPS_LIMIT = 8192


def draw_run(terminal: Terminal, run: str) -> None:
    """The pieces of ``run`` (matched by ``RUN``) in order, as the parser would hand them one at a time."""
    steps = SGR_STEPS
    for params, final, text in _PIECE.findall(run):
        if final == "m":
            style = terminal.style
            step = steps.get((id(style), params))
            if step is not None and step[0] is style:
                terminal.style = step[1]
            else:
                terminal.select_graphic_rendition(params)
        else:
            terminal.csi(params, "", final)
        if text:
            draw_text(terminal, text)


def draw_text(terminal: Terminal, text: str) -> None:
    """``terminal.draw(text)``, with the common case inline: one-cell characters that fit on the cursor's
    row (up to its last cell, where the cursor then waits to wrap)."""
    x = terminal.x
    end = x + len(text)
    cols = terminal.cols
    if (end <= cols and not terminal.wrap_pending and not terminal._special and not terminal.modes.insert
            and (text.isascii() or narrow(text))):
        buf = terminal._buf
        y = terminal.y
        chars = buf.chars[y]
        if chars[x] and (end == cols or chars[end]):  # no wide character is cut ("" is its second cell)
            chars[x:end] = text
            buf.styles[y][x:end] = [terminal.style] * (end - x)
            terminal.dirty.add(y)
            if end < cols:
                terminal.x = end
            else:
                terminal.x = cols - 1
                terminal.wrap_pending = terminal.modes.autowrap
            terminal.last_char = text[-1]
            return
    terminal.draw(text)


_NARROW: dict[str, bool] = {}


def narrow(text: str) -> bool:
    """Whether every character of ``text`` takes one cell and combines with nothing (box drawing, blocks,
    Latin-1: what ``Terminal.draw`` writes a slice at a time), remembered for the texts last seen."""
    known = _NARROW.get(text)
    if known is None:
        known = all(wcwidth(char) == 1 and char not in "\u200d\ufe0f" for char in set(text))
        if len(_NARROW) >= 4096:
            _NARROW.clear()
        _NARROW[text] = known
    return known
