"""A file a user names (config, workspace, source-file): one wording and one exit status per cause, and every
problem of a config file as FILE:LINE, found by the same checks in check-config, the server and the UI."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _mux import mux  # noqa: F401 - the fixture

from muntin.client import ensure_server

BAD_KEYS = '[keys.prefix]\n"C-Nope" = "split-window"\nF99 = "kill-pane"\nx = "split-window -q"\n"|" = "split-window -h"\n'
BAD_KEYS_LINES = {2: "unknown key: C-Nope", 3: "unknown key: F99", 4: "split-window: unknown flag -q"}


def muntin(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", *args], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL, **kwargs)


def _without_dac_override() -> None:
    """In the child before exec: even root is then bound by file modes (the tests run as root)."""
    if os.getuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture(params=["missing", "directory", "unreadable"])
def unreadable(request, tmp_path: Path) -> tuple[Path, str]:
    """A file that cannot be read, and the words that must say why."""
    path = tmp_path / "file.toml"
    if request.param == "directory":
        path.mkdir()
    elif request.param == "unreadable":
        path.write_text('prefix = "C-a"\n')
        path.chmod(0)
    return path, {"missing": "no such file", "directory": "is a directory",
                  "unreadable": "permission denied"}[request.param]


def test_check_config_and_load_say_why_a_file_cannot_be_read(unreadable, tmp_path: Path) -> None:
    path, why = unreadable
    for words in (("check-config", "-f", str(path)), ("load", str(path)), ("-f", str(path), "check-config")):
        result = muntin(*words, preexec_fn=_without_dac_override, cwd=tmp_path)
        assert result.returncode == os.EX_NOINPUT, (words, result.stderr)
        assert result.stderr == f"muntin: {path}: {why}\n", words


@pytest.mark.parametrize("name", ["file.toml", "file.conf"])
def test_source_file_says_why_a_file_cannot_be_read(mux, tmp_path: Path, name: str) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    (tmp_path / "dir").mkdir()
    for path, why in ((tmp_path / name, "no such file"), (tmp_path / "dir", "is a directory")):
        result = mux.cli("source-file", str(path))
        assert result.returncode == os.EX_NOINPUT, result.stderr
        assert result.stderr == f"muntin: source-file: {path}: {why}\n"
    assert mux.cli("source-file", "-q", str(tmp_path / name)).returncode == os.EX_OK
    assert mux.cli("source-file", "-q", str(tmp_path / "dir")).returncode == os.EX_NOINPUT  # -q: missing only


def test_problems_in_a_file_are_ex_config_and_the_rest_applies(mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    config = tmp_path / "c.toml"
    config.write_text('prefix = "C-a"\nremain-on-exit = "maybe"\n')
    result = mux.cli("source-file", str(config))
    assert result.returncode == os.EX_CONFIG and f"{config}:2: remain-on-exit" in result.stderr


def test_check_config_refuses_what_the_server_refuses(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(BAD_KEYS)
    result = muntin("check-config", "-f", str(config))
    assert result.returncode == os.EX_CONFIG, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD_KEYS_LINES)
    for line, (number, message) in zip(lines, BAD_KEYS_LINES.items()):
        assert line.startswith(f"{config}:{number}: {message}"), line


def test_every_source_file_problem_has_its_line_and_good_bindings_apply(mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    config = tmp_path / "c.toml"
    config.write_text(BAD_KEYS)
    result = mux.try_("source-file", str(config))
    assert result.code == os.EX_CONFIG
    lines = result.error.removeprefix("source-file: ").splitlines()
    assert len(lines) == len(BAD_KEYS_LINES), result.error
    for line, (number, message) in zip(lines, BAD_KEYS_LINES.items()):
        assert line.startswith(f"{config}:{number}: {message}"), line
    assert "bind-key -T prefix | split-window -h" in mux("list-keys", "-T", "prefix").output


def test_the_servers_problems_are_the_clients_so_each_shows_once(mux, tmp_path: Path, capsys) -> None:  # noqa: F811
    from muntin.ui import make_app

    config = tmp_path / "c.toml"
    config.write_text('theme = "no-such-theme"\n' + BAD_KEYS)
    with ensure_server(mux.sock, config=config) as connection:
        mux.server_pid = connection.server_pid
        from_server = connection.config_problems
    assert len(from_server) == 4 and all(p.startswith(f"{config}:") for p in from_server), from_server
    capsys.readouterr()
    app = make_app(mux.sock, None, config_path=config, startup_problems=from_server)
    assert app.startup_problems == from_server  # the client found the same, in the same words
    assert capsys.readouterr().err == ""  # the UI lists them over the panes, not on stderr behind it


def test_a_new_session_prints_the_config_problems_once(mux, tmp_path: Path) -> None:  # noqa: F811
    config = tmp_path / "c.toml"
    config.write_text(BAD_KEYS)
    result = mux.cli("-f", str(config), "new", "-d", "--", "cat")
    assert result.returncode == os.EX_OK, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD_KEYS_LINES) and len(set(lines)) == len(lines), lines
    assert all(line.startswith(f"muntin: {config}:") for line in lines), lines


def test_a_prefix_set_option_refuses_is_one_problem_in_the_same_words(mux, tmp_path: Path) -> None:  # noqa: F811
    from muntin.ui import make_app

    config = tmp_path / "c.toml"
    config.write_text('history-limit = 5\nprefix = "C-Nope"\n[keys.prefix]\nF99 = "kill-pane"\n')
    expected = [f"{config}:2: set-option: prefix: unknown key: C-Nope", f"{config}:4: unknown key: F99"]
    checked = muntin("check-config", "-f", str(config))
    assert checked.returncode == os.EX_CONFIG and checked.stderr.splitlines() == expected
    with ensure_server(mux.sock, config=config) as connection:
        mux.server_pid = connection.server_pid
        assert connection.config_problems == expected
    app = make_app(mux.sock, None, config_path=config, startup_problems=expected)  # the prefix falls back
    assert app.startup_problems == expected
