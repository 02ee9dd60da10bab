"""Key tables and list-keys, the option table, formats, completion and dispatch."""

from __future__ import annotations

import asyncio
import os

import pytest

from muntin.commands import (
    COMMANDS, Args, CommandError, KeyTables, ParseError, Result, TargetError, check_option, combine, complete,
    default_key_tables, dispatch, format_string, missing_handlers, parse,
)
from muntin.commands.keys import bind_from_args
from muntin.commands.parser import split_commands


@pytest.mark.parametrize(("key", "command"), [
    ("percent_sign", "split-window -h"),
    ("quotation_mark", "split-window -v"),
    ("o", "select-pane -t :.+"),
    ("semicolon", "last-pane"),
    ("z", "resize-pane -Z"),
    ("3", "select-window -t :3"),
    ("space", "next-layout"),
    ("alt+1", "select-layout even-horizontal"),
    ("left_curly_bracket", "swap-pane -U"),
    ("ctrl+o", "rotate-window"),
    ("ctrl+up", "resize-pane -U"),
    ("d", "detach-client"),
    ("colon", "command-prompt"),
    ("x", 'confirm-before -p "kill-pane #P? (y/n)" kill-pane'),
])
def test_default_prefix_bindings(key: str, command: str) -> None:
    tables = default_key_tables()
    assert tables.prefix == "ctrl+b"
    binding = tables.lookup("prefix", key)
    assert binding is not None and binding.command == command and binding.note


def test_defaults_all_parse_and_resize_repeats() -> None:
    tables = default_key_tables()
    for binding in tables.bindings():
        parse(binding.command)
    assert tables.lookup("prefix", "alt+left").repeat
    assert not tables.lookup("prefix", "percent_sign").repeat


def test_list_keys_lines_parse_back_as_bind_key() -> None:
    tables = default_key_tables()
    lines = tables.list_keys("prefix")
    assert "bind-key -T prefix % split-window -h" in lines
    assert "bind-key -r -T prefix C-Up resize-pane -U" in lines
    assert "bind-key -T prefix '\"' split-window -v" in lines
    copy = KeyTables()
    for line in lines:
        [invocation] = parse(line)
        args = invocation.args
        bind_from_args(copy, args.get("KEY"), args.get("COMMAND"), args.get("-T"), repeat=args.has("-r"))
    def words(command: str) -> list[list[str]]:
        return [[w.text for w in c] for c in split_commands(command)]

    pairs = list(zip(tables.bindings("prefix"), copy.bindings("prefix"), strict=True))
    for original, again in pairs:
        assert (again.key, again.table, again.repeat) == (original.key, original.table, original.repeat)
        assert words(again.command) == words(original.command)


def test_bind_unbind_and_errors() -> None:
    tables = KeyTables()
    tables.bind("root", "M-h", "select-pane -L", "Left", repeat=False)
    assert tables.lookup("root", "alt+h").command == "select-pane -L"
    assert tables.list_keys("root", notes=True) == ["M-h  Left"]
    tables.unbind("root", "alt+h")
    assert tables.lookup("root", "alt+h") is None
    with pytest.raises(LookupError, match="key not bound: M-h in table root"):
        tables.unbind("root", "M-h")
    with pytest.raises(ParseError, match="unknown command: frob"):
        tables.bind("prefix", "a", "frob")
    with pytest.raises(ValueError, match="unknown key"):
        tables.bind("prefix", "NoSuchKey", "kill-pane")
    with pytest.raises(ValueError, match="unknown key table: nope"):
        tables.list_keys("nope")


def test_bind_from_args_joins_words_and_keeps_text() -> None:
    tables = KeyTables()
    assert bind_from_args(tables, "a", ("display-message", "a b")).command == "display-message 'a b'"
    assert bind_from_args(tables, "b", ("kill-pane ; select-pane -L",)).command == "kill-pane ; select-pane -L"
    assert bind_from_args(tables, "c", ("kill-pane",), root=True).table == "root"


@pytest.mark.parametrize(("name", "text", "value"), [
    ("mouse", "off", False),
    ("remain-on-exit", "failed", "failed"),
    ("history-limit", "5000", 5000),
    ("prefix", "C-a", "ctrl+a"),
    ("status-left", "#S ", "#S "),
])
def test_options(name: str, text: str, value: object) -> None:
    assert check_option(name, text) == value


