"""Sizes from commands and clients: absurd ones are clamped or refused, absolute pane sizes, as in tmux."""

from __future__ import annotations

import asyncio
import os

import pytest
from _mux import mux  # noqa: F401 - the fixture

from muntin.client import AsyncConnection
WINDOW_MAXIMUM = 10000  # tmux's


def sizes(mux, target: str = "") -> dict[str, tuple[int, int]]:  # noqa: F811
    lines = mux("list-panes", *(["-t", target] if target else []), "-F",
                "#{pane_id} #{pane_width} #{pane_height}").output.splitlines()
    return {pane: (int(w), int(h)) for pane, w, h in (line.split() for line in lines)}


def test_a_huge_new_session_is_clamped_to_the_window_maximum(mux) -> None:  # noqa: F811
    result = mux.cli("new", "-d", "-s", "big", "-x", "20000", "-y", "20000", "--", "cat")
    assert result.returncode == 0, result.stderr
    assert mux("display-message", "-p", "-t", "big", "#{session_width}x#{session_height}").output == \
        f"{WINDOW_MAXIMUM}x{WINDOW_MAXIMUM}\n"


@pytest.mark.parametrize("words", [
    ("new", "-d", "-x", "70000"),
    ("new", "-d", "-y", "65536"),
])
def test_sizes_past_65535_are_a_usage_error(mux, words: tuple[str, ...]) -> None:  # noqa: F811
    result = mux.cli(*words)
    assert result.returncode == os.EX_USAGE, result.stderr
    assert "too large" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_huge_split_size_is_a_usage_error(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    for words in (("split-window", "-l", "70000", "--", "cat"), ("resize-pane", "-x", "70000")):
        result = mux.cli(*words)
        assert result.returncode == os.EX_USAGE and "at most 65535" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


async def _attach_huge(sock) -> tuple[int, int]:
    connection = await AsyncConnection.open(sock)
    try:
        assert (await connection.attach("a", 65535, 20)).ok
        await connection.resize(70000, 30)
        reply = await connection.command(["display-message", "-p", "-t", "a", "#{session_width} #{session_height}"])
        assert reply.ok, reply.error
        width, height = reply.output.split()
        return int(width), int(height)
    finally:
        await connection.close()


def test_a_huge_client_is_clamped(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "-x", "80", "-y", "24", "--", "cat")
    assert asyncio.run(asyncio.wait_for(_attach_huge(mux.sock), 30)) == (WINDOW_MAXIMUM, 30)
    assert mux("list-sessions").ok  # the server is alive


def test_resize_pane_to_an_absolute_size(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "-x", "100", "-y", "30", "--", "cat")
    mux("split-window", "-h", "-t", "a", "--", "cat")
    left, right = sorted(sizes(mux, "a"), key=lambda p: int(p[1:]))
    mux("resize-pane", "-t", right, "-x", "10")  # the last pane: its left border moves
    assert sizes(mux, "a")[right] == (10, 30)
    mux("resize-pane", "-t", left, "-x", "30")
    assert sizes(mux, "a") == {left: (30, 30), right: (69, 30)}
    mux("resize-pane", "-t", left, "-x", "50%")
    assert sizes(mux, "a")[left] == (50, 30)
    mux("split-window", "-v", "-t", right, "--", "cat")
    bottom = max(sizes(mux, "a"), key=lambda p: int(p[1:]))
    mux("resize-pane", "-t", bottom, "-y", "10")
    assert sizes(mux, "a")[bottom] == (49, 10)
    mux("resize-pane", "-t", left, "-y", "5")  # no border on that axis: nothing changes, as tmux
    assert sizes(mux, "a")[left] == (50, 30)
