"""Completion for the command prompt: command names, flags, layout presets, option names, key tables."""

from __future__ import annotations

from muntin.commands.keys import TABLES
from muntin.commands.options import OPTIONS
from muntin.commands.parser import ParseError, split_commands
from muntin.commands.table import command_names, find_command
from muntin.layout import PRESETS

# command -> candidates for its first positional
_POSITIONAL = {"select-layout": PRESETS, "set-option": tuple(OPTIONS), "show-options": tuple(OPTIONS),
               "list-commands": None, "synchronize-panes": ("on", "off")}
# (command, option) -> candidates for its value
_VALUES = {"-T": TABLES}


def complete(text: str, cursor: int | None = None) -> list[str]:
    """Candidates for the word under the cursor (end of `text` by default), sorted: full words that
    start with what is typed."""
    before = text[: len(text) if cursor is None else cursor]
    try:
        commands = split_commands(before, partial=True)
    except ParseError:
        return []
    ends_in_space = not before or before[-1] in " \t;\n"
    words = [w.text for w in commands[-1]] if commands and not before.rstrip(" \t").endswith(";") else []
    if ends_in_space or not words:
        words.append("")
    current = words[-1]
    if len(words) == 1:
        return [name for name in command_names() if name.startswith(current)]
    try:
        spec = find_command(words[0])
    except LookupError:
        return []
    previous = words[-2]
    opt = spec.option(previous)
    if opt is not None and opt.takes_value:
        return sorted(v for v in _VALUES.get(opt.flag, ()) if v.startswith(current))
    if current.startswith("-"):
        return sorted(o.flag for o in spec.options if o.flag.startswith(current))
    if spec.name in _POSITIONAL:
        pool = _POSITIONAL[spec.name]
        if pool is None:
            pool = tuple(command_names())
        return sorted(v for v in pool if v.startswith(current))
    return []
