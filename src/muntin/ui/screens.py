"""Modal screens of the UI: the command prompt, yes/no confirmation, the key help, the theme picker and the
list of start-up problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from muntin.config.theme import Theme
from muntin.ui.literal import literal, visible


class PromptInput(Input):
    """The prompt's line: text pasted or typed into it has its control characters in caret form, so none of
    them reaches the outer terminal when the line is drawn."""

    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(visible(text))

    def replace(self, text: str, start: int, end: int):
        return super().replace(visible(text), start, end)


class PromptScreen(ModalScreen[str | None]):
    """A one-line prompt at the bottom (``:`` in tmux). Tab completes from ``complete``; Up and Down walk
    ``history`` (oldest first, as the server keeps it; Down past the newest clears the line, as tmux);
    Enter returns the text, Escape returns None."""

    DEFAULT_CSS = """
    PromptScreen { align: left bottom; background: transparent; }
    PromptScreen > Vertical { height: auto; width: 1fr; background: $panel; }
    /* Input:focus draws a tall border, which in one row leaves no room for the text: none, focused too */
    PromptScreen Input, PromptScreen Input:focus { border: none; height: 1; padding: 0 1; width: 1fr; }
    PromptScreen #completions { height: auto; max-height: 8; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [Binding("tab", "complete", "complete", priority=True, show=False)]

    def __init__(self, prompt: str = ":", initial: str = "",
                 complete: Callable[[str], Sequence[str]] | None = None) -> None:
        super().__init__()
        self.prompt = prompt
        self.initial = initial
        self.complete = complete
        self.history: list[str] = []
        self.history_index = 0  # 0: the line being typed; N: the N-th newest entry

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="completions")
            yield PromptInput(value=visible(self.initial), placeholder=visible(self.prompt), id="prompt")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self.initial)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
        elif event.key in ("up", "down"):
            event.stop()
            self.walk_history(1 if event.key == "up" else -1)

    def walk_history(self, step: int) -> None:
        """One entry older (``step`` 1) or newer (-1), as tmux's status_prompt_up/down_history."""
        index = min(max(self.history_index + step, 0), len(self.history))
        if index == self.history_index:
            return
        self.history_index = index
        field = self.query_one(Input)
        field.value = visible(self.history[-index]) if index else ""
        field.cursor_position = len(field.value)

    def action_complete(self) -> None:
        if self.complete is None:
            return
        field = self.query_one(Input)
        text = field.value[: field.cursor_position]
        choices = list(self.complete(text)) if self.complete else []
        shown = self.query_one("#completions", Static)
        if not choices:
            shown.update("")
            return
        head, _, word = text.rpartition(" ")
        common = _common_prefix(choices)
        if len(common) > len(word):
            new = (head + " " if head else "") + common + (" " if len(choices) == 1 else "")
            field.value = new + field.value[field.cursor_position:]
            field.cursor_position = len(new)
        shown.update(literal("  ".join(choices[:60])) if len(choices) > 1 else "")


def _common_prefix(words: Sequence[str]) -> str:
    first, last = min(words), max(words)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


class ConfirmScreen(ModalScreen[bool]):
    """``confirm-before``: a question on the status line; y confirms, anything else cancels."""

    DEFAULT_CSS = """
    ConfirmScreen { align: left bottom; background: transparent; }
    ConfirmScreen Static { width: 1fr; height: 1; background: $warning; color: $text; padding: 0 1; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static(literal(self.question), id="question")

    def set_question(self, question: str) -> None:
        """Ask ``question`` instead (the server's expansion of the prompt, once it has answered)."""
        self.question = question
        for shown in self.query("#question").results(Static):
            shown.update(literal(question))

    async def expand(self, link, pane: int, template: str) -> None:
        """The question as the server expands ``template`` for ``pane`` now: the local guess of ``#P`` or
        ``#W`` can be stale (after swap-pane the pane ids no longer give the pane numbers). The screen is up
        meanwhile, so the answer key cannot reach the pane."""
        from muntin.commands.parser import quote_word

        outcome = await link.run_command(f"display-message -p -t %{pane} {quote_word(template)}")
        if outcome.ok and outcome.output and self.is_attached:  # an empty answer keeps the guess
            self.set_question(outcome.output.rstrip("\n"))

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key in ("y", "Y"))


