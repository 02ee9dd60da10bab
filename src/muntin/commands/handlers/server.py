"""Handlers for the server as a whole and its clients: start-server, show-messages."""

from __future__ import annotations

from muntin.commands import Args, Result
from muntin.commands.handlers._context import Context, command


@command("start-server")
def start_server(ctx: Context, args: Args) -> Result:
    """The server runs (the command line started it to run this); as tmux's exit-empty, it ends after this
    request when it has no session."""
    ctx.exit_when_empty()
    return Result.success()


@command("show-messages")
def show_messages(ctx: Context, args: Args) -> Result:
    """The server's message log, oldest first: what clients were shown and what went wrong unseen (a hook's
    command failing), each ``TIME: TEXT`` as tmux prints it."""
    return Result.success(*ctx.messages.lines())
