"""tmuxp workspace files (YAML or JSON) read into a muntin Workspace, with warnings for what muntin lacks."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from dataclasses import replace

import yaml

from muntin.config._tomlpos import KeyPath, line_of
from muntin.config.errors import ConfigProblem
from muntin.config.workspace import (
    Node, PaneSpec, SendSpec, SplitDirection, SplitSpec, WindowSpec, Workspace, WorkspaceLoadResult,
    finish_workspace,
)

__all__ = ["loads_tmuxp"]

_UNSUPPORTED = {
    "plugins": "tmuxp plugins are Python classes tmuxp imports and calls while it builds (hooks before and "
               "after each window, on reattach); muntin runs no Python from a tmuxp file: write the workspace "
               "as a muntin Python file (docs/layouts.md), which can do anything before and after `muntin load`",
    "on_project_start": "run it yourself before `muntin load`",
    "on_project_restart": "run it yourself before `muntin load`",
    "on_project_exit": "muntin does not run it",
    "on_project_stop": "muntin does not run it",
    "config": "pass muntin's own config with -f",
    "socket_name": "choose the server with muntin's -L",
}
"""Keys tmuxp knows that muntin reads but does not act on, with what to do instead."""

_SESSION_KEYS = {"session_name", "start_directory", "environment", "windows", "shell_command_before",
                 "before_script", "options", "global_options", "suppress_history"}
_WINDOW_KEYS = {"window_name", "layout", "panes", "start_directory", "environment", "options", "focus",
                "shell_command_before", "window_shell", "window_index", "options_after", "suppress_history"}
_PANE_KEYS = {"shell_command", "shell", "focus", "start_directory", "environment", "enter", "sleep_before",
              "sleep_after", "shell_command_before", "suppress_history"}
_COMMAND_KEYS = {"cmd", "enter", "sleep_before", "sleep_after"}

_EXPANDED = {"session_name", "window_name", "start_directory"}
"""Keys whose values tmuxp expands with ``os.path.expandvars`` (as commands, environment and options)."""

_EMPTY = (None, "blank", "pane")
"""A command list of only one of these is an empty pane (a shell and nothing typed), as tmuxp's expand_cmd;
an empty string is a line of its own (Enter)."""

_MODEL_TO_TMUXP = {"window": "windows", "pane": "panes", "session": "session_name", "cwd": "start_directory",
                   "env": "environment", "name": "window_name", "send": "shell_command"}


def _positions(node: yaml.Node | None, path: KeyPath, out: dict[KeyPath, int]) -> None:
    """The 1-based line of each key path under a composed YAML node."""
    if node is None:
        return
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            out.setdefault(path + (name,), key.start_mark.line + 1)
            _positions(value, path + (name,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _positions(item, path + (index,), out)


def _parse(text: str, path: Path) -> tuple[Any, dict[KeyPath, int], ConfigProblem | None]:
    """The data of a YAML or JSON text and the lines of its key paths, or the syntax problem."""
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except json.JSONDecodeError as error:
        return None, {}, ConfigProblem(path, error.lineno, f"not valid JSON: {error.msg}")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return None, {}, ConfigProblem(path, mark.line + 1 if mark else 0, f"not valid YAML: {problem}")
    lines: dict[KeyPath, int] = {}
    try:
        _positions(yaml.compose(text), (), lines)
    except yaml.YAMLError:
        pass  # JSON that YAML cannot read: problems then name the file without a line
    return data, lines, None


def _expand(text: str) -> str:
    """``~``, ``$VAR`` and ``${VAR}`` expanded from the environment as tmuxp does (unknown ones kept)."""
    return os.path.expandvars(os.path.expanduser(text))


def _as_typed(text: str) -> str:
    """A command as tmux receives it from tmuxp's ``send-keys`` argument: a trailing ``\\;`` is a ``;``
    and a trailing bare ``;`` ends tmux's command, so it is not typed."""
    if text.endswith("\\;"):
        return text[:-2] + ";"
    return text[:-1] if text.endswith(";") else text


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("on", "off", "true", "false", "yes", "no"):
        return value.lower() in ("on", "true", "yes")
    return None


