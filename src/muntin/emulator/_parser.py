"""The escape-sequence parser: splits decoded text into runs of printable text and control sequences.

One compiled regular expression finds the next token, so a run of printable text costs one match and one
call, not one generator step per character as in stock pyte. A sequence cut off at the end of a chunk is
kept and completed by the next chunk, so any chunking gives the same screen.
"""

from __future__ import annotations

import re
from typing import Protocol

from muntin.emulator.fast import RUN

# The groups, in order: lines of plain ASCII text each ending in CR(s) LF | the same with SGR sequences in
# them (ls --color, git log) | a CR LF line end on its own | a run of SGR, cursor moves and erases with
# the text between them (full-screen programs' redraws: emulator/fast.py) | SGR params and the text after it (coloured
# output is mostly this pair) | text | CSI params, intermediates, final | OSC body | string (DCS/APC/PM/SOS/screen's ESC k title:
# its kind and body) | ESC intermediates, final | single control. The styled lines are only tried where a line starts (after
# a LF), and their quantifiers are possessive, so a line that turns out not to qualify costs one pass.
_TOKEN = re.compile(
    r"((?:[\x20-\x7e]*\r+\n){2,})"
    r"|(?<=\n)((?:(?:[\x20-\x7e]++|\x1b\[[0-9;:]*+m)*+\r+\n){2,})"
    r"|(\r\n)"
    rf"|({RUN})"
    r"|\x1b\[([0-9;:]*)m([^\x00-\x1f\x7f-\x9f]*)"
    r"|([^\x00-\x1f\x7f-\x9f]+)"
    r"|\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])"
    r"|\x1b\]([^\x07\x18\x1a\x1b\x9c]*)(?:\x07|\x1b\\|\x9c)"
    r"|\x1b([P_^Xk])([^\x18\x1a\x1b\x9c]*)(?:\x1b\\|\x9c)"
    r"|\x1b([\x20-\x2f]*)([\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x6a\x6c-\x7e])"
    r"|([\x00-\x1a\x1c-\x1f\x7f-\x9f])",
    re.S,
)
# What an unfinished sequence at the end of a chunk can look like (kept for the next chunk).
_PARTIAL = re.compile(
    r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x18\x1a\x1b\x9c]*\x1b?|[P_^Xk][^\x18\x1a\x1b\x9c]*\x1b?|[\x20-\x2f]*)\Z",
    re.S,
)
MAX_PENDING = 1 << 20  # an unterminated string longer than this is dropped
MAX_CSI = 1 << 12  # a control sequence with more parameter bytes than this is dropped
# Where an unfinished sequence can end: the string of an OSC (BEL, ESC, ST), of a DCS/APC/PM/SOS (ESC, ST),
# the parameters of a CSI (anything that is not a parameter or intermediate byte).
_OSC_END = re.compile(r"[\x07\x18\x1a\x1b\x9c]")
_STRING_END = re.compile(r"[\x18\x1a\x1b\x9c]")
# C0 controls inside an OSC string: xterm accumulates them with the string and tmux drops them; neither runs
# them, and a title or colour never holds them. (BEL ends the string, CAN and SUB cancel it, ESC ends it.)
_OSC_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_CSI_END = re.compile(r"[^\x20-\x3f]")
_CANCEL = re.compile(r"[\x18\x1a\x1b]")


class Handler(Protocol):
    def draw(self, text: str) -> None: ...
    def draw_lines(self, lines: list[str]) -> None: ...
    def draw_run(self, run: str) -> None: ...
    def newline(self) -> None: ...
    def draw_styled_lines(self, lines: list[str]) -> None: ...
    def select_graphic_rendition(self, params: str) -> None: ...
    def control(self, char: str) -> None: ...
    def csi(self, params: str, intermediates: str, final: str) -> None: ...
    def osc(self, body: str, terminator: str) -> None: ...
    def esc(self, intermediates: str, final: str) -> None: ...
    def string(self, kind: str, body: str) -> None: ...


