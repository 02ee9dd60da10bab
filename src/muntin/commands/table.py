"""The command table: one CommandSpec per command, looked up by name, alias or unique prefix."""

from __future__ import annotations

from collections.abc import Iterable

from muntin.commands.spec import CommandSpec, Group, Opt, Pos, TargetKind, ValueType

S, I, N, SZ = ValueType.STRING, ValueType.INT, ValueType.COUNT, ValueType.SIZE
D = ValueType.DIMENSION
P, W, SE, K, L, SV = Group.PANE, Group.WINDOW, Group.SESSION, Group.KEYS, Group.LAYOUT, Group.SERVER


def _t(kind: str) -> Opt:
    return Opt("-t", f"target {kind}", ValueType.TARGET, f"TARGET-{kind.upper()}")


def _f(flag: str, help: str) -> Opt:
    return Opt(flag, help)


_CMD = Pos("CMD", least=0, most=None)
_DIRS = (_f("-L", "left"), _f("-R", "right"), _f("-U", "up"), _f("-D", "down"))
_TABLE_OPT = Opt("-T", "key table", S, "TABLE")
_FILTER = Opt("-f", "only those for which this format is true", S, "FILTER")
_PRINT = (_f("-P", "print the new one (format -F)"), Opt("-F", "format of what -P prints", S, "FORMAT"))
_PANE, _WINDOW, _SESSION = TargetKind.PANE, TargetKind.WINDOW, TargetKind.SESSION
_JOIN = (_f("-h", "side by side"), _f("-v", "one above the other"), _f("-b", "before the target"),
         _f("-f", "the full width or height"), _f("-d", "do not select it"),
         Opt("-l", "size of the moved pane", ValueType.SIZE, "SIZE"),
         Opt("-s", "source pane", ValueType.TARGET, "SRC-PANE"), _t("pane"))


def _spec(name: str, help: str, group: Group, *options: Opt, alias: str | None = None,
          pos: tuple[Pos, ...] = (), target: TargetKind | None = None,
          exclusive: Iterable[Iterable[str]] = (), required: Iterable[Iterable[str]] = (),
          trailing: bool = False) -> CommandSpec:
    return CommandSpec(name=name, help=help, group=group, options=options, positionals=pos, alias=alias,
                       target=target, exclusive=tuple(frozenset(e) for e in exclusive),
                       one_required=tuple(frozenset(r) for r in required), trailing_command=trailing)


