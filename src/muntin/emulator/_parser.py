"""The escape-sequence parser: splits decoded text into runs of printable text and control sequences.

One compiled regular expression finds the next token, so a run of printable text costs one match and one
call, not one generator step per character as in stock pyte. A sequence cut off at the end of a chunk is
kept and completed by the next chunk, so any chunking gives the same screen.
"""

from __future__ import annotations

import re
from typing import Protocol

# The groups, in order: lines of plain ASCII text each ending in CR(s) LF | the same with SGR sequences in
# them (ls --color, git log) | a CR LF line end on its own | SGR params and the text after it (coloured
# output is mostly this pair) | text | CSI params, intermediates, final | OSC body | string (DCS/APC/PM/SOS)
# | ESC intermediates, final | single control. The styled lines are only tried where a line starts (after
# a LF), and their quantifiers are possessive, so a line that turns out not to qualify costs one pass.
_TOKEN = re.compile(
    r"((?:[\x20-\x7e]*\r+\n){2,})"
    r"|(?<=\n)((?:(?:[\x20-\x7e]++|\x1b\[[0-9;:]*+m)*+\r+\n){2,})"
    r"|(\r\n)"
    r"|\x1b\[([0-9;:]*)m([^\x00-\x1f\x7f-\x9f]*)"
    r"|([^\x00-\x1f\x7f-\x9f]+)"
    r"|\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])"
    r"|\x1b\]([^\x07\x1b\x9c]*)(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[P_^X][^\x1b\x9c]*(?:\x1b\\|\x9c)"
    r"|\x1b([\x20-\x2f]*)([\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e])"
    r"|([\x00-\x1a\x1c-\x1f\x7f-\x9f])",
    re.S,
)
# What an unfinished sequence at the end of a chunk can look like (kept for the next chunk).
_PARTIAL = re.compile(
    r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x1b\x9c]*\x1b?|[P_^X][^\x1b\x9c]*\x1b?|[\x20-\x2f]*)\Z", re.S
)
MAX_PENDING = 1 << 20  # an unterminated string longer than this is dropped


class Handler(Protocol):
    def draw(self, text: str) -> None: ...
    def draw_lines(self, lines: list[str]) -> None: ...
    def newline(self) -> None: ...
    def draw_styled_lines(self, lines: list[str]) -> None: ...
    def select_graphic_rendition(self, params: str) -> None: ...
    def control(self, char: str) -> None: ...
    def csi(self, params: str, intermediates: str, final: str) -> None: ...
    def osc(self, body: str) -> None: ...
    def esc(self, intermediates: str, final: str) -> None: ...


class Parser:
    """Feeds decoded text to a handler. ``feed`` may be called with any split of the stream."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.pending = ""

    def feed(self, text: str) -> None:
        if self.pending:
            text = self.pending + text
            self.pending = ""
        handler = self.handler
        draw, control, csi, osc, esc = handler.draw, handler.control, handler.csi, handler.osc, handler.esc
        draw_lines, sgr, newline = handler.draw_lines, handler.select_graphic_rendition, handler.newline
        draw_styled_lines = handler.draw_styled_lines
        match = _TOKEN.match
        pos = 0
        end = len(text)
        while pos < end:
            m = match(text, pos)
            if m is None:
                if self._keep_partial(text, pos):
                    return
                pos += 1  # an invalid ESC: dropped
                continue
            pos = m.end()
            kind = m.lastindex
            if kind == 5:
                sgr(m.group(4))
                after = m.group(5)
                if after:
                    draw(after)
            elif kind == 6:
                draw(m.group(6))
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
            elif kind == 9:
                csi(m.group(7), m.group(8), m.group(9))
            elif kind == 13:
                control(m.group(13))
            elif kind == 10:
                osc(m.group(10))
            elif kind == 12:
                esc(m.group(11), m.group(12))
            # kind None: a DCS/APC/PM/SOS string, consumed and ignored

    def _keep_partial(self, text: str, pos: int) -> bool:
        """At ``pos`` an ESC starts no complete sequence: keep it for the next chunk when it may still
        become one (it runs to the end of ``text``), and say so; else it is dropped."""
        if _PARTIAL.match(text, pos):
            rest = text[pos:]
            if len(rest) <= MAX_PENDING:
                self.pending = rest
            return True
        return False