@pytest.mark.parametrize(("name", "text", "message"), [
    ("mouse", "maybe", "mouse: expected on or off, got 'maybe'"),
    ("remain-on-exit", "sometimes", "remain-on-exit: expected one of off, on, failed"),
    ("history-limit", "-1", "history-limit: expected a number from 0 to 10000000, got -1"),
    ("base-index", "x", "base-index: expected a number, got 'x'"),
    ("colour", "red", "unknown option: colour"),
])
def test_option_errors(name: str, text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_option(name, text)
    assert message in str(caught.value)


@pytest.mark.parametrize(("template", "expected"), [
    ("#{session_name}:#{window_index}.#{pane_index}", "main:2.1"),
    ("#S:#I.#P #D", "main:2.1 %7"),
    ("## #{unknown}|", "# |"),
    ("#{?pane_title,titled,untitled}", "untitled"),
    ("#{pane_width}x#{pane_height}", "80x24"),
    ("#X", "#X"),
])
def test_format_string(template: str, expected: str) -> None:
    values = {"session_name": "main", "window_index": 2, "pane_index": 1, "pane_id": "%7", "pane_title": "",
              "pane_width": 80, "pane_height": 24}
    assert format_string(template, values) == expected


@pytest.mark.parametrize(("text", "cursor", "expected"), [
    ("kill-p", None, ["kill-pane"]),
    ("rename-", None, ["rename-session", "rename-window"]),
    ("split-window -", None, ["-F", "-P", "-b", "-c", "-d", "-e", "-f", "-h", "-l", "-o", "-t", "-v"]),
    ("wait-for --t", None, ["--text", "--timeout"]),
    ("select-layout ", None, ["even-horizontal", "even-vertical", "main-horizontal", "main-vertical", "tiled"]),
    ("select-layout ti", None, ["tiled"]),
    ("set-option -g rem", None, ["remain-on-exit"]),
    ("list-keys -T p", None, ["prefix"]),
    ("kill-pane ; next-w", None, ["next-window"]),
    ("kill-pane; ", None, sorted(__import__("muntin.commands", fromlist=["x"]).command_names())),
    ("next-w kill-pane", 6, ["next-window"]),
    ("frob -", None, []),
    ("send-keys 'unterminated -", None, []),
])
def test_complete(text: str, cursor: int | None, expected: list[str]) -> None:
    assert complete(text, cursor) == expected


def _run(text: str, handlers: dict) -> Result:
    [invocation] = parse(text)
    result = dispatch(invocation, "context", handlers)
    return asyncio.run(result) if not isinstance(result, Result) else result


def test_dispatch_results() -> None:
    async def later(context: str, args: Args) -> Result:
        return Result.success(f"later {context}")

    def boom(context: str, args: Args) -> Result:
        raise RuntimeError("kaput")

    def bad_target(context: str, args: Args) -> Result:
        raise TargetError(f"can't find pane: {args.target}")

    def refused(context: str, args: Args) -> Result:
        raise CommandError("pane is dead", os.EX_UNAVAILABLE)

    async def async_boom(context: str, args: Args) -> Result:
        raise CommandError("too late")

    handlers = {"kill-pane": lambda c, a: Result.success("ok", data={"t": a.target}), "list-panes": later,
                "kill-server": boom, "select-pane": bad_target, "respawn-pane": refused, "wait-for": async_boom,
                "kill-window": lambda c, a: "not a result"}
    assert _run("kill-pane -t 3", handlers) == Result(True, ("ok",), "", os.EX_OK, {"t": "3"})
    assert _run("list-panes", handlers).output == ("later context",)
    assert _run("kill-server", handlers) == Result.failure(
        "kill-server: internal error: RuntimeError: kaput", os.EX_SOFTWARE)
    assert _run("select-pane -t 9", handlers) == Result.failure("select-pane: can't find pane: 9", os.EX_USAGE)
    assert _run("respawn-pane", handlers).exit_code == os.EX_UNAVAILABLE
    assert _run("wait-for --exit", handlers) == Result.failure("wait-for: too late")
    assert "handler returned str" in _run("kill-window", handlers).error
    assert _run("detach-client", handlers).exit_code == os.EX_UNAVAILABLE


def test_missing_handlers_and_combine() -> None:
    assert missing_handlers({}) == list(COMMANDS)
    assert missing_handlers({s.name: print for s in COMMANDS}) == []
    joined = combine([Result.success("a"), Result.failure("x: no", os.EX_USAGE), Result.success("b")])
    assert (joined.ok, joined.output, joined.error, joined.exit_code) == (False, ("a", "b"), "x: no", os.EX_USAGE)


def test_copy_mode_table_and_list_commands() -> None:
    from muntin.commands import help_lines

    tables = default_key_tables()
    assert tables.lookup("copy-mode-vi", "G").command == "send-keys -X history-bottom"
    assert parse(tables.lookup("copy-mode-vi", "q").command)[0].args.has("-X")
    assert tables.lookup("copy-mode", "alt+w").command == "send-keys -X copy-selection-and-cancel"  # emacs keys
    search = parse(tables.lookup("copy-mode-vi", "slash").command)[0]
    assert search.spec.name == "command-prompt" and "search-forward" in search.args.get("TEMPLATE")
    lines = help_lines()
    assert len(lines) == len(COMMANDS)
    assert ("split-window (splitw) [-hvbfdP] [-l SIZE] [-c DIR] [-e VAR=VALUE] [-o NAME=VALUE] [-F FORMAT] "
            "[-t TARGET-PANE] [--] [CMD...]") in lines
    assert "kill-server" in lines
    assert help_lines("ls") == ["list-sessions (ls) [-F FORMAT] [-f FILTER] [--json]", "List sessions"]


def test_run_sequences_and_stops_at_first_error() -> None:
    from muntin.commands import run

    seen: list[str] = []

    def record(context: str, args: Args) -> Result:
        seen.append(args.get("MESSAGE"))
        return Result.success(args.get("MESSAGE"))

    async def fail(context: str, args: Args) -> Result:
        return Result.failure("kill-pane: no", os.EX_USAGE)

    handlers = {"display-message": record, "kill-pane": fail}
    done = asyncio.run(run("display a ; display b", "c", handlers))
    assert (done.ok, done.output) == (True, ("a", "b"))
    failed = asyncio.run(run("display x ; kill-pane ; display y", "c", handlers))
    assert (failed.ok, failed.output, failed.exit_code) == (False, ("x",), os.EX_USAGE)
    assert seen == ["a", "b", "x"]
    bad = asyncio.run(run("display z ; splitw -q", "c", handlers))
    assert bad == Result.failure("split-window: unknown flag -q (at column 20)", os.EX_USAGE)
    assert seen == ["a", "b", "x"]
