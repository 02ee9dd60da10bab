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


def tmux_config(env: Mapping[str, str] | None = None) -> Path | None:
    """The user's tmux configuration file, where tmux 3.3a looks for it (``~/.tmux.conf``, then
    ``$XDG_CONFIG_HOME/tmux/tmux.conf``), if there is one."""
    environ = os.environ if env is None else env
    home = environ.get("HOME") or os.path.expanduser("~")
    xdg = environ.get("XDG_CONFIG_HOME", "")
    places = [Path(home) / ".tmux.conf",
              Path(xdg if xdg and os.path.isabs(xdg) else os.path.join(home, ".config")) / "tmux" / "tmux.conf"]
    return next((place for place in places if place.is_file()), None)


def tmux_config_note(env: Mapping[str, str] | None = None) -> str | None:
    """What to tell a tmux user who has a tmux configuration file and no muntin one: muntin does not read it
    on its own (it may start tmux plugins), and how to use it. None when there is nothing to say."""
    if config_file(env).exists():
        return None
    found = tmux_config(env)
    if found is None:
        return None
    return (f"note: muntin does not read {found} on its own; to use it, start muntin with "
            f"'muntin -f {found}' (read as tmux reads it), or check it first with "
            f"'muntin source-file -nv {found}'. Creating {config_file(env)} stops this note.")


def user_themes_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder of the user's own theme files, ``$XDG_CONFIG_HOME/muntin/themes``."""
    return config_dir(env) / THEMES_DIR
