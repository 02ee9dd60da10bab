"""Where a server's socket lives, and the checks that keep other users away from it."""

from __future__ import annotations

import errno
import os
import socket
import stat
import struct
from pathlib import Path

DEFAULT_NAME = "default"
INSIDE = "MUNTIN"
"""The variable every pane gets, as tmux's $TMUX: ``SOCKET,SERVER_PID,$SESSION_ID``."""


class SocketDirError(PermissionError):
    """The socket directory is not safe to use (owned by another user, or writable by others)."""


def socket_dir() -> Path:
    """``$XDG_RUNTIME_DIR/muntin`` when that is set, else ``/tmp/muntin-UID``."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "muntin"
    return Path(f"/tmp/muntin-{os.getuid()}")


def socket_path(name: str | None = None, path: str | os.PathLike[str] | None = None) -> Path:
    """The socket for ``-S PATH`` (as given) or ``-L NAME`` (in ``socket_dir()``), default ``default``."""
    if path is not None:
        return Path(path)
    name = name or DEFAULT_NAME
    if "/" in name or name in (".", ".."):
        raise ValueError(f"bad socket name {name!r}: use -S PATH for a path")
    return socket_dir() / name


def inside_socket(environ: dict[str, str] | os._Environ[str] | None = None) -> Path | None:
    """The socket of the server whose pane this process runs in (from $MUNTIN), or None outside one."""
    value = (os.environ if environ is None else environ).get(INSIDE, "")
    path = value.rsplit(",", 2)[0] if value.count(",") >= 2 else ""
    return Path(path) if path.startswith("/") else None


def check_dir(directory: Path, *, create: bool) -> None:
    """Make sure ``directory`` exists (when ``create``), is a real directory (not a symlink), is ours and is
    closed to group and others, as tmux checks its socket directory."""
    if create:
        try:
            directory.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
    try:
        info = directory.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise SocketDirError(f"{directory} is a symbolic link: refusing to use it (remove it, or use -S PATH)")
    if not stat.S_ISDIR(info.st_mode):
        raise SocketDirError(f"{directory} is not a directory")
    if info.st_uid != os.getuid():
        raise SocketDirError(f"{directory} belongs to uid {info.st_uid}, not to you (uid {os.getuid()}): "
                             "refusing to use it")
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        kind = "writable by" if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) else "accessible to"
        raise SocketDirError(f"{directory} is {kind} other users (mode {stat.S_IMODE(info.st_mode):o}): "
                             f"run 'chmod 700 {directory}'")


def make_private_dir(directory: Path) -> None:
    """Make ``directory`` (and its parents) if needed, close it to group and others when it is ours and
    a real directory, then check it as :func:`check_dir` does (a link or another user's directory is a
    SocketDirError): for the servers' logs and saved sessions."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(directory)
    if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
        os.chmod(directory, 0o700)
    check_dir(directory, create=False)


def check_socket_entry(path: Path) -> bool:
    """Whether something is at ``path``: nothing (False), or a socket (True); anything else (a file, a
    directory, a symbolic link) is a SocketDirError, so it is never mistaken for a stale socket."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    if not stat.S_ISSOCK(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a socket"
        raise SocketDirError(f"{path} is {kind}: refusing to replace it (remove it, or use another -L NAME "
                             "or -S PATH)")
    return True


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a connected unix socket (SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid


def peer_pid(sock: socket.socket) -> int:
    """The pid of the process at the other end of a connected unix socket (SO_PEERCRED)."""
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, _uid, _gid = struct.unpack("3i", creds)
    return pid


def socket_is_live(path: Path) -> bool:
    """True when a server answers at ``path``; False when nothing is there or the socket is stale."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(os.fspath(path))
    except OSError as error:
        if error.errno in (errno.ECONNREFUSED, errno.ENOENT, errno.ENOTSOCK):
            return False
        raise
    finally:
        probe.close()
    return True
