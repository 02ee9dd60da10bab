"""Handlers that type into panes and read them: send-keys, capture-pane, list-panes, display-message, wait-for."""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import re
import socket
import time
from collections.abc import Mapping
from typing import Any

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.formats import Scope, expand, search_rows
from muntin.commands.options import OPTIONS
from muntin.commands.handlers._context import ClientRecord, Context, command, target
from muntin.emulator import DEFAULT, Style, send_keys_bytes, sgr
from muntin.emulator.terminal import WIDE_WRAP
from muntin.emulator.modes import MouseEncoding, MouseTracking
from muntin.emulator.width import wcwidth
from muntin.session import INPUT_LIMIT, Pane, PaneState, Session, Window


def _pane(ctx: Context, args: Args) -> tuple[Session, Window, Pane]:
    found = target(ctx, args, TargetKind.PANE)
    return found.session, found.window, found.pane  # type: ignore[return-value]


def write_to(window: Window, pane: Pane, data: bytes) -> None:
    """Input for ``pane``: every pane of the window gets it while the window is synchronized."""
    if pane.state is PaneState.DEAD:
        report = pane.status.report() if pane.status else "not started"
        raise CommandError(f"pane %{pane.id} is dead ({report}): run it again with respawn-pane",
                           os.EX_UNAVAILABLE)
    full = [each for each in (window.panes if window.synchronized else [pane]) if not each.write(data)]
    if full:
        names = ", ".join(f"%{each.id}" for each in full)
        raise CommandError(f"pane {names} is not reading its input ({INPUT_LIMIT >> 20} MiB queued): "
                           f"{len(data)} bytes not sent; try again once its program reads", os.EX_TEMPFAIL)


@command("send-keys")
def send_keys(ctx: Context, args: Args) -> Result:
    session, window, pane = _pane(ctx, args)
    if args.has("-X"):
        from muntin.commands.handlers.copy import copy_mode_command

        return copy_mode_command(ctx, session, pane, list(args.get("KEY", ())), args.get("-N", 1))
    if args.has("-H"):  # tmux skips a word that is not a byte in hex
        data = bytes(int(word, 16) for word in args.get("KEY", ()) if re.fullmatch(r"[0-9a-fA-F]{1,2}", word))
    else:
        data = send_keys_bytes(args.get("KEY", ()), pane.terminal.modes, literal=args.has("-l"))
    write_to(window, pane, data * args.get("-N", 1))
    return Result.success()


def sgr_line(runs: list[tuple[str, Style]], trim: bool = True) -> str:
    """A row's runs as text with SGR sequences, each from a reset (the saved screens of resurrect), trailing
    blanks dropped unless not trim."""
    if trim:
        while runs and runs[-1][1] == DEFAULT and not runs[-1][0].strip():
            runs = runs[:-1]
        if runs and runs[-1][1] == DEFAULT:
            runs = [*runs[:-1], (runs[-1][0].rstrip(), DEFAULT)]
    out = []
    current = DEFAULT
    for text, style in runs:
        if style != current:
            out.append(sgr(style))
            current = style
        out.append(text)
    if current != DEFAULT:
        out.append("\x1b[0m")
    return "".join(out)


_ATTRIBUTE_CODES = (("bold", 1), ("dim", 2), ("italic", 3), ("underline", 4), ("blink", 5), ("reverse", 7),
                    ("strikethrough", 9))


def _colour_codes(colour: object, base: int) -> list[int]:
    """tmux's grid_string_cells_fg/bg: a colour as SGR parameters (``base`` 30 or 40)."""
    if colour is None:
        return [base + 9]
    if isinstance(colour, int):
        return [base + colour] if colour < 8 else [base + 60 + colour - 8] if colour < 16 else [base + 8, 5, colour]
    return [base + 8, 2, *colour]  # type: ignore[list-item]


