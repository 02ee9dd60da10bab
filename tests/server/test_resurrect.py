"""Resurrection against real servers: a server killed with SIGKILL, then ``muntin resurrect`` brings back
the same windows, splits, directories and history; programs come back at once or wait for Enter; a corrupt
state file is named and skipped; the state file is private and never followed through a link."""

from __future__ import annotations

import os
import re
import signal
import stat
from pathlib import Path

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until

from muntin.config.paths import previous_state_file, state_file
from muntin.config.state import StateError, read_state
from muntin.process import wait_gone


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    """A private XDG_STATE_HOME (the saved sessions) and /bin/sh as the shell, for the servers started here."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("SHELL", "/bin/sh")
    for name in ("one", "two", "three"):
        (tmp_path / name).mkdir()
    (tmp_path / "three" / "notes.txt").write_text("a line of notes\n")
    return tmp_path


def _saved(mux: Mux):
    try:
        return read_state(state_file(mux.sock))
    except (FileNotFoundError, StateError):
        return None


def _geometry(layout: str) -> str:
    """A tmux layout string without its checksum and pane ids: the sizes and positions alone."""
    return re.sub(r"(\d+x\d+,\d+,\d+),\d+", r"\1", layout.split(",", 1)[1])


def _kill(mux: Mux) -> None:
    pid = mux.server_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert wait_gone(pid, 10)


def _build(mux: Mux, home: Path) -> None:
    mux("new", "-d", "-s", "work", "-x", "100", "-y", "30", "-c", str(home / "one"))
    mux("send-keys", "-t", "work:0.0", "printf '\\033[32mgreen-%s\\033[0m\\n' history", "Enter")
    mux.wait_text("work:0.0", "green-history")
    mux("split-window", "-h", "-l", "30", "-t", "work:0.0", "-c", str(home / "two"))
    mux("send-keys", "-t", "work:0.1", "less notes.txt 2>/dev/null || cd ../three && less notes.txt", "Enter")
    mux.wait_text("work:0.1", "a line of notes")
    mux("new-window", "-t", "work", "-n", "jobs", "-c", str(home / "three"))
    mux("send-keys", "-t", "work:1", "sleep 600", "Enter")
    mux("select-window", "-t", "work:0")


def _complete(mux: Mux) -> bool:
    saved = _saved(mux)
    if saved is None or not saved.sessions or len(saved.sessions[0].windows) != 2:
        return False
    first, second = saved.sessions[0].windows
    return (len(first.panes) == 2 and any("green-history" in line for line in first.panes[0].history)
            and first.panes[1].command == ("less", "notes.txt") and second.panes[0].command == ("sleep", "600"))


def test_a_server_killed_with_sigkill_comes_back_with_resurrect(mux: Mux, home: Path) -> None:  # noqa: F811
    _build(mux, home)
    before = {(p["window"], p["index"]): p for p in mux.panes()}
    layout = mux("display-message", "-p", "-t", "work:0", "#{window_layout}").output.strip()
    assert poll_until(lambda: _complete(mux), timeout=20), _saved(mux)
    path = state_file(mux.sock)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    _kill(mux)
    listed = mux.cli("resurrect", "-l")
    assert listed.returncode == 0 and listed.stdout.startswith("work: 2 windows, 3 panes, saved ")
    restored = mux.cli("resurrect")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("restored work: 2 windows, 3 panes")
    mux.server_pid = None
    mux("list-sessions")  # the server the resurrect started
    assert mux("display-message", "-p", "-t", "work:0", "#{window_layout}").output.strip() != ""
    after = {(p["window"], p["index"]): p for p in mux.panes()}
    assert sorted(after) == sorted(before) == [(0, 0), (0, 1), (1, 0)]
    assert _geometry(mux("display-message", "-p", "-t", "work:0", "#{window_layout}").output.strip()) == \
        _geometry(layout)
    names = mux("list-windows", "-t", "work", "-F", "#{window_index} #{window_name}").output.split("\n")
    assert names[1] == "1 jobs"
    # The shell comes back where it was, with its history above a marked line and the prompt under it.
    mux.wait_text("work:0.0", "restored from ")
    screen = mux("capture-pane", "-p", "-e", "-t", "work:0.0").output
    assert re.search(r"\x1b\[(0;)?32mgreen-history", screen), screen
    assert poll_until(lambda: mux.pane(after[(0, 0)]["id"])["cwd"] == str(home / "one"), timeout=10)
    # less is one of resurrect-programs: it starts again by itself, in its directory.
    mux.wait_text("work:0.1", "a line of notes")
    assert poll_until(lambda: mux.pane(after[(0, 1)]["id"])["current_command"] == "less", timeout=10)
    # sleep is not: it waits for Enter, saying what it would run.
    mux.wait_text("work:1", r"press Enter to run: sleep 600")
    assert mux.pane(after[(1, 0)]["id"])["cwd"] == str(home / "three")
    mux("send-keys", "-t", "work:1", "Enter")
    assert poll_until(lambda: mux.pane(after[(1, 0)]["id"])["current_command"] == "sleep", timeout=10)
    # The new server saves them again: a pane still running the restored program is saved as that program.
    assert poll_until(lambda: _complete(mux), timeout=20), _saved(mux)
    again = mux.cli("resurrect")
    assert again.returncode == 0 and "session work is running: not restored" in again.stderr


def test_a_corrupt_state_file_is_named_and_skipped(mux: Mux, home: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "kept", "-c", str(home / "one"))
    assert poll_until(lambda: _saved(mux) is not None, timeout=20)
    _kill(mux)
    os.replace(state_file(mux.sock), previous_state_file(mux.sock))  # a good file beside a broken one
    state_file(mux.sock).write_bytes(b"\x1f\x8b\x08\x00 a partial write")
    listed = mux.cli("resurrect", "-l")
    assert listed.returncode == 0
    assert f"{state_file(mux.sock)}: " in listed.stderr and "Traceback" not in listed.stderr
    assert listed.stdout.startswith("kept: 1 window, 1 pane")
    restored = mux.cli("resurrect", "kept")
    assert restored.returncode == 0, restored.stderr
    assert [p["session"] for p in mux.panes()] == ["kept"]
    mux.server_pid = None
    mux("list-sessions")


def test_only_broken_files_is_an_error_without_a_crash(mux: Mux, home: Path) -> None:  # noqa: F811
    path = state_file(mux.sock)
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(b"garbage")
    result = mux.cli("resurrect")
    assert result.returncode == os.EX_DATAERR
    assert str(path) in result.stderr and "Traceback" not in result.stderr
    assert not mux.sock.exists()  # nothing to restore: no server started


def test_a_link_in_place_of_the_state_file_is_replaced_not_written_through(mux: Mux, home: Path) -> None:  # noqa: F811
    target = home / "elsewhere"
    target.write_text("keep me")
    path = state_file(mux.sock)
    path.parent.mkdir(parents=True, mode=0o700)
    path.symlink_to(target)
    mux("new", "-d", "-s", "a", "-c", str(home / "one"))
    assert poll_until(lambda: not path.is_symlink() and _saved(mux) is not None, timeout=20)
    assert target.read_text() == "keep me"
    assert not previous_state_file(mux.sock).exists()  # a link is not a saved state to set aside either


def test_muntin_says_saved_sessions_can_be_resurrected(mux: Mux, home: Path) -> None:  # noqa: F811
    from muntin.cli import _notice_without_server

    mux("new", "-d", "-s", "gone", "-c", str(home / "one"))
    assert poll_until(lambda: _saved(mux) is not None, timeout=20)
    assert _notice_without_server(mux.sock) is None  # its server runs: nothing to say
    _kill(mux)
    notice = _notice_without_server(mux.sock)
    assert notice is not None and "1 saved session (gone)" in notice and "muntin resurrect" in notice
    assert "\n" not in notice
    attach = mux.cli("attach")  # refused (no server), saying what can be brought back
    assert attach.returncode == os.EX_UNAVAILABLE and notice in attach.stderr


def test_ending_the_last_session_on_purpose_leaves_nothing_to_resurrect(mux: Mux, home: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "-c", str(home / "one"))
    assert poll_until(lambda: _saved(mux) is not None, timeout=20)
    pid = mux.server_pid
    mux("kill-session", "-t", "a")
    assert pid is not None and wait_gone(pid, 15)
    assert not state_file(mux.sock).exists()


def test_kill_server_keeps_the_sessions_for_resurrect(mux: Mux, home: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "-c", str(home / "one"))
    mux("set-option", "-g", "resurrect-interval", "0")
    mux("rename-window", "-t", "a:0", "renamed")  # a change the debounce has not saved when the server ends
    mux.kill()
    saved = read_state(state_file(mux.sock))
    assert [w.name for w in saved.sessions[0].windows] == ["renamed"]


def test_saving_can_be_turned_off_in_the_config_file(mux: Mux, home: Path, monkeypatch) -> None:  # noqa: F811
    config = home / "config" / "muntin" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("resurrect-save = false\nresurrect-interval = 5\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    mux("new", "-d", "-s", "a", "-c", str(home / "one"))
    assert mux("show-options", "-gv", "resurrect-interval").output.strip() == "5"
    mux("split-window", "-t", "a")
    mux.kill()
    assert not state_file(mux.sock).exists()


def _history(mux: Mux) -> tuple[str, ...]:
    saved = _saved(mux)
    return saved.sessions[0].windows[0].panes[0].history if saved is not None and saved.sessions else ()


def test_output_alone_is_saved_at_the_interval(mux: Mux, home: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "-c", str(home / "one"))
    mux("set-option", "-g", "resurrect-interval", "1")
    assert poll_until(lambda: _saved(mux) is not None, timeout=20)
    mux("send-keys", "-t", "a", "echo only-output-$((6*7))", "Enter")  # no window, split or name changes
    mux.wait_text("a", "only-output-42")
    assert poll_until(lambda: any(line.startswith("only-output-42") for line in _history(mux)), timeout=20)
