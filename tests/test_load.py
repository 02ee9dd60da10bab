"""``muntin load``: a workspace file brings up windows, splits, commands, env and cwd; typed lines wait
for the shell; errors name the line and start nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import poll_until

WORKSPACE = """
session = "web"
env = {{ GREETING = "hi" }}

[[window]]
name = "code"
layout = "even-horizontal"
cwd = "{cwd}"
[[window.pane]]
shell = "sh"
send = ["echo one-$GREETING", "echo two"]
[[window.pane]]
command = "echo from-command; sleep 30"
[[window.pane]]
shell = "sh"
focus = true

[[window]]
name = "servers"
split = "vertical"
[[window.pane]]
size = "40%"
shell = "sh"
send = ["sleep 0.5; echo ready to accept connections"]
wait = "ready to accept connections"
[[window.pane]]
shell = "sh"
env = {{ PORT = "9000" }}
send = ["echo port=$PORT"]
"""


@pytest.fixture
def socket(tmp_path: Path):
    directory = tmp_path / "sock"
    directory.mkdir(mode=0o700)
    path = directory / "s"
    yield path
    if path.exists():
        muntin(path, "kill-server")
    poll_until(lambda: not path.exists(), timeout=10)


def muntin(socket: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", "-S", str(socket), *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})


def panes(socket: Path) -> list[dict]:
    return json.loads(muntin(socket, "list-panes", "-a", "--json").stdout)


def shows(socket: Path, target: str, *texts: str, timeout: float = 10) -> str:
    """The pane's screen once every text is on it (in order); typed lines and commands print a moment later."""

    def ready() -> str | None:
        screen = muntin(socket, "capture-pane", "-p", "-t", target).stdout
        position = 0
        for text in texts:
            position = screen.find(text, position)
            if position < 0:
                return None
        return screen

    screen = poll_until(ready, timeout=timeout)
    assert screen, f"{target} never showed {texts!r}: {muntin(socket, 'capture-pane', '-p', '-t', target).stdout!r}"
    return screen


def test_load_builds_the_workspace(socket: Path, tmp_path: Path) -> None:
    work = tmp_path / "project"
    work.mkdir()
    file = tmp_path / "web.toml"
    file.write_text(WORKSPACE.format(cwd=work))
    result = muntin(socket, "load", "-d", str(file))
    assert result.returncode == 0, result.stderr
    listing = panes(socket)
    assert [(p["window"], p["index"]) for p in listing] == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]
    code = [p for p in listing if p["window"] == 0]
    assert len({p["width"] for p in code}) == 1 and all(p["cwd"] == str(work) for p in code)
    assert code[2]["active"]
    top, bottom = [p for p in listing if p["window"] == 1]
    assert abs(top["height"] / (top["height"] + bottom["height"]) - 0.4) < 0.06
    shows(socket, "web:0.0", "\none-hi", "\ntwo")
    shows(socket, "web:0.1", "from-command")
    # ``wait`` held the load until the line was on screen, so no polling is needed here.
    assert "ready to accept connections" in muntin(socket, "capture-pane", "-p", "-t", "web:1.0").stdout
    shows(socket, "web:1.1", "port=9000")


def test_a_slow_starting_shell_still_gets_every_line(socket: Path, tmp_path: Path) -> None:
    rc = tmp_path / "rc.sh"
    rc.write_text("sleep 1.5\necho rc-done\n")
    file = tmp_path / "slow.toml"
    file.write_text('session = "slow"\n[[window]]\n[[window.pane]]\nshell = "sh -i"\n'
                    'env = { ENV = "%s" }\nsend = ["echo first", "echo second"]\n' % rc)
    result = muntin(socket, "load", "-d", str(file))
    assert result.returncode == 0, result.stderr
    shows(socket, "slow", "rc-done", "\nfirst", "\nsecond")


