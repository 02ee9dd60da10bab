"""What one sequence may cost: bounded by the screen's size, never by its parameters or by the chunking.

The server parses every pane on one thread, so the dearest byte a program can write is the longest any other
pane, client or keystroke may wait. These tests compare costs measured side by side in one run (ratios), so
they hold on a slow or busy machine; absolute speed is measured in bench/.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muntin.emulator import Terminal
from muntin.emulator import terminal as terminal_module

# Large, huge, overlong and many parameters: each handler must clamp what can have no effect.
PARAMS = ["", "0", "1", "2", "3", "65535", "2147483647", "9" * 40, "65535;65535", ";".join(["65535"] * 10),
          "1;" * 20]
LIMIT = 150
"""The most one sequence of at most 64 bytes may cost, in 64-byte plain text writes (the dearest today, REP
of a screenful, is about 15-35; CHT 65535 was about 3,000)."""


def sequences() -> Iterator[bytes]:
    """Every sequence the terminal handles (read from its dispatch tables), with the worst parameters."""
    for private, final in terminal_module._CSI:
        for params in PARAMS:
            yield f"\x1b[{private}{params}{final}".encode()
    for private, intermediates, final in terminal_module._CSI_INTERMEDIATE:
        for params in PARAMS:
            yield f"\x1b[{private}{params}{intermediates}{final}".encode()
    for mode in ["1049", "47", "1047", "5", "6", "3", "1000;1006", "2004"]:
        yield f"\x1b[?{mode}h\x1b[?{mode}l".encode()
    for final in terminal_module._ESC:
        yield f"\x1b{final}".encode()
    yield from (text.encode() for text in [
        "\x1b#8", "\x1b(0", "\x1b)B", "\x1b]0;" + "t" * 50 + "\x07", "\x1b]8;;http://x/" + "a" * 30 + "\x1b\\",
        "\x1b]52;c;" + "QUJD" * 12 + "\x07", "\x1b]133;D;1\x07", "\x1b]7;file://h/tmp\x07",
        "\x1bP1$r" + "m" * 40 + "\x1b\\", "\x1b[38;2;1;2;3;48;5;200;1;4;7m",
    ])


def _cost(data: bytes, repeats: int = 20, runs: int = 3) -> float:
    """Seconds one feed of ``data`` takes on a full 24x80 screen (the best of ``runs``)."""
    best = float("inf")
    screen = b"".join(b"%02d" % i + b"y" * 70 + b"\r\n" for i in range(23))
    for _ in range(runs):
        terminal = Terminal(24, 80)
        terminal.feed(screen)
        start = time.perf_counter()
        for _ in range(repeats):
            terminal.feed(data)
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


def test_no_sequence_costs_more_than_a_bounded_multiple_of_plain_text() -> None:
    all_sequences = list(sequences())
    assert all(len(sequence) <= 64 for sequence in all_sequences)
    plain = _cost(b"x" * 64)
    dear = sorted(((_cost(sequence) / plain, sequence) for sequence in all_sequences), reverse=True)
    over = [(round(ratio), sequence) for ratio, sequence in dear if ratio > LIMIT]
    if over:  # measured once more, alone, before it counts: one slow moment of the machine is not a finding
        plain = _cost(b"x" * 64)
        over = [(round(_cost(sequence) / plain), sequence) for _, sequence in over]
        over = [(ratio, sequence) for ratio, sequence in over if ratio > LIMIT]
    assert not over, f"sequences dearer than {LIMIT} plain 64-byte writes: {over}"


@pytest.mark.parametrize(("data", "x"), [
    (b"\x1b[I", 8), (b"\x1b[2I", 16), (b"\x1b[9I", 72), (b"\x1b[10I", 79), (b"\x1b[65535I", 79),
    (b"\x1b[70G\x1b[Z", 64), (b"\x1b[70G\x1b[2Z", 56), (b"\x1b[70G\x1b[65535Z", 0),
])
def test_tab_counts_past_the_last_stop_end_at_the_margin(data: bytes, x: int) -> None:
    terminal = Terminal(24, 80)
    terminal.feed(data)
    assert terminal.cursor == (x, 0)


def test_parameters_of_thousands_of_digits_are_clamped_not_an_error() -> None:
    terminal = Terminal(24, 80)
    terminal.feed(b"\x1b[5;5H\x1b[" + b"9" * 5000 + b"A")  # int() of 5000 digits raises in Python
    assert terminal.cursor == (4, 0)
    terminal.feed(b"\x1b[38;5;" + b"1" * 5000 + b"mx")
    assert terminal.display[0][4] == "x"


def test_rep_draws_at_most_a_screenful() -> None:
    terminal = Terminal(4, 10)
    terminal.feed(b"a\x1b[2147483647b")  # the "a" and 40 copies: one line scrolls out
    assert terminal.display == ["a" * 10] * 3 + ["a" + " " * 9]
    assert len(terminal.scrollback) == 1


def _osc52(size: int) -> bytes:
    return b"\x1b]52;c;" + base64.b64encode(b"x" * size) + b"\x07after"


@pytest.mark.parametrize("step", [1, 7, 16, 4096])
def test_a_long_string_in_small_reads_gives_the_same_result(step: int) -> None:
    data = _osc52(30000)
    terminal = Terminal(24, 80)
    for start in range(0, len(data), step):
        terminal.feed(data[start:start + step])
    assert terminal.clipboard == [("c", "x" * 30000)]
    assert terminal.display[0].rstrip() == "after"


def _fed_in_bytes(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        terminal = Terminal(24, 80)
        start = time.perf_counter()
        for i in range(len(data)):
            terminal.feed(data[i:i + 1])
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("introducer", [b"\x1b]52;c;", b"\x1bP1$r", b"\x1b_", b"\x1b[1;"])
def test_an_unfinished_sequence_costs_linear_time_whatever_the_chunking(introducer: bytes) -> None:
    """Eight times the bytes in 1-byte reads cost about eight times the time (it was 64 times: each read
    re-scanned the unfinished string from its start; 64 KiB took a minute)."""
    body = b"1" if introducer.startswith(b"\x1b[") else b"Q"
    small = _fed_in_bytes(introducer + body * 8000 + b"\x07")
    large = _fed_in_bytes(introducer + body * 64000 + b"\x07")
    assert large / small < 20


@pytest.mark.parametrize(("data", "line"), [
    (b"\x1b]2;" + b"a" * (2 << 20) + b"\x07ok", "ok"),  # a title over the 1 MiB limit: dropped, BEL ends it
    (b"\x1bP" + b"q" * (2 << 20) + b"\x1b\\ok", "ok"),  # a DCS over the limit, ended by ST
    (b"\x1b[" + b"1" * 10000 + b"Aok", "ok"),  # a CSI with 10,000 parameter bytes: dropped with its final
])
def test_an_overlong_sequence_is_dropped_whole_and_nothing_of_it_is_printed(data: bytes, line: str) -> None:
    for step in (4096, 7):
        terminal = Terminal(24, 80)
        for start in range(0, len(data), step):
            terminal.feed(data[start:start + step])
        assert terminal.display[0].rstrip() == line
        assert terminal.title == ""


LONG_SNIPPETS = [b"\x1b]2;" + b"t" * 150 + b"\x07", b"\x1b]52;c;" + b"QUJD" * 40 + b"\x1b\\", b"\x1bP" + b"q" * 120,
                 b"\x1b\\", b"\x1b[" + b"1;" * 60 + b"m", b"\x1b[" + b"7" * 90 + b"C", b"\x1b[65535I", b"\x1b[65535Z",
                 b"\x1b[2147483647b", b"\x1b]8;;" + b"u" * 100 + b"\x07", b"\x07", b"\x1b", b"\x9c", b"text",
                 b"\r\n", b"\x1b[5;5H"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(st.sampled_from(LONG_SNIPPETS), st.binary(max_size=8)), max_size=40),
       cuts=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=8))
def test_long_and_huge_sequences_give_one_screen_in_any_chunking(parts: list[bytes], cuts: list[int]) -> None:
    data = b"".join(parts)
    whole = Terminal(8, 30)
    whole.feed(data)
    chunked = Terminal(8, 30)
    pos = i = 0
    while pos < len(data):
        step = cuts[i % len(cuts)]
        chunked.feed(data[pos:pos + step])
        pos, i = pos + step, i + 1
    assert chunked.display == whole.display
    assert (chunked.cursor, chunked.title, chunked.clipboard) == (whole.cursor, whole.title, whole.clipboard)
