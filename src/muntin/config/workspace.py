"""Workspace (layout) files: the data model of sessions, windows, splits and panes, and its loaders."""

from __future__ import annotations

import enum
import os
import re
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple, Union

from muntin.config._tomlpos import KeyPath, KeyPositions
from muntin.config.errors import ConfigProblem, read_bytes

__all__ = [
    "PRESETS", "WINDOW_OPTIONS", "SplitDirection", "SendSpec", "PaneSpec", "SplitSpec", "WindowSpec", "Workspace",
    "WorkspaceLoadResult", "Issue", "load_workspace", "loads_workspace", "dump_workspace", "check_workspace",
    "resolve_workspace", "iter_panes", "finish_workspace", "SUFFIXES", "Size", "Node",
]

PRESETS = ("even-horizontal", "even-vertical", "main-horizontal", "main-vertical", "tiled")
"""The layout presets a window's ``layout`` may name (the same names as tmux)."""

WINDOW_OPTIONS: Mapping[str, str] = {
    "synchronize-panes": "true or false: keys typed in one pane go to every pane of the window",
    "main-pane-height": "cells (30) or a percentage (\"60%\") for the main pane of main-horizontal",
    "main-pane-width": "cells (80) or a percentage (\"60%\") for the main pane of main-vertical",
}
"""The window options a workspace may set, with what each expects."""

SUFFIXES = (".toml", ".py", ".yaml", ".yml", ".json")


class SplitDirection(enum.Enum):
    """How a split places its children: ``horizontal`` side by side (tmux ``split-window -h``),
    ``vertical`` stacked top to bottom (``split-window -v``)."""

    HORIZONTAL = "horizontal"
    VERTICAL = "vertical"

    @property
    def other(self) -> SplitDirection:
        return SplitDirection.VERTICAL if self is SplitDirection.HORIZONTAL else SplitDirection.HORIZONTAL


Size = Union[int, str, None]
"""A pane's size along its split: cells (``30``), a percentage (``"40%"``), or None for an even share."""


def _freeze_env(env: Mapping[str, str] | None) -> dict[str, str]:
    return dict(env or {})


@dataclass(frozen=True)
class SendSpec:
    """One line typed into a pane's shell once it is ready; Enter is pressed after it unless ``enter`` is false.
    ``sleep_before`` / ``sleep_after``: seconds waited before typing it and after (tmuxp's per-command keys)."""

    text: str
    enter: bool = True
    sleep_before: float = 0.0
    sleep_after: float = 0.0


@dataclass(frozen=True)
class PaneSpec:
    """One pane.

    - ``command``: a command line run (with ``$SHELL -c``) instead of an interactive shell; None for a shell.
    - ``shell``: the interactive shell program to start (None: the user's ``$SHELL``).
    - ``send``: lines typed into the shell once it is ready (plain strings take ``enter`` as their Enter flag).
    - ``enter``: whether Enter follows each plain-string line of ``send``.
    - ``title``: the pane title; ``focus``: this pane is the active one of its window.
    - ``remain_on_exit``: keep the pane when its process ends (None: the session's setting).
    - ``size``: cells or a percentage along the enclosing split (None: an even share).
    - ``cwd``: the working directory (after loading: absolute, inherited from the window when not set).
    - ``env``: extra environment (after loading: merged with the window's and the session's).
    - ``wait``: text whose appearance in this pane's output lets the window's later panes start.
    - ``wait_timeout``: seconds to wait for ``wait`` (None: the applier's default).
    - ``sleep_before`` / ``sleep_after``: seconds to pause before the first line and after the last one.
    """

    command: str | None = None
    send: Sequence[SendSpec | str] = ()
    enter: bool = True
    title: str | None = None
    focus: bool = False
    remain_on_exit: bool | None = None
    size: Size = None
    cwd: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    wait: str | None = None
    wait_timeout: float | None = None
    shell: str | None = None
    sleep_before: float = 0.0
    sleep_after: float = 0.0

    def __post_init__(self) -> None:
        items = [self.send] if isinstance(self.send, (str, SendSpec)) else list(self.send)
        send = tuple(item if isinstance(item, SendSpec) else SendSpec(item, self.enter) for item in items)
        object.__setattr__(self, "send", send)
        object.__setattr__(self, "env", _freeze_env(self.env))
        if isinstance(self.cwd, os.PathLike):
            object.__setattr__(self, "cwd", os.fspath(self.cwd))


