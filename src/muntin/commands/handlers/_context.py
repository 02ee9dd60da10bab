"""What command handlers need from the server that runs them, and helpers they share."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from muntin.commands import Args, CommandError, Current, KeyTables, Resolved, Result, TargetKind, handler, resolve
from muntin.commands.channels import Channels
from muntin.commands.aliases import CommandAliases
from muntin.commands.hooks import Hooks
from muntin.commands.messages import MessageLog
from muntin.layout import LayoutError, Split
from muntin.process import ExitStatus
from muntin.session import Model, ModelView, Pane, PaneCommand, Placement, Session, Window


@dataclass(frozen=True)
class ClientRecord:
    """An attached client as list-clients and the ``client_*`` formats see it."""

    session: Session
    tty: str
    term: str
    width: int
    height: int
    pid: int
    calling: bool = False  # it runs the command
    active_at: int = 0  # when it was last used: the latest is the one formats speak of
    created: float = 0.0  # when it connected and when it was last used, as wall-clock times
    activity: float = 0.0

    @property
    def name(self) -> str:
        """The client's name, as tmux's: its tty."""
        return self.tty or f"client-{self.pid}"


class Context(Protocol):
    model: Model
    keys: KeyTables
    channels: Channels
    hooks: Hooks
    aliases: CommandAliases
    messages: MessageLog

    def current(self) -> Current: ...

    def view(self) -> ModelView: ...

    def new_session(self, name: str | None, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                    env: Mapping[str, str] | None = None, width: int = 80, height: int = 24,
                    window_name: str = "", options: Mapping[str, Any] | None = None) -> Session: ...

    def new_window(self, session: Session, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                   env: Mapping[str, str] | None = None, name: str = "", select: bool = True,
                   options: Mapping[str, Any] | None = None) -> Window: ...

    def split(self, window: Window, pane: Pane, split: Split, *, before: bool = False,
              size: int | str | None = None, full: bool = False, argv: Sequence[str] | None = None,
              cwd: str | None = None, env: Mapping[str, str] | None = None, select: bool = True,
              options: Mapping[str, Any] | None = None) -> Pane: ...

    async def respawn(self, pane: Pane) -> None: ...

    def command_argv(self, session: Session, argv: Sequence[str] | None,
                     env: Mapping[str, str] | None = None) -> PaneCommand:
        """What a pane runs for ``argv`` (one word: a shell line) or, with none, the default command."""

    async def kill_pane(self, pane: Pane, grace: float = 1.0) -> ExitStatus | None: ...

    def open_popup(self, place: Placement, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                   env: Mapping[str, str] | None = None, title: str = "", close: int = 0,
                   border: bool = True, client_name: str | None = None) -> Pane:
        """A popup over the calling (or latest attached) client's window, running ``argv`` in a new pane;
        ``close``: 0 stays after the command exits, 1 closes, 2 closes when it succeeded; ``client_name``:
        the client's tty instead."""

    def move_floating(self, window: Window, pane: Pane, x: int | None, y: int | None, width: int | None,
                      height: int | None) -> None:
        """Move or resize a floating pane (what is not given stays), kept inside the window."""

    def new_floating(self, window: Window, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                     env: Mapping[str, str] | None = None, select: bool = True) -> Pane:
        """A floating pane over ``window``'s tiled ones; the floating layer is shown."""

    def toggle_floating(self, window: Window) -> Pane | None:
        """Show or hide ``window``'s floating panes; showing none creates one (returned)."""

    async def close_popup(self, client_name: str | None = None) -> bool:
        """Close that client's popup; False when it has none."""

    async def kill_window(self, window: Window) -> None: ...

    async def kill_session(self, session: Session) -> None: ...

    def kill_server(self) -> None: ...

    def layout_changed(self, session: Session) -> None: ...

    def fit_sizes(self) -> None:
        """Every session to its attached clients' size again, as its window-size says."""

    def client_sizes(self, session: Session) -> list[tuple[int, int]]:
        """The width and height of each client attached to ``session``."""

    def client_records(self) -> list[ClientRecord]:
        """Each attached client, in the order they connected."""

    def window_removed(self, session: Session, window: Window) -> None:
        """``window`` left ``session``: another window becomes current, or the session ends."""

    def windows_changed(self, session: Session) -> None: ...

    def window_selected(self, session: Session) -> None: ...

    def send_action(self, session: Session | None, name: str, args: Mapping[str, Any],
                    client: str | None = None) -> int:
        """Ask UI clients to do ``name``: the one called ``client``, else the calling one, else those
        attached to ``session`` (None: every one); how many were asked."""

    def detach(self, session: Session | None) -> int: ...

    def detach_client(self, name: str) -> int:
        """Detach the attached client called ``name`` (its tty); how many there were."""

    def switch_client(self, session: Session) -> int:
        """Show ``session`` in the calling client (a UI), or in the most recently attached UI client."""

    def message(self, session: Session, text: str) -> None: ...

    def report(self, session: Session | None, text: str) -> None:
        """A problem nobody waits for (a hook's command failed): into the message log, and shown by the
        clients attached to ``session``."""

    def exit_when_empty(self) -> None:
        """The server ends once it has no session (after the request that runs), as tmux's exit-empty."""

    def raise_hook(self, name: str, session: Session | None = None, window: Window | None = None,
                   pane: Pane | None = None) -> None:
        """Event ``name`` happened there: its hook runs soon (``session-created``, ``pane-exited``, ...)."""

    def options_changed(self) -> None:
        """An option attached clients draw with changed: each gets the values for its session again."""

    def spawn_task(self, coro: Any) -> Any:
        """Run ``coro`` in the server's loop after the command returns (cancelled when the server stops)."""

    def refresh_control(self, size: str | None, flags: str | None, panes: Sequence[str] = ()) -> list[str]:
        """refresh-client -C WxH / -f FLAGS / -A %P:STATE for the calling control client: lines to print
        (%pause, %continue); ValueError says what is wrong (``not a control client``, ...)."""

    def pane_view_changed(self, pane: Pane) -> None:
        """The pane's copy-mode view changed: clients redraw all of it."""


