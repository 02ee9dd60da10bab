"""Key tables (root, prefix, copy-mode-vi, copy-mode): bindings as command text, tmux's defaults, bind/unbind/list-keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from muntin.commands.parser import ParseError, join_words, parse, quote_word, split_argv
from muntin.emulator.keys import format_key, parse_key

TABLES = ("root", "prefix", "copy-mode-vi", "copy-mode")
"""tmux's names: ``copy-mode-vi`` holds the vi keys of copy mode, ``copy-mode`` the emacs keys."""
DEFAULT_PREFIX = "ctrl+b"


@dataclass(frozen=True)
class KeyBinding:
    """A key in a table bound to command text, with a note for the help screen; `repeat` keys work
    again without the prefix for `repeat-time`."""

    table: str
    key: str
    command: str
    note: str = ""
    repeat: bool = False

    def line(self) -> str:
        """The binding as `bind-key` command text, as list-keys prints it."""
        repeat = "-r " if self.repeat else ""
        return f"bind-key {repeat}-T {self.table} {quote_word(format_key(self.key))} {self.command}"


def check_binding(table: str, key: str, command: str | None = None) -> str:
    """The checks ``bind-key`` makes, for the server and ``check-config`` alike: the canonical name of
    ``key``; ValueError for a bad key or table name, ParseError for ``command`` text that does not parse
    (None: an unbind, only the key and table are checked)."""
    if not table or any(c.isspace() for c in table):
        raise ValueError(f"bad table name: {table!r}")
    canonical = parse_key(key)
    if command is not None:
        parse(command)
    return canonical


def binding_problem(binding: Any) -> str | None:
    """``FILE:LINE: what is wrong`` when ``bind-key`` would refuse a binding of the config file (a
    ``muntin.config.Binding``), else None: what the server, the UI and ``check-config`` all report."""
    try:
        check_binding(binding.table, binding.key, None if binding.unbind else " ; ".join(binding.commands))
    except ValueError as error:  # ParseError included
        return f"{binding.path}:{binding.line}: {error}"
    return None


class KeyTables:
    """Named tables of key -> KeyBinding, plus the prefix key."""

    def __init__(self, prefix: str = DEFAULT_PREFIX) -> None:
        self.prefix = parse_key(prefix)
        self._tables: dict[str, dict[str, KeyBinding]] = {name: {} for name in TABLES}

    def bind(self, table: str, key: str, command: str, note: str = "", repeat: bool = False) -> KeyBinding:
        """Bind `key` (tmux or Textual name) in `table` to `command`; raises ValueError for a bad key or
        table and ParseError for command text that does not parse."""
        canonical = check_binding(table, key, command)
        binding = KeyBinding(table, canonical, command, note, repeat)
        self._tables.setdefault(self._checked_name(table, create=True), {})[canonical] = binding
        return binding

    def unbind(self, table: str, key: str) -> None:
        """Remove a binding; raises LookupError when there is none."""
        canonical = parse_key(key)
        bindings = self._tables.get(self._checked_name(table))
        if bindings is None or canonical not in bindings:
            raise LookupError(f"key not bound: {key} in table {table}")
        del bindings[canonical]

    def unbind_all(self, table: str) -> None:
        """Remove every binding of `table`."""
        self._tables[self._checked_name(table)].clear()

    def lookup(self, table: str, key: str) -> KeyBinding | None:
        """The binding of a canonical Textual key name in `table`, or None."""
        return self._tables.get(table, {}).get(key)

    def tables(self) -> list[str]:
        return list(self._tables)

    def bindings(self, table: str | None = None) -> Iterator[KeyBinding]:
        """Bindings of one table or of all, in table order then key order."""
        names = [self._checked_name(table)] if table else list(self._tables)
        for name in names:
            yield from sorted(self._tables[name].values(), key=lambda b: format_key(b.key))

    def list_keys(self, table: str | None = None, notes: bool = False) -> list[str]:
        """`bind-key -T prefix % split-window -h` lines, or with `notes` `%  Split the pane left and right`."""
        if notes:
            found = [b for b in self.bindings(table) if b.note]
            width = max((len(format_key(b.key)) for b in found), default=0)
            return [f"{format_key(b.key):<{width}}  {b.note}" for b in found]
        return [b.line() for b in self.bindings(table)]

    def _checked_name(self, table: str, create: bool = False) -> str:
        if table in self._tables or create:
            if not table or any(c.isspace() for c in table):
                raise ValueError(f"bad table name: {table!r}")
            return table
        raise ValueError(f"unknown key table: {table} (tables: {', '.join(self._tables)})")


