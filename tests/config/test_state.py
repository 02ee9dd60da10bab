"""The state file of muntin resurrect: encoding and decoding, corrupt and hostile files, history cleaning,
the workspace a saved session becomes, and the restore program's command line."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

import muntin.config.state as state_module
from muntin.client.resurrect import history_text, starts_at_once
from muntin.config.state import (
    SavedPane,
    SavedSession,
    SavedState,
    SavedWindow,
    StateError,
    clean_line,
    decode,
    encode,
    latest_sessions,
    read_state,
    read_states,
    to_workspace,
)
from muntin.config.workspace import PaneSpec, SplitSpec
from muntin.process import restore_argv, wrapped
from muntin.process._restore import shown

LAYOUT = "020a,80x24,0,0{40x24,0,0,1,39x24,41,0,2}"


def _state(tmp_path: Path) -> SavedState:
    panes = (SavedPane(cwd=str(tmp_path), history=("\x1b[31mred\x1b[0m", "plain")),
             SavedPane(cwd="/", command=("vim", "notes.txt"), command_cwd=str(tmp_path), title="editing",
                       env={"PROJECT": "muntin"}))
    return SavedState(saved=1_800_000_000.5, server="default", sessions=(
        SavedSession(name="work", path=str(tmp_path), active=1, width=120, height=40, windows=(
            SavedWindow(index=0, name="", layout=LAYOUT, active=1, panes=panes),
            SavedWindow(index=1, name="logs", layout="b25d,80x24,0,0,3", panes=(SavedPane(cwd="/tmp"),)))),))


def test_a_state_survives_encoding(tmp_path: Path) -> None:
    state = _state(tmp_path)
    data = encode(state)
    assert data[:2] == b"\x1f\x8b"  # gzip
    assert decode(data) == state


def test_several_sessions_and_windows_survive_encoding(tmp_path: Path) -> None:
    one = _state(tmp_path).sessions[0]
    empty = SavedSession(name="quiet", windows=(SavedWindow(3, panes=(SavedPane(),)),))
    state = SavedState(saved=2.0, server="x", sessions=(one, empty, one))
    assert decode(encode(state)) == state


def test_a_written_file_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "sessions-default.json.gz"
    path.write_bytes(encode(_state(tmp_path)))
    assert read_state(path).sessions[0].windows[1].name == "logs"


@pytest.mark.parametrize("data, words", [
    (b"", "cut short"),
    (b"not gzip at all", "not a gzip file"),
    (gzip.compress(b'{"format": "muntin-sessions", "vers'), "unterminated string"),
    (gzip.compress(b'{"format": "something-else", "version": 1}'), "not a muntin state file"),
    (gzip.compress(b'{"format": "muntin-sessions", "version": 99, "saved": 1}'), "version 99"),
    (gzip.compress(b'{"format": "muntin-sessions", "version": 1, "saved": 1, "sessions": [{"name": "a"}]}'),
     "a session without windows"),
    (gzip.compress(b'{"format": "muntin-sessions", "version": 1, "saved": 1, "sessions": [{"name": 3, '
                   b'"windows": [{"index": 0, "panes": [{}]}]}]}'), "'name' should be str"),
    (gzip.compress(b'{"format": "muntin-sessions", "version": 1, "saved": 1, "sessions": [{"name": "a", '
                   b'"windows": [{"index": true, "panes": [{}]}]}]}'), "'index' should be int"),
    (gzip.compress(b'{"format": "muntin-sessions", "version": 1, "saved": 1, "sessions": [{"name": "a", '
                   b'"windows": [{"index": 0, "panes": [{"history": [1]}]}]}]}'), "'history' should be a list"),
    (gzip.compress(b"[" * 100_000), "recursion"),
], ids=["empty", "not-gzip", "cut-json", "other-format", "version", "no-windows", "name", "index", "history",
        "deep"])
def test_a_corrupt_file_is_an_error_naming_it(data: bytes, words: str) -> None:
    with pytest.raises(StateError) as raised:
        decode(data, "/some/where/sessions-default.json.gz")
    assert str(raised.value).startswith("/some/where/sessions-default.json.gz: ")
    assert words.lower() in str(raised.value).lower()


def test_a_partial_write_is_reported(tmp_path: Path) -> None:
    data = encode(_state(tmp_path))
    with pytest.raises(StateError, match="cut short"):
        decode(data[: len(data) // 2])


def test_a_file_that_expands_too_far_is_refused_without_reading_it_all(monkeypatch) -> None:
    monkeypatch.setattr(state_module, "MAX_DATA", 1000)
    with pytest.raises(StateError, match="expands to over"):
        decode(gzip.compress(b" " * 100_000))


def test_a_link_is_never_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.json.gz"
    real.write_bytes(encode(_state(tmp_path)))
    link = tmp_path / "sessions-default.json.gz"
    link.symlink_to(real)
    with pytest.raises(StateError, match="cannot open it"):
        read_state(link)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(StateError, match="not a regular file"):
        read_state(tmp_path / "fifo")


def test_read_states_skips_missing_files_and_names_broken_ones(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json.gz", tmp_path / "bad.json.gz"
    good.write_bytes(encode(_state(tmp_path)))
    bad.write_bytes(b"\x1f\x8b garbage")
    states, problems = read_states([tmp_path / "missing.json.gz", bad, good])
    assert [s.sessions[0].name for s in states] == ["work"]
    assert len(problems) == 1 and problems[0].startswith(f"{bad}: ")


def test_the_newest_save_of_each_session_wins(tmp_path: Path) -> None:
    old = SavedState(saved=1.0, server="x", sessions=(SavedSession("a", windows=(SavedWindow(0, name="old",
                                                                                    panes=(SavedPane(),)),)),))
    new = SavedState(saved=2.0, server="x", sessions=(SavedSession("a", windows=(SavedWindow(0, name="new",
                                                                                    panes=(SavedPane(),)),)),))
    found = latest_sessions([new, old])
    assert [(s.windows[0].name, at) for s, at in found] == [("new", 2.0)]


@pytest.mark.parametrize("text, clean", [
    ("plain text", "plain text"),
    ("\x1b[1;38;5;208mbold orange\x1b[0m", "\x1b[1;38;5;208mbold orange\x1b[0m"),
    ("\x1b]0;evil title\x07after", "]0;evil titleafter"),  # OSC: its introducer goes, the rest is text
    ("\x1b[2Jclear\x1b[?1049h", "[2Jclear[?1049h"),
    ("bell\x07 nul\x00 c1\x9b2J", "bell nul c12J"),
    ("\x1b[" + "1;" * 100 + "m", "[" + "1;" * 100 + "m"),  # an SGR longer than any real one is text
])
def test_history_lines_keep_only_text_and_sgr(text: str, clean: str) -> None:
    assert clean_line(text) == clean


def test_history_lines_are_cleaned_on_reading(tmp_path: Path) -> None:
    body = {"format": "muntin-sessions", "version": 1, "saved": 1, "server": "x", "sessions": [
        {"name": "a", "windows": [{"index": 0, "panes": [{"history": ["ok\x1b]52;c;aGk=\x07", "x" * 10_000]}]}]}]}
    pane = decode(gzip.compress(json.dumps(body).encode())).sessions[0].windows[0].panes[0]
    assert pane.history[0] == "ok]52;c;aGk="
    assert len(pane.history[1]) == state_module.MAX_LINE


def test_a_saved_session_becomes_a_workspace(tmp_path: Path) -> None:
    session = _state(tmp_path).sessions[0]
    programs = [["python3", "-m", "muntin.process._restore", "--", "x y"], [], []]
    workspace = to_workspace(session, programs)
    assert workspace.session == "work" and workspace.cwd == str(tmp_path)
    first, second = workspace.windows
    assert first.layout == LAYOUT and first.name is None and not first.focus and first.index == 0
    assert isinstance(first.root, SplitSpec)
    left, right = first.root.children
    assert left.shell == "python3 -m muntin.process._restore -- 'x y'"  # split back into those words
    assert left.cwd == str(tmp_path) and not left.focus
    assert right.shell is None and right.focus and right.title == "editing" and right.env == {"PROJECT": "muntin"}
    assert second.name == "logs" and second.focus and second.layout is None and isinstance(second.root, PaneSpec)


def test_a_directory_that_is_gone_becomes_the_home_directory(tmp_path: Path) -> None:
    session = SavedSession("a", windows=(SavedWindow(0, panes=(SavedPane(cwd=str(tmp_path / "gone")),)),))
    assert to_workspace(session, [[]]).windows[0].root.cwd == os.path.expanduser("~")


@pytest.mark.parametrize("command, restarts", [
    (["vim", "notes.txt"], True),
    (["/usr/bin/less", "-R", "log"], True),
    (["tail", "-f", "build.log"], True),
    (["tail", "build.log"], False),
    (["make", "test"], False),
    (["python3"], False),
    ([], False),
])
def test_only_the_listed_programs_restart_by_themselves(command: list[str], restarts: bool) -> None:
    assert starts_at_once(command, 'vim less htop man "tail -f"') is restarts


def test_the_restore_program_line_says_what_it_stands_for() -> None:
    argv = restore_argv("/usr/bin/python3", argv=["vim", "--", "a file"], history="/h", ask=True, cwd="/src",
                        shell="/bin/zsh")
    assert wrapped(argv) == (["vim", "--", "a file"], True)
    assert wrapped(restore_argv("py", argv=["htop"])) == (["htop"], False)
    assert wrapped(["vim", "-m", "muntin.process._restore"]) is None
    assert wrapped(["bash"]) is None


def test_a_command_line_is_shown_as_data() -> None:
    assert shown(["vim", "notes.txt"]) == "vim notes.txt"
    assert shown(["echo", "\x1b]0;x\x07"]) == "echo '^[]0;x^G'"
    assert shown(["a\x9bb"]) == "'a<9b>b'"


def test_the_history_ends_with_the_restored_mark() -> None:
    text = history_text(SavedPane(history=("one", "\x1b[32mtwo\x1b[0m")), 1_800_000_000)
    lines = text.split("\r\n")
    assert lines[0] == "\x1b[0mone\x1b[0m" and "two" in lines[1]
    assert "restored from 20" in lines[2] and text.endswith("\r\n")
