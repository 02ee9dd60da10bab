"""Handlers for options, key bindings, sourcing files, and commands only an attached UI can carry out."""

from __future__ import annotations

import asyncio
import os
import time

from muntin.commands import OPTIONS, Args, CommandError, ParseError, Result, TargetKind, check_option, help_lines, run
from muntin.commands.handlers._context import Context, command, target
from muntin.commands.keys import bind_from_args
from muntin.commands.options import CLIENT_OPTIONS, SERVER_OPTIONS
from muntin.emulator import encode_key
from muntin.session import RemainOnExit, Session


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


@command("set-option")
def set_option(ctx: Context, args: Args) -> Result:
    name, text = args.get("OPTION"), args.get("VALUE")
    if name not in OPTIONS:
        raise CommandError(f"unknown option: {name} (see 'muntin show-options -g')", os.EX_USAGE)
    if text is None and not args.has("-u"):
        raise CommandError(f"{name} needs a value (or -u to unset it)", os.EX_USAGE)
    try:
        value = None if args.has("-u") else check_option(name, text)
    except ValueError as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    scope = _scope(ctx, args)
    if value is None:
        scope.pop(name, None)
    else:
        scope[name] = value
    if name == "prefix" and value is not None:
        ctx.keys.prefix = value
    if name == "remain-on-exit":
        for session in ctx.model.sessions.values():
            chosen = session.options.get(name, ctx.model.options.get(name, OPTIONS[name].default))
            session.remain_on_exit = RemainOnExit(chosen)
    if name == "synchronize-panes":  # a window's value, else the global one, as tmux's window option
        for session in ctx.model.sessions.values():
            for window in session.windows:
                window.synchronized = bool(window.options.get(name, ctx.model.options.get(name, False)))
            ctx.windows_changed(session)
    if name == "window-size":  # at once for the clients attached now, as in tmux
        ctx.fit_sizes()
    ctx.send_action(None, "set-option", {"name": name, "value": None if value is None else _text(value)})
    if name in CLIENT_OPTIONS:
        ctx.options_changed()  # every attached client draws with the new value at once
    return Result.success()


def _scope(ctx: Context, args: Args) -> dict:
    """The option dict set-option and show-options work on: -g (or -s) the server's, -w a window's, -p a pane's,
    else the session's (the server's when there is no session)."""
    if args.has("-g") or args.has("-s"):
        return ctx.model.options
    if args.has("-w") or args.has("-p") or args.target is not None:
        found = target(ctx, args, TargetKind.PANE)
        if args.has("-p"):
            return found.pane.options  # type: ignore[union-attr]
        if args.has("-w"):
            return found.window.options  # type: ignore[union-attr]
        return found.session.options  # type: ignore[union-attr]
    current = ctx.current().session
    return ctx.model.options if current is None else current.options  # type: ignore[union-attr]


@command("show-options")
def show_options(ctx: Context, args: Args) -> Result:
    """As tmux's: ``-v`` values only, ``-q`` quiet about an unknown option, ``-s`` the server options, ``-A``
    inherited values too (marked ``*``); ``-H`` adds hooks, of which muntin has none."""
    values = {name: spec.default for name, spec in OPTIONS.items()}
    values.update(ctx.model.options)
    inherited: set[str] = set()
    if args.has("-s"):
        values = {name: values[name] for name in SERVER_OPTIONS}
    elif not args.has("-g"):
        scope = _scope(ctx, args)
        if args.has("-w") or args.has("-p"):  # only what is set there, as tmux shows them
            inherited = set(values) - set(scope) if args.has("-A") else set()
            values = {**values, **scope} if args.has("-A") else dict(scope)
        else:
            inherited = set(values) - set(scope) if args.has("-A") else set()
            values.update(scope)
    wanted = args.get("OPTION")
    if wanted is not None and wanted not in OPTIONS:
        if args.has("-q"):
            return Result.success()
        raise CommandError(f"invalid option: {wanted}", os.EX_USAGE)
    names = ([wanted] if wanted in values else []) if wanted else sorted(values)
    if args.has("-v"):
        return Result.success(*(_text(values[name]) for name in names))
    return Result.success(*(f"{name}{'*' if name in inherited else ''} {_text(values[name])}" for name in names))


@command("bind-key")
def bind_key(ctx: Context, args: Args) -> Result:
    try:
        binding = bind_from_args(ctx.keys, args.get("KEY"), args.get("COMMAND"), args.get("-T"), args.has("-n"),
                                 args.get("-N") or "", args.has("-r"))
    except (ValueError, ParseError) as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    ctx.send_action(None, "bind-key", {"table": binding.table, "key": binding.key, "command": binding.command,
                                       "note": binding.note, "repeat": binding.repeat})
    return Result.success()


