"""Record a program's output through a real pty into this corpus, with the screen tmux shows for it.

Run from the repository root: ``python tests/corpus/record.py NAME --size 80x24 [--desc TEXT] -- ARGV...``.
It writes ``NAME_<cols>x<rows>.bin.xz`` (the bytes read from the pty's master side, as recorded), the entry
for it in ``manifest.json``, and ``reference/NAME_<cols>x<rows>.{txt,ansi,hist.txt,json}`` from a private tmux
server (``tmux -L NAME -f /dev/null``) that was fed the same bytes in a pane of the same size, status line
off, history-limit 100000. Nothing is sent to the program: it runs to its end (or ``--timeout``), so record programs that need no
keys. Needs tmux on PATH; the server is killed at the end.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import hashlib
import json
import lzma
import os
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

if str(Path(__file__).resolve().parents[1]) not in sys.path:  # run as a script: tests/ holds the helpers
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _deadline import poll_until  # noqa: E402

HERE = Path(__file__).resolve().parent
ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LC_ALL": "C.UTF-8"}
HISTORY_LIMIT = 100_000  # tmux's history-limit for the pane: history_size counts up to this
HISTORY_LINES = 2000  # what the .hist.txt capture reaches back

# reference/<stem>.json: tmux format -> key, each an integer.
FORMATS = ["cursor_x", "cursor_y", "alternate_on", "history_size", "pane_width", "pane_height", "cursor_flag",
           "insert_flag", "keypad_cursor_flag", "keypad_flag", "wrap_flag", "origin_flag", "scroll_region_upper",
           "scroll_region_lower"]

# reference/<stem>.<kind>: the capture-pane flags that make it.
CAPTURES = {"txt": ["-p"], "ansi": ["-p", "-e"], "hist.txt": ["-p", "-S", f"-{HISTORY_LINES}"]}

ALT_SCREEN = (b"\x1b[?1049h", b"\x1b[?1047h", b"\x1b[?47h")


def record(argv: list[str], rows: int, cols: int, timeout: float) -> tuple[bytes, int | None, bool, float]:
    """Run ``argv`` on a new pty of ``rows`` x ``cols``: (bytes it wrote, exit status, timed out, seconds)."""
    env = {**os.environ, **ENV}
    started = time.monotonic()
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            left = started + timeout - time.monotonic()
            if left <= 0:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(fd, 1 << 16)
            except OSError as error:  # EIO: every holder of the pty's slave side is gone
                if error.errno != errno.EIO:
                    raise
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    seconds = round(time.monotonic() - started, 2)
    return b"".join(chunks), os.waitstatus_to_exitcode(status), timed_out, seconds


class Tmux:
    """A private tmux server on its own socket name, killed by ``close``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str) -> bytes:
        return subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", *args], check=True,
                              capture_output=True, timeout=30).stdout

    def format(self, text: str) -> str:
        return self.run("display-message", "-p", "-t", "=ref:", text).decode().strip()

    def close(self) -> None:
        """Kill the server and remove its socket, which tmux leaves behind."""
        found = subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", "display-message", "-p", "#{socket_path}"],
                               capture_output=True, text=True, timeout=30)
        subprocess.run(["tmux", "-L", self.name, "-f", "/dev/null", "kill-server"], capture_output=True, timeout=30)
        if found.returncode == 0 and found.stdout.strip():
            Path(found.stdout.strip()).unlink(missing_ok=True)


