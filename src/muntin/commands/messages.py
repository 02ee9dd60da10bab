"""The server's message log, as tmux's show-messages prints it: numbered, timed, bounded."""

from __future__ import annotations

import time
from collections import deque
from typing import NamedTuple

MESSAGE_LIMIT = 1000
"""Messages the log keeps (tmux's message-limit default)."""


class Message(NamedTuple):
    number: int
    when: float  # time.time()
    text: str


class MessageLog:
    """The last MESSAGE_LIMIT messages the server showed or reported."""

    def __init__(self, limit: int = MESSAGE_LIMIT) -> None:
        self.entries: deque[Message] = deque(maxlen=limit)
        self.next = 0

    def add(self, text: str) -> None:
        self.entries.append(Message(self.next, time.time(), text))
        self.next += 1

    def lines(self) -> list[str]:
        """``TIME: TEXT`` for each, oldest first; TIME as tmux's ``#{t/p:message_time}`` shows a recent one."""
        return [f"{time.strftime('%H:%M', time.localtime(m.when))}: {m.text}" for m in self.entries]
