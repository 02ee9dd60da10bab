"""run-shell and if-shell as tmux 3.3a: output and exit status at the CLI, -b in the background, -C and -F,
formats in the command, and a server that answers others while a shell command runs."""

from __future__ import annotations

import shutil

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from _tmux import Tmux, tmux  # noqa: F401 - the fixture
from conftest import poll_until

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

CASES = [
    ("run-shell", "echo one; echo two"),
    ("run-shell", "printf 'no newline'"),
    ("run-shell", "echo out; exit 3"),
    ("run-shell", "echo '#{session_name}'"),
    ("run-shell", "-C", "display-message -p hello"),
    ("if-shell", "true", "display-message -p yes", "display-message -p no"),
    ("if-shell", "false", "display-message -p yes", "display-message -p no"),
    ("if-shell", "false", "display-message -p yes"),
    ("if-shell", "-F", "#{session_name}", "display-message -p yes", "display-message -p no"),
    ("if-shell", "-F", "0", "display-message -p yes", "display-message -p no"),
    ("if-shell", "-F", "", "display-message -p yes", "display-message -p no"),
]


@needs_tmux
@pytest.mark.parametrize("words", CASES, ids=[" ".join(c) for c in CASES])
def test_output_and_status_as_tmux(tmux: Tmux, mux: Mux, words: tuple[str, ...]) -> None:  # noqa: F811
    tmux.cli("new-session", "-d", "-s", "s", "-x", "80", "-y", "24")
    mux("new", "-d", "-s", "s", "--", "cat")
    theirs, ours = tmux.cli(*words), mux.cli(*words)
    assert ours.returncode == theirs.returncode, ours.stderr
    if words[0] == "run-shell" and "-C" not in words:  # tmux 3.3a puts it in a pane's view mode; 3.4 prints it
        assert ours.stdout == SHELL_OUTPUT[words[1]]
    else:
        assert ours.stdout == theirs.stdout


SHELL_OUTPUT = {"echo one; echo two": "one\ntwo\n", "printf 'no newline'": "no newline\n",
                "echo out; exit 3": "out\n", "echo '#{session_name}'": "s\n"}


def test_the_server_answers_others_while_a_shell_command_runs(mux: Mux, tmp_path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    gate = tmp_path / "gate"
    import subprocess
    import sys

    waiting = subprocess.Popen([sys.executable, "-m", "muntin", "-S", str(mux.sock), "run-shell",
                                f"while [ ! -e {gate} ]; do sleep 0.05; done; echo through"],
                               stdout=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        assert mux("display-message", "-p", "#{session_name}").output.strip() == "s"  # answered meanwhile
        assert waiting.poll() is None
        gate.touch()
        out, _ = waiting.communicate(timeout=30)
    finally:
        if waiting.poll() is None:
            waiting.kill()
            waiting.wait()
    assert out == "through\n" and waiting.returncode == 0


def test_background_run_shell_and_if_shell_return_at_once_and_run(mux: Mux, tmp_path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    mark = tmp_path / "mark"
    assert mux("run-shell", "-b", f"sleep 0.2; echo x > {mark}").ok
    assert poll_until(mark.exists, timeout=10)
    mux("if-shell", "-b", "true", "set-buffer -b chosen yes")
    assert poll_until(lambda: mux.try_("show-buffer", "-b", "chosen").ok, timeout=10)
    mux("run-shell", "-d", "0.1", "-C", "set-buffer -b later yes")  # -d waits, then runs
    assert mux("show-buffer", "-b", "later").output.strip() == "yes"


def test_a_bad_delay_is_refused(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "s", "--", "cat")
    result = mux.try_("run-shell", "-d", "soon", "true")
    assert not result.ok and "invalid delay time: soon" in result.error
