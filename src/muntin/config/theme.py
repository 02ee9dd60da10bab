"""Themes: UI colours and the pane palette, registered by name and loaded from TOML files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

from muntin.config._lines import syntax_error_line, syntax_error_message
from muntin.config._tomlpos import KeyPositions
from muntin.config.errors import ConfigProblem
from muntin.config.paths import user_themes_dir

DEFAULT_THEME = "terminal"

ANSI_NAMES = (
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright_black", "bright_red", "bright_green", "bright_yellow",
    "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
)
"""The 16 palette slots in order; also colour names a theme may use for its UI colours."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_INDEXED = re.compile(r"^colou?r(\d{1,3})$")
_THEME_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
COLOUR_FORMS = "#rrggbb, #rgb, colourN (0-255), default, or an ANSI name (red, bright_blue, ...)"


def normalise_colour(text: str) -> str | None:
    """The canonical form of a colour (``#rrggbb`` lower case, ``colourN``, an ANSI name, ``default``),
    or None when the text is not a colour."""
    value = text.strip().lower().replace("-", "_")
    if _HEX.match(value):
        return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value
    indexed = _INDEXED.match(value)
    if indexed:
        return f"colour{int(indexed.group(1))}" if int(indexed.group(1)) < 256 else None
    if value in ANSI_NAMES or value == "default":
        return value
    return None


@dataclass(frozen=True, slots=True)
class UIColours:
    """Colours of muntin's own drawing. Each is a colour text as :func:`normalise_colour` returns."""

    border_active: str = "green"
    border_inactive: str = "default"
    status_bg: str = "green"
    status_fg: str = "black"
    status_current_bg: str = "black"
    status_current_fg: str = "green"
    status_activity_fg: str = "red"
    prefix_hint_bg: str = "yellow"
    prefix_hint_fg: str = "black"
    message_bg: str = "yellow"
    message_fg: str = "black"
    selection_bg: str = "blue"
    selection_fg: str = "bright_white"
    search_match_bg: str = "yellow"
    search_match_fg: str = "black"
    current_match_bg: str = "bright_red"
    current_match_fg: str = "bright_white"
    scroll_position_bg: str = "yellow"
    scroll_position_fg: str = "black"
    dead_pane_bg: str = "red"
    dead_pane_fg: str = "bright_white"
    clock: str = "blue"


UI_KEYS: dict[str, str] = {f.name.replace("_", "-"): f.name for f in fields(UIColours)}
"""TOML key (``border-active``) -> field name, for the ``[ui]`` table of a theme file."""


@dataclass(frozen=True, slots=True)
class Theme:
    """A named theme. ``palette`` is None to keep the outer terminal's own 16 colours (and its fg/bg)."""

    name: str
    dark: bool = True
    description: str = ""
    ui: UIColours = field(default_factory=UIColours)
    palette: tuple[str, ...] | None = None
    foreground: str | None = None
    background: str | None = None

    def __post_init__(self) -> None:
        if self.palette is not None and len(self.palette) != len(ANSI_NAMES):
            raise ValueError(f"a palette has {len(ANSI_NAMES)} colours, not {len(self.palette)}")

    def colour(self, text: str) -> str:
        """A UI or cell colour resolved through the palette: ANSI names become ``#rrggbb`` when the theme
        has a palette; without one they stay names for the outer terminal to draw."""
        if self.palette is not None and text in ANSI_NAMES:
            return self.palette[ANSI_NAMES.index(text)]
        return text


TERMINAL_THEME = Theme(name=DEFAULT_THEME, dark=True, description="The outer terminal's own colours.")

_registry: dict[str, Theme] = {DEFAULT_THEME: TERMINAL_THEME}


def register_theme(theme: Theme) -> None:
    """Make ``theme`` available by name; a later theme of the same name replaces the earlier one."""
    _registry[theme.name] = theme


def get_theme(name: str) -> Theme | None:
    """The registered theme called ``name``, or None."""
    return _registry.get(name)


def theme_names() -> list[str]:
    """Names of every registered theme, sorted."""
    return sorted(_registry)


class ThemeLoadResult(NamedTuple):
    """Themes read from files, and one problem per file that could not be read (that file is skipped)."""

    loaded: list[Theme]
    failed: list[ConfigProblem]


