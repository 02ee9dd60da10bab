"""Terminal input as the outer terminal sends it, split into keys (with their exact bytes), pastes and reports.

The UI reads its terminal byte by byte and must hand a pane exactly what was typed: ``ESC :`` stays the two
bytes ``1b 3a``, never a lone Escape and a colon. The parser here names each key the way the key tables do
(``ctrl+b``, ``alt+full_stop``, ``shift+up``) so the prefix and bindings can be found, and keeps the bytes
so that everything else goes to the pane unchanged. A lone ESC at the end of what has arrived may be the
start of a sequence: it is held until more arrives or ``escape-time`` has passed, as in tmux.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from muntin.emulator.keys import _char_key

ESC = 0x1B
PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"
_MAX_SEQUENCE = 64  # longer than any key or report: what runs on past this is not a sequence
REPLY_TIME = 0.25  # seconds the start of an OSC reply is held for its end


class Kind(enum.Enum):
    KEY = "key"            # a key press (or an unknown sequence, with no name): for the pane or the key tables
    PASTE = "paste"        # the text of a bracketed paste, without its markers
    TERMINAL = "terminal"  # mouse and focus reports, the terminal's replies: for the UI toolkit's own parser
    DROP = "drop"          # replies nobody asked for through the toolkit (OSC): swallowed, as tmux does


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of input. ``key`` is the key's name (None for a sequence muntin does not know, which goes
    to the pane as it came); ``special`` marks keys whose bytes depend on the pane's terminal type and modes
    (cursor keys, Home/End, Insert/Delete, PageUp/PageDown, function keys): they are encoded again for the
    pane instead of forwarded."""

    kind: Kind
    data: bytes
    key: str | None = None
    character: str | None = None
    special: bool = False

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


# C0 controls as Textual names their keys (the names the key tables use).
_CONTROL = {0x00: "ctrl+@", 0x08: "backspace", 0x09: "tab", 0x0A: "ctrl+j", 0x0D: "enter", 0x1B: "escape",
            0x1C: "ctrl+backslash", 0x1D: "ctrl+right_square_bracket", 0x1E: "ctrl+circumflex_accent",
            0x1F: "ctrl+underscore", 0x7F: "backspace",
            **{code: f"ctrl+{chr(code + 0x60)}" for code in range(0x01, 0x1B) if code not in (0x08, 0x09, 0x0A, 0x0D)}}
# CSI/SS3 finals of the cursor keys and Home/End (``CSI 1;m X`` with modifiers).
_FINALS = {"A": "up", "B": "down", "C": "right", "D": "left", "H": "home", "F": "end",
           "P": "f1", "Q": "f2", "R": "f3", "S": "f4"}
# ``CSI n ~`` keys: xterm's and the vt220/rxvt forms (1/7 Home, 4/8 End, 11-14 F1-F4).
_TILDE = {1: "home", 2: "insert", 3: "delete", 4: "end", 5: "pageup", 6: "pagedown", 7: "home", 8: "end",
          11: "f1", 12: "f2", 13: "f3", 14: "f4", 15: "f5", 17: "f6", 18: "f7", 19: "f8", 20: "f9", 21: "f10",
          23: "f11", 24: "f12"}
_OSC_REPLY = re.compile(rb"\x1b\][0-9]+;[^\x07\x1b]*(\x07|\x1b\\)")
_OSC_OPEN = re.compile(rb"\x1b\][0-9]*(;[^\x07\x1b]*(\x1b)?)?\Z")
_COLOUR_REPLY = re.compile(rb"\x1b\](?:(1[01])|4;([0-9]{1,3}));([\x20-\x7e]{1,64})(?:\x07|\x1b\\)\Z")
COLOUR_QUERIES = "\x1b]10;?\x1b\\\x1b]11;?\x1b\\" + "".join(f"\x1b]4;{index};?\x1b\\" for index in range(16))
"""What a UI asks its terminal at attach: the default foreground and background (OSC 10, 11) and the 16 ANSI
colours (OSC 4, one query each: tmux 3.3a answers only the first of several in one OSC 4); the answers come
back as OSC replies (``colour_reply``)."""


def colour_reply(data: bytes) -> tuple[str, str] | None:
    """A terminal's answer to one of COLOUR_QUERIES as (``foreground``, ``background`` or the palette index,
    the colour specification); None for any other reply."""
    found = _COLOUR_REPLY.match(data)
    if found is None:
        return None
    code, index, spec = found.groups()
    name = {b"10": "foreground", b"11": "background"}[code] if code else str(int(index))
    return name, spec.decode("ascii")


