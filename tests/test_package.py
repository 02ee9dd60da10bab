"""The package installs as a command and answers --version / --help; the CLI knows the command table."""

from __future__ import annotations

import os
import subprocess
import sys

import muntin


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", *args], capture_output=True, text=True, timeout=30)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"muntin {muntin.__version__}"


def test_dash_v_names_the_tmux_release_followed_as_tmux_tools_read_it() -> None:
    """libtmux reads the version as the text after ``tmux `` on the first line of ``-V``."""
    result = run("-V")
    assert result.returncode == 0
    assert result.stdout.strip() == f"muntin {muntin.__version__}, compatible with tmux 3.3a"
    assert result.stdout.splitlines()[0].split("tmux ")[1] == "3.3a"


def test_help_names_the_program() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "terminal multiplexer" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("no-such-command")
    assert result.returncode == os.EX_USAGE
    assert "no-such-command" in result.stderr


def test_list_commands_needs_no_server() -> None:
    result = run("list-commands")
    assert result.returncode == 0
    assert "split-window (splitw)" in result.stdout and "wait-for" in result.stdout


def test_a_command_without_a_server_is_unavailable(tmp_path) -> None:
    result = run("-S", str(tmp_path / "sock"), "list-panes")
    assert result.returncode == os.EX_UNAVAILABLE
    assert result.stderr.strip() == f"muntin: no server running on {tmp_path / 'sock'}"


def test_every_package_and_the_themes_are_shipped() -> None:
    import tomllib
    from importlib import resources
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root / "src").parts) for p in (root / "src").rglob("__init__.py")}
    assert found | {"muntin.themes"} == listed
    shipped = {entry.name for entry in resources.files("muntin.themes").iterdir() if entry.name.endswith(".toml")}
    assert shipped == {p.name for p in (root / "themes").glob("*.toml")}
