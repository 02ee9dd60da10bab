"""Handlers for windows and layouts: new, kill, rename, select, rotate, layouts, synchronize."""

from __future__ import annotations

import asyncio
import json
import os

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, env_of, pane_options, target
from muntin.commands.handlers.io import printed, spawn_format, start_directory
from muntin.layout import PRESETS, LayoutError, from_string, from_tmux, to_tmux
from muntin.layout.tree import Leaf, Tree
from muntin.session import Session, Window


def _window(ctx: Context, args: Args) -> tuple[Session, Window]:
    found = target(ctx, args, TargetKind.WINDOW)
    return found.session, found.window  # type: ignore[return-value]


def _session(ctx: Context, args: Args) -> Session:
    return target(ctx, args, TargetKind.SESSION).session  # type: ignore[return-value]


@command("new-window")
async def new_window(ctx: Context, args: Args) -> Result:
    """As tmux's: ``-t s:N`` creates the window at index N (an error when N is taken, unless ``-k`` kills
    the window there); ``-a``/``-b`` at the index after/before the target window, moving later ones up."""
    session, anchor, index = window_slot(ctx, args)
    if args.has("-a") or args.has("-b"):
        index = _shuffle_up(session, anchor, before=args.has("-b")) if anchor is not None else index
    there = session.window_map.get(index) if index is not None else None
    if there is not None and not args.has("-k"):
        raise CommandError(f"create window failed: index {index} in use in session {session.name} (pick a "
                           "free index, -a to insert after it, or -k to replace the window there)", os.EX_USAGE)
    replaces_current = there is not None and there is session.window
    window = ctx.new_window(session, argv=args.get("CMD") or None, cwd=start_directory(ctx, args, session),
                            env=env_of(args), options=pane_options(args),
                            name=spawn_format(ctx, session, args.get("-n") or ""), select=not args.has("-d"))
    if index is not None and index != window.index:
        if there is not None:
            await ctx.kill_window(there)
        _reindex(session, window, index)
        if replaces_current:
            session.select(index)  # the window it replaced was the current one: this one is now
        ctx.windows_changed(session)
        ctx.layout_changed(session)
    if not args.has("-d") or replaces_current:
        ctx.window_selected(session)
    return Result.success(*printed(args, session, window, window.active_pane, ctx=ctx),
                          data={"session": session.name, "window": f"@{window.id}", "index": window.index,
                                "pane": f"%{window.active}"})


def window_slot(ctx: Context, args: Args) -> tuple[Session, Window | None, int | None]:
    """new-window's (and break-pane -s's) ``-t``: its session, the window it names (for -a/-b) and the index it asks for
    (``s:N`` or ``N``, taken or not; None: the first free one)."""
    text = args.target or ""
    session_text, colon, index_text = text.rpartition(":")
    if not colon:
        session_text, index_text = ("", text) if text.isdigit() else (text, "")
    if index_text and not index_text.isdigit():  # a name, {last}, +1...: a window that is there
        found = target(ctx, args, TargetKind.WINDOW)
        return found.session, found.window, found.window.index  # type: ignore[return-value,union-attr]
    found = target(ctx, args, TargetKind.SESSION, session_text)
    session: Session = found.session  # type: ignore[assignment]
    if not index_text:
        return session, found.window, None  # type: ignore[return-value]
    index = int(index_text)
    return session, session.window_map.get(index), index


def _shuffle_up(session: Session, window: Window, *, before: bool) -> int:
    """tmux's winlink_shuffle_up: the index after (before) ``window`` made free by moving the windows
    from there to the next gap up by one."""
    index = window.index if before else window.index + 1
    gap = index
    while gap in session.window_map:
        gap += 1
    for number in range(gap - 1, index - 1, -1):
        _reindex(session, session.window_map[number], number + 1)
    return index


def _reindex(session: Session, window: Window, index: int) -> None:
    """``window`` of ``session`` moved to the free ``index``; the current and last window follow it."""
    old = window.index
    session.window_map.pop(old)
    window.index = index
    session.window_map[index] = window
    session.active = index if session.active == old else session.active
    session.last = index if session.last == old else session.last


_GROW = {"-L": (-1, 0), "-R": (1, 0), "-U": (0, -1), "-D": (0, 1)}
_CLIENT_SIZE = {"-A": max, "-a": min}


