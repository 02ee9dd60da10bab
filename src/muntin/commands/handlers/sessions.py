"""Handlers for sessions and the server: new, kill, rename, list, attach, detach, kill-server."""

from __future__ import annotations

import asyncio
import json
import os
import time

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, env_of, pane_options, target
from muntin.commands.handlers.io import printed, spawn_format, start_directory
from muntin.session import Session


def _check_name(name: str) -> None:
    if not name or ":" in name or "." in name:
        raise CommandError(f"bad session name '{name}': it may not be empty or contain ':' or '.'", os.EX_USAGE)


@command("new-session")
def new_session(ctx: Context, args: Args) -> Result:
    name = args.get("-s")
    if name is not None:
        _check_name(name)
        existing = ctx.model.sessions.get(name)
        if existing is not None and args.has("-A"):  # attach to it instead (the command line attaches)
            if ctx.current().session is not None:  # from an attached muntin: show it there
                ctx.switch_client(existing)
            return Result.success(data={"session": existing.name, "window": f"@{existing.window.id}",
                                        "pane": f"%{existing.window.active}"})
        if existing is not None:
            raise CommandError(f"duplicate session: {name} (pick another -s NAME)", os.EX_USAGE)
    width, height = args.get("-x", 80), args.get("-y", 24)
    if width < 1 or height < 1:
        raise CommandError(f"size {width}x{height} is too small: use at least -x 1 -y 1", os.EX_USAGE)
    calling = ctx.current().session  # -c and -n are formats, read for the caller's session, as in tmux
    session = ctx.new_session(name, argv=args.get("CMD") or None, cwd=start_directory(ctx, args, calling),
                              env=env_of(args), options=pane_options(args), width=width, height=height,
                              window_name=spawn_format(ctx, calling, args.get("-n") or ""))
    layout_file = args.get("-l")
    if layout_file:
        from muntin.commands.handlers.windows import apply_layout_text

        apply_layout_text(session.window, _read(layout_file))
        ctx.layout_changed(session)
    from muntin.commands.handlers.copy import show_config_causes

    show_config_causes(ctx, session)
    window = session.window
    return Result.success(*printed(args, session, window, window.active_pane, "#{session_name}:", ctx),
                          data={"session": session.name, "window": f"@{window.id}", "pane": f"%{window.active}"})


def _read(path: str) -> str:
    try:
        with open(os.path.expanduser(path)) as handle:
            return handle.read().strip()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", os.EX_NOINPUT) from None


@command("kill-session")
async def kill_session(ctx: Context, args: Args) -> Result:
    session = target(ctx, args, TargetKind.SESSION).session
    if args.has("-a"):  # every other session
        others = [other for other in ctx.model.sessions.values() if other is not session]
        await asyncio.gather(*(ctx.kill_session(other) for other in others))
        return Result.success()
    await ctx.kill_session(session)  # type: ignore[arg-type]
    return Result.success()


@command("rename-session")
def rename_session(ctx: Context, args: Args) -> Result:
    session: Session = target(ctx, args, TargetKind.SESSION).session  # type: ignore[assignment]
    new = args.get("NAME")
    _check_name(new)
    if new in ctx.model.sessions and ctx.model.sessions[new] is not session:
        raise CommandError(f"duplicate session: {new}", os.EX_USAGE)
    ctx.model.remove_session(session)
    session.name = new
    ctx.model.add_session(session)
    ctx.windows_changed(session)
    ctx.raise_hook("session-renamed", session)
    return Result.success()


def session_info(session: Session) -> dict[str, object]:
    return {"name": session.name, "id": f"${session.id}", "windows": len(session.window_map),
            "width": session.width, "height": session.height, "created": session.created,
            "active_window": session.active}


@command("has-session")
def has_session(ctx: Context, args: Args) -> Result:
    target(ctx, args, TargetKind.SESSION)  # fails, with its message, when there is no such session
    return Result.success()


def _environment(ctx: Context, args: Args) -> dict[str, str | None]:
    if args.has("-g"):
        return ctx.model.environment
    return target(ctx, args, TargetKind.SESSION).session.environment  # type: ignore[union-attr]


