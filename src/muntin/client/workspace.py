"""Bringing up a workspace file in a running server: sessions, windows, splits with sizes, commands, and lines
typed into shells only once they are ready, so none is lost."""

from __future__ import annotations

import os
import re
import shlex
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from muntin.client import CommandResult, Connection
from muntin.config.workspace import PaneSpec, SendSpec, SplitDirection, SplitSpec, WindowSpec, Workspace

READY_TIMEOUT = 15.0
QUIET = 0.4  # seconds without new output that count as a shell waiting at its prompt


class ApplyError(RuntimeError):
    """A step of bringing up the workspace failed; the message says which pane or window."""


@dataclass
class Started:
    """What the applier made: the session's name, and each pane's id with its spec, in file order."""

    session: str = ""
    panes: list[tuple[str, PaneSpec]] = field(default_factory=list)
    focus_window: str | None = None
    focus_pane: str | None = None
    focus_panes: list[str] = field(default_factory=list)


def _argv(pane: PaneSpec) -> list[str]:
    """The pane's program: its command (one word, a line the server gives to the shell), its shell, or
    nothing (the default)."""
    if pane.command:
        return [pane.command]
    if pane.shell:
        return shlex.split(pane.shell)
    return []


def _env_flags(env) -> list[str]:
    return [word for key, value in env.items() for word in ("-e", f"{key}={value}")]


def _share(size) -> float | None:
    """A size as a share of its split: percentages as given, cells as cells (None: an even share)."""
    if size is None:
        return None
    if isinstance(size, str) and size.endswith("%"):
        return float(size[:-1])
    return float(size)


