"""tmux style strings (``fg=black,bg=green,bold``) for the status options: parsed and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from muntin.emulator.reports import default_palette

ATTRIBUTES = {"bold": "bold", "bright": "bold", "dim": "dim", "italics": "italic", "italic": "italic",
              "underscore": "underline", "underline": "underline", "blink": "blink", "reverse": "reverse",
              "strikethrough": "strike"}
"""tmux's attribute words and the rich style attribute each sets (``noWORD`` clears it)."""

_NAMES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_COLOUR = re.compile(r"^(?:default|terminal|#[0-9a-f]{6}|#[0-9a-f]{3}|colou?r(?:25[0-5]|2[0-4]\d|1?\d?\d)|"
                     r"(?:bright_?)?(?:" + "|".join(_NAMES) + r"))$")


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """What a style string sets: colours (as written, lower case; None: unchanged) and attributes."""

    fg: str | None = None
    bg: str | None = None
    attributes: tuple[tuple[str, bool], ...] = ()


def _colour(word: str, value: str) -> str:
    colour = value.strip().lower().replace("-", "_")
    if not _COLOUR.match(colour):
        raise ValueError(f"{word}: expected a colour (#rrggbb, colourN, red, bright_blue, default), got {value!r}")
    if len(colour) == 4 and colour.startswith("#"):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    if colour == "terminal":
        colour = "default"
    if colour.startswith("color"):
        colour = "colour" + colour[5:]
    if colour.startswith("bright") and not colour.startswith("bright_"):
        colour = "bright_" + colour[6:]  # tmux's brightred is the theme's bright_red
    return colour


def parse_style(text: str) -> StyleSpec:
    """``fg=COLOUR,bg=COLOUR,bold,noitalics`` (commas or spaces between words; empty sets nothing);
    raises ValueError naming the word that is wrong."""
    fg = bg = None
    attributes: list[tuple[str, bool]] = []
    for word in (w for w in re.split(r"[,\s]+", text.strip()) if w):
        key, equals, value = word.partition("=")
        lowered = key.lower()
        if equals and lowered in ("fg", "bg"):
            colour = _colour(word, value)
            fg, bg = (colour, bg) if lowered == "fg" else (fg, colour)
        elif not equals and lowered in ("none", "default"):
            attributes = [(name, False) for name in dict.fromkeys(ATTRIBUTES.values())]
        elif not equals and lowered in ATTRIBUTES:
            attributes.append((ATTRIBUTES[lowered], True))
        elif not equals and lowered.startswith("no") and lowered[2:] in ATTRIBUTES:
            attributes.append((ATTRIBUTES[lowered[2:]], False))
        else:
            raise ValueError(f"unknown style word {word!r} (expected fg=COLOUR, bg=COLOUR, bold, dim, italics, "
                             "underscore, blink, reverse, strikethrough, or no before one of these)")
    return StyleSpec(fg, bg, tuple(attributes))


_BASE16 = (0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0,
           0x808080, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff)


def _palette_rgb(index: int) -> int:
    """tmux's colour_256toRGB: entry ``index`` of the 256-colour palette as 0xRRGGBB (the cube and the
    grey ramp are xterm's; the first 16 are tmux's own)."""
    if index < 16:
        return _BASE16[index]
    red, green, blue = default_palette(index)
    return red << 16 | green << 8 | blue


def colour_hex(text: str) -> str:
    """``#{c:COLOUR}``: the colour as tmux's colour_fromstring reads it, in ``rrggbb`` hex; empty for
    ``default``, ``terminal`` and what is not a colour (X11 colour names too, which muntin does not know)."""
    lower = text.lower()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return lower[1:]
    numbered = re.fullmatch(r"colou?r(\d{1,3})", lower)
    if numbered:
        index = int(numbered.group(1))
        return f"{_palette_rgb(index):06x}" if index <= 255 else ""
    bright = lower.removeprefix("bright")
    if text in tuple("01234567") or lower in _NAMES:
        index = int(text) if text.isdigit() else _NAMES.index(lower)
    elif text in tuple(str(n) for n in range(90, 98)) or (lower != bright and bright in _NAMES):
        index = 8 + (int(text) - 90 if text.isdigit() else _NAMES.index(bright))
    else:
        return ""
    return f"{_palette_rgb(index):06x}"