@command("set-environment")
def set_environment(ctx: Context, args: Args) -> Result:
    environment = _environment(ctx, args)
    name, value = args.get("NAME"), args.get("VALUE")
    if not name or "=" in name:
        raise CommandError(f"not a variable name: {name!r}", os.EX_USAGE)
    if args.has("-u"):
        environment.pop(name, None)
    elif args.has("-r"):
        environment[name] = None
    elif value is None:
        raise CommandError(f"set-environment {name}: give a VALUE (or -u to unset, -r to remove)", os.EX_USAGE)
    else:
        environment[name] = value
    return Result.success()


@command("show-environment")
def show_environment(ctx: Context, args: Args) -> Result:
    """As tmux: -g shows the server's environment with the global changes; a session shows its own."""
    own = _environment(ctx, args)
    shown: dict[str, str | None] = {**os.environ, **own} if args.has("-g") else dict(own)
    name = args.get("NAME")
    if name is not None:
        if name not in shown:
            raise CommandError(f"unknown variable: {name}", os.EX_USAGE)
        shown = {name: shown[name]}
    return Result.success(*(f"-{key}" if value is None else f"{key}={value}" for key, value in sorted(shown.items())))


@command("list-sessions")
def list_sessions(ctx: Context, args: Args) -> Result:
    from muntin.commands.handlers.io import filtered, formatted

    found = filtered(args, [(s, s.active_window, s.active_window.active_pane) for s in ctx.model.sessions.values()],
                     ctx)
    sessions = [s for s, _, _ in found]
    if args.get("-F") is not None:
        return formatted(args, found, ctx)
    if args.has("--json"):
        return Result.success(json.dumps([session_info(s) for s in sessions]))
    return Result.success(*(f"{s.name}: {len(s.window_map)} windows (created {time.ctime(s.created)}) "
                            f"[{s.width}x{s.height}]" for s in sessions))


@command("attach-session")
def attach_session(ctx: Context, args: Args) -> Result:
    target(ctx, args, TargetKind.SESSION)
    return Result.failure("attach-session: needs a terminal: run 'muntin attach' from one", os.EX_UNAVAILABLE)


@command("switch-client")
def switch_client(ctx: Context, args: Args) -> Result:
    if args.get("-T"):  # the next key is looked up in that table (a key table of your own, or prefix)
        table = args.get("-T")
        if table not in ctx.keys.tables():
            raise CommandError(f"unknown key table: {table} (tables: {', '.join(ctx.keys.tables())})", os.EX_USAGE)
        if ctx.send_action(None, "key-table", {"table": table}) == 0:
            raise CommandError("switch-client -T needs an attached muntin", os.EX_UNAVAILABLE)
        return Result.success()
    sessions = sorted(ctx.model.sessions.values(), key=lambda s: s.name)
    current = ctx.current().session
    if args.has("-n") or args.has("-p"):
        if not sessions or current is None:
            raise CommandError("no sessions", os.EX_UNAVAILABLE)
        step = 1 if args.has("-n") else -1
        session = sessions[(sessions.index(current) + step) % len(sessions)]  # type: ignore[arg-type]
    elif args.has("-l"):
        recent = [name for name in ctx.model.recent if current is None or name != current.name]
        if not recent:
            raise CommandError("no last session", os.EX_UNAVAILABLE)
        session = ctx.model.sessions[recent[-1]]
    else:
        session = target(ctx, args, TargetKind.SESSION).session  # type: ignore[assignment]
    if ctx.switch_client(session) == 0:
        raise CommandError("switch-client needs an attached muntin (start one with 'muntin attach')",
                           os.EX_UNAVAILABLE)
    return Result.success()


@command("detach-client")
def detach_client(ctx: Context, args: Args) -> Result:
    if args.target and any(record.name == args.target for record in ctx.client_records()):
        ctx.detach_client(args.target)  # -t a client, as tmux's (choose-client runs detach-client -t TTY)
        return Result.success()
    session = target(ctx, args, TargetKind.SESSION).session if args.target else None
    if ctx.detach(session) == 0:  # type: ignore[arg-type]
        return Result.failure("detach-client: no client is attached", os.EX_UNAVAILABLE)
    return Result.success()


@command("kill-server")
def kill_server(ctx: Context, args: Args) -> Result:
    ctx.kill_server()
    return Result.success()
