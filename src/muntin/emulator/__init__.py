"""Terminal emulation: a screen that real programs' output edits, and encoders for what is typed into it.

``Terminal(rows, cols, scrollback=10000, on_reply=None)``: ``feed(bytes)``, ``display``, ``cursor``,
``cursor_visible``, ``resize``, ``title``, ``cwd``, ``modes``, ``take_dirty()``, ``styled_row(y)``,
``scrollback`` (``ScrollbackLine``s, oldest first), ``prompt_state`` (OSC 133), ``clipboard`` (OSC 52
writes), ``bell_count``; ``on_event(event, value)`` hears ``TerminalEvent``s (a ``str`` enum): title, cwd,
bell, clipboard, prompt, alternate-screen and scrollback-cleared. No file descriptors and no UI here.
"""

from __future__ import annotations

from muntin.emulator.keys import MouseEvent, encode_focus, encode_key, encode_mouse, encode_paste, parse_key, send_keys_bytes
from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking
from muntin.emulator.style import DEFAULT, Style, sgr
from muntin.emulator.terminal import TERM, ScrollbackLine, Terminal, TerminalEvent

__all__ = [
    "DEFAULT",
    "TERM",
    "Modes",
    "MouseEncoding",
    "MouseEvent",
    "MouseTracking",
    "ScrollbackLine",
    "Style",
    "Terminal",
    "TerminalEvent",
    "encode_focus",
    "encode_key",
    "encode_mouse",
    "encode_paste",
    "parse_key",
    "send_keys_bytes",
    "sgr",
]