class TmuxCodes:
    """capture-pane ``-e`` as tmux 3.3a writes it (grid_string_cells_code): before a cell, SGR sequences for
    only what changed since the cell before it, the line before included (``0`` first when an attribute
    goes off); ``escape_c0`` (``-C``) writes ESC as ``\\033`` and a backslash as two."""

    def __init__(self, escape_c0: bool = False) -> None:
        self.last = DEFAULT
        self.escape_c0 = escape_c0
        self.start = "\\033[" if escape_c0 else "\x1b["

    def code(self, style: Style) -> str:
        last = self.last
        params: list[int] = []
        if any(getattr(last, name) and not getattr(style, name) for name, _ in _ATTRIBUTE_CODES):
            params.append(0)
            last = DEFAULT
        params += [code for name, code in _ATTRIBUTE_CODES if getattr(style, name) and not getattr(last, name)]
        out = [f"{self.start}{';'.join(map(str, params))}m"] if params else []
        for new, old in ((_colour_codes(style.fg, 30), _colour_codes(self.last.fg, 30)),
                         (_colour_codes(style.bg, 40), _colour_codes(self.last.bg, 40))):
            if new != old or params[:1] == [0]:
                out.append(f"{self.start}{';'.join(map(str, new))}m")
        self.last = style
        return "".join(out)

    def line(self, runs: list[tuple[str, Style]], trim: bool = True) -> str:
        out = []
        for text, style in runs:
            if style != self.last:
                out.append(self.code(style))
            out.append(text.replace("\\", "\\\\") if self.escape_c0 else text)
        return "".join(out).rstrip(" ") if trim else "".join(out)


def _wrapped_runs(runs: list[tuple[str, Style]], cols: int, mark: bool | int) -> list[tuple[str, Style]]:
    """A row that goes on in the next one as tmux joins it: all its cells, blanks too (a history line
    keeps no trailing blanks: they come back), less the blank a wide character left at the end."""
    width = sum(max(wcwidth(char), 0) for text, _ in runs for char in text)
    cells = cols - 1 if mark == WIDE_WRAP else cols
    if width < cells:
        return [*runs, (" " * (cells - width), DEFAULT)]
    if width > cells and runs and runs[-1][0].endswith(" "):
        return [*runs[:-1], (runs[-1][0][:-1], runs[-1][1])]
    return runs


def capture_lines(pane: Pane, *, escapes: bool = False, start: int = 0, end: int | None = None,
                  join: bool = False, escape_c0: bool = False) -> list[str]:
    """Lines ``start``..``end`` of the pane, counted like tmux (0 the top of the screen, negative numbers
    in the scrollback), as text or with SGR sequences; ``join`` joins lines that wrapped into one, as
    tmux's ``-J`` (the blanks at the end of a wrapped row are part of the line)."""
    terminal = pane.terminal
    history = terminal.scrollback  # indexed, not copied: a line is decoded when it is read
    first = max(start, -len(history))
    last = terminal.rows - 1 if end is None else min(end, terminal.rows - 1)
    lines: list[str] = []
    wrapped_prev = False
    codes = TmuxCodes(escape_c0)
    for number in range(first, last + 1):
        if number < 0:
            line = history[len(history) + number]
            runs, wrapped = line.styled(), line.wrapped
        else:
            runs, wrapped = terminal.styled_row(number), terminal.row_wrapped(number)
        whole = join and bool(wrapped) and number < last
        if whole:
            runs = _wrapped_runs(runs, terminal.cols, wrapped)
        text = codes.line(runs, trim=not whole) if escapes else "".join(t for t, _ in runs)
        if escape_c0 and not escapes:
            text = text.replace("\\", "\\\\")
        if not escapes and not whole:
            text = text.rstrip()
        if join and wrapped_prev and lines:
            lines[-1] += text
        else:
            lines.append(text)
        wrapped_prev = wrapped
    return lines


