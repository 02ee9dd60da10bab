"""The terminal model: a grid of styled cells that escape sequences edit, with scrollback and modes.

Shaped after pyte (a parser that emits, a screen that handles) with a grid of our own:
each row is a list of characters and a parallel list of interned ``Style`` objects, so a run of plain text
is a slice assignment and a row costs two lists, not a dict of per-cell tuples.
"""

from __future__ import annotations

import base64
import re
import codecs
import enum
import operator
from collections.abc import Callable
from itertools import groupby
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlparse


from muntin.emulator import _pyte_data, fast, modesave, motion, rectangles, reports
from muntin.emulator._parser import Parser
from muntin.emulator.history import History, ScrollbackLine
from muntin.emulator.history import new_line as _new_line
from muntin.emulator.history import plain_runs as _plain_runs
from muntin.emulator.modes import Modes, MouseEncoding, MouseTracking
from muntin.emulator.style import DEFAULT, Style, intern, sgr
from muntin.emulator.width import wcwidth

TERM = "tmux-256color"
"""TERM for programs in panes, chosen with ``infocmp -d screen-256color tmux-256color``.

tmux-256color describes what this emulator does: italics as ``sitm=\\E[3m`` and standout as reverse
(screen-256color sends italics for standout), dim, strikethrough (``smxx``), the title through OSC 0
(``tsl``/``hs``), ``E3`` (CSI 3 J clears the scrollback), cursor styles (``Ss``/``Se``, accepted and
ignored), curly underlines (``Smulx``, shown as underline), OSC 52 (``Ms``), alternate screen 1049, scroll
regions, ``indn``/``rin`` (SU/SD), bracketed paste and shifted/ctrl key forms. ``flash`` (ESC g) and
``cnorm``'s CSI 34 h are accepted and ignored. One capability is approximate: ``invis`` (SGR 8) is accepted
but the text stays visible (``Style`` has no hidden flag)."""


class TerminalEvent(enum.StrEnum):
    """What ``Terminal.on_event(event, value)`` reports; a ``str``, so ``event == "title"`` works too."""

    TITLE = "title"  # value: the new title (OSC 0/2)
    CWD = "cwd"  # value: the path from OSC 7
    BELL = "bell"  # value: None
    CLIPBOARD = "clipboard"  # value: the decoded text of an OSC 52 write (reads are refused)
    PROMPT = "prompt"  # value: the OSC 133 mark, "A" prompt, "B" input, "C" running, "D" finished
    ALTERNATE_SCREEN = "alternate-screen"  # value: True on entering, False on leaving
    SCROLLBACK_CLEARED = "scrollback-cleared"  # value: None (CSI 3 J)
    RENAME = "rename"  # value: the name in screen's ``ESC k NAME ESC \\`` (the window's, with allow-rename)


Run = tuple[str, Style]
WIDE_FILLER = ""  # the second cell of a wide character
WIDE_WRAP = 2  # a row's wrapped mark when it wrapped early: its last cell is a blank a wide character left

_pyte_modes = _pyte_data.load("modes")
_DEC_GRAPHICS = _pyte_data.load("charsets").VT100_MAP[95:127]
"""DEC special graphics (the VT100's line drawing set) for ``_`` to ``~``, the characters ESC ( 0 maps."""


@dataclass(slots=True)
class _Saved:
    x: int = 0
    y: int = 0
    style: Style = DEFAULT
    origin: bool = False
    wrap_pending: bool = False
    g0: str = "B"
    g1: str = "B"
    shift_out: bool = False
    g2: str = "B"
    g3: str = "B"
    locking: int = 0


@dataclass(slots=True)
class _Buffer:
    chars: list[list[str]]
    styles: list[list[Style]]
    wrapped: list[bool | int]  # True, or WIDE_WRAP, where the row goes on in the next
    saved: _Saved = field(default_factory=_Saved)


