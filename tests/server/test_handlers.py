"""Every command of the table has a handler; handlers turn layout and target errors into results."""

from __future__ import annotations

import muntin.commands.handlers  # noqa: F401 - registers the handlers
from muntin.commands import COMMANDS, HANDLERS, missing_handlers


def test_no_command_is_missing_a_handler() -> None:
    assert [spec.name for spec in missing_handlers()] == []
    assert {spec.name for spec in COMMANDS} <= set(HANDLERS)


def test_the_issue_commands_are_in_the_table() -> None:
    names = {spec.name for spec in COMMANDS}
    wanted = """new-session kill-session rename-session new-window kill-window rename-window select-window
    next-window previous-window split-window kill-pane select-pane last-pane resize-pane swap-pane rotate-window
    break-pane select-layout next-layout respawn-pane signal-pane send-keys capture-pane list-sessions
    list-windows list-panes display-message set-option bind-key unbind-key list-keys source-file load-layout
    dump-layout wait-for synchronize-panes detach-client kill-server""".split()
    assert [name for name in wanted if name not in names] == []
