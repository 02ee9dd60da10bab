"""``pipe-pane``: a shell command that receives everything a pane's program writes (to log it, grep it,
tee it somewhere), as tmux's pipe-pane does. Writes never block the server: what the command has not read
yet waits in a bounded buffer."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import subprocess
from collections.abc import Mapping

MAX_BUFFERED = 8 << 20
"""Bytes kept for a command that reads slower than the pane writes; beyond this the oldest are dropped."""


class PanePipe:
    """One running ``sh -c COMMAND`` with its standard input fed from the pane's output."""

    def __init__(self, command: str, *, shell: str = "/bin/sh", cwd: str | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.command = command
        self.process = subprocess.Popen([shell, "-c", command], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, cwd=cwd if cwd and os.path.isdir(cwd) else None,
                                        env=dict(env) if env is not None else None, start_new_session=True)
        assert self.process.stdin is not None
        self.fd = self.process.stdin.fileno()
        os.set_blocking(self.fd, False)
        self.pending = bytearray()
        self.dropped = 0
        self.closed = False
        self._writer: asyncio.AbstractEventLoop | None = None

    def write(self, data: bytes) -> None:
        """Hand ``data`` to the command: now if it is reading, else when it can take more."""
        if self.closed or not data:
            return
        self.pending += data
        if len(self.pending) > MAX_BUFFERED:
            excess = len(self.pending) - MAX_BUFFERED
            del self.pending[:excess]
            self.dropped += excess
        if self._writer is None:
            self._flush()

    def _flush(self) -> None:
        while self.pending and not self.closed:
            try:
                written = os.write(self.fd, self.pending)
            except BlockingIOError:
                break
            except OSError as error:
                if error.errno in (errno.EPIPE, errno.EBADF):  # the command ended: nothing more to give it
                    self._stop_writing()
                    self.pending.clear()
                    self.closed = True
                    self.process.poll()  # reaped now if it has exited
                    return
                raise
            del self.pending[:written]
        if self.pending and self._writer is None:
            self._writer = asyncio.get_running_loop()
            self._writer.add_writer(self.fd, self._flush)
        elif not self.pending:
            self._stop_writing()

    def _stop_writing(self) -> None:
        if self._writer is not None:
            self._writer.remove_writer(self.fd)
            self._writer = None

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    async def aclose(self, grace: float = 2.0) -> int | None:
        """Close the command's input (what it was given so far stays given: a last flush without waiting),
        let it finish, then hang it up, terminate and kill its process group in turn; reap it."""
        if not self.closed:
            self._stop_writing()
            if self.pending:
                try:
                    os.write(self.fd, self.pending)
                except OSError:
                    pass
            self.pending.clear()
            self.closed = True
        try:
            self.process.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        steps = ((grace, None), (1.0, signal.SIGHUP), (1.0, signal.SIGTERM), (5.0, signal.SIGKILL))
        for wait, sig in steps:
            if sig is not None and self.process.poll() is None:
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    pass
            loop = asyncio.get_running_loop()
            deadline = loop.time() + wait
            while self.process.poll() is None and loop.time() < deadline:
                await asyncio.sleep(0.01)
            if self.process.poll() is not None:
                break
        return self.process.returncode
