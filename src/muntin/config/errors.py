"""Problems found in a user's file, each with where it is and what was expected."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """One problem in a file: ``FILE:LINE: message`` (line 0 when the whole file is at fault). ``unreadable``
    when the file itself could not be read (exit EX_NOINPUT), not a problem in what it says (EX_CONFIG)."""

    path: Path | str
    line: int
    message: str
    unreadable: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


_UNREADABLE: dict[int, str] = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file",
    errno.EISDIR: "is a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
"""One wording per cause, for every file a user names (config, workspace, source-file)."""


def unreadable(path: Path | str, error: OSError) -> ConfigProblem:
    """The problem for a file that could not be read: ``FILE: no such file``, ``FILE: is a directory``..."""
    reason = _UNREADABLE.get(error.errno or 0) or (error.strerror or str(error)).lower()
    return ConfigProblem(path, 0, reason, unreadable=True)


def read_bytes(path: Path | str, limit: int = -1) -> bytes | ConfigProblem:
    """The bytes of a user's file (at most ``limit`` when given), or the problem (``unreadable``) that kept
    it from being read."""
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError as error:
        return unreadable(path, error)
