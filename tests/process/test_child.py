"""The process core against real ptys and real processes: how children run, end, and are cleaned up."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import poll_until

from muntin.process import Child, EndedBy, ExitKind, Reaper, SpawnError, spawn, wait_gone


def wait_readable(child: Child, timeout: float = 0.01) -> None:
    """Block until the pty has output (or the child may have changed state: short timeout)."""
    if child.fd >= 0:
        select.select([child.fd], [], [], timeout)


def wait_exit(child: Child, timeout: float = 10.0) -> bool:
    """Block until the child has ended (its pidfd turns readable), reading its output meanwhile."""
    pidfd = os.pidfd_open(child.pid)
    try:
        deadline = time.monotonic() + timeout
        while child.poll() is None and time.monotonic() < deadline:
            select.select([pidfd] + ([child.fd] if child.fd >= 0 else []), [], [], deadline - time.monotonic())
            child.read()
        return child.status is not None
    finally:
        os.close(pidfd)


def drain(child: Child, timeout: float = 10.0) -> bytes:
    """Read until the child is reaped and its pty is closed (polling with a deadline)."""
    out = bytearray()
    deadline = time.monotonic() + timeout
    while not child.finished:
        out += child.read()
        child.poll()
        if time.monotonic() > deadline:
            child.close(grace=0.2)
            raise AssertionError(f"child did not finish; output so far: {bytes(out)!r}")
        wait_readable(child)
    return bytes(out)


def read_until(child: Child, needle: bytes, timeout: float = 10.0) -> bytes:
    out = bytearray()
    deadline = time.monotonic() + timeout
    while needle not in out:
        out += child.read()
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {needle!r}; output: {bytes(out)!r}")
        wait_readable(child, 0.1)
    return bytes(out)


def finish(child: Child) -> Child:
    drain(child)
    child.close()
    return child


@pytest.mark.parametrize("code", [0, 1, 3])
def test_exit_codes(code: int) -> None:
    child = finish(spawn(["sh", "-c", f"exit {code}"]))
    assert child.status.kind is ExitKind.EXITED
    assert child.status.code == code
    assert str(child.status) == f"exited with status {code}"
    assert child.status.failed == (code != 0)


def test_missing_program_says_so_and_exits_127() -> None:
    child = spawn(["nosuchcmd-muntin"])
    out = drain(child)
    child.close()
    assert out == b"muntin: cannot run 'nosuchcmd-muntin': No such file or directory\r\n"
    assert child.status.code == 127


def test_not_executable_exits_126(tmp_path) -> None:
    script = tmp_path / "script"
    script.write_text("#!/bin/sh\necho hi\n")
    child = spawn([str(script)])
    out = drain(child)
    child.close()
    assert b"cannot run" in out and b"Permission denied" in out
    assert child.status.code == 126


def test_missing_cwd_is_refused_before_forking(tmp_path) -> None:
    with pytest.raises(SpawnError, match="no directory"):
        spawn(["true"], cwd=tmp_path / "absent")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_death_by_signal(sig: int) -> None:
    child = finish(spawn(["sh", "-c", f"kill -{sig.name[3:]} $$"]))
    assert child.status.kind is ExitKind.SIGNALED
    assert child.status.signal == sig
    assert str(child.status) == f"killed by {sig.name}"


@pytest.mark.parametrize("core", [True, False])
def test_segfault_with_and_without_core(core: bool, tmp_path) -> None:
    limit = "unlimited" if core else "0"
    child = spawn(["sh", "-c", f"ulimit -c {limit}; exec python3 -c 'import os; os.kill(os.getpid(), 11)'"],
                  cwd=tmp_path)
    finish(child)
    assert child.status.signal == signal.SIGSEGV
    if core:
        # The kernel may pipe cores elsewhere (core_pattern); the dumped flag is what the status reports.
        pattern = open("/proc/sys/kernel/core_pattern").read().strip()
        if pattern.startswith("|") or pattern == "":
            assert str(child.status).startswith("killed by SIGSEGV")
        else:
            assert child.status.core_dumped
            assert str(child.status) == "killed by SIGSEGV (core dumped)"
    else:
        assert not child.status.core_dumped
        assert str(child.status) == "killed by SIGSEGV"


def test_environment_and_cwd(tmp_path) -> None:
    os.environ["LINES"] = "99"
    try:
        child = spawn(["sh", "-c", 'echo "$TERM|${LINES-unset}|$MUNTIN_PANE|$PWD|${PATH:+path}"'],
                      cwd=tmp_path, pane_id="%7")
    finally:
        del os.environ["LINES"]
    out = finish_output(child)
    assert out.strip() == f"tmux-256color|unset|%7|{tmp_path}|path"


def finish_output(child: Child) -> str:
    out = drain(child)
    child.close()
    return out.decode()


def test_resize_is_seen_by_the_child() -> None:
    child = spawn(["sh", "-c", "stty size; read x; stty size"], rows=20, cols=70)
    read_until(child, b"20 70")
    child.resize(33, 101)
    child.write(b"\n")
    assert "33 101" in finish_output(child)


def test_a_resize_right_after_spawn_wins() -> None:
    # The size given to spawn is the pty's before the child runs; a resize the moment spawn returns is
    # never undone by the child setting its first size late.
    for _ in range(5):
        child = spawn(["sh", "-c", "sleep 0.3; stty size"], rows=24, cols=80)
        child.resize(33, 101)
        assert finish_output(child).split() == ["33", "101"]


def test_the_first_size_is_there_when_the_program_starts() -> None:
    assert finish_output(spawn(["stty", "size"], rows=17, cols=53)).split() == ["17", "53"]


def test_no_fd_leaks_into_the_child() -> None:
    extra = os.open("/dev/null", os.O_RDONLY)
    os.set_inheritable(extra, True)
    try:
        out = finish_output(spawn(["sh", "-c", "exec ls /proc/self/fd"]))
    finally:
        os.close(extra)
    # ls sees the pty on 0-2 and the directory it is listing; nothing of ours.
    assert sorted(int(fd) for fd in out.split()) == [0, 1, 2, 3]


def test_last_bytes_of_a_flood_are_all_read() -> None:
    out = finish_output(spawn(["sh", "-c", "seq 1 20000; printf END"]))
    lines = out.split("\r\n")
    assert lines[0] == "1" and lines[19999] == "20000" and lines[-1] == "END"


def test_split_utf8_is_delivered_intact() -> None:
    text = "é€😀" * 3000
    out = finish_output(spawn(["python3", "-c", f"import sys; sys.stdout.write({text!r}); sys.stdout.flush()"]))
    assert out == text


def test_write_of_more_than_the_pty_takes_does_not_block() -> None:
    child = spawn(["sh", "-c", "stty raw -echo; echo ready; head -c 300000 | wc -c"])
    read_until(child, b"ready")
    payload = b"x" * 300000
    child.write(payload)
    deadline = time.monotonic() + 10
    out = bytearray()
    while b"300000" not in out and time.monotonic() < deadline:
        written = child.flush()
        out += child.read()
        # Until the pty has output for us, or room for the rest of the input.
        select.select([child.fd], [] if written else [child.fd], [], 0.5)
    assert b"300000" in out
    drain(child)
    child.close()


def test_close_escalates_to_sigkill_for_a_program_that_ignores_hup_and_term() -> None:
    child = spawn(["sh", "-c", "trap '' HUP TERM; echo ready; while :; do sleep 0.05; done"])
    read_until(child, b"ready")
    status = child.close(grace=0.3)
    assert status.signal == signal.SIGKILL
    assert status.ended_by is EndedBy.SIGKILL
    assert status.to_dict()["ended_by"] == "SIGKILL"


def test_close_of_a_shell_ends_by_hangup() -> None:
    child = spawn(["sh", "-c", "echo ready; read x"])
    read_until(child, b"ready")
    status = child.close(grace=2)
    assert status.ended_by is EndedBy.HANGUP


def test_background_job_holding_the_pty_does_not_hang() -> None:
    child = spawn(["sh", "-c", "sleep 30 & echo started; exit 0"])
    read_until(child, b"started")
    assert wait_exit(child, 5)
    assert child.status is not None and child.status.code == 0
    child.close(grace=1)
    assert child.fd == -1


def test_foreground_signal_interrupts_the_job_not_the_shell() -> None:
    child = spawn(["bash", "--norc", "--noprofile", "-i"], env={**os.environ, "PS1": "PROMPT$ "})
    try:
        read_until(child, b"PROMPT$ ")
        child.write(b"sleep 100\r")
        # The job's group takes the terminal a moment before its process has exec'd sleep.
        poll_until(lambda: child.read() is not None and _is_sleep(child.foreground_process()), timeout=10)
        fg = child.foreground_process()
        assert fg is not None and fg[0] != child.pid and fg[1].startswith("sleep")
        assert child.signal(signal.SIGINT, "foreground")
        read_until(child, b"PROMPT$ ")
        child.write(b"echo status-$?\r")
        read_until(child, b"status-130")
        assert child.poll() is None  # the shell lives on
        child.write(b"exit 4\r")
        drain(child)
        child.close()
        assert child.status.code == 4
    finally:
        child.close(grace=0.2)


def _is_sleep(fg: tuple[int, str] | None) -> bool:
    return fg is not None and fg[1].startswith("sleep")


def test_cwd_follows_the_foreground_process(tmp_path) -> None:
    child = spawn(["sh", "-c", f"cd {tmp_path}; echo moved; read x"])
    read_until(child, b"moved")
    assert child.cwd() == str(tmp_path)
    child.write(b"\n")
    drain(child)
    child.close()


def test_many_spawn_exit_cycles_leave_nothing_behind() -> None:
    fds_before = len(os.listdir("/proc/self/fd"))
    for _ in range(500):
        child = spawn(["true"])
        assert wait_exit(child)
        child.close()
    assert len(os.listdir("/proc/self/fd")) == fds_before


@pytest.mark.parametrize("use_pidfd", [True, False])
async def test_asyncio_reaping_reports_stop_continue_and_death(use_pidfd: bool) -> None:
    reaper = Reaper(asyncio.get_running_loop(), use_pidfd=use_pidfd)
    child = spawn(["sleep", "30"], reaper=reaper)
    events: asyncio.Queue = asyncio.Queue()  # the reaper's reports, waited on as they come
    child.on_status = events.put_nowait
    child.signal(signal.SIGSTOP)
    stopped = await asyncio.wait_for(events.get(), 10)
    assert stopped.kind is ExitKind.STOPPED
    assert str(stopped) == "stopped by SIGSTOP"
    assert child.stopped is not None
    child.signal(signal.SIGCONT)
    assert (await asyncio.wait_for(events.get(), 10)).kind is ExitKind.CONTINUED
    assert child.stopped is None and child.status is None
    child.signal(signal.SIGTERM)
    status = await asyncio.wait_for(child.wait(), 10)
    assert status.signal == signal.SIGTERM
    assert status.user_time is not None and status.seconds is not None
    assert status.started_at is not None and status.ended_at is not None and status.ended_at >= status.started_at
    await child.aclose()


async def test_aclose_inside_the_loop() -> None:
    child = spawn(["sh", "-c", "trap '' HUP; echo ready; while :; do sleep 0.05; done"])
    await await_output(child, b"ready")
    status = await child.aclose(grace=0.5)
    assert status.ended_by is EndedBy.SIGTERM
    assert status.signal == signal.SIGTERM


async def await_output(child, text: bytes, timeout: float = 10.0) -> None:
    """Wait until the pty is readable (no polling) and read, until ``text`` has come."""
    loop = asyncio.get_running_loop()
    readable = asyncio.Event()
    loop.add_reader(child.fd, readable.set)
    seen = b""
    try:
        async with asyncio.timeout(timeout):
            while text not in seen:
                readable.clear()
                seen += child.read()
                if text not in seen:
                    await readable.wait()
    finally:
        loop.remove_reader(child.fd)


def test_children_start_with_default_signal_handling() -> None:
    """Even when the parent ignores SIGINT and SIGPIPE (Python ignores SIGPIPE; a background job ignores
    SIGINT), the program in a pane gets the defaults: grep SigIgn in /proc/self/status is all zero."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        out = finish_output(spawn(["sh", "-c", "grep -E '^Sig(Ign|Blk)' /proc/self/status"]))
    finally:
        signal.signal(signal.SIGINT, previous)
    masks = dict(line.split(":") for line in out.split("\r\n") if line)
    assert int(masks["SigIgn"].strip(), 16) & ((1 << (signal.SIGINT - 1)) | (1 << (signal.SIGPIPE - 1))) == 0
    assert int(masks["SigBlk"].strip(), 16) == 0


