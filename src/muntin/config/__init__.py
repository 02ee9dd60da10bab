"""Files to plain data: settings, key bindings and themes, with every problem's ``FILE:LINE``."""

from muntin.config.errors import ConfigProblem
from muntin.config.paths import config_dir, config_file, user_themes_dir
from muntin.config.settings import (
    Binding,
    ConfigLoadResult,
    RemainOnExit,
    Settings,
    StatusBar,
    StatusPosition,
    check_config,
    load_config,
    parse_config,
)
from muntin.config.theme import (
    DEFAULT_THEME,
    Theme,
    ThemeLoadResult,
    UIColours,
    get_theme,
    load_themes,
    register_theme,
    theme_names,
)

__all__ = [
    "DEFAULT_THEME",
    "Binding",
    "ConfigLoadResult",
    "ConfigProblem",
    "RemainOnExit",
    "Settings",
    "StatusBar",
    "StatusPosition",
    "Theme",
    "ThemeLoadResult",
    "UIColours",
    "check_config",
    "config_dir",
    "config_file",
    "get_theme",
    "load_config",
    "load_themes",
    "parse_config",
    "register_theme",
    "theme_names",
    "user_themes_dir",
]
