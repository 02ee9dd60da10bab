"""The server's socket: handshake, bad frames, other users, stale sockets, clients that die, attach streams."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import struct
import subprocess
import sys
import textwrap

import pytest
from _mux import mux  # noqa: F401 - the fixture
from conftest import poll_until

from muntin.client import AsyncConnection, Connection
from muntin.protocol import MAX_FRAME, ClientKind, FrameDecoder, decode_rows, encode_frame, hello, make


def raw(mux) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(10)
    sock.connect(str(mux.sock))
    return sock


def read_all(sock: socket.socket) -> list[dict]:
    """Every message until the server closes the connection."""
    decoder = FrameDecoder()
    messages = []
    while chunk := sock.recv(65536):
        messages += decoder.feed(chunk)
    sock.close()
    return messages


@pytest.mark.parametrize("payload", [
    b"GET / HTTP/1.0\r\n\r\n",
    (MAX_FRAME + 1).to_bytes(4, "big") + b"x",
    struct.pack(">I", 5) + b"{oops",
    encode_frame({"t": "command", "id": 1, "argv": ["ls"]}),
    encode_frame({**hello(ClientKind.CONTROL), "version": 999}),
    encode_frame(hello(ClientKind.CONTROL)) + encode_frame({"t": "welcome", "version": 1, "pid": 1}),
    encode_frame(hello(ClientKind.CONTROL)) + encode_frame({"t": "input", "pane": 1, "data": "%%%"}),
])
def test_bad_input_gets_an_error_and_a_close(mux, payload: bytes) -> None:
    mux("new", "-d", "-s", "g", "--", "cat")
    sock = raw(mux)
    sock.sendall(payload)
    messages = read_all(sock)
    assert messages[-1]["t"] == "error", messages
    assert mux("ls").output.startswith("g:")  # everybody else is still served


def test_truncated_frame_at_end_of_stream(mux) -> None:
    mux("new", "-d", "-s", "g", "--", "cat")
    sock = raw(mux)
    sock.sendall(encode_frame(hello(ClientKind.CONTROL)) + encode_frame(make("detach"))[:-2])
    sock.shutdown(socket.SHUT_WR)
    messages = read_all(sock)
    assert [m["t"] for m in messages] == ["welcome", "error"]
    assert "truncated" in messages[-1]["message"]


def _connect_as_nobody(path: str, report: int) -> None:
    """In a forked child: become nobody, connect, say hello, write what the server answered to ``report``."""
    try:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        sock.connect(path)
        sock.sendall(encode_frame(hello(ClientKind.CONTROL)))
        messages = read_all(sock)
        os.write(report, f"{os.getuid()} {messages[-1]['t']} {messages[-1].get('message')}".encode())
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        os.write(report, f"failed: {error!r}".encode())
    finally:
        os._exit(0)


def test_another_uid_is_refused(mux) -> None:
    mux("new", "-d", "-s", "u", "--", "cat")
    os.chmod(mux.dir, 0o755)
    os.chmod(mux.sock, 0o777)  # only the peer-credential check stands in the way now
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _connect_as_nobody(str(mux.sock), write_end)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(pid, 0)
    assert answer.startswith("65534 error connection refused: uid 65534"), answer
    assert mux("ls").ok


def test_stale_socket_is_replaced(mux) -> None:
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(mux.sock))
    stale.close()  # the file stays, nobody listens: what a crashed server leaves
    result = mux.cli("new", "-d", "-s", "fresh", "--", "cat")
    assert result.returncode == 0, result.stderr
    assert mux("ls").output.startswith("fresh:")


def test_a_second_server_on_a_live_socket_refuses(mux) -> None:
    mux("new", "-d", "-s", "one", "--", "cat")
    launched = subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), "__server"], capture_output=True,
                              text=True, timeout=20, start_new_session=True)
    assert launched.returncode == os.EX_UNAVAILABLE
    assert "already running" in launched.stderr
    assert mux("ls").output.startswith("one:")


def test_a_killed_client_leaves_server_and_panes_intact(mux) -> None:
    mux("new", "-d", "-s", "k", "-x", "50", "-y", "8", "--", "cat")
    mux("send-keys", "-t", "k", "before", "Enter")
    mux.wait_text("k", "^before$")
    script = textwrap.dedent(f"""
        import asyncio, sys
        from pathlib import Path
        from muntin.client import AsyncConnection
        async def main():
            c = await AsyncConnection.open(Path({str(mux.sock)!r}))
            await c.attach("k", 50, 8)
            async for event in c.events():
                if event["t"] == "state":
                    print("attached", flush=True)
            await asyncio.Event().wait()  # stays attached until the test kills it
        asyncio.run(main())
    """)
    client = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert client.stdout.readline().strip() == "attached"
    finally:
        client.send_signal(signal.SIGKILL)
        client.wait()
        client.stdout.close()
    mux("send-keys", "-t", "k", "after", "Enter")
    # the terminal's echo of the line, then cat's copy of it: both, however the two race
    assert poll_until(lambda: mux.screen("k").splitlines() == ["before", "before", "after", "after"], timeout=10), \
        mux.screen("k")
    assert mux.pane("%0")["state"] == "running"


async def _attach_scenario(path) -> None:
    connection = await AsyncConnection.open(path)
    try:
        result = await connection.attach("a", 40, 6)
        assert result.ok
        events = connection.events()
        state = await anext(events)
        assert state["t"] == "state" and state["session"] == "a"
        assert [w["index"] for w in state["windows"]] == [0]
        pane = state["panes"][0]
        assert pane["width"] == 40 and pane["height"] == 6 and pane["cursor_visible"] is True
        assert set(state["layout"]["panes"]) == {str(pane["pane"])}
        await connection.send_input(pane["pane"], b"typed\r")
        seen: dict[int, str] = {}
        async for event in events:
            if event["t"] == "pane":
                rows = decode_rows(event["rows"], event["styles"])
                seen.update({y: "".join(text for text, _ in runs).rstrip() for y, runs in rows.items()})
                if seen.get(1) == "typed":
                    break
        assert seen[0] == "typed"
        reply = await connection.command("split-window -h ; display-message -p '#{pane_id}'")
        assert reply.ok and reply.output == "%1\n"
        async for event in events:
            if event["t"] == "layout":
                assert set(event["panes"]) == {"0", "1"} and len(event["borders"]) == 1
                break
        await connection.resize(30, 5)
        async for event in events:
            if event["t"] == "layout" and event["width"] == 30:
                break
        assert (await connection.command(["clock-mode"])).ok
        async for event in events:
            if event["t"] == "action":
                assert event["name"] == "clock-mode"
                break
        await connection.detach()
        async for event in events:
            if event["t"] == "closed":
                assert event["reason"] == "detached"
                break
    finally:
        await connection.close()


def test_attach_stream(mux) -> None:
    mux("new", "-d", "-s", "a", "-x", "80", "-y", "24", "--", "cat")
    asyncio.run(asyncio.wait_for(_attach_scenario(mux.sock), 20))
    sizes = {(p["width"], p["height"]) for p in mux.panes()}
    assert sizes == {(14, 5), (15, 5)}  # the last client's size stays after it detached


def test_connection_refuses_with_server_error(mux) -> None:
    mux("new", "-d", "-s", "v", "--", "cat")
    sock = raw(mux)
    sock.sendall(encode_frame({**hello(ClientKind.CONTROL), "kind": "robot"}))
    assert "unknown client kind" in read_all(sock)[-1]["message"]
    with Connection.open(mux.sock) as connection:
        assert connection.server_pid == mux.server_pid
        result = connection.command(["list-panes", "-t"])
        assert result.code == os.EX_USAGE and "-t needs a value" in result.error
        assert connection.command("display-message -p hi ; display-message -p there").output == "hi\nthere\n"
    sock = raw(mux)
    sock.sendall(encode_frame(hello(ClientKind.CONTROL)) + encode_frame({"t": "command", "id": 1, "argv": [1]}))
    assert read_all(sock)[-1]["t"] == "error"


def test_a_client_that_never_reads_does_not_block_the_server(mux) -> None:
    mux("new", "-d", "-s", "slow", "-x", "100", "-y", "40", "--", "cat")
    flood = mux("split-window", "-h", "--", "sh", "-c", "while :; do seq 1 2000; done").data["pane"]
    sock = raw(mux)
    sock.sendall(encode_frame(hello(ClientKind.UI)) + encode_frame(make("attach", id=1, session="slow", width=100,
                                                                          height=40)))
    # The client reads nothing while the flood runs; input and commands still get through at once.
    for word in ("alpha", "beta"):
        mux("send-keys", "-t", "%0", word, "Enter")
        mux.wait_text("%0", f"^{word}$", timeout=3)
    mux("kill-pane", "-t", flood)
    # Once it reads, it catches up with the latest screen.
    decoder = FrameDecoder()
    seen = set()
    deadline_reached = False
    sock.settimeout(5)
    while not deadline_reached:
        try:
            chunk = sock.recv(1 << 16)
        except TimeoutError:
            break
        for message in decoder.feed(chunk):
            if message["t"] == "pane" and message["pane"] == 0:
                rows = decode_rows(message["rows"], message["styles"])
                seen.update("".join(t for t, _ in runs).strip() for runs in rows.values())
            deadline_reached = "beta" in seen
    sock.close()
    assert "beta" in seen


async def _two_clients(path) -> list[tuple[int, int]]:
    big, small = await AsyncConnection.open(path), await AsyncConnection.open(path)
    sizes = []
    try:
        assert (await big.attach("two", 60, 20)).ok
        assert (await small.attach("two", 40, 10)).ok
        probe = await AsyncConnection.open(path, ClientKind.CONTROL)
        try:
            for step in ("both", "small gone"):
                if step == "small gone":
                    await small.detach()
                    async for event in big.events():
                        if event["t"] == "layout" and event["width"] == 60:
                            break
                reply = await probe.command(["display-message", "-p", "#{pane_width}x#{pane_height}"])
                width, height = map(int, reply.output.strip().split("x"))
                sizes.append((width, height))
        finally:
            await probe.close()
    finally:
        await big.close()
        await small.close()
    return sizes


def test_the_smallest_attached_client_wins(mux) -> None:
    mux("new", "-d", "-s", "two", "-x", "80", "-y", "24", "--", "cat")
    assert asyncio.run(asyncio.wait_for(_two_clients(mux.sock), 20)) == [(40, 10), (60, 20)]