def _line_number(text: str | None, default: int | None, flag: str) -> int | str | None:
    """A capture-pane line: a number (negative: in the scrollback), ``-`` for the first or last one."""
    if text is None:
        return default
    if text == "-":
        return "-"
    try:
        return int(text)
    except ValueError:
        raise CommandError(f"{flag} expects a line number or -, got {text!r}", os.EX_USAGE) from None


@command("capture-pane")
def capture_pane(ctx: Context, args: Args) -> Result:
    session, _, pane = _pane(ctx, args)
    start, end = _line_number(args.get("-S"), 0, "-S"), _line_number(args.get("-E"), None, "-E")
    if start == "-":
        start = -len(pane.terminal.scrollback)
    if end == "-":
        end = None
    lines = capture_lines(pane, escapes=args.has("-e"), start=start, end=end,
                          join=args.has("-J"), escape_c0=args.has("-C"))
    if not args.has("-p"):
        ctx.model.buffers.add("\n".join(lines) + "\n", args.get("-b"))
        return Result.success(data={"lines": len(lines)})
    return Result.success(*lines)


@command("clear-history")
def clear_history(ctx: Context, args: Args) -> Result:
    _, _, pane = _pane(ctx, args)
    pane.terminal.scrollback.clear()
    return Result.success()


def pane_record(session: Session, window: Window, pane: Pane) -> dict[str, Any]:
    floating = window.floating.get(pane.id)
    rect = floating.rect if floating is not None else window.geometry().panes.get(pane.id)
    info = pane.info()
    return {
        "id": info.pop("id"),
        "session": session.name,
        "window": window.index,
        "index": pane.index,
        "active": window.active == pane.id and session.window is window,
        "left": rect.x if rect else None,
        "top": rect.y if rect else None,
        "floating": floating is not None,
        **info,
    }


@command("list-panes")
def list_panes(ctx: Context, args: Args) -> Result:
    if args.has("-a"):
        found = [(s, w, p) for s in ctx.model.sessions.values() for w in s.windows for p in w.listed_panes]
    elif args.has("-s"):
        session: Session = target(ctx, args, TargetKind.SESSION).session  # type: ignore[assignment]
        found = [(session, w, p) for w in session.windows for p in w.listed_panes]
    else:
        where = target(ctx, args, TargetKind.WINDOW)
        found = [(where.session, where.window, p) for p in where.window.listed_panes]  # type: ignore[misc,attr-defined]
    found = filtered(args, found, ctx)  # type: ignore[arg-type]
    if args.get("-F") is not None:
        return formatted(args, found, ctx)  # type: ignore[arg-type]
    records = [pane_record(*item) for item in found]  # type: ignore[arg-type]
    if args.has("--json"):
        return Result.success(json.dumps(records))
    lines = []
    for r in records:
        state = r["state"] if r["state"] != "dead" else f"dead: {r['report']}"
        lines.append(f"{r['session']}:{r['window']}.{r['index']}: {r['id']} [{r['width']}x{r['height']}] "
                     f"pid {r['pid']} {r['foreground_command'] or ''} ({state}){' (active)' if r['active'] else ''}")
    return Result.success(*lines)