# tmux 3.3a's menus (key-bindings.c), item by item: NAME KEY { COMMAND }; '' is a separator, a name that
# expands to nothing is left out and one that starts with - is shown disabled. The word under the mouse goes
# into a command unquoted, as #{q:} escapes it for that (muntin's double quotes keep unknown escapes).
SESSION_MENU = (
    " 'Next' 'n' { switch-client -n }"
    " 'Previous' 'p' { switch-client -p }"
    " ''"
    " 'Renumber' 'N' { move-window -r }"
    " 'Rename' 'n' { command-prompt -I \"#S\" { rename-session -- '%%' } }"
    " ''"
    " 'New Session' 's' { new-session }"
    " 'New Window' 'w' { new-window }")
WINDOW_MENU = (
    " '#{?#{>:#{session_windows},1},,-}Swap Left' 'l' { swap-window -t:-1 }"
    " '#{?#{>:#{session_windows},1},,-}Swap Right' 'r' { swap-window -t:+1 }"
    " '#{?pane_marked_set,,-}Swap Marked' 's' { swap-window }"
    " ''"
    " 'Kill' 'X' { kill-window }"
    " 'Respawn' 'R' { respawn-window -k }"
    " '#{?pane_marked,Unmark,Mark}' 'm' { select-pane -m }"
    " 'Rename' 'n' { command-prompt -FI \"#W\" { rename-window -t '#{window_id}' -- '%%' } }"
    " ''"
    " 'New After' 'w' { new-window -a }"
    " 'New At End' 'W' { new-window }")
PANE_MENU = (
    " '#{?#{m/r:(copy|view)-mode,#{pane_mode}},Go To Top,}' '<' { send -X history-top }"
    " '#{?#{m/r:(copy|view)-mode,#{pane_mode}},Go To Bottom,}' '>' { send -X history-bottom }"
    " ''"
    " '#{?mouse_word,Search For #[underscore]#{=/9/...:mouse_word},}' 'C-r' { if -F"
    " '#{?#{m/r:(copy|view)-mode,#{pane_mode}},0,1}' 'copy-mode -t=' ; send -Xt= search-backward #{q:mouse_word} }"
    " '#{?mouse_word,Type #[underscore]#{=/9/...:mouse_word},}' 'C-y' { copy-mode -q ; send-keys -l -- #{q:mouse_word} }"
    " '#{?mouse_word,Copy #[underscore]#{=/9/...:mouse_word},}' 'c' { copy-mode -q ; set-buffer -- #{q:mouse_word} }"
    " '#{?mouse_line,Copy Line,}' 'l' { copy-mode -q ; set-buffer -- #{q:mouse_line} }"
    " ''"
    " 'Horizontal Split' 'h' { split-window -h }"
    " 'Vertical Split' 'v' { split-window -v }"
    " ''"
    " '#{?#{>:#{window_panes},1},,-}Swap Up' 'u' { swap-pane -U }"
    " '#{?#{>:#{window_panes},1},,-}Swap Down' 'd' { swap-pane -D }"
    " '#{?pane_marked_set,,-}Swap Marked' 's' { swap-pane }"
    " ''"
    " 'Kill' 'X' { kill-pane }"
    " 'Respawn' 'R' { respawn-pane -k }"
    " '#{?pane_marked,Unmark,Mark}' 'm' { select-pane -m }"
    " '#{?#{>:#{window_panes},1},,-}#{?window_zoomed_flag,Unzoom,Zoom}' 'z' { resize-pane -Z }")
