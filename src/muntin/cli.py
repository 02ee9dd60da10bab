"""The ``muntin`` command line: global options, then any command of the table as a subcommand."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from muntin import __version__

UI_UNAVAILABLE = "muntin: the full-screen client is not available in this build; use commands such as " \
                 "'muntin new -d', 'muntin send-keys' and 'muntin capture-pane -p'"


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one line and EX_USAGE, as every other usage error."""

    def error(self, message: str) -> NoReturn:
        self.exit(os.EX_USAGE, f"muntin: {message} (see 'muntin --help')\n")


TMUX_LEVEL = "3.3a"
"""The tmux release muntin's commands, flags and formats are compared with (tests/server/test_tmux_scripts.py)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="muntin",
        description="muntin: a terminal multiplexer. With no command, attach to (or start) the default session.",
        epilog="Commands: run 'muntin list-commands' for the list with their options.",
    )
    parser.add_argument("--version", action="version", version=f"muntin {__version__}")
    parser.add_argument("-V", action="version", version=f"muntin {__version__}, compatible with tmux {TMUX_LEVEL}",
                        help="print the version and the tmux release whose commands and formats muntin follows "
                             "(libtmux and tmuxp read it as tmux's version)")
    parser.add_argument("-L", dest="socket_name", metavar="NAME", help="use the server socket named NAME")
    parser.add_argument("-S", dest="socket_path", metavar="PATH", help="use the server socket at PATH")
    parser.add_argument("-f", dest="config_file", metavar="FILE", help="read settings from FILE instead of "
                        "$XDG_CONFIG_HOME/muntin/config.toml")
    parser.add_argument("--theme", metavar="NAME", help="draw with the theme NAME (see docs/config.md)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="a muntin command and its arguments")
    return parser


def fail(message: str, code: int) -> int:
    print(f"muntin: {message}", file=sys.stderr)
    return code


UI_OPTIONS: dict[str, str | None] = {"theme_name": None, "config_path": None}
"""``--theme`` and ``-f`` (made absolute) as given on the command line, for the UI."""

CONFIG_PROBLEMS: list[str] = []
"""What the server found in the settings it started with: handed to the UI, which shows them with its
own, once each; printed at exit when no UI started."""


NOT_A_TERMINAL = ("open terminal failed: not a terminal (attaching needs a terminal on stdin and stdout; "
                  "start a session without one with 'muntin new -d')")


def no_terminal() -> int | None:
    """EX_USAGE, said on stderr, when stdin or stdout is not a terminal (cron, a pipe): an attached client
    there would be an invisible 80x24 one that never exits and shrinks every real client's window."""
    if _is_terminal(sys.stdin) and _is_terminal(sys.stdout):
        return None
    return fail(NOT_A_TERMINAL, os.EX_USAGE)


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (OSError, ValueError):  # closed, or no file at all
        return False


def run_ui(path: Path, session: str | None, problems: list[str] | None = None) -> int:
    """Attach the full-screen UI to ``session`` on the server at ``path`` (already running: it was started
    before the UI could create any thread). The UI package plugs in here with ``muntin.ui.run_app``;
    ``problems`` (the server's with the config file it started with) are shown in the UI."""
    if (refused := no_terminal()) is not None:
        return refused
    try:
        from muntin.ui import run_app  # type: ignore[attr-defined]
    except ImportError:
        print(UI_UNAVAILABLE, file=sys.stderr)
        return os.EX_UNAVAILABLE
    config = UI_OPTIONS["config_path"]
    problems = list(dict.fromkeys([*(problems or []), *CONFIG_PROBLEMS]))
    CONFIG_PROBLEMS.clear()  # the UI shows them now
    return int(run_app(path, session, theme_name=UI_OPTIONS["theme_name"],
                       config_path=Path(config) if config else None, startup_problems=problems))


def load_command(path: Path, words: list[str], *, default_dir: bool) -> int:
    """``muntin load [-d] FILE``: check the workspace file (nothing starts if it has a problem), bring it
    up in the server, then attach unless ``-d``."""
    rest = words[1:]
    detached = "-d" in rest
    rest = [w for w in rest if w != "-d"]
    if len(rest) != 1:
        return fail("usage: muntin load [-d] FILE", os.EX_USAGE)
    from muntin.config.workspace import load_workspace

    loaded = load_workspace(rest[0])  # what is wrong with the file is said first, as for a bad target
    if loaded.unreadable:
        return fail(str(loaded.unreadable), os.EX_NOINPUT)
    for warning in loaded.warnings:
        print(f"muntin: warning: {warning}", file=sys.stderr)
    if loaded.problems or loaded.workspace is None:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return os.EX_CONFIG
    if not detached and (refused := no_terminal()) is not None:
        return refused  # before anything starts
    from muntin.client.workspace import Applier, ApplyError

    connection = _server(path, default_dir)
    if isinstance(connection, int):
        return connection
    with connection:
        try:
            started = Applier(connection, say=lambda text: print(f"muntin: warning: {text}", file=sys.stderr)) \
                .apply(loaded.workspace)
        except ApplyError as error:
            return fail(str(error), os.EX_SOFTWARE)
    if detached:
        print(started.session)
        return os.EX_OK
    return run_ui(path, started.session)


