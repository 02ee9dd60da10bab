"""tmux scripts mean the same in muntin: wait-for channels, run against real tmux and a muntin server."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from muntin.client import Connection
from muntin.protocol import make
from tests.conftest import poll_until
from tests.server._mux import Mux, mux  # noqa: F401
from tests.server._tmux import Tmux, tmux  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

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


# -- formats, list-clients and show-options scripts read --------------------------------------------------

_PANE_FORMAT = "#{session_attached}|#{window_last_flag}|#{cursor_character}|#{pane_tty}"


def _pane_tty(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/fd/0")


def test_pane_formats_read_as_in_tmux(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    assert tmux.cli("new-session", "-d", "-s", "s", "-x", "80", "-y", "24", "cat").returncode == 0
    assert tmux.cli("new-window", "-t", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "-x", "80", "-y", "24", "--", "cat")
    mux("new-window", "-t", "s", "--", "cat")
    lines = {}
    for name, run in (("tmux", tmux.cli), ("muntin", mux.cli)):
        listed = run("list-windows", "-t", "s", "-F", f"{_PANE_FORMAT}|#{{pane_pid}}")
        assert listed.returncode == 0, listed.stderr
        lines[name] = [line.split("|") for line in listed.stdout.splitlines()]
    for name, rows in lines.items():
        for row in rows:
            assert row[3] == _pane_tty(int(row[4])), (name, row)  # the pane's program's own terminal
    assert [row[:3] for row in lines["muntin"]] == [row[:3] for row in lines["tmux"]] == [
        ["0", "1", " "], ["0", "0", " "]]


def test_list_clients_lists_what_tmux_lists(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    import asyncio
    import fcntl
    import struct
    import termios

    from muntin.client import AsyncConnection

    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    _same(tmux.cli("list-clients"), mux.cli("list-clients"))  # nobody attached: nothing, and success
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    tty = os.ttyname(slave)
    attached = subprocess.Popen([*tmux.prefix, "attach", "-t", "s"], stdin=slave, stdout=slave, stderr=slave,
                                env={**tmux.env, "TERM": "xterm-256color"}, start_new_session=True)
    fmt = "#{client_name}|#{client_tty}|#{client_session}|#{client_termname}|#{session_attached}"
    try:
        theirs = poll_until(lambda: tmux.cli("list-clients").stdout, timeout=10)
        theirs_formatted = tmux.cli("list-clients", "-t", "s", "-F", fmt).stdout
        tmux_pid = tmux.cli("list-clients", "-F", "#{client_pid}").stdout.strip()
    finally:
        tmux.kill()
        attached.wait(timeout=10)
        os.close(slave)
        os.close(master)
    assert theirs == f"{tty}: s [100x30 xterm-256color] (attached,focused,UTF-8)\n"
    assert tmux_pid == str(attached.pid)

    async def ours() -> tuple[str, str, str]:
        ui = await AsyncConnection.open(mux.sock, terminal={"tty": tty, "term": "xterm-256color"})
        try:
            assert (await ui.attach("s", 100, 30)).ok
            listed = mux.cli("list-clients")
            formatted = mux.cli("list-clients", "-t", "s", "-F", fmt)
            pid = mux.cli("list-clients", "-F", "#{client_pid}")
            return listed.stdout, formatted.stdout, pid.stdout.strip()
        finally:
            await ui.close()

    listed, formatted, pid = asyncio.run(ours())
    assert listed == theirs
    assert formatted == theirs_formatted == f"{tty}|{tty}|s|xterm-256color|1\n"
    assert pid == str(os.getpid())


def test_the_ui_says_its_tty_and_term_in_its_hello() -> None:
    code = "from muntin.protocol import ClientKind, hello, own_terminal; print(hello(ClientKind.UI, **own_terminal()))"
    master, slave = os.openpty()
    try:
        shown = subprocess.run([sys.executable, "-c", code], stdin=slave, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "TERM": "xterm-kitty"}, timeout=30)
        tty = os.ttyname(slave)
    finally:
        os.close(slave)
        os.close(master)
    assert f"'tty': '{tty}'" in shown.stdout and "'term': 'xterm-kitty'" in shown.stdout, shown.stdout


@pytest.mark.parametrize("words", [
    ("show-options", "-gv", "status"), ("show-options", "-g", "status"), ("show-options", "-q", "no-such-option"),
    ("show-options", "no-such-option"), ("show-options", "-A", "status"), ("show-options", "-H", "-g", "status"),
    ("show-options", "-sv", "escape-time"), ("show-options", "-s", "escape-time"),
    ("show-options", "-gqv", "no-such-option"),
])
def test_show_options_flags_print_what_tmux_prints(tmux: Tmux, mux: Mux, words: tuple[str, ...]) -> None:  # noqa: F811
    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    for run in (tmux.cli, mux.cli):  # the defaults differ (escape-time 500 in tmux 3.3a, 10 in muntin)
        assert run("set-option", "-s", "escape-time", "40").returncode == 0
    _same(tmux.cli(*words), mux.cli(*words))


def test_show_options_marks_what_a_session_inherits(tmux: Tmux, mux: Mux) -> None:  # noqa: F811
    assert tmux.cli("new-session", "-d", "-s", "s", "cat").returncode == 0
    mux("new", "-d", "-s", "s", "--", "cat")
    for run in (tmux.cli, mux.cli):
        assert run("set-option", "-t", "s", "history-limit", "123").returncode == 0
    for words in (("show-options", "-A", "-t", "s", "history-limit"), ("show-options", "-A", "-t", "s", "status"),
                  ("show-options", "-t", "s", "history-limit"), ("show-options", "-v", "-t", "s", "history-limit")):
        _same(tmux.cli(*words), mux.cli(*words))
