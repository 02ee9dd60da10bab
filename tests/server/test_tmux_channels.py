"""tmux scripts mean the same in muntin: wait-for channels, run against real tmux and a muntin server."""

from __future__ import annotations

import itertools
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from muntin.client import Connection
from muntin.protocol import make
from tests.server._mux import Mux, mux  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

_NAMES = itertools.count()


class Tmux:
    """A private tmux server (``tmux -L NAME -f /dev/null``), ended with its own kill-server."""

    def __init__(self) -> None:
        self.name = f"muntin-test-{os.getpid()}-{next(_NAMES)}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}

    @property
    def prefix(self) -> list[str]:
        return ["tmux", "-L", self.name, "-f", "/dev/null"]

    def cli(self, *words: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.prefix, *words], capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, env=self.env)

    def kill(self) -> None:
        self.cli("kill-server")


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    box = Tmux()
    try:
        yield box
    finally:
        box.kill()


def _muntin(mux: Mux) -> list[str]:  # noqa: F811
    return [sys.executable, "-m", "muntin", "-S", str(mux.sock)]


def _script(prefix: list[str], body: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``body`` run by sh with ``$T`` the multiplexer's command line."""
    return subprocess.run(["sh", "-c", body], capture_output=True, text=True, timeout=40,
                          stdin=subprocess.DEVNULL, env={**(env or os.environ), "T": shlex.join(prefix)})


def _same(theirs: subprocess.CompletedProcess[str], ours: subprocess.CompletedProcess[str]) -> None:
    """The same output and the same outcome; tmux fails with status 1, muntin with an os.EX_* code, and
    muntin's message has tmux's words after the command's name."""
    assert ours.stdout == theirs.stdout, (theirs, ours)
    assert (ours.returncode == 0) == (theirs.returncode == 0), (theirs, ours)
    if theirs.returncode:
        assert theirs.stderr.strip().removeprefix("usage: ") in ours.stderr, (theirs, ours)


def test_a_pane_signals_the_script_waiting_on_its_channel(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    # tmux's pane reaches its server through TMUX; a muntin pane is told the socket with -S.
    pane = "sleep 0.2; {} wait-for -S done; exec cat"
    started = tmux.cli("new-session", "-d", "-s", "s", "-x", "80", "-y", "24", pane.format("tmux"))
    assert started.returncode == 0, started.stderr
    mux("new", "-d", "-s", "s", "--", "sh", "-c", pane.format(shlex.join(_muntin(mux))))
    theirs, ours = tmux.cli("wait-for", "done"), mux.cli("wait-for", "done")
    _same(theirs, ours)
    assert ours.returncode == 0 and ours.stdout == "", ours


def test_a_signal_before_anyone_waits_is_kept_for_one_wait(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    body = "$T wait-for -S early && echo signalled; $T wait-for early && echo woke"
    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    theirs, ours = _script(tmux.prefix, body, tmux.env), _script(_muntin(mux), body)
    assert theirs.stdout == "signalled\nwoke\n", theirs
    _same(theirs, ours)
    again = mux.cli("wait-for", "--timeout", "0.2", "early")  # the signal was used up (tmux would wait forever)
    assert again.returncode == os.EX_TEMPFAIL and "timed out after 0.2s waiting on channel early" in again.stderr


def test_locks_pass_in_order_and_an_unlocked_channel_cannot_be_unlocked(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    # The second locker queues behind the script (the sleep lets it queue first; the order holds either way).
    body = """
        $T wait-for -L lk && echo 1-script-locked
        ( $T wait-for -L lk && echo 3-second-locked && $T wait-for -U lk && echo 4-second-unlocked ) &
        sleep 0.3
        echo 2-script-unlocks
        $T wait-for -U lk
        wait
        $T wait-for -U lk || echo 5-not-locked
    """
    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    theirs, ours = _script(tmux.prefix, body, tmux.env), _script(_muntin(mux), body)
    assert theirs.stdout == "1-script-locked\n2-script-unlocks\n3-second-locked\n4-second-unlocked\n5-not-locked\n"
    assert ours.stdout == theirs.stdout, ours
    assert "channel lk not locked" in theirs.stderr and "channel lk not locked" in ours.stderr, ours


@pytest.mark.parametrize("words", [("wait-for", "-U", "never-locked"), ("wait-for",), ("wait-for", "-S")])
def test_misuse_fails_as_in_tmux(tmux: Tmux, mux: Mux, words: tuple[str, ...]) -> None:  # noqa: F811
    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    theirs, ours = tmux.cli(*words), mux.cli(*words)
    assert theirs.returncode != 0 and ours.returncode != 0, (theirs, ours)
    assert ours.stdout == theirs.stdout == ""


def test_pane_waits_are_flags_that_never_read_as_a_channel(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "sh", "-c", "echo ready; exec cat")
    assert mux.cli("wait-for", "-t", "s", "--text", "^ready$", "--timeout", "5").returncode == 0
    both = mux.cli("wait-for", "-t", "s", "--text", "ready", "done")
    assert both.returncode == os.EX_USAGE and "do not go together" in both.stderr, both
    targeted = mux.cli("wait-for", "-t", "s", "done")
    assert targeted.returncode == os.EX_USAGE and "a channel has no target" in targeted.stderr, targeted


def _pending_wait(connection: Connection, channel: str) -> None:
    """Send ``wait-for CHANNEL`` without reading its answer; once the next command's answer is back, the
    server has queued the wait (it runs each connection's commands in order, each until it first waits)."""
    connection.send(make("command", id=1000, argv=["wait-for", channel]))
    assert connection.command(["list-commands", "wait-for"]).ok


def test_a_waiter_whose_connection_closes_leaves_the_channel(mux: Mux) -> None:  # noqa: F811
    import socket

    mux("new", "-d", "-s", "s", "--", "cat")
    with Connection.open(mux.sock) as gone:
        _pending_wait(gone, "c")
        gone.sock.shutdown(socket.SHUT_WR)  # the server reads the end of its requests: the wait leaves
        gone.sock.settimeout(10)
        answer = gone.receive()
    assert answer["id"] == 1000 and not answer["ok"] and "connection closed" in answer["error"], answer
    # The signal finds nobody waiting, so it is kept, and the next wait returns at once; had the closed
    # connection stayed in the channel, the signal would have gone to it.
    assert mux.try_("wait-for", "-S", "c").ok
    waited = mux.try_("wait-for", "--timeout", "5", "c")
    assert waited.ok, waited.error


def test_every_waiter_gets_an_error_when_the_server_exits(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    with Connection.open(mux.sock) as waiting, Connection.open(mux.sock) as locking:
        _pending_wait(waiting, "c")
        assert locking.command(["wait-for", "-L", "lk"]).ok
        locking.send(make("command", id=1000, argv=["wait-for", "-L", "lk"]))
        assert locking.command(["list-commands", "wait-for"]).ok
        mux("kill-server")
        for connection in (waiting, locking):
            connection.sock.settimeout(10)
            answer = connection.receive()
            assert answer["t"] == "result" and answer["id"] == 1000 and not answer["ok"], answer
            assert answer["code"] == os.EX_UNAVAILABLE and "the server exited" in answer["error"], answer
