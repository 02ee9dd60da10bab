"""The one parser for command text: tmux-style words, quotes, `;` sequences, `--`, typed arguments."""

from __future__ import annotations

import os
import pwd
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from muntin.commands.spec import Args, CommandSpec, Opt
from muntin.commands.table import find_command


class ParseError(ValueError):
    """Command text that cannot be run: what is wrong and at which column (1-based; 0 when unknown)."""

    def __init__(self, message: str, column: int = 0) -> None:
        self.message = message
        self.column = column
        super().__init__(f"{message} (at column {column})" if column else message)


class Word(NamedTuple):
    """One word of command text and the column it starts at."""

    text: str
    column: int
    quoted: bool = False


@dataclass(frozen=True)
class Invocation:
    """A command to run: its spec and its parsed arguments."""

    spec: CommandSpec
    args: Args


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "e": "\x1b", "\\": "\\", '"': '"', "$": "$", ";": ";"}
_SPACE = " \t"


def split_commands(text: str, *, partial: bool = False) -> list[list[Word]]:
    """Split command text into commands of words. `;` (unquoted, anywhere) and newlines separate
    commands, `\\;` is a literal `;`, `#` starting a word (not `#{`) comments out the rest of the line,
    `{ ... }` is one word holding the text inside. With `partial`, an unterminated quote or block ends
    the text instead of being an error (for completion)."""
    commands: list[list[Word]] = [[]]
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _SPACE:
            i += 1
            continue
        if char in "\n;":
            commands.append([])
            i += 1
            continue
        if char == "#" and text[i + 1 : i + 2] != "{":
            while i < n and text[i] != "\n":
                i += 1
            continue
        start = i
        if char == "{" and (i + 1 == n or text[i + 1] in _SPACE + "\n"):
            i, body = _block(text, i, partial)
            commands[-1].append(Word(body, start + 1, True))
            continue
        chars: list[str] = []
        quoted = False
        ends_command = False
        while i < n and text[i] not in _SPACE + "\n":
            char = text[i]
            if char == "\\":
                if i + 1 >= n:
                    if partial:
                        break
                    raise ParseError("backslash at the end of the text", i + 1)
                chars.append(text[i + 1])
                i += 2
                quoted = True
            elif char in "'\"":
                i = _quoted(text, i, chars, partial)
                quoted = True
            elif char == ";":  # unquoted, it ends the word and the command, as in tmux (`a;b` is two)
                ends_command = True
                i += 1
                break
            else:
                chars.append(char)
                i += 1
        # Quoted from its first character on, a word is never a flag ('-x'); -F'#{x}' is -F with a value.
        commands[-1].append(Word("".join(chars), start + 1, quoted and text[start] in "\\'\""))
        if ends_command:
            commands.append([])
    return [c for c in commands if c]


def _quoted(text: str, i: int, out: list[str], partial: bool) -> int:
    quote, start = text[i], i
    i += 1
    while i < len(text) and text[i] != quote:
        if quote == '"' and text[i] == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
            continue
        out.append(text[i])
        i += 1
    if i >= len(text):
        if partial:
            return i
        raise ParseError(f"missing closing {quote}", start + 1)
    return i + 1


def _block(text: str, i: int, partial: bool) -> tuple[int, str]:
    depth, start, quote = 0, i, ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1, text[start + 1 : i].strip()
        i += 1
    if partial:
        return i, text[start + 1 :].strip()
    raise ParseError("missing closing }", start + 1)


def parse(text: str) -> list[Invocation]:
    """Parse command text (`split-window -h -l 30% -- htop ; select-pane -L`) into invocations; raises
    ParseError naming the command, the problem and its column."""
    return [bind(words) for words in split_commands(text)]


def split_argv(argv: Sequence[str]) -> list[list[str]]:
    """Words already split (the CLI's argv, bind-key's COMMAND words) into commands, as tmux's
    cmd_parse_from_arguments: a word ending in `;` ends a command (a lone `;` is only the separator),
    a word ending in `\\;` is that word with `;` for the `\\;`; empty commands are dropped."""
    commands: list[list[str]] = [[]]
    for word in argv:
        if word.endswith(";"):
            word = word[:-1]
            if word.endswith("\\"):
                commands[-1].append(word[:-1] + ";")
                continue
            if word:
                commands[-1].append(word)
            commands.append([])
            continue
        commands[-1].append(word)
    return [command for command in commands if command]


