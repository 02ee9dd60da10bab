"""Throughput: time for ``cat`` of a 20 MB mix of real program output to finish in a raw pty, tmux and muntin.

Run from the repository root: ``python bench/throughput.py [--runs N] [--mb M]``. Every server runs on a private
socket in a 0700 temp dir and is killed at the end. Prints MB/s (median of N runs) for each case and the ratios
muntin / tmux and / raw pty, detached and with a client attached. This module also holds the small server
handles (``Tmux``, ``Muntin``) the other benchmarks share.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from muntin.client import AsyncConnection, CommandResult, Connection, NoServer, start_server
from muntin.process import spawn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from corpus import streams  # noqa: E402 - the recorded streams in tests/corpus

TIMEOUT = 120.0
_names = itertools.count()


def compile_muntin() -> None:
    """Write muntin's bytecode as ``pip install`` does, so a server started from a checkout run with
    PYTHONDONTWRITEBYTECODE does not compile every module at each start (about 4 MB more RSS, and its time)."""
    import compileall

    import muntin

    compileall.compile_dir(Path(muntin.__file__).parent, quiet=1)


compile_muntin()


# -- shared helpers ------------------------------------------------------------------------------------------

@contextlib.contextmanager
def private_dir() -> Iterator[Path]:
    """A temp dir only we can enter, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="muntin-bench-") as tmp:
        os.chmod(tmp, 0o700)
        yield Path(tmp)


