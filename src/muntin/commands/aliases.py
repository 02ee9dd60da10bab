"""tmux's command-alias server option: names that stand for command text, expanded when commands are parsed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from muntin.commands.parser import Invocation, ParseError, Word, bind, split_commands, tmux_escape

DEFAULT_ALIASES: dict[int, str] = {0: "split-pane=split-window", 1: "splitp=split-window",
                                   4: "choose-window=choose-tree -w", 5: "choose-session=choose-tree -s"}
"""tmux 3.3a's defaults, less ``server-info`` and ``info`` (``show-messages -JT``: muntin has neither flag)."""

ALIAS_LIMIT = 1000
_NAME = re.compile(r"command-alias(?:\[(\d+)\])?")


def alias_index(option: str) -> tuple[bool, int | None]:
    """Whether ``option`` is ``command-alias`` or ``command-alias[N]``, and N."""
    match = _NAME.fullmatch(option)
    if match is None:
        return False, None
    return True, None if match.group(1) is None else int(match.group(1))


class CommandAliases:
    """The command-alias array: index -> ``NAME=COMMAND TEXT``."""

    def __init__(self) -> None:
        self.entries: dict[int, str] = dict(DEFAULT_ALIASES)

    def set(self, index: int | None, value: str | None, *, append: bool = False) -> None:
        """Set entry ``index`` (None: the whole array, or with ``append`` a new last entry); None unsets."""
        if value is not None:
            name, equals, text = value.partition("=")
            if not equals or not name or not text.strip() or any(c in name for c in " \t;"):
                raise ValueError(f"command-alias: expected NAME=COMMAND, got {value!r}")
        if index is not None and index >= ALIAS_LIMIT:
            raise ValueError(f"command-alias: index {index} is too large (at most {ALIAS_LIMIT - 1})")
        if index is None and value is None:
            self.entries.clear()
        elif index is None and append:
            self.entries[max(self.entries, default=-1) + 1] = value  # type: ignore[assignment]
        elif index is None:
            self.entries = {0: value}  # type: ignore[dict-item]
        elif value is None:
            self.entries.pop(index, None)
        else:
            self.entries[index] = value

    def lines(self) -> list[str]:
        """``show-options -s command-alias`` lines, as tmux prints them."""
        return [f"command-alias[{index}] {tmux_escape(self.entries[index])}" for index in sorted(self.entries)]

    def values(self, index: int | None = None) -> list[str]:
        """``show-options -v`` of the array (or of one entry): the entries as they are."""
        return [self.entries[i] for i in sorted(self.entries) if index is None or i == index]

    def lookup(self, name: str) -> str | None:
        for index in sorted(self.entries):
            alias, _, text = self.entries[index].partition("=")
            if alias == name:
                return text
        return None

    def expand(self, words: Sequence[Word], depth: int = 0) -> list[list[Word]]:
        """One command's words with an alias in front replaced by its text (the rest of the words follow
        its last command), as tmux expands them; an alias inside an alias is expanded too, 10 deep."""
        text = self.lookup(words[0].text) if words else None
        if text is None:
            return [list(words)]
        if depth >= 10:
            raise ParseError(f"command-alias {words[0].text}: aliases nested too deep", words[0].column)
        commands = split_commands(text)
        if not commands:
            raise ParseError(f"command-alias {words[0].text}: no command", words[0].column)
        commands[-1] += list(words[1:])
        return [each for command in commands for each in self.expand(command, depth + 1)]

    def parse(self, text: str) -> list[Invocation]:
        """Command text as ``parser.parse`` reads it, aliases expanded."""
        return [bind(each) for words in split_commands(text) for each in self.expand(words)]

    def parse_argv(self, argv: Sequence[str]) -> list[Invocation]:
        """One command's words (the CLI's), aliases expanded: one invocation or more."""
        if not argv:
            raise ParseError("no command given")
        return [bind(each) for each in self.expand([Word(word, 0) for word in argv])]
