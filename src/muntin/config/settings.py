"""Settings from ``config.toml``: a frozen value with defaults, every problem reported with its line."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from muntin.config._lines import syntax_error_line, syntax_error_message
from muntin.config._tomlpos import KeyPositions
from muntin.config.errors import ConfigProblem, read_bytes
from muntin.config.paths import config_file
from muntin.config.theme import DEFAULT_THEME

DEFAULT_TERM = "tmux-256color"
"""What the emulator implements (the same value as ``muntin.emulator.TERM``; config imports nothing above it)."""


class RemainOnExit(StrEnum):
    """Whether a pane stays on screen, with a report of how its program ended, once the program exits."""

    OFF = "off"
    ON = "on"
    FAILED = "failed"


class ModeKeys(StrEnum):
    """Which keys copy mode uses."""

    VI = "vi"
    EMACS = "emacs"


class WindowSize(StrEnum):
    """Whose size a session takes when several clients are attached (tmux's window-size)."""

    SMALLEST = "smallest"
    LARGEST = "largest"
    LATEST = "latest"
    MANUAL = "manual"


class NewPaneDirectory(StrEnum):
    """Where split-window and new-window start without -c."""

    PANE = "pane"
    SESSION = "session"
class PaneBorderStatus(StrEnum):
    """Where pane titles are drawn (tmux's pane-border-status): above each pane, below it, or nowhere."""

    OFF = "off"
    TOP = "top"
    BOTTOM = "bottom"


class CursorMode(StrEnum):
    """How the UI shows the active pane's cursor: a reverse cell, or the terminal's own cursor."""

    CELL = "cell"
    TERMINAL = "terminal"


class StatusPosition(StrEnum):
    """Where the status bar is drawn."""

    TOP = "top"
    BOTTOM = "bottom"


@dataclass(frozen=True, slots=True)
class StatusBar:
    """The status bar: shown or not, where, and its left and right format strings (tmux ``#S``-style
    formats and ``strftime`` fields; the caller expands them)."""

    enabled: bool = True
    position: StatusPosition = StatusPosition.BOTTOM
    left: str = "[#S] "
    right: str = " %H:%M %d-%b "
    style: str = ""  # tmux's status-style (``fg=black,bg=green``); empty: the theme's colours


@dataclass(frozen=True, slots=True)
class Binding:
    """One key binding from the file: in key table ``table``, ``key`` (as written; the caller normalises it)
    runs ``commands`` in order (command text for the command parser). No commands means unbind the key."""

    table: str
    key: str
    commands: tuple[str, ...]
    repeat: bool = False
    note: str = ""
    path: Path | str = ""
    line: int = 0

    @property
    def unbind(self) -> bool:
        return not self.commands


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``config.toml`` can set, with muntin's defaults."""

    prefix: str = "C-b"
    shell: str | None = None
    term: str = DEFAULT_TERM
    history_limit: int = 10_000
    remain_on_exit: RemainOnExit = RemainOnExit.FAILED
    mouse: bool = True
    mode_keys: ModeKeys = ModeKeys.VI
    theme: str = DEFAULT_THEME
    escape_time: int = 10
    repeat_time: int = 500
    base_index: int = 0
    automatic_rename: bool = True
    monitor_activity: bool = False
    window_size: WindowSize = WindowSize.SMALLEST
    new_pane_directory: NewPaneDirectory = NewPaneDirectory.PANE
    pane_border_status: PaneBorderStatus = PaneBorderStatus.TOP
    cursor_mode: CursorMode = CursorMode.CELL
    resurrect_save: bool = True
    resurrect_interval: int = 30
    resurrect_scrollback: bool = True
    resurrect_scrollback_lines: int = 2000
    resurrect_programs: str | None = None  # None: the option's default list
    status: StatusBar = field(default_factory=StatusBar)
    bindings: tuple[Binding, ...] = ()


class ConfigLoadResult(NamedTuple):
    """The settings (defaults where the file is wrong or silent), the problems, and the key bindings with
    their lines so the caller can check each command text with the command parser."""

    settings: Settings
    problems: list[ConfigProblem]
    bindings_with_lines: tuple[Binding, ...]


class _Bad(ValueError):
    """A value that does not fit; the message says what was expected."""


# -- value checkers: each takes the TOML value and returns the setting's value or raises _Bad ------------

def _type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _got(value: Any) -> str:
    return f"{value!r}" if isinstance(value, (str, int, float)) else _type_name(value)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Bad(f"expected true or false, got {_got(value)}")


def _choice(enum: type[StrEnum], booleans: Mapping[bool, StrEnum] | None = None) -> Callable[[Any], Any]:
    names = ", ".join(member.value for member in enum)

    def check(value: Any) -> Any:
        if isinstance(value, bool) and booleans:
            return booleans[value]
        if isinstance(value, str):
            try:
                return enum(value.strip().lower())
            except ValueError:
                pass
        raise _Bad(f"expected one of {names}, got {_got(value)}")
    return check


def _integer(low: int, high: int, unit: str = "") -> Callable[[Any], int]:
    suffix = f" {unit}" if unit else ""

    def check(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise _Bad(f"expected an integer from {low} to {high}{suffix}, got {_got(value)}")
    return check


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Bad(f"expected a string, got {_got(value)}")


def _word(what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if isinstance(value, str) and value.strip() and not any(c.isspace() for c in value.strip()):
            return value.strip()
        raise _Bad(f"expected {what} (one word, no spaces), got {_got(value)}")
    return check


def _shell(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    raise _Bad(f"expected a command such as \"/bin/zsh\" (empty for $SHELL), got {_got(value)}")


_KEY_SHAPE = re.compile(r"^(?:[CMS]-)*(?:\S|[A-Za-z][A-Za-z0-9_+-]*)$")


def _key_text(value: Any) -> str:
    """A key name, checked only for its shape: ``C-b``, ``M-Left``, ``F12``, ``ctrl+a``, ``|``."""
    if isinstance(value, str) and _KEY_SHAPE.match(value.strip()):
        return value.strip()
    raise _Bad(f"expected a key such as \"C-b\", \"C-a\", \"M-Space\" or \"ctrl+a\", got {_got(value)}")


# -- the option table: TOML key -> (Settings field, checker) --------------------------------------------

class _Option(NamedTuple):
    field: str
    check: Callable[[Any], Any]


_OPTIONS: dict[str, _Option] = {
    "prefix": _Option("prefix", _key_text),
    "shell": _Option("shell", _shell),
    "term": _Option("term", _word("a terminal type such as \"tmux-256color\"")),
    # tmux's names for the same two settings (set-option uses them), so either spelling works.
    "default-shell": _Option("shell", _shell),
    "default-terminal": _Option("term", _word("a terminal type such as \"tmux-256color\"")),
    "history-limit": _Option("history_limit", _integer(0, 10_000_000, "lines")),
    "remain-on-exit": _Option("remain_on_exit", _choice(
        RemainOnExit, {True: RemainOnExit.ON, False: RemainOnExit.OFF})),
    "mouse": _Option("mouse", _boolean),
    "mode-keys": _Option("mode_keys", _choice(ModeKeys)),
    "theme": _Option("theme", _word("a theme name")),
    "escape-time": _Option("escape_time", _integer(0, 5_000, "milliseconds")),
    "repeat-time": _Option("repeat_time", _integer(0, 10_000, "milliseconds")),
    "base-index": _Option("base_index", _integer(0, 1)),
    "automatic-rename": _Option("automatic_rename", _boolean),
    "monitor-activity": _Option("monitor_activity", _boolean),
    "window-size": _Option("window_size", _choice(WindowSize)),
    "new-pane-directory": _Option("new_pane_directory", _choice(NewPaneDirectory)),
    "pane-border-status": _Option("pane_border_status", _choice(PaneBorderStatus)),
    "cursor-mode": _Option("cursor_mode", _choice(CursorMode)),
    "resurrect-save": _Option("resurrect_save", _boolean),
    "resurrect-interval": _Option("resurrect_interval", _integer(0, 86_400, "seconds")),
    "resurrect-scrollback": _Option("resurrect_scrollback", _boolean),
    "resurrect-scrollback-lines": _Option("resurrect_scrollback_lines", _integer(0, 100_000, "lines")),
    "resurrect-programs": _Option("resurrect_programs", _text),
}

_STATUS_OPTIONS: dict[str, _Option] = {
    "enabled": _Option("enabled", _boolean),
    "position": _Option("position", _choice(StatusPosition)),
    "left": _Option("left", _text),
    "right": _Option("right", _text),
    "style": _Option("style", _text),
}

_TABLES = ("status", "keys")
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_BINDING_FIELDS = ("command", "repeat", "note")
OPTION_NAMES: tuple[str, ...] = (*_OPTIONS, *(f"status.{name}" for name in _STATUS_OPTIONS))
"""Every setting's name as written in the file, for help and completion."""


def _unknown(key: str, choices: Collection[str], where: str) -> str:
    import difflib  # only for a wrong name

    close = difflib.get_close_matches(key, list(choices), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of {', '.join(choices)})"
    return f"unknown {where} {key!r}{hint}"


class _Reader:
    """Walks the parsed document, keeping good values and collecting problems with their lines."""

    def __init__(self, text: str, path: Path | str) -> None:
        self.path = path
        self.lines = KeyPositions(text)
        self.problems: list[ConfigProblem] = []

    def problem(self, key_path: tuple[str, ...], message: str) -> None:
        self.problems.append(ConfigProblem(self.path, self.lines.line(*key_path), message))

    def options(self, table: Mapping[str, Any], spec: Mapping[str, _Option], prefix: tuple[str, ...],
                where: str, extra_names: tuple[str, ...] = ()) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, raw in table.items():
            option = spec.get(key)
            key_path = (*prefix, key)
            if option is None:
                self.problem(key_path, _unknown(key, (*spec, *extra_names), where))
                continue
            try:
                values[option.field] = option.check(raw)
            except _Bad as bad:
                self.problem(key_path, f"{'.'.join(key_path)}: {bad}")
        return values

    def settings(self, data: Mapping[str, Any]) -> Settings:
        top = {key: value for key, value in data.items() if key not in _TABLES}
        values = self.options(top, _OPTIONS, (), "setting", _TABLES)
        status = data.get("status", {})
        if isinstance(status, dict):
            values["status"] = StatusBar(**self.options(status, _STATUS_OPTIONS, ("status",), "status setting"))
        else:
            self.problem(("status",), f"status: expected a table [status], got {_got(status)}")
        keys = data.get("keys", {})
        if isinstance(keys, dict):
            values["bindings"] = self.bindings(keys)
        else:
            self.problem(("keys",), f"keys: expected tables such as [keys.prefix], got {_got(keys)}")
        return Settings(**values)

    def bindings(self, keys: Mapping[str, Any]) -> tuple[Binding, ...]:
        found: list[Binding] = []
        for table, entries in keys.items():
            if not _TABLE_NAME.match(table):
                self.problem(("keys", table), f"keys.{table}: expected a key table name such as prefix, root "
                             "or copy-mode-vi (lower-case letters, digits and '-')")
                continue
            if not isinstance(entries, dict):
                self.problem(("keys", table), f"keys.{table}: expected a table of key = command, "
                             f"got {_got(entries)}")
                continue
            for key, value in entries.items():
                key_path = ("keys", table, key)
                try:
                    key_name = _key_text(key)
                    commands, repeat, note = _binding_value(value)
                except _Bad as bad:
                    self.problem(key_path, f"keys.{table}.{key}: {bad}")
                    continue
                found.append(Binding(table, key_name, commands, repeat, note, self.path,
                                     self.lines.line(*key_path)))
        return tuple(found)


_BINDING_FORMS = ("expected command text (\"split-window -h\"), a list of commands, "
                  "{ command = ..., repeat = true, note = ... }, or false / \"none\" to unbind")


def _commands(value: Any) -> tuple[str, ...]:
    if value is False or (isinstance(value, str) and value.strip().lower() == "none"):
        return ()
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    raise _Bad(f"{_BINDING_FORMS}, got {_got(value)}")


def _binding_value(value: Any) -> tuple[tuple[str, ...], bool, str]:
    if not isinstance(value, dict):
        return _commands(value), False, ""
    extra = [key for key in value if key not in _BINDING_FIELDS]
    if extra:
        raise _Bad(_unknown(extra[0], _BINDING_FIELDS, "binding field"))
    if "command" not in value:
        raise _Bad("a binding table needs command = \"...\"")
    repeat = value.get("repeat", False)
    note = value.get("note", "")
    if not isinstance(repeat, bool):
        raise _Bad(f"repeat: expected true or false, got {_got(repeat)}")
    if not isinstance(note, str):
        raise _Bad(f"note: expected a string, got {_got(note)}")
    return _commands(value["command"]), repeat, note


def parse_config(text: str, path: Path | str = "config.toml",
                 known_themes: Collection[str] | None = None) -> ConfigLoadResult:
    """Settings from the text of a config file. Each wrong value is reported and left at its default; a TOML
    syntax error is reported with its line and every setting keeps its default. With ``known_themes``, a
    theme name not among them is a problem too."""
    import tomllib  # loaded with the first file: a server started without one never needs it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problem = ConfigProblem(path, syntax_error_line(error), syntax_error_message(error))
        return ConfigLoadResult(Settings(), [problem], ())
    reader = _Reader(text, path)
    settings = reader.settings(data)
    if known_themes is not None and settings.theme not in known_themes:
        reader.problem(("theme",), _unknown(settings.theme, sorted(set(known_themes)), "theme"))
        settings = replace(settings, theme=DEFAULT_THEME)
    problems = sorted(reader.problems, key=lambda problem: problem.line)
    return ConfigLoadResult(settings, problems, settings.bindings)


def load_config(path: Path | str | None = None,
                known_themes: Collection[str] | None = None) -> ConfigLoadResult:
    """Settings from ``path``, or from ``$XDG_CONFIG_HOME/muntin/config.toml`` when it is None (a missing
    default file is no problem: defaults apply; a missing named file is)."""
    target = config_file() if path is None else Path(path)
    if path is None and not os.path.lexists(target):
        return ConfigLoadResult(Settings(), [], ())
    raw = read_bytes(target)
    if isinstance(raw, ConfigProblem):
        return ConfigLoadResult(Settings(), [raw], ())
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        return ConfigLoadResult(Settings(), [ConfigProblem(target, line, "not UTF-8 text")], ())
    return parse_config(text, target, known_themes)


def check_config(path: Path | str | None = None) -> list[ConfigProblem]:
    """Problems of the config file (the default one when ``path`` is None) and of every theme file, for
    ``muntin check-config [-f FILE]``. Binding command texts are left to the caller's command parser:
    they are in ``load_config(path).bindings_with_lines``."""
    from muntin.config.theme import load_themes

    themes = load_themes(register=False)
    names = {DEFAULT_THEME, *(theme.name for theme in themes.loaded)}
    return load_config(path, names).problems + themes.failed