def poll_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.001) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"condition not met within {timeout} s")
        time.sleep(interval)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def parent_pid(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


class Tmux:
    """A tmux server of our own: ``tmux -L benchNNN -f /dev/null``; ``close()`` kills only that server."""

    def __init__(self) -> None:
        self.name = f"bench{os.getpid()}x{next(_names)}"
        self.base = ["tmux", "-L", self.name, "-f", "/dev/null"]
        self.pid: int | None = None

    def run(self, *args: str, check: bool = True, timeout: float = TIMEOUT) -> str:
        done = subprocess.run([*self.base, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def server_pid(self) -> int:
        if self.pid is None:
            self.pid = int(self.run("display-message", "-p", "#{pid}").strip())
        return self.pid

    def socket_path(self) -> Path:
        return Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / self.name

    def screen(self, target: str) -> str:
        return self.run("capture-pane", "-p", "-t", target, check=False)

    def close(self) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.run("kill-server", check=False, timeout=10)
        if self.pid is not None:
            with contextlib.suppress(TimeoutError):
                poll_until(lambda: not Path(f"/proc/{self.pid}").exists(), timeout=5)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.socket_path().unlink(missing_ok=True)  # tmux leaves it behind; the name is ours alone


class Muntin:
    """A muntin server of our own on ``DIR/sock``; ``close()`` kills only that server."""

    def __init__(self, directory: Path) -> None:
        self.socket = directory / "sock"
        self.cli = [sys.executable, "-m", "muntin", "-S", os.fspath(self.socket)]
        self.pid: int | None = None
        self._connection: Connection | None = None

    def start(self) -> None:
        start_server(self.socket)

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = Connection.open(self.socket, timeout=TIMEOUT)
        return self._connection

    def command(self, *argv: str, check: bool = True) -> CommandResult:
        result = self.connection.command(list(argv))
        if check:
            check_result(result)
        return result

    def panes(self) -> list[dict]:
        result = self.connection.command(["list-panes", "-a", "--json"])
        return json.loads(result.output)

    def server_pid(self) -> int:
        """The parent of a pane's program (the first pane's)."""
        if self.pid is None:
            self.pid = parent_pid(self.panes()[0]["pid"])
        return self.pid

    def screen(self, target: str) -> str:
        return self.connection.command(["capture-pane", "-p", "-t", target]).output

    def close(self) -> None:
        try:
            if self.pid is None and self.socket.exists():
                with contextlib.suppress(Exception):
                    self.server_pid()
            with Connection.open(self.socket, timeout=10) as connection:
                connection.command(["kill-server"])
        except (NoServer, OSError):
            pass
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self.pid is not None:
            with contextlib.suppress(Exception):
                poll_until(lambda: not Path(f"/proc/{self.pid}").exists(), timeout=5)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


class Outer(Tmux):
    """A real terminal for a UI client: a private tmux server (``tmux -L benchNNN -f /dev/null``) whose only pane
    idles on ``sleep`` until ``attach()`` replaces it with the client (``respawn-pane -k``); ``screen()`` is
    what the client has drawn. ``close()`` kills this server and the client it ran, nothing else."""

    def __init__(self, cols: int = 120, rows: int = 40) -> None:
        super().__init__()
        self.client: int | None = None
        self.run("new-session", "-d", "-s", "outer", "-x", str(cols), "-y", str(rows), "exec sleep 100000")
        self.server_pid()

    def attach(self, argv: list[str]) -> None:
        """Start ``argv`` in the pane, with $TMUX unset so a nested tmux client agrees to attach."""
        self.run("respawn-pane", "-k", "-t", "outer", "exec env -u TMUX " + shlex.join(argv))

    def client_pid(self) -> int:
        """The client's pid (``exec`` makes it the pane's own process)."""
        if self.client is None:
            self.client = int(self.run("display-message", "-p", "-t", "outer", "#{pane_pid}").strip())
        return self.client

    def screen(self, target: str = "outer") -> str:
        return super().screen(target)

    def close(self) -> None:
        super().close()  # the pane's client gets SIGHUP with its terminal
        if self.client is not None:
            with contextlib.suppress(TimeoutError):
                poll_until(lambda: not Path(f"/proc/{self.client}").exists(), timeout=5, interval=0.01)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.client, signal.SIGKILL)


def check_result(result: CommandResult) -> None:
    if not result.ok:
        raise RuntimeError(f"muntin command failed: {result.error}")


# -- throughput --------------------------------------------------------------------------------------------

def build_mix(path: Path, megabytes: float) -> int:
    mix = b"".join(s.data() for s in streams("*_80x24") if "-live" not in s.name)
    target = int(megabytes * 1_000_000)
    data = (mix * (target // len(mix) + 1))[:target]
    path.write_bytes(data)
    return len(data)


# The corpus holds what programs wrote as a terminal received it, CR LF already in place; a pty's ONLCR would
# turn each LF into CR LF again (CR CR LF), a stream no program produces. ``stty -onlcr`` before ``cat`` hands
# every case the recorded bytes unchanged; ``--onlcr`` keeps the translation.
STTY = "stty -onlcr; "
SERVER_CPU: dict[str, float] = {}
"""The server's CPU seconds (utime + stime) over the last run of each case: on a machine busy with other
work, MB per CPU second of the server is steadier than MB per second of the clock."""


def raw_pty(file: Path) -> float:
    started = time.perf_counter()
    child = spawn(["sh", "-c", f"{STTY}cat {file}"], rows=24, cols=80)
    try:
        while not child.pty_closed:
            select.select([child.fd], [], [], 1.0)
            child.read()
        poll_until(lambda: child.poll() is not None, timeout=10)
        return time.perf_counter() - started
    finally:
        child.close()


def tmux_run(file: Path, attached: bool) -> float:
    tmux = Tmux()
    client = None
    drain: threading.Thread | None = None
    try:
        tmux.run("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "sh")  # the server stays for the timing
        tmux.run("set-option", "-g", "remain-on-exit", "on")
        tmux.server_pid()
        script = f"read x; {STTY}cat {file}; tmux wait-for -S done"
        tmux.run("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", script)
        if attached:
            client = spawn([*tmux.base, "attach", "-t", "b"], rows=24, cols=80,
                           env={**os.environ, "TMUX": ""})
            fd = client.fd

            def pump() -> None:
                while not client.pty_closed:
                    select.select([fd], [], [], 0.2)
                    client.read()
            drain = threading.Thread(target=pump, daemon=True)
            drain.start()
            poll_until(lambda: tmux.run("list-clients", "-t", "b", check=False).strip(), timeout=10)
        poll_until(lambda: "b" in tmux.run("list-sessions", "-F", "#{session_name}").split(), timeout=10)
        cpu, started = cpu_seconds(tmux.server_pid()), time.perf_counter()
        tmux.run("send-keys", "-t", "b", "Enter")
        tmux.run("wait-for", "done")
        elapsed = time.perf_counter() - started
        SERVER_CPU["tmux"] = cpu_seconds(tmux.server_pid()) - cpu
        return elapsed
    finally:
        if client is not None:
            client.close(grace=1.0)
        if drain is not None:
            drain.join(timeout=5)
        tmux.close()


async def _muntin_attached(server: Muntin, file: Path) -> float:
    attached = await AsyncConnection.open(server.socket)
    control = await AsyncConnection.open(server.socket)
    events = 0

    async def pump() -> None:
        nonlocal events
        async for _ in attached.events():
            events += 1
    try:
        check_result(await control.command(["new-session", "-d", "-s", "b", "-x", "80", "-y", "24", "--",
                                            "sh", "-c", f"read x; {STTY}cat {file}; exit 3"]))
        check_result(await attached.attach("b", 80, 24))
        task = asyncio.get_running_loop().create_task(pump())
        while events == 0:
            await asyncio.sleep(0.005)
        cpu, started = cpu_seconds(server.server_pid()), time.perf_counter()
        check_result(await control.command(["send-keys", "-t", "b", "Enter"]))
        await control.command(["wait-for", "-t", "b", "--exit", "--timeout", str(int(TIMEOUT))])
        elapsed = time.perf_counter() - started
        SERVER_CPU["muntin"] = cpu_seconds(server.server_pid()) - cpu
        task.cancel()
        return elapsed
    finally:
        await attached.close()
        await control.close()


def muntin_run(file: Path, attached: bool) -> float:
    with private_dir() as tmp:
        server = Muntin(tmp)
        try:
            server.start()
            server.command("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "--", "sh")
            server.server_pid()
            if attached:
                return asyncio.run(_muntin_attached(server, file))
            cpu, started = cpu_seconds(server.server_pid()), time.perf_counter()
            server.command("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", "--",
                           "sh", "-c", f"{STTY}cat {file}; exit 3")
            server.command("wait-for", "-t", "b", "--exit", "--timeout", str(int(TIMEOUT)), check=False)
            elapsed = time.perf_counter() - started
            SERVER_CPU["muntin"] = cpu_seconds(server.server_pid()) - cpu
            return elapsed
        finally:
            server.close()


CASES: dict[str, Callable[[Path], float]] = {
    "raw pty": raw_pty,
    "tmux detached": lambda f: tmux_run(f, attached=False),
    "muntin detached": lambda f: muntin_run(f, attached=False),
    "tmux client attached": lambda f: tmux_run(f, attached=True),
    "muntin client attached": lambda f: muntin_run(f, attached=True),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the mix in MB (default 20)")
    parser.add_argument("--onlcr", action="store_true", help="leave the pty's LF -> CR LF translation on")
    args = parser.parse_args(argv)
    global STTY
    STTY = "" if args.onlcr else STTY
    if shutil.which("tmux") is None or not streams():
        print("needs tmux on PATH and the corpus streams in tests/corpus", file=sys.stderr)
        return 1
    with private_dir() as tmp:
        file = tmp / "mix.bin"
        size = build_mix(file, args.mb)
        rates: dict[str, list[float]] = {name: [] for name in CASES}
        per_cpu: dict[str, list[float]] = {name: [] for name in CASES if name != "raw pty"}
        for _ in range(args.runs):  # interleaved, so drift in machine load hits every case alike
            for name, run in CASES.items():
                SERVER_CPU.clear()
                rates[name].append(size / run(file) / 1e6)
                if name in per_cpu:
                    per_cpu[name].append(size / max(SERVER_CPU[name.split()[0]], 0.01) / 1e6)
    med = {name: statistics.median(values) for name, values in rates.items()}
    print(f"throughput: cat of a {size / 1e6:.1f} MB corpus mix at 80x24 ({'onlcr' if args.onlcr else 'stty -onlcr'}),"
          f" median of {args.runs} runs")
    print(f"{'case':24} {'MB/s':>8}   runs")
    for name, values in rates.items():
        print(f"{name:24} {med[name]:8.2f}   {', '.join(f'{v:.2f}' for v in values)}")
    print(f"muntin / tmux     detached {ratio(med['muntin detached'], med['tmux detached']):>6}   "
          f"client attached {ratio(med['muntin client attached'], med['tmux client attached']):>6}")
    print(f"muntin / raw pty  detached {ratio(med['muntin detached'], med['raw pty']):>6}   "
          f"client attached {ratio(med['muntin client attached'], med['raw pty']):>6}")
    cpu_med = {name: statistics.median(values) for name, values in per_cpu.items()}
    print(f"{'MB per server CPU second':24} {'median':>8}   runs")
    for name, values in per_cpu.items():
        print(f"{name:24} {cpu_med[name]:8.2f}   {', '.join(f'{v:.2f}' for v in values)}")
    print(f"muntin / tmux     detached {ratio(cpu_med['muntin detached'], cpu_med['tmux detached']):>6}   "
          f"client attached {ratio(cpu_med['muntin client attached'], cpu_med['tmux client attached']):>6}"
          "   (per server CPU second)")
    from _results import record

    suffix = ", --onlcr" if args.onlcr else ""
    record(f"throughput, detached{suffix or ' (20 MB mix)'}", med["tmux detached"], med["muntin detached"])
    record(f"throughput, client attached{suffix}", med["tmux client attached"], med["muntin client attached"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
