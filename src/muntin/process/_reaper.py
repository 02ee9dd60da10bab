"""Noticing state changes of our own children inside an asyncio loop, without waitpid(-1) and without threads.

Each child gets a pidfd watched by the loop where the kernel has pidfd_open (it becomes readable when the
child exits); SIGCHLD, handled by the loop, catches stops and continues (and exits when pidfds are not
available). Either way only the pids we started are waited for, each with WNOHANG.
"""

from __future__ import annotations

import asyncio
import os
import signal
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muntin.process._child import Child

USE_PIDFD = hasattr(os, "pidfd_open")

_reapers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Reaper] = weakref.WeakKeyDictionary()


class Reaper:
    """Watches a set of children for one event loop and polls them when something may have changed."""

    def __init__(self, loop: asyncio.AbstractEventLoop, *, use_pidfd: bool | None = None) -> None:
        self.loop = loop
        self.use_pidfd = USE_PIDFD if use_pidfd is None else use_pidfd
        self.children: dict[int, Child] = {}
        self._pidfds: dict[int, int] = {}
        self._sigchld = False

    def add(self, child: Child) -> None:
        self.children[child.pid] = child
        if self.use_pidfd and child.pid not in self._pidfds:
            try:
                pidfd = os.pidfd_open(child.pid)
            except OSError:
                pidfd = -1
            if pidfd >= 0:
                self._pidfds[child.pid] = pidfd
                self.loop.add_reader(pidfd, child.poll)
        self._install()
        # It may have changed state before we were watching.
        self.loop.call_soon(child.poll)

    def remove(self, child: Child) -> None:
        self.children.pop(child.pid, None)
        pidfd = self._pidfds.pop(child.pid, None)
        if pidfd is not None:
            self.loop.remove_reader(pidfd)
            os.close(pidfd)
        if not self.children:
            self._uninstall()

    def poll_all(self) -> None:
        for child in list(self.children.values()):
            child.poll()

    def _install(self) -> None:
        if not self._sigchld and not self.loop.is_closed():
            self.loop.add_signal_handler(signal.SIGCHLD, self.poll_all)
            self._sigchld = True

    def _uninstall(self) -> None:
        if self._sigchld and not self.loop.is_closed():
            self.loop.remove_signal_handler(signal.SIGCHLD)
        self._sigchld = False


def reaper_for(loop: asyncio.AbstractEventLoop) -> Reaper:
    """The loop's reaper (one per loop)."""
    reaper = _reapers.get(loop)
    if reaper is None:
        reaper = _reapers[loop] = Reaper(loop)
    return reaper
