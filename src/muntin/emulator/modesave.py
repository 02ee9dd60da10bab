"""The state of a DEC private mode, and XTSAVE / XTRESTORE (``CSI ? Pm s`` / ``CSI ? Pm r``), which save the
listed private modes and set them back, as xterm does. (``CSI s`` and ``CSI r`` without ``?`` are SCOSC or
DECSLRM, and DECSTBM: other rows of the terminal's dispatch table.)

The terminal's dispatch tables call these with the terminal; nothing here knows of anything above the emulator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muntin.emulator.terminal import Terminal

# Private modes kept as a flag of the terminal's Modes.
PRIVATE_FLAGS = {1: "application_cursor", 5: "reverse_video", 6: "origin", 7: "autowrap", 25: "cursor_visible",
                 67: "backarrow_sends_bs", 69: "left_right_margins", 1004: "focus_events", 2004: "bracketed_paste",
                 2026: "synchronized_output"}
# Private modes kept as an attribute of the terminal itself.
_TERMINAL_FLAGS = {12: "cursor_blink", 41: "more_fix", 45: "reverse_wrap", 1045: "reverse_wrap", 40: "allow_deccolm",
                   3: "column_mode", 47: "alternate_screen", 1047: "alternate_screen", 1049: "alternate_screen"}
_MOUSE_TRACKING = (9, 1000, 1002, 1003)
_MOUSE_ENCODING = (1005, 1006, 1015)


def private_mode_state(terminal: Terminal, mode: int) -> bool | None:
    """Whether private mode ``mode`` is set, or None for a mode the terminal does not keep."""
    modes = terminal.modes
    if mode in PRIVATE_FLAGS:
        return bool(getattr(modes, PRIVATE_FLAGS[mode]))
    if mode in _TERMINAL_FLAGS:
        return bool(getattr(terminal, _TERMINAL_FLAGS[mode]))
    if mode in _MOUSE_TRACKING:
        return modes.mouse_tracking == mode
    if mode in _MOUSE_ENCODING:
        return modes.mouse_encoding == mode
    if mode == 66:
        return modes.application_keypad
    return None


def save_modes(terminal: Terminal, values: list[int]) -> None:
    """XTSAVE: remember the state of each listed private mode the terminal keeps (a later save of a mode
    replaces the earlier one, as in xterm)."""
    saved = terminal.saved_private_modes
    for mode in values:
        state = private_mode_state(terminal, mode)
        if state is not None:
            saved[mode] = state


def restore_modes(terminal: Terminal, values: list[int]) -> None:
    """XTRESTORE: set each listed private mode back to its saved state; a mode never saved is left alone."""
    saved = terminal.saved_private_modes
    for mode in values:
        if mode in saved:
            terminal._private_mode(mode, saved[mode])
