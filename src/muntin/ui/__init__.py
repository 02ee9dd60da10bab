"""The Textual UI client: ``run()`` attaches a full-screen app to a session on a running server.

Textual is imported only once the first frame is on the terminal (``muntin.ui.early``): importing this
package costs nothing, ``MuntinApp`` is loaded when first used."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from muntin.web import WEB_DRIVER

if TYPE_CHECKING:
    from muntin.ui.app import MuntinApp
    from muntin.ui.early import Early
    from muntin.ui.keymap import KeyMap


def __getattr__(name: str) -> Any:
    if name == "MuntinApp":
        from muntin.ui.app import MuntinApp

        return MuntinApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_keymap(settings, problems: list[str] | None = None) -> KeyMap:
    """tmux's default tables with the prefix and bindings of the user's config applied. What is wrong in
    them goes to ``problems`` (as the server reports it), else to stderr."""
    from muntin.commands.keys import binding_problem, default_key_tables
    from muntin.ui.keymap import KeyMap

    try:
        tables = default_key_tables(settings.prefix)
    except ValueError:  # a prefix set-option refuses: the server reports it with its line
        tables = default_key_tables()
    found: list[str] = []
    for binding in settings.bindings:
        problem = binding_problem(binding)
        if problem is not None:
            found.append(problem)
            continue
        if binding.unbind:
            try:
                tables.unbind(binding.table, binding.key)
            except (ValueError, LookupError):
                pass  # unbinding a key that is not bound is fine, as on the server
        else:
            tables.bind(binding.table, binding.key, " ; ".join(binding.commands), binding.note, binding.repeat)
    if problems is None:
        for problem in found:
            print(f"muntin: {problem}", file=sys.stderr)
    else:
        problems.extend(found)
    return KeyMap.from_key_tables(tables, repeat_time=settings.repeat_time / 1000)


def read_settings(config_path: Path | None, theme_name: str | None) -> tuple[Any, Any, list[str]]:
    """The config's settings, the theme to draw with and the problems of both (the theme files' too)."""
    from muntin.config import get_theme, load_config, load_themes
    from muntin.config.theme import TERMINAL_THEME

    themes = load_themes()
    result = load_config(config_path, known_themes=[t.name for t in themes.loaded] + ["terminal"])
    problems = [str(problem) for problem in [*themes.failed, *result.problems]]
    settings = result.settings
    theme = get_theme(theme_name or settings.theme)
    if theme is None:
        from muntin.config import theme_names

        problems.append(f"no theme called {theme_name or settings.theme!r}; themes: {', '.join(theme_names())}")
        theme = TERMINAL_THEME
    return settings, theme, problems


def make_app(socket_path: Path, session: str | None = None, *, theme_name: str | None = None,
             config_path: Path | None = None, clock_format: str | None = None,
             startup_problems: Sequence[str] = (), early: Early | None = None) -> MuntinApp:
    """The app for a session on the server at ``socket_path``, styled and bound as the config says.
    ``clock_format`` is the status bar clock's strftime format (a fixed text gives a fixed clock).
    ``startup_problems`` (the server's, from reading the config as it started) and the problems of the
    config and theme files read here are listed over the panes until the first key. ``early``: a
    connection attached already (``muntin.ui.early``), which the app takes over."""
    from muntin.commands.complete import complete
    from muntin.ui.app import MuntinApp
    from muntin.ui.remote import RemoteLink
    from muntin.ui.theming import border_styles, status_styles, style_mapper

    settings, theme, found = read_settings(config_path, theme_name)
    problems = [*startup_problems, *found]

    async def connect(width: int, height: int):
        nonlocal early
        if early is not None:
            taken, early = early, None
            return await RemoteLink.adopt(taken, width, height)
        return await RemoteLink.connect(socket_path, session, width, height)

    keymap = build_keymap(settings, problems)
    app = MuntinApp(None, keymap, connect=connect, styles=style_mapper(theme),
                     border_styles=border_styles(theme), status_styles=status_styles(theme),
                    complete=complete, mouse=settings.mouse,
                    clock_format=clock_format or settings.status.right, status_left=settings.status.left,
                    status=settings.status.enabled, status_top=settings.status.position == "top",
                    border_status=settings.pane_border_status.value, cursor_mode=settings.cursor_mode.value,
                    startup_problems=list(dict.fromkeys(problems)))  # each problem once
    app.theme_name = theme.name
    # What this command line gives stays for this client, whatever the server's options say.
    app.pinned_options = {name: value for name, value in (("theme", theme_name and theme.name),
                                                          ("status-right", clock_format)) if value}
    from muntin.ui.app import _clock_colour

    app.clock_colour = _clock_colour(theme)
    app.copy_table = "copy-mode" if settings.mode_keys == "emacs" else "copy-mode-vi"
    app.socket_path = socket_path
    app.crash_dir = socket_path.parent
    app.escape_time = settings.escape_time / 1000
    from muntin.ui.driver import MuntinDriver, MuntinWebDriver

    # Raw input, drawn on stdout (run_test still uses the headless driver); in a browser tab of muntin web
    # (textual-serve names its web driver in TEXTUAL_DRIVER) the same input through the page.
    web = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    app.driver_class = MuntinWebDriver if web else MuntinDriver
    return app


def run(socket_path: Path, session: str | None = None, *, theme_name: str | None = None,
        config_path: Path | None = None, startup_problems: Sequence[str] = ()) -> int:
    """Attach to ``session`` (the most recent one when None) until detach or the session ends;
    ``startup_problems`` are shown in the UI until the first key."""
    # The terminal's own size decides (Textual asks shutil, which prefers these): a COLUMNS or LINES left
    # exported by whatever started muntin would pin the UI to a size the terminal does not have. (The web
    # driver of a browser tab reads its first size from COLUMNS and ROWS, and has no terminal to paint early.)
    in_browser = os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER
    if not in_browser:
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
    early = None if in_browser else _first_frame(socket_path, session, config_path, theme_name)
    try:
        app = make_app(socket_path, session, theme_name=theme_name, config_path=config_path,
                       startup_problems=startup_problems, early=early)
        from muntin.ui.crash import crash_line
        from muntin.ui.literal import visible

        reason = app.run()
    finally:
        if early is not None:
            from muntin.ui import early as first_frame

            if first_frame.release_input():  # the app never took the terminal: give it back as it was
                sys.__stdout__.write("\x1b[0m\x1b[?25h\x1b[?1049l")
                sys.__stdout__.flush()
    if app.crash is not None:  # the server keeps the session: this client only went away
        print(crash_line(app.crash, app.crash_log, app.crash_session or session), file=sys.stderr)
        return 70  # os.EX_SOFTWARE
    if app.connect_error:
        print(visible(f"muntin: {app.connect_error}"), file=sys.stderr)
        return 69  # os.EX_UNAVAILABLE
    if reason:  # after Textual has left the alternate screen, so the line stays on the terminal
        print(visible(f"[{reason}]"), flush=True)
    return 0


def _first_frame(socket_path: Path, session: str | None, config_path: Path | None,
                 theme_name: str | None) -> Early | None:
    """Attach and paint the panes before Textual is imported (``muntin.ui.early``); the connection for the
    app, or None when the app is to connect itself. The panes are painted when the app will draw them
    with the terminal's own colours in the same place: the theme is the terminal's and the server's
    options put the status bar and titles where this client's settings do. Only the settings are read
    here; the theme files and what is wrong in them are the app's, after the frame."""
    import os

    from muntin.config import load_config
    from muntin.config.theme import DEFAULT_THEME
    from muntin.ui import early as first_frame

    try:
        columns, lines = os.get_terminal_size(sys.__stdout__.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    settings = load_config(config_path).settings
    status, border = settings.status.enabled, settings.pane_border_status.value
    chrome = int(status) + int(border != "off")
    early = first_frame.attach(socket_path, session, columns, max(lines - chrome, 1))
    if early is None:
        return None
    options = (early.message("options") or {}).get("options", {})
    top = int(status and settings.status.position == "top") + int(border == "top")
    same = (options.get("status", "on") == ("on" if status else "off")
            and options.get("status-position", "bottom") == settings.status.position
            and options.get("pane-border-status", border) == border
            and options.get("cursor-mode", settings.cursor_mode.value) == settings.cursor_mode.value)
    theme = theme_name or options.get("theme", settings.theme)
    if same and theme == DEFAULT_THEME == (theme_name or settings.theme):
        text = first_frame.frame(early, top, settings.cursor_mode.value == "cell")
        if text:
            first_frame.hold_input(sys.__stdin__.fileno())
            sys.__stdout__.write(text)
            sys.__stdout__.flush()
    return early


__all__ = ["MuntinApp", "build_keymap", "make_app", "read_settings", "run", "run_app"]


run_app = run
"""The entry the command line calls: ``run_app(socket_path, session)``."""
