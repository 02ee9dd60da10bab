"""Where muntin keeps the user's files: settings in ``$XDG_CONFIG_HOME/muntin``, logs and saved sessions in ``$XDG_STATE_HOME/muntin``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_DIR = "muntin"
CONFIG_FILE = "config.toml"
THEMES_DIR = "themes"


def _xdg(variable: str, default: str, env: Mapping[str, str] | None) -> Path:
    """muntin's folder under an XDG base directory; a relative or empty value is ignored, as the spec says."""
    environ = os.environ if env is None else env
    base = environ.get(variable, "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, default)
    return Path(base) / APP_DIR


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """muntin's folder under ``$XDG_CONFIG_HOME`` (default ``~/.config/muntin``)."""
    return _xdg("XDG_CONFIG_HOME", ".config", env)


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """muntin's folder under ``$XDG_STATE_HOME`` (default ``~/.local/state/muntin``): the servers' logs."""
    return _xdg("XDG_STATE_HOME", os.path.join(".local", "state"), env)


def server_log(socket: Path, env: Mapping[str, str] | None = None) -> Path:
    """The log of the server on ``socket``: ``server-NAME.log`` in ``state_dir()``, NAME the socket's file
    name (the ``-L`` name, ``default`` without one)."""
    return state_dir(env) / f"server-{Path(socket).name}.log"


def state_file(socket: Path, env: Mapping[str, str] | None = None) -> Path:
    """Where the server on ``socket`` saves its sessions for ``muntin resurrect``: ``sessions-NAME.json.gz``
    in ``state_dir()``, NAME as for its log."""
    return state_dir(env) / f"sessions-{Path(socket).name}.json.gz"


def previous_state_file(socket: Path, env: Mapping[str, str] | None = None) -> Path:
    """The sessions the server before this one on ``socket`` saved (set aside when a new server starts, so
    it does not overwrite them before they are resurrected)."""
    return state_dir(env) / f"sessions-{Path(socket).name}.previous.json.gz"


def config_file(env: Mapping[str, str] | None = None) -> Path:
    """The default configuration file, ``$XDG_CONFIG_HOME/muntin/config.toml``."""
    return config_dir(env) / CONFIG_FILE


def user_themes_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the user's own theme files, ``$XDG_CONFIG_HOME/muntin/themes``."""
    return config_dir(env) / THEMES_DIR
