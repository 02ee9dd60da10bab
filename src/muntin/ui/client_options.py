"""The server's options in the UI: the status bar's text, place and styles, and the theme, as the server has
them (show-options prints what every attached client shows). status-left and status-right are expanded here,
by the server's own expander (``muntin.commands.formats``) with what this client shows, each time the bar
is drawn."""

from __future__ import annotations

import os
from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muntin.ui.app import MuntinApp


_BORDER_OPTIONS = ("pane-border-style", "pane-active-border-style", "mode-style")


def follow_options(app: MuntinApp, options: Mapping[str, str]) -> None:
    """Draw with the server's ``options`` from now on. Options the app was started with on its own command
    line (``--theme``, a fixed clock) stay as they were given (``app.pinned_options``)."""
    from muntin.ui.status import HintPanel

    previous = app.server_options
    app.server_options = values = {**options, **app.pinned_options}
    bar = app.status
    bar.left_format = values.get("status-left", bar.left_format)
    bar.clock_format = values.get("status-right", bar.clock_format)
    bar.window_format = values.get("window-status-format", bar.window_format)
    bar.current_format = values.get("window-status-current-format", bar.current_format)
    bar.separator = values.get("window-status-separator", bar.separator)
    bar.status_format = values.get("status-format[0]") or None
    bar.no_margin = lacks_margins(values.get("terminal-overrides", ""), os.environ.get("TERM", ""))
    bar.justify = values.get("status-justify", bar.justify)
    bar.left_length = int(values.get("status-left-length", bar.left_length))
    bar.right_length = int(values.get("status-right-length", bar.right_length))
    interval = int(values.get("status-interval", bar.interval))
    if interval != bar.interval:
        bar.set_redraw_interval(interval)
    bar.redraw()
    bar.styles.dock = "top" if values.get("status-position") == "top" else "bottom"
    shown = values.get("status", "on") == "on"
    app.keymap.prefix2 = values.get("prefix2", app.keymap.prefix2)
    app.cursor_mode = values.get("cursor-mode", app.cursor_mode)
    app.view.set_show_cursor(app.cursor_mode == "cell")
    border_status = values.get("pane-border-status", app.border_status)
    if border_status != app.border_status:
        app.view.set_border_status(border_status)
    if shown != app.status_shown or border_status != app.border_status:
        app.status_shown = bar.display = shown
        app.border_status = border_status
        if app.link is not None:  # the panes get the line the bar or titles gave up, or give one back
            area = app.layout_area()
            app.run_worker(app.link.resize(area.width, area.height), group="resize")
    from muntin.config.theme import TERMINAL_THEME, get_theme, load_themes
    from muntin.ui.theming import border_styles, status_styles

    theme_name = values.get("theme")
    if theme_name and theme_name != previous.get("theme") and theme_name != app.theme_name:
        theme = get_theme(theme_name)
        if theme is None:
            load_themes()  # a theme file written since start-up
            theme = get_theme(theme_name)
        if theme is None:
            app.flash(f"no theme called {theme_name!r} (set-option -g theme NAME; prefix T lists them)")
        else:
            app.theme_name = theme.name
            app.apply_theme(theme)  # the whole app, with the style options over the theme's colours
            return
    theme = get_theme(app.theme_name) or TERMINAL_THEME
    if any(values.get(name) != previous.get(name) for name in _BORDER_OPTIONS):
        app.border_styles = border_styles(theme, values)
        app.view.set_styles(app.style_mapper, app.border_styles)
    styles = status_styles(theme, values)
    app.status_styles = styles
    bar.set_styles(styles)
    app.query_one(HintPanel).set_styles(styles)


def lacks_margins(overrides: str, term: str) -> bool:
    """Whether terminal-overrides (``PATTERN:CAP:...`` entries, comma-separated) say that a terminal of
    ``term`` has no automatic margins (``am@``): tmux then never draws the bottom-right cell."""
    lacks = False
    for entry in overrides.split(","):
        pattern, _, capabilities = entry.partition(":")
        if pattern and fnmatchcase(term, pattern):
            for capability in capabilities.split(":"):
                lacks = True if capability == "am@" else False if capability in ("am", "am=1") else lacks
    return lacks
