"""Line numbers of every key path in a TOML text, for ``FILE:LINE:`` messages about its values."""

from __future__ import annotations

from collections.abc import Callable, Mapping

KeyPath = tuple[str | int, ...]
"""A key path: table and key names, with the index of each array-of-tables or array element,
e.g. ``("window", 1, "pane", 0, "size")``."""

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


class _Scanner:
    """Walks a TOML text just far enough to know where each key, table and array element starts.

    It does not check values (tomllib does that); on text it cannot make sense of it stops and
    keeps what it found so far.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.aot_counts: dict[KeyPath, int] = {}  # resolved array-of-tables path -> elements so far

    # -- characters ---------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def startswith(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def advance(self, count: int = 1) -> None:
        chunk = self.text[self.pos:self.pos + count]
        self.line += chunk.count("\n")
        self.pos += len(chunk)

    def skip_blanks(self) -> None:
        while self.peek() in (" ", "\t") and self.peek():
            self.pos += 1

    def skip_comment(self) -> None:
        if self.peek() == "#":
            end = self.text.find("\n", self.pos)
            self.pos = len(self.text) if end < 0 else end

    def skip_to_line_end(self) -> None:
        """Skip what is left of the line (a comment, or junk tomllib will report) and its newline."""
        end = self.text.find("\n", self.pos)
        if end < 0:
            self.pos = len(self.text)
        else:
            self.pos = end
            self.advance()

    def skip_space_and_comments(self) -> None:
        """Blanks, newlines and comments, as allowed between array elements."""
        while True:
            self.skip_blanks()
            if self.peek() == "#":
                self.skip_comment()
            elif self.peek() in ("\n", "\r") and self.peek():
                self.advance()
            else:
                return

    # -- keys ---------------------------------------------------------------------------------

    def simple_key(self) -> str:
        char = self.peek()
        if char == '"':
            return self.basic_string()
        if char == "'":
            return self.literal_string()
        start = self.pos
        while self.peek() in _BARE and self.peek():
            self.pos += 1
        if self.pos == start:
            raise ValueError("expected a key")
        return self.text[start:self.pos]

    def dotted_key(self) -> tuple[str, ...]:
        parts = [self.simple_key()]
        while True:
            self.skip_blanks()
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1
            self.skip_blanks()
            parts.append(self.simple_key())

    # -- strings ------------------------------------------------------------------------------

    def basic_string(self) -> str:
        if self.startswith('"""'):
            return self.multiline('"""', escapes=True)
        self.pos += 1
        out: list[str] = []
        while True:
            char = self.peek()
            if char in ("", "\n"):
                raise ValueError("unterminated string")
            if char == '"':
                self.pos += 1
                return "".join(out)
            if char == "\\":
                out.append(self.escape())
            else:
                out.append(char)
                self.pos += 1

    def escape(self) -> str:
        code = self.peek(1)
        if code in ("u", "U"):
            width = 4 if code == "u" else 8
            digits = self.text[self.pos + 2:self.pos + 2 + width]
            self.pos += 2 + width
            try:
                return chr(int(digits, 16))
            except ValueError:
                return ""
        self.pos += 2
        return _ESCAPES.get(code, code)

    def literal_string(self) -> str:
        if self.startswith("'''"):
            return self.multiline("'''", escapes=False)
        end = self.text.find("'", self.pos + 1)
        newline = self.text.find("\n", self.pos + 1)
        if end < 0 or 0 <= newline < end:
            raise ValueError("unterminated string")
        value = self.text[self.pos + 1:end]
        self.pos = end + 1
        return value

    def multiline(self, quote: str, *, escapes: bool) -> str:
        self.advance(3)
        start = self.pos
        while True:
            if self.pos >= len(self.text):
                raise ValueError("unterminated string")
            if escapes and self.peek() == "\\":
                self.advance(2)
                continue
            if self.startswith(quote):
                # up to two quotes may end the content right before the closing delimiter
                while self.peek(3) == quote[0]:
                    self.advance()
                value = self.text[start:self.pos]
                self.advance(3)
                return value
            self.advance()

    # -- values -------------------------------------------------------------------------------

    def value(self, path: KeyPath) -> None:
        char = self.peek()
        if char == '"':
            self.basic_string()
        elif char == "'":
            self.literal_string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:
            while self.peek() and self.peek() not in ",]}#\n\r":
                self.pos += 1

    def array(self, path: KeyPath) -> None:
        count = [0]

        def element() -> None:
            self.lines.setdefault(path + (count[0],), self.line)
            self.value(path + (count[0],))
            count[0] += 1

        self.sequence("]", element)

    def inline_table(self, path: KeyPath) -> None:
        self.sequence("}", lambda: self.key_value(path))

    def sequence(self, close: str, item: Callable[[], None]) -> None:
        """Comma-separated items up to ``close`` (the opening bracket is at the current position)."""
        self.pos += 1
        while True:
            self.skip_space_and_comments()
            if self.peek() == close:
                self.pos += 1
                return
            if not self.peek():
                raise ValueError(f"missing {close}")
            item()
            self.skip_space_and_comments()
            if self.peek() == ",":
                self.pos += 1
            elif self.peek() != close:
                raise ValueError(f"expected , or {close}")

    def key_value(self, table: KeyPath) -> None:
        line = self.line
        key = self.dotted_key()
        path = table
        for part in key:
            path = path + (part,)
            self.lines.setdefault(path, line)
        self.skip_blanks()
        if self.peek() != "=":
            raise ValueError("expected =")
        self.pos += 1
        self.skip_blanks()
        self.value(path)

    # -- tables -------------------------------------------------------------------------------

    def resolve(self, names: tuple[str, ...]) -> KeyPath:
        """A header's names with the current index of every array of tables on the way."""
        path: KeyPath = ()
        for name in names:
            path = path + (name,)
            if path in self.aot_counts:
                path = path + (self.aot_counts[path] - 1,)
        return path

    def header(self) -> KeyPath:
        line = self.line
        is_array = self.startswith("[[")
        self.pos += 2 if is_array else 1
        self.skip_blanks()
        names = self.dotted_key()
        self.skip_blanks()
        closing = "]]" if is_array else "]"
        if not self.startswith(closing):
            raise ValueError("expected ]")
        self.pos += len(closing)
        parent = self.resolve(names[:-1])
        path = parent + (names[-1],)
        for depth in range(1, len(path) + 1):
            self.lines.setdefault(path[:depth], line)
        if is_array:
            index = self.aot_counts.get(path, 0)
            self.aot_counts[path] = index + 1
            path = path + (index,)
            self.lines.setdefault(path, line)
        return path

    def document(self) -> None:
        table: KeyPath = ()
        while self.pos < len(self.text):
            self.skip_space_and_comments()
            if not self.peek():
                return
            if self.peek() == "[":
                table = self.header()
            else:
                self.key_value(table)
            self.skip_blanks()
            self.skip_comment()
            if self.peek() and self.peek() not in "\r\n":
                self.skip_to_line_end()


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path of a TOML text to the 1-based line where it first appears.

    Tables and arrays of tables map to their header line, each element of an array of tables
    (``("window", 1)``) to its own ``[[...]]`` line, each element of an inline array
    (``("send", 0)``) to the line it starts on, and each key inside an inline table or a dotted key
    to the line of that key. Comments, strings holding ``=`` ``#`` ``[``, and multi-line strings and
    arrays do not confuse it. On text that is not valid TOML it returns what it found before the fault.
    """
    scanner = _Scanner(text)
    try:
        scanner.document()
    except (ValueError, IndexError):
        pass
    return scanner.lines


def line_of(lines: Mapping[KeyPath, int], path: KeyPath) -> int:
    """The line of ``path``, else of its nearest enclosing key or table; 0 when none is known."""
    for depth in range(len(path), 0, -1):
        found = lines.get(tuple(path[:depth]))
        if found:
            return found
    return 0


class KeyPositions:
    """The lines of a TOML text's keys, queried by path: ``KeyPositions(text).line("window", 0, "name")``."""

    def __init__(self, text: str) -> None:
        self.lines: dict[KeyPath, int] = key_lines(text)

    def line(self, *path: str | int) -> int:
        """The line of ``path``, else of its nearest enclosing key or table; 0 when none is known."""
        return line_of(self.lines, path)
