"""Copy mode and paste buffers: copy-mode, send-keys -X, set/show/list/delete-buffer and paste-buffer.

Copy mode lives in the server (``Pane.copy``), so every client attached to the session sees the same view
and it survives detach and attach. Copied text becomes the newest paste buffer and is offered to attached
clients, which put it on the system clipboard (OSC 52 through the outer terminal)."""

from __future__ import annotations

import json
import os

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.handlers._context import Context, command, target
from muntin.emulator import Terminal, encode_paste
from muntin.session import Pane, PaneState, Session, Window
from muntin.session.copymode import COMMANDS, CopyMode


def _pane(ctx: Context, args: Args) -> tuple[Session, Window, Pane]:
    found = target(ctx, args, TargetKind.PANE)
    return found.session, found.window, found.pane  # type: ignore[return-value]


def enter_copy_mode(ctx: Context, pane: Pane, *, exit_at_bottom: bool = False) -> CopyMode:
    if pane.copy is None:
        pane.copy = CopyMode(pane.terminal, exit_at_bottom=exit_at_bottom)
        ctx.pane_view_changed(pane)
    return pane.copy


def view_mode(ctx: Context, pane: Pane, lines: list[str]) -> None:
    """tmux's view mode: ``lines`` (control characters shown as ``?``) in copy mode over the pane, which
    leaves it as copy mode does; lines added while it is open go after the ones shown."""
    text = "\r\n".join("".join("?" if ord(c) < 32 or ord(c) == 127 else c for c in line) for line in lines)
    if pane.copy is not None and pane.copy.terminal is not pane.terminal:
        pane.copy.terminal.feed(b"\r\n" + text.encode())
    else:
        view = Terminal(pane.terminal.rows, pane.terminal.cols)
        view.feed(text.encode())
        pane.copy = CopyMode(view)
    ctx.pane_view_changed(pane)


def show_config_causes(ctx: Context, session: Session | None = None) -> None:
    """The start-up config's problems in view mode over the active pane of ``session`` (else the first
    session by name), as tmux's cfg_show_causes; they are shown once."""
    causes = ctx.model.config_causes
    if session is None and ctx.model.sessions:
        session = ctx.model.sessions[min(ctx.model.sessions)]
    if not causes or session is None:
        return
    view_mode(ctx, session.window.active_pane, causes)
    causes.clear()


def leave_copy_mode(ctx: Context, pane: Pane) -> None:
    if pane.copy is not None:
        pane.copy = None
        ctx.pane_view_changed(pane)


def store(ctx: Context, session: Session | None, text: str, name: str | None = None) -> None:
    """Keep ``text`` as the newest paste buffer and hand it to attached clients for the system clipboard."""
    ctx.model.buffers.add(text, name)
    if session is not None:
        ctx.send_action(session, "clipboard", {"text": text})


@command("copy-mode")
def copy_mode(ctx: Context, args: Args) -> Result:
    _, _, pane = _pane(ctx, args)
    if args.has("-q"):
        leave_copy_mode(ctx, pane)
        return Result.success()
    mode = enter_copy_mode(ctx, pane, exit_at_bottom=args.has("-e"))
    if args.has("-u"):
        mode.command("page-up")
        ctx.pane_view_changed(pane)
    return Result.success()


def copy_mode_command(ctx: Context, session: Session, pane: Pane, words: list[str], count: int = 1) -> Result:
    """``send-keys -X NAME ARGS...``: one copy-mode command for a pane in copy mode."""
    if not words:
        raise CommandError("send-keys -X needs a copy-mode command", os.EX_USAGE)
    name, rest = words[0], words[1:]
    if name == "cursor-to":  # a mouse click or drag: X Y in view cells
        mode = enter_copy_mode(ctx, pane)
        try:
            mode.move_to(int(rest[0]), int(rest[1]))
        except (IndexError, ValueError):
            raise CommandError("cursor-to needs X and Y", os.EX_USAGE) from None
        ctx.pane_view_changed(pane)
        return Result.success()
    if name not in COMMANDS:
        raise CommandError(f"unknown copy-mode command: {name} (one of: {', '.join(COMMANDS)}, cursor-to)",
                           os.EX_USAGE)
    mode = pane.copy
    if mode is None:
        raise CommandError(f"pane %{pane.id} is not in copy mode", os.EX_UNAVAILABLE)
    outcome = mode.command(name, rest, count)
    mode.message = outcome.error
    if outcome.copied is not None:
        store(ctx, session, outcome.copied)
    if outcome.leave:
        leave_copy_mode(ctx, pane)
    else:
        ctx.pane_view_changed(pane)
    if outcome.error and name not in ("search-forward", "search-backward", "search-again", "search-reverse"):
        raise CommandError(outcome.error, os.EX_USAGE)
    return Result.success()


