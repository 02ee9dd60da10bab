"""The server's data path under load: large results, slow or stalled clients, full panes, long requests."""

from __future__ import annotations

import asyncio
import os
import select
import socket

import pytest
from _mux import mux  # noqa: F401 - the fixture
from conftest import poll_until

from muntin.client import AsyncConnection, Connection
from muntin.process import wait_gone
from muntin.protocol import MAX_FRAME, ClientKind, FrameDecoder, encode_frame, hello, make

MIB = 1 << 20


def raw(mux) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(str(mux.sock))
    return sock


def read_until(sock: socket.socket, done) -> list[dict]:
    """Messages from ``sock`` until ``done(message)`` holds for one (returned with everything before it)."""
    decoder = FrameDecoder()
    messages: list[dict] = []
    while True:
        chunk = sock.recv(1 << 16)
        assert chunk, f"the server closed the connection; got {[m['t'] for m in messages][-20:]}"
        for message in decoder.feed(chunk):
            messages.append(message)
            if done(message):
                return messages


def big_buffer(mux, name: str, size: int) -> None:
    """A paste buffer of ``size`` characters, set in parts that each fit in a frame."""
    part = 4 * MIB
    mux("set-buffer", "-b", name, "")
    for start in range(0, size, part):
        mux("set-buffer", "-a", "-b", name, "x" * min(part, size - start))


