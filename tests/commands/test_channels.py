"""wait-for channels: signals kept for one wait, locks handed on in order, bounds, and waiters answered."""

from __future__ import annotations

import asyncio
import os

import pytest

from muntin.commands import CommandError
from muntin.commands import channels as channels_module
from muntin.commands.channels import Channels


async def _until_waiting(channels: Channels, count: int, timeout: float = 5.0) -> None:
    """Until ``count`` commands wait on ``channels`` (the tasks made have reached their wait), or fail."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while channels.waiting() != count:
        assert loop.time() < deadline, f"{channels.waiting()} waiting, not {count}"
        await asyncio.sleep(0.001)


def test_a_signal_wakes_every_waiter_and_is_not_kept() -> None:
    async def main() -> None:
        channels = Channels()
        waits = [asyncio.create_task(channels.wait("c")) for _ in range(3)]
        await _until_waiting(channels, 3)
        assert channels.waiting() == 3
        assert channels.signal("c") == 3
        await asyncio.gather(*waits)
        assert len(channels) == 0  # nothing kept: the signal had waiters
        late = asyncio.create_task(channels.wait("c"))
        await _until_waiting(channels, 1)
        assert not late.done()
        late.cancel()
        await asyncio.gather(late, return_exceptions=True)
        assert len(channels) == 0 and channels.waiting() == 0

    asyncio.run(main())


def test_locks_are_handed_on_in_order_and_skip_one_that_gave_up() -> None:
    async def main() -> None:
        channels = Channels()
        order: list[str] = []
        await channels.lock("l")

        async def locker(name: str, timeout: float | None = None) -> None:
            await channels.lock("l", timeout)
            order.append(name)

        first = asyncio.create_task(locker("first", timeout=0.01))
        second = asyncio.create_task(locker("second"))
        with pytest.raises(CommandError) as error:
            await first
        assert error.value.exit_code == os.EX_TEMPFAIL
        channels.unlock("l")
        await second
        assert order == ["second"]
        channels.unlock("l")
        assert len(channels) == 0
        with pytest.raises(CommandError, match="channel l not locked"):
            channels.unlock("l")

    asyncio.run(main())


def test_dropped_and_closed_waiters_get_an_error() -> None:
    async def main() -> None:
        channels = Channels()
        gone = asyncio.create_task(channels.wait("c"))
        kept = asyncio.create_task(channels.wait("c"))
        await _until_waiting(channels, 2)
        channels.drop({gone})
        with pytest.raises(CommandError, match="connection closed"):
            await gone
        assert channels.waiting() == 1
        channels.close()
        with pytest.raises(CommandError, match="the server exited"):
            await kept
        with pytest.raises(CommandError, match="the server exited"):
            channels.signal("c")
        assert len(channels) == 0

    asyncio.run(main())


def test_channels_and_waiters_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(channels_module, "CHANNEL_LIMIT", 2)
    monkeypatch.setattr(channels_module, "WAITER_LIMIT", 2)

    async def main() -> None:
        channels = Channels()
        channels.signal("a")
        channels.signal("b")
        with pytest.raises(CommandError, match="2 channels already") as error:
            channels.signal("c")
        assert error.value.exit_code == os.EX_TEMPFAIL
        await channels.wait("a")  # uses the kept signal: the channel goes
        waits = [asyncio.create_task(channels.wait("x")) for _ in range(2)]
        await _until_waiting(channels, 2)
        with pytest.raises(CommandError, match="2 commands wait on channels already"):
            await channels.wait("x")
        channels.signal("x")
        await asyncio.gather(*waits)

    asyncio.run(main())
