"""The Textual UI client: ``run()`` attaches a full-screen app to a session on a running server."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from muntin.ui.app import MuntinApp
from muntin.ui.keymap import KeyMap
from muntin.web import WEB_DRIVER


def build_keymap(settings, problems: list[str] | None = None) -> KeyMap:
    """tmux's default tables with the prefix and bindings of the user's config applied. What is wrong in
    them goes to ``problems`` (as the server reports it), else to stderr."""
    from muntin.commands.keys import binding_problem, default_key_tables

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


def make_app(socket_path: Path, session: str | None = None, *, theme_name: str | None = None,
             config_path: Path | None = None, clock_format: str | None = None,
             startup_problems: Sequence[str] = ()) -> MuntinApp:
    """The app for a session on the server at ``socket_path``, styled and bound as the config says.
    ``clock_format`` is the status bar clock's strftime format (a fixed text gives a fixed clock).
    ``startup_problems`` (the server's, from reading the config as it started) and the problems of the
    config and theme files read here are listed over the panes until the first key."""
    from muntin.commands.complete import complete
    from muntin.config import get_theme, load_config, load_themes
    from muntin.config.theme import TERMINAL_THEME
    from muntin.ui.remote import RemoteLink
    from muntin.ui.theming import border_styles, status_styles, style_mapper

    themes = load_themes()
    result = load_config(config_path, known_themes=[t.name for t in themes.loaded] + ["terminal"])
    problems = [*startup_problems, *(str(problem) for problem in [*themes.failed, *result.problems])]
    settings = result.settings
    theme = get_theme(theme_name or settings.theme)
    if theme is None:
        from muntin.config import theme_names

        problems.append(f"no theme called {theme_name or settings.theme!r}; themes: {', '.join(theme_names())}")
        theme = TERMINAL_THEME

    async def connect(width: int, height: int):
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
    # driver of a browser tab reads its first size from COLUMNS and ROWS.)
    if os.environ.get("TEXTUAL_DRIVER") != WEB_DRIVER:
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)
    app = make_app(socket_path, session, theme_name=theme_name, config_path=config_path,
                   startup_problems=startup_problems)
    from muntin.ui.crash import crash_line
    from muntin.ui.literal import visible

    reason = app.run()
    if app.crash is not None:  # the server keeps the session: this client only went away
        print(crash_line(app.crash, app.crash_log, app.crash_session or session), file=sys.stderr)
        return 70  # os.EX_SOFTWARE
    if app.connect_error:
        print(visible(f"muntin: {app.connect_error}"), file=sys.stderr)
        return 69  # os.EX_UNAVAILABLE
    if reason:  # after Textual has left the alternate screen, so the line stays on the terminal
        print(visible(f"[{reason}]"), flush=True)
    return 0


__all__ = ["MuntinApp", "build_keymap", "make_app", "run", "run_app"]


run_app = run
"""The entry the command line calls: ``run_app(socket_path, session)``."""
