"""Every user action as a named command: the table, the parser, targets, key tables, options, dispatch."""

from __future__ import annotations

from muntin.commands.complete import complete
from muntin.commands.dispatch import (
    HANDLERS, CommandError, Handler, Result, combine, dispatch, handler, missing_handlers, run,
)
from muntin.commands.formats import format_string
from muntin.commands.keys import KeyBinding, KeyTables, default_key_tables
from muntin.commands.options import OPTIONS, OptionSpec, check_option
from muntin.commands.parser import (
    Invocation, ParseError, join_argv, join_words, parse, parse_argv, quote_word, split_argv,
)
from muntin.commands.spec import Args, CommandSpec, Group, Opt, Pos, Size, TargetKind, ValueType
from muntin.commands.table import COMMANDS, command_names, find_command, help_lines
from muntin.commands.targets import Current, Resolved, TargetError, resolve

__all__ = [
    "COMMANDS", "HANDLERS", "OPTIONS", "Args", "CommandError", "CommandSpec", "Current", "Group", "Handler",
    "Invocation", "KeyBinding", "KeyTables", "Opt", "OptionSpec", "ParseError", "Pos", "Resolved", "Result",
    "Size", "TargetError", "TargetKind", "ValueType", "check_option", "combine", "command_names", "complete",
    "default_key_tables", "dispatch", "find_command", "format_string", "handler", "help_lines", "join_argv", "join_words",
    "missing_handlers", "parse", "parse_argv", "quote_word", "resolve", "run", "split_argv",
]