_WINDOW_TITLE = "-T '#[align=centre]#{window_index}:#{window_name}'"
_PANE_TITLE = "-T '#[align=centre]#{pane_index} (#{pane_id})'"

# The root table's mouse keys, as tmux binds them. A program that asked for the mouse gets its clicks
# first (the UI checks that before it looks here), so MouseDown3Pane opens the menu as tmux's M-MouseDown3Pane.
_ROOT_DEFAULTS: tuple[tuple[str, str, str], ...] = (
    ("MouseDown3Pane", f"display-menu -t= -xM -yM {_PANE_TITLE}{PANE_MENU}", "The pane's menu"),
    ("M-MouseDown3Pane", f"display-menu -t= -xM -yM {_PANE_TITLE}{PANE_MENU}", "The pane's menu"),
    ("MouseDown1Status", "select-window -t=", "Select the window clicked"),
    ("MouseDown3Status", f"display-menu -t= -xW -yW {_WINDOW_TITLE}{WINDOW_MENU}", "The window's menu"),
    ("MouseDown3StatusLeft", f"display-menu -t= -xM -yW -T '#[align=centre]#{{session_name}}'{SESSION_MENU}",
     "The session's menu"),
)

_RESIZE = {"Up": "-U", "Down": "-D", "Left": "-L", "Right": "-R"}
_SELECT = {"Up": "-U", "Down": "-D", "Left": "-L", "Right": "-R"}

# (key in tmux form, command text, note, repeat)
_PREFIX_DEFAULTS: tuple[tuple[str, str, str, bool], ...] = (
    ("C-b", "send-prefix", "Send the prefix key", False),
    ("%", "split-window -h", "Split the pane left and right", False),
    ('"', "split-window -v", "Split the pane top and bottom", False),
    *((k, f"select-pane {f}", f"Select the pane {k.lower()}", False) for k, f in _SELECT.items()),
    ("o", "select-pane -t :.+", "Select the next pane", False),
    (";", "last-pane", "Select the last pane", False),
    ("x", 'confirm-before -p "kill-pane #P? (y/n)" kill-pane', "Kill the pane", False),
    ("z", "resize-pane -Z", "Zoom the pane", False),
    ("C-z", "suspend-client", "Suspend the current client", False),
    ("c", "new-window", "New window", False),
    *((str(n), f"select-window -t :{n}", f"Select window {n}", False) for n in range(10)),
    ("n", "next-window", "Next window", False),
    ("p", "previous-window", "Previous window", False),
    ("l", "last-window", "Last window", False),
    ("w", "choose-tree -w", "Choose a window", False),
    ("s", "choose-tree -s", "Choose a session", False),
    ("(", "switch-client -p", "Previous session", False),
    (")", "switch-client -n", "Next session", False),
    ("L", "switch-client -l", "Last session", False),
    (",", "command-prompt -I \"#W\" \"rename-window -- '%%'\"", "Rename the window", False),
    ("$", "command-prompt -I \"#S\" \"rename-session -- '%%'\"", "Rename the session", False),
    ("&", 'confirm-before -p "kill-window #W? (y/n)" kill-window', "Kill the window", False),
    ("Space", "next-layout", "Next layout", False),
    ("M-1", "select-layout even-horizontal", "Layout: even horizontal", False),
    ("M-2", "select-layout even-vertical", "Layout: even vertical", False),
    ("M-3", "select-layout main-horizontal", "Layout: main horizontal", False),
    ("M-4", "select-layout main-vertical", "Layout: main vertical", False),
    ("M-5", "select-layout tiled", "Layout: tiled", False),
    ("{", "swap-pane -U", "Swap with the previous pane", False),
    ("}", "swap-pane -D", "Swap with the next pane", False),
    ("C-o", "rotate-window", "Rotate the panes", False),
    ("!", "break-pane", "Break the pane out to a window", False),
    *((f"C-{k}", f"resize-pane {f}", f"Resize the pane {k.lower()}", True) for k, f in _RESIZE.items()),
    *((f"M-{k}", f"resize-pane {f} 5", f"Resize the pane {k.lower()} by 5", True) for k, f in _RESIZE.items()),
    ("d", "detach-client", "Detach", False),
    ("[", "copy-mode", "Copy mode", False),
    ("PPage", "copy-mode -u", "Copy mode, a page up", False),
    ("]", "paste-buffer -p", "Paste the last copied text", False),
    (":", "command-prompt", "Command prompt", False),
    ("P", "command-palette", "Search every command", False),
    ("T", "choose-theme", "Pick a theme", False),
    ("W", "toggle-floating", "Show or hide the floating panes", False),
    ("?", "list-keys -N", "List key bindings", False),
    ("q", "display-panes", "Show pane numbers", False),
    ("=", "choose-buffer -Z", "Choose a paste buffer from a list", False),
    ("D", "choose-client -Z", "Choose a client from a list", False),
    ("<", f"display-menu -xW -yW {_WINDOW_TITLE}{WINDOW_MENU}", "The window's menu", False),
    (">", f"display-menu -xP -yP {_PANE_TITLE}{PANE_MENU}", "The pane's menu", False),
    ("t", "clock-mode", "Clock", False),
)


