"""``muntin web``'s command line: options, loopback unless --allow-remote, --revoke, and what it needs."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from muntin.web import REMOTE_REFUSED, UsageError, WebOptions, attach_command, is_loopback, parse_web_args, url_host
from muntin.web.token import read_token
from server._mux import Mux, mux  # noqa: F401 - the fixture


@pytest.mark.parametrize(("words", "expected"), [
    ([], WebOptions()),
    (["--port", "0"], WebOptions(port=0)),
    (["--bind", "::1", "--port", "8080"], WebOptions(bind="::1", port=8080)),
    (["--bind", "localhost"], WebOptions(bind="localhost")),
    (["--bind", "0.0.0.0", "--allow-remote"], WebOptions(bind="0.0.0.0", allow_remote=True)),
    (["-t", "build"], WebOptions(session="build")),
    (["--revoke"], WebOptions(revoke=True)),
    (["--help"], None),
])
def test_options(words: list[str], expected: WebOptions | None) -> None:
    assert parse_web_args(words) == expected


@pytest.mark.parametrize(("words", "message"), [
    (["--port", "65536"], "bad port 65536"),
    (["--port", "http"], "bad port 'http'"),
    (["--bind", "0.0.0.0"], "not a loopback address"),
    (["--bind", "192.168.1.5"], "TLS"),
    (["--bind", "myhost.example"], "TLS"),
    (["--revoke", "--port", "1"], "--revoke takes no other option"),
    (["--nope"], "unrecognized arguments"),
])
def test_usage_errors(words: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_web_args(words)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("LOCALHOST", True), ("0.0.0.0", False), ("::", False), ("10.0.0.1", False), ("example.com", False),
    ("localhost.example.com", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_url_host() -> None:
    assert url_host("127.0.0.1") == "127.0.0.1"
    assert url_host("::1") == "[::1]"
    assert url_host("0.0.0.0") == "127.0.0.1"


def test_each_tab_runs_attach_against_the_same_server(tmp_path: Path) -> None:
    sock = tmp_path / "a dir; rm -rf ~" / "sock"
    words = shlex.split(attach_command(sock, "my session", config="/c/f.toml", theme="fjord"))
    assert words == [sys.executable, "-m", "muntin", "-S", str(sock), "-f", "/c/f.toml", "--theme", "fjord",
                     "attach", "-t", "my session"]
    assert shlex.split(attach_command(Path("rel/sock"), None))[-3:] == ["-S", os.path.abspath("rel/sock"), "attach"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", *args], capture_output=True, text=True, timeout=30,
                          stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_a_remote_bind_is_refused_saying_why_tls_matters(tmp_path: Path) -> None:
    result = run("-S", str(tmp_path / "sock"), "web", "--bind", "0.0.0.0")
    assert result.returncode == os.EX_USAGE
    assert result.stderr == f"muntin: web: {REMOTE_REFUSED.format(bind='0.0.0.0')}\n"
    assert "TLS" in result.stderr and "--allow-remote" in result.stderr


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    result = run("-S", str(tmp_path / "sock"), "web", "--port", "99999")
    assert result.returncode == os.EX_USAGE
    assert "bad port 99999" in result.stderr
    assert run("web", "--help").stdout.startswith("usage: muntin web")


def test_revoke_replaces_the_token(tmp_path: Path) -> None:
    env = {"XDG_STATE_HOME": str(tmp_path)}
    path = tmp_path / "muntin" / "web-token"
    first = run("web", "--revoke", env=env)
    assert first.returncode == os.EX_OK, first.stderr
    assert str(path) in first.stdout
    token = read_token(path)
    assert run("web", "--revoke", env=env).returncode == os.EX_OK
    assert read_token(path) not in (None, token)


def test_no_server_no_session_no_such_session(mux: Mux) -> None:
    result = mux.cli("web")
    assert result.returncode == os.EX_UNAVAILABLE
    assert result.stderr.startswith(f"muntin: no server running on {mux.sock}: start a session first with "
                                    "'muntin new -d', then 'muntin web'\n")  # (a resurrect notice may follow)
    mux("new", "-d", "-s", "one")
    result = mux.cli("web", "-t", "two")
    assert result.returncode == os.EX_USAGE
    assert result.stderr == "muntin: can't find session: two (sessions: one)\n"


def test_without_the_web_extra_it_says_what_to_install(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['textual_serve'] = None; from muntin.cli import main; "
            f"sys.exit(main(['-S', {str(tmp_path / 'sock')!r}, 'web']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == os.EX_UNAVAILABLE
    assert result.stderr == "muntin: the browser client needs textual-serve: pip install 'muntin[web]'\n"


def test_the_web_package_stands_beside_the_ui() -> None:
    """muntin.web runs the UI as a program, never imports it (nor textual); only _serve needs the extra."""
    import ast

    import muntin.web

    found: dict[str, set[str]] = {}
    for source in sorted(Path(muntin.web.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            outside = {name for name in names if name.split(".")[0] not in sys.stdlib_module_names}
            found.setdefault(source.name, set()).update(outside)
    assert found["__init__.py"] == set()
    assert found["token.py"] == {"muntin.config.paths"}
    assert found["_serve.py"] == {"aiohttp", "aiohttp_jinja2", "jinja2", "textual_serve.server", "muntin.web.token"}


def test_allow_remote_warns_and_a_port_it_cannot_have_is_said(mux: Mux) -> None:
    mux("new", "-d", "-s", "one")
    result = mux.cli("web", "--bind", "192.0.2.1", "--allow-remote", "--port", "0")  # TEST-NET: not ours
    assert result.returncode == os.EX_UNAVAILABLE
    assert "warning: serving plain HTTP on 192.0.2.1" in result.stderr
    assert "muntin: web: cannot listen on 192.0.2.1 port 0: " in result.stderr
