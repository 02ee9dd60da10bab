"""display-menu, choose-buffer and choose-client: built here from the model (formats expanded for the
target, as tmux does), shown by the attached client, whose pick runs back through the command table."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from muntin.commands import Args, CommandError, Result, TargetKind
from muntin.commands.formats import Scope, expand
from muntin.commands.hooks import request_mouse
from muntin.commands.handlers._context import Context, command, target
from muntin.commands.handlers.io import client_values, context_values, format_scope
from muntin.emulator.keys import format_key, parse_key

BUFFER_TEMPLATE = "paste-buffer -b '%%'"
BUFFER_FORMAT = "#{t/p:buffer_created}: #{buffer_sample}"
CLIENT_TEMPLATE = "detach-client -t '%%'"
CLIENT_FORMAT = "#{t/p:client_activity}: session #{session_name}"
MENU_ITEMS_LIMIT = 1000
"""Items one menu holds at most (a larger one is refused): every one is drawn on one screen."""


def _show(ctx: Context, args: Args, session: Any, name: str, payload: Mapping[str, Any]) -> Result:
    """Hand ``payload`` to the client that shows it: ``-c``'s, else the caller, else the session's."""
    client = args.get("-c")
    if ctx.send_action(session, name, payload, client=client) == 0:
        if client is not None:
            raise CommandError(f"can't find client: {client}", os.EX_DATAERR)
        raise CommandError("needs an attached muntin (start one with 'muntin attach')", os.EX_UNAVAILABLE)
    return Result.success()


def _key_of(text: str) -> str | None:
    """A menu item's key as the key tables name it, None for none (an empty or unknown key, as tmux's
    KEYC_UNKNOWN)."""
    try:
        return parse_key(text) if text else None
    except ValueError:
        return None


def menu_items(words: Sequence[str], scope: Scope) -> list[dict[str, Any]]:
    """display-menu's NAME KEY COMMAND triples (an empty NAME alone: a separator) as the client draws them:
    the name and the command expanded as formats for the target, an item whose name expands to nothing
    left out, a name starting with ``-`` disabled (without its ``-``). A leading separator is dropped."""
    items: list[dict[str, Any]] = []
    index = 0
    while index < len(words):
        name = words[index]
        index += 1
        if name == "":
            if items:
                items.append({"separator": True})
            continue
        if len(words) - index < 2:
            raise CommandError("not enough arguments", os.EX_USAGE)
        key, text = words[index], words[index + 1]
        index += 2
        shown = expand(name, scope)
        if not shown:
            continue
        disabled = shown.startswith("-")
        canonical = None if disabled else _key_of(key)
        items.append({"name": shown[1:] if disabled else shown, "disabled": disabled, "key": canonical,
                      "key_label": format_key(canonical) if canonical else "", "command": expand(text, scope)})
        if len(items) > MENU_ITEMS_LIMIT:
            raise CommandError(f"a menu holds at most {MENU_ITEMS_LIMIT} items", os.EX_USAGE)
    return items


WORD_SEPARATORS = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~"
"""tmux 3.3a's default word-separators: the printable ASCII punctuation but ``_``."""


def mouse_values(pane: Any, mouse: tuple[int, ...] | None) -> dict[str, Any]:
    """tmux's mouse_x, mouse_y, mouse_word and mouse_line for a click at (column, row) of ``pane`` (the
    last two of ``mouse``); none without one. In copy mode there are none (tmux reads the copy's view)."""
    if mouse is None or len(mouse) < 4 or pane.copy is not None:
        return {}
    x, y = mouse[2], mouse[3]
    terminal = pane.terminal
    if not (0 <= y < terminal.rows and 0 <= x < terminal.cols):
        return {}
    return {"mouse_x": x, "mouse_y": y, "mouse_word": terminal.word_at(x, y, WORD_SEPARATORS),
            "mouse_line": terminal.row_text(y).rstrip()}


@command("display-menu")
def display_menu(ctx: Context, args: Args) -> Result:
    """tmux's display-menu: the items (see :func:`menu_items`) and the title expanded for the target pane,
    shown by the client; the item picked runs from that pane."""
    session, window, pane = target(ctx, args, TargetKind.PANE)
    mouse = request_mouse()
    scope = format_scope(ctx, session, window, pane, {**context_values(ctx, session), **mouse_values(pane, mouse)})
    items = menu_items(list(args.get("ITEM") or ()), scope)
    if not any("name" in item for item in items):
        return Result.success()  # nothing to choose: no menu, as tmux
    payload = {"title": expand(args.get("-T") or "", scope), "items": items, "x": args.get("-x") or "C",
               "y": args.get("-y") or "C", "stay_open": args.has("-O"), "target": f"%{pane.id}",
               "window": window.index, "mouse": list(mouse[:2]) if mouse is not None else None}
    return _show(ctx, args, session, "display-menu", payload)