def reference(path: Path, rows: int, cols: int, timeout: float) -> dict[str, bytes]:
    """tmux's captures of a pane of ``rows`` x ``cols`` that was fed the bytes of ``path`` unchanged."""
    token = f"recorded-{os.getpid()}"
    # The title is set after the last byte, so once tmux shows it, tmux has read the whole stream. It is
    # not part of any capture.
    command = f"stty -echo -opost; cat {shlex.quote(str(path))}; printf '\\033]2;%s\\033\\\\' {token}; exec sleep 86400"
    tmux = Tmux(f"muntin-record-{os.getpid()}")
    try:
        tmux.run("start-server", ";", "set", "-g", "status", "off", ";",
                 "set", "-g", "history-limit", str(HISTORY_LIMIT), ";",
                 "new-session", "-d", "-s", "ref", "-x", str(cols), "-y", str(rows), "sh", "-c", command)
        if not poll_until(lambda: tmux.format("#{pane_title}") == token, timeout=timeout, interval=0.05):
            raise TimeoutError(f"tmux did not finish reading {path} within {timeout} s")
        size = tmux.format("#{pane_width}x#{pane_height}")
        if size != f"{cols}x{rows}":
            raise RuntimeError(f"the tmux pane is {size}, not {cols}x{rows}")
        files = {kind: tmux.run("capture-pane", "-t", "=ref:", *flags) for kind, flags in CAPTURES.items()}
        values = tmux.format(" ".join(f"#{{{name}}}" for name in FORMATS)).split()
        version = tmux.run("-V").decode().strip()
    finally:
        tmux.close()
    meta = {name: int(value) for name, value in zip(FORMATS, values, strict=True)}
    files["json"] = json.dumps({**meta, "tmux": version}, indent=1).encode()
    return files


def parse_size(text: str) -> tuple[int, int]:
    """(rows, cols) from ``COLSxROWS``."""
    cols, _, rows = text.partition("x")
    if not (cols.isdigit() and rows.isdigit() and int(cols) > 0 and int(rows) > 0):
        raise argparse.ArgumentTypeError(f"size {text!r} is not COLSxROWS, e.g. 80x24")
    return int(rows), int(cols)


def main(args: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("name", help="the stream's name, without the size (e.g. seq)")
    parser.add_argument("argv", nargs="+", help="the program and its arguments (after --)")
    parser.add_argument("--size", type=parse_size, default=(24, 80), help="the pty size, COLSxROWS (default 80x24)")
    parser.add_argument("--desc", default="", help="what the stream exercises, for manifest.json")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before the program is killed")
    parser.add_argument("--dir", type=Path, default=HERE, help="the corpus folder (default: this one)")
    opts = parser.parse_args(args)
    if shutil.which("tmux") is None:
        print("record.py: tmux is not on PATH: install it (the reference screens come from tmux)", file=sys.stderr)
        return os.EX_UNAVAILABLE
    if "_" in opts.name or "/" in opts.name:
        print(f"record.py: name {opts.name!r} may not hold '_' or '/' (the size follows the last '_')",
              file=sys.stderr)
        return os.EX_USAGE
    rows, cols = opts.size
    stem = f"{opts.name}_{cols}x{rows}"
    data, status, timed_out, seconds = record(opts.argv, rows, cols, opts.timeout)
    if not data:
        print(f"record.py: {shlex.join(opts.argv)} wrote nothing (exit status {status})", file=sys.stderr)
        return os.EX_DATAERR
    with tempfile.TemporaryDirectory(prefix="muntin-record-") as tmp:
        raw = Path(tmp) / f"{stem}.bin"
        raw.write_bytes(data)
        files = reference(raw, rows, cols, opts.timeout)
    files["json"] = json.dumps({**json.loads(files["json"]), "stream": f"{stem}.bin"}, indent=1).encode()
    (opts.dir / "reference").mkdir(parents=True, exist_ok=True)
    (opts.dir / f"{stem}.bin.xz").write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    for kind, content in files.items():
        (opts.dir / "reference" / f"{stem}.{kind}").write_bytes(content)
    manifest_path = opts.dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest[f"{stem}.bin"] = {
        "recipe": opts.name, "cols": cols, "rows": rows, "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "argv": opts.argv, "desc": opts.desc,
        "interactive": False, "exit_status": status, "timed_out": timed_out, "seconds": seconds,
        "alt_screen": any(marker in data for marker in ALT_SCREEN),
    }
    manifest_path.write_text(json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False))
    print(f"{stem}: {len(data)} bytes, exit status {status}{' (timed out)' if timed_out else ''}, "
          f"history {json.loads(files['json'])['history_size']} lines")
    return os.EX_OK


if __name__ == "__main__":
    sys.exit(main())