@dataclass(frozen=True)
class SplitSpec:
    """A split: ``children`` (panes or further splits) placed in ``direction``; ``size`` is its own share
    along its parent split."""

    direction: SplitDirection
    children: Sequence[SplitSpec | PaneSpec]
    size: Size = None

    def __post_init__(self) -> None:
        if isinstance(self.direction, str):
            object.__setattr__(self, "direction", SplitDirection(self.direction))
        object.__setattr__(self, "children", tuple(self.children))


Node = Union[SplitSpec, PaneSpec]


@dataclass(frozen=True)
class WindowSpec:
    """One window.

    - ``layout``: a preset name (:data:`PRESETS`), a tmux layout string, or None. With a layout, ``root``
      is a split whose children are all panes, which the layout arranges.
    - ``root``: the pane, or the split tree of panes.
    - ``cwd`` / ``env``: inherited by the panes; ``focus``: this window is the current one.
    - ``options``: window options (:data:`WINDOW_OPTIONS`), e.g. ``{"synchronize-panes": True}``.
    - ``index``: the window's number (tmuxp's ``window_index``), else the next free one; the session's first
      window keeps the number the session gives it, as in tmuxp.
    - ``set_options`` / ``options_after``: option names and values given to ``set-option -w`` as they are
      (tmuxp's window ``options``, set once the window is made, and ``options_after``, once its panes are);
      an option the server does not have is reported and skipped.
    """

    name: str | None = None
    layout: str | None = None
    root: Node = field(default_factory=PaneSpec)
    cwd: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    focus: bool = False
    options: Mapping[str, Any] = field(default_factory=dict)
    index: int | None = None
    set_options: Mapping[str, str] = field(default_factory=dict)
    options_after: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "env", _freeze_env(self.env))
        object.__setattr__(self, "options", dict(self.options or {}))
        object.__setattr__(self, "set_options", dict(self.set_options or {}))
        object.__setattr__(self, "options_after", dict(self.options_after or {}))
        if isinstance(self.cwd, os.PathLike):
            object.__setattr__(self, "cwd", os.fspath(self.cwd))

    @property
    def panes(self) -> list[PaneSpec]:
        """The window's panes in order (depth first)."""
        return [pane for _, pane in iter_panes(self.root)]


@dataclass(frozen=True)
class Workspace:
    """A whole session: its name (None: a generated one), working directory, environment and windows; its
    size in cells (None: the server's default, until a client attaches), as a saved session had it.

    ``before_script``: a command line run (without a shell, in the session's directory) once the session is
    made and before its windows are; when it fails the session is killed and the load fails (tmuxp's
    ``before_script``). ``options`` / ``global_options``: given to ``set-option`` for the session and with
    ``-g`` once the session is made; an option the server does not have is reported and skipped."""

    session: str | None = None
    cwd: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    windows: Sequence[WindowSpec] = ()
    size: tuple[int, int] | None = None
    before_script: str | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    global_options: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "env", _freeze_env(self.env))
        object.__setattr__(self, "windows", tuple(self.windows))
        object.__setattr__(self, "options", dict(self.options or {}))
        object.__setattr__(self, "global_options", dict(self.global_options or {}))
        if isinstance(self.cwd, os.PathLike):
            object.__setattr__(self, "cwd", os.fspath(self.cwd))


class WorkspaceLoadResult(NamedTuple):
    """What :func:`load_workspace` found: a workspace when there are no problems, the problems (each
    ``FILE:LINE: message``), warnings (things read but not supported), and whether the file is missing."""

    workspace: Workspace | None
    problems: tuple[ConfigProblem, ...] = ()
    warnings: tuple[ConfigProblem, ...] = ()
    missing: bool = False

    @property
    def ok(self) -> bool:
        return self.workspace is not None and not self.problems

    @property
    def unreadable(self) -> ConfigProblem | None:
        """The problem when the file itself could not be read (missing, a directory, permission denied)."""
        return next((problem for problem in self.problems if problem.unreadable), None)


