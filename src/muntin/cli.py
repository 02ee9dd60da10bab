"""The ``muntin`` command line: global options, then any command of the table as a subcommand."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from muntin import __version__
from muntin._server_start import SERVER_NEVER_IMPORTS, without_openssl  # noqa: F401 - named here too
from muntin.web import WEB_DRIVER

UI_UNAVAILABLE = "muntin: the full-screen client is not available in this build; use commands such as " \
                 "'muntin new -d', 'muntin send-keys' and 'muntin capture-pane -p'"


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one line and EX_USAGE, as every other usage error."""

    def error(self, message: str) -> NoReturn:
        self.exit(os.EX_USAGE, f"muntin: {message} (see 'muntin --help')\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse asks shutil for the width (and shutil loads bz2 and lzma) each time it builds a formatter,
        # also while the parser is built; the server parses this command line too and never prints help
        return self.formatter_class(prog=self.prog, width=_columns() - 2)  # type: ignore[call-arg]


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it: $COLUMNS, else stdout's, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


TMUX_LEVEL = "3.3a"
"""The tmux release muntin's commands, flags and formats are compared with (tests/server/test_tmux_scripts.py)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="muntin",
        description="muntin: a terminal multiplexer. With no command, attach to (or start) the default session.",
        epilog="Commands: run 'muntin list-commands' for the list with their options. 'muntin load FILE', "
               "'muntin resurrect [-l] [NAME ...]' and 'muntin check-config' run in the client.",
    )
    parser.add_argument("--version", action="version", version=f"muntin {__version__}")
    parser.add_argument("-V", action="version", version=f"muntin {__version__}, compatible with tmux {TMUX_LEVEL}",
                        help="print the version and the tmux release whose commands and formats muntin follows "
                             "(libtmux and tmuxp read it as tmux's version)")
    parser.add_argument("-L", dest="socket_name", metavar="NAME", help="use the server socket named NAME")
    parser.add_argument("-S", dest="socket_path", metavar="PATH", help="use the server socket at PATH")
    parser.add_argument("-f", dest="config_file", metavar="FILE", help="read settings from FILE instead of "
                        "$XDG_CONFIG_HOME/muntin/config.toml")
    parser.add_argument("-C", dest="control", action="count", default=0,
                        help="control mode: commands on stdin, tmux's %%begin/%%end and notifications on stdout "
                             "(-CC: for iTerm2, in a DCS, with the terminal raw)")
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
    if os.environ.get("TEXTUAL_DRIVER") != WEB_DRIVER and (refused := no_terminal()) is not None:
        return refused  # a browser tab of 'muntin web' has no terminal: it has the web driver
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


def load_command(path: Path, words: list[str], *, default_dir: bool, nested: bool = False) -> int:
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
    if not detached and nested:
        return _refuse_nested()
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


def web_command(path: Path, words: list[str]) -> int:
    """``muntin web [--bind ADDRESS] [--port PORT] [--allow-remote] [-t SESSION]`` serves the UI in a
    browser until SIGINT or SIGTERM; ``muntin web --revoke`` replaces the token (see muntin.web)."""
    from muntin.web import (NO_EXTRA, REMOTE_WARNING, UsageError, attach_command, is_loopback, parse_web_args,
                            url_host, usage)
    from muntin.web.token import TokenError, token_path, write_token

    try:
        options = parse_web_args(words)
    except UsageError as error:
        return fail(f"web: {error}", os.EX_USAGE)
    if options is None:
        print(usage(), end="")
        return os.EX_OK
    if options.revoke:
        try:
            write_token(token_path())
        except (TokenError, OSError) as error:
            return fail(f"web: cannot make a new token: {error}", os.EX_CANTCREAT)
        print(f"muntin web: the old token is revoked; a running 'muntin web' closes its tabs and prints "
              f"the new URL (the token is in {token_path()})")
        return os.EX_OK
    try:
        from muntin.web._serve import serve
    except ImportError:
        return fail(NO_EXTRA, os.EX_UNAVAILABLE)
    if (problem := _session_problem(path, options.session, ", then 'muntin web'")) is not None:
        return problem
    command = attach_command(path, options.session, config=UI_OPTIONS["config_path"],
                             theme=UI_OPTIONS["theme_name"])
    if not is_loopback(options.bind):  # --allow-remote
        print(f"muntin web: warning: {REMOTE_WARNING.format(bind=options.bind)}", file=sys.stderr)

    from muntin.protocol.paths import INSIDE

    os.environ.pop(INSIDE, None)  # run from a pane: each tab is a client of its own, never a nested one

    def announce(url: str) -> None:
        print(f"muntin web: serving {path} on {url}", flush=True)

    try:
        serve(command, host=options.bind, port=options.port, url_host=url_host(options.bind),
              token_file=token_path(), title=f"muntin {options.session or path.name}", announce=announce)
    except TokenError as error:
        return fail(f"web: {error}", os.EX_NOPERM)
    except OSError as error:
        return fail(f"web: cannot listen on {options.bind} port {options.port}: {error.strerror or error}",
                    os.EX_UNAVAILABLE)
    return os.EX_OK


def resurrect_command(path: Path, words: list[str], *, default_dir: bool) -> int:
    """``muntin resurrect [-l] [NAME ...]``: list (``-l``) or rebuild the sessions the server on ``path``
    saved (all of them, or those named) that are not running now; a state file that cannot be read is
    named and skipped."""
    rest = words[1:]
    listing = "-l" in rest
    names = [w for w in rest if w != "-l"]
    if any(name.startswith("-") for name in names):
        return fail("usage: muntin resurrect [-l] [NAME ...]", os.EX_USAGE)
    from muntin.client.resurrect import Resurrector, describe, saved_sessions
    from muntin.config.paths import state_dir
    from muntin.protocol.paths import socket_is_live

    saved, problems = saved_sessions(path)
    for problem in problems:
        print(f"muntin: skipped a state file that cannot be read: {problem}", file=sys.stderr)
    unknown = [name for name in names if name not in {session.name for session, _ in saved}]
    if unknown:
        return fail(f"no saved session {', '.join(unknown)} (muntin resurrect -l lists them)", os.EX_USAGE)
    chosen = [(session, at) for session, at in saved if not names or session.name in names]
    if not chosen:
        print(f"muntin: no saved sessions in {state_dir()}", file=sys.stderr)
        return os.EX_DATAERR if problems else os.EX_NOINPUT
    live = False
    try:
        live = socket_is_live(path)
    except OSError:
        pass
    if listing:
        running = set()
        if live:
            from muntin.client import Connection

            with Connection.open(path) as connection:
                running = Resurrector(connection).running()
        for session, at in chosen:
            print(describe(session, at) + (" (running)" if session.name in running else ""))
        return os.EX_OK
    from muntin.client.workspace import ApplyError

    connection = _server(path, default_dir)
    if isinstance(connection, int):
        return connection
    code = os.EX_OK
    with connection:
        resurrector = Resurrector(connection)
        running = resurrector.running()
        for session, at in chosen:
            if session.name in running:
                print(f"muntin: session {session.name} is running: not restored", file=sys.stderr)
                continue
            try:
                name = resurrector.restore(session, at)
            except (ApplyError, OSError) as error:
                print(f"muntin: session {session.name}: {error}", file=sys.stderr)
                code = os.EX_SOFTWARE
                continue
            print(f"restored {describe(session, at).replace(session.name, name, 1)}")
    return code


def resurrect_notice(path: Path) -> str | None:
    """One line saying that sessions saved for ``path`` can be brought back (None: there are none)."""
    from muntin.client.resurrect import saved_sessions, when

    try:
        saved, _ = saved_sessions(path)
    except OSError:
        return None
    if not saved:
        return None
    names = ", ".join(session.name for session, _ in saved[:5]) + (", ..." if len(saved) > 5 else "")
    latest = max(at for _, at in saved)
    count = len(saved)
    return (f"muntin: {count} saved session{'s' * (count != 1)} ({names}) from {when(latest)}: "
            "'muntin resurrect' brings them back")


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

    if config_file is not None and not str(config_file).endswith(".toml"):  # a file in tmux's syntax
        from muntin.commands.handlers.misc import command_file_problems
        from muntin.config.errors import ConfigProblem, read_bytes

        raw = read_bytes(config_file)
        if isinstance(raw, ConfigProblem):
            return fail(str(raw), os.EX_NOINPUT)
        problems = command_file_problems(os.fspath(config_file), raw.decode("utf-8", errors="replace"))
        for problem in problems:
            print(problem, file=sys.stderr)
        return os.EX_CONFIG if problems else os.EX_OK

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
    from muntin.protocol.paths import SocketDirError, check_dir, inside_socket, socket_dir, socket_path

    inside = inside_socket()
    try:
        path = socket_path(args.socket_name, args.socket_path)
    except ValueError as error:
        return fail(str(error), os.EX_USAGE)
    default_dir = args.socket_path is None
    if inside is not None and args.socket_name is None and args.socket_path is None:
        path, default_dir = inside, inside.parent == socket_dir()  # in a pane: its server, as tmux's $TMUX
    nested = inside is not None and path == inside
    words: list[str] = list(args.command)
    config = os.path.abspath(args.config_file) if args.config_file else None  # as the server reads it
    UI_OPTIONS.update(theme_name=args.theme, config_path=config)
    if words and words[0] == "check-config":
        return check_config_command(words, args.config_file)
    if words and words[0] == "__server":
        without_openssl()
        from muntin.server import daemon_main

        return daemon_main(path, default_dir=default_dir or "--default-dir" in words)
    if default_dir:  # before connecting, as tmux: a planted link or an open directory is never used
        try:
            check_dir(path.parent, create=False)
        except SocketDirError as error:
            return fail(str(error), os.EX_NOPERM)
    if args.control:
        from muntin.client.control import run

        return run(path, words, twice=args.control > 1, default_dir=default_dir, config=config)
    if words and words[0] == "load":
        return load_command(path, words, default_dir=default_dir, nested=nested)
    if words and words[0] == "web":
        return web_command(path, words[1:])
    if words and words[0] == "resurrect":
        return resurrect_command(path, words, default_dir=default_dir)
    if not words:
        return _refuse_nested() if nested else _new_and_attach(path, default_dir, None)
    if (target := _plain_attach(words)) is not None:
        return _refuse_nested() if nested else _attach(path, target or None)
    return run_words(path, words, default_dir=default_dir, nested=nested)


def _refuse_nested() -> int:
    """As tmux: a client attached from inside one of its own server's panes would draw itself for ever."""
    return fail("sessions should be nested with care: this is a pane of the same server (unset $MUNTIN "
                "to force, or use -L/-S for another server)", os.EX_USAGE)


def _plain_attach(words: list[str]) -> str | None:
    """For ``attach-session`` or ``attach``, alone or with ``-t SESSION``: the session ("" for none given),
    so the most common attach starts without loading the command table; None for any other command line
    (the table parses it)."""
    if words[0] not in ("attach-session", "attach"):
        return None
    if len(words) == 1:
        return ""
    if len(words) == 3 and words[1] == "-t" and words[2] and not words[2].startswith("-") and ";" not in words[2]:
        return words[2]
    return None


def run_words(path: Path, argv: list[str], *, default_dir: bool, nested: bool = False) -> int:
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

    invocations = []
    unknown = ""
    for command in commands:
        try:
            invocations.append(parse_argv(command))
        except ParseError as error:
            if not str(error).startswith("unknown command"):
                return fail(str(error), os.EX_USAGE)
            unknown = unknown or str(error)
            invocations.append(None)  # perhaps a command-alias of the server's: it says if not
    for index, later in enumerate(invocations):
        if later is None:
            continue
        if later.spec.name in ("new-session", "new-window") and later.args.get("-c") is None:
            command = commands[index]  # new panes start where the command was typed
            commands[index] = [command[0], "-c", os.getcwd(), *command[1:]]
    for index, later in enumerate(invocations):
        if later is not None and later.spec.name in ("load-buffer", "save-buffer"):
            problem = _buffer_file(commands, index, later)  # the path is the client's, as in tmux
            if problem:
                return fail(problem, os.EX_USAGE)
    invocation, words = invocations[0], commands[0]
    name = invocation.spec.name if invocation is not None else ""
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
                            default_dir=default_dir, nested=nested)
    if name == "attach-session":
        return _refuse_nested() if nested else _attach(path, invocation.args.target)
    if name == "new-session" and not invocation.args.has("-d"):
        return _refuse_nested() if nested else _new_and_attach(path, default_dir, commands)
    from muntin.client import ConnectFailed, Connection, NoServer, ServerRefused, ensure_server, log_hint

    try:
        if name in ("new-session", "start-server"):
            connection = _report_config(ensure_server(path, default_dir=default_dir, config=_config()))
        else:
            connection = Connection.open(path)
    except NoServer as error:
        return fail(unknown or str(error), os.EX_USAGE if unknown else os.EX_UNAVAILABLE)
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
        if "kill-server" in (i.spec.name for i in invocations if i is not None) and result.ok:
            connection.wait_gone()  # it hangs up every pane first
    if result.output:
        newline = not (isinstance(result.data, dict) and result.data.get("newline") is False)
        sys.stdout.write(result.output if newline else result.output.removesuffix("\n"))  # save-buffer -
    if result.error:
        print(f"muntin: {result.error}", file=sys.stderr)
    return result.code


