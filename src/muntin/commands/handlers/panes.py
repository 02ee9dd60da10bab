"""Handlers for panes: split, kill, select, resize, swap, break, respawn, signal."""

from __future__ import annotations

import os

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, env_of, pane_options, target
from muntin.commands.handlers.io import printed, start_directory
from muntin.layout import Direction, Split
from muntin.process import EndedBy
from muntin.session import Pane, PaneState, Placement, Session, Window

_DIRECTIONS = {"-L": Direction.LEFT, "-R": Direction.RIGHT, "-U": Direction.UP, "-D": Direction.DOWN}


def _pane(ctx: Context, args: Args, text: str | None = None) -> tuple[Session, Window, Pane]:
    found = target(ctx, args, TargetKind.PANE, text)
    return found.session, found.window, found.pane  # type: ignore[return-value]


@command("split-window")
def split_window(ctx: Context, args: Args) -> Result:
    session, window, pane = _pane(ctx, args)
    split = Split.HORIZONTAL if args.has("-h") else Split.VERTICAL
    size = args.get("-l")
    new = ctx.split(window, pane, split, before=args.has("-b"), size=str(size) if size else None,
                    full=args.has("-f"), argv=args.get("CMD") or None, cwd=start_directory(ctx, args, session),
                    env=env_of(args),
                    options=pane_options(args), select=not args.has("-d"))
    return Result.success(*printed(args, session, window, new, ctx=ctx), data={"pane": f"%{new.id}"})


@command("kill-pane")
async def kill_pane(ctx: Context, args: Args) -> Result:
    _, window, pane = _pane(ctx, args)
    victims = [p for p in window.panes if p is not pane] if args.has("-a") else [pane]
    reports = []
    for victim in victims:
        alive = victim.status is None
        status = await ctx.kill_pane(victim)
        # Ended by the hangup, as a program should be, it goes in silence, as in tmux; one that had to be
        # signalled further is reported.
        if alive and status is not None and status.ended_by not in (None, EndedBy.HANGUP):
            reports.append(f"%{victim.id}: {status.report()} (ended by {status.ended_by.value})")
    return Result.success(*reports)


@command("select-pane")
def select_pane(ctx: Context, args: Args) -> Result:
    session, window, pane = _pane(ctx, args)
    if args.get("-T") is not None:  # set the title (the program's own title, when it sets one, wins later)
        pane.terminal.title = args.get("-T")
        ctx.pane_view_changed(pane)
        ctx.windows_changed(session)
        return Result.success()
    if args.has("-l"):
        if window.last_pane is None:
            raise CommandError(f"no last pane in window {window.index}")
        pane = window.last_pane
    for flag, direction in _DIRECTIONS.items():
        if args.has(flag):
            found = window.neighbour(window.active_pane, direction)
            if found is None:
                return Result.success()
            pane = found
    window.select(pane.id)  # in its window: the session's current window stays, as in tmux
    ctx.layout_changed(session)
    return Result.success()


@command("last-pane")
def last_pane(ctx: Context, args: Args) -> Result:
    found = target(ctx, args, TargetKind.WINDOW)
    window: Window = found.window  # type: ignore[assignment]
    if window.last_pane is None:
        raise CommandError(f"no last pane in window {window.index}")
    window.select(window.last_pane.id)
    ctx.layout_changed(found.session)  # type: ignore[arg-type]
    return Result.success()


@command("resize-pane")
def resize_pane(ctx: Context, args: Args) -> Result:
    session, window, pane = _pane(ctx, args)
    layout = window.layout
    if args.has("-Z"):
        if layout.toggle_zoom(pane.id):
            window.select(pane.id)  # the zoomed pane is the active one, as in tmux
    else:
        amount = args.get("ADJUSTMENT", 1)
        for flag, direction in _DIRECTIONS.items():
            if args.has(flag):
                layout.resize(pane.id, direction, amount)
        width, height = args.get("-x"), args.get("-y")
        if width is not None or height is not None:
            layout.resize_to(pane.id, width=width.cells(layout.width) if width else None,
                             height=height.cells(layout.height) if height else None)
    ctx.layout_changed(session)
    return Result.success()


