"""new-pane-directory: split-window and new-window start in the active pane's directory or the session's."""

from __future__ import annotations

import os
import tempfile

import pytest
from _mux import mux  # noqa: F401 - the fixture
from conftest import poll_until


def _path(mux, target: str) -> str:  # noqa: F811
    return mux("display-message", "-p", "-t", target, "#{pane_current_path}").output.strip()


@pytest.fixture
def dirs():
    with tempfile.TemporaryDirectory(prefix="muntin-home-") as home, \
            tempfile.TemporaryDirectory(prefix="muntin-work-") as work, \
            tempfile.TemporaryDirectory(prefix="muntin-given-") as given:
        yield os.path.realpath(home), os.path.realpath(work), os.path.realpath(given)


def _moved(mux, dirs) -> str:  # noqa: F811
    """A session started in ``home`` whose shell then cd'd to ``work``; its pane id."""
    home, work, _ = dirs
    mux("new", "-d", "-s", "s", "-c", home, "--", "sh")
    pane = mux("display-message", "-p", "-t", "s", "#{pane_id}").output.strip()
    mux("send-keys", "-t", pane, f"cd '{work}'", "Enter")
    assert poll_until(lambda: _path(mux, pane) == work, 10), _path(mux, pane)
    return pane


@pytest.mark.parametrize("value, where", [("pane", 1), ("session", 0)])
def test_split_and_new_window_start_where_the_option_says(mux, dirs, value: str, where: int) -> None:  # noqa: F811
    pane = _moved(mux, dirs)
    mux("set-option", "-g", "new-pane-directory", value)
    assert mux("display-message", "-p", "-t", "s", "#{session_path}").output == f"{dirs[0]}\n"
    mux("split-window", "-d", "-t", pane, "--", "sh")
    new_pane = max((p["id"] for p in mux.panes()), key=lambda p: int(p[1:]))
    assert poll_until(lambda: _path(mux, new_pane) == dirs[where], 10), _path(mux, new_pane)
    window = mux("new-window", "-d", "-t", "s", "--", "sh").data
    assert poll_until(lambda: _path(mux, window["pane"]) == dirs[where], 10), _path(mux, window["pane"])


@pytest.mark.parametrize("value", ["pane", "session"])
def test_dash_c_always_wins(mux, dirs, value: str) -> None:  # noqa: F811
    pane = _moved(mux, dirs)
    mux("set-option", "-g", "new-pane-directory", value)
    given = dirs[2]
    mux("split-window", "-d", "-c", given, "-t", pane, "--", "sh")
    new_pane = max((p["id"] for p in mux.panes()), key=lambda p: int(p[1:]))
    assert poll_until(lambda: _path(mux, new_pane) == given, 10), _path(mux, new_pane)
    window = mux("new-window", "-d", "-c", given, "-t", "s", "--", "sh").data
    assert poll_until(lambda: _path(mux, window["pane"]) == given, 10), _path(mux, window["pane"])
    assert mux("display-message", "-p", "-t", "s", "#{session_path}").output == f"{dirs[0]}\n"


def test_the_session_option_wins_over_the_global_one(mux, dirs) -> None:  # noqa: F811
    pane = _moved(mux, dirs)
    mux("set-option", "-g", "new-pane-directory", "pane")
    mux("set-option", "-t", "s", "new-pane-directory", "session")
    window = mux("new-window", "-d", "-t", "s", "--", "sh").data
    assert poll_until(lambda: _path(mux, window["pane"]) == dirs[0], 10), _path(mux, window["pane"])
    assert _path(mux, pane) == dirs[1]
