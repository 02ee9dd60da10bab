"""The browser client's access token: made at random, kept in a private file, compared in constant time.

The token lives in ``$XDG_STATE_HOME/muntin/web-token`` (directory 0700, file 0600). ``muntin web`` reads
it (making one the first time) and prints it in its URL; ``muntin web --revoke`` replaces it, and a running
``muntin web`` that sees the file change refuses the old token and closes the tabs that used it.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from muntin.config.paths import state_dir

TOKEN_FILE = "web-token"
TOKEN_BYTES = 32
"""Random bytes in a token (256 bits; ``secrets.token_urlsafe`` makes 43 URL-safe characters of them)."""

_FORM = re.compile(r"[A-Za-z0-9_-]{43}")


class TokenError(PermissionError):
    """The token file cannot be trusted or used: what is wrong with it and what to do."""


def token_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the token is kept: ``web-token`` in muntin's state folder."""
    return state_dir(env) / TOKEN_FILE


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def matches(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token, compared in constant time (for tokens of the same length)."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("ascii"))


def _private_dir(directory: Path) -> None:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(directory)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise TokenError(f"{directory} is not a directory of yours: refusing to keep the web token there")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        os.chmod(directory, 0o700)


def read_token(path: Path) -> str | None:
    """The token in ``path``; None when there is no file. A file that is not a regular file of ours, is
    open to others or does not hold a token is a TokenError (the token may have been read: revoke it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise TokenError(f"cannot read {path}: {error.strerror} (remove it, or run 'muntin web --revoke')")
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            raise TokenError(f"{path} is not a file of yours: refusing to use it (remove it)")
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TokenError(f"{path} is readable by other users (mode {stat.S_IMODE(info.st_mode):o}): "
                             "run 'muntin web --revoke' for a new, private one")
        text = file.read(256).decode("ascii", "replace").strip()
    if not _FORM.fullmatch(text):
        raise TokenError(f"{path} holds no token: run 'muntin web --revoke' for a new one")
    return text


def write_token(path: Path) -> str:
    """Replace the token in ``path`` with a new one (written 0600 beside it, then renamed over it, so a
    reader sees the old token or the new one, never half of one); return it."""
    _private_dir(path.parent)
    token = new_token()
    spare = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(f"{token}\n".encode("ascii"))
            file.flush()
            os.fsync(file.fileno())
        os.replace(spare, path)
    except BaseException:
        spare.unlink(missing_ok=True)
        raise
    return token


def load_or_create(path: Path) -> str:
    """The token in ``path``, made the first time."""
    token = read_token(path)
    return token if token is not None else write_token(path)


class TokenFile:
    """The token a running server accepts: read again whenever the file changes (``--revoke``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.token = load_or_create(path)
        self._seen = self._signature()

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_mtime_ns, info.st_size

    def refresh(self) -> bool:
        """Read the file again if it changed; True when the token is a new one. A file that went away or
        went bad accepts nothing until it is good again (``--revoke`` writes a good one)."""
        signature = self._signature()
        if signature == self._seen:
            return False
        self._seen = signature
        try:
            token = read_token(self.path)
        except TokenError:
            token = None
        if token is None:
            token = new_token()  # known to nobody: every connection is refused
        changed = token != self.token
        self.token = token
        return changed

    def accepts(self, given: str | None) -> bool:
        return matches(given, self.token)
