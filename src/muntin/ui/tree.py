"""choose-tree: every session, its windows and their panes in one list; Enter shows the chosen one.

The rows are built from ``list-windows -a --json`` and ``list-panes -a --json`` (pure: see
:func:`tree_rows`), so the screen needs nothing but command output from the server."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from muntin.ui.literal import literal


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One line of the tree: a session, a window or a pane, and the command that shows it."""

    kind: str  # "session", "window" or "pane"
    label: str
    command: str
    current: bool = False


def _quote(name: str) -> str:
    from muntin.commands.parser import quote_word

    return quote_word(name)


def tree_rows(windows: Sequence[Mapping], panes: Sequence[Mapping], current_session: str,
              *, expand: str = "windows") -> list[TreeRow]:
    """Rows for the sessions in ``windows``/``panes`` (as the JSON listings give them). ``expand``:
    ``sessions`` lists sessions only, ``windows`` adds their windows, ``panes`` adds every pane."""
    rows: list[TreeRow] = []
    sessions: dict[str, list[Mapping]] = {}
    for window in windows:
        sessions.setdefault(str(window["session"]), []).append(window)
    for name in sorted(sessions):
        wins = sessions[name]
        session_command = f"switch-client -t {_quote(name)}"
        marks = " (attached)" if name == current_session else ""
        rows.append(TreeRow("session", f"{name}: {len(wins)} windows{marks}", session_command,
                            name == current_session))
        if expand == "sessions":
            continue
        for window in sorted(wins, key=lambda w: int(w["index"])):
            index = int(window["index"])
            flag = "*" if window.get("active") else "-" if window.get("last") else ""
            label = f"  {index}: {window.get('name', '')}{flag} ({window.get('panes', 0)} panes)"
            command = f"{session_command} ; select-window -t {_quote(name)}:{index}"
            rows.append(TreeRow("window", label, command, name == current_session and bool(window.get("active"))))
            if expand != "panes":
                continue
            for pane in sorted((p for p in panes if p.get("session") == name and int(p["window"]) == index),
                               key=lambda p: int(p["index"])):
                program = pane.get("foreground_command") or pane.get("title") or ""
                state = "" if pane.get("state") == "running" else f" [{pane.get('state')}]"
                rows.append(TreeRow("pane", f"    {pane['index']}: {pane['id']} {program}{state}",
                                    f"{command} ; select-pane -t {pane['id']}", False))
    return rows


class TreeScreen(ModalScreen[str | None]):
    """The chooser: arrows or j/k move, Enter (or a click) picks, Escape or q closes; dismisses with the
    command to run."""

    DEFAULT_CSS = """
    TreeScreen { align: center middle; }
    TreeScreen > Vertical { width: 80%; height: 80%; border: round $accent; background: $surface; }
    TreeScreen OptionList { height: 1fr; border: none; }
    TreeScreen Static { height: 1; color: $text-muted; }
    """

    def __init__(self, rows: Sequence[TreeRow]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(" choose a session, window or pane: Enter shows it, Escape closes")
            yield OptionList(*(Option(literal(row.label), id=str(i)) for i, row in enumerate(self.rows)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        current = [i for i, row in enumerate(self.rows) if row.current]
        options.highlighted = current[-1] if current else 0
        from muntin.ui.theming import mode_style_highlight

        mode_style_highlight(options)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.rows[int(event.option.id)].command)

    def on_key(self, event: events.Key) -> None:
        options = self.query_one(OptionList)
        if event.key in ("escape", "q"):
            event.stop()
            self.dismiss(None)
        elif event.key == "j":
            event.stop()
            options.action_cursor_down()
        elif event.key == "k":
            event.stop()
            options.action_cursor_up()
