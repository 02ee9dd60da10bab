"""Control mode (tmux's ``-C``) in the server: the %begin/%end blocks around a control client's commands,
and the notifications (%output, %layout-change, %window-add, ...) every control client reads."""

from __future__ import annotations

import asyncio
import collections
import itertools
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from muntin.commands import ParseError, Result, TargetKind, resolve
from muntin.protocol import ClientKind, make

if TYPE_CHECKING:
    from muntin.server._clients import Client
    from muntin.session import Pane, Session, Window

_NUMBER = itertools.count(1)
"""Each command a control client sees run has the next number in its %begin and %end, as tmux's."""
CHUNK = 1 << 20
"""Bytes of control-mode text per ``control`` message; also the most kept back while a client's command runs
(past that what is kept goes out at once, before the command's %end)."""
YIELD_EVERY = 64
"""Commands of one line run before the loop serves the others."""
FLAGS = ("no-output", "wait-exit", "read-only", "ignore-size", "active-pane", "no-detach-on-destroy")
"""refresh-client -f: the client flags muntin keeps (only no-output and wait-exit change what it does)."""
_SIZE = re.compile(r"^(\d+)[x,](\d+)$")
_ESCAPED = re.compile(rb"[\x00-\x1f\\]")


def escape(data: bytes) -> bytes:
    """%output's value: bytes below 32 and the backslash as three octal digits, as tmux writes them."""
    return _ESCAPED.sub(lambda match: b"\\%03o" % match[0][0], data)


class ControlState:
    """What the server keeps for one control client."""

    def __init__(self) -> None:
        self.sized = False  # refresh-client -C gave it a size: until then it does not size windows
        self.flags: set[str] = set()
        self.busy = 0  # its commands running: what happens meanwhile is written after their %end
        self.held: list[bytes] = []
        self.held_size = 0
        self.told: int | None = None  # the id of the session it was last told it is attached to
        self.pause_after: float | None = None  # -f pause-after=N: seconds a pane's output may lag behind
        self.off: set[int] = set()  # -A %P:off: panes whose output it does not want
        self.paused: set[int] = set()  # panes paused (%pause) until -A %P:continue
        self.backlog: dict[int, collections.deque[tuple[float, int]]] = {}  # pane -> (when, end) it is sent

    def age(self, client: Client, pane: int) -> float:
        """Seconds the oldest %output of ``pane`` this client has not read yet has waited (0: none)."""
        backlog = self.backlog.get(pane)
        read = client.written - client.queued
        while backlog and backlog[0][1] <= read:
            backlog.popleft()
        return time.monotonic() - backlog[0][0] if backlog else 0.0


@dataclass(frozen=True)
class _WindowSeen:
    session: int
    name: str
    active: int
    layout: str
    flags: str
    custom: bool  # named by rename-window (or new-window -n), not after its program


