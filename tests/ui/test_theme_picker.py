"""The theme picker (prefix T, ``choose-theme``): moving the highlight restyles the whole app at once, Escape
goes back to the theme in use, Enter keeps the highlighted one. Against the fake link of test_snapshots."""

from __future__ import annotations

import pytest

from muntin.config import theme as theme_module
from muntin.config.theme import DEFAULT_THEME, TERMINAL_THEME, get_theme, theme_names
from muntin.ui.app import CLIENT_COMMANDS
from muntin.ui.screens import ThemeScreen
from muntin.ui.status import HintPanel
from muntin.ui.theming import border_styles, status_styles, style_mapper

from test_snapshots import SIZE, build_app, settle


@pytest.fixture(autouse=True)
def only_shipped_themes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The picker lists every registered theme: start from the shipped ones only (other tests register
    themes of their own in the same process; the user themes folder is the empty one of conftest)."""
    monkeypatch.setattr(theme_module, "_registry", {DEFAULT_THEME: TERMINAL_THEME})


def _uses(app, name: str) -> bool:
    """Whether every style object of the app (and of the widgets that draw with them) is theme ``name``'s."""
    theme = get_theme(name)
    borders, status = border_styles(theme), status_styles(theme)
    mapper = style_mapper(theme)
    return (app.border_styles == borders and app.view.border_styles == borders
            and app.status_styles == status and app.status.bar_styles == status
            and app.query_one(HintPanel).bar_styles == status
            and _palette(app.style_mapper) == _palette(mapper) and app.view.styles_map is app.style_mapper)


def _palette(mapper) -> tuple:
    return tuple(mapper.color(index, None) for index in range(16)) + (mapper.default,)


def _picker(app) -> ThemeScreen:
    assert isinstance(app.screen, ThemeScreen), app.screen
    return app.screen


async def _open(pilot, settled: bool = False) -> None:
    if not settled:
        await settle(pilot)
    await pilot.press("ctrl+b", "T")
    await pilot.pause()


async def test_moving_the_highlight_previews_and_escape_restores() -> None:
    app, _ = build_app("terminal")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        original = (app.style_mapper, app.border_styles, app.status_styles)
        drawn = app.view.render_line(2)  # pane 1's "ok compile muntin" row, green "ok" in the palette
        await _open(pilot, settled=True)
        picker = _picker(app)
        assert [theme.name for theme in picker.themes] == theme_names()
        assert len(picker.themes) > 2  # the shipped themes are there, not only "terminal"
        assert _uses(app, "terminal")

        names = [theme.name for theme in picker.themes]
        at = names.index("terminal")
        assert at >= 2  # sorted by name: "terminal" comes after at least two shipped themes
        await pilot.press("up")
        await pilot.pause()
        assert _uses(app, names[at - 1]) and not _uses(app, "terminal")
        assert app.view.render_line(2) != drawn  # cached strips were dropped: drawn again in the new palette
        await pilot.press("k")
        await pilot.pause()
        assert _uses(app, names[at - 2])
        await pilot.press("j")
        await pilot.pause()
        assert _uses(app, names[at - 1])
        await pilot.press("down")
        await pilot.pause()
        assert _uses(app, "terminal")
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ThemeScreen)
        assert (app.style_mapper, app.border_styles, app.status_styles) == original
        assert app.view.styles_map is original[0] and app.view.border_styles is original[1]
        assert app.view.render_line(2) == drawn
        assert app.theme_name == "terminal"


async def test_enter_keeps_the_highlighted_theme() -> None:
    app, link = build_app("terminal")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        names = [theme.name for theme in _picker(app).themes]
        chosen = names[names.index("terminal") - 1]
        await pilot.press("up", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ThemeScreen)
        assert _uses(app, chosen)
        assert app.theme_name == chosen
        assert app.status.message == f'theme {chosen} (set theme = "{chosen}" in config.toml to keep it)'
        assert link.commands == []  # the UI did it all itself

        # opened again, it starts on the kept theme; Escape goes back to it, not to the first one
        await pilot.press("ctrl+b", "T")
        await pilot.pause()
        assert _picker(app).query_one("OptionList").highlighted == names.index(chosen)
        await pilot.press("down")
        await pilot.pause()
        assert _uses(app, "terminal")
        await pilot.press("escape")
        await pilot.pause()
        assert _uses(app, chosen)


async def test_choose_theme_from_the_server_opens_the_picker() -> None:
    from muntin.ui.link import ClientAction

    app, link = build_app("terminal")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        link.queue.put_nowait(ClientAction("choose-theme", {}))
        for _ in range(10):
            await pilot.pause()
        _picker(app)
        link.queue.put_nowait(ClientAction("choose-theme", {}))  # again while it is open: still one picker
        for _ in range(10):
            await pilot.pause()
        assert sum(isinstance(screen, ThemeScreen) for screen in app.screen_stack) == 1


def test_choose_theme_is_a_command_and_a_default_binding() -> None:
    from muntin.commands.keys import default_key_tables
    from muntin.commands.table import COMMANDS

    assert "choose-theme" in CLIENT_COMMANDS
    assert any(spec.name == "choose-theme" for spec in COMMANDS)
    assert default_key_tables().lookup("prefix", "T").command == "choose-theme"


def test_picker_snapshot(snap_compare) -> None:
    app, _ = build_app("terminal")

    async def run_before(pilot) -> None:
        await _open(pilot)
        await pilot.press("up")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
