"""The prompts' history, kept in the server as tmux keeps it: show-prompt-history, clear-prompt-history,
and add-prompt-history, which an attached client's prompt runs on Enter (Up and Down walk the history)."""

from __future__ import annotations

import os

from muntin.commands import OPTIONS, Args, CommandError, Result
from muntin.commands.handlers._context import Context, command

PROMPT_TYPES = ("command", "search", "target", "window-target")
"""tmux's prompt types, in its order."""


def _types(args: Args) -> tuple[str, ...]:
    chosen = args.get("-T")
    if chosen is None:
        return PROMPT_TYPES
    if chosen not in PROMPT_TYPES:
        raise CommandError(f"invalid type: {chosen} (one of {', '.join(PROMPT_TYPES)})", os.EX_USAGE)
    return (chosen,)


@command("show-prompt-history")
def show_prompt_history(ctx: Context, args: Args) -> Result:
    """As tmux's: for each type a heading, a blank line, the entries numbered from 1, and a blank line."""
    lines: list[str] = []
    for kind in _types(args):
        lines += [f"History for {kind}:", ""]
        lines += [f"{number}: {line}" for number, line in enumerate(ctx.model.prompt_history.get(kind, ()), 1)]
        lines.append("")
    return Result.success(*lines)


@command("clear-prompt-history")
def clear_prompt_history(ctx: Context, args: Args) -> Result:
    for kind in _types(args):
        ctx.model.prompt_history.pop(kind, None)
    return Result.success()


@command("add-prompt-history")
def add_prompt_history(ctx: Context, args: Args) -> Result:
    """As tmux's status_prompt_add_history: the same line twice in a row is kept once, and only the newest
    prompt-history-limit lines stay."""
    kind = args.get("-T") or "command"
    _types(args)
    line = args.get("LINE")
    limit = int(ctx.model.options.get("prompt-history-limit", OPTIONS["prompt-history-limit"].default))
    history = ctx.model.prompt_history.setdefault(kind, [])
    if not history or history[-1] != line:
        history.append(line)
    del history[:max(len(history) - limit, 0)]
    return Result.success()