def _modifiers(param: int) -> list[str]:
    """xterm's modifier parameter (1 + shift 1, alt 2, ctrl 4, meta 8) as key-name prefixes, in the order
    the key tables write them."""
    bits = max(param - 1, 0)
    return [name for bit, name in ((4, "ctrl"), (2, "alt"), (8, "alt"), (1, "shift")) if bits & bit]


def _name(mods: list[str], base: str) -> str:
    return "+".join([*dict.fromkeys(mods), base])


def char_key(char: str) -> str:
    """A typed character's key name: ``:`` -> ``colon``, ``\\x02`` -> ``ctrl+b``."""
    code = ord(char)
    if code in _CONTROL:
        return _CONTROL[code]
    if char == " ":
        return "space"
    return _char_key(char)


def _alt(char: str) -> str:
    """The name of Meta + a typed character (``ESC x`` -> ``alt+x``, ``ESC ^C`` -> ``ctrl+alt+c``)."""
    name = char_key(char)
    if name.startswith("ctrl+"):
        return "ctrl+alt+" + name[5:]
    return "alt+" + name


def _utf8_length(lead: int) -> int:
    if lead >= 0xF0:
        return 4
    if lead >= 0xE0:
        return 3
    if lead >= 0xC0:
        return 2
    return 1


