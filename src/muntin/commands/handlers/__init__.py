"""Command handlers: what each command of the table does to the live model, run by the server.

Importing this package registers a handler (``muntin.commands.handler``) for every command of the table."""

from __future__ import annotations

from muntin.commands.handlers import copy, hooks, io, menus, misc, panes, prompt, server, sessions, shell, windows  # noqa: F401 - registers the handlers
from muntin.commands.handlers._context import ClientRecord, Context, command, target

__all__ = ["ClientRecord", "Context", "command", "target"]
