"""The muntin server: started on demand in its own session, it owns every pane and serves clients."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
import traceback
from pathlib import Path

from muntin import __version__
from muntin.config.paths import server_log
from muntin.protocol.paths import make_private_dir
from muntin.server.server import CONGESTED, FRAME_INTERVAL, READ_BUDGET, READ_SLICE, Client, Server, ServerError

LOG_ROTATE = 1 << 20
"""Bytes over which a server's log is set aside as ``.1`` when the next server starts."""

__all__ = ["CONGESTED", "FRAME_INTERVAL", "LOG_ROTATE", "READ_BUDGET", "READ_SLICE", "Client", "Server", "ServerError",
           "daemon_main", "open_log", "run"]


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


def open_log(log: Path) -> int | None:
    """The server's log opened for appending (directory 0700, file 0600); a log over ``LOG_ROTATE`` bytes
    is kept as ``NAME.1`` (replacing the one before) and a new one begun. None when it cannot be made."""
    try:
        make_private_dir(log.parent)
        try:
            if log.stat().st_size > LOG_ROTATE:
                os.replace(log, log.with_name(log.name + ".1"))
        except FileNotFoundError:
            pass
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    os.fchmod(fd, 0o600)
    return fd


def _log(text: str) -> None:
    """A line in the server's log (its stderr)."""
    try:
        os.write(2, f"{time.strftime('%Y-%m-%d %H:%M:%S')} muntin server: {text}\n".encode(errors="replace"))
    except OSError:
        pass


def daemon_main(path: Path, *, default_dir: bool = False) -> int:
    """Fork the server off this (launcher) process; return once it listens, or print why it could not.

    The launcher is started by a client in a new session; the server it forks is re-parented away from the
    client, so the client never has a child to reap and the server never has a controlling terminal."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        null = os.open(os.devnull, os.O_RDWR)
        log = open_log(server_log(path))
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.dup2(null if log is None else log, 2)
        if log is not None:
            os.close(log)
        _log(f"started on {path} (muntin {__version__}, pid {os.getpid()})")
        code = 1
        try:
            code = run(path, default_dir=default_dir, ready_fd=write_end)
        except BaseException as error:  # noqa: BLE001 - reported to the launcher, then we exit
            _log(f"ended by an error: {type(error).__name__}: {error}")
            traceback.print_exc()
            reason = f"cannot listen on {path}: {error.strerror}" if isinstance(error, OSError) and error.strerror \
                else str(error)
            try:
                os.write(write_end, f"muntin: server: {reason}".encode())
            except OSError:
                pass
        finally:
            _log(f"exited with status {code}")
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