class Parser:
    """Feeds decoded text to a handler. ``feed`` may be called with any split of the stream."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.pending = ""
        # A long unfinished sequence (an OSC 52 copy, a DCS) is kept in pieces with what can end it, and
        # each new chunk is searched for that end alone: linear in the bytes, whatever the chunking.
        self._pieces: list[str] = []
        self._end: re.Pattern[str] | None = None
        self._size = 0
        self._limit = 0

    def feed(self, text: str) -> None:
        if self._end is not None:
            text = self._continue(text)
            if not text:
                return
        if self.pending:
            text = self.pending + text
            self.pending = ""
        handler = self.handler
        draw, control, csi, osc, esc = handler.draw, handler.control, handler.csi, handler.osc, handler.esc
        draw_lines, sgr, newline = handler.draw_lines, handler.select_graphic_rendition, handler.newline
        draw_styled_lines, draw_run = handler.draw_styled_lines, handler.draw_run
        string = handler.string
        match = _TOKEN.match
        pos = 0
        end = len(text)
        while pos < end:
            m = match(text, pos)
            if m is None:
                if self._keep_partial(text, pos):
                    return
                after = self._interrupted(text, pos)
                if after < 0:  # a sequence with controls in it, unfinished: completed by the next chunk
                    rest = text[pos:]
                    if len(rest) <= MAX_CSI:
                        self.pending = rest
                    return
                pos = after
                continue
            pos = m.end()
            kind = m.lastindex
            if kind == 6:
                sgr(m.group(5))
                after = m.group(6)
                if after:
                    draw(after)
            elif kind == 4:
                draw_run(m.group(4))
            elif kind == 7:
                draw(m.group(7))
            elif kind == 3:
                newline()
            elif kind == 1:
                # CR is idempotent: CR CR LF (a CRLF file through a pty's ONLCR) is a line end too.
                # CRs come only before the LFs here, so dropping them all leaves the lines.
                lines = m.group(1).replace("\r", "").split("\n")
                lines.pop()  # the empty piece after the last LF
                draw_lines(lines)
            elif kind == 2:
                lines = m.group(2).replace("\r", "").split("\n")
                lines.pop()
                draw_styled_lines(lines)
            elif kind == 10:
                csi(m.group(8), m.group(9), m.group(10))
            elif kind == 16:
                control(m.group(16))
            elif kind == 11:
                body = m.group(11)
                if not body.isprintable():
                    body = _OSC_CONTROLS.sub("", body)
                osc(body, "\x07" if text[pos - 1] == "\x07" else "\x1b\\")  # queries answer in kind
            elif kind == 15:
                esc(m.group(14), m.group(15))
            elif kind == 13:
                string(m.group(12), m.group(13))  # DCS, APC, PM or SOS

    def _interrupted(self, text: str, pos: int) -> int:
        """At ``pos`` an ESC starts a sequence that something interrupts, as xterm and vttest expect: a C0
        control inside a CSI is executed and the sequence goes on, CAN and SUB cancel it, NUL and DEL are
        ignored, and an ESC cancels it and starts the next one; an ESC in a string (OSC, DCS, APC, PM,
        SOS) ends it, unprinted; ESC and intermediates that no final follows are dropped. Returns where
        parsing goes on, or -1 when the CSI is not finished in ``text``."""
        kind = text[pos + 1:pos + 2]
        if kind == "[":
            return self._csi_with_controls(text, pos)
        if kind and kind in "]P_^Xk":
            found = _CANCEL.search(text, pos + 2)
            if found is None:
                return len(text)
            return found.end() if found[0] != "\x1b" else found.start()  # CAN and SUB go with the string
        cut = pos + 1
        while cut < len(text) and "\x20" <= text[cut] <= "\x2f":
            cut += 1
        return cut  # the ESC and its intermediates are dropped; what interrupted them is parsed

    def _csi_with_controls(self, text: str, pos: int) -> int:
        control, csi = self.handler.control, self.handler.csi
        params: list[str] = []
        intermediates: list[str] = []
        controls: list[str] = []
        valid = True
        i = pos + 2
        while i < len(text):
            char = text[i]
            if "\x40" <= char <= "\x7e":
                for c in controls:
                    control(c)
                if valid:
                    csi("".join(params), "".join(intermediates), char)
                return i + 1
            if "\x30" <= char <= "\x3f":
                if intermediates:
                    valid = False  # a parameter byte after an intermediate: ignored to its final
                params.append(char)
            elif "\x20" <= char <= "\x2f":
                intermediates.append(char)
            elif char in "\x18\x1a\x1b" or char > "\x7f":
                for c in controls:
                    control(c)
                return i + 1 if char in "\x18\x1a" else i  # cancelled: an ESC or text starts anew
            elif char not in "\x00\x7f":
                controls.append(char)
            i += 1
        return -1

    def _keep_partial(self, text: str, pos: int) -> bool:
        """At ``pos`` an ESC starts no complete sequence: keep it for the next chunk when it may still
        become one (it runs to the end of ``text``), and say so; else it is dropped."""
        if not _PARTIAL.match(text, pos):
            return False
        rest = text[pos:]
        kind = rest[1:2]
        if len(rest) < 64 or rest[-1] == "\x1b" or kind not in "[]P_^Xk" or not kind:
            self.pending = rest  # short, or one byte from its end: completed by the next chunk as it is
        else:
            self._end = _CSI_END if kind == "[" else _OSC_END if kind == "]" else _STRING_END
            self._limit = MAX_CSI if kind == "[" else MAX_PENDING
            self._pieces, self._size = [], 0
            self._add(rest)
        return True

    def _add(self, text: str) -> None:
        self._size += len(text)
        if self._size <= self._limit:
            self._pieces.append(text)
        else:
            self._pieces = []  # past the limit: the sequence will be dropped

    def _continue(self, text: str) -> str:
        """The next chunk while a long sequence is unfinished: the text to parse now ("" when the sequence
        goes on past this chunk). A sequence over its limit is dropped with its terminator."""
        end = self._end
        assert end is not None
        found = end.search(text)
        if found is None:
            self._add(text)
            return ""
        stop = found.start()
        self._end = None
        pieces, self._pieces = self._pieces, []
        if self._size + stop <= self._limit:
            return "".join(pieces) + text
        # Too long: dropped. An OSC's BEL or an ST is the terminator; a CSI's final byte ends it; an ESC
        # starts what comes next (ESC \ is then a harmless ST of its own).
        char = text[stop]
        if char in "\x07\x18\x1a\x9c" or (end is _CSI_END and "\x40" <= char <= "\x7e"):
            stop += 1
        return text[stop:]
