"""The one parser for command text: tmux-style words, quotes, `;` sequences, `--`, typed arguments."""

from __future__ import annotations

from collections.abc import Sequence
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
        commands[-1].append(Word("".join(chars), start + 1, quoted))
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


def join_words(words: Sequence[str]) -> str:
    """Words joined into command text that parses back to the same words."""
    return " ".join(quote_word(w) for w in words)
