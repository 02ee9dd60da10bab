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
    "before_script": "run the script yourself before `muntin load`",
    "global_options": "set them in muntin's config.toml",
    "options": "session options are set in muntin's config.toml",
    "options_after": "set the options in `options`",
    "suppress_history": "muntin types lines as they are",
    "plugins": "muntin has no tmuxp plugins",
    "on_project_start": "run it yourself before `muntin load`",
    "on_project_restart": "run it yourself before `muntin load`",
    "on_project_exit": "muntin does not run it",
    "on_project_stop": "muntin does not run it",
    "config": "pass muntin's own config with -f",
    "socket_name": "choose the server with muntin's -L",
}
"""Keys tmuxp knows that muntin reads but does not act on, with what to do instead."""

_SESSION_KEYS = {"session_name", "start_directory", "environment", "windows", "shell_command_before"}
_WINDOW_KEYS = {"window_name", "layout", "panes", "start_directory", "environment", "options", "focus",
                "shell_command_before", "window_shell", "window_index"}
_PANE_KEYS = {"shell_command", "shell", "focus", "start_directory", "environment", "enter", "sleep_before",
              "sleep_after", "shell_command_before"}
_COMMAND_KEYS = {"cmd", "enter", "sleep_before", "sleep_after"}

_EXPANDED = {"session_name", "window_name", "start_directory"}
"""Keys whose values tmuxp expands with ``os.path.expandvars`` (as commands, environment and options)."""

_EMPTY_PANES = ("", "blank", "pane")
"""Pane entries tmuxp reads as an empty pane (a shell and nothing typed)."""

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

    def commands(self, value: Any, where: KeyPath, enter: bool) -> list[SendSpec]:
        """``shell_command`` / ``shell_command_before``: a string, or a list of strings and ``{cmd: ...}``."""
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        out = []
        for index, item in enumerate(items):
            at = where + (index,) if isinstance(value, list) else where
            if isinstance(item, str):
                out.append(SendSpec(_as_typed(_expand(item)), enter))
            elif isinstance(item, dict) and isinstance(item.get("cmd"), str):
                self.keys(item, at, _COMMAND_KEYS, "a command")
                for key in ("sleep_before", "sleep_after"):
                    if key in item:
                        self.warn(at + (key,), f"{key} on one command is not supported: muntin applies it to "
                                               "the pane; set it on the pane")
                out.append(SendSpec(_as_typed(_expand(item["cmd"])), self.flag(item, "enter", at, enter)))
            elif item is not None:
                self.problem(at, f"command {item!r}: expected a string or a mapping with cmd")
        return out

    def workspace(self, data: Any) -> Workspace:
        data = self.mapping(data, (), "the file")
        self.keys(data, (), _SESSION_KEYS, "the session")
        before = self.commands(data.get("shell_command_before"), ("shell_command_before",), True)
        windows = data.get("windows") or []
        if not isinstance(windows, list) or not windows:
            self.problem(("windows",), "windows: expected a list of one window or more")
            windows = []
        return Workspace(session=self.text(data, "session_name", ()), cwd=self.text(data, "start_directory", ()),
                         env=self.env(data, ()),
                         windows=[self.window(item, ("windows", index), before) for index, item in enumerate(windows)])

    def window(self, value: Any, where: KeyPath, before: list[SendSpec]) -> WindowSpec:
        data = self.mapping(value, where, "a window")
        self.keys(data, where, _WINDOW_KEYS, "a window")
        before = before + self.commands(data.get("shell_command_before"), where + ("shell_command_before",), True)
        shell = self.text(data, "window_shell", where)
        panes_value = data.get("panes") or [None]
        if not isinstance(panes_value, list):
            self.problem(where + ("panes",), "panes: expected a list")
            panes_value = [None]
        panes: list[Node] = [self.pane(item, where + ("panes", index), before, shell)
                             for index, item in enumerate(panes_value)]
        if not any(pane.focus for pane in panes):  # tmuxp leaves the last pane it made active
            panes[-1] = replace(panes[-1], focus=True)
        layout = self.text(data, "layout", where)
        root: Node = panes[0] if len(panes) == 1 else SplitSpec(SplitDirection.VERTICAL, panes) if layout else \
            _halves(panes)
        return WindowSpec(name=self.text(data, "window_name", where), layout=layout if len(panes) > 1 else None,
                          root=root, cwd=self.text(data, "start_directory", where), env=self.env(data, where),
                          focus=self.flag(data, "focus", where, False), options=self.options(data, where),
                          index=self.index(data, "window_index", where))

    def options(self, data: Mapping[str, Any], where: KeyPath) -> dict[str, Any]:
        value = data.get("options") or {}
        if not isinstance(value, dict):
            self.problem(where + ("options",), "options: expected a mapping of option: value")
            return {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            at = where + ("options", key)
            if key == "synchronize-panes":
                out[key] = self.flag(value, key, where + ("options",), False)
            elif key in ("main-pane-height", "main-pane-width"):
                out[key] = _expand(item) if isinstance(item, str) else item
            else:
                self.warn(at, f"window option {key!r} is not supported by muntin and is ignored")
        return out

    def pane(self, value: Any, where: KeyPath, before: list[SendSpec], shell: str | None) -> PaneSpec:
        if value in _EMPTY_PANES:
            value = None
        if value is None or isinstance(value, (str, list)):
            return PaneSpec(send=before + self.commands(value, where, True), shell=shell)
        data = self.mapping(value, where, "a pane")
        self.keys(data, where, _PANE_KEYS, "a pane")
        enter = self.flag(data, "enter", where, True)
        sends = before + self.commands(data.get("shell_command_before"), where + ("shell_command_before",), True)
        sends += self.commands(data.get("shell_command"), where + ("shell_command",), enter)
        return PaneSpec(send=sends, enter=enter, shell=self.text(data, "shell", where) or shell,
                        focus=self.flag(data, "focus", where, False), cwd=self.text(data, "start_directory", where),
                        env=self.env(data, where), sleep_before=self.seconds(data, "sleep_before", where),
                        sleep_after=self.seconds(data, "sleep_after", where))


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