@command("unbind-key")
def unbind_key(ctx: Context, args: Args) -> Result:
    table = "root" if args.has("-n") else args.get("-T") or "prefix"
    try:
        if args.has("-a"):
            ctx.keys.unbind_all(table)
        elif args.get("KEY") is None:
            raise CommandError("which key? (or -a for the whole table)", os.EX_USAGE)
        else:
            ctx.keys.unbind(table, args.get("KEY"))
    except (ValueError, LookupError) as error:
        raise CommandError(str(error.args[0] if error.args else error), os.EX_USAGE) from None
    ctx.send_action(None, "unbind-key", {"table": table, "key": args.get("KEY"), "all": args.has("-a")})
    return Result.success()


@command("list-keys")
def list_keys(ctx: Context, args: Args) -> Result:
    return Result.success(*ctx.keys.list_keys(args.get("-T"), notes=args.has("-N")))


@command("send-prefix")
def send_prefix(ctx: Context, args: Args) -> Result:
    from muntin.commands.handlers.io import write_to

    found = target(ctx, args, TargetKind.PANE)
    pane = found.pane
    write_to(found.window, pane, encode_key(ctx.keys.prefix, pane.terminal.modes))  # type: ignore[arg-type,attr-defined]
    return Result.success()


@command("list-commands")
def list_commands(ctx: Context, args: Args) -> Result:
    try:
        return Result.success(*help_lines(args.get("COMMAND")))
    except LookupError as error:
        raise CommandError(str(error.args[0]), os.EX_USAGE) from None


# config.toml settings and the options that carry them, for source-file on a .toml file.
_SETTING_OPTIONS = (("prefix", "prefix"), ("shell", "default-shell"), ("term", "default-terminal"),
                    ("history_limit", "history-limit"), ("remain_on_exit", "remain-on-exit"), ("mouse", "mouse"),
                    ("mode_keys", "mode-keys"), ("theme", "theme"), ("escape_time", "escape-time"),
                    ("repeat_time", "repeat-time"), ("base_index", "base-index"),
                    ("automatic_rename", "automatic-rename"), ("monitor_activity", "monitor-activity"),
                    ("window_size", "window-size"), ("new_pane_directory", "new-pane-directory"),
                    ("pane_border_status", "pane-border-status"), ("cursor_mode", "cursor-mode"))


_STATUS_OPTIONS = (("enabled", "status"), ("position", "status-position"), ("left", "status-left"),
                   ("right", "status-right"), ("style", "status-style"))


def config_commands(settings) -> list[tuple[str, tuple[str, ...] | int]]:
    """The commands that make a running server follow ``config.toml``'s settings: set-option for each
    setting that differs from muntin's default and for each of ``[status]`` (what every client's status bar
    shows), then its key bindings in file order; each with where it comes from (the setting's TOML key path,
    or the binding's line)."""
    from muntin.commands.parser import quote_word

    commands: list[tuple[str, tuple[str, ...] | int]] = []
    for field, option, text in _settings_set(settings):
        commands.append((f"set-option -g {option} {quote_word(text)}", (field, option)))
    for field, option in _STATUS_OPTIONS:  # [status], all of it: what every client's status bar shows
        value = getattr(settings.status, field)
        commands.append((f"set-option -g {option} {quote_word(_text(getattr(value, 'value', value)))}",
                         ("status", field)))
    for binding in settings.bindings:
        key = quote_word(binding.key)
        if binding.unbind:
            commands.append((f"unbind-key -T {binding.table} {key}", binding.line))
        else:
            flags = ("-r " if binding.repeat else "") + (f"-N {quote_word(binding.note)} " if binding.note else "")
            commands.append((f"bind-key {flags}-T {binding.table} {key} {quote_word(' ; '.join(binding.commands))}",
                             binding.line))
    return commands


def _settings_set(settings) -> list[tuple[str, str, str]]:
    """(field, option, value text) of each setting of ``config.toml`` that differs from muntin's default."""
    from muntin.config.settings import Settings

    defaults = Settings()
    found = []
    for field, option in _SETTING_OPTIONS:
        value = getattr(settings, field)
        if value != getattr(defaults, field) and value is not None:
            found.append((field, option, _text(value.value if hasattr(value, "value") else value)))
    return found


def setting_problems(path: str, settings) -> list[str]:
    """``FILE:LINE: set-option: ...`` for each setting that ``set-option`` would refuse (the same check,
    for ``check-config``), in the words ``source-file`` reports it."""
    problems = []
    for field, option, text in _settings_set(settings):
        try:
            check_option(option, text)
        except ValueError as error:
            problems.append(f"{path}:{_setting_line(path, (field, option))}: set-option: {error}")
    return problems


