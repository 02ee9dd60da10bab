"""Where muntin looks for the user's files: ``$XDG_CONFIG_HOME/muntin`` (default ``~/.config/muntin``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_DIR = "muntin"
CONFIG_FILE = "config.toml"
THEMES_DIR = "themes"


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """muntin's folder under ``$XDG_CONFIG_HOME``; a relative or empty value is ignored, as the spec says."""
    environ = os.environ if env is None else env
    base = environ.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".config")
    return Path(base) / APP_DIR


def config_file(env: Mapping[str, str] | None = None) -> Path:
    """The default configuration file, ``$XDG_CONFIG_HOME/muntin/config.toml``."""
    return config_dir(env) / CONFIG_FILE


def user_themes_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the user's own theme files, ``$XDG_CONFIG_HOME/muntin/themes``."""
    return config_dir(env) / THEMES_DIR
