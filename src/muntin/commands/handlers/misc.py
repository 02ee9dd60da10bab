"""Handlers for options, key bindings, sourcing files, and commands only an attached UI can carry out."""

from __future__ import annotations

import asyncio
import contextvars
import glob
import os
import time

from muntin.commands import OPTIONS, Args, CommandError, ParseError, Result, TargetKind, check_option, help_lines, run
from muntin.commands.aliases import alias_index
from muntin.commands.handlers._context import Context, command, target
from muntin.commands.keys import bind_from_args
from muntin.commands.dispatch import dispatch
from muntin.commands.formats import format_string
from muntin.commands.options import (CLIENT_OPTIONS, SERVER_OPTIONS, TMUX_ONLY_OPTIONS, WINDOW_OPTIONS, OptionType,
                                     array_assign, array_items, array_name, is_array, is_user_option,
                                     unknown_option)
from muntin.commands.options import option_text as _text
from muntin.commands.parser import FileParser, bind, join_words, tmux_escape
from muntin.emulator import encode_key
from muntin.session import RemainOnExit, Session


@command("set-option")
def set_option(ctx: Context, args: Args) -> Result:
    """As tmux's: ``-u`` unsets, ``-q`` is quiet about an unknown option, ``-o`` refuses to set an option
    already set there, and an on/off option given no value is toggled."""
    name, text = args.get("OPTION"), args.get("VALUE")
    if text is not None and args.has("-F"):
        text = format_string(text, _format_values(ctx, args))
    is_alias, index = alias_index(name)
    if is_alias:  # tmux's array server option: set -s command-alias[10] zz='split-window -h'
        if text is None and not args.has("-u"):
            raise CommandError(f"{name} needs a value (NAME=COMMAND, or -u to unset it)", os.EX_USAGE)
        try:
            ctx.aliases.set(index, None if args.has("-u") else text)
        except ValueError as error:
            raise CommandError(str(error), os.EX_USAGE) from None
        return Result.success()
    base, index = array_name(name)
    if index is not None and not is_array(base):
        raise CommandError(f"not an array: {name}", os.EX_USAGE)
    if is_array(base):
        return _set_array(ctx, args, base, index, text)
    if is_user_option(name):
        return _set_user_option(ctx, args, name, text)
    if name not in OPTIONS:
        if args.has("-q"):
            return Result.success()
        if name in TMUX_ONLY_OPTIONS:
            raise CommandError(unknown_option(name), os.EX_UNAVAILABLE)
        raise CommandError(f"unknown option: {name} (see 'muntin show-options -g')", os.EX_USAGE)
    scope = _scope(ctx, args)
    if args.has("-o") and (name in scope or scope is ctx.model.options):  # a global option always has a value
        raise CommandError(f"already set: {name}", os.EX_USAGE)
    if text is None and not args.has("-u"):
        if name not in OPTIONS or OPTIONS[name].type is not OptionType.BOOL:
            raise CommandError(f"{name} needs a value (or -u to unset it)", os.EX_USAGE)
        text = "off" if _effective(ctx, args, scope, name) else "on"  # a flag given no value is toggled
    if args.has("-a") and not args.has("-u"):
        text = _appended(ctx, scope, name, text)
    try:
        value = None if args.has("-u") else check_option(name, text)
    except ValueError as error:
        raise CommandError(str(error), os.EX_USAGE) from None
    if value is None:
        scope.pop(name, None)
    else:
        scope[name] = value
    if name == "synchronize-panes":
        _synchronize(ctx)
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


def _set_array(ctx: Context, args: Args, name: str, index: int | None, text: str | None) -> Result:
    """An array option, as tmux's: ``NAME[N]`` one item (``-a`` appends to it), ``NAME`` the whole array
    (its words, ``-a`` after the items there); ``-u`` unsets the item, or the array (a global one goes
    back to its default). A scope that has no array yet starts empty; the global one from its default."""
    scope = _scope(ctx, args)
    shown = f"{name}[{index}]" if index is not None else name
    default = OPTIONS[name].default if scope is ctx.model.options else ()
    items = array_items(scope.get(name, default))
    if args.has("-o") and not args.has("-u") and (name in scope if index is None else index in items):
        raise CommandError(f"already set: {shown}", os.EX_USAGE)
    if args.has("-u"):
        if index is None:
            scope.pop(name, None)
        elif name in scope or scope is ctx.model.options:
            items.pop(index, None)
            scope[name] = items
    elif text is None:
        raise CommandError(f"empty value: {shown} needs a value (or -u to unset it)", os.EX_USAGE)
    elif index is None:
        scope[name] = array_assign(items if args.has("-a") else {}, text, OPTIONS[name].separator)
    else:
        items[index] = items.get(index, "") + text if args.has("-a") else text
        scope[name] = items
    ctx.options_changed()
    return Result.success()


