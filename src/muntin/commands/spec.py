"""Command specs as values: options, positionals, value types and their converters, parsed arguments."""

from __future__ import annotations

import enum
import signal as _signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Group(enum.StrEnum):
    """What a command is about; help and `list-commands` group by it."""

    PANE = "pane"
    WINDOW = "window"
    SESSION = "session"
    KEYS = "keys"
    SERVER = "server"
    LAYOUT = "layout"


class TargetKind(enum.StrEnum):
    """The kind of object a command's `-t` names."""

    PANE = "pane"
    WINDOW = "window"
    SESSION = "session"


class Size(NamedTuple):
    """A size argument: cells (`30`) or a percentage (`30%`)."""

    amount: int
    percent: bool = False

    def __str__(self) -> str:
        return f"{self.amount}%" if self.percent else str(self.amount)

    def cells(self, whole: int) -> int:
        """The size in cells out of `whole` cells."""
        return max(1, round(whole * self.amount / 100)) if self.percent else self.amount


SIZE_LIMIT = 65535
"""The largest width, height or size in cells a command takes (tmux's USHRT_MAX); windows are clamped
further, to ``muntin.session.WINDOW_MAXIMUM``."""


def _string(text: str) -> str:
    return text


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None


def _count(text: str) -> int:
    value = _int(text)
    if value < 0:
        raise ValueError(f"expected a number of 0 or more, got {text!r}")
    return value


def _dimension(text: str) -> int:
    value = _count(text)
    if value > SIZE_LIMIT:
        raise ValueError(f"{text} is too large: at most {SIZE_LIMIT}")
    return value


def _size(text: str) -> Size:
    body, percent = (text[:-1], True) if text.endswith("%") else (text, False)
    if not body.isdigit() or int(body) == 0 or (percent and int(body) >= 100):
        raise ValueError(f"bad size {text!r}: expected cells like 30 or a percentage like 30%")
    if int(body) > SIZE_LIMIT:
        raise ValueError(f"bad size {text!r}: at most {SIZE_LIMIT} cells")
    return Size(int(body), percent)


def _signal_value(text: str) -> _signal.Signals:
    if text.isdigit():
        try:
            return _signal.Signals(int(text))
        except ValueError:
            raise ValueError(f"unknown signal number {text}") from None
    name = text.upper()
    name = name if name.startswith("SIG") else "SIG" + name
    try:
        return _signal.Signals[name]
    except KeyError:
        raise ValueError(f"unknown signal {text!r}: use a name like TERM or INT, or a number") from None


def _seconds(text: str) -> float:
    try:
        value = float(text.removesuffix("s"))
    except ValueError:
        raise ValueError(f"expected seconds like 5 or 0.5, got {text!r}") from None
    if value < 0 or value != value:
        raise ValueError(f"expected seconds of 0 or more, got {text!r}")
    return value


def _env(text: str) -> str:
    name, sep, _ = text.partition("=")
    if not sep or not name or not (name[0].isalpha() or name[0] == "_"):
        raise ValueError(f"expected VAR=VALUE, got {text!r}")
    return text


def _switch(text: str) -> bool:
    table = {"on": True, "off": False}
    if text not in table:
        raise ValueError(f"expected on or off, got {text!r}")
    return table[text]


class ValueType(enum.Enum):
    """The type of an option's value or a positional; each converts text and says what it expects."""

    STRING = ("STRING", _string)
    INT = ("N", _int)
    COUNT = ("N", _count)
    DIMENSION = ("N", _dimension)
    SIZE = ("SIZE", _size)
    SIGNAL = ("SIGNAL", _signal_value)
    SECONDS = ("SECONDS", _seconds)
    ENV = ("VAR=VALUE", _env)
    SWITCH = ("on|off", _switch)
    TARGET = ("TARGET", _string)

    def __init__(self, metavar: str, convert: Callable[[str], Any]) -> None:
        self.metavar = metavar
        self.convert = convert


@dataclass(frozen=True)
class Opt:
    """A flag (`-d`, `--json`) or, with a value type, an option that takes one value (`-t TARGET`)."""

    flag: str
    help: str = ""
    value: ValueType | None = None
    metavar: str = ""
    repeat: bool = False

    @property
    def takes_value(self) -> bool:
        return self.value is not None

    def usage(self) -> str:
        if self.value is None:
            return self.flag
        return f"{self.flag} {self.metavar or self.value.metavar}"


@dataclass(frozen=True)
class Pos:
    """A positional argument; `least`/`most` count words (`most=None`: any number)."""

    name: str
    value: ValueType = ValueType.STRING
    least: int = 1
    most: int | None = 1
    choices: tuple[str, ...] = ()

    def usage(self) -> str:
        word = "|".join(self.choices) if self.choices else self.name
        word += ("..." if self.most is None or self.most > 1 else "")
        return word if self.least else f"[{word}]"


@dataclass(frozen=True)
class CommandSpec:
    """One command: its names, arguments, help and what it targets."""

    name: str
    help: str
    group: Group
    options: tuple[Opt, ...] = ()
    positionals: tuple[Pos, ...] = ()
    alias: str | None = None
    target: TargetKind | None = None
    exclusive: tuple[frozenset[str], ...] = ()
    one_required: tuple[frozenset[str], ...] = ()
    trailing_command: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.alias) if self.alias else (self.name,)

    def option(self, flag: str) -> Opt | None:
        """The option spelled `flag`, or None."""
        return next((o for o in self.options if o.flag == flag), None)

    def usage(self) -> str:
        """The usage line, tmux-style: `split-window [-bdfhv] [-l SIZE] [-t TARGET] [CMD...]`."""
        short = "".join(o.flag[1] for o in self.options if o.value is None and len(o.flag) == 2
                        and not any(o.flag in r for r in self.one_required))
        parts = [self.name]
        if short:
            parts.append(f"[-{short}]")
        for group in self.one_required:
            words = sorted(opt.usage() for opt in self.options if opt.flag in group)
            parts.append(words[0] if len(words) == 1 else "(" + " | ".join(words) + ")")
        for opt in self.options:
            if any(opt.flag in r for r in self.one_required):
                continue
            if opt.value is not None or len(opt.flag) > 2:
                parts.append(f"[{opt.usage()}]")
        if self.trailing_command:
            parts.append("[--]")
        parts.extend(p.usage() for p in self.positionals)
        return " ".join(parts)


@dataclass(frozen=True)
class Args:
    """Parsed arguments: flags given, option values converted, positionals by name."""

    flags: frozenset[str] = frozenset()
    options: Mapping[str, Any] = field(default_factory=dict)
    positionals: Mapping[str, Any] = field(default_factory=dict)

    def has(self, flag: str) -> bool:
        """Whether the flag (`-d`, `--json`) was given."""
        return flag in self.flags

    def get(self, name: str, default: Any = None) -> Any:
        """An option value by flag (`-t`) or a positional by name (`KEY`); `default` when absent."""
        if name in self.options:
            return self.options[name]
        return self.positionals.get(name, default)

    @property
    def target(self) -> str | None:
        """The `-t` value, if any."""
        return self.options.get("-t")
