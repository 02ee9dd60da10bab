"""Waiting on a condition with a deadline, for the tests and the scripts beside them (no side effects)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


def poll_until(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
    """Call ``predicate`` until it returns a truthy value or the deadline passes; return the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


async def poll_until_async(predicate: Callable[[], Awaitable[Any]], timeout: float = 5.0,
                           interval: float = 0.02) -> Any:
    """``poll_until`` for a coroutine predicate, in a running loop."""
    deadline = time.monotonic() + timeout
    while True:
        value = await predicate()
        if value or time.monotonic() >= deadline:
            return value
        await asyncio.sleep(interval)
