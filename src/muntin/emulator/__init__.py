"""Terminal emulation: a screen that real programs' output edits, and encoders for what is typed into it.

``Terminal(rows, cols, scrollback=10000, on_reply=None)``: ``feed(bytes)``, ``display``, ``cursor``,
``cursor_visible``, ``resize``, ``title``, ``cwd``, ``modes``, ``take_dirty()``, ``styled_row(y)``,
``scrollback`` (``ScrollbackLine``s, oldest first), ``prompt_state`` (OSC 133), ``clipboard`` (OSC 52
writes), ``bell_count``, ``colors`` (palette and default colours programs set and query, OSC 4/5/10-12; its
``foreground``/``background`` and ``base`` palette are what queries answer until a program sets them); ``on_event(event, value)`` hears ``TerminalEvent``s (a ``str`` enum): title, cwd,
bell, clipboard, prompt, alternate-screen and scrollback-cleared. No file descriptors and no UI here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from muntin.emulator.keys import (MouseEvent, encode_focus, encode_key, encode_mouse, encode_paste, parse_key,
                                      send_keys_bytes)
    from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking
    from muntin.emulator.style import DEFAULT, Style, sgr
    from muntin.emulator.terminal import TERM, ScrollbackLine, Terminal, TerminalEvent

# Names are loaded from their module when first used: the UI client needs only the key encoders and the
# modes, and importing the terminal (and pyte) would add about 30 ms to every attach.
_HOME = {
    **dict.fromkeys(("MouseEvent", "encode_focus", "encode_key", "encode_mouse", "encode_paste", "parse_key",
                     "send_keys_bytes"), "keys"),
    **dict.fromkeys(("Modes", "MouseEncoding", "MouseTracking"), "modes"),
    **dict.fromkeys(("DEFAULT", "Style", "sgr"), "style"),
    **dict.fromkeys(("TERM", "ScrollbackLine", "Terminal", "TerminalEvent"), "terminal"),
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
