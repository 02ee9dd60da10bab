"""Control mode (``-C``, ``-CC``): the same session against real tmux 3.3a and muntin, line for line."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import termios
from collections.abc import Iterator

import pytest


from conftest import poll_until
from _control import ControlClient, normalise
from _mux import mux  # noqa: F401 - fixture
from _tmux import tmux  # noqa: F401 - fixture

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

STEPS = [
    "split-window", "select-pane -t :.0", "new-window", "rename-window foo", "kill-window",
    "rename-session b", "new-session -d -s c", "refresh-client -C 100x30", "refresh-client -C 0x0",
    "refresh-client -C foo", "copy-mode", "send-keys -X cancel", "nosuch", "select-layout even-vertical",
    "display-message -p '#{window_width}x#{window_height} #{session_name}'", "list-windows -F '#{window_id}'",
    "display-message -p 'a' ; display-message -p 'b'", "switch-client -t c", "kill-session -t b",
]


def _muntin(mux) -> list[str]:
    return [sys.executable, "-m", "muntin", "-S", str(mux.sock)]


def _session(prefix: list[str], env=None) -> list[list[bytes]]:
    """Each step's lines (its block and what it caused), normalised; then what came at the end."""
    client = ControlClient([*prefix, "-C", "attach"], env)
    try:
        steps = [normalise(client.until(b"%session-changed"))]
        steps.append(normalise(client.settle("refresh-client -f no-output")))
        for step in STEPS:
            steps.append(sorted(set(normalise(client.settle(step)))))  # the order within a step may differ
        steps.append(normalise(client.close()))
        return steps
    finally:
        client.kill()


@needs_tmux
def test_a_control_session_reads_as_in_tmux(tmux, mux):
    for run in (tmux.cli, mux):  # a window's name would follow its program at a moment of its own
        run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24", ";", "set-option", "-g", "automatic-rename", "off")
    expected = _session(tmux.prefix, tmux.env)
    got = _session(_muntin(mux))
    for step, (want, have) in enumerate(zip(expected, got)):
        assert have == want, f"step {step} ({(['attach', 'no-output'] + STEPS + ['end'])[step]})"
    assert len(got) == len(expected)


@contextlib.contextmanager
def _attached_to_cat(prefix: list[str], env=None) -> Iterator[ControlClient]:
    """A control client attached to a new session running cat; at the end its stdin closes."""
    subprocess.run([*prefix, "new-session", "-d", "-s", "a", "cat"], check=True, env=env, capture_output=True)
    client = ControlClient([*prefix, "-C", "attach"], env)
    try:
        client.until(b"%session-changed")
        yield client
    finally:
        client.close()
        client.kill()


def _output(prefix: list[str], env=None) -> bytes:
    """What %output said of the pane running cat after 'a\\b' and a tab were typed into it."""
    with _attached_to_cat(prefix, env) as client:
        client.settle("send-keys 'a\\b' Tab 'é' Enter")
        seen = b""

        def echoed() -> bool:
            nonlocal seen
            seen = b"".join(line.split(b" ", 2)[2] for line in client.lines if line.startswith(b"%output "))
            return seen.count(b"\\012") >= 2

        assert poll_until(echoed, 15), client.lines
        return seen


@needs_tmux
def test_output_is_escaped_as_in_tmux(tmux, mux):
    expected = _output(tmux.prefix, tmux.env)
    assert expected == "a\\134b\\011é\\015\\012".encode() * 2
    assert _output(_muntin(mux)) == expected


def test_an_empty_line_detaches_and_the_session_stays(mux):
    mux("new-session", "-d", "-s", "a", "-x", "80", "-y", "24")
    client = ControlClient([*_muntin(mux), "-C", "attach", "-t", "a"])
    try:
        assert normalise(client.until(b"%session-changed")) == [
            b"%begin T N 0", b"%end T N 0", b"%session-changed $0 a"]
        assert len(mux("list-clients").output.splitlines()) == 1
        client.send("")
        assert client.process.wait(15) == 0
        assert client.take(len(client.lines) - 1) == [b"%exit", b""]
        assert poll_until(lambda: mux("list-clients").output == "", 10)
        assert mux("has-session", "-t", "a").ok
    finally:
        client.kill()


def test_the_control_client_sizes_the_window_once_it_has_a_size(mux):
    mux("new-session", "-d", "-s", "a", "-x", "80", "-y", "24")
    client = ControlClient([*_muntin(mux), "-C", "attach"])
    try:
        client.until(b"%session-changed")
        assert client.settle("display -p '#{window_width}x#{window_height}'")[1] == b"80x24"
        client.settle("refresh-client -C 120,40")
        assert mux("display-message", "-p", "#{window_width}x#{window_height}").output == "120x40\n"
        assert b"bad size argument" in client.settle("refresh-client -C 12")
        assert client.settle("refresh-client -A '%0:pause'")[1] == b"%pause %0"
        refused = mux.try_("refresh-client", "-C", "80x24")  # from the command line, as tmux
        assert not refused.ok and "not a control client" in refused.error
    finally:
        client.close()
        client.kill()


