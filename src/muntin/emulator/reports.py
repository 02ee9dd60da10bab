"""What a program can ask the terminal and be answered, as xterm answers: colour queries and settings (OSC 4,
10-12, 104, 110-112) and the checksum of a rectangle of the screen (DECRQCRA).

The terminal's dispatch tables call these with the terminal; nothing here knows of anything above the emulator.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from muntin.emulator.style import DEFAULT

if TYPE_CHECKING:
    from muntin.emulator.terminal import Terminal

RGB = tuple[int, int, int]

# xterm's default 16 colours (its resources color0-color15), then the 6x6x6 cube and the grey ramp.
_BASE16: tuple[RGB, ...] = (
    (0x00, 0x00, 0x00), (0xcd, 0x00, 0x00), (0x00, 0xcd, 0x00), (0xcd, 0xcd, 0x00), (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd), (0x00, 0xcd, 0xcd), (0xe5, 0xe5, 0xe5), (0x7f, 0x7f, 0x7f), (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00), (0xff, 0xff, 0x00), (0x5c, 0x5c, 0xff), (0xff, 0x00, 0xff), (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
)
_STEPS = (0, 95, 135, 175, 215, 255)


def default_palette(index: int) -> RGB:
    """Palette entry ``index`` (0-255) as xterm has it before a program changes it."""
    if index < 16:
        return _BASE16[index]
    if index < 232:
        index -= 16
        return _STEPS[index // 36], _STEPS[index // 6 % 6], _STEPS[index % 6]
    level = 8 + (index - 232) * 10
    return level, level, level


DEFAULT_FOREGROUND: RGB = (0xe5, 0xe5, 0xe5)
DEFAULT_BACKGROUND: RGB = (0x00, 0x00, 0x00)


@dataclass(slots=True)
class Colors:
    """The colours a program set or can ask for: palette entries it changed (OSC 4), the dynamic colours it
    changed (10 foreground, 11 background, 12 cursor), and the defaults answered before it changes them:
    whoever shows the pane sets these to what it draws with (``foreground``, ``background``, and in ``base``
    the palette entries it draws differently from xterm's defaults)."""

    palette: dict[int, RGB] = field(default_factory=dict)
    dynamic: dict[int, RGB] = field(default_factory=dict)
    foreground: RGB = DEFAULT_FOREGROUND
    background: RGB = DEFAULT_BACKGROUND
    base: dict[int, RGB] = field(default_factory=dict)

    def shown(self) -> Colors:
        """The colours as shown before any program changed them (what RIS goes back to)."""
        return Colors(foreground=self.foreground, background=self.background, base=self.base)

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{9}|[0-9a-fA-F]{12})\Z")
_RGB = re.compile(r"rgb:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})\Z", re.I)
_NAMES: dict[str, RGB] = {"black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 255, 0), "yellow": (255, 255, 0),
                          "blue": (0, 0, 255), "magenta": (255, 0, 255), "cyan": (0, 255, 255),
                          "white": (255, 255, 255), "gray": (190, 190, 190), "grey": (190, 190, 190)}