class InputParser:
    """Splits the byte stream from the outer terminal into tokens. ``feed`` gives what is complete;
    ``pending`` says something is held (a lone ESC, half a sequence or character) and ``flush`` gives it
    out as it is once escape-time has passed. A bracketed paste is held until its end marker."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._paste: bytearray | None = None
        self.held_since: float | None = None

    @property
    def pending(self) -> bool:
        """Bytes are held that a later read may complete (not counting an unfinished paste)."""
        return bool(self._buffer) and self._paste is None

    def feed(self, data: bytes, now: float = 0.0) -> list[Token]:
        self._buffer += data
        tokens = self._parse(final=False)
        self.held_since = (self.held_since if self.held_since is not None else now) if self.pending else None
        return tokens

    def flush(self) -> list[Token]:
        """What is held, as it is: a lone ESC is the Escape key, half a sequence is Meta and the rest."""
        tokens = self._parse(final=True)
        self.held_since = None
        return tokens

    def hold_time(self, escape_time: float) -> float:
        """How long what is held may wait for the rest: escape-time, or at least REPLY_TIME for the start of
        an OSC reply (the terminal's answer to a colour query, which a slow link may split)."""
        return max(escape_time, REPLY_TIME) if self._buffer.startswith(b"\x1b]") else escape_time

    def expired(self, now: float, escape_time: float) -> bool:
        return self.held_since is not None and now - self.held_since >= self.hold_time(escape_time)

    # -- parsing ---------------------------------------------------------------------------------------

    def _parse(self, *, final: bool) -> list[Token]:
        buf = self._buffer
        tokens: list[Token] = []
        i = 0
        n = len(buf)
        while i < n:
            if self._paste is not None:
                end = buf.find(PASTE_END, i)
                if end < 0:
                    keep = next((k for k in range(len(PASTE_END) - 1, 0, -1) if buf.endswith(PASTE_END[:k])), 0)
                    self._paste += buf[i:n - keep]
                    i = n - keep
                    break
                self._paste += buf[i:end]
                tokens.append(Token(Kind.PASTE, bytes(self._paste)))
                self._paste = None
                i = end + len(PASTE_END)
                continue
            step = self._one(buf, i, final)
            if step is None:
                break
            token, i = step
            if token is not None:
                tokens.append(token)
        del buf[:i]
        return tokens

    def _one(self, buf: bytearray, i: int, final: bool) -> tuple[Token | None, int] | None:
        """The token starting at ``i`` and where the next begins; None when it is not complete yet."""
        byte = buf[i]
        if byte == ESC:
            return self._escape(buf, i, final)
        if byte < 0x80:
            return _ASCII[byte], i + 1
        return self._utf8(buf, i, final, meta=False)

    def _utf8(self, buf: bytearray, i: int, final: bool, *, meta: bool) -> tuple[Token | None, int] | None:
        start = i + 1 if meta else i
        length = _utf8_length(buf[start])
        if start + length > len(buf) and not final:
            return None
        raw = bytes(buf[start:start + length])
        try:
            char = raw.decode("utf-8")
        except UnicodeDecodeError:  # not UTF-8: the byte goes on as it came
            return Token(Kind.KEY, bytes(buf[i:start + 1])), start + 1
        data = bytes(buf[i:start + length])
        name = _alt(char) if meta else char_key(char)
        return Token(Kind.KEY, data, name, char), start + length

    def _escape(self, buf: bytearray, i: int, final: bool) -> tuple[Token | None, int] | None:
        n = len(buf)
        if i + 1 >= n:
            if not final:
                return None
            return Token(Kind.KEY, b"\x1b", "escape", "\x1b"), i + 1
        second = buf[i + 1]
        if second == 0x5B:  # CSI
            return self._csi(buf, i, final)
        if second == 0x4F:  # SS3
            if i + 2 >= n:
                return None if not final else (_meta(buf, i), i + 2)
            third = buf[i + 2]
            if not 0x40 <= third <= 0x7E:
                return _meta(buf, i), i + 2
            base = _FINALS.get(chr(third))
            data = bytes(buf[i:i + 3])
            return Token(Kind.KEY, data, base, special=base is not None), i + 3
        if second == 0x5D:  # OSC: a reply when it has a number, ';' and an end
            match = _OSC_REPLY.match(buf, i)
            if match:
                return Token(Kind.DROP, bytes(match.group(0))), match.end()
            if not final and _OSC_OPEN.match(buf, i) and n - i < 4096:
                return None
            return _meta(buf, i), i + 2
        if second == ESC:  # ESC ESC: Escape, then whatever the second one starts
            return Token(Kind.KEY, b"\x1b", "escape", "\x1b"), i + 1
        if second >= 0x80:
            return self._utf8(buf, i, final, meta=True)
        return _meta(buf, i), i + 2

    def _csi(self, buf: bytearray, i: int, final: bool) -> tuple[Token | None, int] | None:
        n = len(buf)
        j = i + 2
        while j < n and 0x20 <= buf[j] <= 0x3F and j - i < _MAX_SEQUENCE:
            j += 1
        if j >= n:
            return None if not final else (_meta(buf, i), i + 2)
        last = buf[j]
        if not 0x40 <= last <= 0x7E:  # not a sequence after all: Meta-[ and what follows
            return _meta(buf, i), i + 2
        body = bytes(buf[i + 2:j]).decode("ascii")
        end = j + 1
        final_char = chr(last)
        if final_char == "M" and not body:  # X10 mouse: three more bytes
            if end + 3 > n:
                return None if not final else (_meta(buf, i), i + 2)
            return Token(Kind.TERMINAL, bytes(buf[i:end + 3])), end + 3
        data = bytes(buf[i:end])
        if data == PASTE_START:
            self._paste = bytearray()
            return None, end
        return _classify_csi(data, body, final_char), end


def _meta(buf: bytearray, i: int) -> Token:
    return _META[buf[i + 1]]


# Every ASCII key and its Meta form, made once: tokens are values, and typing makes one per byte.
_ASCII = [Token(Kind.KEY, bytes([code]), char_key(chr(code)), chr(code)) for code in range(0x80)]
_META = [Token(Kind.KEY, bytes([ESC, code]), _alt(chr(code)), chr(code)) for code in range(0x80)]


def _classify_csi(data: bytes, body: str, final: str) -> Token:
    """A complete ``CSI body final``: a key, a report for the toolkit, or an unknown key sequence."""
    if body[:1] in ("<", "?", ">", "=") or any(c in body for c in " !\"#$%&'()*+,-./") or final in "IOtcny":
        if body[:1] == "<" and final not in "Mm":
            return Token(Kind.KEY, data)  # not a mouse report: an unknown sequence, forwarded
        return Token(Kind.TERMINAL, data)
    params = body.split(";") if body else []
    if not all(p.isdigit() for p in params) or len(params) > 2:
        return Token(Kind.KEY, data)
    numbers = [int(p) for p in params]
    mods = _modifiers(numbers[1]) if len(numbers) == 2 else []
    if final == "Z" and not numbers:
        return Token(Kind.KEY, data, "shift+tab", special=True)
    if final == "~" and numbers and numbers[0] in _TILDE:
        return Token(Kind.KEY, data, _name(mods, _TILDE[numbers[0]]), special=True)
    if final in _FINALS:
        if final == "R" and numbers and not (numbers[0] == 1 and len(numbers) == 2):
            return Token(Kind.TERMINAL, data)  # a cursor position report
        if final in "PQRS" and not numbers:
            return Token(Kind.KEY, data)
        if not numbers or numbers[0] == 1:
            return Token(Kind.KEY, data, _name(mods, _FINALS[final]), special=True)
    return Token(Kind.KEY, data)