class Applier:
    """Runs the commands that build a workspace, through one connection to the server."""

    def __init__(self, connection: Connection, *, say: Callable[[str], None] = lambda text: None) -> None:
        self.connection = connection
        self.say = say
        self.started = Started()
        self.plain_shells: set[str] = set()
        self.unready: set[str] = set()  # panes that were waited for once in vain: their lines go at once

    def run(self, *argv: str) -> CommandResult:
        result = self.connection.command(list(argv))
        if not result.ok:
            raise ApplyError(f"{argv[0]}: {result.error}")
        return result

    # -- building ----------------------------------------------------------------------------------------

    def apply(self, workspace: Workspace) -> Started:
        windows = list(workspace.windows) or [WindowSpec()]
        session = workspace.session
        after = []  # options_after: set once the lines are typed, as tmuxp sets them after each window's panes
        for number, window in enumerate(windows):
            first = _first_pane(window.root)
            cwd = first.cwd or window.cwd or workspace.cwd or os.getcwd()
            flags = ["-c", cwd, *_env_flags(first.env or window.env or workspace.env), *_HOLD]
            if window.name:
                flags += ["-n", window.name]
            if number == 0:
                size = ["-x", str(workspace.size[0]), "-y", str(workspace.size[1])] if workspace.size else []
                words = ["new-session", "-d", *(["-s", session] if session else []), *size, *flags]
                result = self.run(*words, "--", *_argv(first))
                self.started.session = (result.data or {}).get("session") or session or ""
                pane_id = (result.data or {}).get("pane")
                self._before_script(workspace)
                self._set_options(workspace.options, "-t", f"{self.started.session}:")
                self._set_options(workspace.global_options, "-g")
                if not _argv(first) and _SPAWN_OPTIONS.intersection({*workspace.options, *workspace.global_options}):
                    # The options say what a new pane runs (default-shell): the first window is made again
                    # under them, as tmuxp makes it, and the one the session started with goes.
                    index = self.run("display-message", "-p", "-t", f"{self.started.session}:",
                                     "#{window_index}").output.strip()
                    result = self.run("new-window", "-d", "-k", "-t", f"{self.started.session}:{index}", *flags)
                    pane_id = self._newest_pane()
            else:
                at = f"{self.started.session}:{'' if window.index is None else window.index}"
                result = self.run("new-window", "-d", "-t", at, *flags, "--", *_argv(first))
                pane_id = self._newest_pane()
            if pane_id is None:
                raise ApplyError(f"window {number}: the server did not say which pane it made")
            # The window by its id: "SESSION:" would name whichever window is current when it is used.
            target_window = (result.data or {}).get("window") or (
                f"{self.started.session}:{(result.data or {}).get('index', number)}" if number else
                f"{self.started.session}:")
            self._set_options(window.set_options, "-w", "-t", target_window)
            self._build(window.root, pane_id, window, workspace)
            for option, value in window.options.items():
                if option == "synchronize-panes":
                    self.run("synchronize-panes", "-t", target_window, "on" if value else "off")
                elif option in ("main-pane-width", "main-pane-height"):  # before the layout that uses them
                    self.run("set-option", "-w", "-t", target_window, option, str(value))
            if window.layout:
                self.run("select-layout", "-t", target_window, window.layout)
            after.append((window.options_after, target_window))
            if window.focus:
                self.started.focus_window = target_window
        self._release_panes()
        self._type_lines()
        for options, target_window in after:
            self._set_options(options, "-w", "-t", target_window)
        for pane_id in self.started.focus_panes:  # the active pane of each window, then the current window
            self.run("select-pane", "-t", pane_id)
        self.run("select-window", "-t", self.started.focus_window or f"{self.started.session}:^")
        return self.started

    def _set_options(self, options, *flags: str) -> None:
        """``set-option FLAGS NAME VALUE`` for each; one the server refuses (an option muntin does not have,
        a value it does not take) is reported and the rest go on, as the file's other keys."""
        for name, value in options.items():
            result = self.connection.command(["set-option", *flags, name, value])
            if not result.ok:
                self.say(f"option {name} = {value!r} not set: {result.error}")

    def _before_script(self, workspace: Workspace) -> None:
        """tmuxp's ``before_script``: run in the session's directory once the session is made; when it cannot
        run or fails, the session is killed and nothing more is built."""
        if not workspace.before_script:
            return
        import subprocess

        try:
            code = subprocess.run(shlex.split(workspace.before_script), cwd=workspace.cwd or None,
                                  stdin=subprocess.DEVNULL).returncode
            failure = f"exited with status {code}" if code else ""
        except (OSError, ValueError) as error:
            failure = f"could not run: {getattr(error, 'strerror', None) or error}"
        if failure:
            self.connection.command(["kill-session", "-t", f"={self.started.session}"])
            raise ApplyError(f"before_script {workspace.before_script!r} {failure}: the session was not built")

    def _release_panes(self) -> None:
        """Give every pane its own remain-on-exit (the file's, or the session's), and close the panes whose
        program already ended and that the rule would not have kept."""
        import json

        session_rule = self.run("show-options", "-t", f"{self.started.session}:", "remain-on-exit").output.split()
        default = session_rule[1] if len(session_rule) == 2 else "failed"
        listing = {p["id"]: p for p in json.loads(self.run("list-panes", "-a", "--json").output or "[]")}
        for pane_id, spec in self.started.panes:
            if spec.remain_on_exit is None:
                self.run("set-option", "-p", "-u", "-t", pane_id, "remain-on-exit")
                rule = default
            else:
                rule = "on" if spec.remain_on_exit else "off"
                self.run("set-option", "-p", "-t", pane_id, "remain-on-exit", rule)
            pane = listing.get(pane_id)
            if pane is not None and pane["state"] == "dead" and not _keeps(rule, pane.get("exit")):
                self.run("kill-pane", "-t", pane_id)

    def _newest_pane(self) -> str | None:
        """The pane ``new-window`` just made: pane ids only grow, so it is the highest."""
        import json

        listing = json.loads(self.run("list-panes", "-a", "--json").output or "[]")
        ids = [int(p["id"][1:]) for p in listing]
        return f"%{max(ids)}" if ids else None

    def _build(self, node, pane_id: str, window: WindowSpec, workspace: Workspace) -> None:
        """``pane_id`` holds ``node``: a pane, or a split whose children are made by splitting it."""
        if isinstance(node, PaneSpec):
            self.started.panes.append((pane_id, node))
            if node.title:
                self.run("select-pane", "-t", pane_id, "-T", node.title)
            if node.focus:
                self.started.focus_pane = pane_id
                self.started.focus_panes.append(pane_id)
            if node.wait:
                self._wait_text(pane_id, node)
            return
        children = list(node.children)
        flag = "-h" if SplitDirection(node.direction) is SplitDirection.HORIZONTAL else "-v"
        shares = [_share(child.size) for child in children]
        known = [s for s in shares if s is not None]
        even = (100.0 - sum(known)) / max(len(children) - len(known), 1) if known else 100.0 / len(children)
        shares = [s if s is not None else even for s in shares]
        holders = [pane_id]
        remainder = pane_id
        for index in range(1, len(children)):
            rest = sum(shares[index:])
            whole = sum(shares[index - 1:])
            percent = max(1, min(99, round(100 * rest / whole))) if whole else 50
            child = children[index]
            first = _first_pane(child)
            cwd = first.cwd or window.cwd or workspace.cwd or os.getcwd()
            halves = len(children) == 2 and not known  # as tmux splits with no size: the new pane gets the half
            result = self.run("split-window", "-d", flag, *([] if halves else ["-l", f"{percent}%"]),
                              "-t", remainder, "-c", cwd,
                              *_env_flags(first.env or window.env or workspace.env), *_HOLD,
                              "--", *_argv(first))
            remainder = (result.data or {})["pane"]
            holders.append(remainder)
        for child, holder in zip(children, holders):
            self._build(child, holder, window, workspace)

    # -- typing ----------------------------------------------------------------------------------------

    def _type_lines(self) -> None:
        for pane_id, spec in self.started.panes:
            lines: Sequence[SendSpec | str] = spec.send
            if not lines:
                continue
            if self._ended(pane_id):
                continue
            self._wait_ready(pane_id)
            if spec.sleep_before:
                time.sleep(spec.sleep_before)  # asked for by the file
            for line in lines:
                item = line if isinstance(line, SendSpec) else SendSpec(line, spec.enter)
                self._wait_ready(pane_id)
                if item.sleep_before:
                    time.sleep(item.sleep_before)
                self.run("send-keys", "-t", pane_id, "-l", item.text)
                if item.enter:
                    self.run("send-keys", "-t", pane_id, "Enter")
                if item.sleep_after:
                    time.sleep(item.sleep_after)
            if spec.sleep_after:
                time.sleep(spec.sleep_after)

    def _ended(self, pane_id: str) -> bool:
        """Whether the pane's program has ended (a shell that could not start): its lines are not typed, as
        tmux drops keys sent to a dead pane, and the load goes on."""
        import json

        listing = json.loads(self.run("list-panes", "-a", "--json").output or "[]")
        pane = next((p for p in listing if p["id"] == pane_id), None)
        if pane is None or pane["state"] == "dead":
            self.say(f"pane {pane_id} has ended ({(pane or {}).get('report') or 'closed'}): the lines for it "
                     "are not typed")
            return True
        return False

    def _wait_ready(self, pane_id: str) -> None:
        """Wait until the pane's shell is ready for a line: its prompt mark (OSC 133) or its line editor
        reading (the pty left canonical mode), as the server's ``wait-for --prompt`` decides; for a shell
        that shows neither (sh reads in canonical mode), until it has printed something and gone quiet."""
        if pane_id in self.unready:
            return
        if pane_id not in self.plain_shells:
            result = self.connection.command(["wait-for", "-t", pane_id, "--prompt", "--timeout", "1"])
            if result.ok:
                return
            self.plain_shells.add(pane_id)  # no prompt mark, no line editor: judge by quiet output from now on
        deadline = time.monotonic() + READY_TIMEOUT
        previous, quiet_since = None, time.monotonic()
        while time.monotonic() < deadline:
            screen = self.run("capture-pane", "-p", "-t", pane_id).output
            now = time.monotonic()
            if screen != previous:
                previous, quiet_since = screen, now
            elif screen.strip() and now - quiet_since >= QUIET:
                return
            time.sleep(0.05)
        # A shell still starting (a slow profile): its lines go to the terminal anyway, which keeps them until
        # the shell reads them, as tmux's send-keys would have from the start.
        self.unready.add(pane_id)
        self.say(f"pane {pane_id} was not ready for typing within {READY_TIMEOUT:.0f}s (no prompt mark, no line "
                 "editor, output never went quiet): its lines are typed anyway, for the shell to read once it starts")

    def _wait_text(self, pane_id: str, spec: PaneSpec) -> None:
        if spec.send:
            self._type_pane(pane_id, spec)
        timeout = spec.wait_timeout or 60.0
        result = self.connection.command(["wait-for", "-t", pane_id, "--text", re.escape(spec.wait),
                                          "--timeout", str(timeout)])
        if not result.ok:
            raise ApplyError(f"pane {pane_id} did not show {spec.wait!r} within {timeout:.0f}s: {result.error}")

    def _type_pane(self, pane_id: str, spec: PaneSpec) -> None:
        panes = self.started.panes
        self.started.panes = [(pane_id, spec)]
        try:
            self._type_lines()
        finally:
            self.started.panes = [(p, s) if p != pane_id else (p, _without_send(s)) for p, s in panes]


_SPAWN_OPTIONS = frozenset(("default-shell", "default-command"))
"""Session options that decide what a new pane runs."""

_HOLD = ("-o", "remain-on-exit=on")
"""Every pane is made with this: a command that ends at once must not take its pane away while later panes
are still split off it. ``_release_panes`` applies each pane's own rule once the workspace stands."""


def _keeps(rule: str, exit_info: dict | None) -> bool:
    """Whether remain-on-exit ``rule`` (on, off, failed) keeps a pane that ended as ``exit_info`` says."""
    if rule == "on":
        return True
    if rule == "off":
        return False
    return bool(exit_info) and not (exit_info.get("kind") == "exited" and exit_info.get("code") == 0)


def _without_send(spec: PaneSpec) -> PaneSpec:
    from dataclasses import replace

    return replace(spec, send=())


def _first_pane(node) -> PaneSpec:
    while isinstance(node, SplitSpec):
        node = node.children[0]
    return node