def format_values(session: Session, window: Window, pane: Pane) -> dict[str, Any]:
    """The ``#{...}`` variables for a pane in its window and session, as tmux names them."""
    info = pane.info()
    geometry = window.geometry()
    rect = geometry.panes.get(pane.id)
    summary = window.to_dict()
    flags = "".join(mark for mark, on in (("*", summary["active"]), ("-", summary["last"]),
                                          ("#", summary["activity"]), ("!", summary["bell"]),
                                          ("~", summary.get("silence", False)),
                                          ("Z", summary["zoomed"])) if on)
    terminal = pane.terminal
    exit_status = info["exit"] or {}
    return {"session_name": session.name, "session_id": f"${session.id}", "session_windows": len(session.window_map),
            "session_created": int(session.created), "session_width": session.width,
            "session_height": session.height, "session_path": session.path,
            "window_index": window.index, "window_id": f"@{window.id}", "window_name": window.name,
            "window_active": int(summary["active"]), "window_panes": summary["panes"],
            "window_layout": summary["layout"], "window_flags": flags, "window_zoomed_flag": int(summary["zoomed"]),
            "window_width": geometry.width, "window_height": geometry.height,
            "pane_id": info["id"], "pane_index": pane.index, "pane_active": int(window.active == pane.id),
            "pane_floating": int(pane.id in window.floating),
            "pane_pid": info["pid"], "pane_title": pane.title, "pane_width": pane.cols, "pane_height": pane.rows,
            "pane_left": rect.x if rect else "", "pane_top": rect.y if rect else "",
            "pane_right": rect.x + rect.width - 1 if rect else "",
            "pane_bottom": rect.y + rect.height - 1 if rect else "",
            "pane_dead": int(pane.state is PaneState.DEAD), "pane_dead_status": exit_status.get("code", ""),
            "pane_in_mode": int(pane.copy is not None), "pane_mode": "copy-mode" if pane.copy is not None else "",
            "pane_pipe": int(pane.pipe is not None and pane.pipe.running),
            "pane_current_path": (info["cwd"] or "") if pane.state is not PaneState.DEAD else "",  # as tmux
            "pane_current_command": info["current_command"],
            "pane_start_command": pane.given, "history_size": len(terminal.scrollback),
            "history_limit": terminal.scrollback.maxlen or 0, "cursor_x": terminal.cursor[0],
            "cursor_y": terminal.cursor[1], "alternate_on": int(terminal.alternate_screen),
            "pane_tty": pane.child.tty_name() if pane.child is not None else "",
            "cursor_character": _cursor_character(pane), "window_last_flag": int(summary["last"]),
            "pane_start_path": pane.start_cwd or "",
            **_session_values(session), **_window_values(session, window, summary, flags),
            **_pane_place(window, pane, rect, geometry.width, geometry.height), **_mode_values(terminal)}


def _session_values(session: Session) -> dict[str, Any]:
    """tmux's session variables beyond name and size; muntin has no grouped, marked or linked sessions."""
    return {"active_window_index": session.active, "last_window_index": max(session.window_map),
            "session_grouped": 0, "session_marked": 0, "session_stack": " ".join(
                str(index) for index in (session.active, session.last) if index is not None),
            "pid": os.getpid(), "uid": os.getuid(), "user": _user()}


def _window_values(session: Session, window: Window, summary: dict[str, Any], flags: str) -> dict[str, Any]:
    indexes = [w.index for w in session.windows]
    active = int(summary["active"])
    return {"window_raw_flags": flags, "window_visible_layout": summary["layout"],
            "window_activity_flag": int(summary["activity"]), "window_bell_flag": int(summary["bell"]),
            "window_silence_flag": int(summary.get("silence", False)), "window_marked_flag": 0, "window_linked": 0,
            "window_linked_sessions": 1, "window_linked_sessions_list": session.name,
            "window_active_sessions": active, "window_active_sessions_list": session.name if active else "",
            "window_start_flag": int(window.index == indexes[0]), "window_end_flag": int(window.index == indexes[-1])}


def _pane_place(window: Window, pane: Pane, rect: Any, width: int, height: int) -> dict[str, Any]:
    """Where the pane is in its window (tmux's pane_at_* flags) and its standing there."""
    place = {"pane_last": int(window.last == pane.id), "pane_synchronized": int(window.synchronized),
             "pane_input_off": 0, "pane_marked": 0, "pane_marked_set": 0}
    if rect is not None:
        place.update(pane_at_left=int(rect.x == 0), pane_at_top=int(rect.y == 0),
                     pane_at_right=int(rect.x + rect.width >= width), pane_at_bottom=int(rect.y + rect.height >= height))
    return place


