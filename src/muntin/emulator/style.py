"""Cell styles: colours as default / palette index / RGB and the text attributes, and SGR rendering."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Union

Color = Union[None, int, tuple[int, int, int]]
"""None is the terminal's default colour; 0-255 a palette index (0-15 restyled by themes); (r, g, b) RGB."""


class Style(NamedTuple):
    """How a cell is drawn; frozen and hashable, interned by the terminal so equal styles are one object."""

    fg: Color = None
    bg: Color = None
    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: bool = False
    blink: bool = False
    reverse: bool = False
    strikethrough: bool = False
    link: str | None = None
    protected: bool = False  # DECSCA: selective erases (DECSED, DECSEL, DECSERA) leave the cell
    guarded: bool = False  # SPA / EPA (ISO 6429's guarded area): ED, EL and ECH leave the cell


DEFAULT = Style()

_interned: dict[Style, Style] = {DEFAULT: DEFAULT}


def intern(style: Style) -> Style:
    """One shared object per distinct style, so rows and scrollback hold references, not copies."""
    found = _interned.get(style)
    if found is None:
        if len(_interned) > 65536:
            _interned.clear()
            _interned[DEFAULT] = DEFAULT
        _interned[style] = found = style
    return found


def _color_params(color: Color, base: int) -> list[str]:
    if color is None:
        return []
    if isinstance(color, int):
        if color < 8:
            return [str(base + color)]
        if color < 16:
            return [str(base + 60 + color - 8)]
        return [str(base + 8), "5", str(color)]
    red, green, blue = color
    return [str(base + 8), "2", str(red), str(green), str(blue)]


@lru_cache(maxsize=4096)
def sgr(style: Style) -> str:
    """The SGR sequence that sets exactly this style from a reset (``ESC[0;1;31m``)."""
    params = ["0"]
    for flag, code in ((style.bold, "1"), (style.dim, "2"), (style.italic, "3"), (style.underline, "4"),
                       (style.blink, "5"), (style.reverse, "7"), (style.strikethrough, "9")):
        if flag:
            params.append(code)
    params += _color_params(style.fg, 30)
    params += _color_params(style.bg, 40)
    return "\x1b[" + ";".join(params) + "m"
