"""The status bar: session name, the window list with its marks, the prefix hint, a message, and a clock."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.widget import Widget

from muntin.ui.format_draw import Styler, draw
from muntin.ui.literal import visible


@dataclass(frozen=True, slots=True)
class WindowTab:
    """One window as the status bar shows it (``0:bash*``)."""

    index: int
    name: str
    current: bool = False
    last: bool = False
    activity: bool = False
    bell: bool = False
    zoomed: bool = False
    silence: bool = False

    @property
    def flags(self) -> str:
        return ("*" if self.current else "-" if self.last else "") + ("#" if self.activity else "") + (
            "!" if self.bell else "") + ("~" if self.silence else "") + ("Z" if self.zoomed else "")

    def label(self) -> str:
        return f"{self.index}:{self.name}{self.flags}"


WINDOW_FORMAT = "#I:#W#{window_flags}"
"""A window in the status bar unless window-status-format says otherwise (``0:bash*``)."""


@dataclass(frozen=True, slots=True)
class StatusStyles:
    bar: RichStyle
    session: RichStyle
    current: RichStyle
    window: RichStyle
    hint_key: RichStyle
    hint_text: RichStyle
    message: RichStyle
    right: RichStyle | None = None  # status-right's; None: the same as the session's (status-left)


class StatusBar(Widget):
    """One line at the bottom. While the prefix is pending it lists the keys that may follow."""

    DEFAULT_CSS = """
    StatusBar { height: 1; width: 1fr; dock: bottom; }
    """

    def __init__(self, styles: StatusStyles, *, clock_format: str = " %H:%M ", left_format: str = "[#S] ",
                 formatter: Callable[[str], str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bar_styles = styles
        self.clock_format = clock_format  # the right side: a format with strftime fields (``%H:%M``)
        self.left_format = left_format
        self.formatter = formatter  # expands #S, #W, #{pane_title}, ...; None: only #S
        self.job: Callable[[str], str] | None = None  # the output of #(command) in the window formats
        self.session = ""
        self.windows: Sequence[WindowTab] = ()
        self.hints: Sequence[tuple[str, str]] | None = None
        self.message: str | None = None
        self.window_format = self.current_format = WINDOW_FORMAT  # window-status-format, -current-format
        self.separator = " "  # window-status-separator
        self.left_length, self.right_length = 40, 60  # status-left-length, status-right-length
        self.interval = 15  # status-interval: seconds between redraws; 0: only on changes
        self.justify = "left"  # status-justify: left, centre, right, absolute-centre
        self._room = 0  # cells before the window list that status-justify asks for
        self._timer = None
        self.status_format: str | None = None  # status-format[0] when set: the line it draws instead
        self.format_text = ""  # status-format[0] as the server last expanded it
        self.expander: Callable[[str], Awaitable[str | None]] | None = None  # the server's expansion
        self.styler: Styler | None = None  # a style word (#[bg=yellow]) over a style, in the theme
        self.no_margin = False  # terminal-overrides am@: the bottom-right cell is left blank, as tmux leaves it

    def on_mount(self) -> None:
        self.set_redraw_interval(self.interval)

    def set_redraw_interval(self, seconds: int) -> None:
        """Redraw every ``seconds`` (the clock, the formats' values); 0: only when something changes."""
        self.interval = seconds
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if seconds > 0 and self.is_mounted:
            self._timer = self.set_interval(seconds, self.redraw)

    def redraw(self) -> None:
        """Draw again, with status-format[0] expanded anew by the server when it is set."""
        if self.status_format is not None and self.expander is not None and self.is_mounted:
            self.run_worker(self._expand_format(self.status_format), group="status-format", exclusive=True)
        self.refresh()

    async def _expand_format(self, template: str) -> None:
        expanded = await self.expander(template) if self.expander is not None else None
        if expanded is not None and template == self.status_format:
            self.format_text = expanded
            self.refresh()

    def tab_text(self, tab: WindowTab) -> str:
        """A window as window-status-format (or -current-format) shows it."""
        from muntin.commands.formats import Scope, expand

        values = {"window_index": tab.index, "window_name": tab.name, "window_flags": tab.flags,
                  "window_active": int(tab.current), "window_last_flag": int(tab.last),
                  "window_activity_flag": int(tab.activity), "window_bell_flag": int(tab.bell),
                  "window_silence_flag": int(tab.silence),
                  "window_zoomed_flag": int(tab.zoomed), "session_name": self.session}
        return expand(self.current_format if tab.current else self.window_format, Scope(values, job=self.job))

    def update(self, *, session: str | None = None, windows: Sequence[WindowTab] | None = None) -> None:
        if session is not None:
            self.session = session
        if windows is not None:
            self.windows = tuple(windows)
        self.redraw()

    def set_styles(self, styles: StatusStyles) -> None:
        self.bar_styles = styles
        self.refresh()

    def show_hints(self, hints: Sequence[tuple[str, str]] | None) -> None:
        """Show (key, description) pairs instead of the window list; None puts the window list back."""
        self.hints = hints
        self.refresh()

    def show_message(self, message: str | None) -> None:
        self.message = message
        self.refresh()

    def segments(self, width: int) -> list[Segment]:
        st = self.bar_styles
        # strftime first, formats after: a pane title with a % in it is shown as it is
        shown = visible(self._expand(time.strftime(self.left_format)))
        left: list[Segment] = [Segment(_cut(shown, self.left_length), st.session)]
        if self.message:
            left.append(Segment(visible(self.message), st.message))
        elif self.hints is not None:
            left.append(Segment(" prefix: press a key from the list above (Esc cancels) ", st.hint_key))
        else:
            for tab in self.windows:
                left.append(Segment(visible(self.tab_text(tab)), st.current if tab.current else st.window))
                left.append(Segment(visible(self.separator), st.bar))
        # strftime first, formats after: a pane title with a % in it is shown as it is
        shown = _cut(visible(self._expand(time.strftime(self.clock_format))), self.right_length)
        right = Segment(shown, st.right or st.session)  # at the very end, as tmux draws status-right
        self._room = 0
        if self.message is None and self.hints is None:  # the room status-justify puts before the list
            listed = sum(segment.cell_length for segment in left[1:])
            self._room = _justified(self.justify, width, left[0].cell_length, listed, right.cell_length)
            if self._room:
                left.insert(1, Segment(" " * self._room, st.bar))
        return left + [right]

    def places(self) -> list[tuple[int, int, str, WindowTab | None]]:
        """(start, end, place, window) spans of the line as tmux's mouse keys name them: ``StatusLeft``,
        ``Status`` (a window's name, with that window), ``StatusRight``; the rest is ``StatusDefault``."""
        width = self.size.width
        *left, right = self.segments(width)
        spans: list[tuple[int, int, str, WindowTab | None]] = []
        x = left[0].cell_length
        spans.append((0, x, "StatusLeft", None))
        if self.message is None and self.hints is None:
            x += self._room  # status-justify's
            for tab, segment in zip(self.windows, left[1 + bool(self._room)::2]):
                spans.append((x, x + segment.cell_length, "Status", tab))
                x += segment.cell_length + len(visible(self.separator))
        start = max(width - right.cell_length, 0)
        spans.append((start, width, "StatusRight", None))
        return spans

    def place_at(self, x: int) -> tuple[str, WindowTab | None]:
        """Which part of the line column ``x`` is (see :meth:`places`)."""
        for start, end, place, tab in self.places():
            if start <= x < end:
                return place, tab
        return "StatusDefault", None

    def _expand(self, template: str) -> str:
        if self.formatter is not None:
            return self.formatter(template)
        return template.replace("#S", self.session)

    def render_line(self, y: int) -> Strip:
        strip = self._line(y)
        if self.no_margin and self.styles.dock == "bottom" and strip.cell_length > 1:
            return Strip.join([strip.crop(0, strip.cell_length - 1), Strip([Segment(" ")])])
        return strip

    def _line(self, y: int) -> Strip:
        width = self.size.width
        if y != 0:
            return Strip.blank(width, self.bar_styles.bar)
        if self.status_format is not None and not self.message and self.hints is None and self.styler:
            bar = self.bar_styles.bar
            drawn = [Segment(visible(part.text), part.style) for part in draw(self.format_text, bar, self.styler)]
            return Strip(drawn).crop_extend(0, width, bar)
        *left, right = self.segments(width)
        room = max(width - right.cell_length, 0)
        strip = Strip(left).crop_extend(0, room, self.bar_styles.bar)
        return Strip.join([strip, Strip([right])]).crop(0, width)


def _justified(justify: str, width: int, left: int, listed: int, right: int) -> int:
    """Cells between status-left and the window list for status-justify ``justify`` (left, centre, right,
    absolute-centre), so the list never covers status-left and, where it fits, not status-right."""
    if justify == "right":
        return max(width - right - left - listed, 0)
    if justify == "centre":
        return max((width - left - right - listed) // 2, 0)
    if justify == "absolute-centre":
        return max((width - listed) // 2 - left, 0)
    return 0


def _cut(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` cells (status-left-length, status-right-length)."""
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= cells else set_cell_size(text, cells)


class HintPanel(Widget):
    """While the prefix is pending: every key that may follow, with what it does, in columns above the
    status bar (hidden otherwise), so nobody has to remember the bindings."""

    DEFAULT_CSS = """
    HintPanel { height: auto; width: 1fr; dock: bottom; display: none; }
    """

    NOTE_WIDTH = 18

    def __init__(self, styles: StatusStyles, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bar_styles = styles
        self.hints: Sequence[tuple[str, str]] = ()

    def set_styles(self, styles: StatusStyles) -> None:
        self.bar_styles = styles
        self.refresh()

    def show(self, hints: Sequence[tuple[str, str]] | None) -> None:
        self.hints = tuple(hints or ())
        self.display = bool(hints)
        self.refresh(layout=True)

    def _grid(self, width: int) -> tuple[int, int, int]:
        """(columns, rows, key width) for the current hints at ``width``."""
        key_width = max((len(key) for key, _ in self.hints), default=1)
        cell = key_width + 1 + self.NOTE_WIDTH + 2
        columns = max(width // cell, 1)
        rows = -(-len(self.hints) // columns)
        return columns, rows, key_width

    def get_content_height(self, container, viewport, width: int) -> int:
        return self._grid(width)[1] if self.hints else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns, rows, key_width = self._grid(width)
        st = self.bar_styles
        segments: list[Segment] = []
        for column in range(columns):
            index = column * rows + y
            if index >= len(self.hints):
                break
            key, note = visible(self.hints[index][0]), visible(self.hints[index][1])
            note = note if len(note) <= self.NOTE_WIDTH else note[: self.NOTE_WIDTH - 1] + "…"
            segments.append(Segment(f"{key:>{key_width}}", st.hint_key))
            segments.append(Segment(f" {note:<{self.NOTE_WIDTH}}  ", st.hint_text))
        return Strip(segments).crop_extend(0, width, st.hint_text)