def check_config_command(words: list[str], config_file: str | None) -> int:
    """``muntin check-config [-f FILE]``: every problem of the config file, its key bindings' command text
    and the theme files, as ``FILE:LINE: what is wrong``; exits EX_CONFIG when there is any, EX_NOINPUT
    when the file cannot be read."""
    rest = words[1:]
    if rest[:1] == ["-f"] and len(rest) >= 2:
        config_file, rest = rest[1], rest[2:]
    if rest:
        return fail("usage: muntin check-config [-f FILE]", os.EX_USAGE)
    from muntin.commands.keys import binding_problem
    from muntin.config import check_config, load_config
    from muntin.config.paths import config_file as config_path

    found = check_config(config_file)
    unreadable = next((problem for problem in found if problem.unreadable), None)
    if unreadable is not None:
        return fail(str(unreadable), os.EX_NOINPUT)
    problems = [str(p) for p in found]
    from muntin.commands.handlers.misc import setting_problems

    loaded = load_config(config_file)
    problems += setting_problems(os.fspath(config_file or config_path()), loaded.settings)  # as set-option
    for binding in loaded.bindings_with_lines:  # the checks the server makes on bind-key
        problem = binding_problem(binding)
        if problem is not None:
            problems.append(problem)
    for problem in problems:
        print(problem, file=sys.stderr)
    return os.EX_CONFIG if problems else os.EX_OK


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except ConnectionError as error:  # a socket that is there but refuses us: one line, its own code
        from muntin.client import ConnectFailed

        if not isinstance(error, ConnectFailed):
            raise
        return fail(str(error), error.code)
    finally:
        for problem in CONFIG_PROBLEMS:  # no UI took them
            print(f"muntin: {problem}", file=sys.stderr)
        CONFIG_PROBLEMS.clear()


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from muntin.protocol.paths import SocketDirError, check_dir, socket_path

    try:
        path = socket_path(args.socket_name, args.socket_path)
    except ValueError as error:
        return fail(str(error), os.EX_USAGE)
    default_dir = args.socket_path is None
    words: list[str] = list(args.command)
    config = os.path.abspath(args.config_file) if args.config_file else None  # as the server reads it
    UI_OPTIONS.update(theme_name=args.theme, config_path=config)
    if words and words[0] == "check-config":
        return check_config_command(words, args.config_file)
    if words and words[0] == "__server":
        from muntin.server import daemon_main

        return daemon_main(path, default_dir=default_dir or "--default-dir" in words)
    if default_dir:  # before connecting, as tmux: a planted link or an open directory is never used
        try:
            check_dir(path.parent, create=False)
        except SocketDirError as error:
            return fail(str(error), os.EX_NOPERM)
    if words and words[0] == "load":
        return load_command(path, words, default_dir=default_dir)
    if not words:
        return _new_and_attach(path, default_dir, None)
    return run_words(path, words, default_dir=default_dir)