def _appended(ctx: Context, scope: dict, name: str, text: str) -> str:
    """``set -a``: a text option's value there (the default for a global one) with ``text`` after it, a
    style's after a comma, as tmux's options_set_string; other options are just set."""
    spec = OPTIONS.get(name)
    if spec is not None and spec.type not in (OptionType.STRING, OptionType.STYLE):
        return text
    old = scope.get(name, spec.default if spec is not None and scope is ctx.model.options else None)
    if old is None:
        return text
    separator = "," if spec is not None and spec.type is OptionType.STYLE and old else ""
    return f"{_text(old)}{separator}{text}"


def _effective(ctx: Context, args: Args, scope: dict, name: str) -> object:
    """The value option ``name`` has where ``scope`` is: set there, else inherited."""
    if name in scope:
        return scope[name]
    chain = [ctx.model.options]
    if scope is not ctx.model.options:
        current = ctx.current()
        found = target(ctx, args, TargetKind.PANE) if args.target is not None else None
        session = found.session if found is not None else current.session
        window = found.window if found is not None else current.window
        chain = [getattr(window, "options", {}), getattr(session, "options", {}), ctx.model.options]
    return next((each[name] for each in chain if name in each), OPTIONS[name].default)


def _synchronize(ctx: Context) -> None:
    """Each window types into all its panes as its synchronize-panes option says (its own, else the
    global one)."""
    default = ctx.model.options.get("synchronize-panes", OPTIONS["synchronize-panes"].default)
    for session in ctx.model.sessions.values():
        for window in session.windows:
            window.synchronized = bool(window.options.get("synchronize-panes", default))


