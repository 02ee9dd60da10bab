"""The terminal driver of the UI: draws on the terminal (stdout) and reads its input as raw bytes for the app.

Textual's own driver decodes every key with its parser, which waits about 100 ms after ESC and turns
``ESC :`` into a plain colon. This one splits the input with muntin's parser (muntin.emulator.rawinput)
and posts the keys to the app with their exact bytes (``RawInput``), so the app can forward them to the
pane unchanged; mouse and focus reports and the terminal's replies still go through Textual's parser.
"""

from __future__ import annotations

import os
import selectors
import sys
import time

from textual import constants
from textual._xterm_parser import XTermParser
from textual.drivers._byte_stream import ByteStream
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver, _ExitInput
from textual.message import Message

from muntin.emulator.rawinput import COLOUR_QUERIES, InputParser, Kind, Token, colour_reply
from muntin.ui.early import release_input

DEFAULT_ESCAPE_TIME = 0.010
"""Seconds a lone ESC is held to see whether a sequence follows (the ``escape-time`` option, 10 ms)."""


class RawInput(Message):
    """Keys and pastes as the terminal sent them, in order (see muntin.emulator.rawinput.Token)."""

    def __init__(self, tokens: list[Token]) -> None:
        super().__init__()
        self.tokens = tokens


COLOUR_TIMEOUT = 0.5
"""Seconds the terminal has to answer the colour queries made at start (a terminal may not answer at all)."""


class OuterColours(Message):
    """The colours the terminal answered at start: ``foreground``, ``background`` and palette indexes ("0" to
    "15"), each an X colour specification as the terminal gave it."""

    def __init__(self, colours: dict[str, str]) -> None:
        super().__init__()
        self.colours = colours


class ColourAnswers:
    """Collects the terminal's answers to COLOUR_QUERIES until all have come or the time is up."""

    def __init__(self, now: float) -> None:
        self.deadline = now + COLOUR_TIMEOUT
        self.answers: dict[str, str] = {}
        self.done = False

    def add(self, token: Token) -> bool:
        """Keep ``token`` if it answers a query; say whether it did."""
        found = colour_reply(token.data)
        if found is None or self.done:
            return False
        self.answers.setdefault(*found)
        return True

    def due(self, now: float) -> dict[str, str] | None:
        """The answers once every query is answered or the time is up (once; None before and after)."""
        if self.done or (len(self.answers) < 18 and now < self.deadline):
            return None
        self.done = True
        return self.answers


class MuntinDriver(LinuxDriver):
    """LinuxDriver drawing on stdout (stderr may be a log file) and reading raw bytes; the kitty keyboard
    protocol stays off, so keys arrive in the legacy encodings every program in a pane understands."""

    def __init__(self, app, *, debug: bool = False, mouse: bool = True, size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._file = sys.__stdout__
        self._cursor_shown = False  # the terminal's cursor is visible (cursor-mode terminal)
        self._stopping = False  # the terminal is being given back: its cursor is left to Textual
        self._colours: ColourAnswers | None = None  # the terminal's answers to the colour queries, while awaited

    def write(self, data: str) -> None:
        """Write ``data``, then show the terminal's own cursor where the app wants it (cursor-mode terminal,
        ``app.terminal_cursor()``) or keep it hidden. Textual hides it at start and draws with it hidden; it
        is hidden again while each write draws, so it never shows on a cell being drawn."""
        where = getattr(self._app, "terminal_cursor", None)
        cursor = where() if where is not None and not self._stopping else None
        prefix = "\x1b[?25l" if self._cursor_shown else ""
        suffix = f"\x1b[{cursor[1] + 1};{cursor[0] + 1}H\x1b[?25h" if cursor is not None else ""
        self._cursor_shown = cursor is not None
        super().write(prefix + data + suffix)

    def start_application_mode(self) -> None:
        constants.DISABLE_KITTY_KEY = True  # type: ignore[misc]  # the pane gets keys as a terminal sends them
        self._stopping = False
        release_input()  # the settings the first frame held, back before Textual saves them to restore at exit
        super().start_application_mode()
        if self._colours is None:  # once: a pane answers colour queries with the terminal's own colours
            self._colours = ColourAnswers(time.monotonic())
            LinuxDriver.write(self, COLOUR_QUERIES)
            self.flush()

    def stop_application_mode(self) -> None:
        self._stopping = True
        super().stop_application_mode()

    def _escape_time(self) -> float:
        value = getattr(self._app, "escape_time", DEFAULT_ESCAPE_TIME)
        return max(float(value), 0.0)

    def run_input_thread(self) -> None:
        """Read the terminal until the app stops; post keys as RawInput, the rest through Textual's parser."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = InputParser()
        xterm = XTermParser(self._debug)
        try:
            while not self.exit_event.is_set():
                timeout = 0.1
                if parser.pending:
                    left = parser.hold_time(self._escape_time()) - (time.monotonic() - (parser.held_since or 0.0))
                    timeout = min(max(left, 0.0), 0.1)
                ready = selector.select(timeout)
                tokens: list[Token] = []
                if ready:
                    data = os.read(self.fileno, 65536)
                    if not data:
                        break  # the terminal went away
                    tokens = parser.feed(data, time.monotonic())
                if parser.pending and parser.expired(time.monotonic(), self._escape_time()):
                    tokens += parser.flush()
                dispatch(tokens, xterm, self.process_message, self._colours)
                for message in xterm.tick():
                    self.process_message(message)
                answers = self._colours.due(time.monotonic()) if self._colours is not None else None
                if answers:
                    self.process_message(OuterColours(answers))
        finally:
            selector.close()


def dispatch(tokens: list[Token], xterm: XTermParser, post, colours: ColourAnswers | None = None) -> None:
    """Post keys and pastes as RawInput (in runs, in order) and hand the rest to Textual's parser; answers to
    the colour queries go to ``colours``."""
    batch: list[Token] = []
    for token in tokens:
        if token.kind is Kind.DROP and colours is not None:
            colours.add(token)
        elif token.kind is Kind.TERMINAL:
            if batch:
                post(RawInput(batch))
                batch = []
            for message in xterm.feed(token.text):
                post(message)
        elif token.kind is not Kind.DROP:
            batch.append(token)
    if batch:
        post(RawInput(batch))


class MuntinWebDriver(WebDriver):
    """textual-serve's web driver for a browser tab (``muntin web``), reading keys as MuntinDriver does:
    what the page's terminal sends is split by muntin's parser and posted as RawInput, so a tab hands a pane
    the same bytes a terminal would."""

    _escape_time = MuntinDriver._escape_time

    def run_input_thread(self) -> None:
        reader = self._input_reader
        parser = InputParser()
        xterm = XTermParser(self._debug)
        packets = ByteStream()
        try:
            for data in reader:
                now = time.monotonic()
                tokens: list[Token] = []
                for kind, payload in packets.feed(data) if data else ():
                    if kind == "D":
                        tokens += parser.feed(payload, now)
                    else:
                        self._on_meta(kind, payload)  # size, focus, quit
                if parser.pending and parser.expired(now, self._escape_time()):
                    tokens += parser.flush()
                reader.timeout = min(self._escape_time(), 0.1) if parser.pending else 0.1
                dispatch(tokens, xterm, self.process_message)
                for message in xterm.tick():
                    self.process_message(message)
        except _ExitInput:
            pass
        finally:
            reader.close()