@pytest.fixture
def server_log(monkeypatch, tmp_path):
    """Where the server started by the test writes its stderr: its log, under a state folder of the test's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "muntin" / "server-sock.log"


def _clean(log) -> str:
    text = log.read_text() if log.exists() else ""
    assert not any(word in text for word in ("Traceback", "Exception", "CancelledError")), text
    return text


# -- 1. results over the frame limit ------------------------------------------------------------------

def test_a_result_over_the_frame_limit_comes_in_parts(mux) -> None:
    mux("new", "-d", "-s", "big", "--", "cat")
    size = MAX_FRAME + 3 * MIB
    big_buffer(mux, "huge", size)
    with Connection.open(mux.sock) as connection:
        connection.sock.settimeout(30)  # today's answer, or none
        result = connection.command(["show-buffer", "-b", "huge"])
        assert result.ok, result.error
        assert len(result.output) == size + 1 and result.output.strip("x") == "\n"
        assert connection.command(["display-message", "-p", "still here"]).output == "still here\n"


def test_the_async_client_joins_a_result_in_parts(mux) -> None:
    mux("new", "-d", "-s", "big", "--", "cat")
    big_buffer(mux, "huge", 3 * MIB)

    async def show() -> str:
        connection = await AsyncConnection.open(mux.sock, ClientKind.CONTROL)
        try:
            return (await connection.command(["show-buffer", "-b", "huge"])).output
        finally:
            await connection.close()

    assert asyncio.run(asyncio.wait_for(show(), 30)) == "x" * 3 * MIB + "\n"


def test_a_request_on_a_closed_connection_fails_at_once(mux) -> None:
    mux("new", "-d", "-s", "gone", "--", "cat")

    async def after_close() -> BaseException | None:
        connection = await AsyncConnection.open(mux.sock, ClientKind.CONTROL)
        try:
            mux.kill()
            async for _ in connection.events():  # until the connection closes
                pass
            try:
                await connection.command(["list-sessions"])
            except ConnectionError as error:
                return error
            return None
        finally:
            await connection.close()

    assert isinstance(asyncio.run(asyncio.wait_for(after_close(), 20)), ConnectionError)


# -- 2. bounded memory ----------------------------------------------------------------------------------

def test_a_stalled_client_gets_the_latest_state_once_not_every_step(mux) -> None:
    mux("new", "-d", "-s", "slow", "-x", "200", "-y", "60", "--", "cat")
    mux("new-window", "-d", "-t", "slow", "--", "cat")
    stalled = raw(mux)
    stalled.sendall(encode_frame(hello(ClientKind.UI))
                    + encode_frame(make("attach", id=1, session="slow", width=200, height=60)))
    read_until(stalled, lambda m: m["t"] == "state")
    steps = 2000
    with Connection.open(mux.sock) as connection:  # another client switches windows while it reads nothing
        for _ in range(2):
            text = " ; ".join(f"select-window -t slow:{i % 2}" for i in range(steps // 2))
            assert connection.command(text).ok
        assert connection.command(["rename-window", "-t", "slow:1", "done"]).ok

    def renamed(message: dict) -> bool:
        windows = message["windows"] if message["t"] in ("state", "windows") else []
        return any(window.get("name") == "done" for window in windows)

    messages = read_until(stalled, renamed)
    stalled.close()
    states = sum(m["t"] == "state" for m in messages)
    assert states < steps // 4, f"{states} state messages for {steps} steps"


def test_a_client_that_stays_far_behind_is_dropped(mux, server_log) -> None:
    mux("new", "-d", "-s", "far", "--", "cat")
    stalled = raw(mux)
    stalled.sendall(encode_frame(hello(ClientKind.UI))
                    + encode_frame(make("attach", id=1, session="far", width=80, height=24)))
    read_until(stalled, lambda m: m["t"] == "state")
    text = "m" * 60_000  # a message is a format: one expansion gives at most 64 K characters
    with Connection.open(mux.sock) as connection:  # messages for it pile up past the hard limit
        for _ in range(640):
            assert connection.command(["display-message", "-t", "far", text]).ok
    poller = select.poll()
    poller.register(stalled, select.POLLRDHUP)
    try:
        assert poll_until(lambda: poller.poll(0), timeout=30), "the server kept the stalled client"
    finally:
        stalled.close()
    assert "dropped a client: too slow" in server_log.read_text()
    assert mux("display-message", "-p", "-t", "far", "#{pane_id}").output == "%0\n"


def _done_buffers(mux) -> int:
    return sum(line.startswith("done") for line in mux("list-buffers").output.splitlines())


def test_a_client_that_does_not_read_its_answers_is_not_read(mux) -> None:
    mux("new", "-d", "-s", "unread", "--", "cat")
    big_buffer(mux, "big", MIB // 2)
    count = 60
    sock = raw(mux)
    sock.sendall(encode_frame(hello(ClientKind.CONTROL)) + b"".join(
        encode_frame(make("command", id=n, text=f"show-buffer -b big ; set-buffer -b done{n} x"))
        for n in range(1, count + 1)))
    # While it reads nothing, the server runs only the few requests whose answers fit in its queue...
    assert not poll_until(lambda: _done_buffers(mux) >= count, timeout=3)
    # ...and the rest once it reads.
    results = read_until(sock, lambda m: m["t"] == "result" and m["id"] == count)
    sock.close()
    assert sum(m["t"] == "result" and m["ok"] for m in results) == count
    assert _done_buffers(mux) == count


def test_input_for_a_pane_that_does_not_read_is_bounded(mux) -> None:
    mux("new", "-d", "-s", "full", "--", "sleep", "1000")
    mux("set-buffer", "-b", "mib", "x" * MIB)
    failures = [mux.try_("paste-buffer", "-b", "mib", "-t", "full") for _ in range(8)]
    refused = [result for result in failures if not result.ok]
    assert refused, "every paste was queued"
    assert "is not reading its input" in refused[0].error and refused[0].code == os.EX_TEMPFAIL
    assert mux("display-message", "-p", "-t", "full", "#{pane_dead}").output == "0\n"


def test_ui_input_for_a_pane_that_does_not_read_is_dropped_with_a_message(mux) -> None:
    mux("new", "-d", "-s", "full", "--", "sleep", "1000")
    pane = int(mux("display-message", "-p", "-t", "full", "#{pane_id}").output.strip().lstrip("%"))

    async def type_much() -> str:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("full", 80, 24)).ok
            for _ in range(8):
                await connection.send_input(pane, b"y" * MIB)
            async for event in connection.events():
                if event["t"] == "message":
                    return event["text"]
            return ""
        finally:
            await connection.close()

    assert "is not reading its input" in asyncio.run(asyncio.wait_for(type_much(), 30))


# -- 3. a failure with one client never touches another -------------------------------------------------

def test_a_refused_client_leaves_the_others_served(mux, server_log) -> None:
    mux("new", "-d", "-s", "both", "--", "cat")
    refused, other = raw(mux), raw(mux)
    for sock in (refused, other):
        sock.sendall(encode_frame(hello(ClientKind.UI))
                     + encode_frame(make("attach", id=1, session="both", width=80, height=24)))
        read_until(sock, lambda m: m["t"] == "state")
    refused.sendall(encode_frame({"t": "input", "pane": 1, "data": "%%%"}))  # not base64: refused
    try:
        for word in ("alpha", "beta"):  # while the refused one has not closed its end
            mux("send-keys", "-t", "both", word, "Enter")
            read_until(other, lambda m: m["t"] == "pane" and word in str(m["rows"]))
    finally:
        refused.close()
        other.close()
    mux.kill()
    _clean(server_log)


# -- 4. long requests share the loop ------------------------------------------------------------------

def _long_request(mux, kind: str) -> dict:
    many = 9000 if kind == "request" else 20_000
    lines = ["set-buffer -b started x", *(["display-message -p x"] * many)]
    if kind == "request":
        return {"text": " ; ".join(lines)}
    path = mux.dir / "long.conf"
    path.write_text("\n".join(lines) + "\n")
    return {"argv": ["source-file", str(path)]}


@pytest.mark.parametrize("kind", ["request", "file"])
def test_another_client_is_answered_while_a_long_request_runs(mux, kind: str) -> None:
    mux("new", "-d", "-s", "busy", "--", "cat")
    request = _long_request(mux, kind)

    async def race() -> tuple[bool, bool]:
        busy = await AsyncConnection.open(mux.sock, ClientKind.CONTROL)
        probe = await AsyncConnection.open(mux.sock, ClientKind.CONTROL)
        try:
            long = asyncio.ensure_future(busy._request("command", **request))
            while not (await probe.command(["show-buffer", "-b", "started"])).ok:
                pass
            answered_first = not long.done()
            return answered_first, (await long).ok
        finally:
            await busy.close()
            await probe.close()

    answered_first, ok = asyncio.run(asyncio.wait_for(race(), 50))
    assert ok
    assert answered_first, "the other client was answered only after the long request"


def test_a_request_of_too_many_commands_is_refused(mux) -> None:
    mux("new", "-d", "-s", "many", "--", "cat")
    with Connection.open(mux.sock) as connection:
        result = connection.command(" ; ".join(["set-buffer -b ran x"] * 20_000))
    assert not result.ok and "over the limit" in result.error and result.code == os.EX_USAGE
    assert "ran" not in mux("list-buffers").output


def test_source_file_refuses_a_file_too_large(mux) -> None:
    mux("new", "-d", "-s", "file", "--", "cat")
    path = mux.dir / "huge.conf"
    with open(path, "w") as handle:
        handle.write("set-buffer -b ran x\n" + "#" * (17 * MIB) + "\n")
    result = mux.try_("source-file", str(path))
    assert not result.ok and "source-file limit" in result.error and result.code == os.EX_DATAERR
    assert "ran" not in mux("list-buffers").output


# -- 5. shutdown and half-closed clients -------------------------------------------------------------

@pytest.mark.parametrize("kind", [ClientKind.UI, ClientKind.CONTROL])
def test_kill_server_with_a_client_connected_logs_nothing(mux, server_log, kind: ClientKind) -> None:
    mux("new", "-d", "-s", "end", "--", "cat")
    sock = raw(mux)
    sock.sendall(encode_frame(hello(kind)))
    if kind is ClientKind.UI:
        sock.sendall(encode_frame(make("attach", id=1, session="end", width=80, height=24)))
        read_until(sock, lambda m: m["t"] == "state")
    else:
        read_until(sock, lambda m: m["t"] == "welcome")
    pid = mux.server_pid
    with Connection.open(mux.sock) as connection:
        connection.command(["kill-server"])
    assert pid is not None and wait_gone(pid, 15)
    messages = read_until(sock, lambda m: m["t"] == "closed")
    sock.close()
    assert messages[-1]["reason"] == "server exited"
    _clean(server_log)


def test_a_half_closed_client_gets_its_result(mux) -> None:
    mux("new", "-d", "-s", "half", "--", "cat")
    sock = raw(mux)
    sock.sendall(encode_frame(hello(ClientKind.CONTROL))
                 + encode_frame(make("command", id=7, argv=["display-message", "-p", "answered"])))
    sock.shutdown(socket.SHUT_WR)
    messages = read_until(sock, lambda m: m["t"] == "result")
    sock.close()
    assert messages[-1]["id"] == 7 and messages[-1]["output"] == "answered\n"