@command("swap-pane")
def swap_pane(ctx: Context, args: Args) -> Result:
    session, window, pane = _pane(ctx, args)
    if pane.id in window.floating:
        raise CommandError("a floating pane has no place in the layout to swap", os.EX_USAGE)
    if args.get("-s"):
        other_session, other_window, other = _pane(ctx, args, args.get("-s"))
        if other.id in other_window.floating:
            raise CommandError("a floating pane has no place in the layout to swap", os.EX_USAGE)
        if other_window is not window:  # across windows, as tmux: each goes where the other was
            window.exchange(pane, other_window, other)
            if not args.has("-d"):
                window.select(other.id)
                other_window.select(pane.id)
            ctx.layout_changed(other_session)
            ctx.layout_changed(session)
            return Result.success()
    else:
        order = window.panes
        step = -1 if args.has("-U") else 1
        other = order[(order.index(pane) + step) % len(order)]
    window.layout.swap(pane.id, other.id)
    if not args.has("-d") and window.active == pane.id:
        window.select(pane.id)
    ctx.layout_changed(session)
    return Result.success()


@command("pipe-pane")
async def pipe_pane(ctx: Context, args: Args) -> Result:
    from muntin.session.pipe import PanePipe

    _, _, pane = _pane(ctx, args)
    command = " ".join(args.get("CMD") or [])
    if pane.pipe is not None:
        await pane.close_pipe()
        if args.has("-o"):
            return Result.success()  # -o toggles: the open pipe is closed
    if not command:
        return Result.success()
    if pane.state is PaneState.DEAD:
        raise CommandError(f"pane %{pane.id} has ended: nothing more will come to pipe", os.EX_UNAVAILABLE)
    try:
        pane.pipe = PanePipe(command, cwd=pane.info()["cwd"], env=pane.env)
    except OSError as error:
        raise CommandError(f"cannot run /bin/sh for {command!r}: {error.strerror}", os.EX_OSERR) from None
    return Result.success()


@command("join-pane")
def join_pane(ctx: Context, args: Args) -> Result:
    session, window, beside = _pane(ctx, args)
    source, from_window, pane = _pane(ctx, args, args.get("-s") or "")
    if pane is beside:
        raise CommandError("the pane to move and the pane to split beside must differ (give -s or -t)",
                           os.EX_USAGE)
    split = Split.HORIZONTAL if args.has("-h") else Split.VERTICAL
    from_window.remove(pane)
    size = args.get("-l")
    window.add_split(beside, pane, split, before=args.has("-b"), size=str(size) if size else None,
                     full=args.has("-f"))
    if not args.has("-d"):
        window.select(pane.id)
        if session.window is not window:
            session.select(window.index)
            ctx.window_selected(session)
    if not from_window.pane_map:
        ctx.window_removed(source, from_window)  # it was the window's last pane
    elif from_window is source.window and from_window is not window:
        ctx.layout_changed(source)
    ctx.layout_changed(session)
    ctx.windows_changed(session)
    return Result.success()


command("move-pane")(join_pane)  # tmux's move-pane is join-pane by another name


@command("break-pane")
def break_pane(ctx: Context, args: Args) -> Result:
    """``-t PANE`` breaks that pane out; with tmux's ``-s PANE``, ``-t`` says where the window goes
    (``s:N``: at index N, an error when it is taken)."""
    source, window, pane = _pane(ctx, args, args.get("-s"))
    session, index = source, None
    if args.get("-s") is not None and args.target is not None:
        from muntin.commands.handlers.windows import window_slot

        session, _, index = window_slot(ctx, args)
    if len(window.pane_map) == 1:
        raise CommandError(f"pane %{pane.id} is alone in its window already")
    if index is not None and index in session.window_map:
        raise CommandError(f"index {index} in use in session {session.name} (pick a free index)", os.EX_USAGE)
    window.remove(pane)
    index = session.next_index() if index is None else index
    new = Window(session, ctx.model.new_id("window"), index, args.get("-n") or "", pane, session.width,
                 session.height)
    session.window_map[new.index] = new
    new.apply_sizes()
    if source is not session:
        ctx.layout_changed(source)
        ctx.windows_changed(source)
    ctx.layout_changed(session)
    if not args.has("-d"):
        session.select(new.index)
        ctx.window_selected(session)
    ctx.windows_changed(session)
    return Result.success(*printed(args, session, new, pane, ctx=ctx),
                          data={"window": f"@{new.id}", "index": new.index})