_SEARCH_DOWN = 'command-prompt -p "(search down)" "send-keys -X search-forward %%"'
_SEARCH_UP = 'command-prompt -p "(search up)" "send-keys -X search-backward %%"'
_GOTO = 'command-prompt -p "(goto line)" "send-keys -X goto-line %%"'

# Keys in copy mode, as tmux binds them: (key, copy-mode command or full command text, note)
_COPY_MODE_VI: tuple[tuple[str, str, str], ...] = (
    ("h", "cursor-left", "Cursor left"), ("j", "cursor-down", "Cursor down"), ("k", "cursor-up", "Cursor up"),
    ("l", "cursor-right", "Cursor right"), ("Left", "cursor-left", "Cursor left"),
    ("Down", "cursor-down", "Cursor down"), ("Up", "cursor-up", "Cursor up"), ("Right", "cursor-right", "Cursor right"),
    ("w", "next-word", "Next word"), ("b", "previous-word", "Previous word"), ("e", "next-word-end", "End of word"),
    ("W", "next-space", "Next WORD"), ("B", "previous-space", "Previous WORD"), ("E", "next-space-end", "End of WORD"),
    ("0", "start-of-line", "Start of line"), ("^", "back-to-indentation", "First non-blank"),
    ("$", "end-of-line", "End of line"), ("Home", "start-of-line", "Start of line"), ("End", "end-of-line", "End of line"),
    ("H", "top-line", "Top of the view"), ("M", "middle-line", "Middle of the view"),
    ("L", "bottom-line", "Bottom of the view"),
    ("g", "history-top", "Top of history"), ("G", "history-bottom", "Bottom of history"),
    ("C-u", "halfpage-up", "Half a page up"), ("C-d", "halfpage-down", "Half a page down"),
    ("C-b", "page-up", "Page up"), ("C-f", "page-down", "Page down"),
    ("PPage", "page-up", "Page up"), ("NPage", "page-down", "Page down"),
    ("C-y", "scroll-up", "Scroll up a line"), ("C-e", "scroll-down", "Scroll down a line"),
    ("C-Up", "scroll-up", "Scroll up a line"), ("C-Down", "scroll-down", "Scroll down a line"),
    ("v", "begin-selection", "Start selecting"), ("Space", "begin-selection", "Start selecting"),
    ("V", "select-line", "Select lines"), ("C-v", "rectangle-toggle", "Rectangle selection"),
    ("o", "other-end", "Other end of the selection"),
    ("y", "copy-selection-and-cancel", "Copy and leave"), ("Enter", "copy-selection-and-cancel", "Copy and leave"),
    ("D", "copy-end-of-line", "Copy to the end of the line"),
    ("/", _SEARCH_DOWN, "Search down"), ("?", _SEARCH_UP, "Search up"), (":", _GOTO, "Go to line"),
    ("n", "search-again", "Next match"), ("N", "search-reverse", "Previous match"),
    ("q", "cancel", "Leave copy mode"), ("C-c", "cancel", "Leave copy mode"),
    ("Escape", "clear-selection", "Clear the selection"),
)