COMMANDS: tuple[CommandSpec, ...] = (
    # -- sessions
    _spec("new-session", "Create a new session", SE,
          _f("-d", "do not attach"), _f("-A", "attach to the session -s names when it exists"),
          Opt("-s", "session name", S, "NAME"), Opt("-n", "first window name", S, "NAME"),
          Opt("-c", "start directory", S, "DIR"), Opt("-x", "width", D, "COLS"), Opt("-y", "height", D, "ROWS"),
          Opt("-l", "layout file", S, "FILE"), Opt("-e", "environment", ValueType.ENV, repeat=True),
          Opt("-o", "pane option, set before the program starts", ValueType.ENV, "NAME=VALUE", repeat=True),
          *_PRINT, alias="new", pos=(_CMD,), trailing=True),
    _spec("attach-session", "Attach to a session", SE, _t("session"), alias="attach", target=_SESSION),
    _spec("kill-session", "Kill a session", SE, _f("-a", "every other session"), _t("session"), target=_SESSION),
    _spec("rename-session", "Rename a session", SE, _t("session"), alias="rename",
          pos=(Pos("NAME"),), target=_SESSION),
    _spec("has-session", "Succeed if the session exists (for scripts)", SE, _t("session"), alias="has",
          target=_SESSION),
    _spec("set-environment", "Set a variable for the session's new panes (-g: every session's)", SE,
          _f("-g", "global"), _f("-u", "unset: back to the inherited value"), _f("-r", "remove it from new panes"),
          _t("session"), alias="setenv", pos=(Pos("NAME"), Pos("VALUE", least=0)), target=_SESSION),
    _spec("show-environment", "Show the variables new panes get", SE, _f("-g", "global"), _t("session"),
          alias="showenv", pos=(Pos("NAME", least=0),), target=_SESSION),
    _spec("list-sessions", "List sessions", SE, Opt("-F", "format of each line", S, "FORMAT"), _FILTER,
          _f("--json", "print JSON"), alias="ls"),
    _spec("list-clients", "List the attached clients (-t: those of one session)", SE,
          Opt("-F", "format of each line", S, "FORMAT"), _t("session"), alias="lsc", target=_SESSION),
    _spec("detach-client", "Detach the current client", SE, _t("session"), alias="detach"),
    _spec("switch-client", "Show another session in the attached client", SE, _f("-n", "the next session"),
          _f("-p", "the previous session"), _f("-l", "the last session"),
          Opt("-T", "the key table for the next key", S, "TABLE"), _t("session"), alias="switchc",
          target=_SESSION, exclusive=(("-n", "-p", "-l", "-t", "-T"),)),
    # -- windows
    _spec("new-window", "Create a new window", W,
          _f("-d", "do not select it"), _f("-a", "at the index after -t"), _f("-b", "at the index before -t"),
          _f("-k", "kill the window at the index -t names"),
          Opt("-n", "window name", S, "NAME"), Opt("-c", "start directory", S, "DIR"),
          Opt("-e", "environment", ValueType.ENV, repeat=True), Opt("-o", "pane option, set before the program starts", ValueType.ENV, "NAME=VALUE", repeat=True),
          *_PRINT, _t("window"), alias="neww", pos=(_CMD,), target=_WINDOW, trailing=True,
          exclusive=(("-a", "-b"),)),
    _spec("resize-window", "Size a window by hand (manual window-size)", W,
          _f("-a", "the smallest attached client's size"), _f("-A", "the largest attached client's size"), *_DIRS,
          Opt("-x", "width", D, "WIDTH"), Opt("-y", "height", D, "HEIGHT"), _t("window"), alias="resizew",
          pos=(Pos("ADJUSTMENT", N, least=0),), target=_WINDOW, exclusive=(("-L", "-R", "-U", "-D"), ("-a", "-A"))),
    _spec("kill-window", "Kill a window", W, _f("-a", "every other window of its session"), _t("window"),
          alias="killw", target=_WINDOW),
    _spec("link-window", "Show a window in another session too (refused: a window has one session)", W,
          _f("-a", "after the target"), _f("-b", "before the target"), _f("-d", "do not select it"),
          _f("-k", "replace a window at the index"), Opt("-s", "source window", ValueType.TARGET, "SRC-WINDOW"),
          Opt("-t", "destination window", S, "DST-WINDOW"), alias="linkw"),
    _spec("unlink-window", "Unlink a window from its session (-k: killing it, its only one)", W,
          _f("-k", "kill it"), _t("window"), alias="unlinkw", target=_WINDOW),
    _spec("swap-window", "Swap two windows' places", W, _f("-d", "do not select the moved window"),
          Opt("-s", "source window", ValueType.TARGET, "SRC-WINDOW"), _t("window"), alias="swapw",
          target=_WINDOW),
    _spec("move-window", "Move a window to another index or session", W, _f("-d", "do not select it"),
          _f("-r", "renumber the session's windows"), _f("-k", "replace a window already at the index"),
          Opt("-s", "source window", ValueType.TARGET, "SRC-WINDOW"),
          Opt("-t", "destination: SESSION:INDEX, :INDEX or SESSION", S, "DST-WINDOW"), alias="movew"),
    _spec("rename-window", "Rename a window", W, _t("window"), alias="renamew", pos=(Pos("NAME"),),
          target=_WINDOW),
    _spec("select-window", "Select a window", W, _t("window"), _f("-n", "next window"),
          _f("-p", "previous window"), _f("-l", "last window"), alias="selectw", target=_WINDOW,
          exclusive=(("-n", "-p", "-l"),)),
    _spec("next-window", "Select the next window", W, _t("session"), alias="next", target=_SESSION),
    _spec("previous-window", "Select the previous window", W, _t("session"), alias="prev", target=_SESSION),
    _spec("last-window", "Select the previously used window", W, _t("session"), alias="last",
          target=_SESSION),
    _spec("list-windows", "List windows", W, _f("-a", "all sessions"), _t("session"),
          Opt("-F", "format of each line", S, "FORMAT"), _FILTER, _f("--json", "print JSON"), alias="lsw",
          target=_SESSION),
    _spec("find-window", "Find the windows whose name, title or text holds a string", W,
          _f("-C", "the visible text"), _f("-N", "the name"), _f("-T", "a pane's title"),
          _f("-i", "any case"), _f("-r", "MATCH is a regular expression"), _t("session"), alias="findw",
          pos=(Pos("MATCH"),), target=_SESSION),
    _spec("rotate-window", "Rotate the panes of a window", W, _f("-D", "rotate downwards"),
          _f("-U", "rotate upwards"), _t("window"), alias="rotatew", target=_WINDOW, exclusive=(("-D", "-U"),)),
    # -- panes
    _spec("split-window", "Split a pane into two", P,
          _f("-h", "side by side"), _f("-v", "one above the other"), _f("-b", "new pane before"),
          _f("-f", "full width or height"), _f("-d", "do not select the new pane"),
          Opt("-l", "size of the new pane", SZ, "SIZE"), Opt("-c", "start directory", S, "DIR"),
          Opt("-e", "environment", ValueType.ENV, repeat=True), Opt("-o", "pane option, set before the program starts", ValueType.ENV, "NAME=VALUE", repeat=True),
          *_PRINT, _t("pane"), alias="splitw", pos=(_CMD,), target=_PANE, exclusive=(("-h", "-v"),), trailing=True),
    _spec("display-popup", "Show a popup running a command over the client's window (-C: close it)", P,
          Opt("-E", "close when the command exits (-EE: only when it succeeds)", repeat=True),
          _f("-B", "no border"), _f("-C", "close the client's popup"), Opt("-d", "start directory", S, "DIR"),
          Opt("-w", "width (cells or N%)", S, "WIDTH"), Opt("-h", "height (cells or N%)", S, "HEIGHT"),
          Opt("-x", "column, or C R P M W", S, "X"), Opt("-y", "row of the bottom, or C P S M W", S, "Y"),
          Opt("-T", "title", S, "TITLE"), Opt("-e", "environment", ValueType.ENV, repeat=True),
          Opt("-c", "target client (its tty; default: this or the latest attached)", S, "CLIENT"), _t("pane"),
          alias="popup", pos=(_CMD,), target=_PANE, trailing=True),
    _spec("new-floating", "Add a floating pane over the window's panes (shows the floating layer)", P,
          _f("-d", "do not focus it"), Opt("-c", "start directory", S, "DIR"),
          Opt("-e", "environment", ValueType.ENV, repeat=True), *_PRINT, _t("window"), alias="newf",
          pos=(_CMD,), target=_WINDOW, trailing=True),
    _spec("toggle-floating", "Show or hide the window's floating panes (a first one when it has none)", P,
          _t("window"), alias="togglef", target=_WINDOW),
    _spec("move-floating", "Move or resize a floating pane or popup (content cells, inside its border)", P,
          Opt("-x", "column", I, "X"), Opt("-y", "row", I, "Y"), Opt("-w", "width", I, "WIDTH"),
          Opt("-h", "height", I, "HEIGHT"), _t("pane"), target=_PANE),
    _spec("kill-pane", "Kill a pane", P, _f("-a", "all other panes"), _t("pane"), alias="killp", target=_PANE),
    _spec("respawn-pane", "Run a pane's command again", P, _f("-k", "kill it if running"),
          Opt("-c", "start directory", S, "DIR"), _t("pane"), alias="respawnp", pos=(_CMD,), target=_PANE,
          trailing=True),
    _spec("respawn-window", "Run a window's first pane again in all of the window", W,
          _f("-k", "kill its panes if running"), Opt("-c", "start directory", S, "DIR"), _t("window"),
          alias="respawnw", pos=(_CMD,), target=_WINDOW, trailing=True),
    _spec("signal-pane", "Send a signal to a pane's process", P, Opt("-s", "signal", ValueType.SIGNAL),
          _t("pane"), _f("--group", "the whole process group"), _f("--foreground", "the foreground group"),
          target=_PANE, exclusive=(("--group", "--foreground"),), required=(("-s",),)),
    _spec("select-pane", "Select a pane", P, *_DIRS, _f("-l", "last pane"), Opt("-T", "set the pane's title", S, "TITLE"),
          _t("pane"), alias="selectp",
          target=_PANE, exclusive=(("-L", "-R", "-U", "-D", "-l"),)),
    _spec("last-pane", "Select the previously used pane", P, _t("window"), alias="lastp", target=_WINDOW),
    _spec("resize-pane", "Resize a pane", P, *_DIRS, _f("-Z", "toggle zoom"),
          Opt("-x", "width", SZ, "WIDTH"), Opt("-y", "height", SZ, "HEIGHT"), _t("pane"),
          alias="resizep", pos=(Pos("ADJUSTMENT", N, least=0),), target=_PANE,
          exclusive=(("-L", "-R", "-U", "-D"),)),
    _spec("swap-pane", "Swap two panes", P, _f("-U", "with the previous pane"), _f("-D", "with the next pane"),
          _f("-d", "do not change the active pane"), Opt("-s", "source pane", ValueType.TARGET, "SRC-PANE"),
          _t("pane"), alias="swapp", target=_PANE, exclusive=(("-U", "-D"),)),
    _spec("pipe-pane", "Send a pane's output to a shell command too (none: stop)", P,
          _f("-o", "only when no pipe is open (else close it: a toggle)"), _t("pane"), alias="pipep",
          pos=(_CMD,), target=_PANE, trailing=True),
    _spec("join-pane", "Move a pane into another window, split beside a pane there", P,
          *_JOIN, alias="joinp", target=_PANE, exclusive=(("-h", "-v"),)),
    _spec("move-pane", "Move a pane into a window, split beside a pane there (join-pane)", P,
          *_JOIN, alias="movep", target=_PANE, exclusive=(("-h", "-v"),)),
    _spec("break-pane", "Move a pane into a new window", P, _f("-d", "do not select it"),
          Opt("-n", "window name", S, "NAME"), *_PRINT, _t("pane"),
          Opt("-s", "the pane (then -t: where its window goes, as tmux)", ValueType.TARGET, "SRC-PANE"),
          alias="breakp", target=_PANE),
    _spec("send-keys", "Send keys to a pane", P, _f("-l", "literal text, no key names"),
          _f("-H", "each key is a byte in hexadecimal"),
          _f("-X", "run a copy-mode command"), Opt("-N", "repeat count", N, "COUNT"), _t("pane"),
          alias="send", pos=(Pos("KEY", least=0, most=None),), target=_PANE),
    _spec("capture-pane", "Capture a pane's screen", P, _f("-p", "print to stdout"),
          _f("-e", "include SGR attributes"), _f("-J", "join wrapped lines"),
          _f("-C", "with -e: ESC written as \\033 and a backslash as two, as tmux"),
          Opt("-S", "start line (negative: scrollback; -: all of it)", S, "START"),
          Opt("-E", "end line (-: the last)", S, "END"),
          Opt("-b", "buffer name", S, "NAME"), _t("pane"), alias="capturep", target=_PANE),
    _spec("list-panes", "List panes", P, _f("-a", "all sessions"), _f("-s", "the whole session"), _t("window"),
          Opt("-F", "format of each line", S, "FORMAT"), _FILTER, _f("--json", "print JSON"), alias="lsp",
          target=_WINDOW),
    _spec("display-message", "Show a message or print a format", P, _f("-p", "print to stdout"),
          _f("-a", "list every format variable and its value"), Opt("-F", "the format (instead of MESSAGE)", S,
                                                                    "FORMAT"), _t("pane"),
          alias="display", pos=(Pos("MESSAGE", least=0),), target=_PANE),
    _spec("wait-for", "Wait on a channel as tmux (-S signals it, -L locks, -U unlocks), or until a pane shows "
          "text (--text), exits (--exit) or shows a prompt (--prompt)", P,
          _f("-L", "lock the channel (wait while it is locked)"), _f("-S", "signal the channel"),
          _f("-U", "unlock the channel"), _t("pane"),
          Opt("--text", "regular expression", S, "REGEX"), _f("--exit", "the pane's process exits"),
          _f("--prompt", "the pane shows a prompt"), Opt("--timeout", "give up after", ValueType.SECONDS),
          alias="wait", pos=(Pos("CHANNEL", least=0),), target=_PANE, exclusive=(("-L", "-S", "-U"),)),
    _spec("synchronize-panes", "Type into every pane of the window at once", P, _t("window"),
          pos=(Pos("STATE", ValueType.SWITCH, least=0, choices=("on", "off")),), alias="sync", target=_WINDOW),
    _spec("copy-mode", "Enter copy mode", P, _f("-u", "scroll up one page"),
          _f("-e", "leave when scrolled back to the bottom"), _f("-q", "leave copy mode"), _t("pane"),
          target=_PANE),
    _spec("paste-buffer", "Paste a buffer into a pane", P, Opt("-b", "buffer name", S, "NAME"),
          _f("-d", "delete the buffer after"), _f("-p", "bracketed if the program asked"),
          _f("-r", "keep line feeds (default: LF becomes CR)"), Opt("-s", "line separator", S, "SEP"),
          _t("pane"), alias="pasteb", target=_PANE),
    _spec("set-buffer", "Store text in a paste buffer", P, Opt("-b", "buffer name", S, "NAME"),
          _f("-a", "append to the buffer"), alias="setb", pos=(Pos("DATA"),)),
    _spec("show-buffer", "Print a paste buffer", P, Opt("-b", "buffer name", S, "NAME"), alias="showb"),
    _spec("list-buffers", "List the paste buffers", P, Opt("-F", "format of each line", S, "FORMAT"), _FILTER,
          _f("--json", "print JSON"), alias="lsb"),
    _spec("load-buffer", "Load a file (-: the standard input) into a paste buffer", P,
          Opt("-b", "buffer name", S, "NAME"), alias="loadb", pos=(Pos("PATH"),)),
    _spec("save-buffer", "Save a paste buffer to a file (-: the standard output)", P,
          _f("-a", "append to the file"), Opt("-b", "buffer name", S, "NAME"), alias="saveb", pos=(Pos("PATH"),)),
    _spec("delete-buffer", "Delete a paste buffer", P, Opt("-b", "buffer name", S, "NAME"), alias="deleteb"),
    _spec("clear-history", "Clear a pane's scrollback", P, _t("pane"), alias="clearhist", target=_PANE),
    _spec("display-panes", "Show pane numbers", P, _t("window"), alias="displayp", target=_WINDOW),
    _spec("clock-mode", "Show a clock in a pane", P, _t("pane"), target=_PANE),
    # -- layout
    _spec("select-layout", "Arrange panes by a preset", L, _f("-n", "next layout"),
          _f("-p", "previous layout"), _f("-E", "spread panes evenly"), _t("window"), alias="selectl",
          pos=(Pos("NAME", least=0),), target=_WINDOW, exclusive=(("-n", "-p"),)),
    _spec("next-layout", "Arrange panes by the next preset", L, _t("window"), alias="nextl", target=_WINDOW),
    _spec("previous-layout", "Arrange panes by the previous preset", L, _t("window"), alias="prevl",
          target=_WINDOW),
    _spec("load-layout", "Load a layout file into a window", L, _t("window"), pos=(Pos("PATH"),),
          target=_WINDOW),
    _spec("dump-layout", "Print a window's layout string", L, _t("window"), target=_WINDOW),
    # -- keys
    _spec("bind-key", "Bind a key to a command", K, _f("-r", "repeatable"), _f("-n", "root table"),
          _TABLE_OPT, Opt("-N", "note", S, "NOTE"), alias="bind",
          pos=(Pos("KEY"), Pos("COMMAND", most=None))),
    _spec("unbind-key", "Remove a key binding", K, _f("-a", "all keys"), _f("-n", "root table"), _TABLE_OPT,
          alias="unbind", pos=(Pos("KEY", least=0),)),
    _spec("list-keys", "List key bindings", K, _TABLE_OPT, _f("-N", "with notes"), alias="lsk"),
    _spec("send-prefix", "Send the prefix key to a pane", K, _t("pane"), target=_PANE),
    _spec("suspend-client", "Suspend the attached client as a shell job (fg resumes it)", K, alias="suspendc"),
    _spec("command-palette", "Search every command and key binding by what it does", K),
    _spec("choose-tree", "Choose a session, window or pane from a list", K, _f("-s", "sessions only"),
          _f("-w", "sessions and windows"), exclusive=(("-s", "-w"),)),
    _spec("display-menu", "Show a menu: NAME KEY COMMAND for each item, an empty NAME a separator", K,
          _f("-O", "stay open when the mouse is let go"), Opt("-c", "target client", S, "TARGET-CLIENT"),
          _t("pane"), Opt("-T", "title", S, "TITLE"), Opt("-x", "position", S, "POSITION"),
          Opt("-y", "position", S, "POSITION"), alias="menu", pos=(Pos("ITEM", most=None),), target=_PANE),
    _spec("choose-buffer", "Choose a paste buffer from a list: Enter pastes it", K,
          _f("-N", "no preview"), _f("-Z", "zoom the pane"), _f("-r", "reverse the order"),
          Opt("-F", "format of each line", S, "FORMAT"), Opt("-f", "filter: a format, lines where it is true",
                                                             S, "FILTER"),
          Opt("-K", "format of each line's key", S, "KEY-FORMAT"), Opt("-O", "order: time, name or size", S,
                                                                      "SORT-ORDER"),
          _t("pane"), pos=(Pos("TEMPLATE", least=0),), target=_PANE),
    _spec("choose-client", "Choose an attached client from a list: Enter detaches it", K,
          _f("-N", "no preview"), _f("-Z", "zoom the pane"), _f("-r", "reverse the order"),
          Opt("-F", "format of each line", S, "FORMAT"), Opt("-f", "filter: a format, lines where it is true",
                                                             S, "FILTER"),
          Opt("-K", "format of each line's key", S, "KEY-FORMAT"),
          Opt("-O", "order: name, size, creation or activity", S, "SORT-ORDER"),
          _t("pane"), pos=(Pos("TEMPLATE", least=0),), target=_PANE),
    _spec("command-prompt", "Prompt for a command", K, Opt("-p", "prompt", S, "PROMPT"),
          Opt("-I", "initial text", S, "TEXT"), pos=(Pos("TEMPLATE", least=0),)),
    _spec("choose-theme", "Pick a colour theme with a live preview", K),
    _spec("confirm-before", "Ask y/n before running a command", K, Opt("-p", "prompt", S, "PROMPT"),
          alias="confirm", pos=(Pos("COMMAND", most=None),)),
    # -- server
    _spec("kill-server", "Kill the server and every pane", SV),
    _spec("list-commands", "List commands", SV, alias="lscm", pos=(Pos("COMMAND", least=0),)),
    _spec("set-option", "Set an option", SV, _f("-g", "global"), _f("-w", "for a window"), _f("-p", "for a pane"),
          _f("-s", "a server option (kept with the global ones)"),
          _f("-u", "unset"), _f("-q", "no error for an unknown option"), _f("-o", "not if already set"),
          _f("-a", "append to the value (a style's with a comma)"), _f("-F", "expand formats in the value first"),
          _t("pane"), alias="set", pos=(Pos("OPTION"), Pos("VALUE", least=0)),
          exclusive=(("-w", "-p", "-s"),)),  # -sg: a server option, -gw: the global (window) ones, as tmux
    _spec("show-options", "Show options", SV, _f("-g", "global"), _f("-w", "of a window"), _f("-p", "of a pane"),
          _f("-s", "server options"), _f("-v", "values only"), _f("-q", "no error for an unknown option"),
          _f("-A", "inherited values too, marked *"), _f("-H", "hooks too"),
          _t("pane"), alias="show", pos=(Pos("OPTION", least=0),), exclusive=(("-g", "-s"), ("-w", "-p", "-s"))),
    _spec("set-window-option", "Set a window option (-g: the global value)", SV, _f("-g", "global"),
          _f("-u", "unset"), _f("-q", "no error for an unknown option"), _f("-o", "not if already set"),
          _t("window"), alias="setw", pos=(Pos("OPTION"), Pos("VALUE", least=0)), target=_WINDOW),
    _spec("show-window-options", "Show a window's options (-g: the global window options)", SV,
          _f("-g", "global"), _f("-v", "values only"), _t("window"), alias="showw", pos=(Pos("OPTION", least=0),),
          target=_WINDOW),
    _spec("set-hook", "Set a hook: commands run after a command (after-NAME) or on an event", SV,
          _f("-a", "append to the hook's commands"), _f("-g", "global"), _f("-p", "for a pane"),
          _f("-w", "for a window"), _f("-R", "run the hook now"), _f("-u", "unset"), _t("pane"),
          pos=(Pos("HOOK"), Pos("COMMAND", least=0)), target=_PANE, exclusive=(("-g", "-p", "-w"),)),
    _spec("show-hooks", "Show hooks (-g: every hook, set or not)", SV, _f("-g", "global"), _f("-p", "of a pane"),
          _f("-w", "of a window"), _t("pane"), pos=(Pos("HOOK", least=0),), target=_PANE,
          exclusive=(("-g", "-p", "-w"),)),
    _spec("refresh-client", "Draw the attached clients again (-S: their status line; -C, -f: a control client's)",
          SV, _f("-S", "the status line only"), Opt("-C", "a control client's size", S, "WxH"),
          Opt("-f", "a control client's flags (no-output, wait-exit, ...)", S, "FLAGS"),
          Opt("-F", "the same as -f", S, "FLAGS"),
          Opt("-A", "a pane's output for a control client: on, off, pause, continue", S, "PANE:STATE",
              repeat=True),
          alias="refresh"),
    _spec("server-access", "Who may use the server (-l: list; muntin lets in its owner only)", SV,
          _f("-a", "let a user in"), _f("-d", "deny a user"), _f("-l", "list the users"), _f("-r", "read only"),
          _f("-w", "read and write"), _t("pane"), pos=(Pos("USER", least=0),), exclusive=(("-a", "-d"), ("-r", "-w"))),
    _spec("lock-server", "Lock every attached client: each runs lock-command", SV, alias="lock"),
    _spec("lock-session", "Lock the clients attached to a session", SV, _t("session"), alias="locks",
          target=_SESSION),
    _spec("lock-client", "Lock the client: it runs lock-command", SV, alias="lockc"),
    _spec("show-messages", "Show the server's message log", SV, alias="showmsgs"),
    _spec("show-prompt-history", "Show the prompts' history (-T: of one type)", SV,
          Opt("-T", "prompt type: command, search, target or window-target", S, "TYPE"), alias="showphist"),
    _spec("clear-prompt-history", "Clear the prompts' history (-T: of one type)", SV,
          Opt("-T", "prompt type: command, search, target or window-target", S, "TYPE"), alias="clearphist"),
    _spec("add-prompt-history", "Add a line to a prompt's history, as Enter in the prompt does", SV,
          Opt("-T", "prompt type: command (the default), search, target or window-target", S, "TYPE"),
          pos=(Pos("LINE"),)),
    _spec("start-server", "Start the server (it ends at once if no session is made)", SV, alias="start"),
    _spec("run-shell", "Run a shell command (-C: muntin commands), its output shown", SV,
          _f("-b", "in the background"), _f("-C", "COMMAND is muntin commands, not a shell command"),
          Opt("-d", "wait this many seconds first", S, "DELAY"), _t("pane"), alias="run",
          pos=(Pos("COMMAND", least=0),), target=_PANE),
    _spec("if-shell", "Run COMMAND if a shell command succeeds (-F: if a format is true), else ELSE", SV,
          _f("-b", "in the background"), _f("-F", "CONDITION is a format, not a shell command"), _t("pane"),
          alias="if", pos=(Pos("CONDITION"), Pos("COMMAND"), Pos("ELSE", least=0)), target=_PANE),
    _spec("source-file", "Run the commands in files (tmux's syntax, or muntin's config.toml)", SV,
          _f("-q", "quiet about a file that does not exist"), _f("-n", "parse only: check, run nothing"),
          _f("-v", "print each command before it runs"), _f("-F", "each PATH is a format"), _t("pane"),
          alias="source", pos=(Pos("PATH", most=None),)),
)

