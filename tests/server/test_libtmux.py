"""libtmux (the Python library behind tmuxp) drives a muntin server as its tmux: ``tmux_bin`` names muntin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import poll_until

libtmux = pytest.importorskip("libtmux")


@pytest.fixture
def server(mux: Mux, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    """A libtmux Server on the private muntin server, through a two-line ``tmux`` that runs muntin."""
    wrapper = tmp_path / "tmux"
    wrapper.write_text(f"#!/bin/sh\nexec {sys.executable} -m muntin \"$@\"\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("SHELL", "/bin/sh")
    return libtmux.Server(socket_path=str(mux.sock), tmux_bin=str(wrapper))


def test_libtmux_accepts_muntin_version(server) -> None:
    from libtmux.common import get_version

    assert str(get_version(tmux_bin=server.tmux_bin)) == "3.3"


def test_sessions_windows_and_panes_made_and_listed(server, mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    session = server.new_session(session_name="lib", attach=False, x=80, y=24, start_directory=str(tmp_path))
    assert session.session_name == "lib" and session.session_id.startswith("$")
    assert server.has_session("lib") and not server.has_session("li")
    window = session.new_window(window_name="work", start_directory=str(tmp_path))
    assert (window.window_name, window.window_index) == ("work", "1")
    pane = window.split(start_directory=str(tmp_path))
    assert [p.pane_id for p in window.panes] == [window.panes[0].pane_id, pane.pane_id]
    assert [(p.pane_width, p.pane_height) for p in window.panes] == [("80", "12"), ("80", "11")]
    assert pane.pane_current_path == str(tmp_path) and pane.pane_at_bottom == "1"
    window.select_layout("even-horizontal")
    window.refresh()
    assert [p.pane_width for p in window.panes] == ["39", "40"]  # as tmux
    assert [s.session_name for s in server.sessions] == ["lib"]
    assert [w.window_name for w in session.windows] == [session.windows[0].window_name, "work"]
    assert len(server.panes) == 3 and len(server.windows) == 2
    window.rename_window("renamed")
    assert mux("list-windows", "-t", "lib", "-F", "#W").output.splitlines()[1] == "renamed"


def test_send_keys_and_capture(server) -> None:
    session = server.new_session(session_name="keys", attach=False, x=80, y=24)
    pane = session.active_window.active_pane
    pane.send_keys("echo from-$((40 + 2))", enter=True)
    assert poll_until(lambda: "from-42" in pane.capture_pane()[1:], timeout=10), pane.capture_pane()


def test_kill_window_session_and_server(server, mux: Mux) -> None:  # noqa: F811
    first = server.new_session(session_name="a", attach=False)
    server.new_session(session_name="b", attach=False)
    extra = first.new_window(window_name="gone")
    extra.kill()
    assert [w.window_name for w in first.windows] != [] and "gone" not in [w.window_name for w in first.windows]
    first.kill()
    assert [s.session_name for s in server.sessions] == ["b"]
    server.kill()
    assert poll_until(lambda: not server.is_alive(), timeout=10)


def test_global_window_options_as_libtmux_reads_them(server, mux: Mux) -> None:  # noqa: F811
    """tmuxp asks ``show-options -g -w pane-base-index`` before it makes panes."""
    server.new_session(session_name="opts", attach=False)
    assert mux.cli("show-options", "-g", "-w", "-v", "pane-base-index").stdout.strip() == "0"
    assert mux.cli("set-option", "-g", "-w", "pane-base-index", "1").returncode == 0
    assert mux.cli("show-options", "-gwv", "pane-base-index").stdout.strip() == "1"


@pytest.mark.skipif(shutil.which("tmuxp") is None, reason="tmuxp is not installed (not a test dependency)")
def test_tmuxp_load_builds_with_muntin_as_its_tmux(server, mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    """tmuxp finds tmux on PATH: a ``tmux`` there that runs muntin makes ``tmuxp load`` build in muntin."""
    workspace = tmp_path / "w.yaml"
    workspace.write_text("session_name: via-tmuxp\nwindows:\n  - layout: main-vertical\n"
                         "    panes: [echo one, echo two, echo three]\n")
    result = subprocess.run(["tmuxp", "load", "-d", "-y", "--no-progress", "-S", str(mux.sock), str(workspace)],
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                            env={**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    panes = mux("list-panes", "-t", "via-tmuxp", "-F", "#{pane_width}x#{pane_height}").output.split()
    assert panes == ["78x24", "1x11", "1x12"]  # what tmuxp builds in tmux 3.3a
