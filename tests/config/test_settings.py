"""Settings from config.toml: defaults, each option's validation, lines of problems, bindings, files."""

from __future__ import annotations

from pathlib import Path

import pytest

from muntin.config import (
    Binding,
    RemainOnExit,
    Settings,
    StatusPosition,
    check_config,
    load_config,
    parse_config,
)


def test_empty_file_gives_defaults() -> None:
    result = parse_config("", "c.toml")
    assert result.settings == Settings()
    assert result.problems == []
    assert result.bindings_with_lines == ()
    defaults = result.settings
    assert (defaults.prefix, defaults.term, defaults.theme) == ("C-b", "tmux-256color", "terminal")
    assert defaults.remain_on_exit is RemainOnExit.FAILED
    assert defaults.status.position is StatusPosition.BOTTOM and defaults.status.enabled


GOOD = [
    ('prefix = "C-a"', "prefix", "C-a"),
    ('prefix = "ctrl+space"', "prefix", "ctrl+space"),
    ('prefix = " M-Space "', "prefix", "M-Space"),
    ('shell = "/bin/zsh -l"', "shell", "/bin/zsh -l"),
    ('shell = ""', "shell", None),
    ('term = "screen-256color"', "term", "screen-256color"),
    ("history-limit = 0", "history_limit", 0),
    ("history-limit = 50000", "history_limit", 50000),
    ('remain-on-exit = "on"', "remain_on_exit", RemainOnExit.ON),
    ('remain-on-exit = "OFF"', "remain_on_exit", RemainOnExit.OFF),
    ("remain-on-exit = true", "remain_on_exit", RemainOnExit.ON),
    ("remain-on-exit = false", "remain_on_exit", RemainOnExit.OFF),
    ("mouse = false", "mouse", False),
    ('theme = "ember"', "theme", "ember"),
    ("escape-time = 0", "escape_time", 0),
    ("repeat-time = 1000", "repeat_time", 1000),
    ("base-index = 1", "base_index", 1),
    ("automatic-rename = false", "automatic_rename", False),
    ("monitor-activity = true", "monitor_activity", True),
    ('window-size = "latest"', "window_size", "latest"),
    ('new-pane-directory = "session"', "new_pane_directory", "session"),
]


@pytest.mark.parametrize(("line", "field", "value"), GOOD)
def test_good_values(line: str, field: str, value: object) -> None:
    result = parse_config(f"# settings\n{line}\n", "c.toml")
    assert result.problems == []
    assert getattr(result.settings, field) == value