def test_new_makes_a_session_and_attaches_and_wait_exit_waits(mux):
    client = ControlClient([*_muntin(mux), "-f", "/dev/null", "-C", "new", "-s", "x", "-x", "100", "-y", "50"])
    try:
        lines = normalise(client.until(b"%session-changed"))
        assert lines == [b"%begin T N 0", b"%end T N 0", b"%window-add @0", b"%sessions-changed",
                         b"%session-changed $0 x"]
        assert client.settle("display -p '#{window_width}x#{window_height}'")[1] == b"100x50"
        client.settle("refresh-client -f wait-exit")
        client.send("")
        client.wait(lambda line: line == b"%exit")
        assert client.process.poll() is None  # until an empty line
        client.send("")
        assert client.process.wait(15) == 0
    finally:
        client.kill()


def test_minus_cc_wraps_the_output_in_a_dcs_with_the_terminal_raw(mux):
    mux("new-session", "-d", "-s", "a")
    master, slave = os.openpty()
    try:
        process = subprocess.Popen([*_muntin(mux), "-CC", "attach"], stdin=slave, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        try:
            assert process.stdout is not None
            assert process.stdout.read(len(b"\033P1000p")) == b"\033P1000p"
            assert poll_until(lambda: not termios.tcgetattr(slave)[3] & termios.ICANON, 10)
            os.write(master, b"display -p hi\r")  # CR reads as NL (ICRNL), as tmux sets it
            os.write(master, b"\r")
            out, _ = process.communicate(timeout=15)
            assert b"\nhi\n" in out
            assert out.endswith(b"%exit\n\033\\")
            assert process.returncode == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(5)
        assert termios.tcgetattr(slave)[3] & termios.ICANON  # restored
    finally:
        os.close(master)
        os.close(slave)


def test_a_control_client_that_reads_nothing_stalls_nobody(mux):
    mux("new-session", "-d", "-s", "a", "-x", "200", "-y", "50", "yes 0123456789abcdef")
    process = subprocess.Popen([*_muntin(mux), "-C", "attach"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    try:
        assert poll_until(lambda: len(mux("list-clients").output.splitlines()) == 1, 15)
        for _ in range(20):  # its stdout is full long before this: the server keeps answering others
            assert mux("display-message", "-p", "#{session_name}").output == "a\n"
    finally:
        process.kill()
        process.wait(5)


def test_the_session_ending_says_so_then_exits(mux):
    mux("new-session", "-d", "-s", "a")
    mux("new-session", "-d", "-s", "b")
    client = ControlClient([*_muntin(mux), "-C", "attach", "-t", "a"])
    try:
        client.until(b"%session-changed")
        mux("kill-session", "-t", "a")
        assert client.process.wait(15) == 0
        told = [line for line in client.take(len(client.lines) - 1) if not line.startswith(b"%output ")]
        assert told == [b"%sessions-changed", b"%exit", b""]  # as tmux: not its window's close
    finally:
        client.kill()
    server = ControlClient([*_muntin(mux), "-C", "attach", "-t", "b"])
    try:
        server.until(b"%session-changed")
        mux("kill-server")
        assert server.process.wait(15) == 0
        assert server.take(len(server.lines) - 1)[-2:] == [b"%exit", b""]  # as tmux: no reason given
    finally:
        server.kill()


def _paused(prefix: list[str], env=None) -> list[bytes]:
    with _attached_to_cat(prefix, env) as client:
        steps = []
        for line in ("refresh-client -f pause-after=30", "refresh-client -A '%0:pause'", "send-keys -t %0 x",
                     "refresh-client -A '%0:pause'", "refresh-client -A '%0:continue'", "refresh-client -A '%0:off'",
                     "send-keys -t %0 y", "refresh-client -A '%0:on'", "refresh-client -A '%9:pause'",
                     "refresh-client -f !pause-after", "send-keys -t %0 z"):
            steps += [out for out in normalise(client.settle(line)) if not out.startswith(b"%output %0 ")]
        # The echo comes either side of the marker, and with what was typed before if the pane was read late.
        client.wait(lambda out: out.startswith(b"%output %0 ") and out.endswith(b"z"), start=0)
        return steps


@needs_tmux
def test_panes_pause_and_continue_as_in_tmux(tmux, mux):
    expected = _paused(tmux.prefix, tmux.env)
    assert b"%pause %0" in expected and b"%continue %0" in expected
    assert _paused(_muntin(mux)) == expected


def test_another_client_detaching_is_told(mux):
    mux("new-session", "-d", "-s", "a")
    watcher = ControlClient([*_muntin(mux), "-C", "attach"])
    leaving = ControlClient([*_muntin(mux), "-C", "attach"])
    try:
        watcher.until(b"%session-changed")
        leaving.until(b"%session-changed")
        pid = leaving.process.pid
        leaving.close()
        assert watcher.until(b"%client-detached")[-1] == f"%client-detached client-{pid}".encode()
    finally:
        watcher.close()
        watcher.kill()
        leaving.kill()
