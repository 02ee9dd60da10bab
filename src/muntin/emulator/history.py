"""The scrollback: lines that scrolled off the top, oldest first, kept compact and decoded on demand.

A terminal holds up to ``history-limit`` lines per pane, most of them never looked at again. Each line as its
own object (a tuple, a str, a list slot) cost about 140 bytes however short it was; here the newest lines
stay as ``ScrollbackLine`` tuples until there are ``BLOCK`` of them, which are then packed into one block:
their texts joined into one string, the line ends in an ``array``, their style runs as one tuple (unstyled
lines share one runs tuple per length, so that is a reference each) and their wrap marks in ``bytes``. A
line costs its characters and 3 to 12 bytes. Reading a line (copy mode, capture-pane, a resize that
re-wraps) rebuilds the same ``ScrollbackLine`` it was made from.

``History`` behaves as the ``deque(maxlen=N)`` it replaces: ``append``, ``extend``, ``pop``, ``clear``,
``len``, indexing (negative too) and iteration, oldest first; a full history drops its oldest lines.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from muntin.emulator.style import DEFAULT, Style

BLOCK = 128
"""Lines packed together: large enough that a block's own overhead is small per line, small enough that
reading one line decodes little and that dropping the oldest lines frees memory soon."""

_WRAPS = (False, True, 2)  # a wrap mark as stored (0, 1, 2) and as ScrollbackLine has it (False, True, WIDE_WRAP)


class ScrollbackLine(NamedTuple):
    """A line that scrolled off the top: its text and (length, style) runs, with wide fillers dropped.

    A tuple, as it is made for every line that scrolls; lines of unstyled text share their ``runs``."""

    text: str
    runs: tuple[tuple[int, Style], ...]
    wrapped: bool | int = False  # True, or WIDE_WRAP

    def styled(self) -> list[tuple[str, Style]]:
        out: list[tuple[str, Style]] = []
        pos = 0
        for length, style in self.runs:
            out.append((self.text[pos:pos + length], style))
            pos += length
        return out


# Scrollback lines are made by the hundred thousand under ``cat``: tuple.__new__ skips the NamedTuple's
# Python-level constructor (a third of the cost of a plain line).
new_line = tuple.__new__


@lru_cache(maxsize=1024)
def plain_runs(length: int) -> tuple[tuple[int, Style], ...]:
    """The runs of ``length`` unstyled characters, one shared tuple per length."""
    return ((length, DEFAULT),) if length else ()


class _Block:
    """``BLOCK`` lines packed: one string, the end of each line in it, the runs and the wrap marks. A block
    of unstyled lines keeps no runs (they are rebuilt from the lengths), one where nothing wrapped no marks."""

    __slots__ = ("text", "ends", "runs", "wraps")

    def __init__(self, lines: list[ScrollbackLine]) -> None:
        texts, runs, wraps = zip(*lines)
        self.text = "".join(texts)
        self.ends = array("H" if len(self.text) < 65536 else "I", accumulate(map(len, texts)))
        plain = runs == tuple(map(plain_runs, map(len, texts)))
        self.runs: tuple[tuple[tuple[int, Style], ...], ...] | None = None if plain else runs
        self.wraps = bytes(wraps) if any(wraps) else None

    def line(self, index: int) -> ScrollbackLine:
        ends = self.ends
        start = ends[index - 1] if index else 0
        end = ends[index]
        runs = plain_runs(end - start) if self.runs is None else self.runs[index]
        return new_line(ScrollbackLine, (self.text[start:end], runs,
                                         False if self.wraps is None else _WRAPS[self.wraps[index]]))

    def lines(self, first: int = 0) -> list[ScrollbackLine]:
        text, ends, runs, wraps = self.text, self.ends, self.runs, self.wraps
        start = ends[first - 1] if first else 0
        out = []
        for index in range(first, len(ends)):
            end = ends[index]
            out.append(new_line(ScrollbackLine, (text[start:end], plain_runs(end - start) if runs is None else runs[index],
                                                 False if wraps is None else _WRAPS[wraps[index]])))
            start = end
        return out


class History:
    """Up to ``maxlen`` scrollback lines, oldest first (see the module docstring)."""

    __slots__ = ("_maxlen", "_blocks", "_head", "_tail", "_len")

    def __init__(self, lines: Iterable[ScrollbackLine] = (), maxlen: int | None = None) -> None:
        self._maxlen = maxlen
        self._blocks: deque[_Block] = deque()
        self._head = 0  # lines of the oldest block already dropped
        self._tail: list[ScrollbackLine] = []  # the newest lines, fewer than BLOCK, not packed yet
        self._len = 0
        self.extend(lines)

    @property
    def maxlen(self) -> int | None:
        return self._maxlen

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0

    def append(self, line: ScrollbackLine) -> None:
        if self._maxlen == 0:
            return
        tail = self._tail
        tail.append(line)
        self._len += 1
        if len(tail) >= BLOCK:
            self._pack()
        if self._maxlen is not None and self._len > self._maxlen:
            self._drop(self._len - self._maxlen)

    def extend(self, lines: Iterable[ScrollbackLine]) -> None:
        if self._maxlen == 0:
            return
        tail = self._tail
        before = len(tail)
        tail.extend(lines)
        self._len += len(tail) - before
        if len(tail) >= BLOCK:
            self._pack()
        if self._maxlen is not None and self._len > self._maxlen:
            self._drop(self._len - self._maxlen)

    def _pack(self) -> None:
        """Whole blocks out of the tail, oldest first; fewer than BLOCK lines stay in it."""
        tail = self._tail
        packed = len(tail) - len(tail) % BLOCK
        blocks = self._blocks
        for start in range(0, packed, BLOCK):
            blocks.append(_Block(tail[start:start + BLOCK]))
        del tail[:packed]

    def _drop(self, count: int) -> None:
        """The ``count`` oldest lines go."""
        self._len -= count
        blocks = self._blocks
        while count and blocks:
            left = BLOCK - self._head
            if count < left:
                self._head += count
                return
            count -= left
            blocks.popleft()
            self._head = 0
        if count:
            del self._tail[:count]

    def pop(self) -> ScrollbackLine:
        """The newest line, removed."""
        if not self._tail:
            if not self._blocks:
                raise IndexError("pop from an empty history")
            self._tail = self._blocks.pop().lines(self._head if not self._blocks else 0)
            if not self._blocks:
                self._head = 0
        self._len -= 1
        return self._tail.pop()

    def clear(self) -> None:
        self._blocks.clear()
        self._tail = []
        self._head = 0
        self._len = 0

    def __getitem__(self, index: int) -> ScrollbackLine:
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("history index out of range")
        index += self._head
        block, offset = divmod(index, BLOCK)
        if block < len(self._blocks):
            return self._blocks[block].line(offset)
        return self._tail[index - len(self._blocks) * BLOCK]

    def __iter__(self) -> Iterator[ScrollbackLine]:
        first = self._head
        for block in list(self._blocks):
            yield from block.lines(first)
            first = 0
        yield from list(self._tail)

    def held_bytes(self) -> int:
        """The bytes the lines take here, each object counted once (unstyled lines share their runs tuple;
        styles are interned and shared by the whole terminal, so they are left out)."""
        from sys import getsizeof

        objects: dict[int, object] = {}
        for block in self._blocks:
            for part in (block, block.text, block.ends, block.runs, block.wraps):
                if part is not None:
                    objects[id(part)] = part
            for runs in block.runs or ():
                for part in (runs, *runs):
                    objects[id(part)] = part
        for line in self._tail:
            for part in (line, line.text, line.runs, *line.runs):
                objects[id(part)] = part
        return sum(getsizeof(part) for part in objects.values()) + getsizeof(self._tail) + getsizeof(self._blocks)

    def __repr__(self) -> str:
        return f"History({self._len} lines, maxlen={self._maxlen})"