def target(ctx: Context, args: Args, kind: TargetKind = TargetKind.PANE, text: str | None = None) -> Resolved:
    """What ``-t`` (or ``text``) names, from the calling client's current session."""
    return resolve(ctx.view(), text if text is not None else args.target, ctx.current(), kind)


def env_of(args: Args) -> dict[str, str] | None:
    """``-e VAR=VALUE`` words: what a new pane's environment sets on top of the server's and its
    session's (the server puts them together)."""
    extra = args.get("-e")
    if not extra:
        return None
    return dict(word.split("=", 1) for word in extra)


def pane_options(args: Args) -> dict[str, Any]:
    """``-o NAME=VALUE`` words: pane options checked against the option table, for a new pane."""
    from muntin.commands import OPTIONS, check_option

    options: dict[str, Any] = {}
    for word in args.get("-o") or ():
        name, _, text = word.partition("=")
        if name not in OPTIONS:
            raise CommandError(f"unknown option: {name}", os.EX_USAGE)
        try:
            options[name] = check_option(name, text)
        except ValueError as error:
            raise CommandError(str(error), os.EX_USAGE) from None
    return options


_FAILURES: tuple[tuple[type[BaseException], int], ...] = ((LayoutError, os.EX_DATAERR), (OSError, os.EX_OSERR))


def _translate(error: BaseException) -> CommandError | None:
    for kind, code in _FAILURES:
        if isinstance(error, kind):
            text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            return CommandError(text, code)
    return None


def command(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a handler for ``name``; layout and OS errors become error results a user can act on."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(function):
            @functools.wraps(function)
            async def wrapped_async(ctx: Context, args: Args) -> Result:
                try:
                    return await function(ctx, args)
                except (LayoutError, OSError) as error:
                    raise _translate(error) from None  # type: ignore[misc]

            return handler(name)(wrapped_async)

        @functools.wraps(function)
        def wrapped(ctx: Context, args: Args) -> Result:
            try:
                return function(ctx, args)
            except (LayoutError, OSError) as error:
                raise _translate(error) from None  # type: ignore[misc]

        return handler(name)(wrapped)

    return decorate
