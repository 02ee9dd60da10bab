"""Pane arrangements as a pure split tree: verbs, presets, solving into rectangles, navigation, strings."""

from __future__ import annotations

from muntin.layout.layout import PRESETS, Layout, parse_size
from muntin.layout.strings import from_string, from_tmux, tmux_checksum, to_string, to_tmux
from muntin.layout.tree import Border, Direction, Geometry, LayoutError, Rect, Split

__all__ = [
    "PRESETS",
    "Border",
    "Direction",
    "Geometry",
    "Layout",
    "LayoutError",
    "Rect",
    "Split",
    "from_string",
    "from_tmux",
    "parse_size",
    "tmux_checksum",
    "to_string",
    "to_tmux",
]
