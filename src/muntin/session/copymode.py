"""Copy mode: a pane's scrollback and screen as one document you move through, search and select from.

It lives in the server beside the pane's terminal, so every attached client sees the same view and it
survives detach and attach. Lines are numbered absolutely: line ``n`` is the ``n``-th line that ever
scrolled into history (``Terminal.scrolled_lines`` counts them), so new output does not move what you are
reading; the screen's rows follow the history. On the alternate screen there is no history, as in tmux.

The view is ``rows`` lines starting at ``top``; the cursor is (column, line). Commands are tmux's
``send-keys -X`` names (``cursor-up``, ``search-forward TEXT``, ``copy-selection-and-cancel``, ...);
:meth:`CopyMode.command` returns what the caller has to do next (leave the mode, copy text).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from muntin.emulator import Terminal
from muntin.emulator.terminal import WIDE_FILLER, Run
from muntin.emulator.width import wcwidth

WORD_SEPARATORS = " !\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~"
"""Characters that end a word for w/b/e (tmux's ``word-separators`` with everything but ``_``)."""


class Selection(enum.Enum):
    NONE = "none"
    CHARS = "chars"
    LINES = "lines"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a copy-mode command asks of its caller: ``leave`` the mode, ``copied`` text to store."""

    leave: bool = False
    copied: str | None = None
    error: str | None = None


class CopyMode:
    """A moving view over ``terminal``'s history and screen, with a cursor, a selection and a search."""

    def __init__(self, terminal: Terminal, *, exit_at_bottom: bool = False) -> None:
        self.terminal = terminal
        self.exit_at_bottom = exit_at_bottom  # copy-mode -e: scrolling back to the bottom leaves
        x, y = terminal.cursor
        self.top = self.bottom_top
        self.cx, self.cy = x, terminal.scrolled_lines + y
        self.selection = Selection.NONE
        self.rectangle = False
        self.anchor: tuple[int, int] = (self.cx, self.cy)
        self.search_text: str | None = None
        self.search_forward = True
        self.match: tuple[int, int, int] | None = None  # line, start, end of the match at the cursor
        self.message: str | None = None

    # -- the document ----------------------------------------------------------------------------------

    @property
    def rows(self) -> int:
        return self.terminal.rows

    @property
    def cols(self) -> int:
        return self.terminal.cols

    @property
    def _history(self):
        return () if self.terminal.alternate_screen else self.terminal.scrollback

    @property
    def first(self) -> int:
        """The number of the oldest line still held."""
        return self.terminal.scrolled_lines - len(self._history)

    @property
    def last(self) -> int:
        """The number of the screen's bottom row."""
        return self.terminal.scrolled_lines + self.rows - 1

    @property
    def bottom_top(self) -> int:
        """``top`` when the view shows the live screen."""
        return self.terminal.scrolled_lines

    def cells(self, line: int) -> list[str]:
        """The line's cells, ``cols`` of them (the second cell of a wide character is ``""``)."""
        terminal = self.terminal
        screen_row = line - terminal.scrolled_lines
        if 0 <= screen_row < self.rows:
            return list(terminal._buf.chars[screen_row])
        history = self._history
        index = line - self.first
        if not 0 <= index < len(history):
            return [" "] * self.cols
        out: list[str] = []
        for char in history[index].text:
            out.append(char)
            if wcwidth(char) == 2:
                out.append(WIDE_FILLER)
        if len(out) < self.cols:
            out.extend(" " * (self.cols - len(out)))
        return out[: self.cols]

    def text(self, line: int) -> str:
        return "".join(self.cells(line))

    def wrapped(self, line: int) -> bool:
        """Whether the line goes on in the next one (the program's text was wider than the pane)."""
        terminal = self.terminal
        screen_row = line - terminal.scrolled_lines
        if 0 <= screen_row < self.rows:
            return bool(terminal._buf.wrapped[screen_row])
        index = line - self.first
        history = self._history
        return 0 <= index < len(history) and bool(history[index].wrapped)

    def styled(self, line: int) -> list[Run]:
        terminal = self.terminal
        screen_row = line - terminal.scrolled_lines
        if 0 <= screen_row < self.rows:
            return terminal.styled_row(screen_row)
        index = line - self.first
        history = self._history
        if 0 <= index < len(history):
            return history[index].styled()
        return [(" " * self.cols, None)]

    def _line_end(self, line: int) -> int:
        """The column of the last non-blank cell (0 for a blank line)."""
        cells = self.cells(line)
        end = len(cells) - 1
        while end > 0 and cells[end] in (" ", WIDE_FILLER):
            end -= 1
        return max(end, 0)

    # -- the view --------------------------------------------------------------------------------------

    def view_row(self, y: int) -> list[Run]:
        return self.styled(self.top + y)

    @property
    def cursor(self) -> tuple[int, int]:
        """The cursor in view coordinates."""
        return self.cx, self.cy - self.top

    @property
    def offset(self) -> int:
        """How many lines the view is above the live screen."""
        return self.bottom_top - self.top

    @property
    def history_size(self) -> int:
        return self.bottom_top - self.first

    @property
    def position(self) -> str:
        """tmux's indicator: ``[offset/history]``."""
        return f"[{self.offset}/{self.history_size}]"

    def clamp(self) -> None:
        """Keep the view inside the document and the cursor inside the view (after output or a resize)."""
        self.top = min(max(self.top, self.first), self.bottom_top)
        self.cy = min(max(self.cy, self.top), self.top + self.rows - 1)
        self.cx = min(max(self.cx, 0), self.cols - 1)
        ax, ay = self.anchor
        self.anchor = (min(max(ax, 0), self.cols - 1), max(ay, self.first))

    def _show_cursor(self) -> None:
        """Scroll so the cursor is in view."""
        if self.cy < self.top:
            self.top = self.cy
        elif self.cy >= self.top + self.rows:
            self.top = self.cy - self.rows + 1
        self.clamp()

    def marks(self) -> list[tuple[int, int, int, str]]:
        """What to highlight in view rows: (row, start column, end column exclusive, kind), kinds ``selection``,
        ``match`` and ``current`` (the match at the cursor)."""
        out: list[tuple[int, int, int, str]] = []
        if self.search_text:
            needle, fold = self._needle()
            for y in range(self.rows):
                line = self.top + y
                haystack = self.text(line).lower() if fold else self.text(line)
                start = haystack.find(needle)
                while start >= 0:
                    kind = "current" if self.match == (line, start, start + len(needle)) else "match"
                    out.append((y, start, start + len(needle), kind))
                    start = haystack.find(needle, start + max(len(needle), 1))
        if self.selection is not Selection.NONE:
            for line, start, end in self._selected_spans():
                y = line - self.top
                if 0 <= y < self.rows and end > start:
                    out.append((y, start, end, "selection"))
        return out

    # -- selection -------------------------------------------------------------------------------------

    def _selected_spans(self) -> list[tuple[int, int, int]]:
        """(line, start column, end column exclusive) for every selected line."""
        (ax, ay), (cx, cy) = self.anchor, (self.cx, self.cy)
        if (ay, ax) > (cy, cx):
            (ax, ay), (cx, cy) = (cx, cy), (ax, ay)
        spans = []
        for line in range(ay, cy + 1):
            if self.selection is Selection.LINES:
                spans.append((line, 0, self.cols))
            elif self.rectangle:
                left, right = sorted((self.anchor[0], self.cx))
                spans.append((line, left, right + 1))
            else:
                start = ax if line == ay else 0
                end = cx + 1 if line == cy else self.cols
                spans.append((line, start, end))
        return spans

    def selected_text(self) -> str:
        parts: list[str] = []
        spans = self._selected_spans()
        for index, (line, start, end) in enumerate(spans):
            text = "".join(c for c in self.cells(line)[start:end] if c != WIDE_FILLER)
            joined = not self.rectangle and self.wrapped(line) and end == self.cols and index + 1 < len(spans)
            parts.append(text if joined else text.rstrip(" ") + ("\n" if index + 1 < len(spans) else ""))
        if self.selection is Selection.LINES and parts:
            parts[-1] += "\n"
        return "".join(parts)

    # -- motions ---------------------------------------------------------------------------------------

    @staticmethod
    def _kind(char: str) -> int:
        if char in (" ", WIDE_FILLER):
            return 0
        return 1 if char in WORD_SEPARATORS else 2

    def _step(self, x: int, line: int, forward: bool) -> tuple[int, int] | None:
        """The cell after (or before) (x, line) in reading order, crossing line ends; None at the ends."""
        if forward:
            if x + 1 < self.cols:
                return x + 1, line
            return (0, line + 1) if line < self.last else None
        if x > 0:
            return x - 1, line
        return (self.cols - 1, line - 1) if line > self.first else None

    def _kind_at(self, x: int, line: int) -> int:
        return self._kind(self.cells(line)[x])

    def _next_word(self, big: bool) -> None:
        x, line = self.cx, self.cy
        start = self._kind_at(x, line)
        kind = (lambda k: 0 if k == 0 else 2) if big else (lambda k: k)
        start = kind(start)
        position: tuple[int, int] | None = (x, line)
        # Leave the current word, then skip blanks.
        while position is not None and start != 0 and kind(self._kind_at(*position)) == start \
                and position[1] == line:
            position = self._step(*position, True)
        while position is not None and kind(self._kind_at(*position)) == 0:
            position = self._step(*position, True)
        if position is not None:
            self.cx, self.cy = position

    def _previous_word(self, big: bool) -> None:
        kind = (lambda k: 0 if k == 0 else 2) if big else (lambda k: k)
        position = self._step(self.cx, self.cy, False)
        while position is not None and kind(self._kind_at(*position)) == 0:
            position = self._step(*position, False)
        if position is None:
            return
        current = kind(self._kind_at(*position))
        while True:
            before = self._step(*position, False)
            if before is None or before[1] != position[1] or kind(self._kind_at(*before)) != current:
                break
            position = before
        self.cx, self.cy = position

    def _word_end(self, big: bool) -> None:
        kind = (lambda k: 0 if k == 0 else 2) if big else (lambda k: k)
        position = self._step(self.cx, self.cy, True)
        while position is not None and kind(self._kind_at(*position)) == 0:
            position = self._step(*position, True)
        if position is None:
            return
        current = kind(self._kind_at(*position))
        while True:
            after = self._step(*position, True)
            if after is None or after[1] != position[1] or kind(self._kind_at(*after)) != current:
                break
            position = after
        self.cx, self.cy = position

    def _move_line(self, lines: int) -> None:
        self.cy = min(max(self.cy + lines, self.first), self.last)
        self._show_cursor()

    def _page(self, lines: int) -> None:
        """Scroll the view by ``lines``, moving the cursor with it (ctrl+u/d/b/f, page keys)."""
        before = self.top
        self.top += lines
        self.clamp()
        moved = self.top - before
        if moved == 0:  # already at an end: move the cursor there instead
            self.cy = self.first if lines < 0 else self.last
        else:
            self.cy += moved
        self._show_cursor()

    # -- search ----------------------------------------------------------------------------------------

    def _needle(self) -> tuple[str, bool]:
        text = self.search_text or ""
        fold = text == text.lower()  # lower-case text matches either case (tmux's rule)
        return text, fold

    def search(self, forward: bool) -> str | None:
        """Move to the next match in ``forward`` direction from the cursor, wrapping around; the error."""
        needle, fold = self._needle()
        if not needle:
            return "no search text"
        first, count = self.first, self.last - self.first + 1
        for step in range(count + 1):
            line = first + ((self.cy + step if forward else self.cy - step) - first) % count
            haystack = self.text(line).lower() if fold else self.text(line)
            starts = []
            found = haystack.find(needle)
            while found >= 0:
                starts.append(found)
                found = haystack.find(needle, found + 1)
            if step == 0:
                starts = [x for x in starts if (x > self.cx if forward else x < self.cx)]
            elif step == count:  # around the whole document and back to the cursor's line
                starts = [x for x in starts if (x <= self.cx if forward else x >= self.cx)]
            if starts:
                self.cx, self.cy = (starts[0] if forward else starts[-1]), line
                self.match = (line, self.cx, self.cx + len(needle))
                if not self.top <= line < self.top + self.rows:
                    self.top = line - self.rows // 2
                self.clamp()
                return None
        self.match = None
        return f"not found: {self.search_text}"

    # -- commands --------------------------------------------------------------------------------------

    def command(self, name: str, args: list[str] | None = None, count: int = 1) -> Outcome:
        """Run a copy-mode command (``send-keys -X NAME ARGS``) ``count`` times."""
        args = list(args or [])
        handler = _COMMANDS.get(name)
        if handler is None:
            return Outcome(error=f"unknown copy-mode command: {name}")
        outcome = Outcome()
        for _ in range(max(count, 1)):
            outcome = handler(self, args) or Outcome()
            if outcome.leave or outcome.error:
                break
        if self.match is not None and self.match[:2] != (self.cy, self.cx):
            self.match = None  # the cursor left the match: it is no longer the current one
        if self.exit_at_bottom and self.offset == 0 and name in _SCROLLS and not outcome.leave:
            return Outcome(leave=True)
        return outcome

    def move_to(self, x: int, y: int) -> None:
        """Put the cursor on a cell of the view (a mouse click)."""
        self.cx = min(max(x, 0), self.cols - 1)
        self.cy = min(max(self.top + y, self.top), self.top + self.rows - 1)
        self.clamp()


_COMMANDS: dict[str, Callable[[CopyMode, list[str]], Outcome | None]] = {}
_SCROLLS = {"scroll-down", "halfpage-down", "page-down", "cursor-down", "history-bottom"}


def _simple(name: str):
    """Register the decorated function as the copy-mode command ``name``."""

    def register(function):
        _COMMANDS[name] = function
        return function

    return register


@_simple("cursor-left")
def _left(mode: CopyMode, args: list[str]) -> None:
    mode.cx = max(mode.cx - 1, 0)


@_simple("cursor-right")
def _right(mode: CopyMode, args: list[str]) -> None:
    mode.cx = min(mode.cx + 1, mode.cols - 1)


@_simple("cursor-up")
def _up(mode: CopyMode, args: list[str]) -> None:
    mode._move_line(-1)


@_simple("cursor-down")
def _down(mode: CopyMode, args: list[str]) -> None:
    mode._move_line(1)


@_simple("start-of-line")
def _start(mode: CopyMode, args: list[str]) -> None:
    mode.cx = 0


@_simple("back-to-indentation")
def _indent(mode: CopyMode, args: list[str]) -> None:
    text = mode.text(mode.cy)
    mode.cx = min(len(text) - len(text.lstrip(" ")), mode.cols - 1)


@_simple("end-of-line")
def _end(mode: CopyMode, args: list[str]) -> None:
    mode.cx = mode._line_end(mode.cy)


@_simple("next-word")
def _next_word(mode: CopyMode, args: list[str]) -> None:
    mode._next_word(False)
    mode._show_cursor()


@_simple("next-space")
def _next_space(mode: CopyMode, args: list[str]) -> None:
    mode._next_word(True)
    mode._show_cursor()


@_simple("previous-word")
def _previous_word(mode: CopyMode, args: list[str]) -> None:
    mode._previous_word(False)
    mode._show_cursor()


@_simple("previous-space")
def _previous_space(mode: CopyMode, args: list[str]) -> None:
    mode._previous_word(True)
    mode._show_cursor()


@_simple("next-word-end")
def _word_end(mode: CopyMode, args: list[str]) -> None:
    mode._word_end(False)
    mode._show_cursor()


@_simple("next-space-end")
def _space_end(mode: CopyMode, args: list[str]) -> None:
    mode._word_end(True)
    mode._show_cursor()


@_simple("top-line")
def _top_line(mode: CopyMode, args: list[str]) -> None:
    mode.cy = mode.top


@_simple("middle-line")
def _middle_line(mode: CopyMode, args: list[str]) -> None:
    mode.cy = mode.top + (mode.rows - 1) // 2


@_simple("bottom-line")
def _bottom_line(mode: CopyMode, args: list[str]) -> None:
    mode.cy = mode.top + mode.rows - 1


@_simple("history-top")
def _history_top(mode: CopyMode, args: list[str]) -> None:
    mode.top, mode.cy, mode.cx = mode.first, mode.first, 0
    mode.clamp()


@_simple("history-bottom")
def _history_bottom(mode: CopyMode, args: list[str]) -> None:
    mode.top, mode.cy = mode.bottom_top, mode.last
    mode.cx = mode._line_end(mode.cy)
    mode.clamp()


@_simple("scroll-up")
def _scroll_up(mode: CopyMode, args: list[str]) -> None:
    mode.top -= 1
    mode.clamp()


@_simple("scroll-down")
def _scroll_down(mode: CopyMode, args: list[str]) -> None:
    mode.top += 1
    mode.clamp()


@_simple("halfpage-up")
def _halfpage_up(mode: CopyMode, args: list[str]) -> None:
    mode._page(-max(mode.rows // 2, 1))


@_simple("halfpage-down")
def _halfpage_down(mode: CopyMode, args: list[str]) -> None:
    mode._page(max(mode.rows // 2, 1))


@_simple("page-up")
def _page_up(mode: CopyMode, args: list[str]) -> None:
    mode._page(-max(mode.rows - 1, 1))


@_simple("page-down")
def _page_down(mode: CopyMode, args: list[str]) -> None:
    mode._page(max(mode.rows - 1, 1))


@_simple("goto-line")
def _goto_line(mode: CopyMode, args: list[str]) -> Outcome | None:
    """Line N counted up from the bottom of the history, as tmux's goto-line."""
    try:
        back = int(args[0])
    except (IndexError, ValueError):
        return Outcome(error="goto-line needs a line number")
    mode.top = mode.bottom_top - back
    mode.clamp()
    mode.cy = mode.top
    return None


@_simple("search-forward")
def _search_forward(mode: CopyMode, args: list[str]) -> Outcome | None:
    if args:
        mode.search_text = " ".join(args)
    mode.search_forward = True
    error = mode.search(True)
    return Outcome(error=error) if error else None


@_simple("search-backward")
def _search_backward(mode: CopyMode, args: list[str]) -> Outcome | None:
    if args:
        mode.search_text = " ".join(args)
    mode.search_forward = False
    error = mode.search(False)
    return Outcome(error=error) if error else None


@_simple("search-again")
def _search_again(mode: CopyMode, args: list[str]) -> Outcome | None:
    error = mode.search(mode.search_forward)
    return Outcome(error=error) if error else None


@_simple("search-reverse")
def _search_reverse(mode: CopyMode, args: list[str]) -> Outcome | None:
    error = mode.search(not mode.search_forward)
    return Outcome(error=error) if error else None


@_simple("begin-selection")
def _begin_selection(mode: CopyMode, args: list[str]) -> None:
    mode.selection = Selection.CHARS
    mode.anchor = (mode.cx, mode.cy)


@_simple("select-line")
def _select_line(mode: CopyMode, args: list[str]) -> None:
    mode.selection = Selection.LINES
    mode.rectangle = False
    mode.anchor = (0, mode.cy)


@_simple("select-word")
def _select_word(mode: CopyMode, args: list[str]) -> None:
    cells = mode.cells(mode.cy)
    kind = mode._kind(cells[mode.cx])
    start = end = mode.cx
    while start > 0 and mode._kind(cells[start - 1]) == kind:
        start -= 1
    while end + 1 < mode.cols and mode._kind(cells[end + 1]) == kind:
        end += 1
    mode.selection = Selection.CHARS
    mode.anchor, mode.cx = (start, mode.cy), end


@_simple("rectangle-toggle")
def _rectangle_toggle(mode: CopyMode, args: list[str]) -> None:
    mode.rectangle = not mode.rectangle
    if mode.selection is Selection.NONE:
        mode.selection, mode.anchor = Selection.CHARS, (mode.cx, mode.cy)


@_simple("other-end")
def _other_end(mode: CopyMode, args: list[str]) -> None:
    if mode.selection is not Selection.NONE:
        (mode.cx, mode.cy), mode.anchor = mode.anchor, (mode.cx, mode.cy)
        mode._show_cursor()


@_simple("clear-selection")
def _clear_selection(mode: CopyMode, args: list[str]) -> None:
    mode.selection = Selection.NONE
    mode.rectangle = False


def _copy(mode: CopyMode, leave: bool, clear: bool = True) -> Outcome:
    if mode.selection is Selection.NONE:
        return Outcome(leave=leave)
    text = mode.selected_text()
    if clear:
        _clear_selection(mode, [])
    return Outcome(leave=leave, copied=text)


@_simple("copy-selection")
def _copy_selection(mode: CopyMode, args: list[str]) -> Outcome:
    return _copy(mode, False)


@_simple("copy-selection-no-clear")
def _copy_no_clear(mode: CopyMode, args: list[str]) -> Outcome:
    return _copy(mode, False, clear=False)


@_simple("copy-selection-and-cancel")
def _copy_and_cancel(mode: CopyMode, args: list[str]) -> Outcome:
    return _copy(mode, True)


@_simple("copy-end-of-line")
def _copy_end_of_line(mode: CopyMode, args: list[str]) -> Outcome:
    mode.selection, mode.rectangle = Selection.CHARS, False
    mode.anchor = (mode.cx, mode.cy)
    mode.cx = mode._line_end(mode.cy)
    return _copy(mode, True)


@_simple("copy-line")
def _copy_line(mode: CopyMode, args: list[str]) -> Outcome:
    _select_line(mode, [])
    return _copy(mode, True)


@_simple("cancel")
def _cancel(mode: CopyMode, args: list[str]) -> Outcome:
    return Outcome(leave=True)


COMMANDS: tuple[str, ...] = tuple(sorted(_COMMANDS))
"""Every copy-mode command name (for ``send-keys -X`` and its completion)."""

__all__ = ["COMMANDS", "CopyMode", "Outcome", "Selection", "WORD_SEPARATORS"]
