"""The command parser: words, quoting, `;` sequences, `--`, typed values and errors with columns."""

from __future__ import annotations

import os
import signal

import pytest

from muntin.commands import COMMANDS, ParseError, Size, find_command, join_words, parse, parse_argv
from muntin.commands.parser import split_commands


@pytest.mark.parametrize(("text", "words"), [
    ("a b  c", [["a", "b", "c"]]),
    ("a 'b c' d", [["a", "b c", "d"]]),
    ('a "b \\"c\\"" d', [["a", 'b "c"', "d"]]),
    ("a 'x\\y'", [["a", "x\\y"]]),
    ("a b\\ c", [["a", "b c"]]),
    ("a ; b", [["a"], ["b"]]),
    ("a; b", [["a"], ["b"]]),
    ("a \\; b", [["a", ";", "b"]]),
    ("a x;y", [["a", "x"], ["y"]]),  # as tmux: an unquoted ; ends the command anywhere
    ("a 'x;y' x\\;y", [["a", "x;y", "x;y"]]),
    ("a\nb", [["a"], ["b"]]),
    ("a # comment ; b\nc", [["a"], ["c"]]),
    ("bind x { split-window -h ; select-pane -L }", [["bind", "x", "split-window -h ; select-pane -L"]]),
    ("a {last}", [["a", "{last}"]]),
    ("display -p #{pane_id} #x", [["display", "-p", "#{pane_id}"]]),
    ("a ''", [["a", ""]]),
    (" ; ; ", []),
])
def test_words(text: str, words: list[list[str]]) -> None:
    assert [[w.text for w in c] for c in split_commands(text)] == words


def test_columns_are_one_based() -> None:
    [words] = split_commands("split-window  -h 'x y'")
    assert [w.column for w in words] == [1, 15, 18]


def test_sequence_and_double_dash() -> None:
    first, second = parse("split-window -h -l 30% -- htop -x ; select-pane -L")
    assert first.spec.name == "split-window"
    assert first.args.has("-h") and not first.args.has("-v")
    assert first.args.get("-l") == Size(30, True)
    assert first.args.get("CMD") == ("htop", "-x")
    assert second.spec.name == "select-pane" and second.args.has("-L")


@pytest.mark.parametrize(("text", "flag", "value"), [
    ("splitw -l 30", "-l", Size(30)),
    ("splitw -l30%", "-l", Size(30, True)),
    ("splitw -hdl 12", "-l", Size(12)),
    ("signal-pane -s TERM", "-s", signal.SIGTERM),
    ("signal-pane -s sigint", "-s", signal.SIGINT),
    ("signal-pane -s 9", "-s", signal.SIGKILL),
    ("capture-pane -p -S -100", "-S", "-100"),
    ("capture-pane -p -S - -E -", "-S", "-"),
    ("wait-for --exit --timeout 2.5", "--timeout", 2.5),
    ("wait-for --text=ready --timeout=3", "--text", "ready"),
    ("new -d -x 80 -y 24", "-x", 80),
    ("splitw -e A=1 -e B=2", "-e", ("A=1", "B=2")),
    ("selectp -t {last}", "-t", "{last}"),
])
def test_typed_values(text: str, flag: str, value: object) -> None:
    [invocation] = parse(text)
    assert invocation.args.get(flag) == value


def test_cluster_of_flags() -> None:
    [invocation] = parse("splitw -hbfd")
    assert invocation.args.flags == {"-h", "-b", "-f", "-d"}


def test_a_flag_with_a_quoted_value_attached_is_still_a_flag() -> None:
    [invocation] = parse("list-sessions -F':#{window_width} #{window_height}'")  # as tmux's regress scripts
    assert invocation.args.get("-F") == ":#{window_width} #{window_height}"
    [quoted] = parse("display-message -p '-F'")  # quoted from its start: a word, not a flag
    assert quoted.args.get("MESSAGE") == "-F"


def test_options_stop_at_first_positional() -> None:
    [invocation] = parse("bind-key -T prefix % split-window -h")
    assert invocation.args.get("-T") == "prefix"
    assert invocation.args.get("KEY") == "%"
    assert invocation.args.get("COMMAND") == ("split-window", "-h")


def test_send_keys_words() -> None:
    [invocation] = parse("send-keys -t %3 'echo hi' Enter C-c")
    assert invocation.args.target == "%3"
    assert invocation.args.get("KEY") == ("echo hi", "Enter", "C-c")


def test_resize_adjustment_and_negative_number_positional() -> None:
    [invocation] = parse("resize-pane -L 5")
    assert invocation.args.has("-L") and invocation.args.get("ADJUSTMENT") == 5


