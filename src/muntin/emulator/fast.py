"""Fast paths for what full-screen programs send most: SGR, cursor moves and erases between short texts.

A Textual app, Rich's progress display, vim or htop redraw with runs like ``CSI 12;5 H CSI 1;32 m text
CSI 0 m text``. The parser hands such a run over whole (``RUN``), and ``draw_run`` walks its pieces in one
loop: the style from a cache, the text written into the row a slice at a time when it fits there, and
everything else through the terminal's own handlers, so the screen is the same as piece by piece.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

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
    """``terminal.draw(text)``, with the common case inline: ASCII that fits on the cursor's row."""
    x = terminal.x
    end = x + len(text)
    if (end < terminal.cols and not terminal.wrap_pending and not terminal._special and text.isascii()
            and not terminal.modes.insert):
        buf = terminal._buf
        y = terminal.y
        chars = buf.chars[y]
        if chars[x] and chars[end]:  # neither edge cuts a wide character ("" is the second cell of one)
            chars[x:end] = text
            buf.styles[y][x:end] = [terminal.style] * (end - x)
            terminal.dirty.add(y)
            terminal.x = end
            terminal.last_char = text[-1]
            return
    terminal.draw(text)
