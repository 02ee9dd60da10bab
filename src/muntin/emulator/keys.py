"""Input encoders: keys, paste, mouse and focus as the bytes a program in a terminal expects, per its modes.

Key names are Textual's (``ctrl+b``, ``shift+up``, ``percent_sign``); ``parse_key`` also accepts tmux's
(``C-b``, ``S-Up``, ``BSpace``) so key bindings, ``send-keys`` and the UI share one vocabulary.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking

ESC = "\x1b"
CSI = ESC + "["
SS3 = ESC + "O"

# Unicode names Textual shortens (``hyphen_minus`` -> ``minus``).
_NAME_REPLACEMENTS = {"slash": "solidus", "backslash": "reverse_solidus", "at": "commercial_at",
                      "minus": "hyphen_minus", "plus": "plus_sign", "underscore": "low_line"}

# Unicode names with a hyphen, which Textual's key names turn into an underscore.
_HYPHENATED = {"hyphen_minus": "HYPHEN-MINUS", "less_than_sign": "LESS-THAN SIGN",
               "greater_than_sign": "GREATER-THAN SIGN"}
# Cursor keys: final byte, sent as SS3 x in application cursor mode (DECCKM) and CSI x otherwise.
_CURSOR = {"up": "A", "down": "B", "right": "C", "left": "D"}
# Home and End as tmux-256color (the TERM of every pane) says: khome CSI 1~, kend CSI 4~ in both cursor
# modes, kHOM*/kEND* CSI 1;m H/F with modifiers (as tmux sends them).
_HOME_END = {"home": ("1", "H"), "end": ("4", "F")}
# Keys sent as CSI n ~.
_TILDE = {"insert": 2, "delete": 3, "pageup": 5, "pagedown": 6, "f5": 15, "f6": 17, "f7": 18, "f8": 19,
          "f9": 20, "f10": 21, "f11": 23, "f12": 24}
# F1-F4: SS3 P..S unmodified, CSI 1;m P..S with modifiers.
_PF = {"f1": "P", "f2": "Q", "f3": "R", "f4": "S"}
_PLAIN = {"enter": "\r", "tab": "\t", "escape": ESC, "backspace": "\x7f", "space": " ", "shift+tab": CSI + "Z",
          "backtab": CSI + "Z", "ctrl+@": "\x00", "ctrl+space": "\x00", "ctrl+at": "\x00", "newline": "\n"}
_MODIFIER_BITS = {"shift": 1, "alt": 2, "meta": 2, "ctrl": 4}


def key_character(name: str) -> str | None:
    """The character a key name stands for (``percent_sign`` -> ``%``, ``a`` -> ``a``), or None."""
    if len(name) == 1:
        return name
    name = _NAME_REPLACEMENTS.get(name, name)
    try:
        return unicodedata.lookup(_HYPHENATED.get(name) or name.replace("_", " ").upper())
    except KeyError:
        return None


def split_modifiers(key: str) -> tuple[frozenset[str], str]:
    """``ctrl+shift+up`` -> ({ctrl, shift}, ``up``). A lone ``+`` or ``ctrl++`` keeps its plus."""
    mods: set[str] = set()
    rest = key
    while "+" in rest[:-1]:
        head, _, tail = rest.partition("+")
        if head not in _MODIFIER_BITS:
            break
        mods.add("alt" if head == "meta" else head)
        rest = tail
    return frozenset(mods), rest


def _modifier_param(mods: frozenset[str]) -> int:
    return 1 + sum(_MODIFIER_BITS[m] for m in mods)


def encode_key(key: str, modes: Modes, character: str | None = None) -> bytes:
    """The bytes for a key press, or b"" for a key that has no encoding.

    ``character`` is what Textual reports as typed, used for printable keys it has no name for (non-ASCII
    text from an input method)."""
    if key in _PLAIN:
        return b"\x08" if key == "backspace" and modes.backarrow_sends_bs else _PLAIN[key].encode()  # DECBKM
    mods, base = split_modifiers(key)
    text = _encode(mods, base, modes)
    if text is None and character and character.isprintable() and not (mods - {"shift"}):
        text = character
    return text.encode() if text else b""


def _encode(mods: frozenset[str], base: str, modes: Modes) -> str | None:
    if base in _CURSOR:
        final = _CURSOR[base]
        if mods:
            return f"{CSI}1;{_modifier_param(mods)}{final}"
        return (SS3 if modes.application_cursor else CSI) + final
    if base in _HOME_END:
        number, final = _HOME_END[base]
        return f"{CSI}1;{_modifier_param(mods)}{final}" if mods else f"{CSI}{number}~"
    if base in _TILDE:
        number = _TILDE[base]
        return f"{CSI}{number};{_modifier_param(mods)}~" if mods else f"{CSI}{number}~"
    if base in _PF:
        return f"{CSI}1;{_modifier_param(mods)}{_PF[base]}" if mods else SS3 + _PF[base]
    alt = "alt" in mods
    rest = mods - {"alt"}
    plain = _PLAIN.get(base)
    if plain is not None and base not in ("tab", "escape"):
        if rest == {"shift"} and base == "tab":
            plain = CSI + "Z"
        elif base == "backspace" and ("ctrl" in rest or modes.backarrow_sends_bs):
            plain = "\x08"
        elif "ctrl" in rest and base == "space":
            plain = "\x00"
        return (ESC if alt else "") + plain
    if base == "tab":
        body = CSI + "Z" if "shift" in rest else "\t"
        return (ESC if alt else "") + body
    if base == "escape":
        return (ESC if alt else "") + ESC
    char = key_character(base)
    if char is None:
        return None
    if "ctrl" in rest:
        control = _control(char)
        if control is None:
            return None
        char = control
    elif "shift" in rest and len(char) == 1:
        char = char.upper()
    return (ESC if alt else "") + char


def _control(char: str) -> str | None:
    """ctrl+<char> as a C0 control, the way xterm maps it."""
    upper = char.upper()
    if "@" <= upper <= "_":
        return chr(ord(upper) - 0x40)
    return {"?": "\x7f", " ": "\x00", "2": "\x00", "3": ESC, "4": "\x1c", "5": "\x1d", "6": "\x1e",
            "7": "\x1f", "8": "\x7f", "/": "\x1f"}.get(char)


def encode_paste(text: str, modes: Modes) -> bytes:
    """Pasted text: newlines as CR (as typed), wrapped in ``ESC[200~ … ESC[201~`` when the program
    asked for bracketed paste; bracket markers inside the text are removed so it cannot end the paste."""
    body = text.replace("\r\n", "\r").replace("\n", "\r")
    if modes.bracketed_paste:
        while "\x1b[201~" in body or "\x1b[200~" in body:
            body = body.replace("\x1b[201~", "").replace("\x1b[200~", "")
        return f"{CSI}200~{body}{CSI}201~".encode()
    return body.encode()


def bracket_paste(data: bytes, modes: Modes) -> bytes:
    """A paste from the outer terminal as it came, in ``ESC[200~ … ESC[201~`` when the program asked for
    bracketed paste (markers inside are removed so the text cannot end the paste early)."""
    if not modes.bracketed_paste:
        return data
    body = data.replace(b"\x1b[200~", b"").replace(b"\x1b[201~", b"")
    return b"\x1b[200~" + body + b"\x1b[201~"


def encode_focus(focused: bool, modes: Modes) -> bytes:
    """``CSI I`` / ``CSI O`` when the program asked for focus events (1004)."""
    if not modes.focus_events:
        return b""
    return (CSI + ("I" if focused else "O")).encode()


class MouseKind(enum.Enum):
    PRESS = "press"
    RELEASE = "release"
    MOTION = "motion"
    WHEEL = "wheel"


@dataclass(frozen=True, slots=True)
class MouseEvent:
    """A mouse event in pane cells (0-based). ``button``: 0 left, 1 middle, 2 right, 3 none (motion);
    for WHEEL 64 up, 65 down (66/67 left/right)."""

    kind: MouseKind | str
    button: int
    x: int
    y: int
    shift: bool = False
    alt: bool = False
    ctrl: bool = False

    @property
    def kind_enum(self) -> MouseKind:
        return self.kind if isinstance(self.kind, MouseKind) else MouseKind(self.kind)


def _wants(event: MouseEvent, tracking: MouseTracking) -> bool:
    kind = event.kind_enum
    if tracking is MouseTracking.OFF:
        return False
    if tracking is MouseTracking.X10:
        return kind is MouseKind.PRESS
    if kind is MouseKind.MOTION:
        if tracking is MouseTracking.ANY:
            return True
        return tracking is MouseTracking.BUTTON and event.button in (0, 1, 2)
    return True


def encode_mouse(event: MouseEvent, modes: Modes) -> bytes:
    """The report for a mouse event, or b"" when the program's mouse mode does not ask for it."""
    tracking = MouseTracking(modes.mouse_tracking)
    if not _wants(event, tracking):
        return b""
    kind = event.kind_enum
    button = event.button
    if kind is MouseKind.WHEEL:
        code = 64 + (button - 64 if button >= 64 else button)
    else:
        code = button & 3
        if kind is MouseKind.MOTION:
            code += 32
    if tracking is not MouseTracking.X10:
        code += (4 if event.shift else 0) + (8 if event.alt else 0) + (16 if event.ctrl else 0)
    encoding = MouseEncoding(modes.mouse_encoding)
    x, y = event.x + 1, event.y + 1
    if encoding is MouseEncoding.SGR:
        final = "m" if kind is MouseKind.RELEASE else "M"
        return f"{CSI}<{code};{x};{y}{final}".encode()
    if kind is MouseKind.RELEASE:
        code = (code & ~3) | 3  # the old encodings cannot say which button was released
    if encoding is MouseEncoding.URXVT:
        return f"{CSI}{code + 32};{x};{y}M".encode()
    if encoding is MouseEncoding.UTF8:
        return (CSI + "M" + chr(code + 32) + chr(min(x, 2015) + 32) + chr(min(y, 2015) + 32)).encode()
    if x > 223 or y > 223:
        return b""  # the default encoding cannot say where
    return bytes([0x1B, 0x5B, 0x4D, code + 32, x + 32, y + 32])


# -- tmux key names ------------------------------------------------------------------------------------

_TMUX_NAMES = {
    "enter": "enter", "escape": "escape", "esc": "escape", "tab": "tab", "btab": "shift+tab",
    "bspace": "backspace", "space": "space", "up": "up", "down": "down", "left": "left", "right": "right",
    "home": "home", "end": "end", "pageup": "pageup", "ppage": "pageup", "pgup": "pageup",
    "pagedown": "pagedown", "npage": "pagedown", "pgdn": "pagedown", "ic": "insert", "insert": "insert",
    "dc": "delete", "delete": "delete",
    **{f"f{n}": f"f{n}" for n in range(1, 13)},
}
# tmux's mouse keys, bound like any other key (``bind -n MouseDown3Pane ...``): an event, a button (none for
# the wheel) and where it happened. The name is its own canonical form.
MOUSE_EVENTS = ("MouseDown", "MouseUp", "MouseDrag", "MouseDragEnd", "SecondClick", "DoubleClick", "TripleClick")
MOUSE_PLACES = ("Pane", "Status", "StatusLeft", "StatusRight", "StatusDefault", "Border")
MOUSE_KEYS = frozenset({f"{event}{button}{place}" for event in MOUSE_EVENTS for button in (1, 2, 3)
                        for place in MOUSE_PLACES} | {f"{wheel}{place}" for wheel in ("WheelUp", "WheelDown")
                                                      for place in MOUSE_PLACES})
_TMUX_NAMES.update({name.lower(): name for name in MOUSE_KEYS})
_TMUX_MODS = {"C": "ctrl", "M": "alt", "S": "shift"}


def mouse_key(event: str, button: int, place: str, *, ctrl: bool = False, alt: bool = False,
              shift: bool = False) -> str:
    """The canonical key name of a mouse event (``MouseDown``, button 3, ``Pane`` -> ``MouseDown3Pane``;
    with ``alt``, ``alt+MouseDown3Pane``), as the key tables hold it."""
    base = f"{event}{place}" if event.startswith("Wheel") else f"{event}{button}{place}"
    if base not in MOUSE_KEYS:
        raise ValueError(f"not a mouse key: {base}")
    return _join([m for m, on in (("ctrl", ctrl), ("alt", alt), ("shift", shift)) if on], base)
_DISPLAY = {"enter": "Enter", "escape": "Escape", "tab": "Tab", "shift+tab": "BTab", "backspace": "BSpace",
            "space": "Space", "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home",
            "end": "End", "pageup": "PPage", "pagedown": "NPage", "insert": "IC", "delete": "DC",
            **{f"f{n}": f"F{n}" for n in range(1, 13)}}


def _char_key(char: str) -> str:
    """A single character as Textual names its key (``%`` -> ``percent_sign``)."""
    if char.isalnum() and char.isascii():
        return char
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    reverse = {v: k for k, v in _NAME_REPLACEMENTS.items()}
    return reverse.get(name, name)


def parse_key(name: str) -> str:
    """A key name in tmux form (``C-b``, ``M-Left``, ``S-Up``, ``BSpace``, ``%``) or Textual form
    (``ctrl+b``, ``percent_sign``) as the canonical Textual name. Raises ValueError when it is not one."""
    text = name.strip()
    if not text:
        raise ValueError("empty key name")
    mods: list[str] = []
    rest = text
    while len(rest) > 2 and rest[1] == "-" and rest[0] in _TMUX_MODS:
        mods.append(_TMUX_MODS[rest[0]])
        rest = rest[2:]
    if "+" in rest[:-1] and not mods:
        textual_mods, base = split_modifiers(rest.lower() if len(rest.rsplit("+", 1)[-1]) > 1 else rest)
        if not textual_mods:
            raise ValueError(f"unknown key: {name}")
        return _join(sorted(textual_mods), _base_name(base, name))
    return _join(mods, _base_name(rest, name))


def _base_name(base: str, original: str) -> str:
    if len(base) == 1:
        return _char_key(base)
    lowered = base.lower()
    if lowered in _TMUX_NAMES:
        return _TMUX_NAMES[lowered]
    if key_character(lowered) is not None:
        return lowered
    raise ValueError(f"unknown key: {original}")


_ORDER = {"ctrl": 0, "alt": 1, "shift": 2}


def _join(mods: Iterable[str], base: str) -> str:
    ordered = sorted(set(mods), key=_ORDER.__getitem__)
    if base == "shift+tab":
        ordered = [m for m in ordered if m != "shift"]
        return "+".join([*ordered, "shift+tab"]) if ordered else "shift+tab"
    if ordered == ["shift"] and len(base) == 1 and base.isalpha():
        return base.upper()
    return "+".join([*ordered, base])


def format_key(key: str) -> str:
    """A Textual key name the way tmux writes it (``ctrl+b`` -> ``C-b``, ``percent_sign`` -> ``%``)."""
    mods, base = split_modifiers(key)
    if key in _DISPLAY:
        return _DISPLAY[key]
    prefix = "".join(f"{short}-" for short, long in _TMUX_MODS.items() if long in mods)
    return prefix + (_DISPLAY.get(base) or key_character(base) or base)


def send_keys_bytes(words: Iterable[str], modes: Modes, *, literal: bool = False) -> bytes:
    """What ``send-keys`` types: each word that is a key name as that key, any other word as its text
    (every word as text with ``literal``)."""
    out = bytearray()
    for word in words:
        if literal:
            out += word.encode()
            continue
        try:
            key = parse_key(word) if _looks_like_key(word) else None
        except ValueError:
            key = None
        out += encode_key(key, modes) if key is not None else word.encode()
    return bytes(out)


def _looks_like_key(word: str) -> bool:
    if len(word) == 1:
        return True
    if len(word) > 2 and word[1] == "-" and word[0] in _TMUX_MODS:
        return True
    return word.lower() in _TMUX_NAMES