@command("resize-window")
def resize_window(ctx: Context, args: Args) -> Result:
    """As tmux's: -x/-y, then -L/-R/-U/-D by ADJUSTMENT, or -A/-a the largest/smallest attached client's
    size; the session's window-size becomes manual, so the size stays. A session's windows share its size
    in muntin, so this sizes every window of the session."""
    session, _ = _window(ctx, args)
    amount = args.get("ADJUSTMENT", 1)
    if amount < 1:
        raise CommandError("adjustment 0 is too small: expected 1 or more", os.EX_USAGE)
    width, height = args.get("-x", session.width), args.get("-y", session.height)
    if width < 1 or height < 1:
        raise CommandError(f"size {width}x{height} is too small: use at least -x 1 -y 1", os.EX_USAGE)
    for flag, (dx, dy) in _GROW.items():
        if args.has(flag) and width + dx * amount >= 1 and height + dy * amount >= 1:
            width, height = width + dx * amount, height + dy * amount
    sizes = ctx.client_sizes(session)
    for flag, pick in _CLIENT_SIZE.items():
        if args.has(flag) and sizes:
            width, height = pick(w for w, _ in sizes), pick(h for _, h in sizes)
    session.options["window-size"] = "manual"
    session.resize(width, height)
    ctx.layout_changed(session)
    return Result.success()


