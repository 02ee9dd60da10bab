"""Line numbers of TOML key paths: comments, strings, inline tables, dotted keys, multi-line values."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from muntin.config._tomlpos import KeyPositions, key_lines, line_of

DOCUMENT = '''\
# a comment with key = "value" and [table]
session = "web # not a comment"   # a comment
cwd = 'C:\\path = here'
env = { A = "1", "B.C" = 'x=#' }
note = """
[[window]]
fake = 1
"""
raw = \'\'\'
x = 2 \'\'\'
a.b . "c.d" = true

[[window]]
name = "code"   # [[window.pane]]
[[window.pane]]
command = "nvim ."
[[window.pane]]
send = [
  "one", # first
  "two = 2",
  { text = "three", enter = false },
]

[[window]]
name = "servers"
[window.options]
synchronize = true
[[window.pane]]
size = "40%"
[[window.pane.pane]]
env.PORT = "9000"
[[window.pane.pane]]
size = 30
'''

EXPECTED = {
    ("session",): 2,
    ("cwd",): 3,
    ("env",): 4,
    ("env", "A"): 4,
    ("env", "B.C"): 4,
    ("note",): 5,
    ("raw",): 9,
    ("a",): 11,
    ("a", "b"): 11,
    ("a", "b", "c.d"): 11,
    ("window",): 13,
    ("window", 0): 13,
    ("window", 0, "name"): 14,
    ("window", 0, "pane"): 15,
    ("window", 0, "pane", 0): 15,
    ("window", 0, "pane", 0, "command"): 16,
    ("window", 0, "pane", 1): 17,
    ("window", 0, "pane", 1, "send"): 18,
    ("window", 0, "pane", 1, "send", 0): 19,
    ("window", 0, "pane", 1, "send", 1): 20,
    ("window", 0, "pane", 1, "send", 2): 21,
    ("window", 0, "pane", 1, "send", 2, "enter"): 21,
    ("window", 1): 24,
    ("window", 1, "name"): 25,
    ("window", 1, "options"): 26,
    ("window", 1, "options", "synchronize"): 27,
    ("window", 1, "pane"): 28,
    ("window", 1, "pane", 0, "size"): 29,
    ("window", 1, "pane", 0, "pane", 0): 30,
    ("window", 1, "pane", 0, "pane", 0, "env", "PORT"): 31,
    ("window", 1, "pane", 0, "pane", 1): 32,
    ("window", 1, "pane", 0, "pane", 1, "size"): 33,
}


def test_the_document_is_valid_toml() -> None:
    data = tomllib.loads(DOCUMENT)
    assert data["window"][1]["pane"][0]["pane"][1]["size"] == 30
    assert "fake" not in data and "x" not in data


@pytest.mark.parametrize(("path", "line"), sorted(EXPECTED.items(), key=lambda item: item[1]))
def test_each_key_path_has_its_line(path: tuple, line: int) -> None:
    assert key_lines(DOCUMENT)[path] == line


def test_keys_inside_strings_and_comments_are_not_keys() -> None:
    lines = key_lines(DOCUMENT)
    assert ("fake",) not in lines
    assert ("x",) not in lines
    assert ("window", 2) not in lines
    assert not any(isinstance(part, str) and part.startswith("[") for path in lines for part in path)


def test_line_falls_back_to_the_nearest_enclosing_key() -> None:
    positions = KeyPositions(DOCUMENT)
    assert positions.line("window", 1, "pane", 0, "pane", 1, "unknown") == 32
    assert positions.line("window", 0, "name") == 14
    assert positions.line("nothing") == 0
    assert line_of(positions.lines, ("env", "A", "deeper")) == 4


def test_crlf_line_endings() -> None:
    text = 'a = 1\r\n[[w]]\r\nb = "x"\r\n[[w]]\r\nb = 2\r\n'
    assert key_lines(text)[("w", 1, "b")] == 5


@pytest.mark.parametrize(
    "text",
    ['a = "unterminated\nb = 1\n', "[[w]\nx = 1\n", "a = [1, 2\n", "= 1\n", 'a = """never closed\n', "[a\n"],
)
def test_invalid_text_never_raises(text: str) -> None:
    assert key_lines(text).get(("b",)) in (None, 2)


def test_keys_before_a_fault_are_kept() -> None:
    assert key_lines('a = 1\nb = [\n  "x",\n  oops oops\n')[("b", 0)] == 3


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    """Every key path of parsed TOML data, array elements included."""
    if isinstance(value, dict):
        return [path] + [p for key, item in value.items() for p in _paths(item, path + (key,))]
    if isinstance(value, list):
        return [path] + [p for index, item in enumerate(value) for p in _paths(item, path + (index,))]
    return [path]


EXAMPLE_TOML = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.toml"))


@pytest.mark.parametrize("text", [DOCUMENT] + [path.read_text() for path in EXAMPLE_TOML],
                         ids=["document"] + [path.name for path in EXAMPLE_TOML])
def test_every_path_tomllib_sees_has_a_line(text: str) -> None:
    lines = key_lines(text)
    missing = [path for path in _paths(tomllib.loads(text)) if path and path not in lines]
    assert missing == []
