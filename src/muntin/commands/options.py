"""The option table for `set-option`: names, types, defaults, help, and validation of values."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from muntin.commands.styles import parse_style
from muntin.emulator.keys import parse_key


class OptionType(enum.Enum):
    BOOL = "on|off"
    INT = "number"
    CHOICE = "choice"
    STRING = "text"
    KEY = "key"
    SIZE = "cells or N%"
    STYLE = "style"
    ARRAY = "array of text"


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
    separator: str = " ,"  # an array's: what splits a value set without an index into items

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
    if text.lower() == "none":  # no key, as tmux's None
        return "none"
    try:
        return parse_key(text)
    except ValueError as error:
        raise ValueError(f"{spec.name}: {error}") from None


def _size(spec: OptionSpec, text: str) -> str:
    digits = text[:-1] if text.endswith("%") else text
    if not digits.isdigit() or int(digits) < 1 or (text.endswith("%") and int(digits) > 100):
        raise ValueError(f"{spec.name}: expected cells (80) or a percentage (60%), got {text!r}")
    return text


def _style(spec: OptionSpec, text: str) -> str:
    try:
        parse_style(text)
    except ValueError as error:
        raise ValueError(f"{spec.name}: {error}") from None
    return text


_CHECKS = {OptionType.BOOL: _bool, OptionType.INT: _int, OptionType.CHOICE: _choice,
           OptionType.STRING: _string, OptionType.ARRAY: _string, OptionType.KEY: _key, OptionType.SIZE: _size, OptionType.STYLE: _style}

STATUS_FORMAT_DEFAULT = (
    '#[align=left range=left #{E:status-left-style}]#[push-default]#{T;=/#{status-left-length}:status-lef'
    't}#[pop-default]#[norange default]#[list=on align=#{status-justify}]#[list=left-marker]<#[list=right'
    '-marker]>#[list=on]#{W:#[range=window|#{window_index} #{E:window-status-style}#{?#{&&:#{window_last_'
    'flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-last-style},}#{?#{&&:#{window_'
    'bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-status-bell-style},#{?#{&&:#{||:'
    '#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-activity-style},default}}, #{'
    'E:window-status-activity-style},}}]#[push-default]#{T:window-status-format}#[pop-default]#[norange d'
    'efault]#{?window_end_flag,,#{window-status-separator}},#[range=window|#{window_index} list=focus #{?'
    '#{!=:#{E:window-status-current-style},default},#{E:window-status-current-style},#{E:window-status-st'
    'yle}}#{?#{&&:#{window_last_flag},#{!=:#{E:window-status-last-style},default}}, #{E:window-status-las'
    't-style},}#{?#{&&:#{window_bell_flag},#{!=:#{E:window-status-bell-style},default}}, #{E:window-statu'
    's-bell-style},#{?#{&&:#{||:#{window_activity_flag},#{window_silence_flag}},#{!=:#{E:window-status-ac'
    'tivity-style},default}}, #{E:window-status-activity-style},}}]#[push-default]#{T:window-status-curre'
    'nt-format}#[pop-default]#[norange list=on default]#{?window_end_flag,,#{window-status-separator}}}#['
    'nolist align=right range=right #{E:status-right-style}]#[push-default]#{T;=/#{status-right-length}:s'
    'tatus-right}#[pop-default]#[norange default]',
    '#[align=centre]#{P:#{?pane_active,#[reverse],}#{pane_index}[#{pane_width}x#{pane_height}]#[default] }',
)
"""tmux 3.3a's default status-format: the status line (left, the window list, right) and the pane list."""

DEFAULT_RESURRECT_PROGRAMS = 'vi vim nvim view emacs nano micro hx kak less more most htop top btop man "tail -f"'
"""Programs a resurrected pane starts again by itself: editors (with their files), pagers, monitors."""

_B, _I, _C, _S, _Y = OptionType.BOOL, OptionType.INT, OptionType.CHOICE, OptionType.STRING, OptionType.STYLE