def _mode_values(terminal: Any) -> dict[str, Any]:
    """The pane's terminal modes as tmux's format flags."""
    modes = terminal.modes
    tracking = modes.mouse_tracking
    return {"cursor_flag": int(modes.cursor_visible), "insert_flag": int(modes.insert),
            "keypad_cursor_flag": int(modes.application_cursor), "keypad_flag": int(modes.application_keypad),
            "origin_flag": int(modes.origin), "wrap_flag": int(modes.autowrap),
            "mouse_standard_flag": int(tracking is MouseTracking.NORMAL),
            "mouse_button_flag": int(tracking is MouseTracking.BUTTON), "mouse_all_flag": int(tracking is MouseTracking.ANY),
            "mouse_any_flag": int(tracking is not MouseTracking.OFF),
            "mouse_sgr_flag": int(modes.mouse_encoding is MouseEncoding.SGR),
            "mouse_utf8_flag": int(modes.mouse_encoding is MouseEncoding.UTF8),
            "scroll_region_upper": terminal.top, "scroll_region_lower": terminal.bottom,
            "pane_tabs": ",".join(str(stop) for stop in sorted(terminal.tabstops))}


def _user() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def format_scope(ctx: Context | None, session: Session, window: Window, pane: Pane,
                 extra: Mapping[str, Any] | None = None) -> Scope:
    """What a format sees for ``pane``: its variables (and ``extra``, the client's), then as tmux falls
    back: options (the pane's, the window's, the session's, the global ones, the defaults; ``@user``
    options among them) and the environment (the session's, the global, the server's); ``#{S:}``
    ``#{W:}`` ``#{P:}`` loop over the sessions, the session's windows, the window's panes."""
    values = {**format_values(session, window, pane), "pid": os.getpid(), "host": _HOST,
              "host_short": _HOST.split(".")[0], **(extra or {})}

    def resolve(name: str) -> Any:
        for layer in (pane.options, window.options, session.options, ctx.model.options if ctx else {}):
            if name in layer:
                return layer[name]
        if name in OPTIONS:
            return OPTIONS[name].default
        for env in (session.environment, ctx.model.environment if ctx else {}):
            if name in env:
                return env[name]
        return os.environ.get(name)

    def children(kind: str) -> list[tuple[Scope, bool]] | None:
        if kind == "S":
            sessions = sorted(ctx.model.sessions.values(), key=lambda s: s.name) if ctx else [session]
            return [(format_scope(ctx, s, s.active_window, s.active_window.active_pane, extra), s is session)
                    for s in sessions]
        if kind == "W":
            return [(format_scope(ctx, session, w, w.active_pane, extra), w is window) for w in session.windows]
        return [(format_scope(ctx, session, window, p, extra), p.id == window.active) for p in window.panes]

    def search(text: str, regex: bool, ignore_case: bool) -> int:
        return search_rows(pane.terminal.display, text, regex, ignore_case)

    return Scope(values, resolve, children, search)


_HOST = socket.gethostname()


NEW_TEMPLATE = "#{session_name}:#{window_index}.#{pane_index}"
"""What ``-P`` prints without ``-F`` for a new window or pane (tmux's NEW_WINDOW_TEMPLATE and others)."""


def printed(args: Args, session: Session, window: Window, pane: Pane,
            template: str = NEW_TEMPLATE, ctx: Context | None = None) -> tuple[str, ...]:
    """``-P [-F FORMAT]`` of new-session, new-window, split-window, break-pane: the new object's line."""
    if not args.has("-P"):
        return ()
    return (expand(args.get("-F") or template, format_scope(ctx, session, window, pane)),)


