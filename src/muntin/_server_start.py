"""How the server's process starts: ``python -m muntin -S PATH __server``, as ``start_server`` runs it.

That command line goes straight to the server, without the command-line module (argparse and its help
formatter, the web client's options), and OpenSSL is kept out before asyncio is imported: what the server's
process loads stays in its memory for as long as it runs.
"""

from __future__ import annotations

import sys

SERVER_NEVER_IMPORTS = ("ssl", "_ssl", "_hashlib")
"""OpenSSL's modules: asyncio imports ``ssl`` if it can, and hashlib ``_hashlib``; the server talks over a
unix socket and hashes nothing, and the two libraries cost it about 8 MB of memory. Marked missing, asyncio
does without TLS and hashlib takes its built-in hashes."""


def without_openssl() -> None:
    """In the server's process, before it imports asyncio: never load OpenSSL (SERVER_NEVER_IMPORTS)."""
    for name in SERVER_NEVER_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[assignment]  # an ImportError for whoever asks


def server_launch(argv: list[str]) -> tuple[str, bool] | None:
    """(socket path, whether it is in the default directory) for ``-S PATH __server [--default-dir]``, the
    command line ``start_server`` writes; None for any other (the command-line module parses it)."""
    if len(argv) in (3, 4) and argv[0] == "-S" and argv[1] and argv[2] == "__server" \
            and argv[3:] in ([], ["--default-dir"]):
        return argv[1], len(argv) == 4
    return None


def main(path: str, default_dir: bool) -> int:
    without_openssl()
    from pathlib import Path

    from muntin.server import daemon_main

    return daemon_main(Path(path), default_dir=default_dir)
