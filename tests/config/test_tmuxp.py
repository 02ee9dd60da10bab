"""tmuxp workspace files (YAML and JSON) read into the model, with warnings for what muntin does not do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from muntin.config.workspace import PaneSpec, SendSpec, SplitSpec, load_workspace

EVERY_KEY = '''\
session_name: dev
start_directory: ./
environment:
  EDITOR: vim
  EMPTY:
shell_command_before:
  - source env.sh
before_script: ./bootstrap.sh
suppress_history: false
windows:
  - window_name: editor
    layout: main-vertical
    focus: true
    start_directory: sub
    environment:
      WINDOW: "1"
    shell_command_before: cd .
    options:
      synchronize-panes: on
      main-pane-width: 120
      automatic-rename: off
    panes:
      - vim
      - null
      - shell_command:
          - git status
          - cmd: make
            enter: false
        focus: true
        start_directory: /
        environment:
          PANE: yes
        sleep_before: 1
        sleep_after: 2
      - shell: top
        enter: false
        shell_command: q
      - shell_command: [echo a, echo b]
        shell_command_before: [echo first]
  - window_name: one-pane
    window_shell: htop
    window_index: 5
    options:
      main-pane-height: "30%"
    panes:
      - echo only
  - window_name: custom
    layout: "5468,159x48,0,0{79x48,0,0,1,79x48,80,0,2}"
    panes: [echo left, echo right]
  - window_name: no-panes
'''


def write(tmp_path: Path, text: str, name: str = "dev.yaml") -> Path:
    (tmp_path / "sub").mkdir(exist_ok=True)
    path = tmp_path / name
    path.write_text(text)
    return path


def test_every_tmuxp_key_is_read(tmp_path: Path) -> None:
    result = load_workspace(write(tmp_path, EVERY_KEY))
    assert result.problems == ()
    ws = result.workspace
    assert ws.session == "dev" and ws.cwd == str(tmp_path) and ws.env == {"EDITOR": "vim", "EMPTY": ""}
    editor, one, custom, empty = ws.windows
    assert editor.name == "editor" and editor.layout == "main-vertical" and editor.focus
    assert editor.cwd == str(tmp_path / "sub")
    assert editor.options == {"synchronize-panes": True, "main-pane-width": 120}
    before = [SendSpec(" source env.sh"), SendSpec(" cd .")]  # a space first: suppress_history, as tmuxp
    vim, blank, git, top, echo = editor.panes
    assert vim.send == (*before, SendSpec(" vim")) and blank.send == tuple(before)
    # the pane's sleeps come before and after each of its lines; a command's enter holds for those after it
    slept = [SendSpec(line.text, True, 1, 2) for line in before]
    assert git.send == (*slept, SendSpec(" git status", True, 1, 2), SendSpec(" make", False, 1, 2))
    assert git.focus and git.cwd == "/"
    assert git.env == {"EDITOR": "vim", "EMPTY": "", "WINDOW": "1", "PANE": "True"}
    assert top.shell == "top" and top.send == tuple(SendSpec(text, enter=False) for text in
                                                     (" source env.sh", " cd .", " q"))
    assert echo.send == (*before, SendSpec(" echo first"), SendSpec(" echo a"), SendSpec(" echo b"))
    assert editor.set_options == {"automatic-rename": "off"}
    assert vim.cwd == str(tmp_path / "sub") and vim.env["WINDOW"] == "1"
    assert isinstance(one.root, PaneSpec) and one.root.shell == "htop"
    assert one.root.send == (SendSpec(" source env.sh"), SendSpec(" echo only"))
    assert one.options == {"main-pane-height": "30%"}
    assert custom.layout.startswith("5468,") and isinstance(custom.root, SplitSpec)
    assert empty.root == PaneSpec(send=[SendSpec(" source env.sh")], cwd=str(tmp_path),
                                  env={"EDITOR": "vim", "EMPTY": ""}, focus=True)
    assert ws.before_script == "./bootstrap.sh"


def test_panes_are_read_as_tmuxp_builds_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PROJ", "p")
    result = load_workspace(write(tmp_path, "session_name: ${PROJ}-s\nwindows:\n  - window_name: w-$PROJ\n"
                                            "    panes: ['echo $PROJ', 'find . -exec ls {} \\;', 'echo a;', blank]\n"))
    assert result.problems == ()
    window = result.workspace.windows[0]
    assert result.workspace.session == "p-s" and window.name == "w-p"
    first, rest = window.root.children  # each pane splits the one made before it in half
    second, (third, last) = rest.children[0], rest.children[1].children
    assert [pane.send for pane in (first, second, third)] == [
        (SendSpec(" echo p"),), (SendSpec(" find . -exec ls {} ;"),), (SendSpec(" echo a"),)]
    assert last.focus and not any(pane.focus for pane in (first, second, third))


def test_what_muntin_does_not_do_is_a_warning_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, EVERY_KEY)
    warnings = [str(w) for w in load_workspace(path).warnings]
    assert warnings == [
        f"{path}:9: tmuxp reads suppress_history on windows and panes only: set it there (here it changes "
        "nothing, as in tmuxp)",
    ]  # before_script, window options and window_index are carried out


def test_json_reads_the_same_as_yaml(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(EVERY_KEY)
    from_yaml = load_workspace(write(tmp_path, EVERY_KEY)).workspace
    from_json = load_workspace(write(tmp_path, json.dumps(data, indent=2), "dev.json"))
    assert from_json.problems == () and from_json.workspace == from_yaml
    assert len(from_json.warnings) == 1 and all(w.line > 0 for w in from_json.warnings)


def test_per_command_sleeps_and_unknown_keys_warn(tmp_path: Path) -> None:
    text = ("session_name: s\nwindows:\n  - panes:\n      - shell_command:\n          - cmd: ls\n"
            "            sleep_before: 1\n          - pwd\n          - cmd: id\n            sleep_before: 0\n"
            "            suppress_history: false\n        colour: red\n        suppress_history: false\n")
    path = write(tmp_path, text)
    result = load_workspace(path)
    assert result.ok
    assert result.workspace.windows[0].root.send == (SendSpec("ls", True, 1), SendSpec("pwd", True, 1),
                                                     SendSpec("id", True, 0))
    assert [str(w) for w in result.warnings] == [
        f"{path}:10: unknown tmuxp key 'suppress_history' in a command is ignored: muntin reads cmd, enter, "
        "sleep_after, sleep_before",
        f"{path}:11: unknown tmuxp key 'colour' in a pane is ignored: muntin reads enter, environment, focus, "
        "shell, shell_command, shell_command_before, sleep_after, sleep_before, start_directory, suppress_history",
    ]


ERRORS = [
    ("session_name: s\nwindows: []\n", 2, "windows: expected a list of one window or more"),
    ("session_name: s\nwindows:\n  - window_name: w\n    focus: maybe\n", 4, "focus = 'maybe': expected true or false"),
    ("session_name: s\nwindows:\n  - panes:\n      - a\n      - b\n    layout: spiral\n", 6,
     "unknown layout 'spiral': expected a preset (even-horizontal, even-vertical, main-horizontal, main-vertical, "
     "tiled) or a tmux layout string"),
    ("session_name: s\nwindows:\n  - panes:\n      - focus: true\n      - focus: true\n", 5,
     "two panes of this window have focus = true: at most one may"),
    ("session_name: s\nwindows:\n  - panes:\n      - start_directory: nowhere\n", 4,
     "the directory '{dir}/nowhere' does not exist: expected an existing directory (a relative one is relative "
     "to the enclosing cwd or the file)"),
    ("session_name: s\nwindows:\n  - panes:\n      - sleep_after: soon\n", 4,
     "sleep_after = 'soon': expected seconds, 0 or more"),
    ("session_name: s\nwindows:\n  - options:\n      main-pane-height: tall\n", 4,
     "main-pane-height = 'tall': expected cells (30) or a percentage under 100% (\"40%\")"),
    ("session_name: s\nwindows:\n  - panes:\n      - shell_command: [[nested]]\n", 4,
     "command ['nested']: expected a string or a mapping with cmd"),
    ("session_name: s\nwindows:\n  - environment: [A]\n", 3, "environment: expected a mapping of NAME: value"),
    ("session_name: s\nwindows:\n  - window_name: [x\n", 4, "not valid YAML: expected ',' or ']', but got '<stream end>'"),
    ("- just\n- a list\n", 0, "the file is list: expected a mapping"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_problems_name_the_yaml_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    result = load_workspace(path)
    assert result.workspace is None
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert str(result.problems[0]) == prefix + message.replace("{dir}", str(tmp_path))


def test_a_json_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n  "session_name": "s",\n  "windows": [,]\n}\n', "bad.json")
    assert [str(p) for p in load_workspace(path).problems] == [f"{path}:3: not valid JSON: Expecting value"]


@pytest.mark.parametrize("entry", ["blank", "pane", "null", "{}", "shell_command:", "shell_command: [null]",
                                   "shell_command: blank"])
def test_empty_pane_entries_give_a_plain_shell(tmp_path: Path, entry: str) -> None:
    path = write(tmp_path, f"session_name: s\nwindows:\n  - panes:\n      - {entry}\n      - ls\n")
    first, second = load_workspace(path).workspace.windows[0].panes
    assert first.send == () and second.send == (SendSpec(" ls"),)


@pytest.mark.parametrize("entry", ['""', 'shell_command: ""', 'shell_command: [""]'])
def test_an_empty_string_is_a_return(tmp_path: Path, entry: str) -> None:
    """tmuxp's expand_cmd keeps an empty string as a command: a space and Enter are typed."""
    path = write(tmp_path, f"session_name: s\nwindows:\n  - panes:\n      - {entry}\n")
    assert load_workspace(path).workspace.windows[0].root.send == (SendSpec(" "),)


def test_options_are_set_option_words(tmp_path: Path) -> None:
    path = write(tmp_path, "session_name: s\noptions:\n  base-index: 1\nglobal_options:\n  mouse: true\n"
                           "windows:\n  - options:\n      remain-on-exit: on\n    options_after:\n"
                           "      synchronize-panes: true\n    panes: [blank, blank]\n")
    ws = load_workspace(path).workspace
    assert ws.options == {"base-index": "1"} and ws.global_options == {"mouse": "on"}
    window = ws.windows[0]
    assert window.set_options == {"remain-on-exit": "on"} and window.options_after == {"synchronize-panes": "on"}
    assert all(pane.remain_on_exit for pane in window.panes)
