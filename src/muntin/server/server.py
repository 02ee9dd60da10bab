"""The server: one asyncio loop owning every pane, serving clients on a unix socket, pacing screen updates."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import select
import signal
import sys
import time
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from muntin.commands import (
    OPTIONS,
    CommandError,
    Current,
    ParseError,
    Result,
    TargetKind,
    combine,
    default_key_tables,
    dispatch,
    resolve,
)
from muntin.commands.aliases import CommandAliases
from muntin.commands.channels import Channels
from muntin.commands.hooks import Hooks, hook_target, run_hook, running_at
from muntin.commands.messages import MessageLog
from muntin.commands.handlers import ClientRecord, Context
from muntin.commands.options import CLIENT_OPTIONS, array_items, option_text
from muntin.layout import Rect, Split
from muntin.process import ExitKind, ExitStatus
from muntin.protocol import (
    PROTOCOL_VERSION,
    ClientKind,
    FrameDecoder,
    ProtocolError,
    StyleTable,
    encode_frame,
    encode_rows,
    input_bytes,
    make,
    validate,
)
from muntin.protocol.messages import UPDATE_ENVIRONMENT
from muntin.protocol.paths import INSIDE, check_dir, check_socket_entry, peer_pid, peer_uid, socket_is_live
from muntin.emulator import TERM
from muntin.session import (Floating, Model, ModelView, Pane, PaneCommand, Placement, RemainOnExit, Session, Window,
                            clamp_size, pane_command)
from muntin.session.colours import OuterColours, outer_colours, show_pane, show_sessions
from muntin.server.resurrect import Saver
from muntin.server._clients import CONGESTED, WINDOW_SIZES, Client  # noqa: F401 - CONGESTED: muntin.server's
from muntin.server._control import Control

FRAME_INTERVAL = 1 / 60
"""Pane updates go out at most this often."""
READ_SLICE = 0.001
"""Seconds of parsing one read should cost: each pane learns how many bytes that is for its output (a few
kB of ``yes``, tens of kB of long lines), so one read never holds the loop long."""
READ_SIZES = (1 << 10, 1 << 16)
READ_BUDGET = 0.0015
"""Seconds one pane may spend reading and parsing per readiness callback (a read at a time, until EAGAIN),
so a flooding pane can starve neither the other panes nor the socket."""
NAME_INTERVAL = 0.5
"""Seconds between looks at what runs in the panes that had output or input (automatic-rename)."""
ECHO_WINDOW = 0.25
"""Seconds after a client typed into a pane during which that pane's output is sent at once instead of
at the next frame: the echo of a key does not wait for the frame clock or queue behind a flooding pane."""
HANDSHAKE_TIMEOUT = 5.0
MAX_COMMANDS = 10_000
"""Commands one request may hold (``a ; b ; ...``); a longer one is refused before any of it runs."""
YIELD_EVERY = 0.005
"""Seconds a request's commands run before the loop serves others (other clients, panes, frames)."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

_ALERTS = {"bell": ("Bell", "visual-bell", "bell-action"),
           "activity": ("Activity", "visual-activity", "activity-action"),
           "silence": ("Silence", "visual-silence", "silence-action")}
"""Each alert: the word its message starts with, its visual- option and its -action option (tmux's)."""
"""Signals that end the server cleanly (every pane hung up first); SIGHUP does not, as in tmux."""


TERMINAL_FIELD = 256
"""The most characters kept of a client's tty path and TERM."""
PATH_FIELD = 1 << 16
"""The most characters kept of a client's PATH."""

def _hang_up_ignored() -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} muntin server: ignored SIGHUP", file=sys.stderr)


def _word_lists(value: Any) -> bool:
    """Whether ``value`` is a non-empty list of lists of strings (a command message's ``commands``)."""
    return isinstance(value, list) and bool(value) and all(
        isinstance(words, list) and all(isinstance(word, str) for word in words) for words in value)