def spawn_format(ctx: Context, session: Session | None, text: str) -> str:
    """A new object's ``-c`` or ``-n`` as tmux reads it: a format, expanded for ``session``'s current
    window and its active pane (not the target pane: tmux's spawn does the same); with no session, only
    what needs none."""
    if "#" not in text:
        return text
    if session is None:
        return expand(text, Scope({"pid": os.getpid(), "host": _HOST, "host_short": _HOST.split(".")[0]}))
    window = session.window
    return expand(text, format_scope(ctx, session, window, window.active_pane, context_values(ctx, session)))


def start_directory(ctx: Context, args: Args, session: Session | None) -> str | None:
    """``-c DIR`` (a format, see spawn_format); one that comes out empty (``#{pane_current_path}`` of a dead
    pane) is the session's directory. None without ``-c``."""
    given = args.get("-c")
    if given is None:
        return None
    return spawn_format(ctx, session, given) or (session.path if session is not None else None) or None


def _cursor_character(pane: Pane) -> str:
    x, y = pane.terminal.cursor[0], pane.terminal.cursor[1]
    row = pane.terminal.row_text(y) if 0 <= y < pane.terminal.rows else ""
    return row[x] if 0 <= x < len(row) else " "


CLIENT_FLAGS = "attached,focused,UTF-8"
"""What a muntin UI client is, in tmux's client_flags words: it speaks UTF-8, and counts as focused, as a
tmux client does until its terminal reports losing focus."""


def client_values(record: ClientRecord) -> dict[str, Any]:
    """The ``client_*`` variables of an attached client; its name is its tty, as in tmux."""
    return {"client_name": record.name, "client_tty": record.tty, "client_created": int(record.created),
            "client_activity": int(record.activity),
            "client_width": record.width, "client_height": record.height, "client_session": record.session.name,
            "client_pid": record.pid, "client_termname": record.term, "client_flags": CLIENT_FLAGS}


def context_values(ctx: Context, session: Session) -> dict[str, Any]:
    """What a format knows from the server beyond the pane: how many clients show ``session`` and the
    client the command speaks of (the calling one, else the latest attached to ``session``, as tmux's)."""
    records = ctx.client_records()
    mine = [r for r in records if r.session is session]
    calling = [r for r in records if r.calling]
    best = calling or sorted(mine, key=lambda r: -r.active_at)
    return {"session_attached": len(mine), "session_many_attached": int(len(mine) > 1),
            **(client_values(best[0]) if best else {})}


def filtered(args: Args, items: list[tuple[Session, Window, Pane]], ctx: Context) -> list[tuple[Session, Window, Pane]]:
    """``-f FILTER`` of the list commands: the items for which the format is true (not empty, not 0)."""
    condition = args.get("-f")
    if condition is None:
        return items
    return [item for item in items
            if expand(condition, format_scope(ctx, *item, context_values(ctx, item[0]))) not in ("", "0")]


def formatted(args: Args, items: list[tuple[Session, Window, Pane]], ctx: Context | None = None) -> Result:
    """``-F FORMAT``: one line per item, the format filled from its pane, window and session."""
    return Result.success(*(expand(args.get("-F"), format_scope(ctx, *item, context_values(ctx, item[0])
                                                                   if ctx else None))
                            for item in items))


LIST_CLIENTS_FORMAT = ("#{client_name}: #{session_name} [#{client_width}x#{client_height} #{client_termname}]"
                       "#{?client_flags, (,}#{client_flags}#{?client_flags,),}")
"""tmux's list-clients line."""


@command("list-clients")
def list_clients(ctx: Context, args: Args) -> Result:
    records = ctx.client_records()
    if args.target is not None:
        session = target(ctx, args, TargetKind.SESSION).session
        records = [r for r in records if r.session is session]
    template = args.get("-F") or LIST_CLIENTS_FORMAT
    lines = []
    for record in records:
        session = record.session
        window = session.active_window
        extra = {**context_values(ctx, session), **client_values(record)}
        lines.append(expand(template, format_scope(ctx, session, window, window.active_pane, extra)))
    return Result.success(*lines)


