"""The colours a pane answers OSC 4 / 10 / 11 / 12 queries with: the colours it is shown in, which are the
theme's where the theme has its own, else the outer terminal's (as a UI client asked its terminal at attach).

The "terminal" theme, and any theme without a palette or a foreground or background, passes those through to
the outer terminal: the UI draws them as the terminal's own colours, so a pane answers with what the outer
terminal answered. What neither gives stays xterm's default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from muntin.config.theme import Theme
from muntin.emulator.reports import DEFAULT_BACKGROUND, DEFAULT_FOREGROUND, RGB, Colors, parse_color

if TYPE_CHECKING:
    from muntin.session.model import Session
    from muntin.session.pane import Pane

_PASSED_THROUGH = 16  # the palette entries a theme may leave to the outer terminal (the ANSI colours 0-15)


@dataclass(frozen=True, slots=True)
class OuterColours:
    """What the outer terminal answered: its default foreground and background, and palette entries 0-15."""

    foreground: RGB | None = None
    background: RGB | None = None
    palette: Mapping[int, RGB] = field(default_factory=dict)


def outer_colours(message: Mapping[str, Any]) -> OuterColours:
    """A ``colours`` message's colour specifications as an OuterColours; what does not parse is left out (the
    message comes from a terminal's answers, so every field is data to check)."""

    def rgb(value: Any) -> RGB | None:
        return parse_color(value[:64]) if isinstance(value, str) else None

    palette = message.get("palette")
    entries = {int(key): found for key, value in (palette.items() if isinstance(palette, dict) else ())
               if isinstance(key, str) and key.isdigit() and int(key) < _PASSED_THROUGH
               and (found := rgb(value)) is not None}
    return OuterColours(rgb(message.get("foreground")), rgb(message.get("background")), entries)


def shown_colours(theme: Theme | None, outer: OuterColours | None) -> Colors:
    """The colours a pane is shown in under ``theme``, with ``outer`` filling in what the theme passes through."""
    outer = outer or OuterColours()

    def own(spec: str | None) -> RGB | None:
        return parse_color(spec) if spec else None

    foreground = (own(theme.foreground) if theme else None) or outer.foreground or DEFAULT_FOREGROUND
    background = (own(theme.background) if theme else None) or outer.background or DEFAULT_BACKGROUND
    if theme is not None and theme.palette is not None:
        base = {index: rgb for index, spec in enumerate(theme.palette) if (rgb := own(spec)) is not None}
    else:
        base = dict(outer.palette)
    return Colors(foreground=foreground, background=background, base=base)


def show_in(colors: Colors, shown: Colors) -> None:
    """Make a pane's ``colors`` answer as ``shown`` for what its program has not set itself."""
    colors.foreground, colors.background, colors.base = shown.foreground, shown.background, dict(shown.base)


def theme_named(name: str) -> Theme | None:
    """The theme called ``name``; the theme files are read the first time a name is not yet known."""
    from muntin.config.theme import get_theme, load_themes

    theme = get_theme(name)
    if theme is None and name not in _missing:
        load_themes()  # shipped and the user's: the server needs them only for a pane's colour answers
        theme = get_theme(name)
        if theme is None:
            _missing.add(name)
    return theme


_missing: set[str] = set()  # theme names no file has (looked for once)


def show_sessions(sessions: Iterable[Session], theme_of: Callable[[Session], str],
                  outer: OuterColours | None) -> None:
    """Every pane of ``sessions`` answers with the colours its session's theme (``theme_of``) shows it in."""
    for session in sessions:
        for window in session.windows:
            for pane in window.panes:
                show_pane(pane, theme_of(session), outer)


def show_pane(pane: Pane, theme: str, outer: OuterColours | None) -> None:
    """``pane`` answers with the colours theme ``theme`` shows it in."""
    show_in(pane.terminal.colors, shown_colours(theme_named(theme), outer))
