"""A control-mode client (``-C``) driven from a test: lines written to its stdin, its stdout read as lines."""

from __future__ import annotations

import re
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence


class ControlClient:
    """``PREFIX -C WORDS...`` with pipes; a thread collects its output lines (bytes, as it wrote them)."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        self.process = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, env=dict(env) if env is not None else None)
        self.lines: list[bytes] = []
        self.read = 0  # lines already handed out by take()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._collect, daemon=True)
        self._thread.start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip(b"\n"))
                self._changed.notify_all()
        with self._changed:
            self.lines.append(b"")  # end of output
            self.eof = True
            self._changed.notify_all()

    eof = False

    def wait(self, predicate: Callable[[bytes], bool], timeout: float = 15.0, start: int | None = None) -> int:
        """The index of the first unread line (from ``start`` on) that matches ``predicate``, waiting for it up
        to ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            index = self.read if start is None else start
            while True:
                while index < len(self.lines):
                    if predicate(self.lines[index]):
                        return index
                    index += 1
                if self.eof or time.monotonic() >= deadline:
                    raise AssertionError(f"no matching line; got {self.lines[self.read:]!r}")
                self._changed.wait(max(0.0, deadline - time.monotonic()))

    def take(self, upto: int) -> list[bytes]:
        """The unread lines up to and including ``upto``."""
        with self._changed:
            taken, self.read = self.lines[self.read:upto + 1], upto + 1
        return taken

    def until(self, prefix: bytes, timeout: float = 15.0) -> list[bytes]:
        return self.take(self.wait(lambda line: line.startswith(prefix), timeout))

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def run(self, line: str, timeout: float = 15.0) -> list[bytes]:
        """Send one command line; the lines until its block ends (notifications before it included)."""
        self.send(line)
        return self.take(self.wait(lambda out: out.startswith((b"%end ", b"%error ")), timeout))

    def settle(self, line: str, timeout: float = 15.0) -> list[bytes]:
        """Send a command line, then a marker command: the lines until the marker's block ends, so what the
        command caused after its own block is in them too (the marker's block is left out)."""
        self.marks += 1
        mark = f"MARK{self.marks}".encode()
        self.send(line)
        self.wait(lambda out: out.startswith((b"%end ", b"%error ")), timeout)  # tmux tells of it after
        self.send(f"display-message -p {mark.decode()}")
        at = self.wait(lambda out: out == mark, timeout)
        end = self.wait(lambda out: out.startswith(b"%end "), timeout, at)
        start = self.read
        return self.take(end)[:at - 1 - start]

    marks = 0

    def close(self, timeout: float = 15.0) -> list[bytes]:
        """End of input: the rest of the output, through %exit."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout)
        self._thread.join(timeout)
        return self.take(len(self.lines) - 1)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        self._thread.join(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except BrokenPipeError:
                    pass


_TIME = re.compile(rb"^%(begin|end|error) \d+ \d+ (\d+)$")
_LAYOUT = re.compile(rb"^(%layout-change @\d+) [0-9a-f]{4},(\S+) [0-9a-f]{4},(\S+)(.*)$")


def normalise(lines: Sequence[bytes]) -> list[bytes]:
    """Lines with what differs between two servers made equal: the time and number of a block (its flags
    stay) and a layout's checksum."""
    out = []
    for line in lines:
        line = _TIME.sub(rb"%\1 T N \2", line)
        line = _LAYOUT.sub(rb"\1 CSUM,\2 CSUM,\3\4", line)
        out.append(line)
    return out
