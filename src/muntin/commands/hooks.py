"""Hooks as tmux keeps them: array options of command text, run after a command or when something happens."""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from muntin.commands.parser import ParseError, bind, quote_word, split_commands
from muntin.commands.targets import Current

HOOKS: tuple[str, ...] = (
    "after-bind-key", "after-capture-pane", "after-copy-mode", "after-display-message", "after-display-panes",
    "after-kill-pane", "after-list-buffers", "after-list-clients", "after-list-keys", "after-list-panes",
    "after-list-sessions", "after-list-windows", "after-load-buffer", "after-lock-server", "after-new-session",
    "after-new-window", "after-paste-buffer", "after-pipe-pane", "after-queue", "after-refresh-client",
    "after-rename-session", "after-rename-window", "after-resize-pane", "after-resize-window",
    "after-save-buffer", "after-select-layout", "after-select-pane", "after-select-window", "after-send-keys",
    "after-set-buffer", "after-set-environment", "after-set-hook", "after-set-option", "after-show-environment",
    "after-show-messages", "after-show-options", "after-split-window", "after-unbind-key", "alert-activity",
    "alert-bell", "alert-silence", "client-active", "client-attached", "client-detached", "client-focus-in",
    "client-focus-out", "client-resized", "client-session-changed", "pane-died", "pane-exited", "pane-focus-in",
    "pane-focus-out", "pane-mode-changed", "pane-set-clipboard", "pane-title-changed", "session-closed",
    "session-created", "session-renamed", "session-window-changed", "window-layout-changed", "window-linked",
    "window-pane-changed", "window-renamed", "window-resized", "window-unlinked")
"""tmux 3.3a's hooks, in its order (``show-hooks -g`` lists them all). An ``after-NAME`` hook runs after the
command NAME succeeds; the others run when muntin raises the event (see README: not all of them happen)."""

WINDOW_HOOKS = frozenset(name for name in HOOKS if name.startswith(("pane-", "window-"))
                         and name not in ("window-linked", "window-unlinked"))
"""The hooks tmux keeps with window options (``pane-*`` ones also with a pane's, by ``-p``); the others
are a session's."""

ARRAY_LIMIT = 1000
"""Commands one hook holds at most (indexes 0..999)."""

NESTING = 4
"""How deep hooks may run inside hooks (an event a hook's command raises runs its hooks, up to here)."""

_NAME = re.compile(r"([a-z-]+)(?:\[(\d+)\])?")
_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("muntin_hook_depth", default=0)
_TARGET: contextvars.ContextVar[Current | None] = contextvars.ContextVar("muntin_hook_target", default=None)


def hook_key(text: str) -> tuple[str, int | None]:
    """``after-new-window`` or ``after-new-window[3]`` as (name, index); ValueError for a name tmux has no
    hook of (tmux's words: invalid option)."""
    match = _NAME.fullmatch(text)
    if match is None or match.group(1) not in HOOKS:
        raise ValueError(f"invalid option: {text}")
    index = None if match.group(2) is None else int(match.group(2))
    if index is not None and index >= ARRAY_LIMIT:
        raise ValueError(f"array index too large: {text} (at most {ARRAY_LIMIT - 1})")
    return match.group(1), index


def canonical(text: str) -> str:
    """Command text checked and printed as tmux prints a hook: full command names, ``;`` between commands
    (``display -p hi`` is ``display-message -p hi``); raises ParseError."""
    printed = []
    for words in split_commands(text):
        invocation = bind(words)
        printed.append(" ".join([invocation.spec.name, *(quote_word(word.text) for word in words[1:])]))
    if not printed:
        raise ParseError("empty command")
    return " ; ".join(printed)


class Hooks:
    """Hook commands by scope (the global one, a session, a window or a pane), each an array by index."""

    def __init__(self) -> None:
        self.global_: dict[str, dict[int, str]] = {}
        self._scoped: weakref.WeakKeyDictionary[Any, dict[str, dict[int, str]]] = weakref.WeakKeyDictionary()

    def table(self, scope: Any) -> dict[str, dict[int, str]]:
        """The hooks set on ``scope`` (None: the global ones), to change."""
        if scope is None:
            return self.global_
        return self._scoped.setdefault(scope, {})

    def set(self, scope: Any, name: str, index: int | None, text: str, *, append: bool = False) -> None:
        """``set-hook``: ``text`` at ``index``; with no index the hook is that one command, or with
        ``append`` one more after the last."""
        table = self.table(scope)
        array = table.setdefault(name, {})
        if index is None and append:
            index = max(array, default=-1) + 1
            if index >= ARRAY_LIMIT:
                raise ValueError(f"{name} holds {ARRAY_LIMIT} commands already")
        elif index is None:
            array.clear()
            index = 0
        array[index] = text

    def unset(self, scope: Any, name: str, index: int | None) -> None:
        table = self.table(scope)
        if index is None:
            table.pop(name, None)
        elif name in table:
            table[name].pop(index, None)
            if not table[name]:
                del table[name]

    def commands(self, name: str, scopes: Iterable[Any]) -> list[str]:
        """The commands of hook ``name`` from the first of ``scopes`` (nearest first, then the global
        ones) that sets it, in index order."""
        for scope in [*scopes, None]:
            if scope is not None and scope not in self._scoped:
                continue
            array = self.table(scope).get(name)
            if array:
                return [array[index] for index in sorted(array)]
        return []

    def lines(self, scope: Any, names: Iterable[str], *, every: bool = False) -> list[str]:
        """``show-hooks`` lines: ``NAME[INDEX] COMMAND`` for each of ``names`` set there; with ``every``
        (the global hooks) the names of those not set too, as tmux lists them."""
        table = self.table(scope) if scope is None or scope in self._scoped else {}
        lines = []
        for hook in names:
            array = table.get(hook)
            if array:
                lines += [f"{hook}[{index}] {array[index]}" for index in sorted(array)]
            elif every:
                lines.append(hook)
        return lines


