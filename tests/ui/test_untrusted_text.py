"""Names, titles, command lines, messages and key notes are data: every screen of the UI shows them as
literal text (never Textual markup) with control characters made visible, against a real server."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest

from textual import events
from textual.widgets import Input, OptionList

from muntin.config import theme as theme_module
from muntin.config.theme import DEFAULT_THEME, TERMINAL_THEME
from muntin.ui import make_app
from muntin.ui.literal import visible
from muntin.ui.screens import ConfirmScreen, HelpScreen, PromptScreen, ThemeScreen
from muntin.ui.tree import TreeScreen

from test_app_server import command, screen_text, server, until  # noqa: F401 - server is a fixture

MARKUP = "[/][b][link=x][@click=quit]"
CONTROLS = "\x1b[31m\x07\r\t"
SESSION = "[/b]" + CONTROLS
WINDOW = "[b]win" + MARKUP
TITLE = "[/]title[@click=quit]"  # OSC 2 ends at BEL or ESC: a title cannot hold them
ARGUMENT = MARKUP + CONTROLS
NOTE = "[/]nz" + CONTROLS  # fits the hint panel's column
MESSAGE = "msg" + MARKUP + CONTROLS
THEME = "[/]th" + CONTROLS

PROGRAM = ("import sys\n"
           f"sys.stdout.write('\\x1b]2;{TITLE}\\x07ready\\r\\n')\n"
           "sys.stdout.flush()\n"
           "sys.stdin.read()\n")


def _is_control(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


def painted(app) -> str:
    """Every cell of every screen on the stack as the compositor would write it to the terminal; fails on
    a control character in any of it (it would reach the outer terminal raw)."""
    lines = [strip.text for screen in app.screen_stack for strip in screen._compositor.render_strips()]
    raw = sorted({repr(c) for line in lines for c in line if _is_control(c)})
    assert not raw, f"control characters drawn raw: {raw}"
    return "\n".join(lines)


async def shows(pilot, text: str) -> None:
    await until(pilot, lambda: text in painted(pilot.app))


async def test_markup_and_control_characters_are_shown_as_text(server: Path, tmp_path: Path,  # noqa: F811
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM)
    theme = dataclasses.replace(TERMINAL_THEME, name=THEME, description="desc" + MARKUP)
    monkeypatch.setattr(theme_module, "_registry", {DEFAULT_THEME: TERMINAL_THEME, THEME: theme})
    monkeypatch.setattr(theme_module, "load_themes", lambda *a, **k: None)
    assert command(server, "new-session", "-d", "-s", SESSION, "-n", WINDOW, "--",
                   sys.executable, str(program), ARGUMENT).ok
    app = make_app(server, SESSION, config_path=Path(os.devnull))
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: "ready" in screen_text(app))
        await shows(pilot, visible(SESSION))  # the status bar
        await shows(pilot, visible(WINDOW))  # the window list
        await shows(pilot, TITLE)  # the pane's title on its border

        assert command(server, "display-message", "-t", f"{SESSION}:0", MESSAGE).ok
        await shows(pilot, visible(MESSAGE))

        assert command(server, "bind-key", "-N", NOTE, "z", "display-message", "hi").ok
        await until(pilot, lambda: any(b.description == NOTE for b in app.keymap.tables["prefix"].values()))
        await pilot.press("ctrl+b")  # the hint panel lists the note
        await shows(pilot, visible(NOTE))
        await pilot.press("escape")

        await pilot.press("ctrl+b", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        options = app.screen.query_one(OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = next(i for i, row in enumerate(rows) if visible(NOTE) in row)  # scrolled to
        await shows(pilot, visible(NOTE))
        await pilot.press("q")

        app.client_action("choose-tree", {"argv": []})
        await until(pilot, lambda: isinstance(app.screen, TreeScreen))
        await shows(pilot, visible(SESSION) + ": 1 windows")
        await shows(pilot, visible(WINDOW) + "*")
        await shows(pilot, visible(ARGUMENT))  # the pane's command line
        await pilot.press("escape")

        await pilot.press("ctrl+b", "ampersand")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await shows(pilot, f"kill-window {visible(WINDOW)}?")
        await pilot.press("n")

        await pilot.press("ctrl+b", "comma")
        await until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await shows(pilot, visible(WINDOW))
        app.screen.query_one(Input).post_message(events.Paste("pasted\x1b[31m\x07\t"))  # a paste's first line
        await shows(pilot, "pasted^[[31m^G^I")
        await pilot.press("escape")

        await pilot.press("ctrl+b", "P")
        await until(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"nz")
        await shows(pilot, visible(NOTE))  # the binding's note is its title in the palette
        await shows(pilot, "display-message hi")
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)

        app.client_action("choose-theme", {})
        await until(pilot, lambda: isinstance(app.screen, ThemeScreen))
        await shows(pilot, visible(THEME))
        await shows(pilot, "desc" + MARKUP)
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        assert app.return_code in (None, 0)
    assert command(server, "has-session", "-t", SESSION).ok


async def test_choose_tree_with_a_session_named_like_markup(server: Path, tmp_path: Path) -> None:  # noqa: F811
    """``[/b]`` as a session name and ``[/]`` as a title and on a command line: no MarkupError, literal rows."""
    program = tmp_path / "prog.py"
    program.write_text(PROGRAM.replace(TITLE, "[/]"))
    assert command(server, "new-session", "-d", "-s", "[/b]", "--", sys.executable, str(program), "[/]").ok
    app = make_app(server, "[/b]", config_path=Path(os.devnull))
    async with app.run_test(size=(220, 30)) as pilot:  # wide enough for the test's path on one line
        await until(pilot, lambda: "ready" in screen_text(app))
        await pilot.press("ctrl+b", "w")
        await until(pilot, lambda: isinstance(app.screen, TreeScreen))
        await shows(pilot, "[/b]: 1 windows (attached)")
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        app.client_action("choose-tree", {"argv": []})  # with the panes and their command lines
        await until(pilot, lambda: isinstance(app.screen, TreeScreen))
        await shows(pilot, f"{program} [/]")
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)


def test_visible_shows_every_control_character_in_caret_form() -> None:
    assert visible("a\x1b[31mb\x07\r\t\x00") == "a^[[31mb^G^M^I^@"
    assert visible("\x7f\x9b\x85") == "^?^[[^[E"  # DEL, and C1 as the 7-bit escape that means the same
    assert visible("[b]é中\u200b") == "[b]é中\u200b"  # printable text, markup included, is left as it is
