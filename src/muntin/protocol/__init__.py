"""Messages and framing shared by the server and its clients, and where the server's socket lives.

A frame is a 4-byte big-endian length and a JSON object (at most ``MAX_FRAME`` bytes); ``"t"`` names its
type, ``SCHEMA`` lists each type's required fields. The client speaks first with ``hello`` (version, kind);
the server answers ``welcome`` (version, pid) or ``error`` and closes. Any malformed, oversized or
truncated frame gets an ``error`` and the connection is closed.

Client -> server: ``command`` (id, argv words or command text) answered by ``result`` (id, ok, output,
error, code, optional data); ``attach`` (id, session or null, width, height) answered by ``result`` then a
full ``state``; ``resize`` (width, height; the smallest attached client wins); ``input`` (pane, base64
bytes, written at once; dropped, with a ``message`` saying so, while the pane holds 4 MiB its program has not
read); ``colours`` (from a UI: the colours its terminal answered, ``foreground``, ``background`` and
``palette`` {"0".."15": spec}, as X colour specifications; panes whose theme passes colours through answer
colour queries with them); ``detach``.

A result of more than a megabyte of output or error text (version 2) comes as several ``result`` frames
with the same id: each but the last has ``"more": true`` and a part of the output, then of the error; the
client joins them in order, and takes ok, code and data from the last. Every command gets a result, an
``ok: false`` one when the server fails to run it or to send what it made. A client whose answers pile
up unread (over a megabyte, or 8 commands running) has no further request read until it reads them.

Server -> attached client: ``state`` (session, windows, layout, panes with every row, one style table);
``pane`` (changed rows only, cursor, cursor_visible, title, state, modes, size, report; at most one per pane
per frame, coalesced while the client is slow); ``layout`` (window, width, height, pane rectangles,
borders, active, zoomed); ``windows`` (a slow client gets one ``state`` once it drains instead of the
``state``, ``layout`` and ``windows`` messages it missed); ``exited`` (pane, report, exit); ``bell``;
``message``; ``action`` (a command only a UI can carry out: copy-mode, command-prompt, ...); ``options`` (the
values, as text, of the options a client draws with: status, status-left, theme, ...; after each ``state``
and whenever one changes); ``closed`` (reason; also when the server drops a client that has left over 32 MiB
unread for 10 s).

Rows are ``[[y, [[text, style_index], ...]], ...]`` with the message's ``styles`` table, each style
``[fg, bg, flags, link]`` (colours null, 0-255 or [r, g, b]; flags bold=1 dim=2 italic=4 underline=8
blink=16 reverse=32 strikethrough=64).
"""

from __future__ import annotations

from muntin.protocol._framing import MAX_FRAME, FrameDecoder, ProtocolError, decode_body, encode_frame
from muntin.protocol.messages import (
    PROTOCOL_VERSION,
    SCHEMA,
    ClientKind,
    StyleTable,
    decode_rows,
    encode_rows,
    hello,
    input_bytes,
    input_message,
    make,
    own_terminal,
    style_from_wire,
    style_to_wire,
    validate,
)

__all__ = [
    "MAX_FRAME",
    "PROTOCOL_VERSION",
    "SCHEMA",
    "ClientKind",
    "FrameDecoder",
    "ProtocolError",
    "StyleTable",
    "decode_body",
    "decode_rows",
    "encode_frame",
    "encode_rows",
    "hello",
    "input_bytes",
    "input_message",
    "make",
    "own_terminal",
    "style_from_wire",
    "style_to_wire",
    "validate",
]