class HelpScreen(ModalScreen[None]):
    """Every key binding with its description (prefix ``?``). q or Escape closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90%; height: 90%; border: round $accent; background: $panel; }
    HelpScreen #help-title { height: 1; padding: 0 1; text-style: bold; }
    HelpScreen OptionList { height: 1fr; border: none; }
    """

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """``rows`` are (table, key, description or command)."""
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(key) for _, key, _ in self.rows), default=4)
        with Vertical():
            yield Static("Key bindings  (q or Escape to close)", id="help-title")
            yield OptionList(*[literal(f"{table:<8} {key:<{width}}  {text}") for table, key, text in self.rows])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key in ("q", "escape"):
            event.stop()
            self.dismiss(None)


def theme_row(theme: Theme, name_width: int) -> Text:
    """One line of the theme picker: name, dark or light, a swatch of the 16-colour palette (or a note that
    the theme keeps the outer terminal's colours) and the description."""
    row = Text(f"{visible(theme.name):<{name_width}}  ", style="bold", no_wrap=True, overflow="ellipsis")
    row.append(f"{'dark' if theme.dark else 'light':<5}  ")
    if theme.palette is None:
        row.append(f"{'(terminal)':<16}", style="italic")
    else:
        for colour in theme.palette:
            row.append("█", style=RichStyle(color=colour))
    if theme.description:
        row.append(f"  {visible(theme.description)}")
    return row


class ThemeScreen(ModalScreen[str | None]):
    """``choose-theme`` (prefix ``T``): every theme in a list. Moving the highlight (up/down, j/k) calls
    ``preview`` with that theme, so the whole app shows it at once; Enter returns its name, Escape (or q)
    returns None and the caller goes back to the theme it had."""

    DEFAULT_CSS = """
    ThemeScreen { align: center bottom; background: transparent; }
    ThemeScreen > Vertical { width: 90%; height: auto; max-height: 60%; border: round $accent;
                             background: $panel; margin-bottom: 1; }
    ThemeScreen #theme-title { height: 1; padding: 0 1; text-style: bold; }
    ThemeScreen OptionList, ThemeScreen OptionList:focus { height: auto; max-height: 16; border: none;
                                                           text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS = [
        Binding("j", "move(1)", "down", show=False),
        Binding("k", "move(-1)", "up", show=False),
    ]

    def __init__(self, themes: Sequence[Theme], current: str,
                 preview: Callable[[Theme], None] | None = None) -> None:
        super().__init__()
        self.themes = list(themes)
        self.current = current
        self.preview = preview
        self._shown: int | None = None  # the row whose theme the app shows; no preview until it changes

    def compose(self) -> ComposeResult:
        width = max((len(visible(theme.name)) for theme in self.themes), default=8)
        with Vertical():
            yield Static("Theme  (up/down or j/k preview, Enter keeps, Escape goes back)", id="theme-title")
            yield OptionList(*[theme_row(theme, width) for theme in self.themes])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        names = [theme.name for theme in self.themes]
        if self.current in names:
            options.highlighted = names.index(self.current)
        self._shown = options.highlighted
        options.focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        index = event.option_index
        if index != self._shown and 0 <= index < len(self.themes):
            self._shown = index
            if self.preview is not None:
                self.preview(self.themes[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.themes[event.option_index].name)

    def on_key(self, event: events.Key) -> None:
        if event.key in ("q", "escape"):
            event.stop()
            self.dismiss(None)


class ProblemsScreen(ModalScreen[None]):
    """What was wrong in the settings muntin started with (``FILE:LINE: what``), shown over the panes until
    any key; the key closes the list and goes nowhere else."""

    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; background: transparent; }
    ProblemsScreen > Vertical { width: 90%; height: auto; max-height: 90%; border: round $error;
                                background: $panel; padding: 0 1; }
    ProblemsScreen #problems-title { height: 1; text-style: bold; }
    ProblemsScreen #problems { height: auto; }
    """

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__()
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        title = f"{count} problem{'s' if count != 1 else ''} in the configuration (any key to continue)"
        with Vertical():
            yield Static(Text(title), id="problems-title")
            # Text, never markup: a path or a value from the file is shown as it is.
            yield Static(Text("\n".join(self.problems), no_wrap=False), id="problems")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None)
