"""The server's own command line goes straight to the server, without the command-line module."""

from __future__ import annotations

import subprocess
import sys

import pytest

from muntin._server_start import server_launch


@pytest.mark.parametrize(("argv", "expected"), [
    (["-S", "/tmp/x/sock", "__server"], ("/tmp/x/sock", False)),
    (["-S", "/tmp/x/sock", "__server", "--default-dir"], ("/tmp/x/sock", True)),
    (["-L", "work", "__server"], None),
    (["-S", "/tmp/x/sock", "__server", "--other"], None),
    (["-S", "", "__server"], None),
    (["-S", "/tmp/x/sock", "new", "-d"], None),
    (["-f", "conf", "-S", "/tmp/x/sock", "__server"], None),
    ([], None),
])
def test_only_the_launch_line_start_server_writes_is_taken(argv: list[str], expected: object) -> None:
    assert server_launch(argv) == expected


def test_the_launch_path_loads_no_argparse_wcwidth_or_pyte() -> None:
    code = ("import sys, muntin._server_start as start; start.without_openssl(); import muntin.server; "
            "print(sorted(m for m in ('argparse', 'muntin.cli', 'wcwidth', 'pyte', 'shutil', 'tomllib', 'ssl') "
            "if sys.modules.get(m) is not None))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
