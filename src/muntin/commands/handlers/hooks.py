"""Handlers for hooks: set-hook and show-hooks, as tmux 3.3a's."""

from __future__ import annotations

import os
from typing import Any

from muntin.commands import Args, CommandError, ParseError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, target
from muntin.commands.hooks import HOOKS, WINDOW_HOOKS, canonical, hook_key, run_hook
from muntin.commands.targets import Current


def _scope(ctx: Context, args: Args, name: str | None) -> tuple[Any, Current]:
    """Where hook ``name`` is kept for these flags, as tmux decides (``-g`` the global hooks; else a
    window's for a ``window-*`` or ``pane-*`` hook, a pane's with ``-p``; else the session's), and the place
    it stands for."""
    current = ctx.current()
    if args.target is None and current.session is None:
        if args.has("-g"):
            return None, current
        raise CommandError("no current session (give -t, or -g for the global hooks)", os.EX_USAGE)
    found = target(ctx, args, TargetKind.PANE)
    where = Current(found.session, found.window, found.pane)
    window_hook = name in WINDOW_HOOKS if name is not None else args.has("-w") or args.has("-p")
    if args.has("-g"):
        return None, where
    if window_hook and args.has("-p"):
        return found.pane, where
    return (found.window if window_hook else found.session), where


@command("set-hook")
async def set_hook(ctx: Context, args: Args) -> Result:
    """``set-hook [-agpRuw] [-t TARGET] HOOK [COMMAND]``: set, append to (-a), unset (-u) or run now (-R)."""
    try:
        name, index = hook_key(args.get("HOOK"))
    except ValueError as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    scope, where = _scope(ctx, args, name)
    if args.has("-R"):
        results = await run_hook(ctx, name, where, report=False)
        failed = next((result for result in results if not result.ok), None)
        if failed is not None:
            raise CommandError(failed.error, failed.exit_code)
        return Result.success(*(line for result in results for line in result.output))
    if args.has("-u"):
        ctx.hooks.unset(scope, name, index)
        return Result.success()
    text = args.get("COMMAND")
    if not text:
        raise CommandError("empty value", os.EX_USAGE)
    try:
        ctx.hooks.set(scope, name, index, canonical(text), append=args.has("-a"))
    except ParseError as error:
        raise CommandError(f"{name}: {error}", os.EX_USAGE) from None
    except ValueError as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    return Result.success()


@command("show-hooks")
def show_hooks(ctx: Context, args: Args) -> Result:
    """``show-hooks [-gpw] [-t TARGET] [HOOK]``: the hooks set there; ``-g`` lists every hook, set or not."""
    name = args.get("HOOK")
    if name is not None:
        try:
            name, _ = hook_key(name)
        except ValueError as error:
            raise CommandError(str(error), os.EX_USAGE) from None
    scope, _ = _scope(ctx, args, name)
    if name is not None:
        names: tuple[str, ...] = (name,)
    elif args.has("-p") and scope is None:
        names = ()  # tmux keeps no global pane hooks apart from the window ones
    else:
        window_hooks = args.has("-w") or args.has("-p")
        names = tuple(hook for hook in HOOKS if (hook in WINDOW_HOOKS) == window_hooks
                      and (not args.has("-p") or hook.startswith("pane-")))
    return Result.success(*ctx.hooks.lines(scope, names, every=scope is None))