OPTIONS: Mapping[str, OptionSpec] = {o.name: o for o in (
    OptionSpec("prefix", OptionType.KEY, "ctrl+b", "the prefix key"),
    OptionSpec("prefix2", OptionType.KEY, "none", "a second prefix key (none: no second one)"),
    OptionSpec("renumber-windows", _B, False, "number a session's windows again from base-index when one closes"),
    OptionSpec("mouse", _B, True, "select, resize and scroll with the mouse"),
    OptionSpec("remain-on-exit", _C, "failed", "keep a pane whose command ended (failed: only on failure)",
               choices=("off", "on", "failed")),
    OptionSpec("history-limit", _I, 10_000, "lines of scrollback per pane"),
    OptionSpec("default-shell", _S, "", "shell for new panes (empty: $SHELL)"),
    OptionSpec("default-command", _S, "", "command for new panes (empty: the shell)"),
    OptionSpec("default-terminal", _S, "tmux-256color", "TERM inside panes"),
    # The status defaults are config.toml's [status] defaults (muntin.config.StatusBar), so both say the same.
    OptionSpec("status", _B, True, "show the status bar"),
    OptionSpec("status-position", _C, "bottom", "where the status bar is drawn", choices=("top", "bottom")),
    OptionSpec("status-left", _S, "[#S] ", "status bar text on the left (formats and strftime fields)"),
    OptionSpec("status-right", _S, " %H:%M %d-%b ", "status bar text on the right (formats and strftime fields)"),
    OptionSpec("status-style", _Y, "", "status bar style (fg=COLOUR,bg=COLOUR,bold; empty: the theme's)"),
    OptionSpec("status-left-style", _Y, "", "style of status-left (empty: the theme's)"),
    OptionSpec("status-right-style", _Y, "", "style of status-right (empty: the theme's)"),
    OptionSpec("window-status-style", _Y, "", "style of a window in the status bar (empty: the theme's)"),
    OptionSpec("window-status-current-style", _Y, "", "style of the current window in the status bar "
               "(empty: the theme's)"),
    OptionSpec("window-status-format", _S, "#I:#W#{window_flags}", "a window in the status bar (a format)"),
    OptionSpec("window-status-current-format", _S, "#I:#W#{window_flags}",
               "the current window in the status bar (a format)"),
    OptionSpec("window-status-separator", _S, " ", "text between windows in the status bar"),
    OptionSpec("status-left-length", _I, 40, "cells of status-left shown at most (tmux's default: 10)",
               high=10_000),
    OptionSpec("status-right-length", _I, 60, "cells of status-right shown at most (tmux's default: 40)",
               high=10_000),
    OptionSpec("status-interval", _I, 15, "seconds between redraws of the status bar (0: only on changes)",
               high=86_400),
    OptionSpec("message-style", _Y, "", "style of messages in the status bar (empty: the theme's)"),
    OptionSpec("pane-border-status", _C, "top", "where pane titles are drawn: a line above each pane, below it, "
               "or none (off: panes get that line, as in tmux)", choices=("off", "top", "bottom")),
    OptionSpec("cursor-mode", _C, "cell", "how the active pane's cursor is shown: a reverse cell, or the "
               "terminal's own cursor (terminal, as tmux)", choices=("cell", "terminal")),
    OptionSpec("display-panes-time", _I, 1000, "milliseconds display-panes shows the pane numbers (0: until a key)",
               high=600_000),
    OptionSpec("display-panes-colour", _S, "blue", "colour of the other panes' numbers in display-panes"),
    OptionSpec("display-panes-active-colour", _S, "red", "colour of the active pane's number in display-panes"),
    OptionSpec("synchronize-panes", _B, False, "type into every pane of the window"),
    OptionSpec("main-pane-width", OptionType.SIZE, "80", "width of the main pane in main-vertical (cells or N%)"),
    OptionSpec("main-pane-height", OptionType.SIZE, "24", "height of the main pane in main-horizontal (cells or N%)"),
    OptionSpec("repeat-time", _I, 500, "milliseconds a repeatable key works without the prefix", high=10_000),
    OptionSpec("escape-time", _I, 10, "milliseconds to wait after escape for a sequence", high=5_000),
    OptionSpec("theme", _S, "terminal", "colour theme name (the default: muntin.config.DEFAULT_THEME)"),
    OptionSpec("base-index", _I, 0, "index of the first window", high=2**31 - 1),
    OptionSpec("pane-base-index", _I, 0, "index of the first pane", high=1),
    OptionSpec("monitor-activity", _B, False, "mark windows with new output in the status bar (#)"),
    OptionSpec("automatic-rename", _B, True, "name each window after the program running in its active pane "
               "(until it is renamed)"),
    OptionSpec("lock-command", _S, "lock -np", "the shell command lock-server, lock-session and lock-client run "
               "in the client's terminal (the client comes back when it ends)"),
    OptionSpec("mode-keys", _C, "vi", "keys in copy mode", choices=("vi", "emacs")),
    OptionSpec("display-time", _I, 750, "milliseconds messages stay in the status bar", high=60_000),
    OptionSpec("window-size", _C, "smallest", "a session's size with several clients attached: the smallest "
               "client's, the largest's, the latest (most recently active) one's, or manual (resize-window)",
               choices=("smallest", "largest", "latest", "manual")),
    OptionSpec("resurrect-save", _B, True, "save every session (windows, layouts, directories, programs) for "
               "muntin resurrect, on each change and every resurrect-interval seconds"),
    OptionSpec("resurrect-interval", _I, 30, "seconds between saves of the sessions (0: only on changes)",
               high=86_400),
    OptionSpec("resurrect-scrollback", _B, True, "save each pane's history and screen with the sessions"),
    OptionSpec("resurrect-scrollback-lines", _I, 2000, "lines of history saved per pane", high=100_000),
    OptionSpec("resurrect-programs", _S, DEFAULT_RESURRECT_PROGRAMS, "programs muntin resurrect starts again "
               "without asking (words, a quoted one for a program with arguments: \"tail -f\"); others wait "
               "for Enter"),
    OptionSpec("status-format", OptionType.ARRAY, STATUS_FORMAT_DEFAULT, "formats of the status lines, tmux's "
               "array option (status-format[0] the first line; muntin's own status bar draws the first line from "
               "status-left, the window list and status-right, and status-format[0] when it is set)"),
    OptionSpec("terminal-overrides", OptionType.ARRAY, (), "what the outer terminal can do, over what its TERM "
               "says (TERM-PATTERN:CAPABILITY...); muntin follows am@ (no automatic margins: the status bar's "
               "last cell is left blank)", separator=","),
    OptionSpec("prompt-history-limit", _I, 100, "lines of history kept for each type of prompt", high=2**31 - 1),
    OptionSpec("pane-border-style", _Y, "", "style of the borders of the panes that are not active "
               "(fg=COLOUR; empty: the theme's)"),
    OptionSpec("pane-active-border-style", _Y, "", "style of the active pane's border (empty: the theme's)"),
    OptionSpec("mode-style", _Y, "", "style of the selection in copy mode and of the chosen row in choose-tree "
               "and the other choosers (empty: the theme's)"),
    OptionSpec("status-justify", _C, "left", "where the window list is in the status bar: after status-left, "
               "centred between status-left and status-right, before status-right, or centred in the whole bar",
               choices=("left", "centre", "right", "absolute-centre")),
    OptionSpec("set-titles", _B, False, "set the outer terminal's title (OSC 2) to set-titles-string"),
    OptionSpec("set-titles-string", _S, '#S:#I:#W - "#T" #{session_alerts}',
               "the outer terminal's title with set-titles on (a format)"),
    OptionSpec("allow-rename", _B, False, "a pane's ESC k NAME ESC \\ renames its window"),
    OptionSpec("monitor-bell", _B, True, "mark windows whose panes ring the bell in the status bar (!)"),
    OptionSpec("monitor-silence", _I, 0, "mark windows silent for this many seconds in the status bar (~; 0: off)",
               high=86_400),
    OptionSpec("visual-activity", _C, "off", "a message for activity (on), the bell passed on (off), or both",
               choices=("off", "on", "both")),
    OptionSpec("visual-bell", _C, "off", "a message for a bell (on), the bell passed on (off), or both",
               choices=("off", "on", "both")),
    OptionSpec("visual-silence", _C, "off", "a message for silence (on), the bell passed on (off), or both",
               choices=("off", "on", "both")),
    OptionSpec("bell-action", _C, "any", "which windows' bells are acted on: any, none, the current one, "
               "the others", choices=("none", "any", "current", "other")),
    OptionSpec("activity-action", _C, "other", "which windows' activity is acted on (as bell-action)",
               choices=("none", "any", "current", "other")),
    OptionSpec("silence-action", _C, "other", "which windows' silence is acted on (as bell-action)",
               choices=("none", "any", "current", "other")),
    OptionSpec("focus-events", _B, False, "pass focus in and out (CSI I, CSI O) to panes that ask for them "
               "(mode 1004)"),
    OptionSpec("set-clipboard", _C, "external", "OSC 52 from a pane: on sets a paste buffer and passes it to "
               "the outer terminal, external only passes it, off does neither",
               choices=("off", "external", "on")),
    OptionSpec("aggressive-resize", _B, False, "size a window by the clients that show it (a muntin window is "
               "in one session, whose clients all show it: window-size decides, on or off)"),
    OptionSpec("new-pane-directory", _C, "pane", "where split-window and new-window start without -c: the "
               "active pane's current directory, or the session's (tmux)", choices=("pane", "session")),
)}


