"""A socket that is there but refuses the client: one line and its own exit status, never a traceback or a
connect() that blocks."""

from __future__ import annotations

import ctypes
import errno
import os
import socket
import subprocess
import sys

import pytest
from _mux import mux  # noqa: F401 - the fixture

from muntin import client

PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _without_dac_override() -> None:
    """In the child before exec: even root is then bound by file modes (the tests run as root)."""
    if os.getuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def cli(sock, *words: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", "-S", str(sock), *words], capture_output=True,
                          text=True, timeout=30, stdin=subprocess.DEVNULL, **kwargs)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_socket_we_may_not_open_is_permission_denied(mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    os.chmod(mux.sock, 0)
    try:
        for words in (("ls",), ("new", "-d", "--", "cat"), ("attach", "-t", "a")):
            result = cli(mux.sock, *words, preexec_fn=_without_dac_override)
            assert result.returncode == os.EX_NOPERM, (words, result.stderr)
            assert one_line(result) == f"muntin: permission denied: {mux.sock} (is it another user's server?)"
    finally:
        os.chmod(mux.sock, 0o600)
    assert cli(mux.sock, "ls").returncode == 0


def test_a_socket_under_a_file_is_one_line(tmp_path) -> None:
    (tmp_path / "file").write_text("")
    result = cli(tmp_path / "file" / "sock", "ls")
    assert result.returncode == os.EX_UNAVAILABLE
    assert "a parent of the socket is not a directory" in one_line(result)


def test_a_full_backlog_is_a_temporary_failure_not_a_hang(tmp_path) -> None:
    path = tmp_path / "sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    waiting = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))
        listener.listen(0)  # one connection waiting fills it; nobody accepts
        waiting.setblocking(False)
        waiting.connect(str(path))
        result = cli(path, "ls")
        assert result.returncode == os.EX_TEMPFAIL
        assert "not accepting connections (its backlog is full): try again" in one_line(result)
    finally:
        waiting.close()
        listener.close()


@pytest.mark.parametrize(("number", "code", "words"), [
    (errno.EACCES, os.EX_NOPERM, "permission denied"),
    (errno.EAGAIN, os.EX_TEMPFAIL, "backlog is full"),
    (errno.EMFILE, os.EX_TEMPFAIL, "out of file descriptors"),
    (errno.ENFILE, os.EX_TEMPFAIL, "out of file descriptors"),
    (errno.ENOTDIR, os.EX_UNAVAILABLE, "not a directory"),
    (errno.EIO, os.EX_UNAVAILABLE, "can't connect to"),
])
def test_connect_errors_table(tmp_path, number: int, code: int, words: str) -> None:
    error = client.connect_error(OSError(number, os.strerror(number)), tmp_path / "s")
    assert isinstance(error, client.ConnectFailed) and error.code == code and words in str(error)
    assert "\n" not in str(error)


@pytest.mark.parametrize("number", [errno.ENOENT, errno.ECONNREFUSED, errno.ENOTSOCK])
def test_no_server_errors(tmp_path, number: int) -> None:
    assert isinstance(client.connect_error(OSError(number, "x"), tmp_path / "s"), client.NoServer)


def test_a_timeout_is_a_temporary_failure(tmp_path) -> None:
    error = client.connect_error(TimeoutError("timed out"), tmp_path / "s", 10.0)
    assert isinstance(error, client.ConnectFailed) and error.code == os.EX_TEMPFAIL and "within 10 s" in str(error)


def test_the_async_client_says_it_in_one_line_too(tmp_path) -> None:
    import asyncio

    (tmp_path / "file").write_text("")
    with pytest.raises(client.ConnectFailed, match="a parent of the socket is not a directory") as raised:
        asyncio.run(client.AsyncConnection.open(tmp_path / "file" / "sock"))
    assert raised.value.code == os.EX_UNAVAILABLE
    with pytest.raises(client.NoServer):
        asyncio.run(client.AsyncConnection.open(tmp_path / "nothing"))
