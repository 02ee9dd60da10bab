"""A muntin Theme as the UI's styles: the pane palette, border styles and status bar styles."""

from __future__ import annotations

from collections.abc import Mapping

from rich.color import Color
from rich.style import Style as RichStyle
from textual.widget import Widget

from muntin.config.theme import Theme
from muntin.ui.render import StyleMapper
from muntin.ui.status import StatusStyles
from muntin.ui.window_view import BorderStyles


def colour(theme: Theme, text: str) -> Color | None:
    """A colour text (``red``, ``colour200``, ``#rrggbb``) in ``theme``; None for the terminal's default."""
    return _color(theme, text)


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


def border_styles(theme: Theme, options: Mapping[str, str] | None = None) -> BorderStyles:
    """Borders, titles and copy-mode marks: the theme's, with pane-border-style, pane-active-border-style and
    mode-style (the selection) over them."""
    ui = theme.ui
    options = options or {}

    def over(style: RichStyle, name: str) -> RichStyle:
        return with_style(theme, style, options.get(name, ""))

    return BorderStyles(
        inactive=over(_style(theme, ui.border_inactive), "pane-border-style"),
        active=over(_style(theme, ui.border_active), "pane-active-border-style"),
        title_inactive=over(_style(theme, ui.border_inactive), "pane-border-style"),
        title_active=over(_style(theme, ui.border_active, bold=True), "pane-active-border-style"),
        selection=over(_style(theme, ui.selection_fg, ui.selection_bg), "mode-style"),
        match=_style(theme, ui.search_match_fg, ui.search_match_bg),
        current_match=_style(theme, ui.current_match_fg, ui.current_match_bg, bold=True),
        position=_style(theme, ui.scroll_position_fg, ui.scroll_position_bg),
    )


def status_styles(theme: Theme, options: Mapping[str, str] | None = None) -> StatusStyles:
    """The status bar's styles: the theme's, with the server's style options (status-style, ...) over them."""
    ui = theme.ui
    options = options or {}

    def over(style: RichStyle, *names: str) -> RichStyle:
        for name in names:
            style = with_style(theme, style, options.get(name, ""))
        return style

    session = _style(theme, ui.status_fg, ui.status_bg, bold=True)
    return StatusStyles(
        bar=over(_style(theme, ui.status_fg, ui.status_bg), "status-style"),
        session=over(session, "status-style", "status-left-style"),
        current=over(_style(theme, ui.status_current_fg, ui.status_current_bg, bold=True),
                     "window-status-current-style"),
        window=over(_style(theme, ui.status_fg, ui.status_bg), "status-style", "window-status-style"),
        hint_key=_style(theme, ui.prefix_hint_fg, ui.prefix_hint_bg, bold=True),
        hint_text=_style(theme, ui.status_fg, ui.status_bg),
        message=over(_style(theme, ui.message_fg, ui.message_bg), "message-style"),
        right=over(session, "status-style", "status-right-style"),
    )


def with_style(theme: Theme, style: RichStyle, text: str) -> RichStyle:
    """``style`` with what a tmux style string (``fg=black,bg=green,bold``) sets on top; a string that does
    not parse changes nothing (set-option has already refused it)."""
    if not text.strip():
        return style
    from muntin.commands.styles import parse_style

    try:
        spec = parse_style(text)
    except ValueError:
        return style
    changes: dict = {name: value for name, value in spec.attributes}
    if spec.fg is not None:
        changes["color"] = _color(theme, spec.fg) or Color.default()
    if spec.bg is not None:
        changes["bgcolor"] = _color(theme, spec.bg) or Color.default()
    return style + RichStyle(**changes)


def mode_style_highlight(options: Widget) -> None:
    """mode-style on a chooser's list (choose-tree, choose-buffer, choose-client): its highlighted row in
    the style's colours; an empty or bad style leaves the theme's."""
    from muntin.config.theme import TERMINAL_THEME, get_theme

    app = options.app
    text = getattr(app, "server_options", {}).get("mode-style", "")
    theme = get_theme(getattr(app, "theme_name", "")) or TERMINAL_THEME
    style = with_style(theme, RichStyle(), text)
    rules = [f"{name}: {colour.get_truecolor(foreground=name == 'color').hex};"
             for name, colour in (("color", style.color), ("background", style.bgcolor))
             if colour is not None and not colour.is_default]
    css = f"OptionList > .option-list--option-highlighted {{ {' '.join(rules)} }}" if rules else ""
    app.stylesheet.add_source(css, read_from=("mode-style", ""), scope="")
    app.refresh_css(animate=False)
