"""A muntin Theme as the UI's styles: the pane palette, border styles and status bar styles."""

from __future__ import annotations

from rich.color import Color
from rich.style import Style as RichStyle

from muntin.config.theme import Theme
from muntin.ui.render import StyleMapper
from muntin.ui.status import StatusStyles
from muntin.ui.window_view import BorderStyles


def _color(theme: Theme, text: str) -> Color | None:
    value = theme.colour(text)
    if value == "default":
        return None
    if value.startswith("colour"):
        return Color.from_ansi(int(value[6:]))
    return Color.parse(value)


def _style(theme: Theme, fg: str, bg: str | None = None, **attrs: bool) -> RichStyle:
    return RichStyle(color=_color(theme, fg), bgcolor=_color(theme, bg) if bg else None, **attrs)


def style_mapper(theme: Theme) -> StyleMapper:
    return StyleMapper(theme.palette, foreground=theme.foreground, background=theme.background)


def border_styles(theme: Theme) -> BorderStyles:
    ui = theme.ui
    return BorderStyles(
        inactive=_style(theme, ui.border_inactive),
        active=_style(theme, ui.border_active),
        title_inactive=_style(theme, ui.border_inactive),
        title_active=_style(theme, ui.border_active, bold=True),
        selection=_style(theme, ui.selection_fg, ui.selection_bg),
        match=_style(theme, ui.search_match_fg, ui.search_match_bg),
        current_match=_style(theme, ui.current_match_fg, ui.current_match_bg, bold=True),
        position=_style(theme, ui.scroll_position_fg, ui.scroll_position_bg),
    )


def status_styles(theme: Theme) -> StatusStyles:
    ui = theme.ui
    return StatusStyles(
        bar=_style(theme, ui.status_fg, ui.status_bg),
        session=_style(theme, ui.status_fg, ui.status_bg, bold=True),
        current=_style(theme, ui.status_current_fg, ui.status_current_bg, bold=True),
        window=_style(theme, ui.status_fg, ui.status_bg),
        hint_key=_style(theme, ui.prefix_hint_fg, ui.prefix_hint_bg, bold=True),
        hint_text=_style(theme, ui.status_fg, ui.status_bg),
        message=_style(theme, ui.message_fg, ui.message_bg),
    )