_BY_NAME: dict[str, CommandSpec] = {}
for _s in COMMANDS:
    for _n in _s.names:
        assert _n not in _BY_NAME, f"duplicate command name {_n}"
        _BY_NAME[_n] = _s


def command_names() -> list[str]:
    """Every command name and alias, sorted."""
    return sorted(_BY_NAME)


# tmux 3.3a's commands (`tmux list-commands`): a prefix that names one of them alone in tmux names it here too, so
# muntin's own commands (add-prompt-history, toggle-floating, ...) never make a tmux script's `a` or `splitw`
# ambiguous. tests/commands/test_parser.py checks the list against the installed tmux.
TMUX_COMMANDS = frozenset("""
    attach-session bind-key break-pane capture-pane choose-buffer choose-client choose-tree clear-history
    clear-prompt-history clock-mode command-prompt confirm-before copy-mode customize-mode delete-buffer
    detach-client display-menu display-message display-popup display-panes find-window has-session if-shell
    join-pane kill-pane kill-server kill-session kill-window last-pane last-window link-window list-buffers
    list-clients list-commands list-keys list-panes list-sessions list-windows load-buffer lock-client
    lock-server lock-session move-pane move-window new-session new-window next-layout next-window paste-buffer
    pipe-pane previous-layout previous-window refresh-client rename-session rename-window resize-pane
    resize-window respawn-pane respawn-window rotate-window run-shell save-buffer select-layout select-pane
    select-window send-keys send-prefix server-access set-buffer set-environment set-hook set-option
    set-window-option show-buffer show-environment show-hooks show-messages show-options show-prompt-history
    show-window-options source-file split-window start-server suspend-client swap-pane swap-window switch-client
    unbind-key unlink-window wait-for
""".split())


def find_command(name: str) -> CommandSpec:
    """The spec named `name` (full name, alias or unique prefix of a name); raises LookupError with a
    message naming the candidates."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    matches = {s.name: s for s in COMMANDS if s.name.startswith(name)} if name else {}
    if len(matches) == 1:
        return next(iter(matches.values()))
    tmux = [spec for spec_name, spec in matches.items() if spec_name in TMUX_COMMANDS]
    if len(tmux) == 1:
        return tmux[0]
    if matches:
        raise LookupError(f"ambiguous command: {name}, could be: {', '.join(sorted(matches))}")
    raise LookupError(f"unknown command: {name}")


def help_lines(name: str | None = None) -> list[str]:
    """`list-commands` output as tmux prints it, `split-window (splitw) [-hvbfd] ...`, sorted by name;
    with `name`, that command's line and its one-line help."""
    specs = [find_command(name)] if name else sorted(COMMANDS, key=lambda s: s.name)
    lines = []
    for spec in specs:
        head, _, rest = spec.usage().partition(" ")
        alias = f" ({spec.alias})" if spec.alias else ""
        lines.append(f"{head}{alias} {rest}".rstrip())
    return lines + [specs[0].help] if name else lines