@command("set-buffer")
def set_buffer(ctx: Context, args: Args) -> Result:
    name = args.get("-b")
    text = str(args.get("DATA"))
    if args.has("-a"):
        old = ctx.model.buffers.get(name)
        if old is not None:
            text = old.text + text
            name = old.name if name is None else name
    ctx.model.buffers.add(text, name)
    return Result.success()


def _buffer(ctx: Context, args: Args):
    name = args.get("-b")
    buffer = ctx.model.buffers.get(name)
    if buffer is None:
        raise CommandError(f"no buffer {name}" if name else "no buffers", os.EX_DATAERR)
    return buffer


@command("show-buffer")
def show_buffer(ctx: Context, args: Args) -> Result:
    text = _buffer(ctx, args).text
    return Result.success(*text.removesuffix("\n").split("\n"))


@command("list-buffers")
def list_buffers(ctx: Context, args: Args) -> Result:
    buffers = list(ctx.model.buffers)
    if args.get("-F") is not None or args.get("-f") is not None:  # tmux's formats, one scope per buffer
        from muntin.commands.formats import Scope, expand

        scopes = [Scope({"buffer_name": b.name, "buffer_size": len(b.text.encode()), "buffer_sample": b.sample(),
                         "buffer_created": int(b.created)}) for b in buffers]
        condition = args.get("-f")
        scopes = [scope for scope in scopes if condition is None or expand(condition, scope) not in ("", "0")]
        template = args.get("-F") or '#{buffer_name}: #{buffer_size} bytes: "#{buffer_sample}"'
        return Result.success(*(expand(template, scope) for scope in scopes))
    if args.has("--json"):
        return Result.success(json.dumps([{"name": b.name, "size": len(b.text.encode()), "text": b.text,
                                           "created": b.created} for b in buffers]))
    return Result.success(*(f'{b.name}: {len(b.text.encode())} bytes: "{b.sample()}"' for b in buffers))


@command("delete-buffer")
def delete_buffer(ctx: Context, args: Args) -> Result:
    buffer = _buffer(ctx, args)
    ctx.model.buffers.delete(buffer.name)
    return Result.success()


@command("paste-buffer")
def paste_buffer(ctx: Context, args: Args) -> Result:
    from muntin.commands.handlers.io import write_to

    session, window, pane = _pane(ctx, args)
    buffer = _buffer(ctx, args)
    text = buffer.text
    if not args.has("-r"):
        separator = args.get("-s")
        text = text.replace("\r\n", "\n").replace("\n", "\r" if separator is None else str(separator))
    if pane.state is PaneState.DEAD:
        raise CommandError(f"pane %{pane.id} is dead", os.EX_UNAVAILABLE)
    leave_copy_mode(ctx, pane)
    if args.has("-p"):
        data = encode_paste(text, pane.terminal.modes)
    else:
        data = text.encode()
    write_to(window, pane, data)
    if args.has("-d"):
        ctx.model.buffers.delete(buffer.name)
    return Result.success()


BUFFER_FILE_LIMIT = 16 << 20
"""Bytes of the largest file load-buffer reads."""


@command("load-buffer")
def load_buffer(ctx: Context, args: Args) -> Result:
    """tmux's ``load-buffer [-b NAME] PATH``: the file's contents as a paste buffer (``-`` is the command
    line's standard input: the CLI reads it and hands over its text)."""
    path = args.get("PATH")
    if path == "-":
        raise CommandError("'-' (standard input) works from the command line only: muntin load-buffer -",
                           os.EX_USAGE)
    try:
        with open(os.path.expanduser(path), "rb") as handle:
            data = handle.read(BUFFER_FILE_LIMIT + 1)
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}", os.EX_NOINPUT) from None
    if len(data) > BUFFER_FILE_LIMIT:
        raise CommandError(f"{path} is over the {BUFFER_FILE_LIMIT >> 20} MiB limit of a buffer", os.EX_DATAERR)
    ctx.model.buffers.add(data.decode("utf-8", errors="replace"), args.get("-b"))
    return Result.success()


@command("save-buffer")
def save_buffer(ctx: Context, args: Args) -> Result:
    """tmux's ``save-buffer [-a] [-b NAME] PATH``: the buffer into a file (``-a`` appended; ``-`` prints it,
    byte for byte)."""
    text = _buffer(ctx, args).text
    path = args.get("PATH")
    if path == "-":
        lines = text.removesuffix("\n").split("\n") if text else []
        return Result.success(*lines, data={"newline": text.endswith("\n")})
    try:
        with open(os.path.expanduser(path), "ab" if args.has("-a") else "wb") as handle:
            handle.write(text.encode("utf-8", errors="surrogateescape"))
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}", os.EX_CANTCREAT) from None
    return Result.success()
