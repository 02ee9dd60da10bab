"""The compact scrollback (muntin.emulator.history) against the deque it replaced: every operation gives the
same lines, and what capture-pane, copy mode and a resize read from a full history is what was written."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muntin.emulator import Terminal
from muntin.emulator.history import BLOCK, History, ScrollbackLine, plain_runs
from muntin.emulator.style import DEFAULT, Style

RED = Style(fg=1)


def line(number: int) -> ScrollbackLine:
    """A line of its own for each number: plain, styled, wide, empty, wrapped, as scrollback holds them."""
    kind = number % 5
    if kind == 0:
        return ScrollbackLine(f"plain {number}", plain_runs(len(f"plain {number}")))
    if kind == 1:
        return ScrollbackLine(f"red{number}", ((3, RED), (len(str(number)), DEFAULT)), True)
    if kind == 2:
        return ScrollbackLine(f"文字{number}", plain_runs(2 + len(str(number))), 2)
    if kind == 3:
        return ScrollbackLine("", ())
    return ScrollbackLine(f"\U0001f600 {number}", ((len(f"\U0001f600 {number}"), RED),), False)


operations = st.lists(st.one_of(
    st.tuples(st.just("append"), st.integers(0, 10_000)),
    st.tuples(st.just("extend"), st.integers(0, 3 * BLOCK)),
    st.tuples(st.just("pop"), st.integers(1, BLOCK + 5)),
    st.tuples(st.just("clear"), st.just(0)),
), max_size=40)


@settings(max_examples=150, deadline=None)
@given(maxlen=st.sampled_from([0, 1, 7, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 5, None]), ops=operations)
def test_history_behaves_as_a_bounded_deque(maxlen: int | None, ops: list[tuple[str, int]]) -> None:
    mine, model = History(maxlen=maxlen), deque(maxlen=maxlen)
    made = 0
    for op, value in ops:
        if op == "append":
            mine.append(line(value))
            model.append(line(value))
        elif op == "extend":
            lines = [line(made + i) for i in range(value)]
            made += value
            mine.extend(lines)
            model.extend(lines)
        elif op == "pop":
            for _ in range(min(value, len(model))):
                assert mine.pop() == model.pop()
        else:
            mine.clear()
            model.clear()
        assert len(mine) == len(model) and bool(mine) == bool(model)
    assert list(mine) == list(model)
    assert [mine[i] for i in range(len(model))] == list(model)
    assert [mine[-i] for i in range(1, len(model) + 1)] == [model[-i] for i in range(1, len(model) + 1)]
    assert all(type(got.wrapped) is type(want.wrapped) for got, want in zip(mine, model))
    assert mine.maxlen == model.maxlen


def test_history_index_out_of_range() -> None:
    history = History([line(i) for i in range(BLOCK + 3)], maxlen=BLOCK + 1)
    assert len(history) == BLOCK + 1 and history[0] == line(2)
    for index in (BLOCK + 1, -(BLOCK + 2)):
        with pytest.raises(IndexError):
            history[index]
    with pytest.raises(IndexError):
        History().pop()


def test_lines_read_back_from_a_full_terminal_history() -> None:
    """Styled, wide and wrapped lines written through the terminal come back exactly from a history that
    has packed and dropped many blocks: text, style runs and wrap marks."""
    terminal = Terminal(5, 20, scrollback=300)
    rows: list[ScrollbackLine] = []
    for number in range(2000):
        extra = number % 20
        terminal.feed(f"\x1b[31m{number:04d}\x1b[0m 文 {'x' * extra}\r\n".encode())
        if extra <= 12:  # 8 + extra cells: one row (the blank after 文 is dropped when nothing follows)
            text = f"{number:04d} 文 {'x' * extra}".rstrip(" ")
            rows.append(ScrollbackLine(text, ((4, RED), (len(text) - 4, DEFAULT)), False))
        else:  # wraps after 20 cells
            rows.append(ScrollbackLine(f"{number:04d} 文 {'x' * 12}", ((4, RED), (15, DEFAULT)), True))
            rows.append(ScrollbackLine("x" * (extra - 12), plain_runs(extra - 12), False))
    expected = rows[:-4][-300:]  # the last four rows are on the screen, above the cursor's empty row
    assert list(terminal.scrollback) == expected
    assert [terminal.scrollback[i] for i in range(-300, 0, 7)] == expected[::7]
    assert [type(entry.wrapped) for entry in terminal.scrollback] == [bool] * 300


def test_capture_and_copy_mode_read_the_history_as_written() -> None:
    """capture-pane's lines and copy mode's cells of the oldest, a middle and the newest history line."""
    from muntin.session.copymode import CopyMode

    terminal = Terminal(4, 30, scrollback=1000)
    for number in range(5000):
        terminal.feed(f"line {number}\r\n".encode())
    assert [entry.text for entry in terminal.scrollback][:2] == ["line 3997", "line 3998"]
    mode = CopyMode(terminal)
    first = mode.first
    assert "".join(mode.cells(first)).rstrip() == "line 3997"
    assert "".join(mode.cells(first + 500)).rstrip() == "line 4497"
    assert "".join(mode.cells(first + 999)).rstrip() == "line 4996"


def test_short_unstyled_lines_cost_a_few_bytes_each() -> None:
    """seq's lines (the memory benchmark's): packed, a few bytes each beyond their characters, not the
    ~140 bytes of a tuple, a str and a list slot per line."""
    history = History((ScrollbackLine(str(n), plain_runs(len(str(n)))) for n in range(10_000)), maxlen=10_000)
    assert history.held_bytes() / len(history) < 16
