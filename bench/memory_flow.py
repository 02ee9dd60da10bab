"""Server memory under clients that do not keep up: RSS before and after each of three loads.

Run from the repository root: ``python bench/memory_flow.py [--switches N] [--captures N] [--input-mib N]``.
(a) a UI client that never reads while another client switches windows N times; (b) N pipelined
``capture-pane -p -S - -E -`` of a 40,000-line history whose answers are never read; (c) N MiB of ``input``
messages to a pane whose program (``sleep``) never reads. RSS is VmRSS of the server from /proc/PID/status,
taken once it has settled (no change over a second). A private server for each load.
"""

from __future__ import annotations

import argparse
import base64
import socket
import time

from throughput import Muntin, poll_until, private_dir, rss_kib

from muntin.protocol import ClientKind, encode_frame, hello, make


def settled_rss(pid: int, timeout: float = 30.0) -> int:
    """The server's RSS (KiB) once two samples a second apart agree within 1 %."""
    deadline = time.monotonic() + timeout
    last = rss_kib(pid)
    while time.monotonic() < deadline:
        time.sleep(1.0)  # the sampling interval itself
        now = rss_kib(pid)
        if abs(now - last) <= last // 100:
            return now
        last = now
    return last


def connect(server: Muntin, kind: ClientKind, session: str | None = None) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(str(server.socket))
    sock.sendall(encode_frame(hello(kind)))
    if session is not None:
        sock.sendall(encode_frame(make("attach", id=1, session=session, width=200, height=60)))
    return sock


def stalled_ui(server: Muntin, switches: int) -> tuple[int, int]:
    server.command("new-session", "-d", "-s", "m", "-x", "200", "-y", "60", "cat")
    server.command("new-window", "-d", "-t", "m", "cat")
    pid = server.server_pid()
    sock = connect(server, ClientKind.UI, "m")
    before = settled_rss(pid)
    for start in range(0, switches, 1000):
        text = " ; ".join(f"select-window -t m:{i % 2}" for i in range(start, min(start + 1000, switches)))
        server.connection.command(text)
    after = settled_rss(pid)
    sock.close()
    return before, after


def unread_captures(server: Muntin, captures: int) -> tuple[int, int]:
    server.command("set-option", "-g", "history-limit", "50000")
    server.command("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", "sh", "-c", "seq 1 40000; exec cat")
    poll_until(lambda: "40000" in server.screen("m"), timeout=120, interval=0.1)
    pid = server.server_pid()
    before = settled_rss(pid)
    sock = connect(server, ClientKind.CONTROL)
    sock.sendall(b"".join(encode_frame(make("command", id=n, text="capture-pane -p -S - -E - -t m"))
                          for n in range(1, captures + 1)))
    after = settled_rss(pid)
    sock.close()
    return before, after


def unread_input(server: Muntin, mib: int) -> tuple[int, int]:
    server.command("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", "sleep", "100000")
    pane = int(server.command("display-message", "-p", "-t", "m", "#{pane_id}").output.strip().lstrip("%"))
    pid = server.server_pid()
    sock = connect(server, ClientKind.UI, "m")
    before = settled_rss(pid)
    frame = encode_frame(make("input", pane=pane, data=base64.b64encode(b"y" * (1 << 20)).decode()))
    sock.settimeout(120)
    for _ in range(mib):
        sock.sendall(frame)
    after = settled_rss(pid)
    sock.close()
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=4000)
    parser.add_argument("--captures", type=int, default=300)
    parser.add_argument("--input-mib", type=int, default=400)
    options = parser.parse_args()
    loads = [("(a) stalled UI client, window switches", stalled_ui, options.switches),
             ("(b) pipelined capture-pane -S -, unread", unread_captures, options.captures),
             ("(c) input to a pane that never reads (MiB)", unread_input, options.input_mib)]
    print(f"| load | N | RSS before (MB) | RSS after (MB) | growth (MB) |\n| --- | --- | --- | --- | --- |")
    for name, load, count in loads:
        with private_dir() as directory:
            server = Muntin(directory)
            server.start()
            try:
                before, after = load(server, count)
            finally:
                server.close()
        print(f"| {name} | {count} | {before / 1024:.0f} | {after / 1024:.0f} | {(after - before) / 1024:+.0f} |",
              flush=True)


if __name__ == "__main__":
    main()
