"""The muntin Textual app: draws the attached session and routes keys, paste and mouse to panes or commands."""

from __future__ import annotations

import gc
import re
import shlex
import sys
import time
from collections.abc import Awaitable, Callable, Sequence

from rich.style import Style as RichStyle
from textual import events, work
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.geometry import Size

from muntin.config.theme import Theme
from muntin.emulator.modes import Modes, MouseTracking
from muntin.layout import Rect
from muntin.ui.crash import CrashGuard
from muntin.ui.keymap import KeyMap
from muntin.ui.driver import DEFAULT_ESCAPE_TIME, OuterColours, RawInput
from muntin.ui.link import (
    ClientAction,
    Closed,
    LayoutUpdate,
    MessageUpdate,
    OptionsUpdate,
    PaneUpdate,
    ServerLink,
    Update,
    WindowsUpdate,
)
from muntin.ui.render import StyleMapper
from muntin.ui.screens import ConfirmScreen, HelpScreen, PromptScreen, ThemeScreen
from muntin.ui.status import HintPanel, StatusBar, StatusStyles
from muntin.ui.window_view import BorderStyles, WindowView

WORKSPACE_SUFFIXES = (".toml", ".py", ".yaml", ".yml", ".json")

# Commands a key binding can run that only a client can carry out; everything else goes to the server.
CLIENT_COMMANDS = frozenset({"command-prompt", "confirm-before", "confirm", "detach-client", "detach",
                             "list-keys", "lsk", "choose-theme", "choose-tree", "clock-mode",
                             "command-palette", "suspend-client", "suspendc"})


_memory_settled = False


def settle_memory() -> None:
    """Once the app has drawn its first frame: collect what start-up left, then freeze the rest (the
    widgets, styles and modules live as long as the app) so the collector never scans it again, and collect
    young objects less often. A full collection over everything took 14 ms, long enough to make a key's
    echo late; frozen, there is little left for it to scan."""
    global _memory_settled
    if _memory_settled:
        return
    _memory_settled = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def default_border_styles() -> BorderStyles:
    return BorderStyles(
        inactive=RichStyle(color="bright_black"),
        active=RichStyle(color="green"),
        title_inactive=RichStyle(color="bright_black"),
        title_active=RichStyle(color="green", bold=True),
    )


def default_status_styles() -> StatusStyles:
    return StatusStyles(
        bar=RichStyle(color="black", bgcolor="green"),
        session=RichStyle(color="black", bgcolor="green", bold=True),
        current=RichStyle(color="white", bgcolor="blue", bold=True),
        window=RichStyle(color="black", bgcolor="green"),
        hint_key=RichStyle(color="white", bgcolor="blue", bold=True),
        hint_text=RichStyle(color="black", bgcolor="green"),
        message=RichStyle(color="black", bgcolor="yellow"),
    )