def test_errors_name_the_line_and_start_nothing(socket: Path, tmp_path: Path) -> None:
    file = tmp_path / "bad.toml"
    file.write_text('session = "bad"\n[[window]]\n[[window.pane]]\ncomand = "ls"\n')
    result = muntin(socket, "load", "-d", str(file))
    assert result.returncode == os.EX_CONFIG
    assert f"{file}:4:" in result.stderr and "comand" in result.stderr
    assert not socket.exists()
    missing = muntin(socket, "load", "-d", str(tmp_path / "absent.toml"))
    assert missing.returncode == os.EX_NOINPUT


def test_dump_layout_round_trips_through_load(socket: Path, tmp_path: Path) -> None:
    assert muntin(socket, "new-session", "-d", "-s", "dump", "-c", str(tmp_path), "--", "sh").returncode == 0
    assert muntin(socket, "split-window", "-h", "-l", "30%", "-t", "dump", "--", "sleep", "100").returncode == 0
    assert muntin(socket, "split-window", "-v", "-t", "dump", "--", "sh").returncode == 0
    assert muntin(socket, "new-window", "-t", "dump:", "-n", "logs", "--", "tail", "-f", "/dev/null").returncode == 0
    before = panes(socket)
    dumped = muntin(socket, "dump-layout", "-t", "dump:0")
    assert dumped.returncode == 0, dumped.stderr
    file = tmp_path / "dump.toml"
    file.write_text(dumped.stdout)
    muntin(socket, "kill-server")
    poll_until(lambda: not socket.exists(), timeout=10)
    result = muntin(socket, "load", "-d", str(file))
    assert result.returncode == 0, result.stderr
    after = panes(socket)

    def shape(listing: list[dict]) -> list[tuple]:
        return [(p["window"], p["index"], p["left"], p["top"], p["width"], p["height"], p["cwd"]) for p in listing]

    assert shape(after) == shape(before)

    def programs(listing: list[dict]) -> list[str]:
        return [p["foreground_command"].split()[0] for p in listing]

    # A dumped command runs through the user's shell, which execs it a moment after the pane starts.
    assert poll_until(lambda: programs(panes(socket)) == programs(before), timeout=10), programs(panes(socket))


def test_new_with_a_workspace_file_is_load(socket: Path, tmp_path: Path) -> None:
    file = tmp_path / "one.toml"
    file.write_text('session = "one"\n[[window]]\n[[window.pane]]\nshell = "sh"\nsend = ["echo via-new"]\n')
    result = muntin(socket, "new", "-d", "-l", str(file))
    assert result.returncode == 0, result.stderr
    shows(socket, "one", "\nvia-new")


def test_titles_remain_on_exit_and_main_pane_size(socket: Path, tmp_path: Path) -> None:
    file = tmp_path / "opts.toml"
    file.write_text('session = "opts"\n'
                    '[[window]]\nlayout = "main-vertical"\noptions = { "main-pane-width" = 30 }\n'
                    '[[window.pane]]\nshell = "sh"\ntitle = "editor"\n'
                    '[[window.pane]]\ncommand = "exit 3"\nremain_on_exit = false\n'
                    '[[window.pane]]\ncommand = "exit 0"\nremain_on_exit = true\n')
    result = muntin(socket, "load", "-d", str(file))
    assert result.returncode == 0, result.stderr
    # Commands that end at once: the options were set before they started. The failing pane goes although
    # failures stay by default; the one that succeeds stays with its report.
    assert poll_until(lambda: len(panes(socket)) == 2, timeout=10), panes(socket)
    listing = panes(socket)
    assert listing[0]["title"] == "editor"
    kept = listing[1]
    assert kept["state"] == "dead" and kept["exit"]["code"] == 0
    assert muntin(socket, "show-options", "-p", "-t", kept["id"]).stdout == "remain-on-exit on\n"
    muntin(socket, "select-layout", "-t", "opts", "main-vertical")
    assert panes(socket)[0]["width"] == 30  # main-pane-width, set on the window, used by the preset