def test_wait_gone_sees_a_process_that_is_not_our_child_exit() -> None:
    child = spawn(["sh", "-c", "read x"])
    try:
        assert not wait_gone(child.pid, timeout=0.05)
        child.write(b"\n")
        drain(child)
    finally:
        child.close()
    assert wait_gone(child.pid, timeout=5)


def test_wait_gone_counts_a_zombie_its_parent_has_not_reaped_yet_as_gone() -> None:
    # A daemon's parent is init or a subreaper, which may reap it a second later: it has exited all the same.
    script = "import os, sys\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nprint(pid, flush=True)\nsys.stdin.read(1)"
    parent = spawn([sys.executable, "-c", script])
    try:
        pid = int(read_until(parent, b"\n").split()[0])
        assert poll_until(lambda: Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z")
        assert wait_gone(pid, timeout=5)
    finally:
        parent.close()


def test_a_child_whose_leftover_process_holds_the_pty_is_finished_once_its_output_is_read(tmp_path) -> None:
    pid_file = tmp_path / "leftover.pid"
    leftover = f"echo $$ > {pid_file}; exec sleep 30"
    child = spawn(["sh", "-c", f"setsid sh -c '{leftover}' & while [ ! -s {pid_file} ]; do sleep 0.01; done; "
                               "echo last words; exit 2"])
    try:
        out = drain(child)  # until finished: reaped, and read to the end
        assert b"last words" in out and child.status.code == 2
        assert child.drained and not child.pty_closed  # the leftover still holds the pty
    finally:
        child.close()
        pid = int(pid_file.read_text())
        os.kill(pid, signal.SIGKILL)
        assert wait_gone(pid, timeout=5)