class Terminal:
    """A terminal screen of ``rows`` x ``cols`` that ``feed`` edits. See the package docstring for the API."""

    def __init__(self, rows: int, cols: int, *, scrollback: int = 10000,
                 on_reply: Callable[[bytes], None] | None = None) -> None:
        self.rows = max(rows, 1)
        self.cols = max(cols, 1)
        self.on_reply = on_reply
        self.modes = Modes()
        self.scrollback = History(maxlen=scrollback if scrollback > 0 else 0)
        self._reflowed_wrap_pending = False
        self.scrollback_limit = scrollback
        self.title = ""
        self.icon_name = ""
        self.cwd: str | None = None
        self.bell_count = 0
        self.clipboard: list[tuple[str, str]] = []  # OSC 52 writes: (selection, text)
        self.prompt_state: str | None = None  # last OSC 133 mark: A prompt, B input, C running, D done
        self.prompt_marks = 0
        self.last_exit_code: int | None = None
        self.scrolled_lines = 0  # lines pushed into scrollback since start (for clients)
        self.scroll_on_clear = True  # CSI 2J on the main screen keeps what it clears in scrollback, as tmux
        self.dirty: set[int] = set(range(self.rows))
        self.on_event: Callable[[TerminalEvent, object], None] | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._parser = Parser(self)
        self._main = self._blank_buffer()
        self._alt: _Buffer | None = None
        self._buf = self._main
        self._link: str | None = None
        self.colors = reports.Colors()
        self._reset_state()

    # -- construction ----------------------------------------------------------------------------------

    def _blank_buffer(self) -> _Buffer:
        return _Buffer([[" "] * self.cols for _ in range(self.rows)], [[DEFAULT] * self.cols for _ in range(self.rows)],
                       [False] * self.rows)

    def _reset_state(self) -> None:
        self.x = 0
        self.y = 0
        self.style = DEFAULT
        self.wrap_pending = False
        self.top = 0
        self.bottom = self.rows - 1
        self.left = 0  # DECSLRM's margins, honoured while DECLRMM (?69) is set
        self.right = self.cols - 1
        self.tabstops = set(range(8, self.cols, 8))
        self.g0 = "B"
        self.g1 = "B"
        self.g2 = "B"
        self.g3 = "B"
        self.shift_out = False
        self.locking = 0  # 2 or 3 after LS2 / LS3: G2 or G3 is in GL instead of G0 / G1
        self.single_shift = 0  # 2 or 3 after SS2 / SS3: the next character comes from G2 or G3
        self.reverse_wrap = False  # ?45 (and ?1045): BS at the left margin goes to the end of the row above
        self.more_fix = False  # ?41: a tab at the pending-wrap column wraps first (curses' fix for more(1))
        self.allow_deccolm = False  # ?40: DECCOLM (?3) is obeyed
        self.column_mode = False  # ?3 as last set (the pane keeps its width)
        self._special = False  # a charset, a single shift or left/right margins: text takes the slow path
        self.level = 62  # DECSCL's conformance level (62: VT200, as DA says)
        self._guarded = False  # whether SPA was ever used: erases then look at every cell
        self.attribute_extent = 0  # DECSACE, kept for DECRQSS
        self.last_char = ""
        self.cursor_style = 0  # DECSCUSR's last value (0: the terminal's default shape)
        self.cursor_blink = False  # DEC private mode 12, as programs set it (reported by DECRQM)
        self.saved_private_modes: dict[int, bool] = {}  # XTSAVE's

    # -- public reading API ----------------------------------------------------------------------------

    @property
    def cursor(self) -> tuple[int, int]:
        return (min(self.x, self.cols - 1), self.y)

    @property
    def cursor_visible(self) -> bool:
        return self.modes.cursor_visible

    @property
    def alternate_screen(self) -> bool:
        return self._buf is not self._main

    @property
    def display(self) -> list[str]:
        """One string per row, ``cols`` cells wide (a wide character appears once and fills two cells)."""
        return ["".join(row) for row in self._buf.chars]

    def row_text(self, y: int) -> str:
        return "".join(self._buf.chars[y])

    def word_at(self, x: int, y: int, separators: str) -> str:
        """The word the cell (x, y) is part of: the run of cells around it holding none of ``separators``
        and no space (tmux's mouse_word, within the row); "" on a separator or outside the screen."""
        if not (0 <= y < self.rows and 0 <= x < self.cols):
            return ""
        cells = self._buf.chars[y]
        stop = set(separators) | {" "}  # "" is the second cell of a wide character: part of its word
        if cells[x] in stop:
            return ""
        start, end = x, x + 1
        while start > 0 and cells[start - 1] not in stop:
            start -= 1
        while end < len(cells) and cells[end] not in stop:
            end += 1
        return "".join(cells[start:end])

    def row_wrapped(self, y: int) -> bool | int:
        """Whether row ``y`` goes on in the next row (True, or WIDE_WRAP when a wide character wrapped early
        and left its last cell blank)."""
        return self._buf.wrapped[y]

    def styled_row(self, y: int, *, main: bool = False) -> list[Run]:
        """Row ``y`` as runs of text with one style each, covering all ``cols`` cells (with ``main``, of the
        main screen even while the alternate one is shown)."""
        buffer = self._main if main else self._buf
        chars = buffer.chars[y]
        styles = buffer.styles[y]
        runs: list[Run] = []
        start = 0
        current = styles[0]
        for x in range(1, self.cols):
            style = styles[x]
            if style is not current:
                runs.append(("".join(chars[start:x]), current))
                start, current = x, style
        runs.append(("".join(chars[start:]), current))
        return runs

    def styled_scrollback(self, index: int) -> list[Run]:
        return self.scrollback[index].styled()

    def take_dirty(self) -> set[int]:
        """The rows changed since the last call (all rows after a resize or screen switch)."""
        dirty = self.dirty
        self.dirty = set()
        return dirty

    # -- input -----------------------------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Process output of the program, in chunks of any size and split anywhere."""
        text = self._decoder.decode(data)
        if text:
            self._parser.feed(text)

    def reply(self, text: str) -> None:
        if self.on_reply is not None:
            self.on_reply(text.encode())

    def _emit(self, name: TerminalEvent, value: object = None) -> None:
        if self.on_event is not None:
            self.on_event(name, value)

    # -- text ------------------------------------------------------------------------------------------

    def draw_run(self, run: str) -> None:
        """SGR, cursor moves and erases with text between them, as ``fast.RUN`` matched them."""
        fast.draw_run(self, run)

    def draw(self, text: str) -> None:
        if self._special:
            text = self._charset_text(text)
            if self._margins():
                for char in text:
                    self._draw_char(char)
                if text:
                    self.last_char = text[-1]
                return
        if not self.modes.insert and (text.isascii() or (_one_cell(text) if len(text) == 1
                                                          else all(map(_one_cell, set(text))))):
            self._draw_ascii(text)  # every character takes one cell: the row is written a slice at a time
        else:
            for char in text:
                self._draw_char(char)
        self.last_char = text[-1]

    def draw_lines(self, lines: list[str]) -> None:
        """Lines of printable ASCII each followed by CR LF: the common shape of ``cat``, ``ls``, ``seq``.

        When the whole screen scrolls, a line that scrolls out before it could be seen goes straight to the
        scrollback without being drawn; the result is the same as drawing each line and its CR LF."""
        if not self._batchable():
            for text in lines:
                if text:
                    self.draw(text)
                self.newline()
            return
        if max(map(len, lines)) > self.cols:
            self._batch_around_wide_lines(lines, list(map(len, lines)), self.draw_lines, self.draw)
            return
        first = lines[0]
        if first:
            self.draw(first)
        self.carriage_return()
        self.linefeed()
        rest = lines[1:]
        # Until the cursor reaches the bottom, lines are written over existing rows.
        while rest and self.y < self.bottom:
            text = rest.pop(0)
            if text:
                self.draw(text)
            self.carriage_return()
            self.linefeed()
        if not rest:
            return
        if rest[0]:
            self.draw(rest[0])
        self.carriage_return()
        rest = rest[1:]
        # Now the cursor is on the bottom row at column 0; each remaining line goes on a fresh blank row
        # after the screen scrolls once: screen + lines, of which all but the last ``rows`` scroll out.
        count = len(rest)
        if not count:
            self.linefeed()
            return
        buf = self._buf
        style = self.style
        fill = self._fill()
        cols = self.cols
        keep = buf is self._main and bool(self.scrollback.maxlen)
        old_rows = list(zip(buf.chars, buf.styles, buf.wrapped))
        sequence_len = len(old_rows) + count  # then one blank row at the bottom
        pushed = sequence_len + 1 - self.rows
        # Old rows that scroll out.
        for chars, styles, wrapped in old_rows[:min(pushed, len(old_rows))]:
            if keep:
                self._push_scrollback(chars, styles, wrapped)
        scrolled_out_lines = max(pushed - len(old_rows), 0)
        if keep and scrolled_out_lines:
            if style is DEFAULT:
                self.scrollback.extend([_new_line(ScrollbackLine, (text, _plain_runs(len(text)), False))
                                        for text in map(_rstrip_blanks, rest[:scrolled_out_lines])])
                self.scrolled_lines += scrolled_out_lines
            else:
                for text in rest[:scrolled_out_lines]:
                    size = len(text)
                    self._push_scrollback(list(text) + [" "] * (cols - size), [style] * size + [fill] * (cols - size),
                                          False)
        remaining_old = old_rows[min(pushed, len(old_rows)):]
        new_chars = [chars for chars, _, _ in remaining_old]
        new_styles = [styles for _, styles, _ in remaining_old]
        new_wrapped = [wrapped for _, _, wrapped in remaining_old]
        for text in rest[scrolled_out_lines:]:
            size = len(text)
            new_chars.append(list(text) + [" "] * (cols - size))
            new_styles.append([style] * size + [fill] * (cols - size))
            new_wrapped.append(False)
        new_chars.append([" "] * cols)
        new_styles.append([fill] * cols)
        new_wrapped.append(False)
        buf.chars[:] = new_chars
        buf.styles[:] = new_styles
        buf.wrapped[:] = new_wrapped
        self.last_char = next((text[-1] for text in reversed(rest) if text), self.last_char)
        self.y = self.bottom
        self.x = 0
        self.wrap_pending = False
        self.dirty.update(range(self.rows))

    def draw_styled_lines(self, lines: list[str]) -> None:
        """Lines of printable ASCII with SGR sequences in them, each followed by CR LF (``ls -l --color``,
        ``git log --graph``): the same result as drawing them piece by piece, but lines that scroll out
        before they could be seen go straight to the scrollback, and the rest are built a row at a time."""
        self._draw_styled_parts([_SGR_SPLIT.split(line) for line in lines])  # text, params, ..., text

    def _draw_styled_parts(self, parts: list[list[str]]) -> None:
        if not self._batchable():
            for pieces in parts:
                self._draw_pieces(pieces)
                self.newline()
            return
        widths = [sum(map(len, pieces[::2])) for pieces in parts]
        if max(widths) > self.cols:
            self._batch_around_wide_lines(parts, widths, self._draw_styled_parts, self._draw_pieces)
            return
        # Until the cursor reaches the bottom row, lines are written over existing rows.
        index = 0
        while index < len(parts) and (index == 0 or self.y < self.bottom):
            self._draw_pieces(parts[index])
            self.newline()
            index += 1
        if index == len(parts):
            return
        self._draw_pieces(parts[index])
        self.x = 0
        self.wrap_pending = False
        rest = parts[index + 1:]
        if not rest:
            self.newline()
            return
        # The cursor is on the bottom row at column 0. Each remaining line is: LF (the screen scrolls, a
        # blank row in the background of the style of that moment comes in at the bottom), the line, CR;
        # then one last LF. So len(rest) + 1 rows scroll out: the old rows first, then new lines, which
        # need never be drawn.
        cols = self.cols
        rows_text: list[str] = []
        rows_styles: list[list[Style]] = []
        fills: list[Style] = []
        sgr = self.select_graphic_rendition
        last_char = self.last_char
        buf = self._buf
        keep = buf is self._main and bool(self.scrollback.maxlen)
        pushed = len(rest) + 1
        straight_out = max(pushed - len(buf.chars), 0)
        made: list[ScrollbackLine] = []
        if keep and straight_out:
            # Lines that scroll out unseen become scrollback lines at once: text and style runs, no cells.
            made, last_char = self._styled_scrollback_lines(rest[:straight_out], last_char)
        for pieces in rest[straight_out:] if keep else rest:
            fills.append(self._fill())
            text_parts: list[str] = []
            styles: list[Style] = []
            for number, piece in enumerate(pieces):
                if number % 2:
                    sgr(piece)
                elif piece:
                    text_parts.append(piece)
                    styles += [self.style] * len(piece)
            text = "".join(text_parts)
            if text:
                last_char = text[-1]
            rows_text.append(text)
            rows_styles.append(styles)
        final_fill = self._fill()
        old_rows = list(zip(buf.chars, buf.styles, buf.wrapped))
        if keep:
            for chars, styles, wrapped in old_rows[:min(pushed, len(old_rows))]:
                self._push_scrollback(chars, styles, wrapped)
            self.scrollback.extend(made)  # after the old rows, which scrolled out first
            self.scrolled_lines += len(made)
        else:
            rows_text, rows_styles, fills = rows_text[straight_out:], rows_styles[straight_out:], \
                fills[straight_out:]
        new_chars = [chars for chars, _, _ in old_rows[min(pushed, len(old_rows)):]]
        new_styles = [styles for _, styles, _ in old_rows[min(pushed, len(old_rows)):]]
        new_wrapped = [wrapped for _, _, wrapped in old_rows[min(pushed, len(old_rows)):]]
        for text, styles, fill in zip(rows_text, rows_styles, fills):
            pad = cols - len(text)
            new_chars.append(list(text) + [" "] * pad)
            new_styles.append(styles + [fill] * pad)
            new_wrapped.append(False)
        new_chars.append([" "] * cols)
        new_styles.append([final_fill] * cols)
        new_wrapped.append(False)
        buf.chars[:] = new_chars
        buf.styles[:] = new_styles
        buf.wrapped[:] = new_wrapped
        self.last_char = last_char
        self.y = self.bottom
        self.x = 0
        self.wrap_pending = False
        self.dirty.update(range(self.rows))

    def _styled_scrollback_lines(self, parts: list[list[str]], last_char: str
                                 ) -> tuple[list[ScrollbackLine], str]:
        """Lines (``_SGR_SPLIT`` pieces) that scroll out before they are seen, as the scrollback lines
        ``_push_scrollback`` would make of their rows: text and (length, style) runs, trailing unstyled
        blanks dropped, the row's background fill kept; SGR parameters are applied on the way."""
        cols = self.cols
        sgr = self.select_graphic_rendition
        lines: list[ScrollbackLine] = []
        for pieces in parts:
            fill = self._fill()  # the blank row the line is drawn on came in with the style of that moment
            text_parts: list[str] = []
            runs: list[tuple[int, Style]] = []
            for number, piece in enumerate(pieces):
                if number % 2:
                    sgr(piece)
                elif piece:
                    text_parts.append(piece)
                    style = self.style
                    if runs and runs[-1][1] == style:
                        runs[-1] = (runs[-1][0] + len(piece), style)
                    else:
                        runs.append((len(piece), style))
            text = "".join(text_parts)
            if text:
                last_char = text[-1]
            pad = cols - len(text)
            if pad and fill is not DEFAULT:
                text += " " * pad
                if runs and runs[-1][1] == fill:
                    runs[-1] = (runs[-1][0] + pad, fill)
                else:
                    runs.append((pad, fill))
            elif runs and runs[-1][1] == DEFAULT and text.endswith(" "):
                length = runs[-1][0]
                kept = len(text[len(text) - length:].rstrip(" "))
                text = text[:len(text) - length + kept]
                if kept:
                    runs[-1] = (kept, DEFAULT)
                else:
                    runs.pop()
            if len(runs) == 1 and runs[0][1] == DEFAULT:
                lines.append(_new_line(ScrollbackLine, (text, _plain_runs(len(text)), False)))
            else:
                lines.append(_new_line(ScrollbackLine, (text, tuple(runs), False)))
        return lines, last_char

    def _batch_around_wide_lines(self, lines: list, widths: list[int], batch, draw_one) -> None:
        """A line wider than the screen wraps, so it is drawn alone; the lines between such lines stay batched."""
        start = 0
        for index, width in enumerate(widths):
            if width > self.cols:
                if index > start:
                    batch(lines[start:index])
                draw_one(lines[index])
                self.newline()
                start = index + 1
        if start < len(lines):
            batch(lines[start:])

    def _batchable(self) -> bool:
        """Whether lines can skip the screen: the whole screen scrolls and nothing changes how text lands."""
        return (self.top == 0 and self.bottom == self.rows - 1 and not self.modes.insert
                and not self.modes.linefeed_newline and not self._special and self.modes.autowrap)

    # -- character sets and margins --------------------------------------------------------------------

    def _update_special(self) -> None:
        """Whether text needs the slow path: a translating charset in GL, a single shift, or margins."""
        self._special = bool(self._gl() in _CHARSETS or self.single_shift or self._margins())

    def _gl(self) -> str:
        """The charset in GL now: G2 / G3 after LS2 / LS3, else G1 when shifted out, else G0."""
        if self.locking:
            return self.g2 if self.locking == 2 else self.g3
        return self.g1 if self.shift_out else self.g0

    def _charset_text(self, text: str) -> str:
        """``text`` as the charsets in use show it: the first character from G2 / G3 after a single shift."""
        table = _CHARSETS.get(self._gl())
        if self.single_shift and text:
            shifted = _CHARSETS.get(self.g2 if self.single_shift == 2 else self.g3)
            self.single_shift = 0
            self._update_special()
            head = text[0].translate(shifted) if shifted else text[0]
            return head + (text[1:].translate(table) if table else text[1:])
        return text.translate(table) if table else text

    def _margins(self) -> bool:
        """Whether left/right margins narrower than the screen are in force."""
        return self.left > 0 or self.right < self.cols - 1

    def _in_margins(self) -> bool:
        return self.left <= self.x <= self.right

    def designate(self, slot: int, charset: str) -> None:
        """SCS: ``ESC ( F`` to ``ESC + F`` put charset F in G0-G3."""
        setattr(self, f"g{slot}", charset)
        self._update_special()

    def lock_shift(self, which: int) -> None:
        """LS2 / LS3 (``ESC n`` / ``ESC o``) put G2 / G3 in GL; SI and SO go back to G0 / G1."""
        self.locking = which
        self._update_special()

    def single_shift_(self, which: int) -> None:
        """SS2 / SS3 (``ESC N`` / ``ESC O``): the next character only comes from G2 / G3."""
        self.single_shift = which
        self._update_special()

    def set_left_right_margins(self, values: list[int]) -> None:
        """DECSLRM (``CSI Pl ; Pr s`` while DECLRMM is set): the columns text wraps and scrolls in; the cursor
        goes home. Margins of fewer than two columns are refused, as xterm does."""
        left = self._arg(values, 0) - 1
        right = min(self._arg(values, 1, self.cols), self.cols) - 1
        if right <= left:
            return
        self.left, self.right = left, right
        self._update_special()
        self._home()

    def _home(self) -> None:
        """The cursor to the top left: of the margins in origin mode, else of the screen."""
        self.x, self.y = (self.left, self.top) if self.modes.origin else (0, 0)
        self.wrap_pending = False

    def _reset_left_right(self) -> None:
        self.left, self.right = 0, self.cols - 1
        self._update_special()

    def _draw_pieces(self, pieces: list[str]) -> None:
        """Text and SGR parameters in turn, as ``_SGR_SPLIT`` cuts a line."""
        for number, piece in enumerate(pieces):
            if number % 2:
                self.select_graphic_rendition(piece)
            elif piece:
                self.draw(piece)

    def _fill(self) -> Style:
        """What a row cleared now holds: blanks in the current background (BCE)."""
        bg = self.style.bg
        return intern(Style(bg=bg)) if bg is not None else DEFAULT

    def _draw_ascii(self, text: str) -> None:
        x = self.x
        take = len(text)
        if x + take < self.cols and not self.wrap_pending:
            # The common case (a word, a colour run): it fits on the row and the cursor stays on it.
            buf = self._buf
            y = self.y
            chars = buf.chars[y]
            if chars[x] != WIDE_FILLER and chars[x + take] != WIDE_FILLER:
                chars[x:x + take] = text
                buf.styles[y][x:x + take] = [self.style] * take
                self.dirty.add(y)
                self.x = x + take
                return
        cols = self.cols
        buf = self._buf
        style = self.style
        pos = 0
        end = len(text)
        while pos < end:
            if self.wrap_pending:
                self._wrap()
            x, y = self.x, self.y
            take = min(cols - x, end - pos)
            chars = buf.chars[y]
            if chars[x] == WIDE_FILLER and x > 0:
                chars[x - 1] = " "
            if x + take < cols and chars[x + take] == WIDE_FILLER:
                chars[x + take] = " "
            chars[x:x + take] = text[pos:pos + take]
            buf.styles[y][x:x + take] = [style] * take
            self.dirty.add(y)
            pos += take
            x += take
            if x >= cols:
                self.x = cols - 1
                self.wrap_pending = self.modes.autowrap
            else:
                self.x = x

    def _wrap(self, mark: bool | int = True) -> None:
        self.wrap_pending = False
        self._buf.wrapped[self.y] = mark
        self.x = self.left if self.x <= self.right else 0  # inside left/right margins text wraps within them
        self._index()

    def _draw_char(self, char: str) -> None:
        width = wcwidth(char)
        buf = self._buf
        if width <= 0:
            if width == 0 or char in "\u200d\ufe0f":
                self._combine(char)
            return
        if width > self.cols:  # a wide character cannot fit a one-column screen at all
            return
        if self.wrap_pending:
            self._wrap()
        end = self.right + 1 if self.x <= self.right else self.cols  # where the row ends for this text
        if width == 2 and self.x == end - 1:
            if self.modes.autowrap:
                self._put(self.x, " ")
                self._wrap(WIDE_WRAP)
                end = self.right + 1 if self.x <= self.right else self.cols
            else:
                return
        if self.modes.insert:
            self._insert_blank(width)
        self._put(self.x, char)
        if width == 2 and self.x + 1 < self.cols:
            self._put(self.x + 1, WIDE_FILLER)
        self.dirty.add(self.y)
        new_x = self.x + width
        if new_x >= end:
            self.x = end - 1
            self.wrap_pending = self.modes.autowrap
        else:
            self.x = new_x
        del buf

    def _put(self, x: int, char: str) -> None:
        chars = self._buf.chars[self.y]
        old = chars[x]
        if old == WIDE_FILLER and x > 0 and char != WIDE_FILLER:
            chars[x - 1] = " "  # the first half of a wide character lost its second half
        elif x + 1 < self.cols and chars[x + 1] == WIDE_FILLER and old != WIDE_FILLER:
            chars[x + 1] = " "  # this cell held a wide character: its second half goes too
        chars[x] = char
        self._buf.styles[self.y][x] = self.style

    def _combine(self, char: str) -> None:
        """Attach a zero-width character to the cell written last."""
        chars = self._buf.chars[self.y]
        x = self.x if self.wrap_pending else self.x - 1
        if x < 0:
            return
        if chars[x] == WIDE_FILLER and x > 0:
            x -= 1
        chars[x] += char
        self.dirty.add(self.y)

    # -- C0 controls -----------------------------------------------------------------------------------

    def control(self, char: str) -> None:
        handler = _CONTROLS.get(char)
        if handler is not None:
            handler(self)

    def bell(self) -> None:
        self.bell_count += 1
        self._emit(TerminalEvent.BELL)

    def backspace(self) -> None:
        """BS, as xterm: at the pending-wrap column it clears the wrap and still moves one to the left. It
        stops at the left margin (at the screen's edge left of it); with reverse wrap (?45) and autowrap it
        goes on as CUB does (muntin.emulator.motion)."""
        if self.reverse_wrap and self.modes.autowrap:
            motion.reverse_wrap_back(self, 1)
            return
        self.wrap_pending = False
        if self.x > 0 and self.x != self.left:
            self.x -= 1

    def tab(self, count: int = 1) -> None:
        """HT / CHT: to the ``count``-th next tab stop, or the last column when there are fewer. At the
        pending-wrap column it stays and the wrap stays pending (xterm, tmux), unless more(1)'s fix (?41)
        is on: then the line wraps first and the tab goes on from the next line."""
        if self.wrap_pending and self.more_fix and self.modes.autowrap:
            self._wrap()
        end = self.right + 1 if self.x <= self.right else self.cols  # tabs stop at the right margin
        stops = sorted(t for t in self.tabstops if self.x < t < end)
        x = stops[count - 1] if count <= len(stops) else end - 1
        if x != self.x:
            self.x = x
            self.wrap_pending = False

    def back_tab(self, count: int = 1) -> None:
        """CBT: to the ``count``-th tab stop before the cursor, or the first column."""
        stops = sorted((t for t in self.tabstops if t < self.x), reverse=True)
        self.x = stops[count - 1] if count <= len(stops) else 0
        self.wrap_pending = False

    def linefeed(self) -> None:
        self.wrap_pending = False
        self._index()
        if self.modes.linefeed_newline:
            self.x = 0

    def carriage_return(self) -> None:
        """CR: to the left margin (to the screen's edge from left of it, outside origin mode)."""
        self.x = self.left if self.x >= self.left or self.modes.origin else 0
        self.wrap_pending = False

    def newline(self) -> None:
        """CR LF, the line end of almost every program's output, in one call."""
        self.x = self.left if self.x >= self.left or self.modes.origin else 0
        self.wrap_pending = False
        self._index()

    def shift_in(self) -> None:
        self.shift_out = False
        self.locking = 0
        self._update_special()

    def shift_out_(self) -> None:
        self.shift_out = True
        self.locking = 0
        self._update_special()

    # -- scrolling -------------------------------------------------------------------------------------

    def _index(self) -> None:
        if self.y == self.bottom:
            if not self._special or self._in_margins():  # outside left/right margins nothing scrolls
                self._scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _reverse_index(self) -> None:
        self.wrap_pending = False
        if self.y == self.top:
            if not self._special or self._in_margins():
                self._scroll_down(1)
        elif self.y > 0:
            self.y -= 1

    def _blank_row(self) -> tuple[list[str], list[Style]]:
        return [" "] * self.cols, [self._fill()] * self.cols

    def _scroll_up(self, count: int, top: int | None = None, bottom: int | None = None) -> None:
        top = self.top if top is None else top
        bottom = self.bottom if bottom is None else bottom
        count = min(count, bottom - top + 1)
        if self._special and self._margins():
            self._scroll_columns(count, top, bottom, up=True)
            return
        buf = self._buf
        keep = buf is self._main and top == 0 and self.scrollback.maxlen
        for _ in range(count):
            chars = buf.chars.pop(top)
            styles = buf.styles.pop(top)
            wrapped = buf.wrapped.pop(top)
            if keep:
                self._push_scrollback(chars, styles, wrapped)
            new_chars, new_styles = self._blank_row()
            buf.chars.insert(bottom, new_chars)
            buf.styles.insert(bottom, new_styles)
            buf.wrapped.insert(bottom, False)
        if len(self.dirty) < self.rows:
            self.dirty.update(range(top, bottom + 1))

    def _scroll_down(self, count: int, top: int | None = None, bottom: int | None = None) -> None:
        top = self.top if top is None else top
        bottom = self.bottom if bottom is None else bottom
        count = min(count, bottom - top + 1)
        if self._special and self._margins():
            self._scroll_columns(count, top, bottom, up=False)
            return
        buf = self._buf
        for _ in range(count):
            del buf.chars[bottom], buf.styles[bottom], buf.wrapped[bottom]
            new_chars, new_styles = self._blank_row()
            buf.chars.insert(top, new_chars)
            buf.styles.insert(top, new_styles)
            buf.wrapped.insert(top, False)
        self.dirty.update(range(top, bottom + 1))

    def _scroll_columns(self, count: int, top: int, bottom: int, *, up: bool) -> None:
        """Scroll rows ``top``..``bottom`` between the left and right margins only (nothing reaches the
        scrollback): the rectangle's rows move ``count`` up or down and blanks come in."""
        left, end = self.left, self.right + 1
        buf = self._buf
        fill = self._fill()
        chars = [buf.chars[y][left:end] for y in range(top, bottom + 1)]
        styles = [buf.styles[y][left:end] for y in range(top, bottom + 1)]
        blank_chars = [[" "] * (end - left) for _ in range(count)]
        blank_styles = [[fill] * (end - left) for _ in range(count)]
        if up:
            chars, styles = chars[count:] + blank_chars, styles[count:] + blank_styles
        else:
            chars, styles = blank_chars + chars[:len(chars) - count], blank_styles + styles[:len(styles) - count]
        for offset, y in enumerate(range(top, bottom + 1)):
            buf.chars[y][left:end] = chars[offset]
            buf.styles[y][left:end] = styles[offset]
            buf.wrapped[y] = False
        self.dirty.update(range(top, bottom + 1))

    def _push_scrollback(self, chars: list[str], styles: list[Style], wrapped: bool | int) -> None:
        self.scrollback.append(_scrollback_line(chars, styles, wrapped))
        self.scrolled_lines += 1

    # -- ESC sequences ---------------------------------------------------------------------------------

    def esc(self, intermediates: str, final: str) -> None:
        if intermediates:
            slot = _DESIGNATORS.get(intermediates)
            if slot is not None:
                self.designate(slot, final)
            elif intermediates == "#" and final == "8":
                self._alignment()
            return
        handler = _ESC.get(final)
        if handler is not None:
            handler(self)

    def save_cursor(self) -> None:
        self._buf.saved = _Saved(self.x, self.y, self.style, self.modes.origin, self.wrap_pending, self.g0,
                                 self.g1, self.shift_out, self.g2, self.g3, self.locking)

    def restore_cursor(self) -> None:
        saved = self._buf.saved
        self.x = min(saved.x, self.cols - 1)
        self.y = min(saved.y, self.rows - 1)
        self.style = saved.style
        self.modes.origin = saved.origin
        self.wrap_pending = saved.wrap_pending and self.x == self.cols - 1
        self.g0, self.g1, self.shift_out = saved.g0, saved.g1, saved.shift_out
        self.g2, self.g3, self.locking = saved.g2, saved.g3, saved.locking
        self._update_special()

    def _alignment(self) -> None:
        """DECALN: the screen full of E, the margins reset and the cursor home, as xterm does."""
        for y in range(self.rows):
            self._buf.chars[y] = ["E"] * self.cols
            self._buf.styles[y] = [DEFAULT] * self.cols
            self._buf.wrapped[y] = False
        self.top, self.bottom = 0, self.rows - 1
        self._reset_left_right()
        self.x = self.y = 0
        self.wrap_pending = False
        self.dirty.update(range(self.rows))

    def reset(self) -> None:
        """RIS: back to the state of a new terminal (the title and scrollback stay)."""
        self._main = self._blank_buffer()
        self._alt = None
        self._buf = self._main
        self.modes = Modes()
        self.colors = self.colors.shown()
        self._reset_state()
        self.dirty.update(range(self.rows))

    # -- CSI -------------------------------------------------------------------------------------------

    def csi(self, params: str, intermediates: str, final: str) -> None:
        if final == "m" and not intermediates and params[:1] not in "?<=>":
            self.select_graphic_rendition(params)
            return
        private = params[:1] if params[:1] in "?<=>" and params else ""
        if private:
            params = params[1:]
        if intermediates:
            handler = _CSI_INTERMEDIATE.get((private, intermediates, final))
        else:
            handler = _CSI.get((private, final))
        if handler is None:
            return
        if final == "m":
            handler(self, params)
            return
        values = _numbers(params)
        handler(self, values)

    def _arg(self, values: list[int], index: int = 0, default: int = 1) -> int:
        value = values[index] if index < len(values) else 0
        return value or default

    def cursor_up(self, values: list[int]) -> None:
        top = self.top if self.y >= self.top else 0
        self.y = max(self.y - self._arg(values), top)
        self.wrap_pending = False

    def cursor_down(self, values: list[int]) -> None:
        bottom = self.bottom if self.y <= self.bottom else self.rows - 1
        self.y = min(self.y + self._arg(values), bottom)
        self.wrap_pending = False

    def cursor_forward(self, values: list[int]) -> None:
        """CUF: right, to the right margin at most (to the screen's edge from right of it)."""
        right = self.right if self.x <= self.right else self.cols - 1
        self.x = min(self.x + self._arg(values), right)
        self.wrap_pending = False

    def cursor_back(self, values: list[int]) -> None:
        """CUB (and HPB): left, to the left margin at most (to the screen's edge from left of it); with
        reverse wrap (?45) and autowrap on to the rows above (muntin.emulator.motion)."""
        if self.reverse_wrap and self.modes.autowrap:
            motion.reverse_wrap_back(self, self._arg(values))
            return
        self.wrap_pending = False
        left = self.left if self.x >= self.left else 0
        self.x = max(self.x - self._arg(values), left)

    def cursor_next_line(self, values: list[int]) -> None:
        self.cursor_down(values)
        self.carriage_return()

    def cursor_prev_line(self, values: list[int]) -> None:
        self.cursor_up(values)
        self.carriage_return()

    def cursor_column(self, values: list[int]) -> None:
        """CHA / HPA: to a column, counted from the left margin in origin mode."""
        column = self._arg(values) - 1
        if self.modes.origin:
            column = min(column + self.left, self.right)
        self.x = min(column, self.cols - 1)
        self.wrap_pending = False

    def cursor_column_relative(self, values: list[int]) -> None:
        self.cursor_forward(values)

    def cursor_row(self, values: list[int]) -> None:
        row = self._arg(values) - 1
        if self.modes.origin:
            row = min(row + self.top, self.bottom)
        self.y = min(row, self.rows - 1)
        self.wrap_pending = False

    def cursor_row_relative(self, values: list[int]) -> None:
        self.y = min(self.y + self._arg(values), self.rows - 1)
        self.wrap_pending = False

    def cursor_position(self, values: list[int]) -> None:
        row = self._arg(values, 0) - 1
        col = self._arg(values, 1) - 1
        if self.modes.origin:
            row = min(row + self.top, self.bottom)
            col = min(col + self.left, self.right)
        self.y = min(max(row, 0), self.rows - 1)
        self.x = min(max(col, 0), self.cols - 1)
        self.wrap_pending = False

    def erase_in_display(self, values: list[int], selective: bool = False) -> None:
        how = values[0] if values else 0
        if how == 0:
            self._erase(self.y, self.x, self.cols, selective)
            for y in range(self.y + 1, self.rows):
                self._erase(y, 0, self.cols, selective)
        elif how == 1:
            for y in range(0, self.y):
                self._erase(y, 0, self.cols, selective)
            self._erase(self.y, 0, self.x + 1, selective)
        elif how == 2:  # the whole screen, guarded areas too (a selective erase still leaves protected cells)
            if self.scroll_on_clear and not selective and self._buf is self._main and self.scrollback.maxlen:
                self._clear_into_scrollback()
            guarded, self._guarded = self._guarded, False
            for y in range(self.rows):
                self._erase(y, 0, self.cols, selective)
            self._guarded = guarded
        elif how == 3 and not selective:
            self.scrollback.clear()
            self._emit(TerminalEvent.SCROLLBACK_CLEARED)

    def _clear_into_scrollback(self) -> None:
        """Scroll the screen up to its last row with text into scrollback (tmux's scroll-on-clear), so what
        a `clear` wiped can still be scrolled back to."""
        chars, styles = self._buf.chars, self._buf.styles
        used = 0
        for y in range(self.rows - 1, -1, -1):  # as tmux: written cells count, cells only erased do not (an
            # erase leaves a style of its background alone; a written blank mostly has more, or no colour)
            if chars[y].count(" ") != self.cols or any(
                    style is not DEFAULT and style._replace(bg=None) != DEFAULT for style in set(styles[y])):
                used = y + 1
                break
        if used:
            self._scroll_up(used, 0, self.rows - 1)

    def erase_in_line(self, values: list[int], selective: bool = False) -> None:
        how = values[0] if values else 0
        if how == 0:
            self._erase(self.y, self.x, self.cols, selective)
        elif how == 1:
            self._erase(self.y, 0, self.x + 1, selective)
        elif how == 2:
            self._erase(self.y, 0, self.cols, selective)
        self.wrap_pending = False if how else self.wrap_pending

    def selective_erase_in_display(self, values: list[int]) -> None:
        """DECSED (``CSI ? J``): ED that leaves the cells DECSCA protected."""
        self.erase_in_display(values, selective=True)

    def selective_erase_in_line(self, values: list[int]) -> None:
        """DECSEL (``CSI ? K``): EL that leaves the cells DECSCA protected."""
        self.erase_in_line(values, selective=True)

    def protect(self, values: list[int]) -> None:
        """DECSCA (``CSI Ps " q``): characters written from now on are protected (1) or not (0, 2) from
        selective erases."""
        value = values[0] if values else 0
        if value in (0, 1, 2):
            self.style = intern(self.style._replace(protected=value == 1))

    def guard(self, on: bool) -> None:
        """SPA / EPA: characters written from now on are (not) guarded from ED, EL and ECH."""
        self.style = intern(self.style._replace(guarded=on))
        self._guarded = self._guarded or on

    def _erase(self, y: int, start: int, end: int, selective: bool = False) -> None:
        """Blank cells [start, end) of row y with the current background (BCE); a selective erase leaves
        DECSCA-protected cells, any other erase the guarded ones (SPA), once a guarded area was started."""
        start, end = max(start, 0), min(end, self.cols)
        if start >= end:
            return
        if selective or self._guarded:
            styles = self._buf.styles[y]
            chars = self._buf.chars[y]
            fill = self._fill()
            for x in range(start, end):
                if not (styles[x].protected if selective else styles[x].guarded):
                    chars[x] = " "
                    if not selective:
                        styles[x] = fill
            self.dirty.add(y)
            return
        chars = self._buf.chars[y]
        if chars[start] == WIDE_FILLER and start > 0:
            chars[start - 1] = " "
        if end < self.cols and chars[end] == WIDE_FILLER:
            chars[end] = " "
        fill = intern(Style(bg=self.style.bg)) if self.style.bg is not None else DEFAULT
        chars[start:end] = [" "] * (end - start)
        self._buf.styles[y][start:end] = [fill] * (end - start)
        if end == self.cols:
            self._buf.wrapped[y] = False
        self.dirty.add(y)

    def erase_characters(self, values: list[int]) -> None:
        self._erase(self.y, self.x, self.x + self._arg(values))

    def insert_lines(self, values: list[int]) -> None:
        """IL: inside the scroll region (and the left/right margins), rows from the cursor's move down."""
        if self.top <= self.y <= self.bottom and self.left <= self.x <= self.right:
            self._scroll_down(self._arg(values), self.y, self.bottom)
            self.x = self.left
            self.wrap_pending = False

    def delete_lines(self, values: list[int]) -> None:
        """DL: inside the scroll region (and the left/right margins), rows below the cursor's move up."""
        if self._special and self._margins():
            if self.top <= self.y <= self.bottom and self._in_margins():
                self._scroll_columns(min(self._arg(values), self.bottom - self.y + 1), self.y, self.bottom, up=True)
                self.x = self.left
                self.wrap_pending = False
            return
        if self.top <= self.y <= self.bottom:
            buf_keep = self._buf
            # Lines deleted inside the screen never go to scrollback.
            for _ in range(min(self._arg(values), self.bottom - self.y + 1)):
                del buf_keep.chars[self.y], buf_keep.styles[self.y], buf_keep.wrapped[self.y]
                new_chars, new_styles = self._blank_row()
                buf_keep.chars.insert(self.bottom, new_chars)
                buf_keep.styles.insert(self.bottom, new_styles)
                buf_keep.wrapped.insert(self.bottom, False)
            self.dirty.update(range(self.y, self.bottom + 1))
            self.x = 0
            self.wrap_pending = False

    def _insert_blank(self, count: int, y: int | None = None) -> None:
        y = self.y if y is None else y
        chars = self._buf.chars[y]
        styles = self._buf.styles[y]
        x = self.x
        end = self.right + 1 if x <= self.right else self.cols  # shifting stops at the right margin
        count = min(count, end - x)
        fill = intern(Style(bg=self.style.bg)) if self.style.bg is not None else DEFAULT
        if chars[x] == WIDE_FILLER and x > 0:
            chars[x - 1] = " "
            chars[x] = " "
        chars[x:x] = [" "] * count
        styles[x:x] = [fill] * count
        del chars[end:end + count], styles[end:end + count]
        if chars[end - 1] != WIDE_FILLER and wcwidth(chars[end - 1][:1] or " ") == 2:
            chars[end - 1] = " "
        self.dirty.add(y)

    def insert_characters(self, values: list[int]) -> None:
        """ICH: blanks at the cursor, what follows shifting right to the right margin (nothing happens left
        of the left margin)."""
        if self.x >= self.left:
            self._insert_blank(self._arg(values))
        self.wrap_pending = False

    def _delete_cells(self, count: int, y: int) -> None:
        chars = self._buf.chars[y]
        styles = self._buf.styles[y]
        x = self.x
        end = self.right + 1 if x <= self.right else self.cols  # shifting stops at the right margin
        count = min(count, end - x)
        if chars[x] == WIDE_FILLER and x > 0:
            chars[x - 1] = " "
        fill = intern(Style(bg=self.style.bg)) if self.style.bg is not None else DEFAULT
        del chars[x:x + count], styles[x:x + count]
        chars[end - count:end - count] = [" "] * count
        styles[end - count:end - count] = [fill] * count
        if chars[x] == WIDE_FILLER:
            chars[x] = " "
        self.dirty.add(y)

    def delete_characters(self, values: list[int]) -> None:
        """DCH: cells at the cursor go, what follows up to the right margin shifting left."""
        if self.x >= self.left:
            self._delete_cells(self._arg(values), self.y)
        self.wrap_pending = False

    def back_index(self) -> None:
        """DECBI: one column left; at the left margin the margins' rectangle shifts right instead (a blank
        column comes in at the left margin)."""
        self.wrap_pending = False
        if self.x != self.left:
            if self.x > 0:
                self.x -= 1
        elif self.top <= self.y <= self.bottom:
            for y in range(self.top, self.bottom + 1):
                self._insert_blank(1, y)

    def forward_index(self) -> None:
        """DECFI: one column right; at the right margin the margins' rectangle shifts left instead."""
        self.wrap_pending = False
        if self.x != self.right:
            if self.x < self.cols - 1:
                self.x += 1
        elif self.top <= self.y <= self.bottom:
            x, self.x = self.x, self.left
            for y in range(self.top, self.bottom + 1):
                self._delete_cells(1, y)
            self.x = x

    def insert_columns(self, values: list[int]) -> None:
        """DECIC (``CSI Pn ' }``): blank columns at the cursor's in every row of the scroll region, inside
        the margins."""
        if self.top <= self.y <= self.bottom and self._in_margins():
            count = self._arg(values)
            for y in range(self.top, self.bottom + 1):
                self._insert_blank(count, y)

    def delete_columns(self, values: list[int]) -> None:
        """DECDC (``CSI Pn ' ~``): the cursor's column and those after it go from every row of the scroll
        region, inside the margins."""
        if self.top <= self.y <= self.bottom and self._in_margins():
            count = self._arg(values)
            for y in range(self.top, self.bottom + 1):
                self._delete_cells(count, y)

    def scroll_up(self, values: list[int]) -> None:
        self._scroll_up(self._arg(values))

    def scroll_down(self, values: list[int]) -> None:
        self._scroll_down(self._arg(values))

    def repeat(self, values: list[int]) -> None:
        """REP: the last character drawn, again; nothing after a character of no width (a combining mark)."""
        if self.last_char and wcwidth(self.last_char[0]) > 0:
            # More than a screenful only scrolls the same lines through: the cost is bounded by the screen.
            self.draw(self.last_char * min(self._arg(values), self.rows * self.cols))

    def set_margins(self, values: list[int]) -> None:
        top = (values[0] if values else 0) or 1
        bottom = (values[1] if len(values) > 1 else 0) or self.rows
        bottom = min(bottom, self.rows)
        if bottom - top < 1:
            return
        self.top, self.bottom = top - 1, bottom - 1
        self._home()

    def tab_clear(self, values: list[int]) -> None:
        how = values[0] if values else 0
        if how == 0:
            self.tabstops.discard(self.x)
        elif how == 3:
            self.tabstops.clear()

    def forward_tabs(self, values: list[int]) -> None:
        self.tab(self._arg(values))

    def backward_tabs(self, values: list[int]) -> None:
        self.back_tab(self._arg(values))

    def device_attributes(self, values: list[int]) -> None:
        if not values or values[0] == 0:
            self.reply("\x1b[?62;22c")  # VT220 with ANSI colour, like tmux

    def secondary_device_attributes(self, values: list[int]) -> None:
        if not values or values[0] == 0:
            self.reply("\x1b[>84;0;0c")

    def device_status(self, values: list[int]) -> None:
        how = values[0] if values else 0
        if how == 5:
            self.reply("\x1b[0n")
        elif how == 6:
            row, col = self._report_position()
            self.reply(f"\x1b[{row};{col}R")

    def _report_position(self) -> tuple[int, int]:
        """The cursor's row and column from 1, counted from the margins' corner in origin mode."""
        x = min(self.x, self.cols - 1)
        if self.modes.origin:  # (a cursor moved outside the margins is reported at their edge)
            return max(self.y - self.top, 0) + 1, max(x - self.left, 0) + 1
        return self.y + 1, x + 1

    def private_device_status(self, values: list[int]) -> None:
        """DECXCPR: the cursor's place (inside the margins when origin mode is on, as CPR) and page 1; the
        other DEC status reports as xterm answers them (reports.dec_status)."""
        if values and values[0] == 6:
            row, col = self._report_position()
            self.reply(f"\x1b[?{row};{col};1R")
        elif values:
            reports.dec_status(self, values)

    def window_ops(self, values: list[int]) -> None:
        """XTWINOPS reports of the size in characters (18: the text area, 19: the screen; both the pane's).
        Reports in pixels (14, 16) are not answered: a pane has no pixel size of its own."""
        what = values[0] if values else 0
        if what in (18, 19):
            self.reply(f"\x1b[{what - 10};{self.rows};{self.cols}t")

    def version(self, values: list[int]) -> None:
        """XTVERSION: ``DCS > | name version ST``."""
        if not values or values[0] == 0:
            from muntin import __version__

            self.reply(f"\x1bP>|muntin {__version__}\x1b\\")

    def cursor_shape(self, values: list[int]) -> None:
        """DECSCUSR (``CSI n SP q``): kept, so DECRQSS can say it."""
        value = values[0] if values else 0
        if 0 <= value <= 6:
            self.cursor_style = value

    # -- strings ---------------------------------------------------------------------------------------

    def string(self, kind: str, body: str) -> None:
        """A DCS, APC, PM or SOS string: DECRQSS (``DCS $ q Pt ST``) and XTGETTCAP (``DCS + q names ST``)
        are answered; screen's ``ESC k NAME ST`` is reported (the server renames the window with allow-rename);
        the rest are ignored."""
        if kind == "k":
            self._emit(TerminalEvent.RENAME, body)
        elif kind == "P" and body.startswith("$q"):
            setting = _SETTINGS.get(body[2:])
            text = setting(self) if setting is not None else None
            self.reply(f"\x1bP1$r{text}\x1b\\" if text is not None else "\x1bP0$r\x1b\\")
        elif kind == "P" and body.startswith("+q"):
            reports.termcap(self, body[2:], TERM)

    def save_cursor_ansi(self, values: list[int]) -> None:
        """``CSI s``: DECSLRM while DECLRMM (?69) is set, else SCOSC (save the cursor)."""
        if self.modes.left_right_margins:
            self.set_left_right_margins(values)
        elif not values:
            self.save_cursor()

    def restore_cursor_ansi(self, values: list[int]) -> None:
        if not values:
            self.restore_cursor()

    def conformance_level(self, values: list[int]) -> None:
        """DECSCL (``CSI 6x ; Pc " p``): the level is kept for DECRQSS and, as in xterm, the terminal is soft
        reset. Controls are always sent as 7-bit sequences."""
        level = values[0] if values else 0
        if 61 <= level <= 65:
            self.level = min(level, 64)  # at most a VT420's, the terminal this one is closest to
            self.soft_reset([])

    def soft_reset(self, values: list[int]) -> None:
        self.modes.cursor_visible = True
        self.modes.insert = False
        self.modes.origin = False
        self.modes.autowrap = True
        self.modes.application_cursor = False
        self.modes.application_keypad = False
        self.top, self.bottom = 0, self.rows - 1
        self.modes.left_right_margins = False
        self._reset_left_right()
        self.style = DEFAULT
        self._buf.saved = _Saved()
        self.g0 = self.g1 = self.g2 = self.g3 = "B"
        self.shift_out, self.locking, self.single_shift = False, 0, 0
        self.reverse_wrap = False
        self._update_special()

    # -- modes -----------------------------------------------------------------------------------------

    def set_mode(self, values: list[int]) -> None:
        for value in values:
            setter = _ANSI_MODES.get(value)
            if setter:
                setattr(self.modes, setter, True)

    def reset_mode(self, values: list[int]) -> None:
        for value in values:
            setter = _ANSI_MODES.get(value)
            if setter:
                setattr(self.modes, setter, False)

    def set_private_mode(self, values: list[int]) -> None:
        for value in values:
            self._private_mode(value, True)

    def reset_private_mode(self, values: list[int]) -> None:
        for value in values:
            self._private_mode(value, False)

    def request_private_mode(self, values: list[int]) -> None:
        """DECRQM for a DEC private mode: reply ``CSI ? mode ; 1|2 $ y`` (set / reset), 0 if unknown."""
        mode = self._arg(values, 0, 0)
        state = modesave.private_mode_state(self, mode)
        if state is None:
            self.reply(f"\x1b[?{mode};{_FIXED_PRIVATE_MODES.get(mode, 0)}$y")
            return
        self.reply(f"\x1b[?{mode};{1 if state else 2}$y")

    def request_mode(self, values: list[int]) -> None:
        """DECRQM for an ANSI mode (insert, linefeed/newline; the ISO modes no terminal implements are
        permanently reset, 4, and keyboard action and send/receive reset, 2, as in xterm)."""
        mode = self._arg(values, 0, 0)
        if mode in _ANSI_MODES:
            self.reply(f"\x1b[{mode};{1 if getattr(self.modes, _ANSI_MODES[mode]) else 2}$y")
        else:
            self.reply(f"\x1b[{mode};{_FIXED_ANSI_MODES.get(mode, 0)}$y")

    def _private_mode(self, value: int, on: bool) -> None:
        modes = self.modes
        if value in _PRIVATE_FLAGS:
            setattr(modes, _PRIVATE_FLAGS[value], on)
            if value == _DECOM:
                self._home()
            elif value == 5:
                self.dirty.update(range(self.rows))
            elif value == 69 and not on:
                self._reset_left_right()
        elif value in (9, 1000, 1002, 1003):
            if on:
                modes.mouse_tracking = MouseTracking(value)
            elif modes.mouse_tracking == value:
                modes.mouse_tracking = MouseTracking.OFF
        elif value in (1005, 1006, 1015):
            if on:
                modes.mouse_encoding = MouseEncoding(value)
            elif modes.mouse_encoding == value:
                modes.mouse_encoding = MouseEncoding.DEFAULT
        elif value in (47, 1047, 1049):
            self._switch_screen(on, save_cursor=value == 1049, clear=value != 47)
        elif value == 12:
            self.cursor_blink = on
        elif value in (45, 1045):
            self.reverse_wrap = on
        elif value == 41:
            self.more_fix = on
        elif value == 40:
            self.allow_deccolm = on
        elif value == 66:  # DECNKM: the keypad mode, as DECKPAM / DECKPNM
            modes.application_keypad = on
        elif value == 3:
            self._column_mode(on)
        elif value == 1048:  # the cursor saved and restored as DECSC / DECRC do
            if on:
                self.save_cursor()
            else:
                self.restore_cursor()

    def _column_mode(self, on: bool) -> None:
        """DECCOLM (?3), only while ?40 allows it: as in xterm the screen is cleared, the margins reset and
        the cursor goes home; the pane keeps its width (its size is the multiplexer's to choose)."""
        if not self.allow_deccolm:
            return
        self.column_mode = on
        self.top, self.bottom = 0, self.rows - 1
        self._reset_left_right()
        for y in range(self.rows):
            self._erase(y, 0, self.cols)
        self.x = self.y = 0
        self.wrap_pending = False

    def _switch_screen(self, on: bool, *, save_cursor: bool, clear: bool) -> None:
        """47 switches, 1047 also clears the alternate screen as it leaves it, 1049 also saves the cursor and
        clears the alternate screen as it enters it (and restores the cursor as it leaves, even when the main
        screen is already shown, as xterm and tmux do). The alternate screen kept by 47 keeps its saved
        cursor too."""
        if on == self.alternate_screen:
            if not on and save_cursor:
                self.restore_cursor()
            return
        if on:
            if save_cursor:
                self.save_cursor()
            if self._alt is None or save_cursor:
                self._alt = self._blank_buffer()
            self._buf = self._alt
            if save_cursor:
                self._buf.saved = self._main.saved
        else:
            if clear and self._alt is not None:
                self._alt = None
            self._buf = self._main
            if save_cursor:
                self.restore_cursor()
        self.modes.alternate_screen = on
        self.wrap_pending = False
        self.dirty.update(range(self.rows))
        self._emit(TerminalEvent.ALTERNATE_SCREEN, on)

    # -- SGR -------------------------------------------------------------------------------------------

    def select_graphic_rendition(self, params: str) -> None:
        current = self.style
        key = (id(current), params)
        step = fast.SGR_STEPS.get(key)
        if step is None or step[0] is not current:
            if len(fast.SGR_STEPS) > fast.SGR_STEPS_LIMIT:
                fast.SGR_STEPS.clear()
            step = fast.SGR_STEPS[key] = (current, intern(_apply_sgr(current, params)))
        self.style = step[1]

    # -- OSC -------------------------------------------------------------------------------------------

    def osc(self, body: str, terminator: str = "\x1b\\") -> None:
        code, _, rest = body.partition(";")
        if code in _COLOR_OSC:
            reports.osc_color(self, int(code), rest, terminator)
        elif code in ("0", "1", "2"):
            if code != "2":
                self.icon_name = rest
            if code != "1":
                self.title = rest
                self._emit(TerminalEvent.TITLE, rest)
        elif code == "7":
            parsed = urlparse(rest)
            self.cwd = unquote(parsed.path) if parsed.scheme == "file" else rest
            self._emit(TerminalEvent.CWD, self.cwd)
        elif code == "8":
            _, _, uri = rest.partition(";")
            self._link = uri or None
            self.style = intern(self.style._replace(link=self._link))
        elif code == "52":
            selection, _, payload = rest.partition(";")
            if payload and payload != "?":  # reads are refused: never answer with clipboard contents
                try:
                    text = base64.b64decode(payload, validate=False).decode("utf-8", "replace")
                except ValueError:
                    return
                self.clipboard.append((selection or "c", text))
                del self.clipboard[:-8]
                self._emit(TerminalEvent.CLIPBOARD, text)
        elif code == "133":
            mark, _, args = rest.partition(";")
            self.prompt_state = mark[:1] or None
            self.prompt_marks += 1
            if mark.startswith("D") and args:
                try:
                    self.last_exit_code = int(args.split(";")[0])
                except ValueError:
                    self.last_exit_code = None
            self._emit(TerminalEvent.PROMPT, self.prompt_state)

    # -- size ------------------------------------------------------------------------------------------

    def resize(self, rows: int, cols: int) -> None:
        """Change the size like tmux: a shorter screen first drops the rows below the cursor, and only then
        do lines leave the top for the scrollback; a narrower or wider one re-wraps; the cursor stays inside."""
        rows, cols = max(rows, 1), max(cols, 1)
        if (rows, cols) == (self.rows, self.cols):
            return
        if rows < self.rows:
            self._shrink_rows(rows)  # before re-wrapping, as tmux does
        if cols != self.cols:
            self._reflow(cols)  # the main screen and its history: lines re-wrap at the new width
        for buf in (self._main, self._alt):
            if buf is None:
                continue
            if cols != self.cols and buf is not self._main:
                for y in range(len(buf.chars)):
                    chars, styles = buf.chars[y], buf.styles[y]
                    if cols < self.cols:
                        del chars[cols:], styles[cols:]
                        if chars and chars[-1] != WIDE_FILLER and wcwidth(chars[-1][:1] or " ") == 2:
                            chars[-1] = " "
                    else:
                        chars.extend([" "] * (cols - self.cols))
                        styles.extend([DEFAULT] * (cols - self.cols))
            if rows > self.rows:
                # Like xterm and tmux, the main screen first takes lines back from the scrollback.
                pulled = min(len(self.scrollback), rows - self.rows) if buf is self._main else 0
                for _ in range(pulled):
                    line = self.scrollback.pop()
                    chars, styles = _cells(line, cols)
                    buf.chars.insert(0, chars)
                    buf.styles.insert(0, styles)
                    buf.wrapped.insert(0, line.wrapped)
                if buf is self._buf:
                    self.y += pulled
                else:
                    buf.saved.y += pulled
                for _ in range(rows - self.rows - pulled):
                    buf.chars.append([" "] * cols)
                    buf.styles.append([DEFAULT] * cols)
                    buf.wrapped.append(False)
            buf.saved.x = min(buf.saved.x, cols - 1)
            buf.saved.y = min(buf.saved.y, rows - 1)
        self.rows, self.cols = rows, cols
        self.top, self.bottom = 0, rows - 1
        self._reset_left_right()
        self.tabstops = {t for t in self.tabstops if t < cols} | set(range(8, cols, 8))
        self.x = min(self.x, cols - 1)
        self.y = min(self.y, rows - 1)
        self.wrap_pending = self._reflowed_wrap_pending if self._buf is self._main else False
        self.dirty = set(range(rows))

    def _shrink_rows(self, rows: int) -> None:
        """Make both screens ``rows`` high, as tmux does: the rows below the cursor go first, whatever they
        hold (the program redraws what it still wants there), and only as many rows as are still too many
        leave the top, into the scrollback on the main screen."""
        excess = self.rows - rows
        for buf in (self._main, self._alt):
            if buf is None:
                continue
            cursor_y = self.y if buf is self._buf else buf.saved.y
            below = min(max(self.rows - 1 - cursor_y, 0), excess)
            del buf.chars[self.rows - below:], buf.styles[self.rows - below:], buf.wrapped[self.rows - below:]
            for _ in range(excess - below):
                chars, styles, wrapped = buf.chars.pop(0), buf.styles.pop(0), buf.wrapped.pop(0)
                if buf is self._main and self.scrollback.maxlen:
                    self._push_scrollback(chars, styles, wrapped)
            if buf is self._buf:
                self.y = max(self.y - (excess - below), 0)
            else:
                buf.saved.y = min(max(buf.saved.y - (excess - below), 0), rows - 1)
        self.rows = rows
        self.top, self.bottom = 0, rows - 1

    def _reflow(self, cols: int) -> None:
        """Re-wrap the main screen and its history at ``cols`` columns, as tmux does: a line that wrapped
        is one line again, and a long line wraps anew, so a pane that shrinks and grows back shows its text
        whole. The cursor keeps its place in its line and, where it can, its row on the screen; rows above it
        that no longer fit go to the history, and history comes back when there is room."""
        buf = self._main
        old_cols = self.cols
        on_main = self._buf is buf
        cursor_x, cursor_y = (self.x, self.y) if on_main else (buf.saved.x, buf.saved.y)
        pending = self.wrap_pending if on_main else buf.saved.wrap_pending
        history = list(self.scrollback)
        # The oldest lines would re-wrap into rows the history has no room for (2 columns from 500 made
        # hundreds of rows of each line): they are counted, not re-wrapped, so the cost is bounded by what
        # is kept.
        skipped, skipped_rows = _unreachable(history, old_cols, cols, (self.scrollback.maxlen or 0) + self.rows)
        old_length = len(history)
        if skipped:
            history = history[skipped:]
        screen = list(zip(buf.chars, buf.styles, buf.wrapped))
        last = len(screen) - 1  # every row, blank ones below the cursor too, as tmux's grid_reflow
        out: list[ScrollbackLine | tuple[list[str], list[Style], bool]] = []  # rows at the new width
        cursor_row = cursor_col = 0
        group_chars: list[str] = []
        group_styles: list[Style] = []
        group_cursor: int | None = None
        keep_pending = False
        total = len(history) + last + 1
        for index in range(total):
            if index < len(history):
                line = history[index]
                if not group_chars and not line.wrapped and group_cursor is None and _line_width(line) <= cols:
                    out.append(line)  # a line on its own that fits: kept as it is
                    continue
                chars, styles = _cells(line, max(old_cols, _line_width(line)))
                wrapped = line.wrapped
            else:
                y = index - len(history)
                chars, styles, wrapped = screen[y]
                chars, styles = list(chars), list(styles)
                if y == cursor_y:
                    group_cursor = len(group_chars) + cursor_x + (1 if pending else 0)
            if wrapped and index + 1 < total:
                if wrapped == WIDE_WRAP and chars and chars[-1] == " ":
                    chars.pop(), styles.pop()  # the blank a wide character left when it moved to the next row
                group_chars += chars
                group_styles += styles
                continue
            group_chars += chars
            group_styles += styles
            end = len(group_chars)
            while end and group_chars[end - 1] == " " and group_styles[end - 1] is DEFAULT:
                end -= 1
            rows = _rewrap(group_chars[:end], group_styles[:end], cols)
            if group_cursor is not None:
                row, col = _locate(rows, group_cursor, cols)
                if col == 0 and row > 0 and (pending or row == len(rows)):
                    # Just past the end of a row: the cursor waits at its last column to wrap, as it
                    # does when a line has filled the row.
                    row, col, keep_pending = row - 1, cols - 1, True
                while row >= len(rows):  # the cursor sits past the text, on rows of its own
                    rows[-1] = (rows[-1][0], rows[-1][1], True)
                    rows.append(([" "] * cols, [DEFAULT] * cols, False))
                cursor_row, cursor_col = len(out) + row, col
            out.extend(rows)
            group_chars, group_styles, group_cursor = [], [], None
        if group_chars:  # a wrapped row at the very end (nothing below it was kept)
            out.extend(_rewrap(group_chars, group_styles, cols))
        # As tmux: the screen is the last rows of it all (blank rows at the bottom are kept), and a cursor
        # whose row went to the history goes to the top left corner.
        top = max(len(out) - self.rows, 0)
        if cursor_row < top:
            cursor_row, cursor_col, keep_pending = top, 0, False
        history_rows, screen_rows = out[:top], out[top:top + self.rows]
        new_history = [row if isinstance(row, ScrollbackLine) else _scrollback_line(*row) for row in history_rows]
        self.scrolled_lines += len(new_history) + skipped_rows - old_length
        self.scrollback = History(new_history, maxlen=self.scrollback.maxlen)
        cells = [_cells(row, cols) + (row.wrapped,) if isinstance(row, ScrollbackLine) else row for row in screen_rows]
        while len(cells) < self.rows:
            cells.append(([" "] * cols, [DEFAULT] * cols, False))
        buf.chars[:] = [row[0] for row in cells]
        buf.styles[:] = [row[1] for row in cells]
        buf.wrapped[:] = [row[2] for row in cells]
        if on_main:
            self.x, self.y = cursor_col, cursor_row - top
        else:
            buf.saved.x, buf.saved.y, buf.saved.wrap_pending = cursor_col, cursor_row - top, keep_pending
        self._reflowed_wrap_pending = keep_pending