def _setting_line(path: str, where: tuple[str, ...]) -> int:
    """The line of a setting in the file: ``where`` is its field name and option name (either spelling may
    be the TOML key), or a TOML key path such as ``("status", "enabled")``."""
    from muntin.config._tomlpos import KeyPositions

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = KeyPositions(handle.read())
    except (OSError, ValueError):
        return 0
    if where[0] == "status":
        return lines.line(*where)
    return next((found for name in (where[0], where[1], where[0].replace("_", "-")) if (found := lines.lines.get((name,)))),
                0)


async def _source_config(ctx: Context, path: str, quiet: bool) -> Result:
    """``source-file config.toml``: apply what the file sets; report its problems after applying the rest."""
    from muntin.config import load_config
    from muntin.config.theme import load_themes

    if quiet and not os.path.lexists(path):
        return Result.success()
    themes = load_themes(register=False)
    loaded = load_config(path, known_themes=[t.name for t in themes.loaded] + ["terminal"])
    unreadable = next((problem for problem in loaded.problems if problem.unreadable), None)
    if unreadable is not None:
        raise CommandError(str(unreadable), os.EX_NOINPUT)
    from dataclasses import replace

    from muntin.commands.keys import binding_problem

    problems = [(problem.line, str(problem)) for problem in loaded.problems]
    good = []
    for binding in loaded.settings.bindings:  # the checks bind-key makes, with the binding's line
        problem = binding_problem(binding)
        if problem is None:
            good.append(binding)
        else:
            problems.append((binding.line, problem))
    for text, where in config_commands(replace(loaded.settings, bindings=tuple(good))):
        result = await run(text, ctx)
        if not result.ok and not text.startswith("unbind-key"):  # unbinding a key that is not bound is fine
            line = where if isinstance(where, int) else _setting_line(path, where)
            problems.append((line, f"{path}:{line}: {result.error}" if line else f"{path}: {text}: {result.error}"))
    if problems:  # in the file's order
        raise CommandError("\n".join(text for _, text in sorted(problems, key=lambda problem: problem[0])),
                           os.EX_CONFIG)
    return Result.success()


SOURCE_LIMIT = 16 << 20
"""Characters of the largest file source-file reads."""
SOURCE_SLICE = 0.005
"""Seconds source-file runs commands before the server serves others."""


@command("source-file")
async def source_file(ctx: Context, args: Args) -> Result:
    path = os.path.expanduser(args.get("PATH"))
    if path.endswith(".toml"):
        return await _source_config(ctx, path, args.has("-q"))
    from muntin.config.errors import ConfigProblem, read_bytes

    raw = read_bytes(path, limit=SOURCE_LIMIT + 1)
    if isinstance(raw, ConfigProblem):
        if args.has("-q") and not os.path.lexists(path):  # -q: quiet about a missing file only, as tmux
            return Result.success()
        raise CommandError(str(raw), os.EX_NOINPUT)
    if len(raw) > SOURCE_LIMIT:
        raise CommandError(f"{path} is over the {SOURCE_LIMIT >> 20} MiB source-file limit: is it a "
                           "command file?", os.EX_DATAERR)
    text = raw.decode("utf-8", errors="replace")
    output: list[str] = []
    due = time.monotonic() + SOURCE_SLICE
    for number, line in enumerate(text.splitlines(), 1):
        if time.monotonic() >= due:  # a long file lets the server serve everyone else now and then
            await asyncio.sleep(0)
            due = time.monotonic() + SOURCE_SLICE
        result = await run(line, ctx)
        output += result.output
        if not result.ok:
            raise CommandError(f"{path}:{number}: {result.error}", result.exit_code)
    return Result.success(*output)


def _ui(name: str, kind: TargetKind | None) -> None:
    """A command only an attached client can carry out: forwarded to it as an action."""

    def handle(ctx: Context, args: Args) -> Result:
        session: Session | None = None
        extra: dict = {}
        if kind is not None:
            found = target(ctx, args, kind)
            session = found.session  # type: ignore[assignment]
            extra = {"window": found.window.id, "pane": found.pane.id}
        payload = {"flags": sorted(args.flags), "options": {k: str(v) for k, v in args.options.items()},
                   "args": {k: list(v) if isinstance(v, tuple) else v for k, v in args.positionals.items()}, **extra}
        if ctx.send_action(session, name, payload) == 0:
            raise CommandError("needs an attached muntin (start one with 'muntin attach')", os.EX_UNAVAILABLE)
        return Result.success()

    handle.__name__ = handle.__qualname__ = name.replace("-", "_")
    command(name)(handle)


for _name, _kind in (("command-palette", None), ("choose-tree", None), ("display-panes", TargetKind.WINDOW), ("clock-mode", TargetKind.PANE),
                     ("command-prompt", None), ("confirm-before", None), ("choose-theme", None)):
    _ui(_name, _kind)