@pytest.mark.parametrize(("text", "message"), [
    ("split-window -h -q", "split-window: unknown flag -q (at column 17)"),
    ("splitw --bogus", "split-window: unknown option --bogus (at column 8)"),
    ("split-window -h -v", "split-window: -h and -v cannot be used together (at column 17)"),
    ("split-window -l abc", "split-window: -l: bad size 'abc': expected cells like 30 or a percentage like 30%"
                            " (at column 17)"),
    ("split-window -l 100%", "split-window: -l: bad size '100%'"),
    ("split-window -t", "split-window: -t needs a value (TARGET-PANE) (at column 14)"),
    ("nope -x", "unknown command: nope (at column 1)"),
    ("select -t 1", "ambiguous command: select, could be: select-layout, select-pane, select-window"),
    ("kill-pane ; frob", "unknown command: frob (at column 13)"),
    ("signal-pane -t 1", "signal-pane: missing -s SIGNAL (at column 1)"),
    ("signal-pane -s BOGUS", "signal-pane: -s: unknown signal 'BOGUS'"),
    ("signal-pane -s TERM --group --foreground", "cannot be used together (at column 29)"),
    ("wait-for -S -U done", "wait-for: -S and -U cannot be used together"),
    ("wait-for --exit --timeout soon", "wait-for: --timeout: expected seconds"),
    ("wait-for --exit=1", "wait-for: --exit takes no value"),
    ("rename-window", "rename-window: missing NAME; usage: rename-window [-t TARGET-WINDOW] NAME"),
    ("kill-server now", "kill-server: too many arguments: 'now'; usage: kill-server (at column 13)"),
    ("synchronize-panes maybe", "synchronize-panes: STATE must be one of on, off"),
    ("send-keys 'abc", "missing closing ' (at column 11)"),
    ('send-keys "abc', 'missing closing " (at column 11)'),
    ("bind x { kill-pane", "missing closing } (at column 8)"),
    ("send-keys abc\\", "backslash at the end of the text (at column 14)"),
])
def test_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert message in str(caught.value)


def test_error_carries_column() -> None:
    with pytest.raises(ParseError) as caught:
        parse("split-window -h -q")
    assert (caught.value.column, caught.value.message) == (17, "split-window: unknown flag -q")


def test_parse_argv_keeps_words_whole() -> None:
    invocation = parse_argv(["send-keys", "-t", "main:0.1", "a ; b", "Enter"])
    assert invocation.args.get("KEY") == ("a ; b", "Enter")
    assert invocation.args.target == "main:0.1"
    with pytest.raises(ParseError, match="no command given"):
        parse_argv([])
    with pytest.raises(ParseError, match="split-window: unknown flag -q$"):
        parse_argv(["splitw", "-q"])


@pytest.mark.parametrize("words", [["a"], ["a b"], [";"], ["x;y"], ["it's"], ['say "hi"'], ["$HOME"], [""],
                                   ["{"], ["#P"], ["back\\slash"], ["two\nlines"]])
def test_join_words_round_trips(words: list[str]) -> None:
    assert [w.text for w in split_commands("cmd " + join_words(words))[0][1:]] == words


@pytest.mark.parametrize("spec", COMMANDS, ids=lambda s: s.name)
def test_every_usage_renders_and_names_resolve(spec) -> None:
    usage = spec.usage()
    assert usage.startswith(spec.name)
    for opt in spec.options:
        assert opt.flag in usage or opt.flag[1] in usage.split("]")[0]
    for name in spec.names:
        assert find_command(name) is spec
    assert spec.help and spec.group


@pytest.mark.parametrize("name", [
    "new-session", "kill-session", "rename-session", "new-window", "kill-window", "rename-window",
    "select-window", "next-window", "previous-window", "split-window", "kill-pane", "select-pane", "last-pane",
    "resize-pane", "swap-pane", "rotate-window", "break-pane", "select-layout", "next-layout", "respawn-pane",
    "signal-pane", "send-keys", "capture-pane", "list-sessions", "list-windows", "list-panes",
    "display-message", "set-option", "bind-key", "unbind-key", "list-keys", "source-file", "load-layout",
    "dump-layout", "wait-for", "synchronize-panes", "detach-client", "kill-server", "attach-session",
    "list-commands", "copy-mode", "paste-buffer", "command-prompt", "confirm-before",
    "new", "attach", "ls", "lscm", "splitw", "neww", "killp", "selectp", "selectw", "lsp",
])
def test_issue_commands_exist(name: str) -> None:
    assert find_command(name)


def test_tmux_commands_list_is_tmux_3_3a_s() -> None:
    """TMUX_COMMANDS is what the installed tmux lists (tmux 3.3a in CI), when tmux is there."""
    import shutil
    import subprocess

    from muntin.commands.table import TMUX_COMMANDS

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    listed = subprocess.run(["tmux", "-L", f"muntin-list-{os.getpid()}", "-f", "/dev/null",
                             "list-commands", "-F", "#{command_list_name}"],
                            capture_output=True, text=True, timeout=30, check=True).stdout.split()
    version = subprocess.run(["tmux", "-V"], capture_output=True, text=True, timeout=30).stdout.strip()
    if version == "tmux 3.3a":
        assert set(listed) == TMUX_COMMANDS
    assert TMUX_COMMANDS <= {spec.name for spec in COMMANDS} | {"customize-mode"}


def test_a_prefix_that_names_one_tmux_command_names_it_whatever_muntin_adds() -> None:
    """`a` is attach-session in tmux though muntin also has add-prompt-history; every prefix unique among
    tmux's commands resolves to that command."""
    from muntin.commands.table import TMUX_COMMANDS

    assert find_command("a").name == "attach-session"
    for name in TMUX_COMMANDS - {"customize-mode"}:
        for end in range(1, len(name) + 1):
            prefix = name[:end]
            alone = [other for other in TMUX_COMMANDS if other.startswith(prefix)]
            if alone == [name]:
                assert find_command(prefix).name == name, prefix