_COPY_MODE_EMACS: tuple[tuple[str, str, str], ...] = (
    ("C-b", "cursor-left", "Cursor left"), ("C-f", "cursor-right", "Cursor right"),
    ("C-p", "cursor-up", "Cursor up"), ("C-n", "cursor-down", "Cursor down"),
    ("Left", "cursor-left", "Cursor left"), ("Right", "cursor-right", "Cursor right"),
    ("Up", "cursor-up", "Cursor up"), ("Down", "cursor-down", "Cursor down"),
    ("M-f", "next-word-end", "Next word"), ("M-b", "previous-word", "Previous word"),
    ("C-a", "start-of-line", "Start of line"), ("C-e", "end-of-line", "End of line"),
    ("M-m", "back-to-indentation", "First non-blank"),
    ("M-<", "history-top", "Top of history"), ("M->", "history-bottom", "Bottom of history"),
    ("M-v", "page-up", "Page up"), ("C-v", "page-down", "Page down"),
    ("PPage", "page-up", "Page up"), ("NPage", "page-down", "Page down"),
    ("C-Up", "scroll-up", "Scroll up a line"), ("C-Down", "scroll-down", "Scroll down a line"),
    ("C-Space", "begin-selection", "Start selecting"), ("R", "rectangle-toggle", "Rectangle selection"),
    ("M-w", "copy-selection-and-cancel", "Copy and leave"), ("C-w", "copy-selection-and-cancel", "Copy and leave"),
    ("C-k", "copy-end-of-line", "Copy to the end of the line"),
    ("C-s", _SEARCH_DOWN, "Search down"), ("C-r", _SEARCH_UP, "Search up"), ("g", _GOTO, "Go to line"),
    ("n", "search-again", "Next match"), ("N", "search-reverse", "Previous match"),
    ("q", "cancel", "Leave copy mode"), ("Escape", "cancel", "Leave copy mode"), ("C-g", "clear-selection", "Clear the selection"),
)


def default_key_tables(prefix: str = DEFAULT_PREFIX) -> KeyTables:
    """Key tables with tmux's default prefix bindings and vi keys in copy mode."""
    tables = KeyTables(prefix)
    for key, command, note, repeat in _PREFIX_DEFAULTS:
        tables.bind("prefix", key, command, note, repeat)
    for key, command, note in _ROOT_DEFAULTS:
        tables.bind("root", key, command, note)
    for table, defaults in (("copy-mode-vi", _COPY_MODE_VI), ("copy-mode", _COPY_MODE_EMACS)):
        for key, command, note in defaults:
            tables.bind(table, key, command if " " in command else f"send-keys -X {command}", note)
    return tables


def bind_from_args(tables: KeyTables, key: str, words: tuple[str, ...], table: str | None = None,
                   root: bool = False, note: str = "", repeat: bool = False) -> KeyBinding:
    """What `bind-key [-n] [-T table] [-r] [-N note] KEY COMMAND...` does, from its parsed arguments.
    A single COMMAND word is command text as it is (`bind x "kill-pane ; select-pane -L"`); several are
    split at `;` words as tmux does (`bind x split-window \\; select-layout tiled` binds both)."""
    command = words[0] if len(words) == 1 else " ; ".join(join_words(c) for c in split_argv(words))
    return tables.bind("root" if root else table or "prefix", key, command, note, repeat)


__all__ = ["DEFAULT_PREFIX", "TABLES", "KeyBinding", "KeyTables", "ParseError", "bind_from_args",
           "binding_problem", "check_binding", "default_key_tables"]
