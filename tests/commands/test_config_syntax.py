"""Files in tmux's syntax (cmd-parse.y): continuations, quotes over lines, blocks, %if, variables, and a
problem on one line reported with its number while the other lines still parse."""

from __future__ import annotations

import os

import pytest

from muntin.commands.parser import parse_file


def words(text: str, environ: dict | None = None, truth=lambda t: t not in ("", "0")) -> list[tuple[int, list[str]]]:
    parsed = parse_file(text, truth, environ)
    assert parsed.problems == []
    return [(c.line, [w.text for w in c.words]) for c in parsed.commands]


@pytest.mark.parametrize(("text", "expected"), [
    ("set -g a b\n", [(1, ["set", "-g", "a", "b"])]),
    ("# comment\n\nset a b # trailing\n", [(3, ["set", "a", "b"])]),
    ("split \\\n  -h\n", [(1, ["split", "-h"])]),
    ("a \\\\\nb\n", [(1, ["a", "\\"]), (2, ["b"])]),  # an even run of backslashes joins nothing
    ("a 'x;y' x\\;y \\; b\n", [(1, ["a", "x;y", "x;y", ";", "b"])]),
    ("a ; b;c\n", [(1, ["a"]), (1, ["b"]), (1, ["c"])]),
    ("a \"one\ntwo\"\n", [(1, ["a", "one\ntwo"])]),
    ("a \"\\e[1m\\u00e9\\101\"\n", [(1, ["a", "\x1b[1m\u00e9A"])]),
    ("a '$HOME \\n'\n", [(1, ["a", "$HOME \\n"])]),
    ("display -p #{pane_id}\n", [(1, ["display", "-p"])]),  # unquoted, # starts a comment, as in tmux
    ("bind x { split-window ; select-layout tiled }\n", [(1, ["bind", "x", "split-window ; select-layout tiled"])]),
    ("bind x {\n  split-window\n  select-layout tiled\n}\nlast\n",
     [(1, ["bind", "x", "split-window ; select-layout tiled"]), (5, ["last"])]),
    ("if-shell true { display a } { display 'b c' }\n", [(1, ["if-shell", "true", "display a", "display 'b c'"])]),
    ("bind a {\n  if -F '#{x}' {\n    display hi\n  }\n}\n", [(1, ["bind", "a", "if -F '#{x}' 'display hi'"])]),
])
def test_words_of_a_file(text: str, expected: list) -> None:
    assert words(text) == expected


def test_variables_and_tilde_expand_outside_single_quotes() -> None:
    environ: dict = {}
    found = words("X=hello\nset a \"$X ${X}!\" '$X' $NOPE_NOT_SET. ~/f \"~/g\" a~ '~'\n", environ)
    home = os.environ.get("HOME") or os.path.expanduser("~")
    assert found == [(2, ["set", "a", "hello hello!", "$X", ".", f"{home}/f", f"{home}/g", "a~", "~"])]
    assert environ == {"X": "hello"}


def test_hidden_variables_expand_but_stay_out_of_the_environment() -> None:
    environ: dict = {}
    hidden: dict = {}
    parsed = parse_file("%hidden H=1\nset a $H\n", lambda t: True, environ, hidden)
    assert [[w.text for w in c.words] for c in parsed.commands] == [["set", "a", "1"]]
    assert hidden == {"H": "1"} and environ == {}


def test_if_elif_else_choose_by_the_format() -> None:
    seen = []

    def truth(template: str) -> bool:
        seen.append(template)
        return template == "#{yes}"

    text = ("%if #{no}\na\n%elif \"#{yes}\"\nb\n%else\nc\n%endif\n"
            "%if '#{no}'\nd\n%else\ne\n%if #{yes}\nf\n%endif\n%endif\nX=1\n%if #{no}\nY=2\n%endif\n")
    environ: dict = {}
    assert words(text, environ, truth) == [(4, ["b"]), (11, ["e"]), (13, ["f"])]
    assert environ == {"X": "1"}  # an assignment in a branch not taken sets nothing
    assert "#{yes}" in seen


@pytest.mark.parametrize(("text", "problems", "kept"), [
    ("set a 'open\nset b c\n", [(1, "missing closing '")], [["set", "b", "c"]]),
    ("bind y {\nset d e\n", [(1, "missing } (the { opened here)")], [["set", "d", "e"]]),
    ("a } b\nc\n", [(1, "} without {")], [["c"]]),
    ("%wat\nc\n", [(1, "unknown directive %wat (%if, %elif, %else, %endif or %hidden)")], [["c"]]),
    ("%else\nc\n", [(1, "%else without %if")], [["c"]]),
    ("%if 1\nc\n", [(3, "missing %endif")], [["c"]]),
    ("a \\5\nb '\\5' \\9\n", [(1, "invalid octal escape")], [["b", "\\5", "9"]]),
    ("a ${bad-name}\nb\n", [(1, "invalid environment variable")], [["b"]]),
])
def test_a_bad_line_is_reported_with_its_number_and_the_rest_parses(text, problems, kept) -> None:
    parsed = parse_file(text, lambda t: t not in ("", "0"))
    assert parsed.problems == problems
    assert [[w.text for w in c.words] for c in parsed.commands] == kept
