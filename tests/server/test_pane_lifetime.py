"""When a pane's program has ended, in a real server: processes it left holding the pty, and its last output."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
from pathlib import Path

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from conftest import alive, poll_until

from muntin.client import AsyncConnection
from muntin.protocol import decode_rows


def ours(pid: int) -> bool:
    """Whether ``pid`` is a process this test run started (it carries the run's token)."""
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False
    return f"MUNTIN_TEST_TOKEN={os.environ['MUNTIN_TEST_TOKEN']}".encode() in environ


@pytest.fixture
def leftovers():
    """Pid files the panes' commands write; every process named in one is ended at the end of the test."""
    files: list[Path] = []
    yield files
    for file in files:
        try:
            pid = int(file.read_text())
        except (OSError, ValueError):
            continue
        if ours(pid):
            os.kill(pid, signal.SIGKILL)
            poll_until(lambda: not alive(pid), timeout=5)


WAIT_FOR = "while [ ! -s {0} ]; do sleep 0.01; done"
"""Shell text: wait until the pid file {0} is written (the process it names has set itself up)."""


def read_pid(file: Path) -> int:
    assert poll_until(lambda: file.exists() and file.read_text().strip(), timeout=10), f"{file} never written"
    return int(file.read_text())


def test_a_pane_whose_program_left_a_setsid_process_on_its_pty_is_dead_at_once(mux: Mux, tmp_path,  # noqa: F811
                                                                               leftovers) -> None:
    pid_file, fifo = tmp_path / "leftover.pid", tmp_path / "fifo"
    leftovers.append(pid_file)
    os.mkfifo(fifo)
    # The leftover is in a session of its own, holding the pty as its output; it writes once told to.
    leftover = f"echo $$ > {pid_file}; read line < {fifo}; echo \"late $line\"; exec sleep 30"
    mux("new", "-d", "-s", "s", "-x", "80", "-y", "10", "--", "sh", "-c",
        f"setsid sh -c '{leftover}' & {WAIT_FOR.format(pid_file)}; echo hi; exit 3")
    waited = mux.try_("wait-for", "-t", "s", "--exit", "--timeout", "10")
    assert waited.code == 3 and "exited with status 3" in waited.error, waited
    pane = mux.pane("%0")
    assert pane["state"] == "dead" and pane["exit"]["code"] == 3
    pid = read_pid(pid_file)
    assert alive(pid)  # still holding the pty; the pane is dead all the same
    mux.wait_text("s", r"^\[exited with status 3 after")
    assert mux.screen("s").splitlines()[0] == "hi"
    # The pane stays (remain-on-exit failed) and still shows what the leftover process writes.

    def opened() -> int | None:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as error:
            if error.errno == errno.ENXIO:  # not reading yet
                return None
            raise

    writer = poll_until(opened, timeout=10)
    assert writer is not None
    try:
        os.write(writer, b"words\n")
    finally:
        os.close(writer)
    assert poll_until(lambda: "late words" in mux.screen("s"), timeout=10), mux.screen("s")
    assert mux.pane("%0")["state"] == "dead"


def test_a_background_job_holding_the_pty_is_hung_up_when_its_pane_closes(mux: Mux, tmp_path,  # noqa: F811
                                                                          leftovers) -> None:
    mux("new", "-d", "-s", "s", "--", "cat")
    kept_file, closed_file = tmp_path / "kept.pid", tmp_path / "closed.pid"
    leftovers += [kept_file, closed_file]

    def leaving_a_job(file: Path, code: int) -> str:
        # The job outlives the hang-up the kernel sends when the shell exits (its first SIGHUP, noted in
        # FILE.hup), not the hang-up of its pane closing (the second).
        job = f"trap \"trap - HUP; echo 1 > {file}.hup\" HUP; echo $$ > {file}; while :; do sleep 0.05; done"
        return f"sh -c '{job}' & {WAIT_FOR.format(file)}; exit {code}"

    # exit 4 is kept (remain-on-exit failed), exit 0 is closed; each leaves a job in its process group.
    kept = mux("split-window", "-t", "s", "--", "sh", "-c", leaving_a_job(kept_file, 4)).data["pane"]
    closed = mux("split-window", "-t", "s", "--", "sh", "-c", leaving_a_job(closed_file, 0)).data["pane"]
    waited = mux.try_("wait-for", "-t", kept, "--exit", "--timeout", "10")
    assert waited.code == 4, waited
    assert poll_until(lambda: closed not in [p["id"] for p in mux.panes()], timeout=10), mux.panes()
    kept_job = read_pid(kept_file)
    assert poll_until(lambda: Path(f"{kept_file}.hup").exists(), timeout=10)
    assert alive(kept_job) and mux.pane(kept)["state"] == "dead"
    mux("kill-pane", "-t", kept)
    assert poll_until(lambda: not alive(kept_job), timeout=10)


async def _markers_seen(mux: Mux, count: int) -> dict[int, bool]:  # noqa: F811
    """Attach, then run ``count`` panes one after another that each print a marker and exit (and are closed):
    which markers the attached client was sent in the pane's rows before the pane went."""
    connection = await AsyncConnection.open(mux.sock)
    seen: dict[int, bool] = {}
    try:
        assert (await connection.attach("w", 80, 24)).ok
        events = connection.events()
        for i in range(count):
            reply = await connection.command(["split-window", "-t", "w", "--", "sh", "-c", f"echo marker-{i}"])
            assert reply.ok, reply
            pane = int(reply.data["pane"].lstrip("%"))
            seen[i] = False
            async for event in events:
                if event["t"] == "pane" and event["pane"] == pane:
                    rows = decode_rows(event["rows"], event["styles"])
                    text = ["".join(part for part, _ in runs) for runs in rows.values()]
                    seen[i] = seen[i] or any(line.startswith(f"marker-{i}") for line in text)
                elif event["t"] == "layout" and str(pane) not in event["panes"]:
                    break  # the pane is gone
    finally:
        await connection.close()
    return seen


def test_the_last_output_of_a_pane_that_exits_reaches_attached_clients(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "w", "-x", "80", "-y", "24", "--", "cat")
    seen = asyncio.run(asyncio.wait_for(_markers_seen(mux, 30), 50))
    assert [i for i, found in seen.items() if not found] == []