def _plain(value: Any) -> bool:
    """Whether ``value`` is something JSON carries as it is (a result's data goes to the client then)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value is not None
    if isinstance(value, (list, tuple)):
        return all(_plain(v) or v is None for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and (_plain(v) or v is None) for k, v in value.items())
    return False


class ServerError(RuntimeError):
    """The server cannot start (the socket is in use by a live server, or its directory is unsafe)."""


class Server(Context):
    """Owns the model and the socket. ``await serve()`` runs until the last session ends or it is told to stop."""

    def __init__(self, path: Path, *, default_dir: bool = False) -> None:
        self.path = Path(path)
        self.default_dir = default_dir
        self.model = Model()
        self.keys = default_key_tables()
        self.channels = Channels()  # wait-for's channels
        self.hooks = Hooks()  # set-hook's
        self.aliases = CommandAliases()  # the command-alias server option
        self.messages = MessageLog()  # show-messages'
        self.control = Control(self)  # control-mode clients (-C) and what they were told
        self._shown: weakref.WeakKeyDictionary[Session, Window] = weakref.WeakKeyDictionary()  # current windows
        self.clients: set[Client] = set()
        self.client: Client | None = None  # the client whose command runs now
        self._stop = asyncio.Event()
        self._dirty: set[int] = set()
        self._frame_handle: asyncio.TimerHandle | None = None
        self._last_frame = 0.0
        self._tasks: set[asyncio.Task[Any]] = set()
        self._handlers: set[asyncio.Task[Any]] = set()  # one per connection (_connection)
        self._server: asyncio.AbstractServer | None = None
        self.had_session = False
        self._resuming: set[int] = set()  # panes whose turn ended inside a read: another is due
        self._typed: dict[int, Pane] = {}  # panes typed into within ECHO_WINDOW: their output goes first
        self._focused: weakref.WeakKeyDictionary[Session, Pane | None] = weakref.WeakKeyDictionary()  # focus-events
        self._names_due: set[Window] = set()  # windows whose program may have changed (automatic-rename)
        self._name_handle: asyncio.TimerHandle | None = None
        self.saver = Saver(self.model, self.path, lambda name: self.option(None, name))  # for muntin resurrect
        self._save_at_exit = False  # kill-server: the sessions it ends can be resurrected
        self.outer_colours: OuterColours | None = None  # the last UI client's terminal's, for colour queries

    # -- lifetime ----------------------------------------------------------------------------------------

    async def serve(self, ready_fd: int | None = None) -> None:
        loop = asyncio.get_running_loop()
        self._bind_checks()
        self._server = await asyncio.start_unix_server(self._connection, path=os.fspath(self.path))
        os.chmod(self.path, 0o600)
        self.saver.start()
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, self.stop)
        # As tmux, a hang-up ends nothing. Caught rather than ignored, so the programs the server starts do
        # not inherit it ignored (exec resets a caught signal, not an ignored one).
        loop.add_signal_handler(signal.SIGHUP, _hang_up_ignored)
        if ready_fd is not None:
            os.write(ready_fd, b"ready")
            os.close(ready_fd)
        try:
            await self._stop.wait()
        finally:
            await self._shutdown()

    def _bind_checks(self) -> None:
        if self.default_dir:  # a -S path's directory is the user's business, as with tmux
            check_dir(self.path.parent, create=True)
        if check_socket_entry(self.path):  # only a socket is ever replaced, never a file or a link
            if socket_is_live(self.path):
                raise ServerError(f"a server is already running on {self.path}")
            self.path.unlink()  # stale: left by a server that crashed

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """The server is ending: a hook due now does not run."""
        return self._stop.is_set()

    async def _shutdown(self) -> None:
        if self._save_at_exit:
            self.saver.save_now()
        self.saver.cancel()
        self.channels.close()
        if self._server is not None:
            self._server.close()
        try:
            if self.path.exists():
                self.path.unlink()
        except OSError:
            pass
        panes = [pane for session in self.model.sessions.values() for window in session.windows
                 for pane in window.pane_map.values()]  # the floating panes and popups too
        for pane in panes:
            pane.on_change = None
            self._drop_reader(pane)
        await asyncio.gather(*(pane.close() for pane in panes), return_exceptions=True)
        running = [task for task in self._tasks if task is not asyncio.current_task()]
        if running:  # commands finishing now (the kill-session that ended the last session) send their result
            await asyncio.wait(running, timeout=2.0)
        for client in list(self.clients):
            client.send(make("closed", reason="server exited"))
            client.close()
        for task in list(self._tasks):
            task.cancel()
        if self._handlers:  # each sees its connection close and returns: none is left to be cancelled
            await asyncio.wait(set(self._handlers), timeout=2.0)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            loop.remove_signal_handler(sig)

    def spawn_task(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # -- connections -------------------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        handler = asyncio.current_task()
        if handler is not None:
            self._handlers.add(handler)
        try:
            await self._serve_client(Client(self, reader, writer))
        except asyncio.CancelledError:  # the loop ends with the server: no error, and nothing to log
            pass
        finally:
            if handler is not None:
                self._handlers.discard(handler)

    async def _serve_client(self, client: Client) -> None:
        reader, writer = client.reader, client.writer
        sock = writer.get_extra_info("socket")
        try:
            uid = peer_uid(sock)
        except OSError:
            uid = -1
        if uid != os.getuid():
            await self._refuse(client, f"connection refused: uid {uid} is not the server's owner")
            return
        self.clients.add(client)
        try:
            client.pid = peer_pid(sock)
        except OSError:
            pass
        decoder = FrameDecoder()
        try:
            greeted = False
            while not client.closed:
                try:
                    timeout = None if greeted else HANDSHAKE_TIMEOUT
                    data = await asyncio.wait_for(reader.read(1 << 16), timeout)
                except (TimeoutError, ConnectionError):
                    break
                if not data:
                    if decoder.pending:
                        client.send(make("error", message="truncated frame at end of stream"))
                    self.channels.drop(client.tasks)  # a channel wait lasts while its connection does, both ways
                    if client.tasks:  # half-closed after its requests: they answer before it is closed
                        await asyncio.wait(set(client.tasks))
                    break
                for message in decoder.feed(data):
                    kind = validate(message)
                    if not greeted:
                        self._handshake(client, kind, message)
                        greeted = True
                    else:
                        if kind == "command":
                            await client.room()  # a client that does not read its answers is not read
                            if client.closed:
                                break
                        await self._message(client, kind, message)
                    if client.closed:
                        break
        except ProtocolError as error:
            await self._refuse(client, str(error))
        except Exception as error:  # noqa: BLE001 - a bug costs this connection, never the server
            print(f"muntin server: connection failed: {type(error).__name__}: {error}", file=sys.stderr)
            await self._refuse(client, f"internal error: {type(error).__name__}: {error}")
        finally:
            await self._close_client(client)

    async def _refuse(self, client: Client, reason: str) -> None:
        """Send the error, then let the peer read it: closing with its bytes unread would reset the connection."""
        self.clients.discard(client)
        client.refuse(reason)
        try:
            async with asyncio.timeout(1.0):
                while await client.reader.read(1 << 16):
                    pass
        except (TimeoutError, ConnectionError, OSError):
            pass
        await self._close_client(client)

    async def _close_client(self, client: Client) -> None:
        self.clients.discard(client)
        self.channels.drop(client.tasks)
        session = client.session
        popup = self.popup_of(client)
        if popup is not None:  # its popup goes with it, and the popup's program with its process group
            self.spawn_task(self.kill_pane(popup[1], 0.5))
        client.session = None
        client.close()
        try:
            await client.writer.wait_closed()
        except (ConnectionError, OSError):
            pass
        if session is not None:
            self.control.detached(client)
            self._fit_session(session)
            if session.name in self.model.sessions:
                self.raise_hook("client-detached", session)

    def _handshake(self, client: Client, kind: str, message: Mapping[str, Any]) -> None:
        if kind != "hello":
            raise ProtocolError(f"expected hello, got {kind}")
        if message["version"] != PROTOCOL_VERSION:
            raise ProtocolError(f"protocol version {message['version']} is not supported: this server speaks "
                                f"version {PROTOCOL_VERSION} (restart it with 'muntin kill-server')")
        try:
            client.kind = ClientKind(message["kind"])
        except ValueError:
            raise ProtocolError(f"unknown client kind {message['kind']!r}") from None
        env = message.get("env")
        if isinstance(env, dict):
            client.env = {str(k): str(v) for k, v in env.items() if k in UPDATE_ENVIRONMENT}
        client.tty, client.term = (str(message.get(name) or "")[:TERMINAL_FIELD] for name in ("tty", "term"))
        client.path = str(message.get("path") or "")[:PATH_FIELD]
        client.send(make("welcome", version=PROTOCOL_VERSION, pid=os.getpid()))

    async def _message(self, client: Client, kind: str, message: Mapping[str, Any]) -> None:
        if kind == "input":
            data = input_bytes(message)
            try:
                _, window, pane = self.model.locate(message["pane"])
            except LookupError:
                return
            targets = window.panes if window.synchronized else [pane]
            now = time.monotonic()
            for target in targets:
                if not target.write(data):  # its program does not read: the rest is dropped, as the UI is told
                    client.send(make("message", text=f"pane %{target.id} is not reading its input: "
                                                     f"{len(data)} bytes dropped"))
                target.typed_at = now
                self._typed[target.id] = target
            self._name_due(window)
            self._active(client)
        elif kind == "command":
            if client.kind is ClientKind.UI:
                self._active(client)
            if message.get("control") and client.control is None:
                self.control.start(client)
            task = self.spawn_task(self.control.request(client, message) if client.control is not None
                                   else self._command(client, message))
            client.tasks.add(task)
            task.add_done_callback(client.tasks.discard)
        elif kind == "attach":
            self._attach(client, message)
        elif kind == "resize":
            client.width, client.height = clamp_size(message["width"], message["height"])
            client.touch()
            if client.session is not None:
                self._fit_session(client.session)
                self.raise_hook("client-resized", client.session)
        elif kind == "colours" and client.kind is ClientKind.UI:
            self.outer_colours = outer_colours(message)  # the terminal's answers: panes answer with them
            self.show_colours()
        elif kind == "detach":
            client.send(make("closed", reason="detached"))
            client.close()
        else:
            raise ProtocolError(f"a client may not send {kind} messages")

    async def _command(self, client: Client, message: Mapping[str, Any]) -> None:
        """Run a request and send its result; whatever goes wrong, the client gets a result saying so."""
        ident = message["id"]
        try:
            result = await self._run_request(client, message)
            if result is None:
                return
            output = "".join(line + "\n" for line in result.output)
            data = result.data if _plain(result.data) else None
            await client.send_result(ident, ok=result.ok, output=output, error=result.error,
                                     code=result.exit_code, data=data)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - a bug costs this command, never the client or the server
            print(f"muntin server: command {ident} failed: {type(error).__name__}: {error}", file=sys.stderr)
            client.send(make("result", id=ident, ok=False, output="", code=os.EX_SOFTWARE,
                             error=f"internal error: {type(error).__name__}: {error}"))

    async def _run_request(self, client: Client, message: Mapping[str, Any]) -> Result | None:
        argv = message.get("argv")
        text = message.get("text")
        try:
            if isinstance(argv, list) and all(isinstance(word, str) for word in argv):
                invocations = self.aliases.parse_argv(argv)
            elif _word_lists(message.get("commands")):  # the CLI's words already split at `;`
                invocations = [each for words in message["commands"] for each in self.aliases.parse_argv(words)]
            elif isinstance(text, str):
                invocations = self.aliases.parse(text)
            else:
                client.send(make("error", message="command message needs 'argv' (a list of strings), 'commands' "
                                                  "(a list of those) or 'text'"))
                client.close()
                return None
        except ParseError as error:
            return Result.failure(str(error), os.EX_USAGE)
        if len(invocations) > MAX_COMMANDS:
            return Result.failure(f"a request of {len(invocations)} commands is over the limit of {MAX_COMMANDS}: "
                                  "send them in several requests, or from a file with source-file", os.EX_USAGE)
        where = self._requested_place(client, message)
        mouse = message.get("mouse")
        mouse = tuple(mouse) if isinstance(mouse, list) and len(mouse) in (2, 4) and \
            all(isinstance(n, int) and 0 <= n < 100_000 for n in mouse) else None
        if where is not None or mouse is not None:  # from the pane the request names (a menu's target)
            with running_at(where, mouse):
                return await self._run_invocations(client, invocations)
        return await self._run_invocations(client, invocations)

    def _requested_place(self, client: Client, message: Mapping[str, Any]) -> Current | None:
        """Where a command request asks to run from (``target``: ``%N``, ``:INDEX`` of the client's session,
        any target), when it names something still there; None: from the client's current pane."""
        text = message.get("target")
        if not isinstance(text, str) or not text:
            return None
        session = client.session if client.session is not None and client.session.name in self.model.sessions else None
        here = Current(session, session.window, session.window.active_pane) if session is not None else Current()
        try:
            found = resolve(self.view(), text, here)
        except LookupError:
            return None
        return Current(found.session, found.window, found.pane)

    async def _run_invocations(self, client: Client, invocations: list[Any]) -> Result:
        results: list[Result] = []
        clock = time.monotonic
        due = clock() + YIELD_EVERY
        for invocation in invocations:
            if clock() >= due:  # a long request lets the loop serve everyone else now and then
                await asyncio.sleep(0)
                due = clock() + YIELD_EVERY
            result = await self.run_as(client, invocation)
            results.append(result)
            if not result.ok:
                break
        result = combine(results)
        self.control.changed()
        if not self.model.sessions and self.had_session:
            self.stop()  # its sessions are gone (or the first new-session failed): nothing left to serve
        return result

    async def run_as(self, client: Client, invocation: Any) -> Result:
        """Run one command for ``client`` (its session is where the command runs from)."""
        self.client = client
        try:
            outcome = dispatch(invocation, self)
            return outcome if isinstance(outcome, Result) else await outcome
        finally:
            self.client = None

    def current(self) -> Current:
        """Where a command runs from: where the hook that runs it happened, else the calling client's
        session, else the most recently used one."""
        hooked = hook_target()
        if hooked is not None and hooked.session is not None and hooked.session.name in self.model.sessions:
            window = hooked.window if hooked.window in hooked.session.windows else hooked.session.window
            pane = hooked.pane if window is hooked.window and hooked.pane in window.panes else window.active_pane
            return Current(hooked.session, window, pane)
        session = self.client.session if self.client is not None and self.client.session is not None else None
        session = session or self.model.current()
        if session is None or session.name not in self.model.sessions:
            return Current()
        return Current(session, session.window, session.window.active_pane)

    def view(self) -> ModelView:
        return ModelView(self.model)

    # -- attached clients --------------------------------------------------------------------------------

    def _attach(self, client: Client, message: Mapping[str, Any]) -> None:
        try:
            found = resolve(self.view(), message["session"], Current(self.model.current()), TargetKind.SESSION)
            session: Session = found.session  # type: ignore[assignment]
        except LookupError as error:
            client.send(make("result", id=message["id"], ok=False, output="", error=str(error), code=os.EX_USAGE))
            return
        client.kind = ClientKind.UI
        client.width, client.height = clamp_size(message["width"], message["height"])
        session.environment.update(client.env)  # as tmux's update-environment: new panes see this client's
        previous = client.session
        client.session = session
        client.touch()
        self.model.touch(session)
        if previous is not None and previous is not session:
            self._fit_session(previous)
        self._fit_session(session, skip=client)  # the full state below has the new sizes
        client.send(make("result", id=message["id"], ok=True, output="", error="", code=0))
        self.send_state(client)
        self.raise_hook("client-attached" if previous is None else "client-session-changed", session)

    def attached(self, session: Session) -> list[Client]:
        return [c for c in self.clients if c.session is session and not c.closed]

    def client_sizes(self, session: Session) -> list[tuple[int, int]]:
        return [(c.width, c.height) for c in self.attached(session) if c.control is None or c.control.sized]

    def refresh_control(self, size: str | None, flags: str | None, panes: Sequence[str] = ()) -> list[str]:
        return self.control.refresh(self.client, size, flags, panes)

    def client_records(self) -> list[ClientRecord]:
        """Each attached client, in the order they connected; the calling one and the latest are marked."""
        attached = [c for c in self.clients if c.session is not None and not c.closed]
        ordered = sorted(attached, key=lambda c: c.connected_at)
        return [ClientRecord(c.session, c.tty, c.term, c.width, c.height, c.pid,  # type: ignore[arg-type]
                             c is self.client, c.active_at, c.created, c.activity) for c in ordered]

    def _fit_session(self, session: Session, skip: Client | None = None) -> None:
        """The session takes its attached clients' size as its window-size says (tmux's rule, for a
        session's windows together): the smallest or the largest on each axis, or the latest client's;
        manual keeps the size resize-window or new-session -x -y gave it."""
        clients = [c for c in self.attached(session) if c.control is None or c.control.sized]
        size = WINDOW_SIZES.get(self.option(session, "window-size"))
        if not clients or size is None:
            return
        width, height = size(clients)
        if (width, height) != (session.width, session.height):
            session.resize(width, height)
            self.layout_changed(session, skip=skip)

    def fit_sizes(self) -> None:
        """Every session to its clients' size again (window-size changed)."""
        for session in list(self.model.sessions.values()):
            self._fit_session(session)

    def _active(self, client: Client) -> None:
        """``client`` typed or ran a command: under window-size latest its size is the session's now."""
        client.touch()
        session = client.session
        if session is not None and self.option(session, "window-size") == "latest":
            self._fit_session(session)

    def send_state(self, client: Client) -> None:
        session = client.session
        if session is None or client.control is not None:
            return
        if client.congested:  # a slow client needs the latest state, not every step: one when it drains
            client.needs_state = True
            client.pending.clear()
            self._schedule()
            return
        client.needs_state = False
        window = session.window
        others = [c for c in self.attached(session) if c is not client]
        for pane in window.panes:  # this client gets every row now; the others get the changed ones later
            rows = pane.terminal.take_dirty()
            if pane.copy is not None and rows:
                rows = set(range(pane.terminal.rows))
            for other in others:
                other.pending.setdefault(pane.id, set()).update(rows)
        if others:
            self._schedule()
        table = StyleTable()
        panes = [self._pane_full(pane, table) for pane in self._shown_panes(window, client)]
        client.pending.clear()
        client.send(make("state", session=session.name, windows=self._windows(session),
                         layout=self._layout(window, client), panes=panes, styles=table.styles))
        client.send(make("options", options=self.client_options(session)))

    def _pane_full(self, pane: Pane, table: StyleTable) -> dict[str, Any]:
        terminal = pane.terminal
        rows = encode_rows(((y, pane.view_row(y)) for y in range(terminal.rows)), table)
        return {"pane": pane.id, "rows": rows, **self._pane_meta(pane)}

    @staticmethod
    def _pane_meta(pane: Pane) -> dict[str, Any]:
        terminal = pane.terminal
        return {**pane.view_meta(), "title": pane.title,
                "state": pane.state.value, "modes": dataclasses.asdict(terminal.modes),
                "width": pane.cols, "height": pane.rows,
                "report": pane.status.report() if pane.status is not None else None}

    @staticmethod
    def _windows(session: Session) -> list[dict[str, Any]]:
        return [window.to_dict() for window in session.windows]

    @staticmethod
    def _floating_for(window: Window, client: Client | None) -> dict[int, Floating]:
        """The floating panes ``client`` sees over ``window``: the window's own and its popup."""
        owner = client.connected_at if client is not None else None
        return {p: f for p, f in window.floating.items()
                if (f.owner is None and window.floating_shown) or (f.owner is not None and f.owner == owner)}

    def _shown_panes(self, window: Window, client: Client | None) -> list[Pane]:
        return [*window.panes, *(window.pane_map[p] for p in self._floating_for(window, client))]

    def _layout(self, window: Window, client: Client | None = None) -> dict[str, Any]:
        geometry = window.geometry()
        floating = self._floating_for(window, client)
        popup = [p for p, f in floating.items() if f.owner is not None]
        return {"window": window.index, "width": geometry.width, "height": geometry.height,
                "panes": {str(p): list(rect) for p, rect in geometry.panes.items()},
                "borders": [list(b) for b in geometry.borders],
                "active": popup[-1] if popup else window.active,
                "floating": [[p, *f.rect, f.title, f.owner is not None, f.border] for p, f in floating.items()],
                "zoomed": window.layout.zoomed is not None}

    # -- popups ------------------------------------------------------------------------------------------

    def _ui_client(self, name: str | None = None) -> Client | None:
        """The UI client named ``name`` (its tty, as list-clients shows), else the calling client when it is
        a UI, else the UI attached most recently (a popup's owner)."""
        if name:
            named = [c for c in self.clients if c.kind is ClientKind.UI and c.session is not None and c.tty == name]
            if not named:
                raise CommandError(f"can't find client: {name}")
            return named[0]
        if self.client is not None and self.client.kind is ClientKind.UI and self.client.session is not None:
            return self.client
        attached = [c for c in self.clients if c.kind is ClientKind.UI and c.session is not None and not c.closed]
        return max(attached, key=lambda c: c.active_at, default=None)

    def popup_of(self, client: Client) -> tuple[Window, Pane] | None:
        for session in self.model.sessions.values():
            for window in session.windows:
                for pane_id, floating in window.floating.items():
                    if floating.owner == client.connected_at:
                        return window, window.pane_map[pane_id]
        return None

    def open_popup(self, place: Placement, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                   env: Mapping[str, str] | None = None, title: str = "", close: int = 0,
                   border: bool = True, client_name: str | None = None) -> Pane:
        client = self._ui_client(client_name)
        if client is None or client.session is None:
            raise CommandError("no client attached to show a popup", os.EX_UNAVAILABLE)
        if self.popup_of(client) is not None:
            raise CommandError("the client has a popup open already")
        session = client.session
        window = session.window
        geometry = window.geometry()
        active = geometry.panes.get(window.active) or Rect(0, 0, geometry.width, geometry.height)
        rect = place.solve(geometry.width, geometry.height, active, border)
        remain = ("on", "off", "failed")[min(close, 2)]
        pane = self._new_pane(session, argv, cwd or self._new_pane_directory(session, window.active_pane), env,
                              rect.height, rect.width, {"remain-on-exit": remain})
        window.add_floating(pane, Floating(rect, title, client.connected_at, border))
        try:
            self._start(pane)
        except Exception:
            window.remove(pane)
            raise
        self.layout_changed(session)
        return pane

    def move_floating(self, window: Window, pane: Pane, x: int | None, y: int | None, width: int | None,
                      height: int | None) -> None:
        floating = window.floating.get(pane.id)
        if floating is None:
            raise CommandError(f"pane %{pane.id} is not floating")
        old = floating.rect
        window.move_floating(pane.id, Rect(old.x if x is None else x, old.y if y is None else y,
                                           max(old.width if width is None else width, 1),
                                           max(old.height if height is None else height, 1)))
        self.layout_changed(window.session)

    def new_floating(self, window: Window, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                     env: Mapping[str, str] | None = None, select: bool = True) -> Pane:
        session = window.session
        geometry = window.geometry()
        count = sum(1 for f in window.floating.values() if f.owner is None)
        rect = Placement().solve(geometry.width, geometry.height, Rect(0, 0, geometry.width, geometry.height), True)
        shift = min(count * 2, max(geometry.width - rect.width - 2 - rect.x, 0), max(geometry.height - rect.height - 2 - rect.y, 0))
        rect = Rect(rect.x + shift, rect.y + shift, rect.width, rect.height)  # each new one a little lower
        tiled = window.tiled_focus()
        pane = self._new_pane(session, argv, cwd or self._new_pane_directory(session, window.pane_map[tiled]), env,
                              rect.height, rect.width)
        window.add_floating(pane, Floating(rect))
        try:
            self._start(pane)
        except Exception:
            window.remove(pane)
            raise
        window.floating_shown = True
        if select:
            window.select(pane.id)
        self.layout_changed(session)
        return pane

    def toggle_floating(self, window: Window) -> Pane | None:
        if window.floating_shown:
            window.show_floating(False)
        elif window.floating_top() is None and not any(f.owner is None for f in window.floating.values()):
            return self.new_floating(window)
        else:
            window.show_floating(True)
        self.layout_changed(window.session)
        return None

    def _popup_follows(self, client: Client) -> None:
        """A client's popup goes with it to the window it shows now (it belongs to the client)."""
        found = self.popup_of(client)
        if found is None or client.session is None or found[0] is client.session.window:
            return
        old, pane = found
        floating = old.floating[pane.id]
        old.remove(pane)
        client.session.window.add_floating(pane, floating)
        client.session.window.apply_sizes()

    async def close_popup(self, client_name: str | None = None) -> bool:
        """Close the calling (or latest, or named) client's popup and end its program; False: it has none."""
        client = self._ui_client(client_name)
        found = self.popup_of(client) if client is not None else None
        if found is None:
            return False
        await self.kill_pane(found[1], 0.5)
        return True

    # -- Context: what command handlers do through the server --------------------------------------------

    def new_session(self, name: str | None, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                    env: Mapping[str, str] | None = None, width: int = 80, height: int = 24,
                    window_name: str = "", options: Mapping[str, Any] | None = None) -> Session:
        name = name or self.model.new_session_name()
        session = Session(self.model.new_id("session"), name, width, height)
        if self.client is not None:
            session.environment.update(self.client.env)  # the creating client's display, ssh agent, ...
        session.remain_on_exit = RemainOnExit(self.model.options.get("remain-on-exit", "failed"))
        self.model.add_session(session)
        self.had_session = True
        try:
            self.new_window(session, argv=argv, cwd=cwd, env=env, name=window_name, options=options)
        except Exception:
            self.model.remove_session(session)
            raise
        self._shown[session] = session.window
        self.raise_hook("session-created", session)
        return session

    def new_window(self, session: Session, *, argv: Sequence[str] | None = None, cwd: str | None = None,
                   env: Mapping[str, str] | None = None, name: str = "", select: bool = True,
                   options: Mapping[str, Any] | None = None) -> Window:
        if cwd is None and session.window_map:  # -c, else new-pane-directory says
            cwd = self._new_pane_directory(session, session.window.active_pane)
        pane = self._make_pane(session, argv, cwd, env, session.height, session.width, options)
        if not session.path:  # its first window: where the session works (#{session_path})
            session.path = os.path.abspath(os.path.expanduser(cwd)) if cwd else os.getcwd()
        window = Window(session, self.model.new_id("window"),
                        session.next_index(int(self.option(session, "base-index"))), name, pane, session.width,
                        session.height)
        session.window_map[window.index] = window
        if select or session.active not in session.window_map:
            session.select(window.index)
        self.windows_changed(session)
        self.layout_changed(session)
        self.raise_hook("window-linked", session, window)
        return window

    def split(self, window: Window, pane: Pane, split: Split, *, before: bool = False,
              size: int | str | None = None, full: bool = False, argv: Sequence[str] | None = None,
              cwd: str | None = None, env: Mapping[str, str] | None = None, select: bool = True,
              options: Mapping[str, Any] | None = None) -> Pane:
        cwd = cwd or self._new_pane_directory(window.session, pane)
        new = self._new_pane(window.session, argv, cwd, env, pane.rows, pane.cols, options)
        window.add_split(pane, new, split, before=before, size=size, full=full)
        try:
            self._start(new)
        except Exception:
            window.remove(new)
            raise
        if select:
            window.select(new.id)
        self.layout_changed(window.session)
        return new

    def _new_pane_directory(self, session: Session, pane: Pane) -> str | None:
        """Where a new pane starts without -c: ``pane``'s current directory, or with new-pane-directory
        session the session's (tmux's rule)."""
        if self.option(session, "new-pane-directory") == "session":
            return session.path or None
        return pane.info()["cwd"]

    def option(self, session: Session | None, name: str) -> Any:
        """An option's value for ``session``: set on the session, else globally, else the default."""
        if session is not None and name in session.options:
            return session.options[name]
        return self.model.options.get(name, OPTIONS[name].default)

    def pane_environment(self, session: Session, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """A new pane's environment: the server's, then the global and the session's set-environment (a
        variable set to None is removed), then the command's ``-e``."""
        env = dict(os.environ)
        for layer in (self.model.environment, session.environment, extra or {}):
            for name, value in layer.items():
                if value is None:
                    env.pop(name, None)
                else:
                    env[name] = value
        client = self.client
        if client is not None and client.session is None and client.path:
            # A command line's panes find programs on its PATH, not the session's (tmux's rule): else
            # `muntin new myprogram` would not find what the shell it was typed in finds.
            env["PATH"] = client.path
        return env

    def command_argv(self, session: Session, argv: Sequence[str] | None,
                     env: Mapping[str, str] | None = None) -> PaneCommand:
        """What a pane runs: ``argv`` as given (one word is a shell line), else the default command
        (through the default shell), else the default shell (else the user's) as a login shell."""
        return pane_command(argv, shell=self.option(session, "default-shell") or None,
                            default=self.option(session, "default-command") or None,
                            path=(env if env is not None else os.environ).get("PATH"))

    def _new_pane(self, session: Session, argv: Sequence[str] | None, cwd: str | None,
                  env: Mapping[str, str] | None, rows: int, cols: int,
                  options: Mapping[str, Any] | None = None) -> Pane:
        """A pane with the options in force: the default command or shell, TERM, and scrollback size."""
        env = self.pane_environment(session, env)
        env[INSIDE] = f"{self.path},{os.getpid()},${session.id}"  # as $TMUX: a command in the pane finds us
        command = self.command_argv(session, argv, env)
        pane = Pane(self.model.new_pane_id(), argv=command.argv, arg0=command.arg0, given=command.given,
                    cwd=cwd, env=env, rows=rows, cols=cols, scrollback=self.option(session, "history-limit"),
                    term=self.option(session, "default-terminal") or TERM)
        pane.options.update(options or {})  # before the program starts: remain-on-exit holds from its start
        show_pane(pane, self.option(session, "theme"), self.outer_colours)
        return pane

    def _make_pane(self, session: Session, argv: Sequence[str] | None, cwd: str | None,
                   env: Mapping[str, str] | None, rows: int, cols: int,
                   options: Mapping[str, Any] | None = None) -> Pane:
        pane = self._new_pane(session, argv, cwd, env, rows, cols, options)
        self._start(pane)
        return pane

    def _start(self, pane: Pane) -> None:
        pane.on_change = self._pane_changed
        pane.on_output = self.control.output
        pane.start()
        asyncio.get_running_loop().add_reader(pane.fd, self._readable, pane)

    async def respawn(self, pane: Pane) -> None:
        """Run the pane's command again in the same place (ending the running one first)."""
        pane.on_change = None
        self._drop_reader(pane)
        await pane.close(0.5)
        pane.terminal.feed(b"\x1b[H\x1b[2J")
        self._start(pane)
        self._mark(pane)

    async def kill_pane(self, pane: Pane, grace: float = 1.0) -> ExitStatus | None:
        session, window, _ = self.model.locate(pane.id)
        pane.on_change = None
        self._drop_reader(pane)
        status = await pane.close(grace)
        self._remove_pane(session, window, pane)
        return status

    async def kill_window(self, window: Window) -> None:
        await asyncio.gather(*(self.kill_pane(p) for p in window.floating_panes))
        await asyncio.gather(*(self.kill_pane(p) for p in window.panes))

    async def kill_session(self, session: Session) -> None:
        await asyncio.gather(*(self.kill_window(w) for w in session.windows))
        if not self.model.sessions:  # every session ended on purpose: none to resurrect
            self.saver.forget()

    def kill_server(self) -> None:
        self._save_at_exit = True
        self.stop()

    def _move_focus(self, session: Session) -> None:
        """focus-events: the pane that stops being the session's active one gets ``CSI O``, the one that
        becomes it ``CSI I`` (each only when its program asked for focus reports, mode 1004)."""
        window = session.window_map.get(session.active)
        pane = window.pane_map.get(window.active) if window is not None else None
        before = self._focused.get(session)
        self._focused[session] = pane
        if pane is before or not self.option(session, "focus-events"):
            return
        for gone, report in ((before, b"\x1b[O"), (pane, b"\x1b[I")):
            if gone is not None and gone.status is None and gone.terminal.modes.focus_events:
                gone.write(report)

    def layout_changed(self, session: Session, skip: Client | None = None) -> None:
        for window in session.windows:  # a command may have changed a window that is not the current one
            window.apply_sizes()
        self._move_focus(session)
        self.saver.changed()
        self.control.changed()
        if not session.window.custom_name:
            self._name_due(session.window)  # its active pane may be another one now
        for client in self.attached(session):
            if client is skip:
                continue
            if client.needs_state or client.congested:
                self.send_state(client)
                continue
            client.send(make("layout", **self._layout(session.window, client)))
            for pane in self._shown_panes(session.window, client):
                client.pending.setdefault(pane.id, set()).update(range(pane.rows))
        self._schedule()

    def _name_due(self, window: Window | None) -> None:
        """Look at what runs in ``window`` soon (its name may follow it)."""
        if window is None:
            return
        self._names_due.add(window)
        if self._name_handle is None:
            self._name_handle = asyncio.get_running_loop().call_later(NAME_INTERVAL, self._check_names)

    def _check_names(self) -> None:
        """automatic-rename, as in tmux: a window without a name of its own is called after the program in
        its active pane (vim, python3, less; the shell again once it is back at its prompt)."""
        self._name_handle = None
        due, self._names_due = self._names_due, set()
        changed: set[Session] = set()
        for window in due:
            session = window.session
            if session.window_map.get(window.index) is not window or \
                    self.model.sessions.get(session.name) is not session:  # closed since
                continue
            for pane in window.panes:  # a pane without a title of its own shows its program on its border
                command = pane.current_command()
                if command != pane.command_name:
                    pane.command_name = command
                    if not pane.terminal.title:
                        self._mark(pane)
            automatic = window.options.get("automatic-rename", self.option(session, "automatic-rename"))
            pane = window.pane_map.get(window.active)
            if pane is None:
                continue
            # With automatic-rename off the name stays what it was (at first, the pane's program).
            name = pane.command_name if automatic else window.auto_name or os.path.basename(pane.argv[0])
            if name != window.auto_name:
                window.auto_name = name
                changed.add(session)
        for session in changed:
            self.windows_changed(session)

    def windows_changed(self, session: Session) -> None:
        self.saver.changed()
        self.control.changed()
        for window in session.windows:
            if not window.custom_name:
                self._name_due(window)
        for client in self.attached(session):
            if client.needs_state or client.congested:
                self.send_state(client)
                continue
            client.send(make("windows", session=session.name, windows=self._windows(session)))

    def window_selected(self, session: Session) -> None:
        self.control.changed()
        self._move_focus(session)
        for client in self.attached(session):
            self._popup_follows(client)
            self.send_state(client)
        window = session.window_map.get(session.active)
        if window is not None and self._shown.get(session, window) is not window:  # the current window changed
            self.raise_hook("session-window-changed", session, window)
        if window is not None:
            self._shown[session] = window

    def send_action(self, session: Session | None, name: str, args: Mapping[str, Any],
                    client: str | None = None) -> int:
        if client is not None:  # one client by name (its tty, as list-clients shows it)
            clients = [c for c in self._named(client)]
        else:
            clients = [self.client] if self.client is not None and self.client.kind is ClientKind.UI else []
        if not clients and client is None:
            clients = [c for c in self.clients if c.kind is ClientKind.UI and (session is None or c.session is session)]
        for client in clients:
            client.send(make("action", name=name, args=dict(args)))
        return len(clients)

    def switch_client(self, session: Session) -> int:
        client = self.client if self.client is not None and self.client.kind is ClientKind.UI else None
        if client is None:
            attached = [c for c in self.clients if c.kind is ClientKind.UI and c.session is not None and not c.closed]
            client = attached[-1] if attached else None
        if client is None:
            return 0
        previous, client.session = client.session, session
        self.model.touch(session)
        if previous is not None and previous is not session:
            self._fit_session(previous)
        self._fit_session(session, skip=client)
        self._popup_follows(client)
        self.send_state(client)
        if previous is not session:
            self.raise_hook("client-session-changed", session)
        return 1

    def _named(self, name: str) -> list[Client]:
        return [c for c in self.clients if c.kind is ClientKind.UI and c.session is not None and not c.closed
                and (c.tty or f"client-{c.pid}") == name]

    def detach_client(self, name: str) -> int:
        """Detach the attached client called ``name`` (its tty); how many there were."""
        clients = self._named(name)
        for client in clients:
            client.send(make("closed", reason="detached"))
            client.close()
        return len(clients)

    def detach(self, session: Session | None) -> int:
        clients = [c for c in self.clients if c.kind is ClientKind.UI and (session is None or c.session is session)]
        for client in clients:
            client.send(make("closed", reason="detached"))
            client.close()
        return len(clients)

    def client_options(self, session: Session) -> dict[str, str]:
        """The options a client attached to ``session`` draws with, as show-options prints them, and the
        user's ``@name`` options (the global ones, then the session's), which its status line may show."""
        user = {name: str(value) for layer in (self.model.options, session.options)
                for name, value in layer.items() if name.startswith("@")}
        # status-format[0] only when it is not the default line, which the client draws its own way
        first = array_items(self.option(session, "status-format")).get(0, "")
        custom = "" if first == OPTIONS["status-format"].default[0] else first
        overrides = array_items(self.option(session, "terminal-overrides"))
        return {**user, **{name: option_text(self.option(session, name)) for name in CLIENT_OPTIONS},
                "status-format[0]": custom, "terminal-overrides": ",".join(overrides[i] for i in sorted(overrides))}

    def show_colours(self, sessions: Sequence[Session] | None = None) -> None:
        """Panes answer colour queries with the colours they are shown in: the theme's, else the outer
        terminal's (muntin.session.colours)."""
        chosen = self.model.sessions.values() if sessions is None else sessions
        show_sessions(chosen, lambda session: self.option(session, "theme"), self.outer_colours)

    def options_changed(self) -> None:
        for session in list(self.model.sessions.values()):  # monitor-silence: count from now
            for window in session.windows:
                if window.silence_timer is None and not window.silence:
                    self._watch_silence(window)
        self.show_colours()  # the theme may have changed
        for client in self.clients:
            if client.kind is ClientKind.UI and client.session is not None and not client.closed:
                client.send(make("options", options=self.client_options(client.session)))

    def message(self, session: Session, text: str) -> None:
        self.messages.add(text)
        for client in self.attached(session):
            client.send(make("message", text=text))

    def report(self, session: Session | None, text: str) -> None:
        print(f"muntin server: {text}", file=sys.stderr)
        if session is not None and session.name in self.model.sessions:
            self.message(session, text)
        else:
            self.messages.add(text)

    def exit_when_empty(self) -> None:
        self.had_session = True  # what ends a server whose last session ended ends this one at once

    def raise_hook(self, name: str, session: Session | None = None, window: Window | None = None,
                   pane: Pane | None = None) -> None:
        self.control.changed()
        if self.stopping:  # ending: nothing new may start
            return
        if self.hooks.commands(name, [scope for scope in (pane, window, session) if scope is not None]):
            self.spawn_task(run_hook(self, name, Current(session, window, pane)))

    def pane_view_changed(self, pane: Pane) -> None:
        self.control.changed()
        pane.terminal.dirty.update(range(pane.terminal.rows))
        self._mark(pane)

    # -- panes -------------------------------------------------------------------------------------------

    def _answers_first(self, pane: Pane) -> None:
        """Before a pane nobody typed into takes its turn, read the panes that were typed into and have
        output waiting: the echo of a key goes ahead of a flood, whatever order the loop found them in."""
        now = time.monotonic()
        for pane_id, typed in list(self._typed.items()):
            if now - typed.typed_at >= ECHO_WINDOW or typed.fd < 0 or typed.child.pty_closed:
                del self._typed[pane_id]
        if not self._typed or pane.id in self._typed:
            return
        by_fd = {typed.fd: typed for typed in self._typed.values()}
        try:
            ready, _, _ = select.select(list(by_fd), [], [], 0)
        except (OSError, ValueError):
            return
        for fd in ready:
            self._readable(by_fd[fd])

    def _readable(self, pane: Pane) -> None:
        if self._typed:
            self._answers_first(pane)
        clock = time.perf_counter
        start = clock()
        deadline = start + READ_BUDGET
        total = 0
        while True:
            size = pane.read_size
            count = pane.pump(size, deadline)
            total += count
            now = clock()
            if count >= 256:  # enough to judge the cost per byte: aim the next read at READ_SLICE
                pane.read_size = min(max(int(count * READ_SLICE / max(now - start, 1e-6)), READ_SIZES[0]),
                                     READ_SIZES[1])
            start = now
            child = pane.child
            if pane.unparsed or count < size or child is None or child.pty_closed or now >= deadline:
                break
            if self._typed:
                self._answers_first(pane)
        if pane.unparsed:  # its turn ended inside a read: the rest is parsed at its next turn, after the others
            self._resume_later(pane)
        if total:
            if time.monotonic() - pane.typed_at < ECHO_WINDOW and pane.copy is None:
                self._send_now(pane)
            else:
                self._mark(pane)
            self._note_activity(pane)
            self._name_due(pane.window)
        child = pane.child
        if child is None or child.pty_closed:
            self._drop_reader(pane)

    def _resume_later(self, pane: Pane) -> None:
        """Give ``pane`` another turn once every other ready reader, client and timer has had theirs (its
        pty may not be readable again: what it wrote is already read)."""
        if pane.id in self._resuming:
            return
        self._resuming.add(pane.id)

        def resume() -> None:
            self._resuming.discard(pane.id)
            try:
                self.model.locate(pane.id)
            except LookupError:  # closed meanwhile
                return
            if pane.unparsed and pane.child is not None:
                self._readable(pane)

        asyncio.get_running_loop().call_soon(resume)

    def _window_option(self, window: Window, name: str) -> Any:
        return window.options.get(name, self.option(window.session, name))

    def _alert(self, window: Window, pane: Pane, kind: str) -> None:
        """An alert (bell, activity, silence) as tmux's alerts: acted on when its -action option says so for
        this window (any, none, current, other), then the bell passed on to the clients and/or a message,
        as its visual- option says (off, on, both)."""
        session = window.session
        word, visual_option, action_option = _ALERTS[kind]
        action, current = self.option(session, action_option), session.window is window
        if action == "none" or (action == "current" and not current) or (action == "other" and current):
            return
        visual = self.option(session, visual_option)
        text = f"{word} in current window" if current else f"{word} in window {window.index}"
        for client in self.attached(session):
            if visual != "on":
                client.send(make("bell", pane=pane.id))
            if visual != "off":
                client.send(make("message", text=text))

    def _note_activity(self, pane: Pane) -> None:
        """Output in a window that is not the current one marks it (monitor-activity on); any output puts
        off its silence alert (monitor-silence)."""
        window = pane.window
        if window is None:
            return
        window.output_at = time.monotonic()
        if window.silence or window.silence_timer is None:
            self._watch_silence(window)
        if window.activity:
            return
        session = window.session
        if session.window is window or not self._window_option(window, "monitor-activity"):
            return
        window.activity = True
        self._alert(window, pane, "activity")
        self.windows_changed(session)
        self.raise_hook("alert-activity", session, window, pane)

    def _watch_silence(self, window: Window) -> None:
        """monitor-silence N: a window with no output for N seconds is marked (~) and alerts; one timer per
        window, moved on only when it fires (output just notes its time)."""
        if window.silence:
            window.silence = False
            self.windows_changed(window.session)
        if window.silence_timer is not None:
            window.silence_timer.cancel()
            window.silence_timer = None
        seconds = self._window_option(window, "monitor-silence")
        if not seconds:
            return

        def due() -> None:
            window.silence_timer = None
            if window.session.window_map.get(window.index) is not window:
                return  # closed meanwhile
            left = window.output_at + seconds - time.monotonic()
            if left > 0:
                window.silence_timer = asyncio.get_running_loop().call_later(left, due)
                return
            window.silence = True
            self.windows_changed(window.session)
            pane = window.pane_map.get(window.active)
            if pane is not None:
                self.raise_hook("alert-silence", window.session, window, pane)
                self._alert(window, pane, "silence")

        window.silence_timer = asyncio.get_running_loop().call_later(
            max(window.output_at + seconds - time.monotonic(), 0), due)

    def _drop_reader(self, pane: Pane) -> None:
        if pane.fd >= 0:
            try:
                asyncio.get_running_loop().remove_reader(pane.fd)
            except (ValueError, OSError):
                pass

    def _mark(self, pane: Pane) -> None:
        self._dirty.add(pane.id)
        self._schedule()

    def _pane_changed(self, pane: Pane, what: str) -> None:
        try:
            session, window, _ = self.model.locate(pane.id)
        except LookupError:
            return
        if what == "exited":
            pane.pump(1 << 20)  # anything still buffered
            assert pane.status is not None
            remain = pane.options.get("remain-on-exit", window.options.get("remain-on-exit", session.remain_on_exit))
            keep = RemainOnExit(remain).keeps(pane.status)
            if not keep or pane.child is None or pane.child.pty_closed:
                self._drop_reader(pane)  # else a process the program left holds the pty: it still shows
            self.raise_hook("pane-died" if keep else "pane-exited", session, window, pane)
            if keep:
                report = pane.add_report()
                self._mark(pane)
                for client in self.attached(session):
                    client.send(make("exited", pane=pane.id, report=report, exit=pane.status.to_dict()))
            else:
                self.spawn_task(self._close_exited(session, window, pane))
        elif what == "clipboard":  # OSC 52, as set-clipboard says: on keeps a buffer too, off does nothing
            mode = self.option(session, "set-clipboard")
            if mode == "on":
                self.model.buffers.add(pane.copied)
            if mode in ("on", "external"):
                self.send_action(session, "clipboard", {"text": pane.copied})
        elif what == "rename":  # ESC k NAME ESC \\ names the window only with allow-rename on, as in tmux
            if window.options.get("allow-rename", self.option(session, "allow-rename")):
                window.custom_name = pane.asked_name
                window.options["automatic-rename"] = False
                self.windows_changed(session)
                self.raise_hook("window-renamed", session, window)
        elif what == "bell":
            if not self._window_option(window, "monitor-bell"):
                return
            self.raise_hook("alert-bell", session, window, pane)
            if session.window is not window:
                window.bell = True
                self.windows_changed(session)
            self._alert(window, pane, "bell")
        else:  # stopped, continued, title
            self._mark(pane)
            if what == "title":
                self.windows_changed(session)
                self.raise_hook("pane-title-changed", session, window, pane)

    async def _close_exited(self, session: Session, window: Window, pane: Pane) -> None:
        await pane.close(0)
        self._remove_pane(session, window, pane)

    def _remove_pane(self, session: Session, window: Window, pane: Pane) -> None:
        self._dirty.discard(pane.id)
        self._typed.pop(pane.id, None)
        if pane.id not in window.pane_map:
            return
        self._send_last(session, window, pane)
        window.remove(pane)
        for client in self.clients:
            client.pending.pop(pane.id, None)
        if not window.panes:  # its last tiled pane: the floating ones and popups over it go with it
            for other in window.floating_panes:
                other.on_change = None
                self._drop_reader(other)
                window.remove(other)
                self.spawn_task(other.close(0.5))
        if window.pane_map:
            self.layout_changed(session)
            return
        self.window_removed(session, window)
        status = pane.status
        if not self.model.sessions and status is not None and status.kind is ExitKind.EXITED and status.code == 0:
            self.saver.forget()  # its last program ended as asked (exit): nothing to resurrect

    def _send_last(self, session: Session, window: Window, pane: Pane) -> None:
        """A closing pane's last changes to the clients that show it, before it goes: what its program wrote
        just before it ended is drawn, whether or not a frame came between (a client that is behind gets it
        queued after what it has not read yet)."""
        rows = pane.terminal.take_dirty()
        if pane.copy is not None and rows:
            rows = set(range(pane.terminal.rows))
        for client in self.attached(session):
            pending = client.pending.pop(pane.id, set()) | rows
            if pending and session.window is window:
                self._send_pane(client, pane, pending)

    def window_removed(self, session: Session, window: Window) -> None:
        """``window`` left ``session`` (its last pane closed, or it moved): another window becomes the
        current one, or the session ends with its last window."""
        if session.window_map.get(window.index) is window:
            session.window_map.pop(window.index)
        self.raise_hook("window-unlinked", session, window)
        if session.window_map:
            if session.active not in session.window_map or session.window_map[session.active] is window:
                fallback = session.last if session.last in session.window_map else min(session.window_map)
                session.active = -1
                session.select(fallback)
            if session.last not in session.window_map or session.last == session.active:
                session.last = None
            if self.option(session, "renumber-windows"):
                session.renumber(int(self.option(session, "base-index")))
            self.windows_changed(session)
            self.window_selected(session)
            return
        self.model.remove_session(session)
        self.raise_hook("session-closed", session)
        self.control.flush()
        for client in self.attached(session):
            client.send(make("closed", reason=f"session {session.name} ended"))
            client.close()
        if not self.model.sessions:
            self.stop()

    # -- frames ------------------------------------------------------------------------------------------

    def _schedule(self) -> None:
        if self._frame_handle is not None:
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, self._last_frame + FRAME_INTERVAL - time.monotonic())
        self._frame_handle = loop.call_later(delay, self._frame)

    def _frame(self) -> None:
        self._frame_handle = None
        self._last_frame = time.monotonic()
        dirty, self._dirty = self._dirty, set()
        ui = [c for c in self.clients if c.session is not None and not c.closed and c.control is None]
        for pane_id in dirty:
            try:
                session, window, pane = self.model.locate(pane_id)
            except LookupError:
                continue
            rows = pane.terminal.take_dirty()
            if pane.copy is not None and rows:
                pane.copy.clamp()  # what scrolled by moved the view's lines: draw all of it
                rows = set(range(pane.terminal.rows))
            for client in ui:
                if client.session is session and session.window is window:
                    client.pending.setdefault(pane_id, set()).update(rows)
        waiting = False
        for client in ui:
            if not client.pending and not client.needs_state:
                continue
            if client.congested:
                waiting = True
                continue
            if client.needs_state:
                self.send_state(client)
            else:
                self._flush(client)
        if waiting:
            self._schedule()

    def _flush(self, client: Client) -> None:
        pending, client.pending = client.pending, {}
        for pane_id, rows in pending.items():
            try:
                _, _, pane = self.model.locate(pane_id)
            except LookupError:
                continue
            self._send_pane(client, pane, rows)

    def _send_pane(self, client: Client, pane: Pane, rows: set[int]) -> None:
        terminal = pane.terminal
        table = StyleTable()
        wire = encode_rows(((y, pane.view_row(y)) for y in sorted(rows) if y < terminal.rows), table)
        client.send(make("pane", pane=pane.id, rows=wire, styles=table.styles, **self._pane_meta(pane)))

    def _send_now(self, pane: Pane) -> None:
        """The pane's changes to its clients now (it answers a key, see ECHO_WINDOW); a client that is
        behind keeps them for the next frame."""
        try:
            session, window, _ = self.model.locate(pane.id)
        except LookupError:
            return
        rows = pane.terminal.take_dirty()
        for client in self.attached(session):
            if client.session is not session or session.window is not window or client.needs_state:
                continue
            if client.congested:
                client.pending.setdefault(pane.id, set()).update(rows)
                self._schedule()
                continue
            self._send_pane(client, pane, client.pending.pop(pane.id, set()) | rows)