def _unreachable(history: list[ScrollbackLine], old_cols: int, cols: int, keep: int) -> tuple[int, int]:
    """How many of the oldest history lines re-wrap at ``cols`` into rows that cannot be kept (newer lines
    fill the ``keep`` rows after them), and about how many rows they would have made."""
    end = len(history)
    while end and history[end - 1].wrapped:  # a last line that wraps goes on on the screen: not history's alone
        end -= 1
    rows = 0
    start = end
    while start > 0 and rows < keep:
        last = start - 1
        first = last
        while first > 0 and history[first - 1].wrapped:
            first -= 1
        rows += _group_rows(history, first, last, old_cols, cols)
        start = first
    if rows < keep:
        return 0, 0
    skipped_rows = 0
    first = 0
    while first < start:
        last = first
        while last < start - 1 and history[last].wrapped:
            last += 1
        skipped_rows += _group_rows(history, first, last, old_cols, cols)
        first = last + 1
    return start, skipped_rows


def _group_rows(history: list[ScrollbackLine], first: int, last: int, old_cols: int, cols: int) -> int:
    """The rows lines ``first``..``last`` (one line that wrapped) fill at ``cols`` columns (wide characters
    at a row's end aside)."""
    width = sum(max(old_cols, _line_width(history[i])) for i in range(first, last)) + _line_width(history[last])
    return max(1, -(-width // cols))


def _scrollback_line(chars: list[str], styles: list[Style], wrapped: bool | int) -> ScrollbackLine:
    """A screen row as a scrollback line: its text and (length, style) runs, trailing unstyled blanks and
    wide fillers dropped."""
    text = "".join(chars)
    size = len(chars)
    if len(text) == size and styles.count(DEFAULT) == size:
        # Plain text, one character per cell: the most common line of all.
        text = text.rstrip(" ")
        line = _new_line(ScrollbackLine, (text, _plain_runs(len(text)), wrapped))
    elif len(text) == size:
        # One character per cell (no wide or combined characters): run lengths are cell counts.
        end = len(text.rstrip(" "))
        tail = styles[end:]
        if tail.count(DEFAULT) != len(tail):  # styled blanks at the end are kept
            end = size - next(i for i, style in enumerate(reversed(styles)) if style is not DEFAULT)
        head = styles[:end]
        if head.count(DEFAULT) == end:
            runs = _plain_runs(end)
        else:
            runs = tuple([(len(list(group)), style) for style, group in groupby(head)])
        line = _new_line(ScrollbackLine, (text[:end], runs, wrapped))
    elif styles.count(DEFAULT) == size:
        text = text.rstrip(" ")
        line = _new_line(ScrollbackLine, (text, _plain_runs(len(text)), wrapped))
    else:
        end = len(chars)
        while end > 0 and chars[end - 1] == " " and styles[end - 1] is DEFAULT:
            end -= 1
        runs: list[tuple[int, Style]] = []
        parts: list[str] = []
        pos = 0
        for style, group in groupby(styles[:end]):
            size = len(list(group))
            text = "".join(chars[pos:pos + size])
            pos += size
            if text:
                runs.append((len(text), style))
                parts.append(text)
        line = _new_line(ScrollbackLine, ("".join(parts), tuple(runs), wrapped))
    return line


def _line_width(line: ScrollbackLine) -> int:
    """The cells a scrollback line takes."""
    text = line.text
    if text.isascii():
        return len(text)
    return sum(max(wcwidth(char), 0) for char in text)


def _rewrap(chars: list[str], styles: list[Style], cols: int) -> list[tuple[list[str], list[Style], bool | int]]:
    """One line's cells as rows of ``cols`` cells, all but the last marked as wrapped; a wide character
    that would straddle two rows moves to the second, as when it was drawn."""
    rows: list[tuple[list[str], list[Style], bool | int]] = []
    pos, size = 0, len(chars)
    while pos < size:
        end = min(pos + cols, size)
        mark: bool | int = True
        if end < size and chars[end] == WIDE_FILLER:
            end -= 1
            mark = WIDE_WRAP
            if end == pos:  # one column cannot hold it: a blank instead
                rows.append(([" "] * cols, [DEFAULT] * cols, True))
                pos += 2
                continue
        pad = cols - (end - pos)
        rows.append((chars[pos:end] + [" "] * pad, styles[pos:end] + [DEFAULT] * pad, mark))
        pos = end
    if not rows:
        return [([" "] * cols, [DEFAULT] * cols, False)]
    rows[-1] = (rows[-1][0], rows[-1][1], False)
    return rows


def _locate(rows: list[tuple[list[str], list[Style], bool | int]], offset: int, cols: int) -> tuple[int, int]:
    """Which of a line's rows, and which column, the line's ``offset``-th cell is in now."""
    start = 0
    for index, (_, _, wrapped) in enumerate(rows):
        used = cols - 1 if wrapped == WIDE_WRAP else cols  # it gave its last cell up to a wide character
        if offset < start + used or index + 1 == len(rows):
            extra = offset - start
            return index + extra // cols, extra % cols
        start += used
    return 0, 0


def _cells(line: ScrollbackLine, cols: int) -> tuple[list[str], list[Style]]:
    """A scrollback line back as ``cols`` cells (characters with wide fillers, and their styles)."""
    chars: list[str] = []
    styles: list[Style] = []
    pos = 0
    for length, style in line.runs:
        for char in line.text[pos:pos + length]:
            width = wcwidth(char)
            if width <= 0 and chars:
                chars[-1 if chars[-1] != WIDE_FILLER else -2] += char
                continue
            chars.append(char)
            styles.append(style)
            if width == 2:
                chars.append(WIDE_FILLER)
                styles.append(style)
        pos += length
    if len(chars) > cols:
        del chars[cols:], styles[cols:]
        if chars[-1] != WIDE_FILLER and wcwidth(chars[-1][:1] or " ") == 2:
            chars[-1] = " "
    chars.extend([" "] * (cols - len(chars)))
    styles.extend([DEFAULT] * (cols - len(styles)))
    return chars, styles


_SGR_SPLIT = re.compile(r"\x1b\[([0-9;:]*)m")


@lru_cache(maxsize=4096)
def _one_cell(char: str) -> bool:
    """Whether ``char`` takes exactly one cell and combines with nothing (box drawing, blocks, Latin-1...)."""
    return wcwidth(char) == 1 and char not in "\u200d\ufe0f"


_rstrip_blanks = operator.methodcaller("rstrip", " ")


def _numbers(params: str) -> list[int]:
    if not params:
        return []
    values = _NUMBERS.get(params)
    if values is None:
        values = [_int(part.split(":", 1)[0]) for part in params.split(";")]
        if len(_NUMBERS) >= 4096:
            _NUMBERS.clear()
        _NUMBERS[params] = values
    return values.copy()  # a handler may keep or change its list


_NUMBERS: dict[str, list[int]] = {}  # CSI parameters last seen (a redraw repeats the same few) and their values


_SGR_FLAGS = {1: ("bold", True), 2: ("dim", True), 3: ("italic", True), 4: ("underline", True),
              5: ("blink", True), 6: ("blink", True), 7: ("reverse", True), 9: ("strikethrough", True),
              21: ("underline", True), 23: ("italic", False), 24: ("underline", False), 25: ("blink", False),
              27: ("reverse", False), 29: ("strikethrough", False)}


def _extended_color(parts: list[str], index: int) -> tuple[object, int]:
    """Parse ``5;n`` or ``2;r;g;b`` after 38/48 (semicolon form); returns (colour, params consumed)."""
    if index >= len(parts):
        return None, 0
    mode = parts[index]
    if mode == "5" and index + 1 < len(parts):
        value = _int(parts[index + 1])
        return (value if 0 <= value <= 255 else None), 2
    if mode == "2" and index + 3 < len(parts):
        rgb = tuple(min(_int(p), 255) for p in parts[index + 1:index + 4])
        return rgb, 4
    return None, len(parts) - index


def _colon_color(sub: list[str]) -> object:
    """``38:5:n`` or ``38:2:[colourspace]:r:g:b``."""
    if len(sub) >= 3 and sub[1] == "5":
        value = _int(sub[2])
        return value if 0 <= value <= 255 else None
    if len(sub) >= 5 and sub[1] == "2":
        values = sub[-3:] if len(sub) >= 6 else sub[2:5]
        return tuple(min(_int(p), 255) for p in values)
    return None


def _int(text: str) -> int:
    """A parameter's value, clamped to 65535 as tmux and xterm do (a thousand digits cost no more than five)."""
    if not text.isdigit():
        return 0
    return min(int(text), 65535) if len(text) <= 5 else 65535


def _apply_sgr(style: Style, params: str) -> Style:
    if not params:
        return DEFAULT._replace(link=style.link, protected=style.protected, guarded=style.guarded)
    parts = params.split(";")
    changes: dict[str, object] = {}
    i = 0
    while i < len(parts):
        part = parts[i]
        i += 1
        if ":" in part:
            sub = part.split(":")
            head = _int(sub[0])
            if head in (38, 48):
                changes["fg" if head == 38 else "bg"] = _colon_color(sub)
            elif head == 4:
                changes["underline"] = sub[1] not in ("0", "")
            continue
        code = _int(part)
        if code == 0:
            link = changes.get("link", style.link)
            protected, guarded = style.protected, style.guarded  # DECSCA's and SPA's, not SGR's: kept
            style = DEFAULT
            changes = {"link": link} if link else {}
            if protected:
                changes["protected"] = True
            if guarded:
                changes["guarded"] = True
        elif code in _SGR_FLAGS:
            name, value = _SGR_FLAGS[code]
            changes[name] = value
        elif code == 22:
            changes["bold"] = changes["dim"] = False
        elif 30 <= code <= 37:
            changes["fg"] = code - 30
        elif 40 <= code <= 47:
            changes["bg"] = code - 40
        elif 90 <= code <= 97:
            changes["fg"] = code - 90 + 8
        elif 100 <= code <= 107:
            changes["bg"] = code - 100 + 8
        elif code == 39:
            changes["fg"] = None
        elif code == 49:
            changes["bg"] = None
        elif code in (38, 48):
            color, used = _extended_color(parts, i)
            changes["fg" if code == 38 else "bg"] = color
            i += used
        elif code == 58:
            _, used = _extended_color(parts, i)  # underline colour: not drawn
            i += used
    return style._replace(**changes) if changes else style


_DEC_TABLE = str.maketrans({chr(i + 95): ch for i, ch in enumerate(_DEC_GRAPHICS)})
_DECOM = _pyte_modes.DECOM >> 5  # origin mode's private mode number (pyte keeps private modes << 5)

_CONTROLS: dict[str, Callable[[Terminal], None]] = {
    "\x07": Terminal.bell,
    "\x08": Terminal.backspace,
    "\x09": Terminal.tab,
    "\x0a": Terminal.linefeed,
    "\x0b": Terminal.linefeed,
    "\x0c": Terminal.linefeed,
    "\x0d": Terminal.carriage_return,
    "\x0e": Terminal.shift_out_,
    "\x0f": Terminal.shift_in,
}

_ESC: dict[str, Callable[[Terminal], None]] = {
    "7": Terminal.save_cursor,
    "8": Terminal.restore_cursor,
    "D": Terminal._index,
    "E": lambda t: (t._index(), t.carriage_return()),  # NEL: the index first, so it scrolls as IND would
    "M": Terminal._reverse_index,
    "V": lambda t: t.guard(True),  # SPA
    "Z": lambda t: t.device_attributes([]),  # DECID: answered as DA
    "W": lambda t: t.guard(False),  # EPA
    "6": lambda t: t.back_index(),  # DECBI
    "9": lambda t: t.forward_index(),  # DECFI
    "H": lambda t: t.tabstops.add(t.x),
    "N": lambda t: t.single_shift_(2),  # SS2
    "O": lambda t: t.single_shift_(3),  # SS3
    "n": lambda t: t.lock_shift(2),  # LS2
    "o": lambda t: t.lock_shift(3),  # LS3
    "c": Terminal.reset,
    "=": lambda t: setattr(t.modes, "application_keypad", True),
    ">": lambda t: setattr(t.modes, "application_keypad", False),
}

_CSI: dict[tuple[str, str], Callable[..., None]] = {
    ("", "@"): Terminal.insert_characters,
    ("", "A"): Terminal.cursor_up,
    ("", "B"): Terminal.cursor_down,
    ("", "C"): Terminal.cursor_forward,
    ("", "D"): Terminal.cursor_back,
    ("", "E"): Terminal.cursor_next_line,
    ("", "F"): Terminal.cursor_prev_line,
    ("", "G"): Terminal.cursor_column,
    ("", "H"): Terminal.cursor_position,
    ("", "I"): Terminal.forward_tabs,
    ("", "J"): Terminal.erase_in_display,
    ("?", "J"): Terminal.selective_erase_in_display,
    ("", "K"): Terminal.erase_in_line,
    ("?", "K"): Terminal.selective_erase_in_line,
    ("", "L"): Terminal.insert_lines,
    ("", "M"): Terminal.delete_lines,
    ("", "P"): Terminal.delete_characters,
    ("", "S"): Terminal.scroll_up,
    ("", "T"): Terminal.scroll_down,
    ("", "X"): Terminal.erase_characters,
    ("", "Z"): Terminal.backward_tabs,
    ("", "`"): Terminal.cursor_column,  # HPA: as CHA, from the left margin in origin mode (as xterm)
    ("", "a"): Terminal.cursor_column_relative,
    ("", "b"): Terminal.repeat,
    ("", "c"): Terminal.device_attributes,
    (">", "c"): Terminal.secondary_device_attributes,
    ("", "d"): Terminal.cursor_row,
    ("", "e"): Terminal.cursor_row_relative,
    ("", "f"): Terminal.cursor_position,
    ("", "g"): Terminal.tab_clear,
    ("", "h"): Terminal.set_mode,
    ("", "j"): Terminal.cursor_back,  # HPB
    ("", "k"): Terminal.cursor_up,  # VPB
    ("?", "h"): Terminal.set_private_mode,
    ("", "l"): Terminal.reset_mode,
    ("?", "l"): Terminal.reset_private_mode,
    ("", "m"): Terminal.select_graphic_rendition,
    ("", "n"): Terminal.device_status,
    ("?", "n"): Terminal.private_device_status,
    ("", "r"): Terminal.set_margins,
    ("", "s"): Terminal.save_cursor_ansi,
    ("?", "s"): modesave.save_modes,  # XTSAVE
    ("?", "r"): modesave.restore_modes,  # XTRESTORE
    ("", "u"): Terminal.restore_cursor_ansi,
    ("", "t"): Terminal.window_ops,
    (">", "q"): Terminal.version,
}

_CSI_INTERMEDIATE: dict[tuple[str, str, str], Callable[..., None]] = {
    ("", "!", "p"): Terminal.soft_reset,
    ("?", "$", "p"): Terminal.request_private_mode,
    ("", "$", "p"): Terminal.request_mode,
    ("", " ", "q"): Terminal.cursor_shape,
    ("", '"', "q"): Terminal.protect,
    ("", "'", "}"): Terminal.insert_columns,
    ("", "'", "~"): Terminal.delete_columns,
    ("", "*", "y"): reports.checksum,
    ("", "*", "x"): lambda t, values: setattr(t, "attribute_extent", values[0] if values else 0),  # DECSACE
    ("", '"', "p"): Terminal.conformance_level,
    ("", "$", "x"): rectangles.fill,
    ("", "$", "z"): rectangles.erase,
    ("", "$", "{"): rectangles.selective_erase,
    ("", "$", "v"): rectangles.copy,
}

# DECRQSS: what each setting's request is answered with (the text between ``DCS 1 $ r`` and ST).
_SETTINGS: dict[str, Callable[[Terminal], str | None]] = {
    "m": lambda t: sgr(t.style)[2:],  # SGR: ``0;1;31m``
    "r": lambda t: f"{t.top + 1};{t.bottom + 1}r",  # DECSTBM
    " q": lambda t: f"{t.cursor_style or 1} q",  # DECSCUSR (0 is reported as 1, the default block)
    '"q': lambda t: f'{1 if t.style.protected else 0}"q',  # DECSCA
    "s": lambda t: f"{t.left + 1};{t.right + 1}s",  # DECSLRM
    '"p': lambda t: f'{t.level};1"p',  # DECSCL: the conformance level, 7-bit controls
    "*x": lambda t: f"{t.attribute_extent}*x",  # DECSACE
    "$}": lambda t: "0$}",  # DECSASD: the main display
    "$~": lambda t: "0$~",  # DECSSDT: no status line
}

_COLOR_OSC = frozenset(("4", "5", "10", "11", "12", "104", "105", "110", "111", "112"))
_DESIGNATORS = {"(": 0, ")": 1, "*": 2, "+": 3, "-": 1, ".": 2, "/": 3}
# The charsets that change what characters show: DEC special graphics, and the United Kingdom set's pound sign.
_CHARSETS: dict[str, dict[int, str]] = {"0": _DEC_TABLE, "A": str.maketrans({"#": "\u00a3"})}

_ANSI_MODES = {4: "insert", 20: "linefeed_newline"}
# What DECRQM answers for modes that cannot change here, as xterm answers (2 reset, 4 permanently reset).
_FIXED_ANSI_MODES = {1: 4, 2: 2, 5: 4, 7: 4, 10: 4, 11: 4, 12: 2, 13: 4, 14: 4, 15: 4, 16: 4, 17: 4, 18: 4, 19: 4}
_FIXED_PRIVATE_MODES = {4: 2, 18: 2, 19: 2, 42: 2, 60: 4}
_PRIVATE_FLAGS = modesave.PRIVATE_FLAGS
