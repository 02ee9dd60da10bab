"""Handlers for the server as a whole and its clients: start-server, show-messages, refresh-client,
server-access, and find-window (which looks through every window of a session)."""

from __future__ import annotations

import os
import re

from muntin.commands import OPTIONS, Args, CommandError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, target
from muntin.session import Session


@command("start-server")
def start_server(ctx: Context, args: Args) -> Result:
    """The server runs (the command line started it to run this); as tmux's exit-empty, it ends after this
    request when it has no session."""
    ctx.exit_when_empty()
    return Result.success()


@command("show-messages")
def show_messages(ctx: Context, args: Args) -> Result:
    """The server's message log, oldest first: what clients were shown and what went wrong unseen (a hook's
    command failing), each ``TIME: TEXT`` as tmux prints it."""
    return Result.success(*ctx.messages.lines())


def _lock(ctx: Context, session: Session | None) -> Result:
    command_text = str(ctx.model.options.get("lock-command", OPTIONS["lock-command"].default))
    if ctx.send_action(session, "lock-client", {"command": command_text}) == 0:
        raise CommandError("needs an attached muntin (start one with 'muntin attach')", os.EX_UNAVAILABLE)
    return Result.success()


@command("lock-server")
def lock_server(ctx: Context, args: Args) -> Result:
    """tmux's lock-server: each attached client (from a binding: the one that ran it) runs lock-command in its
    terminal and comes back when it ends."""
    return _lock(ctx, None)


@command("lock-session")
def lock_session(ctx: Context, args: Args) -> Result:
    """tmux's lock-session: the clients attached to the session run lock-command."""
    return _lock(ctx, target(ctx, args, TargetKind.SESSION).session)  # type: ignore[arg-type]


@command("lock-client")
def lock_client(ctx: Context, args: Args) -> Result:
    """tmux's lock-client: the calling client (else the one used last) runs lock-command."""
    return _lock(ctx, None)


@command("refresh-client")
def refresh_client(ctx: Context, args: Args) -> Result:
    """tmux's refresh-client: every attached client draws all of its session again (``-S``: its status
    line, which comes with it); ``-C WxH`` sizes the calling control client, ``-f FLAGS`` sets its flags
    (``no-output``, ``wait-exit``, ``pause-after=N``; ``!`` before one clears it) and ``-A %P:STATE`` turns a
    pane's output on, off, paused or continued for it."""
    size, flags, panes = args.get("-C"), args.get("-f") or args.get("-F"), args.get("-A") or ()
    if not ctx.client_records():
        raise CommandError("no current client", os.EX_UNAVAILABLE)
    if size is not None or flags is not None or panes:
        try:
            return Result.success(*ctx.refresh_control(size, flags, panes))
        except ValueError as error:
            raise CommandError(str(error), os.EX_USAGE) from None
    for session in list(ctx.model.sessions.values()):
        ctx.window_selected(session)  # each attached client gets its whole state again
    return Result.success()


@command("find-window")
def find_window(ctx: Context, args: Args) -> Result:
    """tmux's ``find-window [-CiNrT] MATCH``: the windows whose name (-N), a pane's title (-T) or visible
    text (-C) holds MATCH (all three without any; -r a regular expression, -i any case). From the command
    line it prints them, ``SESSION:INDEX: NAME``; from an attached muntin it shows the one it found, or the
    window tree to choose from."""
    match = args.get("MATCH")
    try:
        pattern = re.compile(match if args.has("-r") else re.escape(match), re.IGNORECASE if args.has("-i") else 0)
    except re.error as error:
        raise CommandError(f"bad regular expression {match!r}: {error}", os.EX_USAGE) from None
    every = not (args.has("-C") or args.has("-N") or args.has("-T"))
    found = target(ctx, args, TargetKind.SESSION)
    session = found.session
    hits = []
    for window in session.windows:  # type: ignore[union-attr]
        texts = []
        if every or args.has("-N"):
            texts.append(window.name)
        for pane in window.panes:
            if every or args.has("-T"):
                texts.append(pane.title)
            if every or args.has("-C"):
                texts += [pane.terminal.row_text(y) for y in range(pane.terminal.rows)]
        if any(pattern.search(text) for text in texts):
            hits.append(window)
    if not any(record.calling for record in ctx.client_records()):
        return Result.success(*(f"{session.name}:{window.index}: {window.name}" for window in hits))
    if len(hits) == 1:
        session.select(hits[0].index)  # type: ignore[union-attr]
        ctx.windows_changed(session)  # type: ignore[arg-type]
        ctx.window_selected(session)  # type: ignore[arg-type]
    elif hits:
        ctx.send_action(session, "choose-tree", {"flags": ["-w"], "options": {}, "args": {}})  # type: ignore[arg-type]
    else:
        ctx.message(session, f"no windows matching: {match}")  # type: ignore[arg-type]
    return Result.success()


@command("server-access")
def server_access(ctx: Context, args: Args) -> Result:
    """tmux's server-access: only the server's owner may connect to a muntin server, so ``-l`` lists the
    owner, as tmux's list does (none for root), ``-d`` finds nobody else to deny, and letting another user in
    (``-a``, ``-r``, ``-w``) is refused."""
    import pwd

    owner = os.getuid()
    if args.has("-l"):
        if owner == 0:
            return Result.success()
        try:
            name = pwd.getpwuid(owner).pw_name
        except KeyError:
            name = "unknown"
        return Result.success(f"{name} (W)")
    user = args.get("USER")
    if user is None:
        raise CommandError("missing user argument", os.EX_USAGE)
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise CommandError(f"unknown user: {user}", os.EX_NOUSER) from None
    if entry.pw_uid in (0, owner):
        raise CommandError(f"{entry.pw_name} owns the server, can't change access", os.EX_USAGE)
    if args.has("-d"):
        raise CommandError(f"user {entry.pw_name} not found", os.EX_NOUSER)
    raise CommandError(f"a muntin server serves its owner only: {entry.pw_name} cannot be let in", os.EX_NOPERM)
