"""The muntin server: started on demand in its own session, it owns every pane and serves clients."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from pathlib import Path

from muntin.server.server import CONGESTED, FRAME_INTERVAL, READ_BUDGET, READ_SLICE, Client, Server, ServerError

__all__ = ["CONGESTED", "FRAME_INTERVAL", "READ_BUDGET", "READ_SLICE", "Client", "Server", "ServerError", "daemon_main", "run"]


def run(path: Path, *, default_dir: bool = False, ready_fd: int | None = None) -> int:
    """Serve on ``path`` until the last session ends or the server is told to stop."""
    server = Server(path, default_dir=default_dir)
    # What was loaded to get here lives as long as the server: never scan it again; and collect young
    # objects less often (a flood makes and drops many), about 3 % of the server's time under `cat`.
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)

    async def main() -> None:
        await server.serve(ready_fd)

    asyncio.run(main())
    return 0


def daemon_main(path: Path, *, default_dir: bool = False) -> int:
    """Fork the server off this (launcher) process; return once it listens, or print why it could not.

    The launcher is started by a client in a new session; the server it forks is re-parented away from the
    client, so the client never has a child to reap and the server never has a controlling terminal."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        null = os.open(os.devnull, os.O_RDWR)
        log = os.environ.get("MUNTIN_SERVER_LOG")
        err = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600) if log else null
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(err, 2)
        code = 1
        try:
            code = run(path, default_dir=default_dir, ready_fd=write_end)
        except BaseException as error:  # noqa: BLE001 - reported to the launcher, then we exit
            try:
                os.write(write_end, f"muntin: server: {error}".encode())
            except OSError:
                pass
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    message = b"".join(chunks).decode(errors="replace")
    if message != "ready":
        print(message or "muntin: the server exited before it was ready", file=sys.stderr)
        return os.EX_UNAVAILABLE
    return os.EX_OK