def join_argv(commands: Sequence[Sequence[str]]) -> list[str]:
    """Commands as one list of words that `split_argv` splits back into the same commands."""
    words: list[str] = []
    for command in commands:
        if words:
            words.append(";")
        words += [word[:-1] + "\\;" if word.endswith(";") else word for word in command]
    return words


def parse_argv(argv: Sequence[str]) -> Invocation:
    """Parse one command given as words already split (the CLI's argv after global options)."""
    if not argv:
        raise ParseError("no command given")
    return bind([Word(word, 0) for word in argv])


def bind(words: Sequence[Word]) -> Invocation:
    """Match one command's words against its spec: options, values, positionals, checks."""
    head = words[0]
    try:
        spec = find_command(head.text)
    except LookupError as error:
        raise ParseError(str(error), head.column) from None
    return Invocation(spec, _Binder(spec, words).run())


class _Binder:
    def __init__(self, spec: CommandSpec, words: Sequence[Word]) -> None:
        self.spec = spec
        self.words = words
        self.flags: set[str] = set()
        self.options: dict[str, Any] = {}
        self.seen: dict[str, Word] = {}

    def fail(self, message: str, word: Word | None) -> ParseError:
        return ParseError(f"{self.spec.name}: {message}", word.column if word else 0)

    def run(self) -> Args:
        rest = list(self.words[1:])
        while rest:
            word = rest[0]
            if word.quoted or not word.text.startswith("-") or word.text == "-" or _is_number(word.text):
                break
            rest.pop(0)
            if word.text == "--":
                break
            if word.text.startswith("--"):
                self._long(word, rest)
            else:
                self._short(word, rest)
        self._check_groups()
        return Args(frozenset(self.flags), MappingProxyType(self.options),
                    MappingProxyType(self._positionals(rest)))

    def _take(self, opt: Opt, word: Word, value: Word) -> None:
        assert opt.value is not None
        try:
            converted = opt.value.convert(value.text)
        except ValueError as error:
            raise self.fail(f"{opt.flag}: {error}", value) from None
        if opt.repeat:
            self.options[opt.flag] = (*self.options.get(opt.flag, ()), converted)
        else:
            self.options[opt.flag] = converted
        self.seen[opt.flag] = word

    def _value_word(self, opt: Opt, word: Word, rest: list[Word]) -> Word:
        if not rest:
            raise self.fail(f"{opt.flag} needs a value ({opt.metavar or opt.value.metavar})", word)
        return rest.pop(0)

    def _long(self, word: Word, rest: list[Word]) -> None:
        flag, eq, inline = word.text.partition("=")
        opt = self.spec.option(flag)
        if opt is None:
            raise self.fail(f"unknown option {flag}", word)
        if opt.takes_value:
            value = Word(inline, word.column + len(flag) + 1) if eq else self._value_word(opt, word, rest)
            self._take(opt, word, value)
        elif eq:
            raise self.fail(f"{flag} takes no value", word)
        else:
            self._flag(opt, word)

    def _short(self, word: Word, rest: list[Word]) -> None:
        text = word.text
        for index in range(1, len(text)):
            flag = "-" + text[index]
            opt = self.spec.option(flag)
            if opt is None:
                raise self.fail(f"unknown flag {flag}", word)
            if not opt.takes_value:
                self._flag(opt, word)
                continue
            inline = text[index + 1 :]
            value = Word(inline, word.column + index + 1) if inline else self._value_word(opt, word, rest)
            self._take(opt, word, value)
            return

    def _flag(self, opt: Opt, word: Word) -> None:
        if opt.repeat:  # a flag that counts (display-popup -EE): how many times it was given
            self.options[opt.flag] = self.options.get(opt.flag, 0) + 1
        self.flags.add(opt.flag)
        self.seen[opt.flag] = word

    def _check_groups(self) -> None:
        for group in self.spec.exclusive:
            given = sorted(group & self.seen.keys(), key=lambda f: self.seen[f].column)
            if len(given) > 1:
                raise self.fail(f"{given[0]} and {given[1]} cannot be used together", self.seen[given[1]])
        for group in self.spec.one_required:
            if not group & self.seen.keys():
                head = self.words[0]
                words = sorted(o.usage() for o in self.spec.options if o.flag in group)
                need = f"missing {words[0]}" if len(words) == 1 else f"needs one of {' | '.join(words)}"
                raise self.fail(need, head)

    def _positionals(self, rest: list[Word]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for pos in self.spec.positionals:
            most = len(rest) if pos.most is None else pos.most
            taken, rest = rest[:most], rest[most:]
            if len(taken) < pos.least:
                raise self.fail(f"missing {pos.name}; usage: {self.spec.usage()}", self.words[-1])
            converted = []
            for word in taken:
                if pos.choices and word.text not in pos.choices:
                    raise self.fail(f"{pos.name} must be one of {', '.join(pos.choices)}, not {word.text!r}",
                                    word)
                try:
                    converted.append(pos.value.convert(word.text))
                except ValueError as error:
                    raise self.fail(f"{pos.name}: {error}", word) from None
            if pos.most == 1:
                if converted:
                    values[pos.name] = converted[0]
            else:
                values[pos.name] = tuple(converted)
        if rest:
            raise self.fail(f"too many arguments: {rest[0].text!r}; usage: {self.spec.usage()}", rest[0])
        return values


def _is_number(text: str) -> bool:
    return text[1:].isdigit()


def quote_word(word: str) -> str:
    """A word written so that `split_commands` reads it back as the same single word."""
    if word and not any(c in word for c in " \t\n'\"\\;#{}$~") :
        return word
    if word in (";", "{", "}", "#", "~"):
        return "\\" + word
    if "'" not in word and "\n" not in word:
        return f"'{word}'"
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n")
    return f'"{escaped}"'


_C_STYLE = {"\n": "\\n", "\r": "\\r", "\b": "\\b", "\a": "\\a", "\v": "\\v", "\t": "\\t", "\f": "\\f"}


def tmux_escape(text: str) -> str:
    """A value as tmux's args_escape writes it (show-options): ``''`` when empty, in double quotes when it
    holds one of `` #';${}%``, else in single quotes when it holds a space or ``"``; backslashes doubled,
    control characters C-style or octal, ``$NAME`` escaped."""
    if not text:
        return "''"
    quotes = '"' if any(c in text for c in " #';${}%") else "'" if any(c in text for c in ' "') else ""
    if len(text) == 1 and text != " " and (quotes or text == "~"):
        return "\\" + text
    out = []
    for index, char in enumerate(text):
        following = text[index + 1:index + 2]
        if char == "$" and following:
            out.append("\\$" if following.isascii() and (following.isalpha() or following in "_{") else "$")
        elif char == "\\" or (char == '"' and quotes == '"'):
            out.append("\\" + char)
        elif char in _C_STYLE:
            out.append(_C_STYLE[char])
        elif char == "\0":
            out.append("\\000" if following in tuple("01234567") and following else "\\0")
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\{ord(char):03o}")
        else:
            out.append(char)
    escaped = "".join(out)
    tilde = "\\" if escaped.startswith("~") and quotes != "'" else ""
    return f"{quotes}{tilde}{escaped}{quotes}"


def join_words(words: Sequence[str]) -> str:
    """Words joined into command text that parses back to the same words."""
    return " ".join(quote_word(w) for w in words)


# -- files in tmux's syntax ----------------------------------------------------------------------------
#
# A file is parsed whole, as tmux's cmd-parse.y does: `\` before a newline joins lines, quotes may span lines,
# `{ ... }` is one argument holding commands (over several lines too), `%if`/`%elif`/`%else`/`%endif` choose
# lines by a format, `NAME=value` and `%hidden NAME=value` set variables that `$NAME` and `${NAME}` expand in
# later words. Unlike tmux, a bad line is reported with its number and the parse goes on with the next line.


@dataclass(frozen=True)
class FileCommand:
    """One command of a file: the line it starts on and its words (a `{ }` block is one word, its commands
    as command text)."""

    line: int
    words: tuple[Word, ...]


@dataclass
class FileParse:
    """What a file holds: its commands in order and its syntax problems as (line, message)."""

    commands: list[FileCommand]
    problems: list[tuple[int, str]]


class _Syntax(Exception):
    """A syntax problem on `line`; with `resume`, the parse goes on at that offset of the text (the line after
    an unclosed quote or block), else after the current line."""

    def __init__(self, line: int, message: str, resume: int = -1) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.resume = resume


class _Unclosed(_Syntax):
    """A `{` or quote still open at the end of the file: the parse goes back to the line after it."""


_EOF = ""
_TOKEN, _EQUALS, _FORMAT, _DIRECTIVE = "token", "equals", "format", "directive"
_DIRECTIVES = ("%if", "%elif", "%else", "%endif", "%hidden")
_C_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "s": " ", "v": "\v", "r": "\r", "n": "\n", "t": "\t"}