BAD = [
    ('prefix = ""', "prefix: expected a key such as"),
    ('prefix = "C-b C-a"', "prefix: expected a key such as"),
    ("prefix = 2", "got 2"),
    ("shell = false", "shell: expected a command"),
    ('term = "xterm 256"', "term: expected a terminal type"),
    ("history-limit = -1", "history-limit: expected an integer from 0 to 10000000 lines, got -1"),
    ('history-limit = "lots"', "got 'lots'"),
    ("history-limit = 1.5", "got 1.5"),
    ("history-limit = true", "got True"),
    ('remain-on-exit = "maybe"', "remain-on-exit: expected one of off, on, failed, got 'maybe'"),
    ('escape-time = "yes"', "escape-time: expected an integer from 0 to 5000 milliseconds, got 'yes'"),
    ("theme = 3", "theme: expected a theme name"),
    ("escape-time = 6000", "escape-time: expected an integer from 0 to 5000 milliseconds"),
    ("repeat-time = -5", "repeat-time: expected an integer from 0 to 10000 milliseconds"),
    ("base-index = 2", "base-index: expected an integer from 0 to 1, got 2"),
    ("status = 1", "status: expected a table [status], got 1"),
    ("keys = []", "keys: expected tables such as [keys.prefix], got a list"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_bad_values_are_reported_with_their_line_and_left_at_default(line: str, message: str) -> None:
    result = parse_config(f'# first\nmouse = false\n\n{line}\n', "c.toml")
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert (problem.path, problem.line) == ("c.toml", 4)
    assert message in problem.message
    assert str(problem).startswith("c.toml:4: ")
    assert result.settings.mouse is False  # the rest of the file still applies
    key = line.split("=")[0].strip().replace("-", "_")
    if hasattr(Settings(), key):
        assert getattr(result.settings, key) == getattr(Settings(), key)


STATUS = [
    ("enabled = false", None, ("enabled", False)),
    ('position = "top"', None, ("position", StatusPosition.TOP)),
    ('left = "#S "', None, ("left", "#S ")),
    ('right = ""', None, ("right", "")),
    ('position = "left"', "status.position: expected one of top, bottom, got 'left'", None),
    ("enabled = 1", "status.enabled: expected true or false, got 1", None),
    ("left = 1", "status.left: expected a string, got 1", None),
    ("centre = 'x'", "unknown status setting 'centre'", None),
]


@pytest.mark.parametrize(("line", "message", "expected"), STATUS)
def test_status_table(line: str, message: str | None, expected: tuple[str, object] | None) -> None:
    result = parse_config(f"[status]\n{line}\n", "c.toml")
    if message is None:
        assert result.problems == []
        field, value = expected  # type: ignore[misc]
        assert getattr(result.settings.status, field) == value
    else:
        assert [(p.line, message in p.message) for p in result.problems] == [(2, True)], result.problems


@pytest.mark.parametrize(("text", "message"), [
    ("mous = true", "unknown setting 'mous' (did you mean 'mouse'?)"),
    ("history_limit = 5", "unknown setting 'history_limit' (did you mean 'history-limit'?)"),
    ("zzz = 1", "unknown setting 'zzz' (expected one of prefix, shell,"),
    ("[colours]\nx = 1", "unknown setting 'colours'"),
])
def test_unknown_keys_are_reported(text: str, message: str) -> None:
    result = parse_config(f"mouse = false\n{text}\n", "c.toml")
    assert [p.line for p in result.problems] == [2]
    assert message in result.problems[0].message
    assert result.settings.mouse is False


def test_syntax_error_gives_its_line_and_defaults() -> None:
    result = parse_config('mouse = false\n\nprefix = "C-a\n', "c.toml")
    assert result.settings == Settings()
    assert [(p.path, p.line) for p in result.problems] == [("c.toml", 3)]
    assert result.problems[0].message.startswith("TOML syntax error: ")
    assert "line" not in result.problems[0].message


def test_problems_come_in_line_order() -> None:
    text = 'base-index = 9\n[status]\nposition = "x"\n[keys.prefix]\n"a" = 1\n'
    result = parse_config(text, "c.toml", known_themes={"terminal"})
    assert [p.line for p in result.problems] == [1, 3, 5]


BINDINGS = """\
[keys.prefix]
"|" = "split-window -h"
"-" = ["split-window -v", "select-layout even-vertical"]
"d" = false
"c" = "none"
"C-Left" = { command = "resize-pane -L 5", repeat = true, note = "Grow left" }
"x" = { command = false }

[keys.root]
"M-Left" = "select-pane -L"
"""


def test_bindings_with_their_lines() -> None:
    result = parse_config(BINDINGS, "c.toml")
    assert result.problems == []
    assert result.bindings_with_lines == (
        Binding("prefix", "|", ("split-window -h",), path="c.toml", line=2),
        Binding("prefix", "-", ("split-window -v", "select-layout even-vertical"), path="c.toml", line=3),
        Binding("prefix", "d", (), path="c.toml", line=4),
        Binding("prefix", "c", (), path="c.toml", line=5),
        Binding("prefix", "C-Left", ("resize-pane -L 5",), True, "Grow left", "c.toml", 6),
        Binding("prefix", "x", (), path="c.toml", line=7),
        Binding("root", "M-Left", ("select-pane -L",), path="c.toml", line=10),
    )
    assert result.settings.bindings == result.bindings_with_lines
    assert [b.unbind for b in result.bindings_with_lines] == [False, False, True, True, False, True, False]


@pytest.mark.parametrize(("entry", "message"), [
    ('"a" = 1', "keys.prefix.a: expected command text"),
    ('"a" = ""', "keys.prefix.a: expected command text"),
    ('"a" = true', "keys.prefix.a: expected command text"),
    ('"a" = []', "keys.prefix.a: expected command text"),
    ('"a" = ["ok", 2]', "keys.prefix.a: expected command text"),
    ('"a" = { command = "x", rpt = true }', "unknown binding field 'rpt' (did you mean 'repeat'?)"),
    ('"a" = { repeat = true }', "a binding table needs command"),
    ('"a" = { command = "x", repeat = "yes" }', "repeat: expected true or false"),
    ('"a" = { command = "x", note = 1 }', "note: expected a string"),
    ('"two words" = "x"', "keys.prefix.two words: expected a key such as"),
])
def test_bad_bindings(entry: str, message: str) -> None:
    result = parse_config(f'[keys.prefix]\n"b" = "kill-pane"\n{entry}\n', "c.toml")
    assert [p.line for p in result.problems] == [3]
    assert message in result.problems[0].message
    assert [b.key for b in result.bindings_with_lines] == ["b"]


def test_bad_key_table_names() -> None:
    result = parse_config('[keys."Copy Mode"]\na = "x"\n[keys]\nprefix = "x"\n', "c.toml")
    assert [p.line for p in result.problems] == [1, 4]
    assert "expected a key table name" in result.problems[0].message
    assert "keys.prefix: expected a table of key = command" in result.problems[1].message


def test_unknown_theme_with_known_names() -> None:
    result = parse_config('mouse = false\ntheme = "embr"\n', "c.toml", known_themes={"terminal", "ember"})
    assert [(p.line, p.message) for p in result.problems] == [(2, "unknown theme 'embr' (did you mean 'ember'?)")]
    assert result.settings.theme == "terminal"
    assert result.settings.mouse is False


def test_load_config_reads_a_named_file(tmp_path: Path) -> None:
    path = tmp_path / "muntin.toml"
    path.write_text('prefix = "C-a"\nmouse = "no"\n')
    result = load_config(path)
    assert result.settings.prefix == "C-a"
    assert [str(p) for p in result.problems] == [f"{path}:2: mouse: expected true or false, got 'no'"]


def test_missing_named_file_is_a_problem(tmp_path: Path) -> None:
    result = load_config(tmp_path / "absent.toml")
    assert result.settings == Settings()
    assert [(p.line, p.message) for p in result.problems] == [(0, "no such file")]


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b"mouse = true\nshell = \"\xff\"\n")
    assert [(p.line, p.message) for p in load_config(path).problems] == [(2, "not UTF-8 text")]


def test_default_file_comes_from_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_config() == (Settings(), [], ())  # no file: defaults, no problem
    (tmp_path / "muntin").mkdir()
    (tmp_path / "muntin" / "config.toml").write_text('theme = "nonesuch"\nbase-index = 1\n')
    assert load_config().settings.base_index == 1
    problems = check_config()
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [(1, "unknown theme 'nonesuch'")]
    assert problems[0].path == tmp_path / "muntin" / "config.toml"


def test_check_config_reports_broken_user_themes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "muntin" / "themes").mkdir(parents=True)
    (tmp_path / "muntin" / "themes" / "mine.toml").write_text("dark = true\n[ui]\nclock = 'plaid'\n")
    config = tmp_path / "other.toml"
    config.write_text('theme = "mine"\n')
    problems = check_config(config)
    assert [(Path(p.path).name, p.line) for p in problems] == [("other.toml", 1), ("mine.toml", 3)]
    config.write_text('theme = "fjord"\n')
    assert [Path(p.path).name for p in check_config(config)] == ["mine.toml"]
