"""How a child process changed state: exited, killed by a signal, stopped or continued, decoded once."""

from __future__ import annotations

import enum
import os
import signal
from dataclasses import dataclass, replace
from typing import Any


class ExitKind(enum.Enum):
    EXITED = "exited"
    SIGNALED = "signaled"
    STOPPED = "stopped"
    CONTINUED = "continued"


class EndedBy(enum.Enum):
    """Which step of ``close()``'s escalation ended the child."""

    HANGUP = "hangup"
    SIGTERM = "SIGTERM"
    SIGKILL = "SIGKILL"


def signal_name(number: int | None) -> str | None:
    if number is None:
        return None
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"SIG{number}"


@dataclass(frozen=True, slots=True)
class ExitStatus:
    """A decoded wait status. ``code`` is set for EXITED, ``signal`` for SIGNALED and STOPPED.

    ``seconds`` is the run time; ``started_at`` / ``ended_at`` are wall-clock times (``time.time()``) when the
    child that produced it knows them; ``user_time`` / ``sys_time`` come from ``os.wait4`` for deaths."""

    kind: ExitKind
    code: int | None = None
    signal: int | None = None
    core_dumped: bool = False
    seconds: float | None = None
    user_time: float | None = None
    sys_time: float | None = None
    ended_by: EndedBy | None = None
    started_at: float | None = None
    ended_at: float | None = None

    @classmethod
    def from_wait_status(cls, status: int, *, seconds: float | None = None, rusage: Any = None) -> ExitStatus:
        user = rusage.ru_utime if rusage is not None else None
        system = rusage.ru_stime if rusage is not None else None
        if os.WIFEXITED(status):
            return cls(ExitKind.EXITED, code=os.WEXITSTATUS(status), seconds=seconds, user_time=user, sys_time=system)
        if os.WIFSIGNALED(status):
            return cls(ExitKind.SIGNALED, signal=os.WTERMSIG(status), core_dumped=os.WCOREDUMP(status),
                       seconds=seconds, user_time=user, sys_time=system)
        if os.WIFSTOPPED(status):
            return cls(ExitKind.STOPPED, signal=os.WSTOPSIG(status), seconds=seconds)
        if os.WIFCONTINUED(status):
            return cls(ExitKind.CONTINUED, seconds=seconds)
        raise ValueError(f"not a wait status: {status:#x}")

    @property
    def finished(self) -> bool:
        """True for a death (exited or killed), false for stop/continue events."""
        return self.kind in (ExitKind.EXITED, ExitKind.SIGNALED)

    @property
    def signal_name(self) -> str | None:
        return signal_name(self.signal)

    @property
    def failed(self) -> bool:
        """The command did not succeed: a non-zero status or a death by signal."""
        return self.kind is ExitKind.SIGNALED or (self.kind is ExitKind.EXITED and self.code != 0)

    @property
    def exit_code(self) -> int:
        """The status a shell would report: the code, or 128 + the signal."""
        if self.kind is ExitKind.EXITED:
            return self.code or 0
        return 128 + (self.signal or 0)

    def with_ended_by(self, ended_by: EndedBy | None) -> ExitStatus:
        return replace(self, ended_by=ended_by)

    def __str__(self) -> str:
        if self.kind is ExitKind.EXITED:
            return "exited (status unknown)" if self.code is None else f"exited with status {self.code}"
        if self.kind is ExitKind.SIGNALED:
            return f"killed by {self.signal_name}" + (" (core dumped)" if self.core_dumped else "")
        if self.kind is ExitKind.STOPPED:
            return f"stopped by {self.signal_name}"
        return "continued"

    def report(self) -> str:
        """``exited with status 3 after 4.2s`` (the line a kept pane shows)."""
        text = str(self)
        if self.seconds is not None:
            text += f" after {_duration(self.seconds)}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "code": self.code,
            "signal": self.signal,
            "signal_name": self.signal_name,
            "core_dumped": self.core_dumped,
            "seconds": None if self.seconds is None else round(self.seconds, 3),
            "ended_by": self.ended_by.value if self.ended_by else None,
        }


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