def _set_user_option(ctx: Context, args: Args, name: str, text: str | None) -> Result:
    scope = _scope(ctx, args)
    if args.has("-u"):
        scope.pop(name, None)
    elif text is None:
        raise CommandError(f"{name} needs a value (or -u to unset it)", os.EX_USAGE)
    else:
        scope[name] = _appended(ctx, scope, name, text) if args.has("-a") else text
    ctx.options_changed()  # a status line may show it
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
    inherited values too (marked ``*``); ``-H`` adds the hooks kept there."""
    values = {name: spec.default for name, spec in OPTIONS.items()}
    values.update(ctx.model.options)
    inherited: set[str] = set()
    if args.has("-s"):  # the server's options, and the user options set with -s (kept with the global ones)
        values = {name: values[name] for name in (*SERVER_OPTIONS, *filter(is_user_option, values))}
    elif args.has("-g") and args.has("-w"):
        values = {name: values[name] for name in WINDOW_OPTIONS}
    elif not args.has("-g"):
        scope = _scope(ctx, args)
        if args.has("-w") or args.has("-p"):  # only what is set there, as tmux shows them
            inherited = set(values) - set(scope) if args.has("-A") else set()
            values = {**values, **scope} if args.has("-A") else dict(scope)
        else:
            inherited = set(values) - set(scope) if args.has("-A") else set()
            values.update(scope)
    wanted = args.get("OPTION")
    is_alias, index = alias_index(wanted or "")
    if is_alias:
        if args.has("-v"):
            return Result.success(*ctx.aliases.values(index))
        return Result.success(*(line for line in ctx.aliases.lines()
                                if index is None or line.startswith(f"command-alias[{index}] ")))
    wanted, index = array_name(wanted) if wanted is not None else (None, None)
    if index is not None and not is_array(wanted):
        raise CommandError(f"not an array: {wanted}[{index}]", os.EX_USAGE)
    if wanted is not None and wanted not in OPTIONS and not (is_user_option(wanted) and wanted in values):
        if args.has("-q"):
            return Result.success()
        raise CommandError(f"invalid option: {wanted}", os.EX_USAGE)
    names = ([wanted] if wanted in values else []) if wanted else sorted(values)
    lines = [line for name in names
             for line in _option_lines(name, values[name], name in inherited, index, args.has("-v"))]
    if args.has("-v"):
        return Result.success(*lines)
    if args.has("-s") and not wanted:  # the server options: command-alias too, in name order
        lines = sorted(lines + ctx.aliases.lines())
    if args.has("-H") and not wanted:  # the hooks kept there too, in name order with the options
        lines = sorted(lines + _hook_lines(ctx, args), key=lambda line: line.split(" ", 1)[0].split("[", 1)[0])
    return Result.success(*lines)


def _option_lines(name: str, value: object, inherited: bool, index: int | None, values_only: bool) -> list[str]:
    """show-options' lines for one option: ``NAME VALUE`` (``NAME* VALUE`` when inherited), or the value
    alone; an array's items as ``NAME[N] VALUE`` each (only item ``index`` when given), the name alone
    when it has none, as tmux prints them."""
    star = "*" if inherited else ""
    if not is_array(name):
        return [_text(value)] if values_only else [f"{name}{star} {_shown(name, value)}"]
    items = array_items(value)
    chosen = {index: items.get(index, "")} if index is not None else items
    if values_only:
        return [chosen[i] for i in sorted(chosen)]
    return [f"{name}[{i}]{star} {tmux_escape(chosen[i])}" for i in sorted(chosen)] or [name]


def _shown(name: str, value: object) -> str:
    """An option's value as show-options prints it: a text quoted as tmux's args_escape quotes it."""
    spec = OPTIONS.get(name)
    if is_user_option(name) or (spec is not None and spec.type in (OptionType.STRING, OptionType.STYLE)):
        return tmux_escape(_text(value))
    return _text(value)


def _hook_lines(ctx: Context, args: Args) -> list[str]:
    """show-options -H's hooks: show-hooks' lines for the same scope."""
    from muntin.commands.hooks import HOOKS, WINDOW_HOOKS

    window = args.has("-w") or args.has("-p")
    names = [hook for hook in HOOKS if (hook in WINDOW_HOOKS) == window]
    if args.has("-g") or args.has("-s"):
        return [] if args.has("-s") else ctx.hooks.lines(None, names, every=True)
    found = target(ctx, args, TargetKind.PANE) if args.target is not None or ctx.current().session else None
    if found is None:
        return []
    scope = found.pane if args.has("-p") else found.window if window else found.session
    return ctx.hooks.lines(scope, names)


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
                    ("pane_border_status", "pane-border-status"), ("cursor_mode", "cursor-mode"),
                    ("resurrect_save", "resurrect-save"), ("resurrect_interval", "resurrect-interval"),
                    ("resurrect_scrollback", "resurrect-scrollback"),
                    ("resurrect_scrollback_lines", "resurrect-scrollback-lines"),
                    ("resurrect_programs", "resurrect-programs"))


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


def command_file_problems(path: str, text: str) -> list[str]:
    """``FILE:LINE: what is wrong`` for each line of a file in tmux's syntax that source-file would refuse
    before running anything (syntax, commands and their arguments, option names and values), for
    ``check-config``; ``%if`` formats are expanded with no pane."""
    parser = FileParser(text, lambda template: format_string(template, {}) not in ("", "0"), apply=False)
    problems = list(parser.commands())
    found = [(line, message) for line, message in parser.problems]
    for command in problems:
        try:
            invocation = bind(command.words)
        except ParseError as error:
            found.append((command.line, error.message))
            continue
        if invocation.spec.name == "set-option" and not invocation.args.has("-u"):
            name, value = invocation.args.get("OPTION"), invocation.args.get("VALUE")
            try:
                check_option(name, "" if value is None else value)
            except ValueError as error:
                found.append((command.line, f"set-option: {error}"))
    return [f"{path}:{line}: {message}" for line, message in sorted(found, key=lambda problem: problem[0])]


SOURCE_DEPTH = 50
"""How deep source-file may nest (a file sourcing itself stops there), as tmux's limit."""
_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("source_depth", default=0)


def _format_values(ctx: Context, args: Args) -> dict:
    """What ``%if`` conditions and ``-F`` paths expand with: the target pane's values, if there is one."""
    from muntin.commands.handlers.io import context_values, format_values

    try:
        found = target(ctx, args, TargetKind.PANE)
    except Exception:  # noqa: BLE001 - no session yet (the server's start): formats see no pane
        return {}
    return {**format_values(found.session, found.window, found.pane), **context_values(ctx, found.session)}


def _paths(ctx: Context, args: Args) -> tuple[list[str], list[str]]:
    """The files PATH words name (``-F``: formats; ``~`` and globs expanded, as tmux) and the problems."""
    values = _format_values(ctx, args) if args.has("-F") else {}
    found, problems = [], []
    for word in args.get("PATH"):
        pattern = os.path.expanduser(format_string(word, values) if args.has("-F") else word)
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            if not args.has("-q"):
                problems.append(f"{pattern}: no such file")
            continue
        found += matches
    return found, problems


