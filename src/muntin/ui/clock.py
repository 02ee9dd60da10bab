"""clock-mode: a big clock over the window, as tmux draws one; any key or click puts the panes back."""

from __future__ import annotations

import time

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

# 5 rows per glyph; "#" is a lit cell.
_FONT = {
    "0": ["#####", "#   #", "#   #", "#   #", "#####"],
    "1": ["    #", "    #", "    #", "    #", "    #"],
    "2": ["#####", "    #", "#####", "#    ", "#####"],
    "3": ["#####", "    #", "#####", "    #", "#####"],
    "4": ["#   #", "#   #", "#####", "    #", "    #"],
    "5": ["#####", "#    ", "#####", "    #", "#####"],
    "6": ["#####", "#    ", "#####", "#   #", "#####"],
    "7": ["#####", "    #", "    #", "    #", "    #"],
    "8": ["#####", "#   #", "#####", "#   #", "#####"],
    "9": ["#####", "#   #", "#####", "    #", "#####"],
    ":": ["     ", "  #  ", "     ", "  #  ", "     "],
}


def big_text(text: str) -> list[str]:
    """``text`` (digits and colons) as 5 rows of big glyphs, one blank column between glyphs."""
    glyphs = [_FONT[c] for c in text if c in _FONT]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(5)]


class ClockScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ClockScreen { align: center middle; background: $background 70%; }
    ClockScreen Static { width: auto; height: auto; }
    """

    def __init__(self, colour: str | None = None, clock_format: str = "%H:%M") -> None:
        super().__init__()
        self.colour = colour or "blue"
        self.clock_format = clock_format

    def compose(self) -> ComposeResult:
        yield Static(self._clock_text(), id="clock")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _clock_text(self) -> Text:
        lit = RichStyle(bgcolor=self.colour)
        text = Text()
        for number, row in enumerate(big_text(time.strftime(self.clock_format))):
            if number:
                text.append("\n")
            for cell in row:
                text.append(" ", lit if cell == "#" else None)
        return text

    def _tick(self) -> None:
        self.query_one("#clock", Static).update(self._clock_text())

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.dismiss(None)
