"""Turn a pane's styled rows (runs of text with one style each) into Textual strips, with a theme palette."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from rich.color import Color
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip


class CellStyle(Protocol):
    """What the renderer reads of an emulator style (``muntin.emulator.Style`` has these fields)."""

    fg: Any
    bg: Any
    bold: bool
    dim: bool
    italic: bool
    underline: bool
    blink: bool
    reverse: bool
    strikethrough: bool


Run = tuple[str, Any]
"""A run of text and the style every cell of it has."""


class StyleMapper:
    """Maps emulator styles to rich styles, restyling the 16 base colours through a theme palette.

    ``palette`` is 16 colours (``#rrggbb``) or None to leave base colours to the outer terminal, which then
    draws them with its own palette (the default theme follows the user's terminal this way).
    """

    def __init__(self, palette: Sequence[str] | None = None, *, foreground: str | None = None,
                 background: str | None = None) -> None:
        self._base = [Color.parse(c) for c in palette] if palette else [Color.from_ansi(i) for i in range(16)]
        self.terminal_colours = not palette  # base colours go out as ANSI colours, for the terminal's palette
        self._fg = Color.parse(foreground) if foreground else None
        self._bg = Color.parse(background) if background else None
        self._cache: dict[Any, RichStyle] = {}
        self.default = RichStyle(color=self._fg, bgcolor=self._bg)

    def color(self, value: Any, default: Color | None) -> Color | None:
        if value is None:
            return default
        if isinstance(value, int):
            return self._base[value] if value < 16 else Color.from_ansi(value)
        red, green, blue = value
        return Color.from_rgb(red, green, blue)

    def __call__(self, style: CellStyle | None) -> RichStyle:
        if style is None:
            return self.default
        cached = self._cache.get(style)
        if cached is not None:
            return cached
        fg = self.color(style.fg, self._fg)
        bg = self.color(style.bg, self._bg)
        if style.reverse:
            # Reverse with a default colour needs a concrete colour to swap to; rich's reverse does it for us
            # when either side is the terminal default.
            rich_style = RichStyle(color=fg, bgcolor=bg, reverse=True)
        else:
            rich_style = RichStyle(color=fg, bgcolor=bg)
        rich_style += RichStyle(
            bold=style.bold or None,
            dim=style.dim or None,
            italic=style.italic or None,
            underline=style.underline or None,
            blink=style.blink or None,
            strike=style.strikethrough or None,
            link=getattr(style, "link", None) or None,
        )
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[style] = rich_style
        return rich_style


def runs_to_strip(runs: Iterable[Run], width: int, styles: StyleMapper) -> Strip:
    """A strip exactly ``width`` cells wide from a row's runs (padded with the default style, or cropped)."""
    segments = [Segment(text, styles(style)) for text, style in runs if text]
    strip = Strip(segments)
    length = strip.cell_length
    if length != width:
        strip = strip.crop_extend(0, width, styles.default) if length < width else strip.crop(0, width)
    return strip


def with_cursor(strip: Strip, x: int, cursor_style: RichStyle | None = None) -> Strip:
    """The strip with the cell at ``x`` drawn as a block cursor (reversed, or in ``cursor_style``)."""
    width = strip.cell_length
    if not 0 <= x < width:
        return strip
    before, cell, after = strip.divide([x, x + 1, width]) if x + 1 < width else (*strip.divide([x, width]), Strip([]))
    if cursor_style is None:
        cell = Strip([Segment(seg.text, (seg.style or RichStyle()) + RichStyle(reverse=not (seg.style and seg.style.reverse)))
                      for seg in cell])
    else:
        cell = cell.apply_style(cursor_style)
    return Strip.join([before, cell, after])