TMUX_ONLY_OPTIONS = frozenset("""
    activity-action aggressive-resize allow-passthrough allow-rename alternate-screen assume-paste-time
    automatic-rename-format backspace bell-action buffer-limit clock-mode-colour clock-mode-style command-alias
    copy-command copy-mode-current-match-style copy-mode-mark-style copy-mode-match-style cursor-colour
    cursor-style default-size destroy-unattached detach-on-destroy editor exit-empty exit-unattached
    extended-keys fill-character focus-events history-file key-table lock-after-time lock-command
    message-command-style message-limit mode-style monitor-bell monitor-silence other-pane-height
    other-pane-width pane-active-border-style pane-border-format pane-border-indicators pane-border-lines
    pane-border-style pane-colours popup-border-lines popup-border-style popup-style prefix2
    prompt-history-limit remain-on-exit-format renumber-windows scroll-on-clear set-clipboard set-titles
    set-titles-string silence-action status-bg status-fg status-format status-interval status-justify
    status-keys status-left-length status-right-length terminal-features terminal-overrides
    update-environment user-keys visual-activity visual-bell visual-silence window-active-style
    window-status-activity-style window-status-bell-style window-status-current-format window-status-format
    window-status-last-style window-status-separator window-style word-separators wrap-search xterm-keys
    """.split()) - frozenset(OPTIONS)
