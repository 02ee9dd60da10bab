"""display-panes (prefix q): each pane's number drawn big over it, as tmux does; a digit selects that pane,
any other key puts the panes back, and so does display-panes-time passing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.color import Color, ColorParseError
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget

from muntin.layout import Rect
from muntin.ui.clock import big_text

if TYPE_CHECKING:
    from muntin.ui.app import MuntinApp


@dataclass(frozen=True, slots=True)
class Label:
    """One pane's number: where its pane is on the screen, the number, and whether it is the active pane."""

    pane: int
    rect: Rect  # in screen cells
    number: int
    active: bool


def label_cells(label: Label) -> list[tuple[int, int, str, bool]]:
    """(x, y, text, block) runs for ``label``: big block digits centred in its pane (``block``: cells filled
    with the colour), or the number in plain digits at the centre when the pane is too small for them, as
    tmux does."""
    rect, rows = label.rect, big_text(str(label.number))
    if rect.width >= len(rows[0]) and rect.height >= len(rows):
        top = rect.y + (rect.height - len(rows)) // 2
        left = rect.x + (rect.width - len(rows[0])) // 2
        return [(left + dx, top + dy, " ", True)
                for dy, row in enumerate(rows) for dx, cell in enumerate(row) if cell == "#"]
    text = str(label.number)
    return [(rect.x + max((rect.width - len(text)) // 2, 0), rect.y + rect.height // 2, text, False)]


class PaneNumbers(Widget):
    """The screen as it was when display-panes started, with every pane's number over it."""

    DEFAULT_CSS = """
    PaneNumbers { width: 1fr; height: 1fr; }
    """

    def __init__(self, base: Sequence[Strip], labels: Sequence[Label], colours: tuple[Color, Color]) -> None:
        super().__init__()
        self.base = list(base)
        self.labels = tuple(labels)
        self.colours = colours  # (other panes, the active pane)
        self.overlay: dict[int, list[tuple[int, str, RichStyle]]] = {}
        for label in self.labels:
            colour = colours[1] if label.active else colours[0]
            for x, y, text, block in label_cells(label):
                style = RichStyle(bgcolor=colour) if block else RichStyle(color=colour, bold=True)
                self.overlay.setdefault(y, []).append((x, text, style))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        strip = self.base[y] if y < len(self.base) else Strip.blank(width)
        strip = strip.crop_extend(0, width, None)
        for x, text, style in self.overlay.get(y, ()):
            text = text[: max(width - x, 0)]
            if text:
                strip = Strip.join([strip.crop(0, x), Strip([Segment(text, style)]),
                                    strip.crop(x + len(text), width)])
        return strip


class DisplayPanesScreen(ModalScreen[int | None]):
    """The numbers over the panes until a key (a digit: that pane, returned) or the time is up."""

    DEFAULT_CSS = """
    DisplayPanesScreen { background: transparent; }
    """

    def __init__(self, base: Sequence[Strip], labels: Sequence[Label], colours: tuple[Color, Color],
                 seconds: float) -> None:
        super().__init__()
        self.base = base
        self.labels = tuple(labels)
        self.colours = colours
        self.seconds = seconds
        self.done = False

    def compose(self) -> ComposeResult:
        yield PaneNumbers(self.base, self.labels, self.colours)

    def on_mount(self) -> None:
        if self.seconds > 0:
            self.set_timer(self.seconds, lambda: self.close(None))

    def close(self, pane: int | None) -> None:
        if not self.done:
            self.done = True
            self.dismiss(pane)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()  # the key goes to no pane, as in tmux
        chosen = next((label.pane for label in self.labels if event.character == str(label.number)), None)
        self.close(chosen)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self.close(None)


def _colour(app: MuntinApp, text: str, fallback: str) -> Color:
    from muntin.config.theme import TERMINAL_THEME, get_theme
    from muntin.ui.theming import colour

    try:
        return colour(get_theme(app.theme_name) or TERMINAL_THEME, text) or Color.parse(fallback)
    except ColorParseError:  # set-option takes any text; one that is no colour gets tmux's default
        return Color.parse(fallback)


def labels(app: MuntinApp, base_index: int = 0) -> list[Label]:
    """The panes of the window on screen in layout order, numbered from ``base_index``, in screen cells."""
    view = app.view
    origin_x, origin_y = view.region.x, view.region.y + view.top  # below the title line, if it is on top
    return [Label(pid, Rect(origin_x + pane.rect.x, origin_y + pane.rect.y, pane.rect.width, pane.rect.height),
                  base_index + number, pid == app.active)
            for number, (pid, pane) in enumerate(view.panes.items())]


def display_panes(app: MuntinApp, options: Mapping[str, str]) -> None:
    """Show the numbers; a digit runs ``select-pane`` for its pane."""
    if any(isinstance(screen, DisplayPanesScreen) for screen in app.screen_stack):
        return
    try:
        seconds = int(options.get("display-panes-time", "1000")) / 1000
    except ValueError:
        seconds = 1.0
    try:
        base_index = int(options.get("pane-base-index", "0"))
    except ValueError:
        base_index = 0
    colours = (_colour(app, options.get("display-panes-colour", "blue"), "blue"),
               _colour(app, options.get("display-panes-active-colour", "red"), "red"))
    base = app.screen._compositor.render_strips()  # what is on screen now, the bar included

    def chosen(pane: int | None) -> None:
        if pane is not None:
            app.run_worker(app.run_command(f"select-pane -t %{pane}"), group="commands")

    app.push_screen(DisplayPanesScreen(base, labels(app, base_index), colours, seconds), chosen)