@command("display-message")
def display_message(ctx: Context, args: Args) -> Result:
    """As tmux's: ``-p`` prints, ``-F`` gives the format (else MESSAGE), ``-a`` lists every variable;
    ``%`` fields of the template are the time (strftime), as tmux's display-message has them."""
    session, window, pane = _pane(ctx, args)
    scope = format_scope(ctx, session, window, pane, context_values(ctx, session))
    if args.has("-a"):
        return Result.success(*(f"{name}={expand('#{' + name + '}', scope)}" for name in sorted(scope.values)))
    template = args.get("-F") or args.get("MESSAGE") or \
        "[#{session_name}] #{window_index}:#{window_name}, #{pane_id}"
    text = expand(template, scope, strftime=True)
    if args.has("-p"):
        return Result.success(text)
    ctx.message(session, text)
    return Result.success()


_POLL = 0.02


_PANE_WAITS = ("--text", "--exit", "--prompt")
_CHANNEL_MODES = ("-L", "-S", "-U")


@command("wait-for")
async def wait_for(ctx: Context, args: Args) -> Result:
    """A channel (a CHANNEL word, as tmux) or a wait on a pane (``--text``, ``--exit``, ``--prompt``);
    never both, so a tmux script's ``wait-for NAME`` always means its channel."""
    pane_wait = [flag for flag in _PANE_WAITS if args.has(flag) or args.get(flag) is not None]
    channel = args.get("CHANNEL")
    if pane_wait and channel is not None:
        raise CommandError(f"a channel ({channel}) and {'/'.join(pane_wait)} do not go together: wait on one or "
                           "the other", os.EX_USAGE)
    if pane_wait:
        modes = [flag for flag in _CHANNEL_MODES if args.has(flag)]
        if modes:
            raise CommandError(f"{modes[0]} is for a channel, not {pane_wait[0]}", os.EX_USAGE)
        return await _wait_pane(ctx, args)
    if channel is None:
        raise CommandError("nothing to wait for: give a channel name, or a pane wait (--text REGEX, --exit or "
                           "--prompt)", os.EX_USAGE)
    if args.target is not None:
        raise CommandError("-t names a pane for --text, --exit or --prompt: a channel has no target", os.EX_USAGE)
    channels = ctx.channels
    timeout = args.get("--timeout")
    if args.has("-S"):
        channels.signal(channel)
    elif args.has("-U"):
        channels.unlock(channel)
    elif args.has("-L"):
        await channels.lock(channel, timeout)
    else:
        await channels.wait(channel, timeout)
    return Result.success()


async def _wait_pane(ctx: Context, args: Args) -> Result:
    _, _, pane = _pane(ctx, args)
    timeout = args.get("--timeout")
    pattern = None
    if args.get("--text") is not None:
        try:
            pattern = re.compile(args.get("--text"), re.MULTILINE)
        except re.error as error:
            raise CommandError(f"bad regular expression: {error}", os.EX_USAGE) from None
    waiting_exit = args.has("--exit")
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        status = pane.status
        if waiting_exit and status is not None:
            failed = status.exit_code != 0
            return Result(not failed, (status.report(),), f"pane %{pane.id} {status.report()}" if failed else "",
                          status.exit_code)
        if pattern is not None and pattern.search("\n".join(line.rstrip() for line in pane.terminal.display)):
            return Result.success()
        if args.has("--prompt") and pane.terminal.prompt_state in ("A", "B"):
            return Result.success()
        if not waiting_exit and status is not None:
            raise CommandError(f"pane %{pane.id} {status.report()} before the wait was over", os.EX_UNAVAILABLE)
        if deadline is not None and time.monotonic() >= deadline:
            raise CommandError(f"timed out after {timeout:g}s waiting on pane %{pane.id}", os.EX_TEMPFAIL)
        await asyncio.sleep(_POLL)
