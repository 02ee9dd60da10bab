"""The CLI end to end against a private server: round trips, exit reports, respawn, kill, signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from _mux import mux  # noqa: F401 - the fixture
from conftest import alive, poll_until

PY = sys.executable


def test_new_send_keys_capture_round_trip(mux) -> None:
    result = mux.cli("new", "-d", "-s", "work", "-x", "60", "-y", "10", "--", "cat")
    assert result.returncode == 0, result.stderr
    assert mux.cli("send-keys", "-t", "work", "hello", "Space", "world", "Enter").returncode == 0
    assert mux.cli("wait-for", "-t", "work", "--text", "^hello world$", "--timeout", "5").returncode == 0
    capture = mux.cli("capture-pane", "-p", "-t", "work")
    assert capture.stdout.splitlines() == ["hello world", "hello world"]
    listing = mux.cli("ls")
    assert listing.stdout.startswith("work: 1 windows")
    panes = mux.panes()
    assert panes[0]["width"] == 60 and panes[0]["height"] == 10
    assert panes[0]["foreground_command"] == "cat" and panes[0]["state"] == "running"


def test_capture_with_escapes_and_scrollback(mux) -> None:
    script = "printf '\\033[1;31mred\\033[0m plain\\n'; seq 1 30; exec cat"
    mux("new", "-d", "-s", "s", "-x", "40", "-y", "5", "--", "sh", "-c", script)
    mux.wait_text("s", "^30$")
    assert mux.screen("s").splitlines()[-1] == "30"
    everything = mux("capture-pane", "-p", "-S", "-1000", "-e", "-t", "s").output.splitlines()
    assert everything[0] == "\x1b[0;1;31mred\x1b[0m plain"
    assert mux("capture-pane", "-p", "-S", "-2", "-t", "s").output.splitlines()[:2] == ["25", "26"]
    assert mux("capture-pane", "-p", "-S", "-", "-E", "-", "-t", "s").output.splitlines()[:2] == ["red plain", "1"]
    bad = mux.cli("capture-pane", "-p", "-S", "top", "-t", "s")
    assert bad.returncode == os.EX_USAGE and "-S expects a line number or -" in bad.stderr


def test_errors_are_one_line_with_exit_codes(mux) -> None:
    no_server = mux.cli("ls")
    assert no_server.returncode == os.EX_UNAVAILABLE
    assert no_server.stderr.count("\n") == 1 and "no server running" in no_server.stderr
    mux("new", "-d", "-s", "a", "--", "cat")
    bad_target = mux.cli("send-keys", "-t", "nope", "x")
    assert bad_target.returncode == os.EX_USAGE and "can't find" in bad_target.stderr and "nope" in bad_target.stderr
    bad_usage = mux.cli("split-window", "-Q")
    assert bad_usage.returncode == os.EX_USAGE and "unknown flag -Q" in bad_usage.stderr
    duplicate = mux.cli("new", "-d", "-s", "a")
    assert mux.cli("frobnicate").returncode == os.EX_USAGE
    assert duplicate.returncode == os.EX_USAGE and "duplicate session: a" in duplicate.stderr
    missing = mux.cli("attach", "-t", "nosuch")
    assert missing.returncode == os.EX_USAGE and "can't find session: nosuch" in missing.stderr
    assert mux.cli("clock-mode").returncode == os.EX_UNAVAILABLE  # needs an attached client


CASES = [
    ("exit 3", "[exited with status 3 after", {"kind": "exited", "code": 3, "signal": None}),
    ("kill -SEGV $$", "[killed by SIGSEGV", {"kind": "signaled", "code": None, "signal_name": "SIGSEGV"}),
    ("kill -TERM $$", "[killed by SIGTERM", {"kind": "signaled", "signal": signal.SIGTERM}),
    ("exec /nonexistent/program", "[exited with status 127 after", {"kind": "exited", "code": 127}),
]


def test_every_exit_kind_is_reported(mux) -> None:
    mux("new", "-d", "-s", "keep", "--", "cat")
    ids = {}
    for script, _, _ in CASES:
        ids[script] = mux("new-window", "-d", "-t", "keep", "--", "sh", "-c", f"echo start; {script}").data["pane"]
    for script, report, fields in CASES:
        pane = poll_until(lambda: (p := mux.pane(ids[script]))["state"] == "dead" and p, timeout=10)
        assert pane, f"{script} did not end"
        for key, value in fields.items():
            assert pane["exit"][key] == value, (script, pane["exit"])
        assert pane["cpu_seconds"] is not None and pane["ended"] >= pane["started"]
        assert report in mux.screen(ids[script])
        assert mux.screen(ids[script]).startswith("start\n")
    # A command that succeeds closes its pane (remain-on-exit failed); with "on" it stays too.
    ok = mux("split-window", "-t", "keep", "--", "true").data["pane"]
    assert poll_until(lambda: ok not in [p["id"] for p in mux.panes()], timeout=10)
    mux("set-option", "remain-on-exit", "on")
    kept = mux("split-window", "-t", "keep", "--", "true").data["pane"]
    assert poll_until(lambda: mux.pane(kept)["state"] == "dead", timeout=10)
    assert "[exited with status 0 after" in mux.screen(kept)
    waited = mux.cli("wait-for", "-t", ids["exit 3"], "--exit")
    assert waited.returncode == 3 and "exited with status 3" in waited.stdout


def test_respawn_runs_the_same_command_again(mux, tmp_path) -> None:
    counter = tmp_path / "runs"
    mux("new", "-d", "-s", "r", "-c", str(tmp_path), "--", "sh", "-c", "echo run >> runs; echo ran; exit 4")
    assert poll_until(lambda: mux.pane("%0")["state"] == "dead", timeout=10)
    refused = mux.try_("respawn-pane", "-t", "%0")
    assert refused.ok
    mux.wait_text("%0", "ran")
    assert poll_until(lambda: mux.pane("%0")["state"] == "dead", timeout=10)
    assert counter.read_text() == "run\nrun\n"
    still = mux("respawn-pane", "-t", "%0", "--", "cat")
    assert still.ok and poll_until(lambda: mux.pane("%0")["state"] == "running", timeout=5)
    busy = mux.try_("respawn-pane", "-t", "%0")
    assert not busy.ok and "still running" in busy.error


def test_kill_pane_escalates_to_sigkill(mux) -> None:
    stubborn = ("import signal, time; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
                "signal.signal(signal.SIGTERM, signal.SIG_IGN); print('armed', flush=True); time.sleep(60)")
    mux("new", "-d", "-s", "k", "--", "cat")
    pane = mux("split-window", "--", PY, "-c", stubborn).data["pane"]
    mux.wait_text(pane, "armed")
    pid = mux.pane(pane)["pid"]
    result = mux("kill-pane", "-t", pane)
    assert "killed by SIGKILL" in result.output and "(ended by SIGKILL)" in result.output
    assert not alive(pid)
    assert [p["id"] for p in mux.panes()] == ["%0"]


def test_stop_and_continue_show(mux) -> None:
    mux("new", "-d", "-s", "st", "--", "cat")
    mux("signal-pane", "-s", "STOP", "--group", "-t", "st")
    assert poll_until(lambda: mux.pane("%0")["state"] == "stopped", timeout=5)
    assert mux.pane("%0")["stopped_by"] == "SIGSTOP"
    mux("signal-pane", "-s", "CONT", "--group", "-t", "st")
    assert poll_until(lambda: mux.pane("%0")["state"] == "running", timeout=5)
    assert mux.try_("signal-pane", "-s", "NOPE").code == os.EX_USAGE
    assert mux.cli("signal-pane", "-s", "NOPE").returncode == os.EX_USAGE


def test_ctrl_c_stops_a_flood_quickly(mux) -> None:
    mux("new", "-d", "-s", "f", "--", "yes")
    mux.wait_text("f", "^y$")
    mux("send-keys", "-t", "f", "C-c")
    result = mux.cli("wait-for", "-t", "f", "--exit", "--timeout", "0.5")
    assert result.returncode == 128 + signal.SIGINT, result.stderr
    assert "killed by SIGINT" in result.stdout


def test_a_flood_does_not_delay_another_pane(mux) -> None:
    mux("new", "-d", "-s", "f", "-x", "120", "-y", "30", "--", "yes", "flooding")
    quiet = mux("split-window", "-h", "--", "cat").data["pane"]
    mux.wait_text("%0", "flooding")
    for word in ("one", "two", "three"):
        mux("send-keys", "-t", quiet, word, "Enter")
        result = mux.try_("wait-for", "-t", quiet, "--text", f"^{word}$", "--timeout", "2")
        assert result.ok, result.error
    mux("kill-pane", "-t", "%0")


def test_layout_and_window_commands(mux) -> None:
    mux("new", "-d", "-s", "l", "-x", "81", "-y", "24", "--", "cat")
    mux("split-window", "-h", "--", "cat")
    mux("split-window", "-v", "--", "cat")
    mux("select-layout", "even-horizontal")
    widths = [p["width"] for p in mux.panes()]
    assert sum(widths) + 2 == 81 and max(widths) - min(widths) <= 1
    dumped = json.loads(mux("list-windows", "--json").output)[0]["layout"]  # the tmux layout string
    mux("select-layout", "even-vertical")
    mux("select-layout", dumped)
    assert [p["width"] for p in mux.panes()] == widths
    mux("new-window", "-n", "second", "--", "cat")
    windows = mux("list-windows", "--json").output
    assert '"name": "second"' in windows
    mux("select-window", "-t", "l:0")
    mux("resize-pane", "-Z", "-t", "l:0.0")
    zoomed = [p for p in mux.panes() if p["window"] == 0 and p["index"] == 0][0]
    assert (zoomed["width"], zoomed["height"]) == (81, 24)
    assert mux("display-message", "-p", "-t", "l:1", "#{window_name} #{pane_id}").output == "second %3\n"


def test_kill_server_leaves_nothing(mux) -> None:
    mux("new", "-d", "-s", "a", "--", "sh", "-c", "trap '' HUP; sleep 60")
    mux("new-window", "--", "cat")
    mux("new", "-d", "-s", "b", "--", "cat")
    pids = [p["pid"] for p in mux.panes()]
    server = mux.server_pid
    result = mux.cli("kill-server")
    assert result.returncode == 0, result.stderr
    assert not alive(server)
    assert not any(alive(pid) for pid in pids)
    assert not mux.sock.exists()


def test_last_session_ending_stops_the_server(mux) -> None:
    mux("new", "-d", "-s", "x", "--", "sh", "-c", "read line")
    server = mux.server_pid
    mux("send-keys", "-t", "x", "Enter")
    assert poll_until(lambda: not alive(server), timeout=10)
    assert not mux.sock.exists()


def test_new_panes_start_in_the_callers_directory(mux, tmp_path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    result = subprocess.run([PY, "-m", "muntin", "-S", str(mux.sock), "new", "-d", "-s", "c", "--", "cat"],
                            cwd=here, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert mux.pane("%0")["cwd"] == str(here)
    split = mux("split-window", "-t", "c", "--", "cat").data["pane"]
    assert mux.pane(split)["cwd"] == str(here)


def test_sigterm_to_the_server_hangs_up_every_pane(mux) -> None:
    mux("new", "-d", "-s", "t", "--", "cat")
    mux("split-window", "--", "sh", "-c", "trap '' HUP; while :; do sleep 0.05; done")
    pids = [p["pid"] for p in mux.panes()]
    server = mux.server_pid
    os.kill(server, signal.SIGTERM)
    assert poll_until(lambda: not alive(server), timeout=10)
    assert poll_until(lambda: not any(alive(pid) for pid in pids), timeout=5)
    assert not mux.sock.exists()


def test_sighup_to_the_server_ends_nothing(mux) -> None:
    # As tmux: the server has no terminal to lose, and a stray hang-up must not end every session.
    mux("new", "-d", "-s", "h", "--", "sh", "-c", "trap 'echo pane-hup' HUP; echo ready; while :; do sleep 0.05; done")
    mux.wait_text("h", "^ready$")
    server = mux.server_pid
    os.kill(server, signal.SIGHUP)
    mux("send-keys", "-t", "h", "-l", "")  # a round trip after the signal was handled
    assert alive(server) and mux.sock.exists()
    assert mux("display-message", "-p", "-t", "h", "#{session_name}").output == "h\n"
    assert mux.pane("%0")["state"] == "running" and "pane-hup" not in mux.screen("h")
    # The panes' programs still start with the default action for SIGHUP.
    mux("split-window", "-t", "h", "--", "sh", "-c", "grep SigIgn /proc/self/status; exec cat")
    mux.wait_text("%1", "SigIgn")
    ignored = int(mux.screen("%1").split()[1], 16)
    assert not ignored & (1 << (signal.SIGHUP - 1))


def test_killing_the_last_session_answers_then_stops(mux) -> None:
    failed = mux.cli("new", "-d", "-c", "/nonexistent/dir", "--", "cat")
    assert failed.returncode == os.EX_OSERR and "no directory /nonexistent/dir" in failed.stderr
    assert poll_until(lambda: not mux.sock.exists(), timeout=10)  # the server it started did not linger
    mux("new", "-d", "-s", "a", "--", "cat")
    assert mux.try_("list-sessions").ok  # a command that is not new-session leaves a live server alone
    result = mux.cli("kill-session", "-t", "a")
    assert result.returncode == 0, result.stderr
    assert poll_until(lambda: not mux.sock.exists(), timeout=10)


def test_named_sockets_live_in_a_private_runtime_directory(tmp_path) -> None:
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}

    def cli(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([PY, "-m", "muntin", "-L", "named", *words], env=env, capture_output=True, text=True,
                              timeout=30)

    assert cli("new", "-d", "-s", "n", "--", "cat").returncode == 0
    directory = tmp_path / "muntin"
    try:
        assert (directory / "named").is_socket()
        assert directory.stat().st_mode & 0o777 == 0o700
        assert cli("ls").stdout.startswith("n:")
        directory.chmod(0o777)
        unsafe = cli("ls")
        assert unsafe.returncode == os.EX_NOPERM and "writable by other users" in unsafe.stderr
        directory.chmod(0o700)
    finally:
        assert cli("kill-server").returncode == 0
    assert not (directory / "named").exists()


def test_attach_without_a_terminal_is_refused(mux) -> None:
    """cron or a pipe: no invisible client that never exits; nothing is started for it (as tmux says)."""
    bare = mux.cli(timeout=20)
    assert bare.returncode == os.EX_USAGE and "open terminal failed: not a terminal" in bare.stderr
    assert not mux.sock.exists()  # plain muntin started no server for a client it cannot draw
    new = mux.cli("new", "-s", "x", timeout=20)
    assert new.returncode == os.EX_USAGE and "not a terminal" in new.stderr
    assert not mux.sock.exists()
    mux("new", "-d", "-s", "a", "--", "cat")
    attach = mux.cli("attach", timeout=20)
    assert attach.returncode == os.EX_USAGE and "not a terminal" in attach.stderr
    # A terminal on stdin is not enough: the screen is drawn on stdout.
    primary, secondary = os.openpty()
    try:
        piped = subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), "attach"], stdin=secondary,
                               capture_output=True, text=True, timeout=20)
    finally:
        os.close(primary)
        os.close(secondary)
    assert piped.returncode == os.EX_USAGE and "not a terminal" in piped.stderr
    assert [s["name"] for s in json.loads(mux.cli("ls", "--json").stdout)] == ["a"]


def test_a_plain_attach_says_what_the_parsed_one_says(mux) -> None:
    """``attach [-t NAME]`` starts without the command table; its answers are those of the parsed forms."""
    mux("new", "-d", "-s", "a", "--", "cat")
    plain = [mux.cli(*words) for words in (["attach-session", "-t", "nosuch"], ["attach", "-t", "nosuch"])]
    parsed = mux.cli("attach", "-tnosuch")
    for result in [*plain, parsed]:
        assert result.returncode == os.EX_USAGE and "can't find session: nosuch (sessions: a)" in result.stderr
    no_value = mux.cli("attach", "-t")
    assert no_value.returncode == os.EX_USAGE and "nosuch" not in no_value.stderr
    alone = mux.cli("attach-session")
    assert alone.returncode == os.EX_USAGE and "not a terminal" in alone.stderr