def hook_target() -> Current | None:
    """Where the hook that runs now (in this task) runs: its commands' current session, window and pane."""
    return _TARGET.get()


_MOUSE: contextvars.ContextVar[tuple[int, ...] | None] = contextvars.ContextVar("muntin_mouse", default=None)


@contextlib.contextmanager
def running_at(where: Current | None, mouse: tuple[int, ...] | None = None) -> Iterator[None]:
    """Commands run in this block (in this task) from ``where`` (None: from where they would), as a hook's
    do: a menu item runs from the menu's target, a mouse binding from the pane clicked; ``mouse`` is where
    the mouse event that runs them happened, as tmux keeps a command's mouse event: (x, y) on the screen,
    then (column, row) in the target pane when it was over one."""
    target_token = _TARGET.set(where) if where is not None else None
    mouse_token = _MOUSE.set(mouse)
    try:
        yield
    finally:
        _MOUSE.reset(mouse_token)
        if target_token is not None:
            _TARGET.reset(target_token)


def request_mouse() -> tuple[int, ...] | None:
    """Where the mouse event that runs the commands now (in this task) happened, or None."""
    return _MOUSE.get()


def in_hook() -> bool:
    """Whether a hook's commands run now (in this task): they run no after-* hooks, as in tmux."""
    return _DEPTH.get() > 0


def scopes(where: Current) -> list[Any]:
    """Where a hook is looked up for ``where``: its pane, window and session, nearest first."""
    return [scope for scope in (where.pane, where.window, where.session) if scope is not None]


async def run_hook(ctx: Any, name: str, where: Current, *, report: bool = True) -> list[Any]:
    """Run hook ``name``'s commands with ``where`` current, each to its end (a failing one does not stop
    the others); their Results. With ``report`` a failure is also logged and shown (an event's hook has
    nobody to answer); nothing is ever raised."""
    from muntin.commands.dispatch import Result, run

    texts = ctx.hooks.commands(name, scopes(where))
    if not texts or getattr(ctx, "stopping", False):  # none, or the server ends: nothing new may start
        return []
    depth = _DEPTH.get()
    if depth >= NESTING:
        problem = f"hook {name}: not run: hooks nested {NESTING} deep (does a hook set off itself?)"
        ctx.report(where.session, problem)
        return [Result.failure(problem, os.EX_SOFTWARE)]
    depth_token, target_token = _DEPTH.set(depth + 1), _TARGET.set(where)
    results = []
    try:
        for text in texts:
            try:
                result = await run(text, ctx)
            except Exception as error:  # noqa: BLE001 - a hook never takes the server down
                result = Result.failure(f"internal error: {type(error).__name__}: {error}", os.EX_SOFTWARE)
            results.append(result)
            if not result.ok and report:
                ctx.report(where.session, f"hook {name}: {result.error}")
    finally:
        _DEPTH.reset(depth_token)
        _TARGET.reset(target_token)
    return results


def after_target(ctx: Any, target: str | None, data: Any) -> Current:
    """Where an after-* hook runs: the pane a command made (new-session, new-window, split-window), else
    what its ``-t`` names, else the current place."""
    from muntin.commands.targets import TargetKind, resolve

    pane_id = data.get("pane") if isinstance(data, dict) else None
    if isinstance(pane_id, str) and pane_id.startswith("%") and pane_id[1:].isdigit():
        try:
            session, window, pane = ctx.model.locate(int(pane_id[1:]))
            return Current(session, window, pane)
        except LookupError:
            pass
    if target is not None:
        try:
            found = resolve(ctx.view(), target, ctx.current(), TargetKind.PANE)
            return Current(found.session, found.window, found.pane)
        except (LookupError, ValueError):
            pass
    return ctx.current()


def has_after_hook(ctx: Any, command: str) -> bool:
    """Whether ``after-COMMAND`` may run now: a hook of that name exists somewhere and no hook runs."""
    name = f"after-{command}"
    hooks = getattr(ctx, "hooks", None)
    return (isinstance(hooks, Hooks) and name in HOOKS and not in_hook()
            and (name in hooks.global_ or any(name in table for table in hooks._scoped.values())))
