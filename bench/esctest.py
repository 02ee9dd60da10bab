"""esctest2 (George Nachman's and Thomas Dickey's unit tests of xterm's control sequences) inside a pane of tmux
and of muntin, side by side.

Run from the repository root: ``python bench/esctest.py [--esctest DIR] [--include REGEX] [--timeout S]``.
esctest2 is not shipped here: ``--esctest`` names a checkout (the directory holding ``esctest/esctest.py``);
without it the script unpacks the snapshot at ``/work/.mirror/ThomasDickey+esctest2/repo`` (``git archive``)
into its temp dir. Each multiplexer runs on a private server (``tmux -L benchNNN -f CONF``, ``muntin -S
DIR/sock``) with one detached 80x25 pane running ``esctest.py --expected-terminal=xterm --max-vt-level=4
--logfile LOG``; the pane is the terminal under test, and both servers are killed at the end. Prints the passed,
failed and known-bug counts side by side and muntin's failing tests grouped by what failed.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from throughput import Muntin, Tmux, private_dir

SNAPSHOT = Path("/work/.mirror/ThomasDickey+esctest2/repo")
COLS, ROWS = 80, 25
_SUMMARY = re.compile(r"\*\*\* (\d+) tests? passed, (\d+) known bugs?, (\d+) (?:tests?|TESTS?) failed", re.I)
_FAILED = re.compile(r"\*\*\* TEST (\S+) FAILED:")


def unpack(into: Path) -> Path:
    """The esctest2 snapshot unpacked into ``into``; returns the directory holding esctest.py."""
    archive = subprocess.run(["git", "-C", str(SNAPSHOT), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "esctest"


def command(esctest: Path, log: Path, done: Path, include: str, timeout: float) -> str:
    argv = [sys.executable, str(esctest / "esctest.py"), "--expected-terminal=xterm", "--max-vt-level=4",
            f"--logfile={log}", f"--timeout={timeout}", "--no-print-logs", f"--include={include}"]
    return f"cd {shlex.quote(str(esctest))} && {shlex.join(argv)}; touch {shlex.quote(str(done))}; sleep 3600"


def wait_done(done: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not done.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"esctest did not finish within {limit:.0f} s")
        time.sleep(0.5)


def run_tmux(esctest: Path, scratch: Path, include: str, timeout: float, limit: float) -> Path:
    log, done = scratch / "tmux.log", scratch / "tmux.done"
    conf = scratch / "tmux.conf"
    conf.write_text("set -g status off\nset -g default-terminal tmux-256color\n")
    tmux = Tmux()
    tmux.base = ["tmux", "-L", tmux.name, "-f", str(conf)]
    try:
        tmux.run("new-session", "-d", "-x", str(COLS), "-y", str(ROWS), command(esctest, log, done, include, timeout))
        wait_done(done, limit)
    finally:
        tmux.close()
    return log


def run_muntin(esctest: Path, scratch: Path, include: str, timeout: float, limit: float) -> Path:
    log, done = scratch / "muntin.log", scratch / "muntin.done"
    server = Muntin(scratch)
    try:
        server.start()
        server.command("set-option", "-g", "pane-border-status", "off")
        server.command("set-option", "-g", "status", "off")
        server.command("new-session", "-d", "-s", "esc", "-x", str(COLS), "-y", str(ROWS), "--", "sh", "-c",
                       command(esctest, log, done, include, timeout))
        pane = server.panes()[0]
        if (pane.get("width"), pane.get("height")) != (COLS, ROWS):
            raise RuntimeError(f"the pane is {pane.get('width')}x{pane.get('height')}, not {COLS}x{ROWS}")
        wait_done(done, limit)
    finally:
        server.close()
    return log


def results(log: Path) -> tuple[tuple[int, int, int], dict[str, str]]:
    """(passed, known bugs, failed) from esctest's log, and each failing test with the exception that failed it
    (its type and the first line of its message)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    found = _SUMMARY.search(text)
    counts = (int(found[1]), int(found[2]), int(found[3])) if found else (0, 0, 0)
    failures: dict[str, str] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = _FAILED.search(line)
        if match is None:
            continue
        reason = "unknown"
        for after in lines[index + 1:]:
            if _FAILED.search(after) or "Run test:" in after:
                break
            if _EXCEPTION.match(after):
                reason = after.strip()
                break
        failures[match[1]] = reason
    return counts, failures


_EXCEPTION = re.compile(r"(esctypes\.\w+|\w+(Error|Exception)): ")
_CAUSES = {"ChecksumException": "screen contents differ (DECRQCRA)", "TestFailure": "cursor position or report differs",
           "BadResponse": "unexpected answer", "InsufficientVTLevel": "needs a higher VT level"}


def cause(reason: str) -> str:
    """What kind of failure an exception line names."""
    if "Timeout" in reason:
        return "no answer (timeout)"
    kind = reason.split(":")[0].removeprefix("esctypes.")
    return _CAUSES.get(kind, kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esctest", type=Path, help="an esctest2 checkout (default: unpack the snapshot)")
    parser.add_argument("--include", default=".*", help="regex of the test names to run")
    parser.add_argument("--timeout", type=float, default=0.5, help="seconds esctest waits for each answer")
    parser.add_argument("--limit", type=float, default=3000, help="seconds each run may take")
    parser.add_argument("--only", choices=("tmux", "muntin"), help="run one side only")
    args = parser.parse_args(argv)
    with private_dir() as scratch:
        esctest = args.esctest / "esctest" if args.esctest else unpack(scratch)
        if not (esctest / "esctest.py").exists():
            esctest = args.esctest
        outcome: dict[str, tuple[tuple[int, int, int], dict[str, str], float]] = {}
        for name, run in (("tmux", run_tmux), ("muntin", run_muntin)):
            if args.only and args.only != name:
                continue
            started = time.monotonic()
            log = run(esctest, scratch, args.include, args.timeout, args.limit)
            counts, failures = results(log)
            outcome[name] = (counts, failures, time.monotonic() - started)
            if name == "muntin":
                (Path(tempfile.gettempdir()) / "esctest-muntin.log").write_bytes(log.read_bytes())
    print(f"{'':12}" + "".join(f"{name:>10}" for name in outcome))
    for index, label in enumerate(("passed", "known bugs", "failed")):
        print(f"{label:12}" + "".join(f"{counts[index]:>10}" for counts, _, _ in outcome.values()))
    print(f"{'seconds':12}" + "".join(f"{elapsed:>10.0f}" for _, _, elapsed in outcome.values()))
    if "muntin" in outcome:
        groups: dict[str, list[str]] = defaultdict(list)
        for test, reason in outcome["muntin"][1].items():
            groups[cause(reason)].append(test)
        for reason, tests in sorted(groups.items(), key=lambda item: -len(item[1])):
            print(f"\nmuntin, {reason} ({len(tests)}):")
            by_class: dict[str, list[str]] = defaultdict(list)
            for test in sorted(tests):
                klass, _, method = test.partition(".")
                by_class[klass].append(method)
            for klass, methods in by_class.items():
                print(f"  {klass}: {', '.join(methods)}")
        print(f"\n(muntin's log: {Path(tempfile.gettempdir()) / 'esctest-muntin.log'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
