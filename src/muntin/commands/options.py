"""The option table for `set-option`: names, types, defaults, help, and validation of values."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from muntin.emulator.keys import parse_key


class OptionType(enum.Enum):
    BOOL = "on|off"
    INT = "number"
    CHOICE = "choice"
    STRING = "text"
    KEY = "key"
    SIZE = "cells or N%"


@dataclass(frozen=True)
class OptionSpec:
    """One option: its type, default, help, and for numbers the range, for choices the words."""

    name: str
    type: OptionType
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 10_000_000

    def check(self, text: str) -> Any:
        """The value `text` sets, converted; raises ValueError saying what is expected."""
        return _CHECKS[self.type](self, text)


def _bool(spec: OptionSpec, text: str) -> bool:
    table = {"on": True, "off": False, "yes": True, "no": False, "1": True, "0": False}
    if text.lower() not in table:
        raise ValueError(f"{spec.name}: expected on or off, got {text!r}")
    return table[text.lower()]


def _int(spec: OptionSpec, text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{spec.name}: expected a number, got {text!r}") from None
    if not spec.low <= value <= spec.high:
        raise ValueError(f"{spec.name}: expected a number from {spec.low} to {spec.high}, got {value}")
    return value


def _choice(spec: OptionSpec, text: str) -> str:
    if text not in spec.choices:
        raise ValueError(f"{spec.name}: expected one of {', '.join(spec.choices)}, got {text!r}")
    return text


def _string(spec: OptionSpec, text: str) -> str:
    return text


def _key(spec: OptionSpec, text: str) -> str:
    try:
        return parse_key(text)
    except ValueError as error:
        raise ValueError(f"{spec.name}: {error}") from None


def _size(spec: OptionSpec, text: str) -> str:
    digits = text[:-1] if text.endswith("%") else text
    if not digits.isdigit() or int(digits) < 1 or (text.endswith("%") and int(digits) > 100):
        raise ValueError(f"{spec.name}: expected cells (80) or a percentage (60%), got {text!r}")
    return text


_CHECKS = {OptionType.BOOL: _bool, OptionType.INT: _int, OptionType.CHOICE: _choice,
           OptionType.STRING: _string, OptionType.KEY: _key, OptionType.SIZE: _size}

_B, _I, _C, _S = OptionType.BOOL, OptionType.INT, OptionType.CHOICE, OptionType.STRING

OPTIONS: Mapping[str, OptionSpec] = {o.name: o for o in (
    OptionSpec("prefix", OptionType.KEY, "ctrl+b", "the prefix key"),
    OptionSpec("mouse", _B, True, "select, resize and scroll with the mouse"),
    OptionSpec("remain-on-exit", _C, "failed", "keep a pane whose command ended (failed: only on failure)",
               choices=("off", "on", "failed")),
    OptionSpec("history-limit", _I, 10_000, "lines of scrollback per pane"),
    OptionSpec("default-shell", _S, "", "shell for new panes (empty: $SHELL)"),
    OptionSpec("default-command", _S, "", "command for new panes (empty: the shell)"),
    OptionSpec("default-terminal", _S, "tmux-256color", "TERM inside panes"),
    OptionSpec("status", _B, True, "show the status bar"),
    OptionSpec("status-left", _S, "[#{session_name}] ", "status bar text on the left"),
    OptionSpec("status-right", _S, "#{pane_title}", "status bar text on the right"),
    OptionSpec("synchronize-panes", _B, False, "type into every pane of the window"),
    OptionSpec("main-pane-width", OptionType.SIZE, "80", "width of the main pane in main-vertical (cells or N%)"),
    OptionSpec("main-pane-height", OptionType.SIZE, "24", "height of the main pane in main-horizontal (cells or N%)"),
    OptionSpec("repeat-time", _I, 500, "milliseconds a repeatable key works without the prefix", high=10_000),
    OptionSpec("escape-time", _I, 10, "milliseconds to wait after escape for a sequence", high=5_000),
    OptionSpec("theme", _S, "default", "colour theme name"),
    OptionSpec("base-index", _I, 0, "index of the first window", high=1),
    OptionSpec("pane-base-index", _I, 0, "index of the first pane", high=1),
    OptionSpec("monitor-activity", _B, False, "mark windows with new output in the status bar (#)"),
    OptionSpec("automatic-rename", _B, True, "name each window after the program running in its active pane "
               "(until it is renamed)"),
    OptionSpec("mode-keys", _C, "vi", "keys in copy mode", choices=("vi", "emacs")),
    OptionSpec("display-time", _I, 750, "milliseconds messages stay in the status bar", high=60_000),
    OptionSpec("window-size", _C, "smallest", "a session's size with several clients attached: the smallest "
               "client's, the largest's, the latest (most recently active) one's, or manual (resize-window)",
               choices=("smallest", "largest", "latest", "manual")),
    OptionSpec("new-pane-directory", _C, "pane", "where split-window and new-window start without -c: the "
               "active pane's current directory, or the session's (tmux)", choices=("pane", "session")),
)}


def check_option(name: str, text: str) -> Any:
    """The converted value of option `name` set to `text`; raises ValueError for an unknown option or a
    bad value."""
    spec = OPTIONS.get(name)
    if spec is None:
        raise ValueError(f"unknown option: {name}")
    return spec.check(text)


def defaults() -> dict[str, Any]:
    """Every option's default value by name."""
    return {name: spec.default for name, spec in OPTIONS.items()}