def default_key(line: int) -> str:
    """tmux's default -K of the choosers: 0-9 for the first ten lines, M-a to M-z for the next 26."""
    if line < 10:
        return str(line)
    if line < 36:
        return f"M-{chr(ord('a') + line - 10)}"
    return ""


def _truthy(text: str) -> bool:
    return text not in ("", "0")


def chooser_rows(items: Sequence[tuple[str, dict[str, Any]]], scope_of: Callable[[dict[str, Any]], Scope],
                 args: Args, default_format: str) -> list[dict[str, Any]]:
    """One row per (name, variables) item that passes ``-f``: its text from ``-F`` and its key from
    ``-K`` (tmux's default keys without it), in the order given (``-r``: reversed)."""
    rows = []
    listed = list(reversed(items)) if args.has("-r") else list(items)
    for name, values in listed:
        scope = scope_of(values)
        if args.get("-f") and not _truthy(expand(args.get("-f"), scope)):
            continue
        line = len(rows)
        scope = scope_of({**values, "line": line})
        key_text = expand(args.get("-K"), scope) if args.get("-K") else default_key(line)
        key = _key_of(key_text)
        rows.append({"name": name, "text": expand(args.get("-F") or default_format, scope), "key": key,
                     "key_label": format_key(key) if key else ""})
    return rows


_BUFFER_ORDERS: dict[str, Callable[[Any], Any]] = {
    "time": lambda b: -b.created, "name": lambda b: b.name, "size": lambda b: len(b.text.encode())}
_CLIENT_ORDERS: dict[str, Callable[[Any], Any]] = {
    "name": lambda r: r.name, "size": lambda r: (r.width, r.height), "creation": lambda r: r.created,
    "activity": lambda r: -r.activity}


def _order(args: Args, orders: Mapping[str, Callable[[Any], Any]], default: str) -> Callable[[Any], Any]:
    name = args.get("-O") or default
    if name not in orders:
        raise CommandError(f"unknown sort order: {name} (one of {', '.join(orders)})", os.EX_USAGE)
    return orders[name]


@command("choose-buffer")
def choose_buffer(ctx: Context, args: Args) -> Result:
    """tmux's choose-buffer: the paste buffers as a list in the client; Enter runs TEMPLATE (``%%``: the
    buffer's name; tmux's ``paste-buffer -b '%%'`` by default) from the target pane, ``d`` deletes."""
    session, window, pane = target(ctx, args, TargetKind.PANE)
    extra = context_values(ctx, session)
    buffers = list(ctx.model.buffers)
    if not buffers:
        return Result.success()  # nothing to choose: tmux shows no list either
    order = _order(args, _BUFFER_ORDERS, "time")
    buffers = [b for _, b in sorted(enumerate(buffers), key=lambda pair: (order(pair[1]), pair[0]))]
    items = [(b.name, {"buffer_name": b.name, "buffer_size": len(b.text.encode()), "buffer_sample": b.sample(),
                       "buffer_created": int(b.created)}) for b in buffers]
    rows = chooser_rows(items, lambda values: format_scope(ctx, session, window, pane, {**extra, **values}),
                        args, BUFFER_FORMAT)
    texts = {b.name: b.text for b in buffers}
    for row in rows:
        row["preview"] = "" if args.has("-N") else texts[row["name"]][:4096]
    payload = {"title": "choose a buffer", "rows": rows, "template": args.get("TEMPLATE") or BUFFER_TEMPLATE,
               "delete": "delete-buffer -b '%%'", "target": f"%{pane.id}", "zoom": args.has("-Z"), "kind": "buffer"}
    return _show(ctx, args, session, "choose-buffer", payload)


@command("choose-client")
def choose_client(ctx: Context, args: Args) -> Result:
    """tmux's choose-client: the attached clients as a list; Enter runs TEMPLATE (``%%``: the client's
    name, its tty; tmux's ``detach-client -t '%%'`` by default), ``d`` detaches the one under the cursor."""
    session, window, pane = target(ctx, args, TargetKind.PANE)
    records = ctx.client_records()
    if not records:
        raise CommandError("no clients are attached", os.EX_UNAVAILABLE)
    order = _order(args, _CLIENT_ORDERS, "name")
    records = sorted(records, key=order)
    items = [(r.name, {**client_values(r), "_record": r}) for r in records]

    def scope_of(values: dict[str, Any]) -> Scope:
        record = values["_record"]
        there = record.session
        shown = {k: v for k, v in values.items() if k != "_record"}
        return format_scope(ctx, there, there.active_window, there.active_window.active_pane,
                            {**context_values(ctx, there), **shown})

    rows = chooser_rows(items, scope_of, args, CLIENT_FORMAT)
    payload = {"title": "choose a client", "rows": rows, "template": args.get("TEMPLATE") or CLIENT_TEMPLATE,
               "delete": "detach-client -t '%%'", "target": f"%{pane.id}", "zoom": args.has("-Z"), "kind": "client"}
    return _show(ctx, args, session, "choose-client", payload)