@command("respawn-pane")
async def respawn_pane(ctx: Context, args: Args) -> Result:
    session, _, pane = _pane(ctx, args)
    if pane.state is not PaneState.DEAD and not args.has("-k"):
        raise CommandError(f"pane %{pane.id} is still running: use respawn-pane -k to kill it first")
    if args.get("CMD"):
        pane.argv, pane.arg0, pane.given = ctx.command_argv(session, args.get("CMD"), pane.env)
    if args.get("-c"):
        pane.start_cwd = start_directory(ctx, args, session)
    await ctx.respawn(pane)
    return Result.success()


@command("respawn-window")
async def respawn_window(ctx: Context, args: Args) -> Result:
    """tmux's ``respawn-window [-k] [-c DIR] [-t WINDOW] [CMD]``: the window's first pane runs again in all
    of the window, its other panes end (without ``-k``, only when none runs)."""
    found = target(ctx, args, TargetKind.WINDOW)
    session, window = found.session, found.window
    panes = window.panes  # type: ignore[union-attr]
    if not args.has("-k") and any(pane.state is not PaneState.DEAD for pane in panes):
        raise CommandError(f"window {session.name}:{window.index} still active: use respawn-window -k to end it")
    first = panes[0]
    for pane in panes[1:]:
        await ctx.kill_pane(pane, 0.5)
    if args.get("CMD"):
        command = ctx.command_argv(session, args.get("CMD"), first.env)  # type: ignore[arg-type]
        first.argv, first.arg0, first.given = command
    if args.get("-c"):
        first.start_cwd = start_directory(ctx, args, session)
    window.select(first.id)  # type: ignore[union-attr]
    await ctx.respawn(first)
    ctx.layout_changed(session)  # type: ignore[arg-type]
    return Result.success()


@command("signal-pane")
def signal_pane(ctx: Context, args: Args) -> Result:
    number = args.get("-s")
    _, _, pane = _pane(ctx, args)
    where = "group" if args.has("--group") else "foreground" if args.has("--foreground") else "process"
    if pane.child is None or pane.status is not None or not pane.child.signal(int(number), where):  # type: ignore[arg-type]
        raise CommandError(f"pane %{pane.id} has no running process to signal", os.EX_UNAVAILABLE)
    return Result.success()


@command("display-popup")
async def display_popup(ctx: Context, args: Args) -> Result:
    if args.has("-C"):
        await ctx.close_popup(args.get("-c"))
        return Result.success()
    place = Placement(args.get("-w"), args.get("-h"), args.get("-x"), args.get("-y"))
    try:
        place.check()
    except ValueError as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    pane = ctx.open_popup(place, argv=args.get("CMD") or None, cwd=args.get("-d"), env=env_of(args),
                          title=args.get("-T") or "", close=args.get("-E", 0), border=not args.has("-B"),
                          client_name=args.get("-c"))
    return Result.success(data={"pane": f"%{pane.id}"})


@command("move-floating")
def move_floating(ctx: Context, args: Args) -> Result:
    _, window, pane = _pane(ctx, args)
    ctx.move_floating(window, pane, args.get("-x"), args.get("-y"), args.get("-w"), args.get("-h"))
    return Result.success()


@command("new-floating")
def new_floating(ctx: Context, args: Args) -> Result:
    session, window, _ = _pane(ctx, args)
    new = ctx.new_floating(window, argv=args.get("CMD") or None, cwd=args.get("-c"), env=env_of(args),
                           select=not args.has("-d"))
    return Result.success(*printed(args, session, window, new, ctx=ctx), data={"pane": f"%{new.id}"})


@command("toggle-floating")
def toggle_floating(ctx: Context, args: Args) -> Result:
    _, window, _ = _pane(ctx, args)
    new = ctx.toggle_floating(window)
    return Result.success(data={"pane": f"%{new.id}"} if new is not None else None)
