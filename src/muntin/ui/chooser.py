"""choose-buffer and choose-client: a list like choose-tree's, one row per paste buffer or client, as the
server built it (formats expanded there). Enter runs the template for the row (``%%``: its name), ``t``
tags, ``d`` deletes (a buffer) or detaches (a client), ``D`` does that to the tagged rows, ``P`` pastes
the tagged buffers; a row's key (0-9, M-a...) runs it directly. What rows say is data, shown literally."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from muntin.ui.literal import literal


@dataclass(frozen=True, slots=True)
class ChooserRow:
    name: str
    text: str
    key: str | None = None
    key_label: str = ""
    preview: str = ""


def rows_from(payload: Sequence[Mapping]) -> list[ChooserRow]:
    return [ChooserRow(str(row.get("name", "")), str(row.get("text", "")), row.get("key") or None,
                       str(row.get("key_label") or ""), str(row.get("preview") or "")) for row in payload]


def fill(template: str, name: str) -> str:
    """``template`` with ``%%`` as ``name``, quoted as one word whether the template quotes it or not."""
    from muntin.commands.parser import quote_word

    word = quote_word(name)
    return template.replace("'%%'", word).replace('"%%"', word).replace("%%", word)


HELP = {"buffer": " Enter pastes, t tags, d/D deletes it/the tagged, P pastes the tagged, q closes",
        "client": " Enter detaches, t tags, d/D detaches it/the tagged, q closes"}


class ChooserScreen(ModalScreen[None]):
    """The list; ``run`` carries out a command (the server runs it from the chooser's pane)."""

    DEFAULT_CSS = """
    ChooserScreen { align: center middle; }
    ChooserScreen > Vertical { width: 80%; height: 80%; border: round $accent; background: $surface; }
    ChooserScreen OptionList { height: 1fr; border: none; }
    ChooserScreen #help { height: 1; color: $text-muted; }
    ChooserScreen #preview { height: 8; border-top: solid $accent; }
    """

    def __init__(self, kind: str, rows: Sequence[ChooserRow], template: str, delete: str,
                 run: Callable[[str], None], *, preview: bool = True) -> None:
        super().__init__()
        self.kind = kind
        self.rows = list(rows)
        self.template = template
        self.delete = delete
        self.run = run
        self.show_preview = preview and kind == "buffer"
        self.tagged: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(HELP.get(self.kind, ""), id="help")
            yield OptionList(*self._options())
            if self.show_preview:
                yield Static("", id="preview")

    def _label(self, row: ChooserRow):
        mark = "*" if row.name in self.tagged else ""  # tagged, as tmux marks it: after the name
        key = f"({row.key_label}) " if row.key_label else ""
        return literal(f"{key}{row.name}{mark}: {row.text}", "bold" if row.name in self.tagged else "")

    def _options(self) -> list[Option]:
        return [Option(self._label(row), id=str(index)) for index, row in enumerate(self.rows)]

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.rows else None
        from muntin.ui.theming import mode_style_highlight

        mode_style_highlight(options)
        options.focus()
        self._preview()

    def current(self) -> ChooserRow | None:
        index = self.query_one(OptionList).highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def _preview(self) -> None:
        if self.show_preview:
            row = self.current()
            lines = (row.preview if row else "").split("\n")[:8]
            self.query_one("#preview", Static).update(Text("\n").join(literal(line) for line in lines))

    def _rebuild(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(self._options())
        if self.rows:
            options.highlighted = min(highlighted, len(self.rows) - 1)
        self._preview()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(self.rows[int(event.option.id)])

    def choose(self, row: ChooserRow) -> None:
        self.dismiss(None)
        self.run(fill(self.template, row.name))

    def drop_rows(self, rows: Sequence[ChooserRow]) -> None:
        """``d``/``D``: the delete (or detach) command for each row, and the rows leave the list."""
        for row in rows:
            self.run(fill(self.delete, row.name))
            self.tagged.discard(row.name)
        gone = {row.name for row in rows}
        self.rows = [row for row in self.rows if row.name not in gone]
        if not self.rows:
            self.dismiss(None)
            return
        self._rebuild()

    def on_key(self, event: events.Key) -> None:
        key = event.key
        row = self.current()
        handled = True
        keyed = next((r for r in self.rows if r.key is not None and r.key == key), None)
        if keyed is not None:
            self.choose(keyed)
        elif key in ("escape", "q", "ctrl+c", "ctrl+g"):
            self.dismiss(None)
        elif key == "j":
            self.query_one(OptionList).action_cursor_down()
        elif key == "k":
            self.query_one(OptionList).action_cursor_up()
        elif key == "t" and row is not None:
            self.tagged ^= {row.name}
            self._rebuild()
            self.query_one(OptionList).action_cursor_down()
        elif key == "T":
            self.tagged.clear()
            self._rebuild()
        elif key == "ctrl+t":
            self.tagged = {r.name for r in self.rows}
            self._rebuild()
        elif key == "d" and row is not None:
            self.drop_rows([row])
        elif key == "D":
            self.drop_rows([r for r in self.rows if r.name in self.tagged])
        elif key == "P" and self.kind == "buffer":
            tagged = [r for r in self.rows if r.name in self.tagged]
            self.dismiss(None)
            for tagged_row in tagged:
                self.run(fill(self.template, tagged_row.name))
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()