_PLAIN = {"": re.compile(r"[^ \t\n;}'\"\\$~]+"), '"': re.compile(r'[^\n"\\$~]+'), "'": re.compile(r"[^\n'\\]+")}
"""Characters that stand for themselves in a word: unquoted, in double quotes, in single quotes."""


def _is_var(char: str, first: bool) -> bool:
    return char.isascii() and (char.isalpha() or char == "_" or (not first and char.isdigit()))


class _Lexer:
    """tmux's yylex over a whole text: tokens (kind, text, line)."""

    def __init__(self, text: str, lookup: Callable[[str], str | None]) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lookup = lookup
        self.joins = self._continuations(text)

    @staticmethod
    def _continuations(text: str) -> set[int]:
        """Positions of a `\\` that joins its line to the next: the last of an odd run before a newline."""
        joins, i = set(), text.find("\\")
        while i >= 0:
            j = i
            while j < len(text) and text[j] == "\\":
                j += 1
            if j < len(text) and text[j] == "\n" and (j - i) % 2:
                joins.add(j - 1)
            i = text.find("\\", j)
        return joins

    def getc(self) -> str:
        while self.pos in self.joins:
            self.pos += 2
            self.line += 1
        if self.pos >= len(self.text):
            self.pos = len(self.text) + 1  # so that ungetc of EOF is harmless
            return _EOF
        char = self.text[self.pos]
        self.pos += 1
        if char == "\n":
            self.line += 1
        return char

    def ungetc(self, char: str) -> None:
        if char == _EOF:
            return
        self.pos -= 1
        if char == "\n":
            self.line -= 1

    def skip_line(self) -> None:
        """Past the end of the current line (after an error)."""
        while (char := self.getc()) not in ("\n", _EOF):
            pass
        self.ungetc(char)

    def next(self, condition: bool = False) -> tuple[str, str, int]:
        while True:
            char = self.getc()
            line = self.line
            if char == _EOF:
                return _EOF, "", line
            if char in " \t":
                continue
            if char == "\n":
                return "\n", "\n", line - 1
            if char in ";{}":
                return char, char, line
            if char == "#":
                following = self.getc()
                if condition and following == "{":
                    return _FORMAT, self._format(line), line
                while following not in ("\n", _EOF):
                    following = self.getc()
                self.ungetc(following)
                continue
            if char == "%":
                word = self._word(char)
                if all(c == "%" or c.isdigit() for c in word):
                    return _TOKEN, word, line
                if word in _DIRECTIVES:
                    return _DIRECTIVE, word, line
                raise _Syntax(line, f"unknown directive {word} (%if, %elif, %else, %endif or %hidden)")
            token = self._token(char, line)
            name, eq, _ = token.partition("=")
            if eq and name and _is_var(name[0], True) and all(_is_var(c, False) for c in name):
                return _EQUALS, token, line
            return _TOKEN, token, line

    def _word(self, char: str) -> str:
        chars = [char]
        while (char := self.getc()) not in (_EOF, " ", "\t", "\n"):
            chars.append(char)
        self.ungetc(char)
        return "".join(chars)

    def _format(self, line: int) -> str:
        chars, depth = ["#{"], 1
        while True:
            char = self.getc()
            if char in (_EOF, "\n"):
                raise _Syntax(line, "missing } in the %if format")
            if char == "#":
                char = self.getc()
                if char in (_EOF, "\n"):
                    raise _Syntax(line, "missing } in the %if format")
                if char == "{":
                    depth += 1
                chars.append("#")
            elif char == "}":
                depth -= 1
                if depth == 0:
                    chars.append("}")
                    return "".join(chars)
            chars.append(char)

    def resume_after(self, offset: int) -> int:
        """The offset of the line after the one holding `offset`."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def _token(self, char: str, line: int) -> str:
        begin = self.pos
        out: list[str] = []
        state, last = "", "start"  # state: "" unquoted, "'" or '"' inside those quotes
        while True:
            if char == _EOF or (not state and char == "\n"):
                break
            if not state and char in " \t;}":
                break
            if char == "\n":  # inside quotes: the newline stays, the next line's indent and comments go
                out.append("\n")
                while (char := self.getc()) in (" ", "\t"):
                    pass
                if char == "#":
                    following = self.getc()
                    if following and following in ",#{}:":
                        self.ungetc(following)
                    else:
                        while (char := self.getc()) not in ("\n", _EOF):
                            pass
                        continue
                continue
            if char == "\\" and state != "'":
                out.append(self._escape(line))
                last = state
            elif char == "~" and last != state and state != "'":
                out.append(self._tilde(line))
                last = state
            elif char == "$" and state != "'":
                out.append(self._variable(line))
                last = state
            elif char in "'\"" and state in ("", char):
                state = char if not state else ""
            else:
                out.append(char)
                last = state
                run = _PLAIN[state].match(self.text, self.pos)  # the rest of a run of plain characters at once
                if run:
                    out.append(run.group())
                    self.pos = run.end()
            char = self.getc()
        if state:
            raise _Unclosed(line, f"missing closing {state}", self.resume_after(begin))
        self.ungetc(char)
        return "".join(out)

    def _escape(self, line: int) -> str:
        char = self.getc()
        if char == _EOF:
            raise _Syntax(line, "backslash at the end of the file")
        if "4" <= char <= "7":
            raise _Syntax(line, "invalid octal escape")
        if "0" <= char <= "3":
            digits = char + self.getc() + self.getc()
            if len(digits) == 3 and all("0" <= d <= "7" for d in digits):
                return chr(int(digits, 8))
            raise _Syntax(line, "invalid octal escape")
        if char in "uU":
            digits = "".join(self.getc() for _ in range(4 if char == "u" else 8))
            try:
                return chr(int(digits, 16))
            except ValueError:
                raise _Syntax(line, f"invalid \\{char} argument") from None
        return _C_ESCAPES.get(char, char)

    def _tilde(self, line: int) -> str:
        name = []
        while (char := self.getc()) not in (_EOF, "/", " ", "\t", "\n", '"', "'"):
            name.append(char)
        self.ungetc(char)
        user = "".join(name)
        if not user:
            home = self.lookup("HOME")
            return home if home else os.path.expanduser("~")
        try:
            return pwd.getpwnam(user).pw_dir
        except KeyError:
            raise _Syntax(line, f"no such user: ~{user}") from None

    def _variable(self, line: int) -> str:
        char = self.getc()
        if char == _EOF:
            return "$"
        name: list[str] = []
        braces = char == "{"
        if not braces:
            if not _is_var(char, True):
                self.ungetc(char)
                return "$"
            name.append(char)
        while True:
            char = self.getc()
            if braces and char == "}":
                break
            if char == _EOF or not _is_var(char, False):
                if braces:
                    raise _Syntax(line, "invalid environment variable")
                self.ungetc(char)
                break
            name.append(char)
        return self.lookup("".join(name)) or ""


class _FileParser:
    def __init__(self, text: str, condition: Callable[[str], bool], environ: dict[str, str],
                 hidden: dict[str, str], apply: bool) -> None:
        self.environ, self.hidden, self.apply = environ, hidden, apply
        self.lexer = _Lexer(text, self._lookup)
        self.condition = condition
        self.problems: list[tuple[int, str]] = []
        self.pending: tuple[str, str, int] | None = None
        self.block_resume = -1

    def _lookup(self, name: str) -> str | None:
        if name in self.hidden:
            return self.hidden[name]
        return self.environ[name] if name in self.environ else os.environ.get(name)

    def next(self, condition: bool = False) -> tuple[str, str, int]:
        if self.pending is not None:
            token, self.pending = self.pending, None
            return token
        return self.lexer.next(condition)

    def statements(self, block_line: int = 0) -> Iterator[FileCommand]:
        """Statements up to the end of the file, or with `block_line` up to the `}` closing that block."""
        scopes: list[list[bool]] = []  # per %if: [this branch runs, a branch ran]
        while True:
            try:
                kind, text, line = self.next()
                if kind == _EOF:
                    if block_line:
                        raise _Unclosed(block_line, "missing } (the { opened here)", self.block_resume)
                    break
                if kind == "\n":
                    continue
                if kind == "}" and block_line:
                    break
                active = all(scope[0] for scope in scopes)
                if kind == _DIRECTIVE:
                    inline = self._directive(text, line, scopes)
                    if inline is not None:  # %if FORMAT COMMANDS %endif on one line, then the rest of it
                        found = self._inline(line, block_line > 0, active, inline)
                        found += self._line(line, block_line > 0, active)
                        if active:
                            yield from found
                    continue
                self.pending = (kind, text, line)
                found = self._line(line, block_line > 0, active)
                if active:
                    yield from found
            except _Syntax as error:
                if block_line and isinstance(error, _Unclosed):
                    raise  # the whole command goes: the top level reports it and starts again after it
                self.problems.append((error.line, error.message))
                self.pending = None
                if error.resume >= 0:
                    self.lexer.pos, self.lexer.line = error.resume, error.line + 1
                else:
                    self.lexer.skip_line()
        for _ in scopes:
            self.problems.append((block_line or self.lexer.line, "missing %endif"))

    def _directive(self, word: str, line: int, scopes: list[list[bool]]) -> str | None:
        """A directive at the start of a line; for an ``%if`` with commands after its condition on the same
        line, the condition (the caller parses the rest: tmux's one-line conditions)."""
        outer = all(scope[0] for scope in scopes[:-1]) if word != "%if" else all(scope[0] for scope in scopes)
        text = ""
        if word == "%hidden":
            kind, text, _ = self.next()
            if kind != _EQUALS:
                raise _Syntax(line, "%hidden needs NAME=VALUE")
            if all(scope[0] for scope in scopes):
                self._assign(text, self.hidden)
            self._end_of_line(line)
            return
        if word in ("%if", "%elif"):
            kind, text, _ = self.next(condition=True)
            if kind not in (_FORMAT, _TOKEN, _EQUALS):
                raise _Syntax(line, f"{word} needs a condition (a format such as \"#{{==:#{{host}},x}}\")")
            if word == "%if":
                after = self.next()
                self.pending = after
                if after[0] not in ("\n", _EOF):
                    return text
            self._end_of_line(line)
            if word == "%if":
                chosen = outer and self._true(text)
                scopes.append([chosen, chosen])
                return
        if not scopes:
            raise _Syntax(line, f"{word} without %if")
        return self._close(word, line, scopes, outer, text)

    def _close(self, word: str, line: int, scopes: list[list[bool]], outer: bool, text: str) -> None:
        scope = scopes[-1]
        if word == "%elif":
            chosen = outer and not scope[1] and self._true(text)
            scope[:] = [chosen, scope[1] or chosen]
        elif word == "%else":
            self._end_of_line(line)
            scope[:] = [outer and not scope[1], True]
        else:  # %endif
            self._end_of_line(line)
            scopes.pop()

    def _inline(self, line: int, in_block: bool, active: bool, condition: str) -> list[FileCommand]:
        """``%if FORMAT COMMANDS [%elif FORMAT COMMANDS] [%else COMMANDS] %endif`` within one line, its
        condition read: the commands of the branch that holds, as tmux's condition1."""
        chosen = active and self._true(condition)
        taken, found = chosen, []
        while True:
            commands = self._line(line, in_block, chosen, inline=True)
            if chosen:
                found += commands
            kind, text, where = self.next()
            if kind != _DIRECTIVE or text not in ("%elif", "%else", "%endif"):
                raise _Syntax(line, "missing %endif (a one-line %if ends on its line)",
                              self.lexer.pos if kind == "\n" else -1)
            if text == "%endif":
                return found
            if text == "%elif":
                kind, condition, _ = self.next(condition=True)
                chosen = active and not taken and self._true(condition)
            else:
                chosen = active and not taken
            taken = taken or chosen

    def _true(self, template: str) -> bool:
        return self.condition(template)

    def _end_of_line(self, line: int) -> None:
        kind, text, _ = self.next()
        if kind not in ("\n", _EOF):
            raise _Syntax(line, f"unexpected {text!r} after the directive")
        self.pending = (kind, text, line)

    def _assign(self, text: str, into: dict[str, str]) -> None:
        name, _, value = text.partition("=")
        if self.apply:
            into[name] = value

    def _line(self, line: int, in_block: bool, active: bool, inline: bool = False) -> list[FileCommand]:
        """The commands of one line (`;` between them), its first token put back; `NAME=value` words before
        a command set variables when the line is `active`. A one-line `%if` may stand for a command; with
        `inline` (inside one) its `%elif`, `%else` or `%endif` ends the commands too, put back."""
        commands: list[FileCommand] = []
        words: list[Word] = []
        start = line
        while True:
            kind, text, where = self.next()
            if kind in (_TOKEN, _EQUALS):
                if kind == _EQUALS and not words:
                    if active:
                        self._assign(text, self.environ)
                    continue
                if not words:
                    start = where
                words.append(Word(text, 0))
                continue
            if kind == "{":
                if not words:
                    raise _Syntax(where, "a { } block is an argument, not a command")
                words.append(Word(self._block(where), 0, True))
                continue
            if kind == _DIRECTIVE and text == "%if" and not words:
                kind, condition, _ = self.next(condition=True)
                commands += self._inline(where, in_block, active, condition)
                continue
            if kind == _DIRECTIVE and inline and text in ("%elif", "%else", "%endif"):
                if words:
                    commands.append(FileCommand(start, tuple(words)))
                self.pending = (kind, text, where)
                return commands
            if kind == _DIRECTIVE:
                raise _Syntax(where, f"{text} must start a line")
            if words:
                commands.append(FileCommand(start, tuple(words)))
                words = []
            if kind == ";":
                continue
            if kind == "}":
                if not in_block:
                    raise _Syntax(where, "} without {")
                self.pending = (kind, text, where)
            elif kind == _EOF:
                self.pending = (kind, text, where)
            return commands

    def _block(self, line: int) -> str:
        outer, self.block_resume = self.block_resume, self.lexer.resume_after(self.lexer.pos - 1)
        try:
            inner = list(self.statements(block_line=line))
        finally:
            self.block_resume = outer
        return " ; ".join(join_words([w.text for w in command.words]) for command in inner)


class FileParser:
    """A file in tmux's syntax, parsed whole before any of it runs (as tmux: `%if` formats and `$NAME` are
    read at parse time). Iterate `commands()`; `problems` then holds the syntax problems as (line, message).
    `condition` says whether an `%if` format is true; `NAME=value` lines go into `environ` and
    `%hidden NAME=value` into `hidden` (both read by `$NAME`, over the process environment) unless `apply`
    is false (`source-file -n`)."""

    def __init__(self, text: str, condition: Callable[[str], bool], environ: dict[str, str | None] | None = None,
                 hidden: dict[str, str] | None = None, *, apply: bool = True) -> None:
        self._parser = _FileParser(text, condition, {} if environ is None else environ,
                                   {} if hidden is None else hidden, apply)
        self.problems = self._parser.problems

    def commands(self) -> Iterator[FileCommand]:
        return self._parser.statements()


def parse_file(text: str, condition: Callable[[str], bool], environ: dict[str, str | None] | None = None,
               hidden: dict[str, str] | None = None, *, apply: bool = True) -> FileParse:
    """The commands of a file in tmux's syntax and its syntax problems (see FileParser)."""
    parser = FileParser(text, condition, environ, hidden, apply=apply)
    commands = list(parser.commands())
    return FileParse(commands, parser.problems)
