"""Paste buffers: text copied in copy mode or set from the CLI, newest first, as tmux keeps them."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

BUFFER_LIMIT = 50
"""Automatic buffers (those named ``bufferN``) kept at most; named ones are kept until deleted."""


@dataclass(slots=True)
class Buffer:
    name: str
    text: str
    automatic: bool
    created: float = field(default_factory=time.time)

    def sample(self, width: int = 50) -> str:
        """The start of the text on one line, for list-buffers."""
        flat = self.text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
        return flat if len(flat) <= width else flat[: width - 3] + "..."


class Buffers:
    """The server's paste buffers, newest first."""

    def __init__(self, limit: int = BUFFER_LIMIT) -> None:
        self.limit = limit
        self._items: list[Buffer] = []
        self._next = 0

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def add(self, text: str, name: str | None = None) -> Buffer:
        """Store ``text`` as the newest buffer (replacing a buffer of the same name)."""
        if name is None:
            name = f"buffer{self._next}"
            self._next += 1
            automatic = True
        else:
            automatic = False
        self.delete(name)
        buffer = Buffer(name, text, automatic)
        self._items.insert(0, buffer)
        automatic_ones = [b for b in self._items if b.automatic]
        for old in automatic_ones[self.limit:]:
            self._items.remove(old)
        return buffer

    def get(self, name: str | None = None) -> Buffer | None:
        """The named buffer, or the newest one."""
        if name is None:
            return self._items[0] if self._items else None
        return next((b for b in self._items if b.name == name), None)

    def delete(self, name: str | None = None) -> bool:
        buffer = self.get(name)
        if buffer is None:
            return False
        self._items.remove(buffer)
        return True
