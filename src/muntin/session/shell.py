"""Shell commands the server runs for ``run-shell`` and ``if-shell``: ``sh -c COMMAND`` with its output
read without blocking the server, bounded in size and time, and its process group ended on timeout or when
the server stops waiting."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

OUTPUT_LIMIT = 1 << 20
"""Bytes of a command's output kept; the rest is read and dropped."""
TIMEOUT = 300.0
"""Seconds a shell command may run before its process group is killed."""


@dataclass(frozen=True)
class ShellResult:
    """How a shell command ended: its exit code (None when a signal ended it), the signal, its output
    (stdout and stderr together), whether output was dropped, whether it ran out of time."""

    code: int | None
    signal: int | None
    output: bytes
    truncated: bool = False
    timed_out: bool = False


async def run_shell(command: str, *, shell: str = "/bin/sh", cwd: str | None = None,
                    env: Mapping[str, str] | None = None, timeout: float = TIMEOUT,
                    limit: int = OUTPUT_LIMIT) -> ShellResult:
    """Run ``shell -c command`` in its own session, stdin from /dev/null; never blocks the event loop."""
    process = subprocess.Popen([shell, "-c", command], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, cwd=cwd if cwd and os.path.isdir(cwd) else None,
                               env=dict(env) if env is not None else None, start_new_session=True)
    assert process.stdout is not None
    fd = process.stdout.fileno()
    os.set_blocking(fd, False)
    loop = asyncio.get_running_loop()
    ended: asyncio.Future[None] = loop.create_future()
    output = bytearray()
    dropped = False

    def readable() -> None:
        nonlocal dropped
        while True:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                loop.remove_reader(fd)
                if not ended.done():
                    ended.set_result(None)
                return
            room = limit - len(output)
            if len(data) > room:
                dropped = True
            output.extend(data[:max(room, 0)])

    loop.add_reader(fd, readable)
    timed_out = False
    try:
        try:
            await asyncio.wait_for(asyncio.shield(ended), timeout)
        except (asyncio.TimeoutError, TimeoutError):
            timed_out = True
            _kill(process, signal.SIGTERM)
        deadline = loop.time() + (2.0 if timed_out else timeout)
        while process.poll() is None and loop.time() < deadline:  # output ended: the exit follows soon
            await asyncio.sleep(0.005)
        if process.poll() is None:
            timed_out = True
            _kill(process, signal.SIGKILL)
            await asyncio.sleep(0)
    finally:
        loop.remove_reader(fd)
        process.stdout.close()
        if process.poll() is None:  # cancelled (the server stops): the command goes with it
            _kill(process, signal.SIGKILL)
            process.wait(timeout=5)
    code = process.returncode
    return ShellResult(code if code >= 0 else None, -code if code < 0 else None, bytes(output), dropped,
                       timed_out)


def _kill(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