"""tmux 3.3a's options (options-table.c) that muntin does not have: setting one is reported as such."""


def is_user_option(name: str) -> bool:
    """``@name``: an option of the user's (plugins keep their settings so), any text, as in tmux."""
    return name.startswith("@") and len(name) > 1


def unknown_option(name: str) -> str:
    """What is wrong with setting an option muntin does not know: one of tmux's it lacks, or no option."""
    if name in TMUX_ONLY_OPTIONS:
        return f"muntin does not have option {name} (a tmux option): the setting is ignored"
    return f"unknown option: {name}"


def check_option(name: str, text: str) -> Any:
    """The converted value of option `name` set to `text`; raises ValueError for an unknown option or a
    bad value."""
    if is_user_option(name):
        return text
    base, index = array_name(name)
    if index is not None and is_array(base):
        return text  # one item of an array option: any text
    spec = OPTIONS.get(name)
    if spec is None:
        raise ValueError(unknown_option(name))
    return spec.check(text)


def defaults() -> dict[str, Any]:
    """Every option's default value by name."""
    return {name: spec.default for name, spec in OPTIONS.items()}


CLIENT_OPTIONS: tuple[str, ...] = (
    "status", "status-position", "status-left", "status-right", "status-style", "status-left-style",
    "status-right-style", "window-status-style", "window-status-current-style", "message-style", "theme",
    "display-panes-time", "display-panes-colour", "display-panes-active-colour", "display-time", "pane-base-index",
    "pane-border-status", "cursor-mode", "prefix2", "window-status-format", "window-status-current-format",
    "window-status-separator", "status-interval", "status-left-length", "status-right-length",
    "pane-border-style", "pane-active-border-style", "mode-style", "status-justify", "set-titles",
    "set-titles-string", "focus-events", "visual-activity", "visual-bell", "visual-silence")
"""The options an attached client draws with: the server sends their values at attach and on each change."""


def option_text(value: Any) -> str:
    """An option's value as show-options prints it and a client receives it (on/off for booleans; an array's
    items joined by spaces, as tmux's options_to_string)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (tuple, list, dict)):
        items = array_items(value)
        return " ".join(items[index] for index in sorted(items))
    return str(value)


SERVER_OPTIONS = ("escape-time", "prompt-history-limit", "terminal-overrides")
"""The options tmux keeps for the whole server (``show-options -s``); muntin keeps them with the global ones."""


WINDOW_OPTIONS = ("aggressive-resize", "allow-rename", "automatic-rename", "main-pane-height", "main-pane-width",
                  "mode-keys", "mode-style", "monitor-activity", "monitor-bell", "monitor-silence",
                  "pane-active-border-style", "pane-base-index", "pane-border-status", "pane-border-style",
                  "remain-on-exit", "synchronize-panes", "window-size", "window-status-current-style",
                  "window-status-style")
"""The options tmux keeps for windows (``show-window-options -g`` lists them)."""


_INDEXED = re.compile(r"([a-z@][a-z0-9-]*)\[(\d{1,9})\]")


def array_name(option: str) -> tuple[str, int | None]:
    """``NAME[N]`` as (NAME, N); any other name as (name, None)."""
    match = _INDEXED.fullmatch(option)
    return (match.group(1), int(match.group(2))) if match else (option, None)


def is_array(name: str) -> bool:
    spec = OPTIONS.get(name)
    return spec is not None and spec.type is OptionType.ARRAY


def array_items(value: Any) -> dict[int, str]:
    """An array option's value (the default's tuple, or the dict set-option keeps) as index -> text."""
    return dict(enumerate(value)) if isinstance(value, (tuple, list)) else dict(value)


def array_assign(items: dict[int, str], text: str, separator: str = " ,") -> dict[int, str]:
    """tmux's options_array_assign: the words of ``text`` (split at any of the ``separator`` characters)
    into the first free indexes."""
    items = dict(items)
    for word in re.split(f"[{re.escape(separator)}]", text):
        if word:
            index = 0
            while index in items:
                index += 1
            items[index] = word
    return items
