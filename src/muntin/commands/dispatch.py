"""Results, the handler registry and dispatch: running a command never raises into its caller."""

from __future__ import annotations

import inspect
import os
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from muntin.commands.parser import Invocation, ParseError, parse
from muntin.commands.spec import Args, CommandSpec
from muntin.commands.table import COMMANDS, find_command
from muntin.commands.targets import TargetError


@dataclass(frozen=True)
class Result:
    """What a command did: ok or an error message, output lines, an `os.EX_*` exit code, optional data."""

    ok: bool = True
    output: tuple[str, ...] = ()
    error: str = ""
    exit_code: int = os.EX_OK
    data: Any = None

    @classmethod
    def success(cls, *lines: str, data: Any = None) -> Result:
        """A successful result printing `lines`."""
        return cls(True, tuple(lines), "", os.EX_OK, data)

    @classmethod
    def failure(cls, message: str, exit_code: int = os.EX_SOFTWARE) -> Result:
        """A failed result with a message a user can act on."""
        return cls(False, (), message, exit_code)


class CommandError(Exception):
    """Raised by handlers for a failure a user can act on; dispatch turns it into an error Result."""

    def __init__(self, message: str, exit_code: int = os.EX_SOFTWARE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


Handler = Callable[[Any, Args], "Result | Awaitable[Result]"]

HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of the command `name` (full name or alias)."""
    spec = find_command(name)

    def register(function: Handler) -> Handler:
        if spec.name in HANDLERS and HANDLERS[spec.name] is not function:
            raise ValueError(f"{spec.name} already has a handler: {HANDLERS[spec.name].__qualname__}")
        HANDLERS[spec.name] = function
        return function

    return register


def missing_handlers(handlers: Mapping[str, Handler] | None = None) -> list[CommandSpec]:
    """Specs in the command table without a registered handler."""
    table = HANDLERS if handlers is None else handlers
    return [spec for spec in COMMANDS if spec.name not in table]


def _from_exception(spec: CommandSpec, error: BaseException) -> Result:
    if isinstance(error, CommandError):
        return Result.failure(f"{spec.name}: {error.message}", error.exit_code)
    if isinstance(error, TargetError):
        return Result.failure(f"{spec.name}: {error}", os.EX_USAGE)
    return Result.failure(f"{spec.name}: internal error: {type(error).__name__}: {error}", os.EX_SOFTWARE)


def _checked(spec: CommandSpec, value: Any) -> Result:
    if isinstance(value, Result):
        return value
    return Result.failure(f"{spec.name}: internal error: handler returned {type(value).__name__}",
                          os.EX_SOFTWARE)


async def _awaited(spec: CommandSpec, pending: Awaitable[Any]) -> Result:
    try:
        return _checked(spec, await pending)
    except Exception as error:  # noqa: BLE001 - every failure becomes a Result
        return _from_exception(spec, error)


def dispatch(invocation: Invocation, context: Any,
             handlers: Mapping[str, Handler] | None = None) -> Result | Awaitable[Result]:
    """Run the handler of `invocation` with `context`; a Result, or an awaitable of one for async
    handlers. Exceptions become error Results (CommandError keeps its code, TargetError is EX_USAGE)."""
    spec = invocation.spec
    table = HANDLERS if handlers is None else handlers
    function = table.get(spec.name)
    if function is None:
        return Result.failure(f"{spec.name}: not available here", os.EX_UNAVAILABLE)
    try:
        value = function(context, invocation.args)
    except Exception as error:  # noqa: BLE001 - every failure becomes a Result
        return _from_exception(spec, error)
    from muntin.commands.hooks import has_after_hook

    if has_after_hook(context, spec.name):
        return _then_hook(invocation, context, _awaited(spec, value) if inspect.isawaitable(value)
                          else _checked(spec, value))
    if inspect.isawaitable(value):
        return _awaited(spec, value)
    return _checked(spec, value)


async def _then_hook(invocation: Invocation, context: Any, outcome: Result | Awaitable[Result]) -> Result:
    """The command's result, after its after-* hook ran (when it succeeded), as tmux runs them."""
    from muntin.commands.hooks import after_target, run_hook

    result = outcome if isinstance(outcome, Result) else await outcome
    if not result.ok:
        return result
    where = after_target(context, invocation.args.target, result.data)
    hooks = await run_hook(context, f"after-{invocation.spec.name}", where, report=False)
    if not hooks:
        return result
    merged = combine([result, *hooks])  # a hook's output and its error reach the caller, as in tmux
    return Result(merged.ok, merged.output, merged.error, merged.exit_code, result.data)


def combine(results: Sequence[Result]) -> Result:
    """One Result for a `;` sequence: output of all, the first error."""
    output = tuple(line for r in results for line in r.output)
    failed = next((r for r in results if not r.ok), None)
    if failed is None:
        return Result(True, output, "", os.EX_OK, results[-1].data if results else None)
    return Result(False, output, failed.error, failed.exit_code, failed.data)


async def run(text: str, context: Any, handlers: Mapping[str, Handler] | None = None) -> Result:
    """Parse command text and run its commands in order, stopping at the first error; a parse error is
    an EX_USAGE Result and nothing runs."""
    aliases = getattr(context, "aliases", None)  # the server's command-alias option
    try:
        invocations = aliases.parse(text) if aliases is not None else parse(text)
    except ParseError as error:
        return Result.failure(str(error), os.EX_USAGE)
    results: list[Result] = []
    for invocation in invocations:
        outcome = dispatch(invocation, context, handlers)
        result = outcome if isinstance(outcome, Result) else await outcome
        results.append(result)
        if not result.ok:
            break
    return combine(results)