class _Reader:
    """Builds a Workspace from tmuxp's dicts, with problems and warnings at tmuxp key paths."""

    def __init__(self, path: Path, lines: Mapping[KeyPath, int]) -> None:
        self.path = path
        self.lines = lines
        self.problems: list[ConfigProblem] = []
        self.warnings: list[ConfigProblem] = []

    def problem(self, where: KeyPath, message: str) -> None:
        self.problems.append(ConfigProblem(self.path, line_of(self.lines, where), message))

    def warn(self, where: KeyPath, message: str) -> None:
        self.warnings.append(ConfigProblem(self.path, line_of(self.lines, where), message))

    def keys(self, data: Mapping[str, Any], where: KeyPath, known: set[str], what: str) -> None:
        for key in data:
            if key in known:
                continue
            hint = _UNSUPPORTED.get(key)
            if hint:
                self.warn(where + (key,), f"tmuxp's {key!r} is not supported by muntin and is ignored: {hint}")
            else:
                self.warn(where + (key,), f"unknown tmuxp key {key!r} in {what} is ignored: muntin reads "
                                          f"{', '.join(sorted(known))}")

    def mapping(self, value: Any, where: KeyPath, what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.problem(where, f"{what} is {type(value).__name__}: expected a mapping")
        return {}

    def text(self, data: Mapping[str, Any], key: str, where: KeyPath) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value if value is None or key not in _EXPANDED else _expand(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self.problem(where + (key,), f"{key} = {value!r}: expected a string")
        return None

    def env(self, data: Mapping[str, Any], where: KeyPath) -> dict[str, str]:
        value = data.get("environment") or {}
        if not isinstance(value, dict):
            self.problem(where + ("environment",), "environment: expected a mapping of NAME: value")
            return {}
        return {str(key): "" if item is None else _expand(str(item)) for key, item in value.items()}

    def flag(self, data: Mapping[str, Any], key: str, where: KeyPath, default: bool) -> bool:
        if key not in data:
            return default
        value = _as_bool(data[key])
        if value is None:
            self.problem(where + (key,), f"{key} = {data[key]!r}: expected true or false")
            return default
        return value

    def index(self, data: Mapping[str, Any], key: str, where: KeyPath) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 65535:
            return value
        self.problem(where + (key,), f"{key} = {value!r}: expected a window number (0 or more)")
        return None

    def seconds(self, data: Mapping[str, Any], key: str, where: KeyPath) -> float:
        value = data.get(key, 0)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        self.problem(where + (key,), f"{key} = {value!r}: expected seconds, 0 or more")
        return 0.0

    def commands(self, value: Any, where: KeyPath) -> list[tuple[str, Mapping[str, Any], KeyPath]]:
        """``shell_command`` / ``shell_command_before`` as tmuxp's expand_cmd reads them: a string, or a list of
        strings and ``{cmd: ...}``; a list of only ``blank``, ``pane`` or nothing is no command. Each command
        with its own keys (enter, sleeps) and where it is."""
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        if not items or (len(items) == 1 and items[0] in _EMPTY):
            return []
        out: list[tuple[str, Mapping[str, Any], KeyPath]] = []
        for index, item in enumerate(items):
            at = where + (index,) if isinstance(value, list) else where
            if isinstance(item, str):
                out.append((_as_typed(_expand(item)), {}, at))
            elif isinstance(item, dict) and isinstance(item.get("cmd"), str):
                self.keys(item, at, _COMMAND_KEYS, "a command")
                out.append((_as_typed(_expand(item["cmd"])), item, at))
            elif item is not None:
                self.problem(at, f"command {item!r}: expected a string or a mapping with cmd")
        return out

    def sends(self, commands: list[tuple[str, Mapping[str, Any], KeyPath]], data: Mapping[str, Any],
              where: KeyPath, suppress: bool) -> list[SendSpec]:
        """The lines typed, as tmuxp's builder types them: a space first while ``suppress_history`` (so the
        shell keeps them out of its history), and a command's ``enter`` / ``sleep_before`` / ``sleep_after``
        holding for the commands after it, over the pane's."""
        enter = self.flag(data, "enter", where, True)
        before = self.seconds(data, "sleep_before", where)
        after = self.seconds(data, "sleep_after", where)
        out = []
        for text, item, at in commands:
            enter = self.flag(item, "enter", at, enter)
            before = self.seconds(item, "sleep_before", at) if "sleep_before" in item else before
            after = self.seconds(item, "sleep_after", at) if "sleep_after" in item else after
            out.append(SendSpec((" " if suppress else "") + text, enter, before, after))
        return out

    def workspace(self, data: Any) -> Workspace:
        data = self.mapping(data, (), "the file")
        self.keys(data, (), _SESSION_KEYS, "the session")
        if "suppress_history" in data:
            self.warn(("suppress_history",), "tmuxp reads suppress_history on windows and panes only: set it "
                                             "there (here it changes nothing, as in tmuxp)")
        before = self.commands(data.get("shell_command_before"), ("shell_command_before",))
        windows = data.get("windows") or []
        if not isinstance(windows, list) or not windows:
            self.problem(("windows",), "windows: expected a list of one window or more")
            windows = []
        script = self.text(data, "before_script", ())
        return Workspace(session=self.text(data, "session_name", ()), cwd=self.text(data, "start_directory", ()),
                         env=self.env(data, ()),
                         windows=[self.window(item, ("windows", index), before) for index, item in enumerate(windows)],
                         before_script=_expand(script) if script else None,
                         options=self.option_words(data, "options", ()),
                         global_options=self.option_words(data, "global_options", ()))

    def window(self, value: Any, where: KeyPath, before: list) -> WindowSpec:
        data = self.mapping(value, where, "a window")
        self.keys(data, where, _WINDOW_KEYS, "a window")
        before = before + self.commands(data.get("shell_command_before"), where + ("shell_command_before",))
        shell = self.text(data, "window_shell", where)
        suppress = self.flag(data, "suppress_history", where, True)
        panes_value = data.get("panes") or [None]
        if not isinstance(panes_value, list):
            self.problem(where + ("panes",), "panes: expected a list")
            panes_value = [None]
        options, set_options = self.options(data, where)
        remain = _as_bool(set_options.get("remain-on-exit", ""))
        panes: list[Node] = [self.pane(item, where + ("panes", index), before, shell, suppress, remain)
                             for index, item in enumerate(panes_value)]
        if not any(pane.focus for pane in panes):  # tmuxp leaves the last pane it made active
            panes[-1] = replace(panes[-1], focus=True)
        layout = self.text(data, "layout", where)
        root: Node = panes[0] if len(panes) == 1 else SplitSpec(SplitDirection.VERTICAL, panes) if layout else \
            _halves(panes)
        return WindowSpec(name=self.text(data, "window_name", where), layout=layout if len(panes) > 1 else None,
                          root=root, cwd=self.text(data, "start_directory", where), env=self.env(data, where),
                          focus=self.flag(data, "focus", where, False), options=options,
                          index=self.index(data, "window_index", where), set_options=set_options,
                          options_after=self.option_words(data, "options_after", where))

    def option_words(self, data: Mapping[str, Any], key: str, where: KeyPath) -> dict[str, str]:
        """A mapping of tmux options as the words ``set-option`` gets (libtmux's: true is on, false off)."""
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.problem(where + (key,), f"{key}: expected a mapping of option: value")
            return {}
        return {str(name): _option_text(item) for name, item in value.items()}

    def options(self, data: Mapping[str, Any], where: KeyPath) -> tuple[dict[str, Any], dict[str, str]]:
        """A window's ``options``: those the layout uses (synchronize-panes, main-pane-*) as the model's
        window options, and every one as ``set-option -w`` words, set when tmuxp sets them."""
        words = self.option_words(data, "options", where)
        value = data.get("options") if isinstance(data.get("options"), dict) else {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "synchronize-panes":
                out[key] = self.flag(value, key, where + ("options",), False)
            elif key in ("main-pane-height", "main-pane-width"):
                out[key] = _expand(item) if isinstance(item, str) else item
        return out, {key: item for key, item in words.items() if key not in out}

    def pane(self, value: Any, where: KeyPath, before: list, shell: str | None, suppress: bool,
             remain: bool | None) -> PaneSpec:
        data: Mapping[str, Any] = {"shell_command": value} if value is None or isinstance(value, (str, list)) \
            else self.mapping(value, where, "a pane")
        if data is not value:
            own = where
        else:
            own = where + ("shell_command",)
            self.keys(data, where, _PANE_KEYS, "a pane")
        commands = before + self.commands(data.get("shell_command_before"), where + ("shell_command_before",))
        commands += self.commands(data.get("shell_command"), own)
        suppress = self.flag(data, "suppress_history", where, suppress)
        return PaneSpec(send=self.sends(commands, data, where, suppress), shell=self.text(data, "shell", where) or shell,
                        focus=self.flag(data, "focus", where, False), cwd=self.text(data, "start_directory", where),
                        env=self.env(data, where), remain_on_exit=remain)


def _option_text(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return _expand(value) if isinstance(value, str) else str(value)


def _halves(panes: list[PaneSpec]) -> Node:
    """Panes without a layout as tmuxp makes them: each splits the one made before it in half, top and
    bottom, so sizes halve down the window."""
    return panes[0] if len(panes) == 1 else SplitSpec(SplitDirection.VERTICAL, [panes[0], _halves(panes[1:])])


def _tmuxp_path(model: KeyPath) -> KeyPath:
    """A model path (``("window", 0, "pane", 1, "cwd")``) as the tmuxp key path it came from."""
    return tuple(_MODEL_TO_TMUXP.get(part, part) if isinstance(part, str) else part for part in model)


def loads_tmuxp(text: str, path: str | Path = "<tmuxp>") -> WorkspaceLoadResult:
    """A workspace from the text of a tmuxp file (YAML, or JSON when ``path`` ends in ``.json``)."""
    where = Path(path)
    data, lines, syntax = _parse(text, where)
    if syntax is not None:
        return WorkspaceLoadResult(None, (syntax,))
    reader = _Reader(where, lines)
    workspace = reader.workspace(data)
    line: Callable[[KeyPath], int] = lambda model: line_of(lines, _tmuxp_path(model))
    return finish_workspace(workspace, where, line, problems=reader.problems, warnings=reader.warnings)

