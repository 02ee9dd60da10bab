"""What the server process loads: never OpenSSL (it talks over a unix socket only), and it still hashes."""

from __future__ import annotations

from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture


def test_the_server_never_loads_openssl(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "m", "--", "sh")
    assert mux.server_pid is not None
    maps = Path(f"/proc/{mux.server_pid}/maps").read_text()
    assert "python" in maps  # readable, so the check below means something
    loaded = {line.split()[-1] for line in maps.splitlines() if "/" in line}
    assert not [path for path in loaded if "libssl" in path or "_ssl" in path or "_hashlib" in path], loaded


def test_without_openssl_leaves_hashlib_working() -> None:
    """In a fresh interpreter, as the server's: asyncio imports, hashlib and secrets work on built-in hashes."""
    import subprocess
    import sys

    code = ("from muntin.cli import without_openssl; without_openssl(); import asyncio, hashlib, secrets, sys; "
            "assert sys.modules['ssl'] is None; print(hashlib.sha256(b'x').hexdigest()[:8], len(secrets.token_hex(4)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2d711642", "8"]