def run_words(path: Path, argv: list[str], *, default_dir: bool) -> int:
    """Run the command line's commands: split at `;` as tmux does (`new -d \\; split-window`), the
    first deciding how (a server started, the UI attached)."""
    from muntin.commands import ParseError, parse_argv, split_argv

    commands = split_argv(argv)
    if not commands:
        return fail("no command given (see 'muntin --help')", os.EX_USAGE)
    words = commands[0]
    if "--help" in words[1:] and "--" not in words[1:words.index("--help")]:
        from muntin.commands import help_lines

        try:
            print("\n".join(help_lines(words[0])))
        except LookupError as error:
            return fail(str(error.args[0]), os.EX_USAGE)
        return os.EX_OK

    try:
        invocations = [parse_argv(command) for command in commands]
    except ParseError as error:
        return fail(str(error), os.EX_USAGE)
    for index, later in enumerate(invocations):
        if later.spec.name in ("new-session", "new-window") and later.args.get("-c") is None:
            command = commands[index]  # new panes start where the command was typed
            commands[index] = [command[0], "-c", os.getcwd(), *command[1:]]
    invocation, words = invocations[0], commands[0]
    name = invocation.spec.name
    if name == "list-commands":  # the table is here: no server needed
        from muntin.commands import help_lines

        try:
            print("\n".join(help_lines(invocation.args.get("COMMAND"))))
        except LookupError as error:
            return fail(str(error.args[0]), os.EX_USAGE)
        return os.EX_OK
    layout_file = invocation.args.get("-l") if name == "new-session" else None
    if layout_file and Path(str(layout_file)).suffix in (".toml", ".py", ".yaml", ".yml", ".json"):
        # new -l WORKSPACE: the same as load (a layout string file still goes to the server)
        return load_command(path, ["load", *(["-d"] if invocation.args.has("-d") else []), str(layout_file)],
                            default_dir=default_dir)
    if name == "attach-session":
        return _attach(path, invocation.args.target)
    if name == "new-session" and not invocation.args.has("-d"):
        return _new_and_attach(path, default_dir, commands)
    from muntin.client import ConnectFailed, Connection, NoServer, ServerRefused, ensure_server, log_hint

    try:
        if name == "new-session":
            connection = _report_config(ensure_server(path, default_dir=default_dir, config=_config()))
        else:
            connection = Connection.open(path)
    except NoServer as error:
        return fail(str(error), os.EX_UNAVAILABLE)
    except ServerRefused as error:
        return fail(str(error), os.EX_NOPERM)
    except ConnectFailed as error:  # a socket that is there but refuses us: one line, its own code
        return fail(str(error), error.code)
    except (ConnectionError, TimeoutError) as error:  # it went away, or hangs, in the middle of the handshake
        return fail(f"lost the server: {error}{log_hint(path)}", os.EX_UNAVAILABLE)
    with connection:
        try:
            result = connection.command(words) if len(commands) == 1 else connection.commands(commands)
        except (ConnectionError, ServerRefused) as error:
            return fail(f"lost the server: {error}{log_hint(path)}", os.EX_UNAVAILABLE)
        if "kill-server" in (i.spec.name for i in invocations) and result.ok:
            connection.wait_gone()  # it hangs up every pane first
    if result.output:
        sys.stdout.write(result.output)
    if result.error:
        print(f"muntin: {result.error}", file=sys.stderr)
    return result.code


def _config() -> str | None:
    """The settings file a new server reads: ``-f FILE``, else the default one."""
    return UI_OPTIONS.get("config_path")


def _report_config(connection):
    CONFIG_PROBLEMS.extend(p for p in connection.config_problems if p not in CONFIG_PROBLEMS)
    return connection


def _server(path: Path, default_dir: bool, report: bool = True):
    """A connection to the server at ``path``, started if none runs; or the exit status of the failure.
    With ``report`` the problems of the config file a new server read are kept to print at exit (else the
    UI shows them)."""
    from muntin.client import ConnectFailed, NoServer, ServerRefused, ensure_server, log_hint

    try:
        connection = ensure_server(path, default_dir=default_dir, config=_config())
        return _report_config(connection) if report else connection
    except NoServer as error:
        return fail(str(error), os.EX_UNAVAILABLE)
    except ServerRefused as error:
        return fail(str(error), os.EX_NOPERM)
    except ConnectFailed as error:
        return fail(str(error), error.code)
    except (ConnectionError, TimeoutError) as error:
        return fail(f"lost the server: {error}{log_hint(path)}", os.EX_UNAVAILABLE)


def _new_and_attach(path: Path, default_dir: bool, commands: list[list[str]] | None) -> int:
    """Create a session (``commands``: a new-session command run detached, then the commands after it;
    None: attach to the most recent session, creating one if there is none) and attach the UI to it."""
    if (refused := no_terminal()) is not None:
        return refused  # before a server or session is started for it, as in tmux
    connection = _server(path, default_dir, report=False)
    if isinstance(connection, int):
        return connection
    problems = list(connection.config_problems)
    with connection:
        if commands is None:
            if connection.command(["list-sessions"]).output:
                return run_ui(path, None, problems)
            commands = [["new-session"]]
        first = commands[0]
        result = connection.commands([[first[0], "-d", *first[1:]], *commands[1:]])
    if not result.ok:
        _report_config(connection)
        return fail(result.error, result.code)
    data = result.data if isinstance(result.data, dict) else {}
    return run_ui(path, data.get("session") if len(commands) == 1 else None, problems)


def _attach(path: Path, session: str | None) -> int:
    import json

    from muntin.client import Connection, NoServer

    try:
        with Connection.open(path) as connection:
            sessions = [s["name"] for s in json.loads(connection.command(["list-sessions", "--json"]).output)]
    except NoServer as error:
        return fail(str(error), os.EX_UNAVAILABLE)
    if not sessions:
        return fail("no sessions: start one with 'muntin new'", os.EX_UNAVAILABLE)
    if session is not None and session not in sessions:
        return fail(f"can't find session: {session} (sessions: {', '.join(sessions)})", os.EX_USAGE)
    return run_ui(path, session)


if __name__ == "__main__":
    sys.exit(main())
