"""Themes: shipped files all load, user themes from XDG, broken files skipped and reported with a line."""

from __future__ import annotations

from pathlib import Path

import pytest

from muntin.config import DEFAULT_THEME, Theme, UIColours, get_theme, load_themes, theme_names
from muntin.config.theme import ANSI_NAMES, normalise_colour, parse_theme, shipped_themes


def test_shipped_themes_all_load_without_problems() -> None:
    result = shipped_themes()
    assert result.failed == []
    names = {theme.name for theme in result.loaded}
    assert len(names) == len(result.loaded) >= 6
    assert DEFAULT_THEME in names
    assert {theme.dark for theme in result.loaded} == {True, False}  # light and dark ones


def test_shipped_themes_set_every_ui_colour() -> None:
    for theme in shipped_themes().loaded:
        assert theme.ui != UIColours() or theme.name == DEFAULT_THEME
        if theme.name == DEFAULT_THEME:
            assert theme.palette is None and theme.foreground is None and theme.background is None
        else:
            assert theme.palette is not None and len(theme.palette) == 16
            assert theme.foreground and theme.background


def test_terminal_theme_keeps_ansi_names_and_palettes_resolve_them() -> None:
    load_themes(Path("/nonexistent"))
    terminal = get_theme(DEFAULT_THEME)
    assert terminal is not None and terminal.colour("green") == "green"
    ember = get_theme("ember")
    assert ember is not None and ember.palette is not None
    assert ember.colour("bright_blue") == ember.palette[ANSI_NAMES.index("bright_blue")]
    assert ember.colour("#123456") == "#123456"


@pytest.mark.parametrize(("text", "expected"), [
    ("#ABCDEF", "#abcdef"), ("#abc", "#aabbcc"), ("colour42", "colour42"), ("color255", "colour255"),
    ("Bright-Blue", "bright_blue"), ("default", "default"), ("red", "red"),
    ("colour256", None), ("#abcd", None), ("plaid", None), ("", None),
])
def test_colour_forms(text: str, expected: str | None) -> None:
    assert normalise_colour(text) == expected


GOOD = """\
name = "mine"
dark = false
description = "Mine"

[ui]
border-active = "#ff0000"
clock = "bright_cyan"

[palette]
foreground = "#000000"
background = "#ffffff"
colours = [
  "#000000", "#800000", "#008000", "#808000", "#000080", "#800080", "#008080", "#c0c0c0",
  "#808080", "#ff0000", "#00ff00", "#ffff00", "#0000ff", "#ff00ff", "#00ffff", "#ffffff",
]
"""


def test_a_good_theme_file() -> None:
    theme = parse_theme(GOOD, "mine.toml", "file-stem")
    assert isinstance(theme, Theme)
    assert (theme.name, theme.dark, theme.description) == ("mine", False, "Mine")
    assert theme.ui.border_active == "#ff0000" and theme.ui.clock == "bright_cyan"
    assert theme.ui.status_bg == UIColours().status_bg
    assert theme.palette is not None and theme.palette[9] == "#ff0000"
    assert (theme.foreground, theme.background) == ("#000000", "#ffffff")


def test_palette_by_names_and_name_from_file() -> None:
    named = "\n".join(f'{name} = "#{index:02x}{index:02x}{index:02x}"' for index, name in enumerate(ANSI_NAMES))
    theme = parse_theme(f"[palette]\n{named}\n", "x.toml", "stem")
    assert isinstance(theme, Theme) and theme.name == "stem"
    assert theme.palette is not None and theme.palette[15] == "#0f0f0f"


BROKEN = [
    ('dark = "yes"', 1, "dark: expected true or false"),
    ('name = "My Theme"', 1, "name: expected lower-case letters"),
    ("colour = 1", 1, "unknown key 'colour'"),
    ("ui = 1", 1, "ui: expected a table [ui]"),
    ('[ui]\nborder = "red"', 2, "ui: unknown colour 'border'"),
    ('[ui]\nclock = "plaid"', 2, "ui.clock: expected a colour"),
    ('[ui]\nclock = 5', 2, "ui.clock: expected a colour"),
    ('[palette]\ncolours = ["#000000"]', 2, "palette.colours: expected a list of 16 colours, got 1"),
    ('[palette]\ncolours = [\n' + '"#000000",\n' * 3 + '"red",\n' + '"#000000",\n' * 12 + "]",
     6, "palette.colours[3]: expected a #rrggbb colour, got 'red'"),
    ('[palette]\nblack = "#000000"', 1, "palette: missing red, green"),
    ('[palette]\nforeground = "blue"', 2, "palette.foreground: expected a #rrggbb colour"),
    ('[palette]\nshade = "#000000"', 2, "palette: unknown key 'shade'"),
    ('dark = true\nname = ', 2, "TOML syntax error"),
]


@pytest.mark.parametrize(("text", "line", "message"), BROKEN)
def test_broken_theme_files(text: str, line: int, message: str) -> None:
    problem = parse_theme(f"# theme\n{text}\n", "bad.toml", "bad")
    assert not isinstance(problem, Theme)
    assert (problem.path, problem.line - 1) == ("bad.toml", line)
    assert message in problem.message


def test_user_themes_load_from_xdg_and_broken_ones_are_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "muntin" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(GOOD)
    (folder / "ember.toml").write_text('description = "My ember"\n')  # replaces the shipped one
    (folder / "broken.toml").write_text('dark = true\n[ui]\nclock = "plaid"\n')
    (folder / "notes.txt").write_text("not a theme")
    result = load_themes()
    assert [(Path(p.path), p.line) for p in result.failed] == [(folder / "broken.toml", 3)]
    assert "ui.clock: expected a colour" in result.failed[0].message
    assert "mine" in theme_names() and "broken" not in theme_names()
    ember = get_theme("ember")
    assert ember is not None and ember.description == "My ember" and ember.palette is None
    load_themes(tmp_path / "empty")  # shipped themes back in the registry for other tests
    restored = get_theme("ember")
    assert restored is not None and restored.palette is not None


def test_load_themes_without_registering(tmp_path: Path) -> None:
    (tmp_path / "solo.toml").write_text("dark = false\n")
    result = load_themes(tmp_path, register=False)
    assert "solo" in [theme.name for theme in result.loaded]
    assert get_theme("solo") is None


def test_unreadable_theme_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bin.toml").write_bytes(b"name = '\xff'\n")
    result = load_themes(tmp_path, register=False)
    assert [(Path(p.path).name, p.line) for p in result.failed] == [("bin.toml", 0)]
    assert result.failed[0].message.startswith("cannot read theme file")