def parse_color(spec: str) -> RGB | None:
    """An X colour specification (``#rgb`` to ``#rrrrggggbbbb``, ``rgb:r/g/b`` of 1-4 hex digits each, a few
    names) as 8 bits a channel, as xterm keeps it; None when it is not one."""
    found = _HEX.match(spec)
    if found:
        digits = found[1]
        size = len(digits) // 3
        # "#" forms are the high bits of each channel: #f is 0xf000.
        return tuple(int(digits[i * size:(i + 1) * size], 16) << (16 - 4 * size) >> 8 for i in range(3))  # type: ignore[return-value]
    found = _RGB.match(spec)
    if found:
        # rgb: forms are scaled: f is 0xffff, 80 is 0x8080.
        return tuple(int(part, 16) * 0xffff // (16 ** len(part) - 1) >> 8 for part in found.groups())  # type: ignore[return-value]
    return _NAMES.get(spec.strip().lower())


def format_color(rgb: RGB) -> str:
    """xterm's answer form: 16 bits a channel, each byte twice."""
    return "rgb:" + "/".join(f"{value:02x}{value:02x}" for value in rgb)


SPECIAL = 256  # OSC 5's colours (bold, underline, blink, reverse, italic) are palette entries 256-260, as in xterm


def palette_color(terminal: Terminal, index: int) -> RGB:
    """Palette entry ``index`` now: as a program set it, else as the pane is shown, else xterm's default (the
    special colours default to the foreground)."""
    colors = terminal.colors
    found = colors.palette.get(index, colors.base.get(index))
    if found is not None:
        return found
    return default_palette(index) if index < SPECIAL else dynamic_color(terminal, 10)


def dynamic_color(terminal: Terminal, code: int) -> RGB:
    """OSC 10 (foreground), 11 (background) or 12 (cursor) as it is now."""
    colors = terminal.colors
    if code in colors.dynamic:
        return colors.dynamic[code]
    if code == 11:
        return colors.background
    return colors.dynamic.get(10, colors.foreground)  # the cursor is drawn in the foreground colour


def osc_color(terminal: Terminal, code: int, rest: str, terminator: str) -> None:
    """OSC 4 (palette: ``4;N;spec|?`` pairs), 10-12 (``spec|?`` for 10, 11, 12 in turn), 104 (reset listed or
    all palette entries), 110-112 (reset one dynamic colour). Queries are answered with the terminator the
    query used."""
    colors = terminal.colors
    if code in (4, 5):
        parts = rest.split(";")
        base = 0 if code == 4 else SPECIAL
        for number, spec in zip(parts[::2], parts[1::2]):
            if not number.isdigit() or base + int(number) > SPECIAL + 4:
                continue
            index = base + int(number)
            if spec == "?":
                rgb = palette_color(terminal, index)
                terminal.reply(f"\x1b]{code};{index - base};{format_color(rgb)}{terminator}")
            else:
                rgb = parse_color(spec)
                if rgb is not None:
                    colors.palette[index] = rgb
    elif 10 <= code <= 12:
        for offset, spec in enumerate(rest.split(";")):
            which = code + offset
            if which > 12:
                break
            if spec == "?":
                terminal.reply(f"\x1b]{which};{format_color(dynamic_color(terminal, which))}{terminator}")
            else:
                rgb = parse_color(spec)
                if rgb is not None:
                    colors.dynamic[which] = rgb
    elif code in (104, 105):
        base = 0 if code == 104 else SPECIAL
        if not rest:
            for index in [index for index in colors.palette if (index >= SPECIAL) == bool(base)]:
                del colors.palette[index]
        for number in rest.split(";"):
            if number.isdigit():
                colors.palette.pop(base + int(number), None)
    elif 110 <= code <= 112:
        colors.dynamic.pop(code - 100, None)


# XTGETTCAP: the capabilities a program may ask for by name (in hex), with what this terminal's TERM says.
_TERMCAP = {"Co": "256", "colors": "256", "RGB": "8"}
_HEX_NAME = re.compile(r"(?:[0-9A-Fa-f]{2})+")


def termcap(terminal: Terminal, body: str, term: str) -> None:
    """XTGETTCAP (``DCS + q hex;hex... ST``): each known name answered ``DCS 1 + r hex = hex ST``, an unknown
    or malformed one ``DCS 0 + r ST`` (as xterm). Only names of hex digits are echoed, so a request cannot
    type text of its own back."""
    for name_hex in body.split(";"):
        name = bytes.fromhex(name_hex).decode("latin-1") if _HEX_NAME.fullmatch(name_hex) else ""
        value = term if name in ("TN", "name") else _TERMCAP.get(name)
        if value is None:
            terminal.reply("\x1bP0+r\x1b\\")
        else:
            terminal.reply(f"\x1bP1+r{name_hex}={value.encode().hex().upper()}\x1b\\")


# DEC status reports (``CSI ? Ps n``) with fixed answers, as xterm gives them: no printer, user-defined keys
# unlocked, a North American keyboard ready, no locator, no macro space, data integrity good, one session.
_DEC_STATUS = {15: "\x1b[?13n", 25: "\x1b[?20n", 26: "\x1b[?27;1;0;0n", 53: "\x1b[?53n", 55: "\x1b[?53n",
               56: "\x1b[?57;0n", 62: "\x1b[0*{", 75: "\x1b[?70n", 85: "\x1b[?83n"}


def dec_status(terminal: Terminal, values: list[int]) -> None:
    """DSR with ``?``: the fixed reports above; DECCKSR (``CSI ? 63 ; Pid n``) answers the checksum of no
    macros, ``DCS Pid ! ~ 0000 ST``."""
    what = values[0]
    if what == 63:
        ident = values[1] if len(values) > 1 else 0
        terminal.reply(f"\x1bP{ident}!~0000\x1b\\")
        return
    answer = _DEC_STATUS.get(what)
    if answer is not None:
        terminal.reply(answer)


_ATTRIBUTE_WEIGHTS = (("underline", 0x10), ("reverse", 0x20), ("blink", 0x40), ("bold", 0x80))


def checksum(terminal: Terminal, values: list[int]) -> None:
    """DECRQCRA (``CSI Pi ; Pg ; Pt ; Pl ; Pb ; Pr * y``): ``DCS Pi ! ~ XXXX ST``, the negated 16-bit sum of the
    characters in the rectangle and of their attributes (underline 0x10, reverse 0x20, blink 0x40, bold 0x80),
    as xterm and the VT520 compute it. The rectangle is in origin-mode coordinates when origin mode is on, and
    is clipped to the page (to the margins in origin mode)."""
    ident = values[0] if values else 0
    rows, cols = terminal.rows, terminal.cols
    top_limit, left_limit, bottom_limit, right_limit = 0, 0, rows - 1, cols - 1
    if terminal.modes.origin:
        top_limit, left_limit = terminal.top, terminal.left
        bottom_limit, right_limit = terminal.bottom, terminal.right

    def arg(index: int, default: int) -> int:
        value = values[index] if index < len(values) else 0
        return value or default

    top = arg(2, 1) - 1 + top_limit
    left = arg(3, 1) - 1 + left_limit
    bottom = min(arg(4, bottom_limit - top_limit + 1) - 1 + top_limit, bottom_limit)
    right = min(arg(5, right_limit - left_limit + 1) - 1 + left_limit, right_limit)
    total = 0
    if top <= bottom and left <= right:
        buf = terminal._buf
        width = right + 1 - left
        for y in range(top, bottom + 1):
            chars = buf.chars[y][left:right + 1]
            text = "".join(chars)
            if len(text) == width - chars.count(""):  # one code point a cell (wide fillers are empty)
                total += sum(map(ord, text))
            else:  # a cell with combining marks counts its first character
                total += sum(ord(char[0]) for char in chars if char)
            styles = buf.styles[y][left:right + 1]
            if styles.count(DEFAULT) != width:
                for style, count in Counter(styles).items():
                    total += count * sum(value for name, value in _ATTRIBUTE_WEIGHTS if getattr(style, name))
    terminal.reply(f"\x1bP{ident}!~{-total & 0xffff:04X}\x1b\\")