class MuntinApp(CrashGuard, App[str], inherit_bindings=False):
    """A full-screen client of one session. Every key goes to the active pane except the prefix and the
    keys bound in the root table; after the prefix, the prefix table decides."""

    ENABLE_COMMAND_PALETTE = False
    ESCAPE_TO_MINIMIZE = False
    BINDINGS = []
    CSS = """
    Screen { layers: base; overflow: hidden; }
    """

    def __init__(self, link: ServerLink | None, keymap: KeyMap, *,
                 connect: Callable[[int, int], Awaitable[ServerLink]] | None = None,
                 styles: StyleMapper | None = None,
                 border_styles: BorderStyles | None = None, status_styles: StatusStyles | None = None,
                 complete: Callable[[str], Sequence[str]] | None = None, mouse: bool = True,
                 clock_format: str = " %H:%M ", status_left: str = "[#S] ", status: bool = True,
                 status_top: bool = False, border_status: str = "top",
                 cursor_mode: str = "cell", startup_problems: Sequence[str] = ()) -> None:
        super().__init__()
        self.startup_problems = list(startup_problems)  # FILE:LINE: text, shown until a key at start
        self.link = link
        self.connect = connect
        self.connect_error: str | None = None
        self.socket_path = None  # set by make_app: where workspace files are built
        self.keymap = keymap
        self.style_mapper = styles or StyleMapper()
        self.ansi_color = self.style_mapper.terminal_colours  # Textual would turn ANSI colours into its own RGB
        self.border_styles = border_styles or default_border_styles()
        self.status_styles = status_styles or default_status_styles()
        self.complete = complete
        self.mouse_enabled = mouse
        self.clock_format = clock_format
        self.status_left = status_left
        self.status_shown = status
        self.status_top = status_top
        self.border_status = border_status  # pane-border-status: the title line's place, or off
        self.cursor_mode = cursor_mode  # cursor-mode: a reverse cell, or the terminal's cursor (the driver's)
        self.clock_colour = "blue"  # clock-mode's colour: the theme's, set by make_app and apply_theme
        self.pending_table: str | None = None
        self.repeat_until = 0.0
        self.modes: dict[int, Modes] = {}
        self.dead: dict[int, str] = {}
        self.active: int | None = None
        self.exit_reason = ""
        self._drag: tuple[int, int] | None = None
        self._float_drag: tuple[int, str, int, int, Rect] | None = None  # a floating pane moved or resized
        self._selecting: tuple[int, int, int, bool] | None = None  # pane, x, y of the press; dragged yet
        self.copy_table = "copy-mode-vi"  # "copy-mode" (tmux's name for the emacs keys) with mode-keys emacs
        self.theme_name = "terminal"  # the muntin theme in use (make_app sets the configured one)
        self.escape_time = DEFAULT_ESCAPE_TIME  # seconds a lone ESC waits for a sequence (the driver reads it)
        self.server_options: dict[str, str] = {}  # status-left, theme, ... as the server has them
        self.outer_title: str | None = None  # the title set-titles last gave the outer terminal
        from muntin.ui.jobs import Jobs

        self.jobs = Jobs(self._job_output, lambda: int(self.server_options.get("status-interval", "15") or 0))
        self.pinned_options: dict[str, str] = {}  # given to this client on its command line: kept

    # -- layout ----------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = WindowView(self.style_mapper, self.border_styles, id="window")
        view.border_status = self.border_status
        view.show_cursor = self.cursor_mode == "cell"
        yield view
        bar = StatusBar(self.status_styles, clock_format=self.clock_format, left_format=self.status_left,
                        formatter=self.format, id="status")
        bar.expander, bar.styler = self.expand_status, self.style_word
        bar.job = self.jobs.get
        bar.display = self.status_shown
        if self.status_top:
            bar.styles.dock = "top"
        yield bar
        yield HintPanel(self.status_styles, id="hints")

    @property
    def view(self) -> WindowView:
        return self.query_one(WindowView)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.view.can_focus = True
        self.view.focus()
        self.consume_updates()
        if self.startup_problems:
            from muntin.ui.screens import ProblemsScreen

            self.push_screen(ProblemsScreen(self.startup_problems))

    def layout_area(self, size: Size | None = None) -> Size:
        """The cells the panes share: the screen less the status line (when shown) and the title line (unless
        pane-border-status is off)."""
        size = size or self.size
        chrome = int(self.status_shown) + int(self.border_status != "off")
        return Size(size.width, max(size.height - chrome, 1))

    def terminal_cursor(self) -> tuple[int, int] | None:
        """Where the terminal's own cursor goes with cursor-mode terminal (screen column and row): at the
        active pane's cursor, unless the program hid it or a screen is over the window; None: hidden. The
        driver asks after each write."""
        if self.cursor_mode != "terminal" or len(self.screen_stack) != 1:
            return None
        try:
            view = self.screen_stack[0].query_one(WindowView)
        except NoMatches:  # starting or closing
            return None
        pane = view.panes.get(view.active) if view.active is not None else None
        if pane is None or not pane.cursor_visible or pane.rect.width < 1 or pane.rect.height < 1:
            return None
        x, y = pane.cursor
        x, y = min(max(x, 0), pane.rect.width - 1), min(max(y, 0), pane.rect.height - 1)
        return view.region.x + pane.rect.x + x, view.region.y + view.top + pane.rect.y + y

    async def on_resize(self, event: events.Resize) -> None:
        if self.link is not None:
            area = self.layout_area(event.size)  # self.size catches up a moment later
            await self.link.resize(area.width, area.height)

    # -- updates from the server -----------------------------------------------------------------------

    @work(exclusive=True, group="updates")
    async def consume_updates(self) -> None:
        area = self.layout_area()
        if self.link is None:
            try:
                self.link = await self.connect(area.width, area.height)
            except Exception as error:  # no server, refused: say so on exit
                self.connect_error = str(error)
                self.exit(None)
                return
        else:
            await self.link.resize(area.width, area.height)
        try:
            async for update in self.link.updates():
                self.apply(update)
                self.set_outer_title()
                if isinstance(update, Closed):
                    self.exit_reason = update.reason
                    break
        finally:
            await self.link.close()
            self.jobs.stop()
        self.exit(self.exit_reason or "server exited")  # run() prints it once the terminal is restored

    def apply(self, update: Update) -> None:
        if isinstance(update, PaneUpdate):
            view = self.view
            if update.rows:
                view.update_rows(update.pane, update.rows)
            if update.cursor is not None or update.cursor_visible is not None:
                pane = view.panes.get(update.pane)
                if pane is not None:
                    view.update_cursor(update.pane, update.cursor or pane.cursor,
                                       pane.cursor_visible if update.cursor_visible is None else update.cursor_visible)
            if update.title is not None:
                view.update_title(update.pane, update.title)
                self.status.refresh()  # its formats may show the pane's title
            if update.modes is not None:
                self.modes[update.pane] = update.modes
            if update.copy is not None:
                view.update_copy(update.pane, update.copy or None)
            if update.dead is not None:
                self.dead[update.pane] = update.dead
                if update.pane == self.active:
                    self.status.show_message(f"{update.dead}  (Enter: run again, x: close)")
        elif isinstance(update, LayoutUpdate):
            self.active = update.active
            self.view.set_layout(Size(update.width, update.height), update.panes, update.active, update.floating)
            if not _memory_settled:
                self.call_after_refresh(settle_memory)
            self.status.show_message(
                f"{self.dead[self.active]}  (Enter: run again, x: close)" if self.active in self.dead else None
            )
        elif isinstance(update, WindowsUpdate):
            self.status.update(session=update.session, windows=update.windows)
        elif isinstance(update, MessageUpdate):
            self.flash(update.text)
        elif isinstance(update, ClientAction):
            self.server_action(update.name, dict(update.args))
        elif isinstance(update, OptionsUpdate):
            from muntin.ui.client_options import follow_options

            follow_options(self, update.options)

    def show_hints(self, on: bool) -> None:
        hints = self.keymap.hints(self.pending_table or "prefix") if on else None
        self.status.show_hints(hints)
        self.query_one(HintPanel).show(hints)

    def flash(self, text: str, seconds: float = 3.0) -> None:
        self.status.show_message(text)
        self.set_timer(seconds, lambda: self.status.message == text and self.status.show_message(None))

    def apply_theme(self, theme: Theme) -> None:
        """Restyle the whole app with a muntin Theme at once: pane palette, borders and titles, copy-mode
        marks, the status bar and the hint panel (every cached strip is drawn again)."""
        from muntin.ui.theming import border_styles, status_styles, style_mapper

        self.set_styles(style_mapper(theme), border_styles(theme, self.server_options),
                        status_styles(theme, self.server_options))
        self.clock_colour = _clock_colour(theme)

    def set_styles(self, styles: StyleMapper, borders: BorderStyles, status: StatusStyles) -> None:
        self.style_mapper, self.border_styles, self.status_styles = styles, borders, status
        self.ansi_color = styles.terminal_colours
        self.view.set_styles(styles, borders)
        self.status.set_styles(status)
        self.query_one(HintPanel).set_styles(status)

    async def choose_tree(self, expand: str) -> None:
        """choose-tree: sessions, windows and panes from the server's listings; the pick is shown."""
        import json

        from muntin.ui.tree import TreeScreen, tree_rows

        windows = await self.link.run_command("list-windows -a --json")
        panes = await self.link.run_command("list-panes -a --json")
        if not (windows.ok and panes.ok):
            self.flash(windows.error or panes.error or "cannot list the sessions")
            return
        rows = tree_rows(json.loads(windows.output or "[]"), json.loads(panes.output or "[]"),
                         self.status.session, expand=expand)

        def chosen(command: str | None) -> None:
            if command:
                self.run_worker(self.run_command(command), group="commands")

        self.push_screen(TreeScreen(rows), chosen)

    def choose_theme(self) -> None:
        """The theme picker: a live preview while the highlight moves, Enter keeps, Escape restores."""
        from muntin.config.theme import get_theme, load_themes, theme_names

        if any(isinstance(screen, ThemeScreen) for screen in self.screen_stack):
            return  # already open: a second one would restore the first one's preview on Escape
        load_themes()  # shipped and the user's, read again so a theme file just written shows up
        themes = [theme for name in theme_names() if (theme := get_theme(name)) is not None]
        saved = (self.style_mapper, self.border_styles, self.status_styles)

        def done(name: str | None) -> None:
            if name is None:
                self.set_styles(*saved)  # exactly the styles in use before the picker opened
                return
            self.theme_name = name
            self.flash(f'theme {name} (set theme = "{name}" in config.toml to keep it)', 6.0)

        self.push_screen(ThemeScreen(themes, self.theme_name, self.apply_theme), done)

    # -- keys ------------------------------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        if len(self.screen_stack) > 1:
            return  # a prompt, confirmation or help screen has the keyboard
        event.stop()
        event.prevent_default()
        if not await self.route_key(event.key):
            await self.send_key_to_pane(event.key, event.character)

    async def route_key(self, key: str) -> bool:
        """Do what the key tables say for ``key`` (the prefix, a key table, a binding, copy mode, a dead
        pane's Enter or x); False when the key is for the active pane."""
        now = time.monotonic()
        if self.pending_table is not None:
            table, self.pending_table = self.pending_table, None
            self.show_hints(False)
            binding = self.keymap.lookup(table, key)
            if binding is not None:
                if binding.repeat:
                    self.repeat_until = now + self.keymap.repeat_time
                await self.run_binding(binding.command)
                return True
            return not self.keymap.is_prefix(key)  # prefix twice sends it to the pane
        if now < self.repeat_until:
            binding = self.keymap.lookup("prefix", key)
            if binding is not None and binding.repeat:
                self.repeat_until = now + self.keymap.repeat_time
                await self.run_binding(binding.command)
                return True
            self.repeat_until = 0.0
        if self.keymap.is_prefix(key):
            self.pending_table = "prefix"
            self.show_hints(True)
            return True
        binding = self.keymap.lookup("root", key)
        if binding is not None:
            await self.run_binding(binding.command)
            return True
        if self.in_copy_mode(self.active):
            binding = self.keymap.lookup(self.copy_table, key)
            if binding is not None:
                await self.run_binding(binding.command)
            return True  # keys without a binding do nothing in copy mode, as in tmux
        if self.active in self.dead and key in ("enter", "x"):
            await self.run_command("respawn-pane" if key == "enter" else "kill-pane")
            return True
        return False

    def _wants_keys(self, key: str | None) -> bool:
        """Whether muntin must see ``key`` (as the key tables name it) before any pane does."""
        return (self.pending_table is not None or time.monotonic() < self.repeat_until or self.active is None
                or self.active in self.dead or self.in_copy_mode(self.active)
                or (key is not None and (self.keymap.is_prefix(key) or self.keymap.lookup("root", key) is not None)))

    async def on_raw_input(self, message: RawInput) -> None:
        """Input as the terminal sent it (the UI's driver): forwarded to the active pane byte for byte in
        one write, except what muntin needs (see _wants_keys), which goes through the key tables, and keys
        while a prompt or other screen is open, which go to it as Textual key events. Cursor keys, Home,
        End and the function keys are encoded again as the pane's terminal type and modes say."""
        from muntin.emulator.keys import bracket_paste, encode_key
        from muntin.emulator.rawinput import Kind

        message.stop()
        out = bytearray()
        tokens = message.tokens
        for index, token in enumerate(tokens):
            if len(self.screen_stack) > 1:
                await self._send_raw(out)
                for rest in tokens[index:]:
                    if rest.kind is Kind.PASTE:
                        self.post_message(events.Paste(rest.text))
                    elif rest.key is not None:
                        self.post_message(events.Key(rest.key, rest.character))
                return
            modes = self.modes.get(self.active) or Modes() if self.active is not None else Modes()
            if token.kind is Kind.PASTE:
                if self.active is not None and not self.in_copy_mode(self.active):
                    out += bracket_paste(token.data, modes)
                continue
            if self._wants_keys(token.key):
                await self._send_raw(out)
                if await self.route_key(token.key or ""):
                    continue
            data = (encode_key(token.key, modes) if token.special and token.key else b"") or token.data
            out += b"\x08" if data == b"\x7f" and modes.backarrow_sends_bs else data  # DECBKM
        await self._send_raw(out)

    async def on_outer_colours(self, message: OuterColours) -> None:
        """The terminal's colours, as it answered at start: to the server, for the panes' colour answers."""
        if self.link is not None:
            await self.link.send_colours(message.colours)

    async def _send_raw(self, out: bytearray) -> None:
        if out and self.active is not None and self.link is not None:
            await self.link.send_input(self.active, bytes(out))
        out.clear()

    def in_copy_mode(self, pane: int | None) -> bool:
        view = self.view.panes.get(pane) if pane is not None else None
        return view is not None and view.copy is not None

    async def send_key_to_pane(self, key: str, character: str | None) -> None:
        from muntin.emulator.keys import encode_key

        if self.active is None:
            return
        data = encode_key(key, self.modes.get(self.active) or Modes(), character)
        if data:
            await self.link.send_input(self.active, data)

    async def on_paste(self, event: events.Paste) -> None:
        from muntin.emulator.keys import encode_paste

        event.stop()
        if self.active is not None:
            await self.link.send_input(self.active, encode_paste(event.text, self.modes.get(self.active) or Modes()))

    async def on_app_focus(self, event: events.AppFocus) -> None:
        await self._send_focus(True)

    async def on_app_blur(self, event: events.AppBlur) -> None:
        await self._send_focus(False)

    async def _send_focus(self, focused: bool) -> None:
        from muntin.emulator.keys import encode_focus

        if self.active is not None and self.server_options.get("focus-events") == "on":
            data = encode_focus(focused, self.modes.get(self.active) or Modes())
            if data:
                await self.link.send_input(self.active, data)

    # -- commands --------------------------------------------------------------------------------------

    async def run_binding(self, command: str, target: str | None = None,
                          mouse: tuple[int, ...] | None = None) -> None:
        try:
            words = shlex.split(command)
        except ValueError:
            words = command.split()
        name = words[0] if words else ""
        if name in CLIENT_COMMANDS:
            self.client_action(name, {"argv": words[1:]})
        else:
            await self.run_command(command, target=target, mouse=mouse)

    async def run_from(self, command: str, target: str | None) -> None:
        """A menu item's or a chooser's command: one only a client carries out (a prompt, say) runs here,
        anything else in the server from ``target`` (``%N``), as tmux runs a menu's items."""
        from muntin.commands.parser import ParseError, split_commands

        try:
            commands = split_commands(command)
        except ParseError as error:
            self.flash(str(error))
            return
        words = [word.text for word in commands[0]] if len(commands) == 1 else []
        if words and words[0] in CLIENT_COMMANDS and not (words[0] in ("detach-client", "detach") and words[1:]):
            self.client_action(words[0], {"argv": words[1:]})
        else:
            await self.run_command(command, target=target)

    async def run_command(self, text: str, *, target: str | None = None,
                          mouse: tuple[int, ...] | None = None) -> None:
        if self.link is None:
            return
        words = text.split()
        if words[:1] == ["load-layout"] and len(words) >= 2 and self.socket_path is not None \
                and words[-1].endswith(WORKSPACE_SUFFIXES):
            self.load_workspace(words[-1])
            return
        place = {k: v for k, v in (("target", target), ("mouse", mouse)) if v is not None}
        outcome = await self.link.run_command(text, **place)
        if not outcome.ok:
            self.flash(outcome.error or "command failed")
        elif outcome.output.strip():
            self.flash(outcome.output.strip().splitlines()[-1])

    async def _prompt_history(self, screen: PromptScreen) -> None:
        """The server's command prompt history, for Up and Down in ``screen``."""
        if self.link is None:
            return
        outcome = await self.link.run_command("show-prompt-history -T command")
        lines = outcome.output.splitlines()[2:] if outcome.ok else []
        screen.history = [line.split(": ", 1)[1] for line in lines if ": " in line]

    async def _remember_and_run(self, text: str, command: str) -> None:
        """What was typed at the prompt into the server's history, then the command it makes run."""
        from muntin.commands.parser import quote_word

        if self.link is not None:
            await self.link.run_command(f"add-prompt-history -T command {quote_word(text)}")
        await self.run_command(command)

    @work(thread=True, group="workspace")
    def load_workspace(self, path: str) -> None:
        """``load-layout FILE`` with a workspace file: checked, then built in the server like ``muntin load``
        (in a worker thread: the applier waits for shells to become ready)."""
        import os

        from muntin.client import Connection
        from muntin.client.workspace import Applier, ApplyError
        from muntin.config.workspace import load_workspace

        loaded = load_workspace(os.path.expanduser(path))
        if loaded.missing or loaded.problems or loaded.workspace is None:
            problem = f"{path}: no such file" if loaded.missing else str(loaded.problems[0])
            self.call_from_thread(self.flash, problem, 6.0)
            return
        try:
            with Connection.open(self.socket_path) as connection:
                started = Applier(connection).apply(loaded.workspace)
        except (ApplyError, OSError) as error:
            self.call_from_thread(self.flash, str(error), 6.0)
            return
        self.call_from_thread(self.flash, f"loaded {path}: session {started.session}")

    def set_outer_title(self) -> None:
        """set-titles: the outer terminal's title (OSC 2) is set-titles-string, written when it changes."""
        if self.server_options.get("set-titles") != "on":
            return
        title = _CONTROLS.sub("", self.format(self.server_options.get("set-titles-string", "")))[:256]
        if title != self.outer_title:
            self.outer_title = title
            if self._driver is not None:
                self._driver.write(f"\x1b]2;{title}\x07")

    def _job_output(self) -> None:
        """A ``#(...)`` command printed something new: the bar and the title show it."""
        self.status.refresh()
        self.set_outer_title()

    def format(self, template: str) -> str:
        """``#W``, ``#S``, ``#P``-style formats filled in from what this client shows, and the server's
        options (``#{@name}`` user options among them) for other names; ``#(command)`` from ``self.jobs``."""
        from muntin.commands.formats import Scope, expand

        current = next((tab for tab in self.status.windows if tab.current), None)
        pane = self.view.panes.get(self.active) if self.active is not None else None
        values = {
            "session_name": self.status.session,
            "window_name": current.name if current else "",
            "window_index": current.index if current else "",
            "pane_id": f"%{self.active}" if self.active is not None else "",
            "pane_index": sorted(self.view.panes).index(self.active) if self.active in self.view.panes else "",
            "pane_title": pane.title if pane else "",
            "session_alerts": ",".join(f"{tab.index}{'#' if tab.activity else ''}{'!' if tab.bell else ''}"
                                       f"{'~' if tab.silence else ''}" for tab in self.status.windows
                                       if tab.activity or tab.bell or tab.silence),
        }
        return expand(template, Scope(values, self.server_options.get, job=self.jobs.get))

    async def expand_status(self, template: str) -> str | None:
        """``template`` (status-format[0]) as the server expands it for the active pane: its formats, the
        environment and strftime fields, as tmux's status line."""
        from muntin.commands.parser import quote_word

        if self.link is None or self.active is None:
            return None
        outcome = await self.link.run_command(f"display-message -p -t %{self.active} {quote_word(template)}")
        return outcome.output.removesuffix("\n") if outcome.ok else None

    def style_word(self, style: RichStyle, word: str) -> RichStyle:
        """``style`` with a tmux style word (``bg=yellow``) on top, in this client's theme."""
        from muntin.config.theme import TERMINAL_THEME, get_theme
        from muntin.ui.theming import with_style

        return with_style(get_theme(self.theme_name) or TERMINAL_THEME, style, word)

    def client_action(self, name: str, args: dict) -> None:
        argv: list[str] = list(args.get("argv", []))
        if name == "command-prompt":
            template = self.format(_option(argv, "-I") or "")
            prompt = _option(argv, "-p") or ":"
            rest = _positional(argv, {"-I", "-p"})
            command_template = rest[-1] if rest else None

            def done(text: str | None) -> None:
                if text:
                    quoted = shlex.quote(text)
                    command = (command_template.replace("'%%'", quoted).replace("%%", quoted).replace("%1", quoted)
                               if command_template else text)
                    self.run_worker(self._remember_and_run(text, command), group="commands")

            screen = PromptScreen(prompt, template, self.complete)
            self.push_screen(screen, done)
            self.run_worker(self._prompt_history(screen), group="commands")
        elif name in ("confirm-before", "confirm"):
            question = _option(argv, "-p")
            rest = _positional(argv, {"-p"})
            command = " ".join(shlex.quote(w) for w in rest)
            template = question or f"{command}? (y/n)"

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.run_worker(self.run_command(command), group="commands")

            screen = ConfirmScreen(self.format(template))
            self.push_screen(screen, confirmed)
            if self.link is not None and self.active is not None and "#" in template:
                self.run_worker(screen.expand(self.link, self.active, template), group="commands")
        elif name in ("detach-client", "detach"):
            self.run_worker(self._detach(), group="commands")
        elif name in ("list-keys", "lsk"):
            from muntin.emulator.keys import format_key

            rows = [(table, format_key(b.key), b.description or b.command)
                    for table, bindings in self.keymap.tables.items() for b in bindings.values()]
            self.push_screen(HelpScreen(rows))
        elif name == "choose-theme":
            self.choose_theme()
        elif name == "command-palette":
            from textual.command import CommandPalette

            from muntin.ui.palette import CommandsProvider

            self.push_screen(CommandPalette(providers=[CommandsProvider],
                                            placeholder="What do you want to do? (split, zoom, theme, ...)"))
        elif name == "choose-tree":
            expand = "sessions" if "-s" in argv else "windows" if "-w" in argv else "panes"
            self.run_worker(self.choose_tree(expand), group="commands")
        elif name in ("suspend-client", "suspendc"):  # stopped as a shell job (SIGTSTP); fg resumes it
            self.action_suspend_process()
        elif name == "lock-client":
            self.lock(str(args.get("command") or ""))
        elif name == "clock-mode":
            from muntin.ui.clock import ClockScreen

            self.push_screen(ClockScreen(self.clock_colour, "%H:%M"))
        elif name == "message":
            self.flash(str(args.get("text", "")))

    def lock(self, command: str) -> None:
        """lock-client: the terminal goes to ``command`` (lock-command, a shell line); the panes come back
        when it ends, as tmux's client does."""
        import subprocess

        if not command or self._driver is None or not self._driver.can_suspend:
            return
        with self.suspend():
            try:
                subprocess.run(["/bin/sh", "-c", command], check=False)
            except OSError as error:
                print(f"lock-command: {error.strerror}", file=sys.stderr)
        self.refresh(layout=True)

    def server_action(self, name: str, payload: dict) -> None:
        """A command run elsewhere (the prompt, a script, a binding) that only this client can carry out,
        or a change to the key tables it must follow."""
        from muntin.ui.keymap import KeyBinding

        options: dict = payload.get("options", {})
        positional: dict = payload.get("args", {})
        if name == "bind-key":
            self.keymap.tables.setdefault(payload["table"], {})[payload["key"]] = KeyBinding(
                payload["key"], payload["command"], payload.get("note", ""), bool(payload.get("repeat")))
        elif name == "unbind-key":
            table = self.keymap.tables.get(payload["table"], {})
            if payload.get("all"):
                table.clear()
            elif payload.get("key"):
                from muntin.emulator.keys import parse_key

                table.pop(parse_key(payload["key"]), None)
        elif name == "set-option":
            if payload.get("name") == "prefix" and payload.get("value"):
                from muntin.emulator.keys import parse_key

                value = payload["value"]
                self.keymap.prefix = "none" if value == "none" else parse_key(value)
            elif payload.get("name") == "mode-keys" and payload.get("value") in ("vi", "emacs"):
                self.copy_table = "copy-mode" if payload["value"] == "emacs" else "copy-mode-vi"
            elif payload.get("name") == "theme" and payload.get("value"):
                from muntin.config.theme import get_theme, load_themes

                load_themes()
                theme = get_theme(payload["value"])
                if theme is None:
                    self.flash(f"no theme called {payload['value']!r}")
                else:
                    self.apply_theme(theme)
                    self.theme_name = theme.name
            elif payload.get("name") == "escape-time" and str(payload.get("value", "")).isdigit():
                self.escape_time = int(payload["value"]) / 1000
            elif payload.get("name") == "mouse" and payload.get("value") is not None:
                self.mouse_enabled = payload["value"] in ("on", "True", "true", "1")
        elif name == "choose-theme":
            self.client_action(name, {})
        elif name == "lock-client":
            self.client_action(name, {"command": payload.get("command", "")})
        elif name in ("choose-tree", "clock-mode", "command-palette", "suspend-client"):
            self.client_action(name, {"argv": list(payload.get("flags", []))})
        elif name in ("command-prompt", "confirm-before"):
            argv: list[str] = []
            for flag, value in options.items():
                argv += [flag, value]
            for value in positional.values():
                argv += list(value) if isinstance(value, list) else [str(value)] if value is not None else []
            self.client_action(name, {"argv": argv})
        elif name == "key-table":  # switch-client -T: the next key goes to that table
            self.pending_table = str(payload.get("table"))
            self.show_hints(True)
        elif name == "bell":  # the outer terminal's bell (the server sends a message too, as visual-bell says)
            self.bell()
        elif name == "clipboard":
            text = str(payload.get("text", ""))
            self.copy_to_clipboard(text)  # OSC 52 through the outer terminal
            self.flash(f"copied {len(text)} characters")
        elif name == "display-panes":
            from muntin.ui.display_panes import display_panes

            display_panes(self, self.server_options)
        elif name == "display-menu":
            self.show_menu(payload)
        elif name in ("choose-buffer", "choose-client"):
            self.show_chooser(payload)
        else:
            self.flash(f"{name}: not available in this version of the muntin client")

    # -- menus and choosers ------------------------------------------------------------------------------

    def _pane_on_screen(self, target: object) -> Rect:
        """The screen cells of the pane ``target`` (``%N``) names, else of the active pane."""
        view = self.view
        pane_id = int(target[1:]) if isinstance(target, str) and target[1:].isdigit() else self.active
        pane = view.panes.get(pane_id) or (view.panes.get(self.active) if self.active is not None else None)
        if pane is None:
            return Rect(0, 0, self.size.width, self.size.height)
        return Rect(view.region.x + pane.rect.x, view.region.y + view.top + pane.rect.y, pane.rect.width,
                    pane.rect.height)

    def show_menu(self, payload: dict) -> None:
        """display-menu: the box where -x/-y say (tmux's rules, see ui/menu.py); the item picked runs from
        the menu's target. One menu at a time, as tmux has one overlay."""
        from muntin.ui.menu import MenuScreen, items_from, menu_position, menu_width, plain, position_values

        if any(isinstance(screen, MenuScreen) for screen in self.screen_stack):
            return
        items = items_from(payload.get("items", ()))
        title = str(payload.get("title", ""))
        width = menu_width(plain(title)[0], items, self.size.width)
        w, h = width + 4, len(items) + 2
        if w > self.size.width or h > self.size.height:
            self.flash("the menu does not fit the terminal")
            return
        bar = self.status
        status_y = window_x = None
        if bar.display:
            status_y = bar.region.y
            index = payload.get("window")
            window_x = next((start for start, _, place, tab in bar.places()
                             if place == "Status" and tab is not None and (tab.index == index or (index is None and tab.current))),
                            None)
        target = payload.get("target")
        mouse = payload.get("mouse")  # where the click that opened it was (tmux's mouse event), if one did
        mouse = (int(mouse[0]), int(mouse[1])) if isinstance(mouse, list) and len(mouse) == 2 else None
        values = position_values(w, h, self.size, self._pane_on_screen(target), mouse, status_y, window_x)
        position = menu_position(str(payload.get("x") or "C"), str(payload.get("y") or "C"), w, h, values, self.size)

        def chosen(item) -> None:
            if item is not None and item.command:
                self.run_worker(self.run_from(item.command, target), group="commands")

        self.push_screen(MenuScreen(title, items, position, width, stay_open=bool(payload.get("stay_open")),
                                    by_mouse=mouse is not None), chosen)

    def show_chooser(self, payload: dict) -> None:
        """choose-buffer, choose-client: the rows the server listed; their commands run from its pane."""
        from muntin.ui.chooser import ChooserScreen, rows_from

        target = payload.get("target")
        rows = rows_from(payload.get("rows", ()))
        if not rows:
            return

        def run(command: str) -> None:
            self.run_worker(self.run_from(command, target), group="commands")

        self.push_screen(ChooserScreen(str(payload.get("kind", "")), rows, str(payload.get("template", "")),
                                       str(payload.get("delete", "")), run, preview=True))

    async def _mouse_binding(self, kind: str, event: events.MouseEvent) -> bool:
        """Run the root table's binding of this mouse event (``MouseDown3Pane``, ``MouseDown3Status``, ...),
        unless the pane under it asked for the mouse itself; whether one ran."""
        from muntin.emulator.keys import mouse_key

        if len(self.screen_stack) > 1:
            return False  # a menu, prompt or list is open: it has the mouse
        view, bar = self.view, self.status
        x, y = event.screen_x, event.screen_y
        pane = target = None
        cell: tuple[int, ...] = ()
        if bar.display and bar.region.contains(x, y):
            place, tab = bar.place_at(x - bar.region.x)
            target = f":{tab.index}" if tab is not None else None
        else:
            pane = view.pane_at(x - view.region.x, y - view.region.y)
            place = "Pane" if pane is not None else "Border"
            if pane is not None and self._pane_wants_mouse(pane, event) and not event.meta:
                return False  # the program asked for the mouse: its clicks are its own (M-click still opens the menu)
            target = f"%{pane}" if pane is not None else None
            if pane is not None:  # and where in the pane, for mouse_word and mouse_line
                rect = view.panes[pane].rect
                cell = (x - view.region.x - rect.x, y - view.region.y - view.top - rect.y)
        try:
            key = mouse_key(kind, event.button, place, ctrl=event.ctrl, alt=event.meta, shift=event.shift)
        except ValueError:
            return False
        binding = self.keymap.lookup("root", key)
        if binding is None:
            return False
        event.stop()
        await self.run_binding(binding.command, target=target, mouse=(x, y, *cell))
        return True

    async def _detach(self) -> None:
        self.exit_reason = "detached"
        await self.link.detach()

    # -- mouse -----------------------------------------------------------------------------------------

    def _pane_wants_mouse(self, pane: int | None, event: events.MouseEvent) -> bool:
        modes = self.modes.get(pane) if pane is not None else None
        return bool(modes and modes.mouse_tracking != MouseTracking.OFF and not event.shift)

    async def _send_mouse(self, pane: int, kind: str, button: int, event: events.MouseEvent) -> bool:
        from muntin.emulator.keys import MouseEvent, encode_mouse

        view = self.view.panes[pane]
        x, y = event.x - view.rect.x, event.y - self.view.top - view.rect.y
        data = encode_mouse(MouseEvent(kind=kind, button=button, x=x, y=y, shift=event.shift,
                                       alt=event.meta, ctrl=event.ctrl), self.modes[pane])
        if data:
            await self.link.send_input(pane, data)
        return bool(data)

    async def on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.mouse_enabled or await self._mouse_binding("MouseDown", event):
            return
        floating = self.view.floating_at(event.x, event.y)
        if floating is not None and floating[1] != "inside" and event.button == 1:
            pid, part = floating  # its title or border moves it, its bottom-right corner resizes it
            self._float_drag = (pid, "size" if part == "corner" else "move", event.x, event.y,
                                self.view.floating[pid].rect)
            return
        pane = self.view.pane_at(event.x, event.y)
        if pane is None:
            self._drag = (event.x, event.y) if event.y >= self.view.top else None
            return
        if pane != self.active:
            await self.run_command(f"select-pane -t %{pane}")
        if self._pane_wants_mouse(pane, event):
            await self._send_mouse(pane, "press", event.button - 1 if event.button else 0, event)
        elif event.button == 1:
            self._selecting = (pane, event.x, event.y, False)

    async def on_mouse_up(self, event: events.MouseUp) -> None:
        self._drag = None
        if self._float_drag is not None:
            self._float_drag = None
            return
        selecting, self._selecting = self._selecting, None
        if selecting is not None and selecting[3]:
            await self.run_command(f"send-keys -X -t %{selecting[0]} copy-selection-and-cancel")
            return
        pane = self.view.pane_at(event.x, event.y)
        if self.mouse_enabled and self._pane_wants_mouse(pane, event):
            await self._send_mouse(pane, "release", event.button - 1 if event.button else 0, event)

    async def on_click(self, event: events.Click) -> None:
        """A double click copies the word under the pointer, a triple click its line (as in tmux)."""
        if not self.mouse_enabled or event.chain < 2:
            return
        pane = self.view.pane_at(event.x, event.y)
        if pane is None or self._pane_wants_mouse(pane, event):
            return
        rect = self.view.panes[pane].rect
        what = "select-word" if event.chain == 2 else "select-line"
        target = f"send-keys -X -t %{pane}"
        await self.run_command(f"{target} cursor-to {event.x - rect.x} {event.y - self.view.top - rect.y} ; {target} {what} ; "
                               f"{target} copy-selection-and-cancel")

    async def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self.mouse_enabled:
            return
        if self._float_drag is not None:  # until the button is let go
            pid, how, start_x, start_y, rect = self._float_drag
            dx, dy = event.x - start_x, event.y - start_y
            where = (f"-w {max(rect.width + dx, 1)} -h {max(rect.height + dy, 1)}" if how == "size"
                     else f"-x {rect.x + dx} -y {rect.y + dy}")
            await self.run_command(f"move-floating -t %{pid} {where}")
            return
        if self._drag is not None and event.button:
            start_x, start_y = self._drag
            dx, dy = event.x - start_x, event.y - start_y
            if dx or dy:
                self._drag = (event.x, event.y)
                await self._drag_border(start_x, start_y - self.view.top, dx, dy)
            return
        if self._selecting is not None and event.button:
            await self._drag_select(event)
            return
        pane = self.view.pane_at(event.x, event.y)
        if self._pane_wants_mouse(pane, event):
            await self._send_mouse(pane, "motion", event.button - 1 if event.button else 3, event)

    async def _drag_select(self, event: events.MouseMove) -> None:
        """A drag inside a pane selects text in copy mode; letting go copies it (see on_mouse_up)."""
        pane, start_x, start_y, dragged = self._selecting
        view = self.view.panes.get(pane)
        if view is None:
            return
        rect, top = view.rect, self.view.top

        def cell(x: int, y: int) -> str:
            return f"{min(max(x - rect.x, 0), rect.width - 1)} {min(max(y - top - rect.y, 0), rect.height - 1)}"

        if not dragged:
            if (event.x, event.y) == (start_x, start_y):
                return
            self._selecting = (pane, start_x, start_y, True)
            await self.run_command(f"send-keys -X -t %{pane} cursor-to {cell(start_x, start_y)} ; "
                                   f"send-keys -X -t %{pane} begin-selection")
        await self.run_command(f"send-keys -X -t %{pane} cursor-to {cell(event.x, event.y)}")

    async def _drag_border(self, x: int, y: int, dx: int, dy: int) -> None:
        """Move the border under (x, y) by (dx, dy): resize the pane on its left or above it."""
        for pid, pane in self.view.panes.items():
            rect = pane.rect
            if dx and rect.x + rect.width == x and rect.y <= y < rect.y + rect.height:
                await self.run_command(f"resize-pane -t %{pid} -{'R' if dx > 0 else 'L'} {abs(dx)}")
                return
            if dy and rect.y + rect.height == y and rect.x <= x < rect.x + rect.width:
                await self.run_command(f"resize-pane -t %{pid} -{'D' if dy > 0 else 'U'} {abs(dy)}")
                return

    async def _wheel(self, event: events.MouseEvent, up: bool) -> None:
        if not self.mouse_enabled:
            return
        pane = self.view.pane_at(event.x, event.y)
        if pane is None:
            return
        event.stop()
        if self._pane_wants_mouse(pane, event):
            await self._send_mouse(pane, "wheel", 64 if up else 65, event)
        elif (modes := self.modes.get(pane)) and modes.alternate_screen:
            from muntin.emulator.keys import encode_key

            await self.link.send_input(pane, encode_key("up" if up else "down", modes) * 3)
        elif up or self.in_copy_mode(pane):
            enter = "" if self.in_copy_mode(pane) else f"copy-mode -e -t %{pane} ; "
            await self.run_command(f"{enter}send-keys -X -N 3 -t %{pane} {'scroll-up' if up else 'scroll-down'}")

    async def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        await self._wheel(event, True)

    async def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        await self._wheel(event, False)


def _takes(word: str, flag: str) -> bool:
    """Whether ``word`` is ``flag`` or flags ending in it (``-FI`` for ``-I``): the next word is its value."""
    return word == flag or (len(word) > 2 and word[0] == "-" and word[1] != "-" and word[1:].isalpha()
                            and word.endswith(flag[1:]))


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters, never written into the outer terminal's title (a pane's title is anyone's text)."""


def _option(argv: list[str], flag: str) -> str | None:
    for index, word in enumerate(argv[:-1]):
        if _takes(word, flag):
            return argv[index + 1]
    return None


def _positional(argv: list[str], valued: set[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in valued or (not out and any(_takes(word, flag) for flag in valued)):
            skip = True
        elif not (word.startswith("-") and not out):
            out.append(word)
    return out


def _clock_colour(theme) -> str:
    value = theme.colour(theme.ui.clock)
    if value == "default":
        return "blue"
    return f"color({value[6:]})" if value.startswith("colour") else value