class Control:
    """The server's control clients and what they have been told of the model."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self._windows: dict[int, _WindowSeen] = {}
        self._sessions: dict[int, tuple[str, int]] = {}  # id -> (name, current window id)
        self._modes: set[int] = set()  # panes in a mode (copy mode)
        self._due = False
        self._members: set[Client] = set()

    # -- clients -----------------------------------------------------------------------------------------

    def clients(self) -> list[Client]:
        """The control clients still connected (cheap when there are none: every pane read asks)."""
        if not self._members:
            return []
        self._members = {c for c in self._members if not c.closed and c in self.server.clients}
        return sorted(self._members, key=lambda c: c.connected_at)

    def write(self, client: Client, line: bytes) -> None:
        state = client.control
        if state is None:
            return
        if state.busy:
            state.held.append(line)
            state.held_size += len(line) + 1
            if state.held_size > CHUNK:  # a command that runs long while a pane floods: bounded, not in order
                self._release(client, force=True)
        else:
            self._send(client, line + b"\n")

    @staticmethod
    def _send(client: Client, data: bytes) -> None:
        for start in range(0, len(data), CHUNK):
            client.send(make("control", text=data[start:start + CHUNK].decode("latin-1")))

    def flush(self) -> None:
        """Tell every control client what changed now, before some of them are closed (their session ended)."""
        self.sync()
        for client in self.clients():
            self._release(client, force=True)

    def _release(self, client: Client, *, force: bool = False) -> None:
        state = client.control
        if state is not None and (force or not state.busy) and state.held:
            held, state.held, state.held_size = state.held, [], 0
            self._send(client, b"".join(line + b"\n" for line in held))

    def start(self, client: Client) -> None:
        """``client`` is a control client from now on."""
        if not self.clients():
            self._look(quiet=True)  # what changed while nobody watched is nobody's news
        client.control = ControlState()
        self._members.add(client)
        client.kind = ClientKind.UI  # attached like a UI (detach-client, switch-client reach it), drawn by nobody

    def attach(self, client: Client, session: Session) -> None:
        previous = client.session
        client.session = session
        session.environment.update(client.env)
        client.touch()
        self.server.model.touch(session)
        self.server.fit_sizes()
        self.sync()
        if previous is None:
            self.server.raise_hook("client-attached", session)
        elif previous is not session:
            self.server.raise_hook("client-session-changed", session)

    def detached(self, client: Client) -> None:
        """``client`` left its session: the other control clients hear of it (%client-detached)."""
        line = f"%client-detached {_client_name(client)}".encode()
        for other in self.clients():
            if other is not client:
                self.write(other, line)

    # -- pane output -------------------------------------------------------------------------------------

    def output(self, pane: Pane, data: bytes) -> None:
        clients = self.clients()
        if not clients:
            return
        window = pane.window
        value = escape(data)
        for client in clients:
            state = client.control
            if client.session is None or window is None or window.session is not client.session or state is None:
                continue
            if "no-output" in state.flags or pane.id in state.off or pane.id in state.paused:
                continue
            if state.pause_after is None:
                self.write(client, b"%%output %%%d %s" % (pane.id, value))
                continue
            age = state.age(client, pane.id)
            if age >= state.pause_after:  # too far behind: nothing more of it until -A %P:continue
                state.paused.add(pane.id)
                state.backlog.pop(pane.id, None)
                self.write(client, b"%%pause %%%d" % pane.id)
                continue
            self.write(client, b"%%extended-output %%%d %d : %s" % (pane.id, int(age * 1000), value))
            state.backlog.setdefault(pane.id, collections.deque()).append((time.monotonic(), client.written))

    # -- what changed ------------------------------------------------------------------------------------

    def changed(self) -> None:
        """Something in the model may have changed: the control clients hear of it soon (once)."""
        clients = self.clients()
        if self._due or not clients or any(c.control.busy for c in clients):  # type: ignore[union-attr]
            return  # (a control client's command looks once it has ended: a window it kills is one change)
        self._due = True
        asyncio.get_running_loop().call_soon(self.sync)

    def sync(self) -> None:
        self._due = False
        self._look(quiet=not self.clients())

    def _look(self, *, quiet: bool) -> None:
        model = self.server.model
        windows: dict[int, _WindowSeen] = {}
        owners: dict[int, Window] = {}
        sessions: dict[int, tuple[str, int]] = {}
        modes: set[int] = set()
        for session in model.sessions.values():
            if not session.window_map:
                continue
            sessions[session.id] = (session.name, session.window.id)
            for window in session.windows:
                summary = window.to_dict()
                flags = "".join(mark for mark, on in (("*", summary["active"]), ("-", summary["last"]),
                                                      ("#", summary["activity"]), ("!", summary["bell"]),
                                                      ("Z", summary["zoomed"])) if on)
                name = window.custom_name or window.auto_name  # "" until its program is known
                windows[window.id] = _WindowSeen(session.id, name, window.active, summary["layout"], flags,
                                               bool(window.custom_name))
                owners[window.id] = window
                modes.update(pane.id for pane in window.panes if pane.copy is not None)
        old_windows, old_sessions, old_modes = self._windows, self._sessions, self._modes
        self._windows, self._sessions, self._modes = windows, sessions, modes
        if quiet:
            return
        clients = self.clients()
        lines: list[tuple[bytes, Any]] = []  # (line, who hears it: None for all, else a predicate)

        def every(line: str) -> None:
            lines.append((line.encode(), None))

        def linked(wid: int, inside: str, outside: str) -> None:
            owner = windows[wid].session if wid in windows else None
            lines.append(((inside, outside), lambda c, owner=owner: c.session is not None and c.session.id == owner))

        for sid, (name, current) in sessions.items():
            before = old_sessions.get(sid)
            if before is not None and before[1] != current:
                every(f"%session-window-changed ${sid} @{current}")
        for wid in windows.keys() - old_windows.keys():
            linked(wid, f"%window-add @{wid}", f"%unlinked-window-add @{wid}")
        for wid in old_windows.keys() - windows.keys():  # not to a client whose session ends with it, as tmux
            lines.append((f"%unlinked-window-close @{wid}".encode(), lambda c: c.session is None
                          or model.sessions.get(c.session.name) is c.session))
        for wid, seen in windows.items():
            before = old_windows.get(wid)
            if before is None:
                continue
            if before.name != seen.name and (before.name or seen.custom):  # its program's first name is none
                linked(wid, f"%window-renamed @{wid} {seen.name}", f"%unlinked-window-renamed @{wid} {seen.name}")
            if before.active != seen.active:
                every(f"%window-pane-changed @{wid} %{seen.active}")
            if before.layout != seen.layout:
                line = f"%layout-change @{wid} {seen.layout} {seen.layout} {seen.flags}"
                lines.append((line.encode(), lambda c, owner=seen.session: c.session is not None
                              and c.session.id == owner))
        for pane_id in sorted(modes ^ old_modes):
            if pane_id in modes or any(pane_id in w.pane_map for w in owners.values()):
                every(f"%pane-mode-changed %{pane_id}")
        for sid, (name, _) in sessions.items():
            before = old_sessions.get(sid)
            if before is not None and before[0] != name:
                every(f"%session-renamed ${sid} {name}")
        if sessions.keys() != old_sessions.keys():
            every("%sessions-changed")
        for line, who in lines:
            for client in clients:
                if isinstance(line, tuple):
                    if client.session is None:
                        continue
                    self.write(client, (line[0] if who(client) else line[1]).encode())
                elif who is None or who(client):
                    self.write(client, line)
        for client in clients:
            session = client.session
            state = client.control
            if session is None or state is None or state.told == session.id:
                continue
            state.told = session.id
            for other in clients:
                if other is client:
                    self.write(other, f"%session-changed ${session.id} {session.name}".encode())
                elif other.session is not None:
                    self.write(other, f"%client-session-changed {_client_name(client)} ${session.id} "
                                      f"{session.name}".encode())

    # -- commands ----------------------------------------------------------------------------------------

    async def request(self, client: Client, message: Mapping[str, Any]) -> None:
        """A control client's command line (``text``), or its first command (``argv``, block flags 0): each
        command in a %begin/%end (or %error) block, what it caused after; then the request's result."""
        state = client.control
        assert state is not None
        server = self.server
        flags = 1 if isinstance(message.get("text"), str) else 0
        ok = True
        try:
            if flags:
                invocations = server.aliases.parse(message["text"])
            else:
                commands = message.get("commands")
                commands = commands if isinstance(commands, list) else [message.get("argv") or ()]
                invocations = [each for words in commands if isinstance(words, list)
                               for each in server.aliases.parse_argv([str(word) for word in words])]
        except ParseError as error:
            self._block(client, flags, Result.failure(f"parse error: {error.message}"))
            invocations = []
            ok = False
        for count, invocation in enumerate(invocations, 1):
            if count % YIELD_EVERY == 0:
                await asyncio.sleep(0)
            state.busy += 1
            try:
                result = await self._run(client, invocation)
            finally:
                state.busy -= 1
            self._block(client, flags, result, invocation.spec.name)
            self.sync()
            self._release(client)
            if not result.ok:
                ok = False
                break
        self._release(client)
        if not server.model.sessions and server.had_session:
            server.stop()
        client.send(make("result", id=message["id"], ok=ok, output="", error="", code=0 if ok else 1,
                         data={"session": client.session.name if client.session is not None else None,
                               "flags": sorted(state.flags)}))

    async def _run(self, client: Client, invocation: Any) -> Result:
        server = self.server
        name = invocation.spec.name
        if name == "attach-session":  # this client attaches (or moves) to the session
            try:
                found = resolve(server.view(), invocation.args.target, server.current(), TargetKind.SESSION)
            except LookupError as error:
                return Result.failure(str(error), os.EX_USAGE)
            if found.session is None:
                return Result.failure("no sessions", os.EX_USAGE)
            self.attach(client, found.session)
            return Result.success()
        result = await server.run_as(client, invocation)
        if name == "new-session" and result.ok and not invocation.args.has("-d"):
            data = result.data if isinstance(result.data, dict) else {}
            session = server.model.sessions.get(data.get("session"))
            if session is not None:
                self.attach(client, session)
        return result

    def _block(self, client: Client, flags: int, result: Result, name: str = "") -> None:
        number, now = next(_NUMBER), int(time.time())
        lines = [b"%%begin %d %d %d" % (now, number, flags)]
        lines += [line.encode("utf-8", "surrogateescape") for line in result.output]
        error = result.error.removeprefix(f"{name}: ") if name else result.error  # tmux names no command
        if error:
            lines += [line.encode("utf-8", "surrogateescape") for line in error.rstrip("\n").split("\n")]
        lines.append(b"%%%s %d %d %d" % (b"end" if result.ok else b"error", now, number, flags))
        self._send(client, b"".join(line + b"\n" for line in lines))

    # -- refresh-client ----------------------------------------------------------------------------------

    def refresh(self, client: Client | None, size: str | None, flags: str | None,
                panes: Sequence[str] = ()) -> list[str]:
        """refresh-client -C WxH, -f FLAGS and -A %P:STATE for the calling control client: the lines its
        block holds (%pause, %continue); ValueError says what is wrong."""
        if client is None or client.control is None:
            raise ValueError("not a control client")
        state = client.control
        changes: list[tuple[str, bool]] = []
        for word in (flags or "").split(","):
            if not word:
                continue
            on = not word.startswith("!")
            name, _, value = word.lstrip("!").partition("=")
            if name == "pause-after":  # as tmux: pause-after (0) or pause-after=SECONDS; !pause-after clears it
                state.pause_after = (float(int(value)) if value.isdigit() else 0.0) if on else None
                if not on:
                    state.backlog.clear()
            elif name in FLAGS:
                changes.append((name, on))
        told = [line for word in panes if (line := self._pane_state(state, word))]
        if size is not None:
            match = _SIZE.match(size)
            if match is None:
                raise ValueError("bad size argument")
            width, height = int(match[1]), int(match[2])
            if not (1 <= width <= 10000 and 1 <= height <= 10000):
                raise ValueError("size too small or too big")
            client.width, client.height = width, height
            state.sized = True
            client.touch()
        for name, on in changes:
            if on:
                state.flags.add(name)
            else:
                state.flags.discard(name)
        if changes:
            client.send(make("control", text="", flags=sorted(state.flags)))
        if size is not None:
            self.server.fit_sizes()
        return told


    def _pane_state(self, state: ControlState, word: str) -> str:
        """-A %P:on|off|pause|continue: what it says (anything else is ignored, as by tmux)."""
        pane_text, _, what = word.partition(":")
        if not pane_text.startswith("%") or not pane_text[1:].isdigit():
            return ""
        pane = int(pane_text[1:])
        try:
            self.server.model.locate(pane)
        except LookupError:
            return ""
        if what == "on":
            state.off.discard(pane)
        elif what == "off":
            state.off.add(pane)
        elif what == "continue" and pane in state.paused:
            state.paused.discard(pane)
            state.backlog.pop(pane, None)
            return f"%continue %{pane}"
        elif what == "pause" and pane not in state.paused:
            state.paused.add(pane)
            state.backlog.pop(pane, None)
            return f"%pause %{pane}"
        return ""


def _client_name(client: Client) -> str:
    return client.tty or f"client-{client.pid}"
