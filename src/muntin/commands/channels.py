"""wait-for channels as in tmux: waiting on a name until it is signalled, and locks queued by name."""

from __future__ import annotations

import asyncio
import os
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field

from muntin.commands.dispatch import CommandError

CHANNEL_LIMIT = 1024
"""The most channels that exist at once (signalled with nobody waiting, locked, or waited on)."""

WAITER_LIMIT = 1024
"""The most commands waiting on channels at once, waits and locks together."""


@dataclass
class _Waiter:
    future: asyncio.Future[None]
    task: asyncio.Task[object] | None


@dataclass
class _Channel:
    woken: bool = False  # signalled while nobody waited: the next wait returns at once
    locked: bool = False
    waiters: deque[_Waiter] = field(default_factory=deque)
    lockers: deque[_Waiter] = field(default_factory=deque)

    @property
    def idle(self) -> bool:
        return not (self.woken or self.locked or self.waiters or self.lockers)


class Channels:
    """Every channel of a server. A signal with nobody waiting is remembered (once) for the next wait;
    a signal wakes every waiter; a lock queues behind the holder and an unlock passes it to the next in
    line. Waiters are bounded (``WAITER_LIMIT``), and are answered with an error when their connection
    closes (``drop``) or the server stops (``close``)."""

    def __init__(self) -> None:
        self._channels: dict[str, _Channel] = {}
        self._closed: str | None = None

    def __len__(self) -> int:
        return len(self._channels)

    def waiting(self) -> int:
        """How many commands wait on a channel now."""
        return sum(len(c.waiters) + len(c.lockers) for c in self._channels.values())

    def _channel(self, name: str) -> _Channel:
        if self._closed is not None:
            raise CommandError(f"channel {name}: {self._closed}", os.EX_UNAVAILABLE)
        channel = self._channels.get(name)
        if channel is None:
            if len(self._channels) >= CHANNEL_LIMIT:
                raise CommandError(f"channel {name}: there are {CHANNEL_LIMIT} channels already: wait on, "
                                   "signal or unlock some of them first", os.EX_TEMPFAIL)
            channel = self._channels[name] = _Channel()
        return channel

    def _forget(self, name: str) -> None:
        channel = self._channels.get(name)
        if channel is not None and channel.idle:
            del self._channels[name]

    async def _queue(self, name: str, queue: deque[_Waiter], timeout: float | None) -> None:
        if self.waiting() >= WAITER_LIMIT:
            self._forget(name)
            raise CommandError(f"channel {name}: {WAITER_LIMIT} commands wait on channels already: signal "
                               "or unlock some first", os.EX_TEMPFAIL)
        waiter = _Waiter(asyncio.get_running_loop().create_future(), asyncio.current_task())
        queue.append(waiter)
        try:
            async with asyncio.timeout(timeout):
                await waiter.future
        except BaseException as error:
            handed = waiter.future.done() and not waiter.future.cancelled() and waiter.future.exception() is None
            if waiter in queue:
                queue.remove(waiter)
            elif handed and queue is self._channels[name].lockers:  # the lock came as we gave up: pass it on
                self.unlock(name)
            self._forget(name)
            if isinstance(error, TimeoutError):
                raise CommandError(f"timed out after {timeout:g}s waiting on channel {name}",
                                   os.EX_TEMPFAIL) from None
            raise

    async def wait(self, name: str, timeout: float | None = None) -> None:
        """Return once ``name`` is signalled (at once if it was signalled while nobody waited)."""
        channel = self._channel(name)
        if channel.woken:
            channel.woken = False
            self._forget(name)
            return
        await self._queue(name, channel.waiters, timeout)

    def signal(self, name: str) -> int:
        """Wake everyone waiting on ``name``, or, with nobody waiting, remember it for the next wait; how
        many woke."""
        channel = self._channel(name)
        woken = 0
        while channel.waiters:
            waiter = channel.waiters.popleft()
            if not waiter.future.done():
                waiter.future.set_result(None)
                woken += 1
        if not woken:
            channel.woken = True
        self._forget(name)
        return woken

    async def lock(self, name: str, timeout: float | None = None) -> None:
        """Take the lock ``name``, waiting behind its holder and those before us."""
        channel = self._channel(name)
        if not channel.locked:
            channel.locked = True
            return
        await self._queue(name, channel.lockers, timeout)  # unlock hands the lock over: it stays locked

    def unlock(self, name: str) -> None:
        """Pass the lock ``name`` to the next in line, or release it."""
        channel = self._channels.get(name)
        if channel is None or not channel.locked:
            raise CommandError(f"channel {name} not locked", os.EX_USAGE)
        while channel.lockers:
            waiter = channel.lockers.popleft()
            if not waiter.future.done():
                waiter.future.set_result(None)
                return
        channel.locked = False
        self._forget(name)

    def drop(self, tasks: Collection[asyncio.Task[object]], reason: str = "the client's connection closed") -> None:
        """Fail the waits that ``tasks`` (a closed connection's commands) run, so they leave their channels."""
        for channel in list(self._channels.values()):
            for waiter in (*channel.waiters, *channel.lockers):
                if waiter.task in tasks and not waiter.future.done():
                    waiter.future.set_exception(CommandError(reason, os.EX_UNAVAILABLE))

    def close(self, reason: str = "the server exited") -> None:
        """Answer every waiter with an error, and refuse waits from now on."""
        self._closed = reason
        for channel in list(self._channels.values()):
            for waiter in (*channel.waiters, *channel.lockers):
                if not waiter.future.done():
                    waiter.future.set_exception(CommandError(reason, os.EX_UNAVAILABLE))
