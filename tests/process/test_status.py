"""ExitStatus decoding and rendering, from wait statuses made by real children."""

from __future__ import annotations

import json
import os
import signal

import pytest

from muntin.process import EndedBy, ExitKind, ExitStatus


def _status_of(action) -> int:
    """The raw wait status of a forked child that runs ``action`` (reaped here with WUNTRACED)."""
    pid = os.fork()
    if pid == 0:
        try:
            action()
        finally:
            os._exit(99)
    _, status = os.waitpid(pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return status


def _die(sig: int):
    def action() -> None:
        if sig not in (signal.SIGSTOP, signal.SIGKILL):  # those two cannot be caught, nor reset
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    return action


@pytest.mark.parametrize(
    ("action", "kind", "text"),
    [
        (lambda: os._exit(3), ExitKind.EXITED, "exited with status 3"),
        (lambda: os._exit(0), ExitKind.EXITED, "exited with status 0"),
        (_die(signal.SIGTERM), ExitKind.SIGNALED, "killed by SIGTERM"),
        # SIGSTOP, not SIGTSTP: the kernel drops SIGTSTP sent to an orphaned process group (as under CI).
        (_die(signal.SIGSTOP), ExitKind.STOPPED, "stopped by SIGSTOP"),
    ],
)
def test_from_wait_status(action, kind: ExitKind, text: str) -> None:
    status = ExitStatus.from_wait_status(_status_of(action))
    assert status.kind is kind
    assert str(status) == text
    assert status.finished == (kind in (ExitKind.EXITED, ExitKind.SIGNALED))


def test_to_dict_has_exactly_the_listed_keys_and_is_json_ready() -> None:
    status = ExitStatus(ExitKind.SIGNALED, signal=signal.SIGSEGV, core_dumped=True, seconds=1.23456,
                        ended_by=EndedBy.SIGKILL)
    data = status.to_dict()
    assert list(data) == ["kind", "code", "signal", "signal_name", "core_dumped", "seconds", "ended_by"]
    assert json.loads(json.dumps(data)) == {
        "kind": "signaled", "code": None, "signal": int(signal.SIGSEGV), "signal_name": "SIGSEGV",
        "core_dumped": True, "seconds": 1.235, "ended_by": "SIGKILL",
    }
    assert str(status) == "killed by SIGSEGV (core dumped)"
    assert str(ExitStatus(ExitKind.CONTINUED)) == "continued"
    assert str(ExitStatus(ExitKind.EXITED)) == "exited (status unknown)"


def test_exit_code_a_shell_would_report() -> None:
    assert ExitStatus(ExitKind.EXITED, code=4).exit_code == 4
    assert ExitStatus(ExitKind.SIGNALED, signal=signal.SIGINT).exit_code == 130
