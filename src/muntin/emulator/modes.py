"""The terminal modes a program can set, which decide how input is encoded and the screen is shown."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class MouseTracking(enum.IntEnum):
    """Which mouse events the program asked for (DECSET 9 / 1000 / 1002 / 1003)."""

    OFF = 0
    X10 = 9  # press only
    NORMAL = 1000  # press and release
    BUTTON = 1002  # + motion while a button is held
    ANY = 1003  # + all motion


class MouseEncoding(enum.IntEnum):
    """How mouse reports are encoded (default X10 bytes, or DECSET 1005 / 1006 / 1015)."""

    DEFAULT = 0
    UTF8 = 1005
    SGR = 1006
    URXVT = 1015


@dataclass(slots=True)
class Modes:
    """Mutable mode flags owned by a Terminal; encoders read them, never write them."""

    alternate_screen: bool = False
    application_cursor: bool = False  # DECCKM (?1)
    application_keypad: bool = False  # DECKPAM / DECKPNM
    bracketed_paste: bool = False  # ?2004
    mouse_tracking: MouseTracking = MouseTracking.OFF
    mouse_encoding: MouseEncoding = MouseEncoding.DEFAULT
    focus_events: bool = False  # ?1004
    synchronized_output: bool = False  # ?2026
    cursor_visible: bool = True  # ?25
    autowrap: bool = True  # ?7
    origin: bool = False  # ?6
    insert: bool = False  # IRM (4)
    linefeed_newline: bool = False  # LNM (20)
    reverse_video: bool = False  # ?5
    left_right_margins: bool = False  # DECLRMM (?69): CSI s sets the left and right margins
    backarrow_sends_bs: bool = False  # DECBKM (?67): the backspace key sends BS, not DEL