@command("kill-window")
async def kill_window(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    if args.has("-a"):  # every other window of its session
        await asyncio.gather(*(ctx.kill_window(other) for other in session.windows if other is not window))
        return Result.success()
    await ctx.kill_window(window)
    return Result.success()


@command("unlink-window")
async def unlink_window(ctx: Context, args: Args) -> Result:
    """tmux's ``unlink-window [-k]``: a window in muntin is linked to its one session only, so as in tmux
    that is an error without ``-k``, and with it the window is killed."""
    _, window = _window(ctx, args)
    if not args.has("-k"):
        raise CommandError("window only linked to one session")
    await ctx.kill_window(window)
    return Result.success()


@command("link-window")
def link_window(ctx: Context, args: Args) -> Result:
    """tmux's link-window shows one window in several sessions; a muntin window belongs to one session (its
    index, size and panes' sizes are that session's), so it is refused."""
    raise CommandError("a window belongs to one session in muntin and cannot be linked into another: "
                       "move it with move-window, or join its panes with join-pane", os.EX_UNAVAILABLE)


def _place(window: Window, session: Session, index: int) -> None:
    """Put ``window`` at ``index`` of ``session`` (its panes take that session's size)."""
    moved = window.session is not session
    window.session, window.index = session, index
    session.window_map[index] = window
    if moved:
        window.layout.resize_window(session.width, session.height)
        window.apply_sizes()


@command("swap-window")
def swap_window(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    found = target(ctx, args, TargetKind.WINDOW, args.get("-s") or "")
    other_session, other = found.session, found.window
    if other is window:
        return Result.success()
    index, other_index = window.index, other.index
    _place(other, session, index)  # type: ignore[arg-type]
    _place(window, other_session, other_index)  # type: ignore[arg-type]
    for changed in {session, other_session}:
        ctx.windows_changed(changed)  # type: ignore[arg-type]
        ctx.layout_changed(changed)  # type: ignore[arg-type]
    if not args.has("-d"):
        return _select(ctx, session, index)
    return Result.success()


@command("move-window")
async def move_window(ctx: Context, args: Args) -> Result:
    found = target(ctx, args, TargetKind.WINDOW, args.get("-s") or "")
    source: Session = found.session  # type: ignore[assignment]
    window: Window = found.window  # type: ignore[assignment]
    text = args.get("-t") or ""
    session_text, colon, index_text = text.rpartition(":")
    if not colon:
        session_text, index_text = ("", text) if text.isdigit() else (text, "")
    session: Session = target(ctx, args, TargetKind.SESSION, session_text).session if session_text \
        else source  # type: ignore[assignment]
    if args.has("-r"):
        _renumber_windows(ctx, session)
        return Result.success()
    if index_text and not index_text.isdigit():
        raise CommandError(f"not a window index: {index_text}", os.EX_USAGE)
    index = int(index_text) if index_text else session.next_index()
    there = session.window_map.get(index)
    if there is window:
        return Result.success()
    if there is not None:
        if not args.has("-k"):
            raise CommandError(f"index {index} in use in session {session.name}", os.EX_USAGE)
        await ctx.kill_window(there)
    old_index = window.index
    source.window_map.pop(old_index)
    _place(window, session, index)
    if source is session:
        session.active = index if session.active == old_index else session.active
        session.last = index if session.last == old_index else session.last
    else:
        ctx.window_removed(source, window)  # another window becomes current there, or the session ends
    if not args.has("-d"):
        session.select(index)
        ctx.window_selected(session)
    ctx.windows_changed(session)
    return Result.success()


def _renumber_windows(ctx: Context, session: Session) -> None:
    """``move-window -r``: the session's windows numbered from base-index on, in their order."""
    session.renumber(int(ctx.model.options.get("base-index", 0)))
    ctx.windows_changed(session)


@command("rename-window")
def rename_window(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    window.custom_name = args.get("NAME")
    ctx.windows_changed(session)
    ctx.raise_hook("window-renamed", session, window)
    return Result.success()


def _select(ctx: Context, session: Session, index: int) -> Result:
    session.select(index)
    ctx.windows_changed(session)
    ctx.window_selected(session)
    return Result.success()


def _step(ctx: Context, session: Session, step: int) -> Result:
    order = sorted(session.window_map)
    return _select(ctx, session, order[(order.index(session.active) + step) % len(order)])


def _last(ctx: Context, session: Session) -> Result:
    if session.last_window is None:
        raise CommandError(f"no last window in session {session.name}")
    return _select(ctx, session, session.last_window.index)


@command("select-window")
def select_window(ctx: Context, args: Args) -> Result:
    if args.has("-l"):
        return _last(ctx, _session(ctx, args))
    if args.has("-n") or args.has("-p"):
        return _step(ctx, _session(ctx, args), 1 if args.has("-n") else -1)
    session, window = _window(ctx, args)
    return _select(ctx, session, window.index)


@command("next-window")
def next_window(ctx: Context, args: Args) -> Result:
    return _step(ctx, _session(ctx, args), 1)


@command("previous-window")
def previous_window(ctx: Context, args: Args) -> Result:
    return _step(ctx, _session(ctx, args), -1)


@command("last-window")
def last_window(ctx: Context, args: Args) -> Result:
    return _last(ctx, _session(ctx, args))


@command("list-windows")
def list_windows(ctx: Context, args: Args) -> Result:
    from muntin.commands.handlers.io import filtered, formatted

    sessions = list(ctx.model.sessions.values()) if args.has("-a") else [_session(ctx, args)]
    found = filtered(args, [(s, w, w.active_pane) for s in sessions for w in s.windows], ctx)
    if args.get("-F") is not None:
        return formatted(args, found, ctx)
    rows = [{"session": s.name, **w.to_dict()} for s, w, _ in found]
    if args.has("--json"):
        return Result.success(json.dumps(rows))
    return Result.success(*(f"{r['session']}:{r['index']}: {r['name']}{'*' if r['active'] else ''} "
                            f"({r['panes']} panes) [{r['layout']}] {r['id']}" for r in rows))


@command("rotate-window")
def rotate_window(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    window.layout.rotate(reverse=args.has("-U"))
    ctx.layout_changed(session)
    return Result.success()


def _renumber(tree: Tree, mapping: dict[int, int]) -> None:
    """Give a parsed layout's leaves the window's pane ids, in order."""
    if isinstance(tree, Leaf):
        tree.pane = mapping[tree.pane]
    else:
        for child in tree.children:
            _renumber(child, mapping)


def main_sizes(ctx: Context, window: Window) -> dict[str, int | str]:
    """The main pane's size for main-vertical and main-horizontal: the window's options, else the
    session's, else the server's (main-pane-width / main-pane-height, cells or N%)."""
    out: dict[str, int | str] = {}
    for preset, option in (("main-vertical", "main-pane-width"), ("main-horizontal", "main-pane-height")):
        for scope in (window.options, window.session.options, ctx.model.options):
            if option in scope:
                value = str(scope[option])
                out[preset] = value if value.endswith("%") else int(value)
                break
    return out


def apply_layout_text(window: Window, text: str, sizes: dict[str, int | str] | None = None) -> None:
    """A preset name, a tmux layout string or a muntin layout string, applied to the window's panes in order."""
    if text in PRESETS:
        window.layout.apply_preset(text, main_size=(sizes or {}).get(text))
        return
    try:
        parsed = from_tmux(text)
    except LayoutError:
        parsed = from_string(text, window.layout.width, window.layout.height)
    if len(parsed.panes) != len(window.layout.panes):
        raise LayoutError(f"the layout has {len(parsed.panes)} panes, the window has {len(window.layout.panes)}")
    _renumber(parsed.root, dict(zip(parsed.panes, window.layout.panes)))
    parsed.resize_window(window.layout.width, window.layout.height)
    window.layout = parsed


@command("select-layout")
def select_layout(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    if args.has("-E"):
        window.layout.equalize()
    elif args.has("-n") or args.has("-p"):
        window.layout.next_preset(reverse=args.has("-p"), main_sizes=main_sizes(ctx, window))
    elif args.get("NAME"):
        apply_layout_text(window, args.get("NAME"), main_sizes(ctx, window))
    else:
        raise CommandError(f"name a layout ({', '.join(PRESETS)}) or use -n, -p or -E", os.EX_USAGE)
    ctx.layout_changed(session)
    return Result.success()


@command("next-layout")
def next_layout(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    window.layout.next_preset(main_sizes=main_sizes(ctx, window))
    ctx.layout_changed(session)
    return Result.success()


@command("previous-layout")
def previous_layout(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    window.layout.next_preset(reverse=True, main_sizes=main_sizes(ctx, window))
    ctx.layout_changed(session)
    return Result.success()


@command("dump-layout")
def dump_layout(ctx: Context, args: Args) -> Result:
    """The session (of the target window) as a workspace file that ``muntin load`` recreates: windows,
    splits with their sizes as percentages, each pane's cwd and the command it runs."""
    from muntin.config.workspace import Workspace, WindowSpec, dump_workspace

    session, current = _window(ctx, args)
    windows = []
    for window in session.windows:
        panes = {pane.id: pane for pane in window.panes}
        windows.append(WindowSpec(name=window.custom_name or None, root=_spec_of(window.layout.root, panes),
                                  focus=window is current and len(session.windows) > 1))
    return Result.success(dump_workspace(Workspace(session=session.name, windows=tuple(windows))).rstrip("\n"))


def _spec_of(tree: Tree, panes: dict, size: str | None = None):
    """A layout tree as workspace specs (sizes as percentages of their split)."""
    from muntin.config.workspace import PaneSpec, SplitDirection, SplitSpec
    from muntin.layout import Split
    from muntin.session import default_command

    if isinstance(tree, Leaf):
        pane = panes[tree.pane]
        info = pane.info()
        argv = list(pane.argv)
        if argv == default_command():
            command = None
        elif len(argv) == 3 and argv[1] == "-c" and argv[0] == default_command()[0]:
            command = argv[2]  # a shell line, as it was given
        else:
            command = " ".join(_quote(word) for word in argv)
        return PaneSpec(command=command, size=size, cwd=info.get("cwd") or None,
                        focus=pane.id == pane_active(panes, tree.pane))
    total = sum(tree.weights) or 1.0
    sizes = [f"{max(1, min(99, round(100 * w / total)))}%" for w in tree.weights]
    direction = SplitDirection.HORIZONTAL if tree.split is Split.HORIZONTAL else SplitDirection.VERTICAL
    return SplitSpec(direction=direction, children=tuple(_spec_of(child, panes, sizes[i]) for i, child in
                                                     enumerate(tree.children)), size=size)


def pane_active(panes: dict, pane_id: int) -> int | None:
    pane = panes.get(pane_id)
    return pane_id if pane is not None and pane.window.active == pane_id else None


def _quote(word: str) -> str:
    import shlex

    return shlex.quote(word)


@command("load-layout")
def load_layout(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    path = os.path.expanduser(args.get("PATH"))
    try:
        with open(path) as handle:
            text = handle.read().strip()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}", os.EX_NOINPUT) from None
    apply_layout_text(window, text)
    ctx.layout_changed(session)
    return Result.success()


@command("synchronize-panes")
def synchronize_panes(ctx: Context, args: Args) -> Result:
    session, window = _window(ctx, args)
    state = args.get("STATE")
    window.synchronized = (not window.synchronized) if state is None else state
    window.options["synchronize-panes"] = window.synchronized  # as setw synchronize-panes does
    ctx.windows_changed(session)
    return Result.success()
