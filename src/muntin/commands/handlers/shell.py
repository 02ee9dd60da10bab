"""``run-shell`` and ``if-shell`` as tmux 3.3a has them: shell commands run by the server without blocking it."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from muntin.commands import Args, CommandError, Result, TargetKind, format_string, run
from muntin.commands.handlers._context import Context, command, target
from muntin.session import Session
from muntin.session.shell import ShellResult, run_shell


def _where(ctx: Context, args: Args) -> tuple[Session | None, dict[str, Any], str | None]:
    """The session, the format values and the directory a shell command runs with: the target pane's (or
    the current one's), nothing when there is no session yet (a config file read at the server's start)."""
    from muntin.commands.handlers.io import context_values, format_values

    try:
        found = target(ctx, args, TargetKind.PANE)
    except Exception:  # noqa: BLE001 - no session: the command runs with no pane, as tmux's CMD_FIND_CANFAIL
        if args.target is not None:
            raise
        return None, {}, None
    values = {**format_values(found.session, found.window, found.pane), **context_values(ctx, found.session)}
    cwd = values.get("pane_current_path") or getattr(found.session, "path", None)
    return found.session, values, cwd  # type: ignore[return-value]


def _environment(ctx: Context) -> dict[str, str]:
    env = dict(os.environ)
    for name, value in ctx.model.environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _lines(result: ShellResult) -> list[str]:
    text = result.output.decode("utf-8", errors="replace")
    lines = text.splitlines()
    if result.truncated:
        lines.append("[output cut: over the limit]")
    return lines


def _failure(command: str, result: ShellResult) -> tuple[str, int] | None:
    """tmux's words for a command that did not succeed, and the exit status it gives the client."""
    if result.timed_out:
        return f"'{command}' timed out and was killed", 124
    if result.signal is not None:
        return f"'{command}' terminated by signal {result.signal}", 128 + result.signal
    if result.code:
        return f"'{command}' returned {result.code}", result.code
    return None


def _delay(args: Args) -> float:
    text = args.get("-d")
    if text is None:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"invalid delay time: {text}", os.EX_USAGE) from None
    if not 0 <= value <= 86_400:
        raise CommandError(f"invalid delay time: {text}", os.EX_USAGE)
    return value


@command("run-shell")
async def run_shell_command(ctx: Context, args: Args) -> Result:
    """``run-shell [-bC] [-d DELAY] [-t PANE] [COMMAND]``: the output is the command's result (printed by
    the CLI); with ``-b`` the command runs on and its output goes to the session's status line; a status
    that is not 0 is an error carrying that status; ``-C`` runs COMMAND as muntin commands."""
    delay = _delay(args)
    text = args.get("COMMAND")
    if text is None:
        if args.get("-d") is None:
            return Result.success()
        text = ""
    session, values, cwd = _where(ctx, args)

    async def job() -> Result:
        if delay:
            await asyncio.sleep(delay)
        if not text:
            return Result.success()
        if args.has("-C"):
            return await run(text, ctx)
        shell_command = format_string(text, values)
        result = await run_shell(shell_command, cwd=cwd, env=_environment(ctx))
        lines = _lines(result)
        failed = _failure(shell_command, result)
        if failed is not None:
            return Result(False, tuple(lines), failed[0], failed[1])
        return Result.success(*lines)

    if not args.has("-b"):
        return await job()

    async def background() -> None:
        result = await job()
        shown = [*result.output, *([result.error] if not result.ok else [])]
        if shown and session is not None and session.name in ctx.model.sessions:
            ctx.message(session, shown[-1])

    ctx.spawn_task(background())
    return Result.success()


@command("if-shell")
async def if_shell(ctx: Context, args: Args) -> Result:
    """``if-shell [-bF] [-t PANE] CONDITION COMMAND [ELSE]``: COMMAND when the shell command CONDITION exits
    with 0 (``-F``: when the format CONDITION is neither empty nor 0), else ELSE; ``-b``: in the background."""
    session, values, cwd = _where(ctx, args)
    condition, then, otherwise = args.get("CONDITION"), args.get("COMMAND"), args.get("ELSE")

    async def job() -> Result:
        if args.has("-F"):
            chosen = format_string(condition, values) not in ("", "0")
        else:
            result = await run_shell(format_string(condition, values), cwd=cwd, env=_environment(ctx))
            chosen = result.code == 0 and not result.timed_out
        text = then if chosen else otherwise
        return await run(text, ctx) if text else Result.success()

    if not args.has("-b") or args.has("-F"):  # -F needs no shell: tmux runs it at once
        return await job()

    async def background() -> None:
        result = await job()
        if not result.ok and session is not None and session.name in ctx.model.sessions:
            ctx.message(session, result.error)

    ctx.spawn_task(background())
    return Result.success()


__all__ = ["if_shell", "run_shell_command"]