class Issue(NamedTuple):
    """A problem found in a workspace, at a model path like ``("window", 0, "pane", 1, "size")``; each file
    format turns the path into a line of its own."""

    path: KeyPath
    message: str


# -- walking and resolving ------------------------------------------------------------------------

def iter_panes(node: Node, path: KeyPath = ()) -> Iterator[tuple[KeyPath, PaneSpec]]:
    """Each pane under ``node`` with its model path (``("pane", 1, "pane", 0)``), depth first."""
    if isinstance(node, PaneSpec):
        yield path, node
        return
    for index, child in enumerate(node.children):
        yield from iter_panes(child, path + ("pane", index))


def _window_children(window: WindowSpec) -> list[tuple[KeyPath, Node]]:
    """The top-level nodes of a window with their paths: a root split's children, or the one root pane."""
    if isinstance(window.root, SplitSpec):
        return [(("pane", index), child) for index, child in enumerate(window.root.children)]
    return [(("pane", 0), window.root)]


_VAR = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


def _expand(text: str, env: Mapping[str, str]) -> str:
    """``~`` and ``$VAR`` / ``${VAR}`` expanded from ``env`` then the process environment; unknown ones kept."""
    def variable(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return env.get(name, os.environ.get(name, match.group(0)))

    return os.path.expanduser(_VAR.sub(variable, text))


def _resolve_cwd(cwd: str | None, parent: str | None, anchor: str, env: Mapping[str, str]) -> str | None:
    """``cwd`` made absolute against the enclosing cwd, else ``anchor`` (the file's folder); unset inherits."""
    if cwd is None:
        return parent
    return os.path.normpath(os.path.join(parent or anchor, _expand(cwd, env)))


def resolve_workspace(workspace: Workspace, base_dir: str | os.PathLike[str]) -> Workspace:
    """The workspace with every cwd absolute and inherited inward (a relative one is relative to the
    enclosing one, else to ``base_dir``, the file's folder) and every env merged inward (session, window,
    pane). A cwd set nowhere stays None: the pane starts where muntin is run. Resolving twice changes nothing."""
    anchor = os.path.abspath(os.fspath(base_dir))
    session_cwd = _resolve_cwd(workspace.cwd, None, anchor, workspace.env)

    def node(item: Node, cwd: str | None, env: Mapping[str, str]) -> Node:
        if isinstance(item, SplitSpec):
            return replace(item, children=[node(child, cwd, env) for child in item.children])
        merged = {**env, **item.env}
        return replace(item, cwd=_resolve_cwd(item.cwd, cwd, anchor, merged), env=merged)

    windows = []
    for window in workspace.windows:
        env = {**workspace.env, **window.env}
        cwd = _resolve_cwd(window.cwd, session_cwd, anchor, env)
        windows.append(replace(window, cwd=cwd, env=env, root=node(window.root, cwd, env)))
    return replace(workspace, cwd=session_cwd, windows=windows)


# -- checking -------------------------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_TMUX_LAYOUT = re.compile(r"^[0-9a-fA-F]{4},\d+x\d+,\d+,\d+")
_TMUX_LEAF = re.compile(r"\d+x\d+,\d+,\d+,\d+")
SIZE_FORMS = 'cells (30) or a percentage under 100% ("40%")'


def size_percent(size: Size) -> float | None:
    """The percentage of a ``"40%"`` size, else None."""
    match = _SIZE.match(size) if isinstance(size, str) else None
    return float(match.group(1)) if match else None


def _size_problem(size: Size) -> str | None:
    if size is None or (isinstance(size, int) and not isinstance(size, bool) and size > 0):
        return None
    percent = size_percent(size)
    if percent is not None and 0 < percent < 100:
        return None
    return f"size {size!r} is not possible: expected {SIZE_FORMS}"


def _tmux_checksum(body: str) -> int:
    csum = 0
    for char in body:
        csum = ((csum >> 1) + ((csum & 1) << 15) + ord(char)) & 0xFFFF
    return csum


def _layout_problem(layout: str, panes: int) -> str | None:
    if layout in PRESETS:
        return None
    if not _TMUX_LAYOUT.match(layout):
        return f"unknown layout {layout!r}: expected a preset ({', '.join(PRESETS)}) or a tmux layout string"
    head, _, body = layout.partition(",")
    if _tmux_checksum(body) != int(head, 16):
        return f"tmux layout string {layout!r} has a wrong checksum ({_tmux_checksum(body):04x} expected)"
    leaves = len(_TMUX_LEAF.findall(body))
    if leaves != panes:
        return f"the tmux layout string has {leaves} panes but the window has {panes}"
    return None


def _check_split(split: SplitSpec, path: KeyPath, out: list[Issue]) -> None:
    if len(split.children) < 2:
        out.append(Issue(path + ("split",), f"a split needs 2 panes or more, it has {len(split.children)}"))
    percents = [(index, size_percent(child.size)) for index, child in enumerate(split.children)]
    percents = [(index, p) for index, p in percents if p is not None and 0 < p < 100]
    total = sum(p for _, p in percents)
    unsized = sum(1 for child in split.children if child.size is None)
    if total > 100 or (total == 100 and unsized):
        out.append(Issue(path + ("pane", percents[-1][0], "size"),
                         f"the sizes of this split's panes add up to {total:g}%: they must leave room for every pane"))


def _check_node(node: Node, path: KeyPath, parent_cwd: str | None, out: list[Issue]) -> None:
    problem = _size_problem(node.size)
    if problem:
        out.append(Issue(path + ("size",), problem))
    if isinstance(node, SplitSpec):
        _check_split(node, path, out)
        for index, child in enumerate(node.children):
            _check_node(child, path + ("pane", index), parent_cwd, out)
        return
    if node.command is not None and node.shell is not None:
        out.append(Issue(path + ("shell",), "a pane has either a command or a shell, not both"))
    for name in ("sleep_before", "sleep_after", "wait_timeout"):
        value = getattr(node, name)
        if value is not None and value < 0:
            out.append(Issue(path + (name,), f"{name} {value!r} is negative: expected seconds, 0 or more"))
    _check_cwd(node.cwd, parent_cwd, path, out)


def _check_cwd(cwd: str | None, parent_cwd: str | None, path: KeyPath, out: list[Issue]) -> None:
    """A missing directory, reported where it is set and not again where it is inherited."""
    if cwd is not None and cwd != parent_cwd and not os.path.isdir(cwd):
        out.append(Issue(path + ("cwd",), f"the directory {cwd!r} does not exist: expected an existing "
                                          "directory (a relative one is relative to the enclosing cwd or the file)"))


def check_workspace(workspace: Workspace) -> list[Issue]:
    """Everything that makes the (resolved) workspace impossible to start, each at its model path."""
    out: list[Issue] = []
    name = workspace.session
    if name is not None and (not name.strip() or any(c in name for c in ".:")):
        out.append(Issue(("session",), f"session name {name!r} is not possible: expected a non-empty name "
                                       "without '.' or ':'"))
    _check_cwd(workspace.cwd, None, (), out)
    focused = [index for index, window in enumerate(workspace.windows) if window.focus]
    for index in focused[1:]:
        out.append(Issue(("window", index, "focus"), f"two windows have focus = true (windows {focused[0] + 1} "
                                                     f"and {index + 1}): at most one may"))
    for index, window in enumerate(workspace.windows):
        _check_window(window, ("window", index), workspace.cwd, out)
    return out


def _check_window(window: WindowSpec, path: KeyPath, session_cwd: str | None, out: list[Issue]) -> None:
    _check_cwd(window.cwd, session_cwd, path, out)
    panes = list(iter_panes(window.root))
    if window.layout is not None:
        problem = _layout_problem(window.layout, len(panes))
        if problem:
            out.append(Issue(path + ("layout",), problem))
        nested = [p for p, node in _window_children(window) if isinstance(node, SplitSpec)]
        if nested:
            out.append(Issue(path + nested[0], "a window with a layout lists its panes flat: drop the layout "
                                               "to nest splits, or drop the nested split"))
    focused = [pane_path for pane_path, pane in panes if pane.focus]
    for pane_path in focused[1:]:
        out.append(Issue(path + pane_path + ("focus",), "two panes of this window have focus = true: at most one may"))
    for key, value in window.options.items():
        problem = _option_problem(key, value)
        if problem:
            out.append(Issue(path + ("options", key), problem))
    if window.root.size is not None:
        out.append(Issue(path + ("pane", 0, "size"), "the only pane or split of a window fills the window: "
                                                     "drop its size, or give the window more panes"))
    if isinstance(window.root, SplitSpec) and window.layout is None:
        _check_split(window.root, path, out)
    for child_path, child in _window_children(window):
        _check_node(child, path + child_path, window.cwd, out)


def _option_problem(key: str, value: Any) -> str | None:
    if key not in WINDOW_OPTIONS:
        return f"unknown window option {key!r}: expected one of {', '.join(WINDOW_OPTIONS)}"
    if key == "synchronize-panes":
        return None if isinstance(value, bool) else f"{key} = {value!r}: expected true or false"
    problem = _size_problem(value)
    return f"{key} = {value!r}: expected {SIZE_FORMS}" if problem or value is None else None


# -- reading the native TOML format ---------------------------------------------------------------

class _Kind(NamedTuple):
    """What a key's value must be: a check and the words for it in a problem."""

    accepts: Callable[[Any], bool]
    expected: str


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_seconds(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_env(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                           for v in value.values())


def _is_size(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or isinstance(value, str)


def _is_send(value: Any) -> bool:
    return isinstance(value, (str, list))


def _is_split(value: Any) -> bool:
    return value in {d.value for d in SplitDirection}


_STR = _Kind(_is_str, "a string")
_BOOL = _Kind(_is_bool, "true or false")
_SECONDS = _Kind(_is_seconds, "seconds (a number)")
_ENV = _Kind(_is_env, 'a table of strings (env = { NAME = "value" })')
_SIZE_KIND = _Kind(_is_size, SIZE_FORMS)
_SEND = _Kind(_is_send, 'a string or a list of strings and { text = "...", enter = false } tables')
_SPLIT = _Kind(_is_split, '"horizontal" (side by side) or "vertical" (stacked)')
_TABLE = _Kind(lambda value: isinstance(value, dict), "a table")
_TABLES = _Kind(lambda value: isinstance(value, list) and all(isinstance(v, dict) for v in value),
                "tables ([[...]] sections)")

_SESSION_KEYS: Mapping[str, _Kind] = {"session": _STR, "cwd": _STR, "env": _ENV, "window": _TABLES}
_WINDOW_KEYS: Mapping[str, _Kind] = {
    "name": _STR, "layout": _STR, "split": _SPLIT, "cwd": _STR, "env": _ENV, "focus": _BOOL,
    "options": _TABLE, "pane": _TABLES,
}
_PANE_KEYS: Mapping[str, _Kind] = {
    "command": _STR, "shell": _STR, "send": _SEND, "enter": _BOOL, "title": _STR, "focus": _BOOL,
    "remain_on_exit": _BOOL, "size": _SIZE_KIND, "cwd": _STR, "env": _ENV, "wait": _STR,
    "wait_timeout": _SECONDS, "sleep_before": _SECONDS, "sleep_after": _SECONDS, "split": _SPLIT, "pane": _TABLES,
}
_SPLIT_KEYS = ("split", "pane", "size", "cwd", "env")
_SEND_KEYS: Mapping[str, _Kind] = {"text": _STR, "enter": _BOOL, "sleep_before": _SECONDS, "sleep_after": _SECONDS}


def _dotted(path: KeyPath) -> str:
    """``("window", 1, "pane", 0, "size")`` -> ``window[2].pane[1].size`` (counted from 1, as people do)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _TomlReader:
    """Turns the tables of a native workspace file into a Workspace, collecting issues at key paths."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def table(self, data: dict[str, Any], path: KeyPath, keys: Mapping[str, _Kind], what: str) -> dict[str, Any]:
        """The known keys of ``data`` whose values have the right type; an issue for each other one."""
        good = {}
        for key, value in data.items():
            kind = keys.get(key)
            if kind is None:
                self.issues.append(Issue(path + (key,), f"unknown key {key!r} in {what}: expected one of "
                                                        f"{', '.join(keys)}"))
            elif not kind.accepts(value):
                self.issues.append(Issue(path + (key,), f"{_dotted(path + (key,))} = {_show(value)}: expected "
                                                        f"{kind.expected}"))
            else:
                good[key] = value
        return good

    def workspace(self, data: dict[str, Any]) -> Workspace:
        top = self.table(data, (), _SESSION_KEYS, "the session")
        windows = [self.window(item, ("window", index)) for index, item in enumerate(top.get("window", []))]
        return Workspace(session=top.get("session"), cwd=top.get("cwd"), env=_env(top.get("env")), windows=windows)

    def window(self, data: dict[str, Any], path: KeyPath) -> WindowSpec:
        good = self.table(data, path, _WINDOW_KEYS, "a window")
        direction = SplitDirection(good.get("split", SplitDirection.VERTICAL.value))
        children = [self.node(item, path + ("pane", index), direction.other)
                    for index, item in enumerate(good.get("pane", []))]
        root: Node = SplitSpec(direction, children) if len(children) > 1 else (children or [PaneSpec()])[0]
        if len(children) == 1 and "split" in good:
            self.issues.append(Issue(path + ("split",), "a split needs 2 panes or more, it has 1"))
        return WindowSpec(name=good.get("name"), layout=good.get("layout"), root=root, cwd=good.get("cwd"),
                          env=_env(good.get("env")), focus=good.get("focus", False),
                          options=good.get("options", {}))

    def node(self, data: dict[str, Any], path: KeyPath, default: SplitDirection) -> Node:
        if "split" in data or "pane" in data:
            return self.split(data, path, default)
        good = self.table(data, path, _PANE_KEYS, "a pane")
        enter = good.get("enter", True)
        send = self.sends(good.get("send", []), path + ("send",), enter)
        values = {key: good[key] for key in ("command", "shell", "title", "focus", "remain_on_exit", "size", "cwd",
                                             "wait", "wait_timeout", "sleep_before", "sleep_after") if key in good}
        return PaneSpec(send=send, enter=enter, env=_env(good.get("env")), **values)

    def split(self, data: dict[str, Any], path: KeyPath, default: SplitDirection) -> SplitSpec:
        for key in data:
            if key not in _SPLIT_KEYS and key in _PANE_KEYS:
                self.issues.append(Issue(path + (key,), f"{key!r} belongs to a pane, and this one is a split "
                                                        "(it has split or pane keys): move it into one of its panes"))
        good = self.table({k: v for k, v in data.items() if k in _SPLIT_KEYS or k not in _PANE_KEYS}, path,
                          {k: _PANE_KEYS[k] for k in _SPLIT_KEYS}, "a split")
        direction = SplitDirection(good.get("split", default.value))
        inherited = {key: good[key] for key in ("cwd", "env") if key in good}
        children = []
        for index, item in enumerate(good.get("pane", [])):
            child = self.node(item, path + ("pane", index), direction.other)
            children.append(_push_down(child, inherited))
        return SplitSpec(direction, children, good.get("size"))

    def sends(self, value: str | list[Any], path: KeyPath, enter: bool) -> list[SendSpec]:
        items = [value] if isinstance(value, str) else value
        out = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                out.append(SendSpec(item, enter))
            elif isinstance(item, dict):
                good = self.table(item, path + (index,), _SEND_KEYS, "a send line")
                if "text" not in good:
                    self.issues.append(Issue(path + (index,), f"{_dotted(path + (index,))} has no text: expected "
                                                              '{ text = "...", enter = false }'))
                out.append(SendSpec(good.get("text", ""), good.get("enter", enter), good.get("sleep_before", 0.0),
                                    good.get("sleep_after", 0.0)))
            else:
                self.issues.append(Issue(path + (index,), f"{_dotted(path + (index,))} = {_show(item)}: expected "
                                                          'a string or { text = "...", enter = false }'))
        return out


def _push_down(node: Node, inherited: Mapping[str, Any]) -> Node:
    """A split's cwd and env handed to its children (a child's own values win)."""
    if not inherited:
        return node
    if isinstance(node, SplitSpec):
        return replace(node, children=[_push_down(child, inherited) for child in node.children])
    env = {**_env(inherited.get("env")), **node.env}
    cwd = node.cwd if node.cwd is None or os.path.isabs(os.path.expanduser(node.cwd)) or "cwd" not in inherited \
        else os.path.join(inherited["cwd"], node.cwd)
    return replace(node, env=env, cwd=cwd if cwd is not None else inherited.get("cwd"))


def _env(value: Mapping[str, Any] | None) -> dict[str, str]:
    return {str(key): str(item) for key, item in (value or {}).items()}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


# -- loading --------------------------------------------------------------------------------------

def finish_workspace(workspace: Workspace, path: Path, line: Callable[[KeyPath], int], issues: Sequence[Issue] = (),
                     problems: Sequence[ConfigProblem] = (),
                     warnings: Sequence[ConfigProblem] = ()) -> WorkspaceLoadResult:
    """The result of a file read into ``workspace``: resolved against the file's folder and checked; issues
    (at model paths, placed by ``line``) join the ``problems`` the reader already placed."""
    resolved = resolve_workspace(workspace, path.parent)
    found = list(problems) + [ConfigProblem(path, line(issue.path), issue.message)
                              for issue in list(issues) + check_workspace(resolved)]
    by_line = lambda problem: problem.line  # noqa: E731
    return WorkspaceLoadResult(None if found else resolved, tuple(sorted(found, key=by_line)),
                               tuple(sorted(warnings, key=by_line)))


def loads_workspace(text: str, path: str | os.PathLike[str] = "<workspace>") -> WorkspaceLoadResult:
    """A workspace from the text of a native TOML file; ``path`` names it in problems and anchors relative cwds."""
    import tomllib  # loaded with the first file, as in parse_config

    where = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return WorkspaceLoadResult(None, (ConfigProblem(where, int(match.group(1)) if match else 0,
                                                        f"not valid TOML: {message}"),))
    positions = KeyPositions(text)
    reader = _TomlReader()
    workspace = reader.workspace(data)
    return finish_workspace(workspace, where, lambda key: positions.line(*key), reader.issues)


def _load_python(path: Path) -> WorkspaceLoadResult:
    """Run a ``.py`` layout file: it defines ``workspace`` (a Workspace) or ``build() -> Workspace``."""
    import runpy

    try:
        namespace = runpy.run_path(str(path), run_name="__muntin_layout__")
        value = namespace.get("workspace")
        if value is None and callable(namespace.get("build")):
            value = namespace["build"]()
    except (Exception, SystemExit) as error:  # the user's code: report where it failed, whatever it raised
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if Path(frame.filename).resolve() == path.resolve()]
        line = frames[-1].lineno if frames else getattr(error, "lineno", 0) or 0
        message = f"{type(error).__name__}: {error}"
        return WorkspaceLoadResult(None, (ConfigProblem(path, line or 0, message),))
    if not isinstance(value, Workspace):
        found = "nothing" if value is None else type(value).__name__
        return WorkspaceLoadResult(None, (ConfigProblem(path, 0, f"a .py layout file must define `workspace` (a "
                                                                 f"muntin.config.workspace.Workspace) or `build()` "
                                                                 f"returning one; it gave {found}"),))
    return finish_workspace(value, path, lambda key: 0)


def _load_tmuxp(path: Path, text: str) -> WorkspaceLoadResult:
    from muntin.config import tmuxp

    return tmuxp.loads_tmuxp(text, path)


def load_workspace(path: str | os.PathLike[str]) -> WorkspaceLoadResult:
    """Load a workspace file by its suffix: ``.toml`` (native), ``.py`` (built in code), ``.yaml``/``.yml``/
    ``.json`` (tmuxp). A missing file gives ``missing=True``; problems come as ``FILE:LINE: message``."""
    where = Path(path)
    suffix = where.suffix.lower()
    if suffix not in SUFFIXES:
        return WorkspaceLoadResult(None, (ConfigProblem(where, 0, f"unknown workspace file type {suffix!r}: "
                                                                  f"expected one of {', '.join(SUFFIXES)}"),))
    raw = read_bytes(where)
    if isinstance(raw, ConfigProblem):
        return WorkspaceLoadResult(None, (raw,), missing=raw.message == "no such file")
    if suffix == ".py":
        return _load_python(where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        return WorkspaceLoadResult(None, (ConfigProblem(where, line, "not UTF-8 text"),))
    return loads_workspace(text, where) if suffix == ".toml" else _load_tmuxp(where, text)


# -- writing --------------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, SendSpec):
        sleeps = "".join(f", {name} = {_toml_value(getattr(value, name))}" for name in ("sleep_before", "sleep_after")
                         if getattr(value, name))
        return f"{{ text = {_toml_string(value.text)}, enter = {_toml_value(value.enter)}{sleeps} }}"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }" if value \
            else "{}"
    return "[" + ", ".join(_toml_value(item) for item in value) + "]"


def _dump_keys(values: Mapping[str, Any]) -> list[str]:
    return [f"{key} = {_toml_value(value)}" for key, value in values.items()]


_PANE_DEFAULTS = {f.name: f.default for f in fields(PaneSpec) if f.name not in ("send", "env")}


def _own_env(env: Mapping[str, str], inherited: Mapping[str, str]) -> dict[str, str] | None:
    """The part of a merged env its level adds or changes (None when nothing)."""
    own = {key: value for key, value in env.items() if inherited.get(key) != value}
    return own or None


def _dump_node(node: Node, header: str, window: WindowSpec, out: list[str]) -> None:
    out.append(f"[[{header}]]")
    if isinstance(node, SplitSpec):
        values = {"split": node.direction.value, "size": node.size}
        out.extend(_dump_keys({k: v for k, v in values.items() if v is not None}))
        for child in node.children:
            out.append("")
            _dump_node(child, header + ".pane", window, out)
        return
    values = {name: getattr(node, name) for name, default in _PANE_DEFAULTS.items()
              if getattr(node, name) != default and not (name == "cwd" and node.cwd == window.cwd)}
    if node.send:
        values["send"] = [item.text if item.enter == node.enter and not (item.sleep_before or item.sleep_after)
                          else item for item in node.send]
    values["env"] = _own_env(node.env, window.env)
    out.extend(_dump_keys({k: v for k, v in values.items() if v is not None}))


def dump_workspace(workspace: Workspace) -> str:
    """The workspace as a native TOML file that :func:`load_workspace` reads back to an equal Workspace.

    Give it a resolved workspace (a loaded one, or one through :func:`resolve_workspace`): values a level
    inherits unchanged (cwd, env) are left out, so the file says only what each level adds."""
    out: list[str] = []
    top = {"session": workspace.session, "cwd": workspace.cwd, "env": workspace.env or None}
    out.extend(_dump_keys({k: v for k, v in top.items() if v is not None}))
    for window in workspace.windows:
        out.append("")
        out.append("[[window]]")
        values: dict[str, Any] = {"name": window.name, "layout": window.layout,
                                  "cwd": window.cwd if window.cwd != workspace.cwd else None,
                                  "env": _own_env(window.env, workspace.env), "focus": window.focus or None,
                                  "options": window.options or None}
        root = window.root
        if isinstance(root, SplitSpec) and (window.layout is None or root.direction is not SplitDirection.VERTICAL):
            values["split"] = root.direction.value
        out.extend(_dump_keys({k: v for k, v in values.items() if v is not None}))
        children = root.children if isinstance(root, SplitSpec) else [root]
        for child in children:
            out.append("")
            _dump_node(child, "window.pane", window, out)
    return "\n".join(out).lstrip("\n") + "\n"
