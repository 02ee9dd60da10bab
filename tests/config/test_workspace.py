"""Workspace files: the native TOML format, .py files, checks with FILE:LINE: problems, dump -> load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from muntin.config.workspace import (
    PaneSpec, SendSpec, SplitDirection, SplitSpec, WindowSpec, Workspace, dump_workspace, load_workspace,
    resolve_workspace,
)

SKETCH = '''\
session = "web"
cwd = "."
env = { DJANGO_DEBUG = "1" }

[[window]]
name = "code"
layout = "main-vertical"
[[window.pane]]
command = "nvim ."
focus = true
[[window.pane]]
send = ["source .venv/bin/activate", { text = "pytest -q -f", enter = false }]
[[window.pane]]
command = "tail -F log/dev.log"

[[window]]
name = "servers"
split = "vertical"
cwd = "sub"
[[window.pane]]
size = "40%"
send = "make db"
wait = "ready to accept connections"
wait_timeout = 30
[[window.pane]]
split = "horizontal"
env = { HOST = "localhost" }
[[window.pane.pane]]
send = ["make web"]
sleep_before = 0.5
[[window.pane.pane]]
env = { PORT = "9000" }
cwd = "/"
title = "shell"
remain_on_exit = true
enter = false
send = ["typed", "also typed"]
'''


def write(tmp_path: Path, text: str, name: str = "ws.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_the_sketch_loads_into_the_model(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    result = load_workspace(write(tmp_path, SKETCH))
    assert result.problems == () and result.warnings == () and result.ok
    ws = result.workspace
    assert ws.session == "web" and ws.cwd == str(tmp_path)
    code, servers = ws.windows
    assert code.layout == "main-vertical" and isinstance(code.root, SplitSpec) and len(code.panes) == 3
    assert code.panes[0].command == "nvim ." and code.panes[0].focus
    assert code.panes[1].send == (SendSpec("source .venv/bin/activate"), SendSpec("pytest -q -f", enter=False))
    assert all(pane.env == {"DJANGO_DEBUG": "1"} and pane.cwd == str(tmp_path) for pane in code.panes)
    assert servers.root.direction is SplitDirection.VERTICAL
    db, split = servers.root.children
    assert db.size == "40%" and db.wait == "ready to accept connections" and db.wait_timeout == 30
    assert db.send == (SendSpec("make db"),) and db.cwd == str(tmp_path / "sub")
    assert isinstance(split, SplitSpec) and split.direction is SplitDirection.HORIZONTAL
    web, other = split.children
    assert web.sleep_before == 0.5 and web.env == {"DJANGO_DEBUG": "1", "HOST": "localhost"}
    assert other.env == {"DJANGO_DEBUG": "1", "HOST": "localhost", "PORT": "9000"} and other.cwd == "/"
    assert other.send == (SendSpec("typed", False), SendSpec("also typed", False))
    assert other.title == "shell" and other.remain_on_exit is True


def test_dump_then_load_gives_an_equal_workspace(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    loaded = load_workspace(write(tmp_path, SKETCH)).workspace
    again = load_workspace(write(tmp_path, dump_workspace(loaded), "again.toml"))
    assert again.problems == ()
    assert again.workspace == loaded


def test_dump_of_a_workspace_built_in_code_round_trips(tmp_path: Path) -> None:
    built = Workspace(
        session="built", cwd=str(tmp_path), env={"A": 'quote " back \\ tab\t'},
        windows=[
            WindowSpec(name="one"),
            WindowSpec(name="two", layout="tiled", focus=True, options={"synchronize-panes": True},
                       root=SplitSpec("horizontal", [PaneSpec(command="top"), PaneSpec(shell="/bin/sh"),
                                                     PaneSpec(send=["ls"])])),
            WindowSpec(name="ünï", options={"main-pane-width": "60%"},
                       root=SplitSpec(SplitDirection.VERTICAL, [
                           PaneSpec(size=10, sleep_after=1.5),
                           SplitSpec(SplitDirection.HORIZONTAL, [PaneSpec(env={"X": "1"}), PaneSpec(focus=True)],
                                     size="30%"),
                       ])),
        ],
    )
    resolved = resolve_workspace(built, tmp_path)
    result = load_workspace(write(tmp_path, dump_workspace(resolved)))
    assert result.problems == ()
    assert result.workspace == resolved


def test_cwd_and_env_expand_and_inherit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "proj" / "src").mkdir(parents=True)
    monkeypatch.setenv("MUNTIN_TEST_ROOT", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    text = ('cwd = "$MUNTIN_TEST_ROOT/proj"\nenv = { SUB = "src" }\n[[window]]\ncwd = "${SUB}"\n[[window.pane]]\n'
            '[[window.pane]]\ncwd = "~/proj"\n')
    ws = load_workspace(write(tmp_path, text)).workspace
    first, second = ws.windows[0].panes
    assert ws.cwd == str(tmp_path / "proj")
    assert first.cwd == str(tmp_path / "proj" / "src") and second.cwd == str(tmp_path / "proj")


def test_no_cwd_anywhere_stays_unset(tmp_path: Path) -> None:
    ws = load_workspace(write(tmp_path, '[[window]]\nname = "x"\n')).workspace
    assert ws.cwd is None and ws.windows[0].root == PaneSpec()


def test_a_missing_file_is_its_own_result(tmp_path: Path) -> None:
    result = load_workspace(tmp_path / "nope.toml")
    assert result.missing and result.workspace is None and not result.ok
    assert str(result.problems[0]) == f"{tmp_path / 'nope.toml'}: no such file"


def test_an_unknown_suffix_is_a_problem_not_missing(tmp_path: Path) -> None:
    result = load_workspace(write(tmp_path, "", "ws.ini"))
    assert not result.missing and "unknown workspace file type '.ini'" in str(result.problems[0])


ERRORS = [
    ('session = "a"\nbogus = 1\n', 2, "unknown key 'bogus' in the session: expected one of session, cwd, env, window"),
    ('session = 3\n', 1, "session = 3: expected a string"),
    ('[[window]]\nname = "x"\nfocus = "yes"\n', 3, "window[1].focus = 'yes': expected true or false"),
    ('[[window]]\n[[window.pane]]\ncomand = "x"\n', 3, "unknown key 'comand' in a pane: expected one of command, "
     "shell, send, enter, title, focus, remain_on_exit, size, cwd, env, wait, wait_timeout, sleep_before, "
     "sleep_after, split, pane"),
    ('[[window]]\n[[window.pane]]\n[[window.pane]]\nsize = "140%"\n', 4,
     "size '140%' is not possible: expected cells (30) or a percentage under 100% (\"40%\")"),
    ('[[window]]\n[[window.pane]]\nsize = 10\n', 3,
     "the only pane or split of a window fills the window: drop its size, or give the window more panes"),
    ('[[window]]\n[[window.pane]]\nsize = 0\n[[window.pane]]\n', 3, "size 0 is not possible: expected cells (30) "
     "or a percentage under 100% (\"40%\")"),
    ('[[window]]\n[[window.pane]]\nsize = "60%"\n[[window.pane]]\nsize = "50%"\n', 5,
     "the sizes of this split's panes add up to 110%: they must leave room for every pane"),
    ('[[window]]\n[[window.pane]]\nfocus = true\n[[window.pane]]\n\nfocus = true\n', 6,
     "two panes of this window have focus = true: at most one may"),
    ('[[window]]\nfocus = true\n[[window]]\nfocus = true\n', 4,
     "two windows have focus = true (windows 1 and 2): at most one may"),
    ('[[window]]\n[[window.pane]]\n[[window.pane]]\nsplit = "vertical"\n[[window.pane.pane]]\n', 4,
     "a split needs 2 panes or more, it has 1"),
    ('[[window]]\nsplit = "diagonal"\n', 2,
     "window[1].split = 'diagonal': expected \"horizontal\" (side by side) or \"vertical\" (stacked)"),
    ('[[window]]\nlayout = "spiral"\n[[window.pane]]\n[[window.pane]]\n', 2,
     "unknown layout 'spiral': expected a preset (even-horizontal, even-vertical, main-horizontal, "
     "main-vertical, tiled) or a tmux layout string"),
    ('[[window]]\nlayout = "5468,159x48,0,0{79x48,0,0,1,79x48,80,0,2}"\n[[window.pane]]\n', 2,
     "the tmux layout string has 2 panes but the window has 1"),
    ('[[window]]\nlayout = "0000,159x48,0,0{79x48,0,0,1,79x48,80,0,2}"\n[[window.pane]]\n[[window.pane]]\n', 2,
     "tmux layout string '0000,159x48,0,0{79x48,0,0,1,79x48,80,0,2}' has a wrong checksum (5468 expected)"),
    ('[[window]]\nlayout = "tiled"\n[[window.pane]]\n[[window.pane]]\nsplit = "vertical"\n'
     '[[window.pane.pane]]\n[[window.pane.pane]]\n', 4,
     "a window with a layout lists its panes flat: drop the layout to nest splits, or drop the nested split"),
    ('[[window]]\n[[window.pane]]\nsplit = "vertical"\ncommand = "x"\n[[window.pane.pane]]\n[[window.pane.pane]]\n',
     4, "'command' belongs to a pane, and this one is a split (it has split or pane keys): move it into one of "
        "its panes"),
    ('[[window]]\n[[window.pane]]\nsplit = "vertical"\nweight = 2\n[[window.pane.pane]]\n[[window.pane.pane]]\n', 4,
     "unknown key 'weight' in a split: expected one of split, pane, size, cwd, env"),
    ('[[window]]\n[[window.pane]]\nsend = ["ok", 3]\n', 3,
     "window[1].pane[1].send[2] = 3: expected a string or { text = \"...\", enter = false }"),
    ('[[window]]\n[[window.pane]]\nsend = [{ enter = false }]\n', 3,
     "window[1].pane[1].send[1] has no text: expected { text = \"...\", enter = false }"),
    ('[[window]]\n[[window.pane]]\nenv = { A = true }\n', 3,
     "window[1].pane[1].env = a table: expected a table of strings (env = { NAME = \"value\" })"),
    ('[[window]]\n[[window.pane]]\nsleep_before = -1\n', 3,
     "sleep_before -1 is negative: expected seconds, 0 or more"),
    ('[[window]]\n[[window.pane]]\ncommand = "x"\nshell = "/bin/sh"\n', 4,
     "a pane has either a command or a shell, not both"),
    ('[[window]]\noptions = { "synchronize-panes" = "on" }\n', 2, "synchronize-panes = 'on': expected true or false"),
    ('[[window]]\noptions = { "main-pane-height" = "200%" }\n', 2,
     "main-pane-height = '200%': expected cells (30) or a percentage under 100% (\"40%\")"),
    ('[[window]]\noptions = { mouse = true }\n', 2,
     "unknown window option 'mouse': expected one of synchronize-panes, main-pane-height, main-pane-width"),
    ('session = "a.b"\n', 1, "session name 'a.b' is not possible: expected a non-empty name without '.' or ':'"),
    ('session = "a"\n[[window]\n', 2, "not valid TOML: Expected ']]' at the end of an array declaration"),
    ('cwd = "does/not/exist"\n', 1, "the directory '{dir}/does/not/exist' does not exist: expected an existing "
     "directory (a relative one is relative to the enclosing cwd or the file)"),
    ('[[window]]\n[[window.pane]]\n[[window.pane]]\ncwd = "nowhere"\n', 4, "the directory '{dir}/nowhere' does not "
     "exist: expected an existing directory (a relative one is relative to the enclosing cwd or the file)"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_each_problem_names_file_line_and_what_was_expected(tmp_path: Path, text: str, line: int,
                                                            message: str) -> None:
    path = write(tmp_path, text)
    result = load_workspace(path)
    assert result.workspace is None and not result.missing
    assert [str(p) for p in result.problems] == [f"{path}:{line}: {message.replace('{dir}', str(tmp_path))}"]


def test_a_missing_window_cwd_is_reported_once_not_for_each_pane(tmp_path: Path) -> None:
    path = write(tmp_path, '[[window]]\ncwd = "gone"\n[[window.pane]]\n[[window.pane]]\n')
    assert [p.line for p in load_workspace(path).problems] == [2]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, 'bogus = 1\n[[window]]\nfocus = 2\n[[window.pane]]\nsize = "0%"\n[[window.pane]]\n')
    assert [p.line for p in load_workspace(path).problems] == [1, 3, 5]


PY_BUILD = '''\
from muntin.config.workspace import PaneSpec, SplitSpec, WindowSpec, Workspace


def build():
    return Workspace(session="py", cwd=".", windows=[
        WindowSpec(name="w", root=SplitSpec("horizontal", [PaneSpec(command="top"), PaneSpec(send=["ls"])])),
    ])
'''


def test_a_py_file_with_build(tmp_path: Path) -> None:
    ws = load_workspace(write(tmp_path, PY_BUILD, "layout.py")).workspace
    assert ws.session == "py" and ws.cwd == str(tmp_path)
    assert ws.windows[0].panes[1].send == (SendSpec("ls"),) and ws.windows[0].panes[1].cwd == str(tmp_path)


def test_a_py_file_with_a_workspace_variable(tmp_path: Path) -> None:
    text = "from muntin.config.workspace import Workspace, WindowSpec\nworkspace = Workspace('v', windows=[WindowSpec()])\n"
    assert load_workspace(write(tmp_path, text, "layout.py")).workspace.session == "v"


PY_ERRORS = [
    ("x = 1\n\nraise RuntimeError('boom')\n", 3, "RuntimeError: boom"),
    ("def build():\n    return {}['k']\n", 2, "KeyError: 'k'"),
    ("def build(:\n", 1, "SyntaxError: invalid syntax ({name}, line 1)"),
    ("import sys\n\n\nsys.exit(2)\n", 4, "SystemExit: 2"),
    ("workspace = 3\n", 0, "a .py layout file must define `workspace` (a muntin.config.workspace.Workspace) or "
     "`build()` returning one; it gave int"),
    ("from muntin.config.workspace import *\nworkspace = Workspace(session='a:b')\n", 0,
     "session name 'a:b' is not possible: expected a non-empty name without '.' or ':'"),
]


@pytest.mark.parametrize(("text", "line", "message"), PY_ERRORS, ids=[str(i) for i in range(len(PY_ERRORS))])
def test_py_file_errors_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text, "layout.py")
    problems = load_workspace(path).problems
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert [str(p) for p in problems] == [prefix + message.replace("{name}", "layout.py")]


def test_the_model_accepts_path_objects_and_single_strings(tmp_path: Path) -> None:
    pane = PaneSpec(send="make", cwd=tmp_path)
    assert pane.send == (SendSpec("make"),) and pane.cwd == os.fspath(tmp_path)
    assert WindowSpec(root=pane).panes == [pane]
