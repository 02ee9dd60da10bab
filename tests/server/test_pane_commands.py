"""How a pane's command is read: several words are a program and its arguments, one word is a shell line
(as in tmux), and a plain one-word line runs its program directly, whatever the shell does with ``-c``."""

from __future__ import annotations

import pytest

from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until
from muntin.session import command_argv


@pytest.mark.parametrize(("argv", "expected"), [
    (["sleep", "5; x"], ["sleep", "5; x"]),             # several words: exactly as given
    (["sleep 100"], ["sleep", "100"]),                  # plain: the program itself
    (["tail -f /dev/null"], ["tail", "-f", "/dev/null"]),
    (["./run.sh --fast"], ["./run.sh", "--fast"]),      # a path: the pane's directory decides
    (["echo one; echo two"], ["SH", "-c", "echo one; echo two"]),
    (["exit 3"], ["SH", "-c", "exit 3"]),               # the shell's own words stay the shell's
    (["echo hi"], ["SH", "-c", "echo hi"]),
    (["FOO=1 env"], ["SH", "-c", "FOO=1 env"]),
    (["ls $HOME"], ["SH", "-c", "ls $HOME"]),
    (["vim 'my file'"], ["SH", "-c", "vim 'my file'"]),
    (["no-such-program-here x"], ["SH", "-c", "no-such-program-here x"]),
])
def test_one_word_is_a_shell_line_unless_it_is_plain(argv: list[str], expected: list[str]) -> None:
    assert command_argv(argv, shell="SH", path="/usr/bin:/bin") == expected


def test_a_shell_line_runs_in_the_default_shell(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "base").returncode == 0
    mux("set-option", "-g", "default-shell", "/bin/sh")
    mux("set-option", "-g", "remain-on-exit", "on")
    mux("new-session", "-d", "-s", "line", "--", "echo one; echo two; exit 3")
    mux.wait_text("line", "^one$")
    mux.wait_text("line", "^two$")
    assert poll_until(lambda: mux.pane("%1")["state"] == "dead", timeout=5)
    assert mux.pane("%1")["command"] == ["/bin/sh", "-c", "echo one; echo two; exit 3"]
    assert mux.pane("%1")["exit"]["code"] == 3


def test_a_plain_line_is_the_panes_own_program(mux: Mux) -> None:  # noqa: F811
    # dash forks the last command of ``sh -c`` instead of replacing itself; the pane must still show sleep.
    assert mux.cli("new-session", "-d", "-s", "plain", "--", "sleep 100").returncode == 0
    assert mux.pane("%0")["command"] == ["sleep", "100"]
    assert poll_until(lambda: (mux.pane("%0")["foreground_command"] or "").startswith("sleep"), timeout=5)
    mux("set-option", "-g", "default-shell", "/bin/sh")
    mux("respawn-pane", "-k", "-t", "plain", "tail -f /dev/null")
    assert poll_until(lambda: mux.pane("%0")["command"] == ["tail", "-f", "/dev/null"], timeout=5)
    assert poll_until(lambda: (mux.pane("%0")["foreground_command"] or "").startswith("tail"), timeout=5)


def test_windows_are_named_after_their_program_until_renamed(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "other", "--", "sh").returncode == 0
    mux("new-window", "-d", "-t", "other:", "--", "sh")
    mux("new-window", "-d", "-t", "other:", "--", "sh")  # so the windows of n have ids unlike their indexes
    mux("new-session", "-d", "-s", "n", "--", "sh")
    mux("new-window", "-t", "n:", "--", "sh")
    mux("new-window", "-t", "n:", "--", "sh")

    def names() -> list[str]:
        return [line.split(": ", 1)[1].split(" ")[0].rstrip("*") for line in
                mux("list-windows", "-t", "n").output.splitlines()]

    assert names() == ["sh", "sh", "sh"]
    mux("rename-window", "-t", "n:1", "mine")
    mux("set-option", "-w", "-t", "n:2", "automatic-rename", "off")
    for index in range(3):
        mux("send-keys", "-t", f"n:{index}", "sleep 30", "Enter")
    assert poll_until(lambda: names()[0] == "sleep", timeout=5), names()
    assert names()[1:] == ["mine", "sh"]  # a name of its own; automatic-rename off keeps the name it had
    mux("send-keys", "-t", "n:0", "C-c")
    assert poll_until(lambda: names()[0] == "sh", timeout=5), names()  # the shell is back in front


def test_a_pane_without_a_title_of_its_own_is_titled_after_its_program(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "t", "--", "sh").returncode == 0
    mux("send-keys", "-t", "t", "sleep 30", "Enter")
    assert poll_until(lambda: mux.pane("%0")["title"] == "sleep", timeout=5)
    mux("send-keys", "-t", "t", "C-c")
    mux("send-keys", "-t", "t", "printf '\\033]2;my title\\007'", "Enter")
    assert poll_until(lambda: mux.pane("%0")["title"] == "my title", timeout=5)  # a title set by the program wins