STDIN_BUFFER_LIMIT = 4 << 20
"""Bytes of standard input ``load-buffer -`` reads (one request carries them)."""


def _buffer_file(commands: list[list[str]], index: int, invocation) -> str:
    """``load-buffer``/``save-buffer``'s path as the server must see it: absolute from here, and for
    ``load-buffer -`` the text of standard input (a set-buffer of it); a problem, or ""."""
    path = invocation.args.get("PATH")
    command = commands[index]
    if path != "-":
        commands[index] = [*command[:-1], os.path.abspath(os.path.expanduser(path))]
        return ""
    if invocation.spec.name == "save-buffer":
        return ""  # the server sends the buffer back as output
    data = sys.stdin.buffer.read(STDIN_BUFFER_LIMIT + 1)
    if len(data) > STDIN_BUFFER_LIMIT:
        return f"load-buffer -: standard input is over {STDIN_BUFFER_LIMIT >> 20} MiB: save it to a file and load that"
    name = invocation.args.get("-b")
    commands[index] = ["set-buffer", *(["-b", name] if name is not None else []), "--",
                       data.decode("utf-8", errors="replace")]
    return ""


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
    if commands is None:
        notice = _notice_without_server(path)
        if notice:
            print(notice, file=sys.stderr)
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


def _notice_without_server(path: Path) -> str | None:
    """The resurrect notice, when no server runs on ``path`` (a running one has its sessions)."""
    from muntin.protocol.paths import socket_is_live

    try:
        if socket_is_live(path):
            return None
    except OSError:
        return None
    return resurrect_notice(path)


def _attach(path: Path, session: str | None) -> int:
    if (problem := _session_problem(path, session)) is not None:
        return problem
    return run_ui(path, session)


def _session_problem(path: Path, session: str | None, then: str = "") -> int | None:
    """Why nothing can attach to ``session`` (None: the most recent one) on the server at ``path`` (no
    server, no sessions, no such session), said on stderr with ``then`` after the hint, as the exit status;
    None when something can."""
    import json

    from muntin.client import Connection, NoServer

    try:
        with Connection.open(path) as connection:
            sessions = [s["name"] for s in json.loads(connection.command(["list-sessions", "--json"]).output)]
    except NoServer as error:
        hint = f": start a session first with 'muntin new -d'{then}" if then else ""
        notice = resurrect_notice(path)
        return fail(f"{error}{hint}" + (f"\n{notice}" if notice else ""), os.EX_UNAVAILABLE)
    if not sessions:
        return fail(f"no sessions: start one with 'muntin new{' -d' if then else ''}'{then}", os.EX_UNAVAILABLE)
    if session is not None and session not in sessions:
        return fail(f"can't find session: {session} (sessions: {', '.join(sessions)})", os.EX_USAGE)
    return None


if __name__ == "__main__":
    sys.exit(main())