class _Invalid(Exception):
    """A problem at a key path of the theme file."""

    def __init__(self, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def _where(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def _colour(value: Any, path: tuple[str, ...]) -> str:
    colour = normalise_colour(value) if isinstance(value, str) else None
    if colour is None:
        raise _Invalid(path, f"{_where(path)}: expected a colour ({COLOUR_FORMS}), got {value!r}")
    return colour


def _hex(value: Any, path: tuple[str | int, ...]) -> str:
    colour = normalise_colour(value) if isinstance(value, str) else None
    if colour is None or not colour.startswith("#"):
        raise _Invalid(path, f"{_where(path)}: expected a #rrggbb colour, got {value!r}")
    return colour


def _expect_table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _Invalid((key,), f"{key}: expected a table [{key}], got {type(value).__name__}")
    return value


def _palette(table: Mapping[str, Any]) -> tuple[str, ...] | None:
    if not table:
        return None
    colours = table.get("colours", table.get("colors"))
    key = "colours" if "colours" in table else "colors"
    if colours is None:
        named = [table.get(name) for name in ANSI_NAMES]
        missing = [name for name, value in zip(ANSI_NAMES, named) if value is None]
        if missing:
            raise _Invalid(("palette",), f"palette: missing {', '.join(missing)} (give all 16 colours, "
                           "or a list `colours = [...]` of 16)")
        return tuple(_hex(value, ("palette", name)) for name, value in zip(ANSI_NAMES, named))
    if not isinstance(colours, list) or len(colours) != len(ANSI_NAMES):
        count = len(colours) if isinstance(colours, list) else type(colours).__name__
        raise _Invalid(("palette", key), f"palette.{key}: expected a list of 16 colours, got {count}")
    return tuple(_hex(value, ("palette", key, index)) for index, value in enumerate(colours))


_TOP_KEYS = frozenset({"name", "dark", "description", "ui", "palette"})
_PALETTE_KEYS = frozenset({"colours", "colors", "foreground", "background", *ANSI_NAMES})


def theme_from_data(data: Mapping[str, Any], default_name: str) -> Theme:
    """Build a theme from parsed TOML. Raises ``_Invalid`` with the key path of the first problem."""
    for key in data:
        if key not in _TOP_KEYS:
            raise _Invalid((key,), f"unknown key {key!r} (expected one of {', '.join(sorted(_TOP_KEYS))})")
    name = data.get("name", default_name)
    if not isinstance(name, str) or not _THEME_NAME.match(name):
        raise _Invalid(("name",), f"name: expected lower-case letters, digits, '-' or '_', got {name!r}")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise _Invalid(("dark",), f"dark: expected true or false, got {dark!r}")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise _Invalid(("description",), f"description: expected a string, got {description!r}")
    ui_table = _expect_table(data, "ui")
    ui_values: dict[str, str] = {}
    for key, value in ui_table.items():
        if key not in UI_KEYS:
            raise _Invalid(("ui", key), f"ui: unknown colour {key!r} (expected one of {', '.join(UI_KEYS)})")
        ui_values[UI_KEYS[key]] = _colour(value, ("ui", key))
    palette_table = _expect_table(data, "palette")
    for key in palette_table:
        if key not in _PALETTE_KEYS:
            raise _Invalid(("palette", key), f"palette: unknown key {key!r} (expected colours, foreground, "
                           "background, or one of the 16 colour names)")
    fg, bg = (palette_table.get(key) for key in ("foreground", "background"))
    return Theme(
        name=name,
        dark=dark,
        description=description,
        ui=UIColours(**ui_values),
        palette=_palette({k: v for k, v in palette_table.items() if k not in ("foreground", "background")}),
        foreground=None if fg is None else _hex(fg, ("palette", "foreground")),
        background=None if bg is None else _hex(bg, ("palette", "background")),
    )


def parse_theme(text: str, path: Path | str, default_name: str) -> Theme | ConfigProblem:
    """One theme file's text as a Theme, or the problem (with its line) that keeps it from loading."""
    import tomllib  # loaded with the first file, as in parse_config

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return ConfigProblem(path, syntax_error_line(error), syntax_error_message(error))
    try:
        return theme_from_data(data, default_name)
    except _Invalid as invalid:
        return ConfigProblem(path, KeyPositions(text).line(*invalid.path), invalid.message)


def _read_dir(files: Iterable[Any], label: str) -> ThemeLoadResult:
    loaded: list[Theme] = []
    failed: list[ConfigProblem] = []
    for entry in sorted(files, key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        where = f"{label}/{entry.name}" if label else str(entry)
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            failed.append(ConfigProblem(where, 0, f"cannot read theme file: {error}"))
            continue
        result = parse_theme(text, where, entry.name.removesuffix(".toml"))
        (failed if isinstance(result, ConfigProblem) else loaded).append(result)  # type: ignore[arg-type]
    return ThemeLoadResult(loaded, failed)


def shipped_themes() -> ThemeLoadResult:
    """The themes shipped inside the package (the top-level ``themes/`` folder of the source tree)."""
    from importlib import resources  # here: it brings tempfile and shutil, which a server never needs

    folder = resources.files("muntin.themes")
    if not folder.is_dir():
        return ThemeLoadResult([], [])
    return _read_dir(folder.iterdir(), "muntin/themes")


def user_themes(folder: Path | None = None) -> ThemeLoadResult:
    """The user's theme files, from ``$XDG_CONFIG_HOME/muntin/themes`` unless ``folder`` is given."""
    folder = user_themes_dir() if folder is None else folder
    if not folder.is_dir():
        return ThemeLoadResult([], [])
    return _read_dir(folder.iterdir(), "")


def load_themes(user_folder: Path | None = None, register: bool = True) -> ThemeLoadResult:
    """Shipped themes, then the user's (a user theme replaces a shipped one of the same name).
    Broken files are skipped and reported once each; with ``register`` the loaded themes are registered."""
    shipped = shipped_themes()
    user = user_themes(user_folder)
    loaded = shipped.loaded + user.loaded
    if register:
        for theme in loaded:
            register_theme(theme)
    return ThemeLoadResult(loaded, shipped.failed + user.failed)
