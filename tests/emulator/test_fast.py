"""The fast path for runs of SGR, cursor moves and short texts leaves the screen as the sequences fed one at
a time do (a byte at a time, no run ever forms, so every piece takes the general path)."""

from __future__ import annotations

import random

import pytest

from muntin.emulator import Terminal, fast


def _state(terminal: Terminal) -> tuple[object, ...]:
    rows = [terminal.styled_row(y) for y in range(terminal.rows)]
    wrapped = [terminal.row_wrapped(y) for y in range(terminal.rows)]
    return rows, wrapped, terminal.cursor, terminal.wrap_pending, terminal.style, terminal.last_char


def _fed(data: bytes, whole: bool, rows: int = 6, cols: int = 20) -> tuple[object, ...]:
    terminal = Terminal(rows, cols)
    if whole:
        terminal.feed(data)
    else:
        for i in range(len(data)):
            terminal.feed(data[i:i + 1])
    return _state(terminal)


CASES = {
    "colours and moves": "\x1b[2;3H\x1b[1;31mred\x1b[0m plain\x1b[4;1H\x1b[44mblue bg\x1b[K\x1b[0m",
    "to the last column, then wraps": "\x1b[1;15H\x1b[32mabcdef\x1b[0mghij\x1b[33mk",
    "autowrap off": "\x1b[?7l\x1b[1;18H\x1b[1mabcdef\x1b[0mxyz\x1b[?7h",
    "wide character cut on the left": "\x1b[1;1H\u4e00\u4e01\x1b[1;2H\x1b[31mab\x1b[0mc",
    "wide character cut on the right": "\x1b[1;4H\u4e00\u4e01\x1b[1;3H\x1b[31mab\x1b[0mc",
    "box drawing and blocks": "\x1b[3;1H\x1b[36m\u250c\u2500\u2500\u2510\x1b[0m\u2588\u2588\x1b[35m\u2501\u2501\u2501",
    "combining and wide text": "\x1b[1;1H\x1b[1me\u0301\x1b[0m\u4e00x\x1b[2m\u200dy",
    "insert mode": "\x1b[1;1Habcdef\x1b[4h\x1b[1;2H\x1b[31mXY\x1b[0mZ\x1b[4l",
    "line drawing charset": "\x1b(0\x1b[2;1H\x1b[1mlqqk\x1b[0mx\x1b(B\x1b[3;1H\x1b[1mlqqk\x1b[0m",
    "left and right margins": "\x1b[?69h\x1b[3;8s\x1b[1;3H\x1b[31mabcdefgh\x1b[0mij\x1b[?69l",
    "origin mode and scroll region": "\x1b[2;4r\x1b[?6h\x1b[1;1H\x1b[7mtop\x1b[0m\x1b[5;1Hlow\x1b[?6l\x1b[r",
    "erases between texts": "\x1b[1;1Hxxxxxxxxxx\x1b[1;4H\x1b[41m\x1b[K\x1b[0mab\x1b[3X\x1b[2;1H\x1b[42m\x1b[Jz",
    "relative moves": "\x1b[3;3H\x1b[1ma\x1b[2Cb\x1b[1Ac\x1b[5Gd\x1b[6de\x1b[0m",
    "colon SGR and truecolour": "\x1b[38:2::10:20:30mrgb\x1b[48;5;200mpal\x1b[4:3mcurly\x1b[0m",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_run_gives_the_screen_of_its_pieces(name: str) -> None:
    data = CASES[name].encode()
    assert _fed(data, whole=True) == _fed(data, whole=False)


PIECES = ["\x1b[0m", "\x1b[1;32m", "\x1b[7m", "\x1b[48;5;17m", "\x1b[K", "\x1b[2J", "\x1b[3X", "\x1b[2C",
          "\x1b[A", "\x1b[G", "\x1b[19G", "\x1b[3d", "\x1b[4h", "\x1b[4l", "\x1b[?7l", "\x1b[?7h", "\r\n", "\x08",
          "ab", "hello world", "x" * 19, "\u2500\u2502", "\u4e00", "e\u0301", "\u2588" * 5, " "]


@pytest.mark.parametrize("seed", range(40))
def test_random_redraws_give_the_screen_of_their_pieces(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    draw_run = fast.draw_run
    monkeypatch.setattr(fast, "draw_run", lambda terminal, run: (runs.append(run), draw_run(terminal, run)))
    rng = random.Random(seed)
    parts = []
    for _ in range(200):
        if rng.random() < 0.2:
            parts.append(f"\x1b[{rng.randint(1, 7)};{rng.randint(1, 21)}H")
        parts.append(rng.choice(PIECES))
    data = "".join(parts).encode()
    assert _fed(data, whole=True) == _fed(data, whole=False)
    assert runs  # the whole feed took the fast path
