"""The socket directory and the socket: a planted link, an open directory or a file in the socket's place is
refused, never followed nor deleted, as tmux checks them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from muntin.client import Connection, NoServer
from muntin.process import wait_gone
from muntin.protocol import paths
from muntin.protocol.paths import SocketDirError, check_dir


def cli(runtime: Path, *words: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    return subprocess.run([sys.executable, "-m", "muntin", *words], env=env, capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL)


def kill_server(sock: Path) -> None:
    try:
        with Connection.open(sock) as connection:
            pid = connection.server_pid
            connection.command(["kill-server"])
    except (NoServer, ConnectionError):
        return
    assert wait_gone(pid, 15)


@pytest.fixture
def planted(tmp_path):
    """``$XDG_RUNTIME_DIR/muntin`` is a link to another directory holding a file named like the socket."""
    runtime, victim = tmp_path / "runtime", tmp_path / "victim"
    runtime.mkdir()
    victim.mkdir(mode=0o700)
    (victim / "default").write_text("precious\n")
    (runtime / "muntin").symlink_to(victim)
    try:
        yield runtime, victim
    finally:
        kill_server(victim / "default")


def test_a_planted_link_for_the_socket_directory_is_refused(planted) -> None:
    runtime, victim = planted
    result = cli(runtime, "new", "-d", "--", "cat")
    assert result.returncode == os.EX_NOPERM, result.stderr
    assert "is a symbolic link" in result.stderr and "Traceback" not in result.stderr
    assert (victim / "default").read_text() == "precious\n"


def test_the_server_refuses_a_planted_link_too(planted) -> None:
    runtime, victim = planted
    result = cli(runtime, "__server", "--default-dir")  # what a client starts; it checks again itself
    assert result.returncode == os.EX_UNAVAILABLE and "is a symbolic link" in result.stderr, result.stderr
    assert (victim / "default").read_text() == "precious\n"


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o701])
def test_a_directory_open_to_others_is_refused(tmp_path, mode: int) -> None:
    directory = tmp_path / "muntin"
    directory.mkdir()
    directory.chmod(mode)
    result = cli(tmp_path, "new", "-d", "--", "cat")
    assert result.returncode == os.EX_NOPERM, result.stderr
    assert f"accessible to other users (mode {mode:o})" in result.stderr and "chmod 700" in result.stderr
    assert list(directory.iterdir()) == []  # no server started there
    with pytest.raises(SocketDirError):
        check_dir(directory, create=True)


@pytest.mark.parametrize("kind", ["file", "link", "directory"])
def test_only_a_socket_is_replaced(tmp_path, kind: str) -> None:
    directory = tmp_path / "muntin"
    directory.mkdir(mode=0o700)
    target = tmp_path / "target"
    target.write_text("precious\n")
    sock = directory / "default"
    {"file": lambda: sock.write_text("precious\n"), "link": lambda: sock.symlink_to(target),
     "directory": lambda: sock.mkdir()}[kind]()
    try:
        result = cli(tmp_path, "new", "-d", "--", "cat")
        assert result.returncode != 0 and "refusing to replace it" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert os.path.lexists(sock) and target.read_text() == "precious\n"
        if kind == "file":
            assert sock.read_text() == "precious\n"
        with pytest.raises(SocketDirError):
            paths.check_socket_entry(sock)
    finally:
        kill_server(sock)


def test_a_stale_socket_is_still_replaced(tmp_path) -> None:
    import socket

    directory = tmp_path / "muntin"
    directory.mkdir(mode=0o700)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(directory / "default"))
    stale.close()  # left behind, nobody listening
    try:
        result = cli(tmp_path, "new", "-d", "--", "cat")
        assert result.returncode == 0, result.stderr
        assert cli(tmp_path, "has-session").returncode == 0
    finally:
        kill_server(directory / "default")