@command("source-file")
async def source_file(ctx: Context, args: Args) -> Result:
    """As tmux 3.3a's: every PATH (globs too) in order; each problem is ``FILE:LINE: what``, and a bad line
    never stops the lines after it: all of them are reported at the end."""
    if _DEPTH.get() >= SOURCE_DEPTH:
        raise CommandError(f"too many nested files (over {SOURCE_DEPTH}): does a file source itself?",
                           os.EX_CONFIG)
    paths, problems = _paths(ctx, args)
    startup = not ctx.model.had_session  # the config the server starts with: tmux shows its problems in a pane
    output: list[str] = []
    code = os.EX_NOINPUT  # a PATH that matched nothing
    token = _DEPTH.set(_DEPTH.get() + 1)
    try:
        for path in paths:
            try:
                if path.endswith(".toml"):
                    result = await _source_config(ctx, path, args.has("-q"))
                else:
                    result = await _source_commands(ctx, args, path)
            except CommandError as error:
                result = Result.failure(error.message, error.exit_code)
            output += result.output
            if not result.ok:
                problems.append(result.error.removeprefix("source-file: "))
                code = result.exit_code
                if startup and not path.endswith(".toml") and _DEPTH.get() == 1:
                    ctx.model.config_causes += result.error.removeprefix("source-file: ").splitlines()
    finally:
        _DEPTH.reset(token)
    if startup:
        from muntin.commands.handlers.copy import show_config_causes

        show_config_causes(ctx)  # in a session the file made; else the first one made after it
    if problems:  # one file's own exit status (a missing file: EX_NOINPUT); a problem of several: EX_CONFIG
        return Result(False, tuple(output), "source-file: " + "\n".join(problems),
                      code if len(paths) <= 1 else os.EX_CONFIG)
    return Result.success(*output)


async def _source_commands(ctx: Context, args: Args, path: str) -> Result:
    """One file in tmux's syntax: parsed whole, then each command run with its line."""
    from muntin.config.errors import ConfigProblem, read_bytes

    raw = read_bytes(path, limit=SOURCE_LIMIT + 1)
    if isinstance(raw, ConfigProblem):
        if args.has("-q") and not os.path.lexists(path):  # -q: quiet about a missing file only, as tmux
            return Result.success()
        return Result.failure(str(raw), os.EX_NOINPUT)
    if len(raw) > SOURCE_LIMIT:
        return Result.failure(f"{path} is over the {SOURCE_LIMIT >> 20} MiB source-file limit: is it a "
                              "command file?", os.EX_DATAERR)
    values = _format_values(ctx, args)
    parser = FileParser(raw.decode("utf-8", errors="replace"),
                        lambda template: format_string(template, values) not in ("", "0"),
                        ctx.model.environment, ctx.model.hidden_environment, apply=not args.has("-n"))
    commands = []
    due = time.monotonic() + SOURCE_SLICE
    for command in parser.commands():  # the whole file first, as tmux; a long one lets others be served
        commands.append(command)
        if time.monotonic() >= due:
            await asyncio.sleep(0)
            due = time.monotonic() + SOURCE_SLICE
    problems = [(line, f"{path}:{line}: {message}") for line, message in parser.problems]
    output: list[str] = []
    for command in commands:
        where = f"{path}:{command.line}"
        aliases = getattr(ctx, "aliases", None)  # command-alias: a name of the server's expands first
        try:
            expanded = aliases.expand(command.words) if aliases is not None else [list(command.words)]
            invocations = [bind(words) for words in expanded]
        except ParseError as error:
            problems.append((command.line, f"{where}: {error.message}"))
            continue
        if args.has("-v"):
            output.append(f"{where}: {join_words([word.text for word in command.words])}")
        if args.has("-n"):
            continue
        for invocation in invocations:
            if time.monotonic() >= due:  # a long file lets the server serve everyone else now and then
                await asyncio.sleep(0)
                due = time.monotonic() + SOURCE_SLICE
            outcome = dispatch(invocation, ctx)
            result = outcome if isinstance(outcome, Result) else await outcome
            output += result.output
            if not result.ok:
                problems += [(command.line, f"{where}: {line}") for line in result.error.splitlines()
                             if line.strip()]
                break
    if problems:
        ordered = sorted(problems, key=lambda problem: problem[0])
        return Result(False, tuple(output), "\n".join(text for _, text in ordered), os.EX_CONFIG)
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


@command("set-window-option")
def set_window_option(ctx: Context, args: Args) -> Result:
    """tmux's ``setw``: set-option on a window (``-g``: the global value)."""
    return set_option(ctx, _with_window(args))


@command("show-window-options")
def show_window_options(ctx: Context, args: Args) -> Result:
    """tmux's ``showw``: show-options of a window (``-g``: the global window options)."""
    return show_options(ctx, _with_window(args))


def _with_window(args: Args) -> Args:
    return Args(args.flags | {"-w"}, args.options, args.positionals)


for _name, _kind in (("command-palette", None), ("choose-tree", None), ("display-panes", TargetKind.WINDOW), ("clock-mode", TargetKind.PANE),
                     ("command-prompt", None), ("confirm-before", None), ("choose-theme", None),
                     ("suspend-client", None)):
    _ui(_name, _kind)
