"""tmux's own regression scripts (``regress/*.sh`` of tmux's source) run against tmux and against muntin.

Each script reads ``TEST_TMUX`` as the program to run. Every script runs twice, once with the real tmux and
once with a wrapper that runs ``python -m muntin`` with the same arguments, each run in a private
environment of its own: a fresh HOME, TMPDIR, TMUX_TMPDIR and XDG directories in a temp dir, a copy of the
regress folder, a timeout. After the run every server the script left on its sockets gets ``kill-server``,
and any process still carrying the run's marker in its environment (the servers inherit it) is ended by
its pid, so no server survives a run.

    python bench/tmux_regress.py --git-dir PATH/TO/tmux.git [--ref 3.3a]
    python bench/tmux_regress.py --tmux-src DIR      # a tmux source tree (or its regress folder)

Prints one row per script (tmux pass/fail, muntin pass/fail, the first line of the reason muntin failed)
and "tmux passes N of M, muntin passes K of those N".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

MARK = "MUNTIN_REGRESS_RUN"

WRAPPER = """#!/bin/sh
# TEST_TMUX for one run: the program with the script's arguments; kill-server returns once the server has
# exited (tmux 3.3a's takes about a second, and a command sent meanwhile fails with "server exited
# unexpectedly": tmux's own make runs its scripts a second apart).
case " $* " in
*" kill-server "*)
    before=""
    for word; do [ "$word" = kill-server ] && break; before="$before '$word'"; done
    pid=$(eval "PROGRAM $before display-message -p '#{pid}'" 2>/dev/null)
    PROGRAM "$@"; status=$?
    n=0
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
    exit $status;;
esac
exec PROGRAM "$@"
"""


@dataclass
class Outcome:
    passed: bool
    reason: str
    seconds: float
    leftovers: int  # processes of the run still alive after the script and kill-server (ended by the bench)


def extract(git_dir: str, ref: str, into: Path) -> Path:
    """``regress/`` of ``ref`` from the git directory ``git_dir``, unpacked below ``into``."""
    archive = subprocess.run(["git", "-C", git_dir, "archive", ref, "regress"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "regress"


def regress_dir(source: str) -> Path:
    path = Path(source)
    return path if path.name == "regress" or not (path / "regress").is_dir() else path / "regress"


def reason_of(code: int | None, stdout: str, stderr: str) -> str:
    """The first thing the script or the program said, else the command the script ran last (``sh -x``)."""
    said = [line for line in stderr.splitlines() if line.strip() and not line.startswith("+")]
    if said and any(line.startswith("+") for line in stderr.splitlines()):
        said = []  # under sh -x a traced command's own lines (a quoted newline) are not messages
    if said:
        return said[0].strip()
    out = [line for line in stdout.splitlines() if line.strip()]
    if out:
        return out[0].strip()
    traced = [line[1:].strip() for line in stderr.splitlines() if line.startswith("+")]
    status = "timed out" if code is None else f"exit {code}"
    exits = [i for i, line in enumerate(traced) if re.fullmatch(r"exit \d+", line)]
    if exits and exits[-1] > 0:  # what failed is the command before the script's exit (not its trap's)
        return f"{status} after: {traced[exits[-1] - 1]}"
    return f"{status} after: {traced[-1]}" if traced else status


def marked_pids(mark: str) -> list[int]:
    """Processes (ours) whose environment carries ``MARK=mark``: the script's children and the servers."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            if os.stat(f"/proc/{entry}").st_uid != os.getuid():
                continue
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if needle in handle.read().split(b"\0"):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def end_marked(mark: str) -> int:
    """SIGTERM, then SIGKILL, every process of the run still alive; how many there were."""
    pids = marked_pids(mark)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and marked_pids(mark):
            time.sleep(0.05)
        if not marked_pids(mark):
            break
    return len(pids)


def run_script(script: Path, program: list[str], kind: str, timeout: float) -> Outcome:
    """``script`` with TEST_TMUX running ``program``; a failure that said nothing runs once more under
    ``sh -x`` to name the command it failed after (the trace is not in the verdict's run: it goes to stderr,
    which some scripts capture)."""
    outcome = run_once(script, program, kind, timeout, trace=False)
    if not outcome.passed and outcome.reason.startswith("exit "):
        traced = run_once(script, program, kind, timeout, trace=True)
        if not traced.passed:
            outcome.reason = traced.reason
        outcome.leftovers += traced.leftovers
    return outcome


def run_once(script: Path, program: list[str], kind: str, timeout: float, *, trace: bool) -> Outcome:
    """``script`` with TEST_TMUX running ``program``, in a private temp environment, cleaned up after."""
    root = Path(tempfile.mkdtemp(prefix=f"regress-{kind}-"))
    mark = uuid.uuid4().hex
    try:
        dirs = {name: root / name for name in ("home", "tmp", "tmux", "run", "config", "data", "state", "cache")}
        for path in dirs.values():
            path.mkdir(mode=0o700)
        work = root / "regress"
        shutil.copytree(script.parent, work)
        wrapper = root / "test-tmux"
        wrapper.write_text(WRAPPER.replace("PROGRAM", " ".join(f"'{w}'" for w in program)))
        wrapper.chmod(stat.S_IRWXU)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "XDG_", "MUNTIN"))}
        env |= {"HOME": str(dirs["home"]), "TMPDIR": str(dirs["tmp"]), "TMUX_TMPDIR": str(dirs["tmux"]),
                "XDG_RUNTIME_DIR": str(dirs["run"]), "XDG_CONFIG_HOME": str(dirs["config"]),
                "XDG_DATA_HOME": str(dirs["data"]), "XDG_STATE_HOME": str(dirs["state"]),
                "XDG_CACHE_HOME": str(dirs["cache"]), "SHELL": "/bin/sh", "TEST_TMUX": str(wrapper),
                MARK: mark}
        start = time.monotonic()
        child = subprocess.Popen(["sh", *(["-x"] if trace else []), script.name], cwd=work, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 errors="replace", start_new_session=True)
        try:
            stdout, stderr = child.communicate(timeout=timeout)
            code: int | None = child.returncode
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            stdout, stderr = child.communicate()
            code = None
        seconds = time.monotonic() - start
        sockets = [p for p in dirs["tmux"].rglob("*") if p.is_socket()]
        sockets += [p for p in dirs["run"].rglob("*") if p.is_socket()]
        for sock in sockets:
            try:
                subprocess.run([str(wrapper), "-S", str(sock), "kill-server"], env=env, timeout=15, cwd=root,
                               stdin=subprocess.DEVNULL, capture_output=True)
            except subprocess.TimeoutExpired:
                pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and marked_pids(mark):
            time.sleep(0.05)
        leftovers = end_marked(mark)
        passed = code == 0
        return Outcome(passed, "" if passed else reason_of(code, stdout, stderr), seconds, leftovers)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tmux-src", help="a tmux source tree, or its regress folder")
    source.add_argument("--git-dir", help="a git directory of tmux's repository (regress/ is extracted from it)")
    parser.add_argument("--ref", default="3.3a", help="the tag or commit to extract with --git-dir (3.3a)")
    parser.add_argument("--tmux", default="tmux", help="the tmux binary (tmux)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds per script run (300: every muntin command line starts Python)")
    parser.add_argument("--only", nargs="*", help="run only these scripts (names, with or without .sh)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    tmux = shutil.which(args.tmux)
    if tmux is None:
        parser.error(f"{args.tmux}: not found")
    muntin = [sys.executable, "-m", "muntin"]
    scratch = Path(tempfile.mkdtemp(prefix="regress-src-"))
    try:
        folder = extract(args.git_dir, args.ref, scratch) if args.git_dir else regress_dir(args.tmux_src)
        scripts = sorted(folder.glob("*.sh"))
        if args.only:
            wanted = {name.removesuffix(".sh") for name in args.only}
            scripts = [s for s in scripts if s.stem in wanted]
        results = {}
        width = max((len(s.stem) for s in scripts), default=6)
        print(f"{'script':<{width}}  tmux  muntin  reason (muntin)")
        for script in scripts:
            real = run_script(script, [tmux], "tmux", args.timeout)
            ours = run_script(script, muntin, "muntin", args.timeout)
            results[script.stem] = {"tmux": real.__dict__, "muntin": ours.__dict__}
            why = "" if ours.passed else ours.reason[:100]
            if not real.passed:
                why = f"{why}  (tmux: {real.reason[:60]})"
            left = [f"{kind} left {o.leftovers} process(es)" for kind, o in (("tmux", real), ("muntin", ours))
                    if o.leftovers]
            print(f"{script.stem:<{width}}  {'pass' if real.passed else 'FAIL':<4}  "
                  f"{'pass' if ours.passed else 'FAIL':<6}  {why}{'  [' + ', '.join(left) + ']' if left else ''}",
                  flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    good = [name for name, r in results.items() if r["tmux"]["passed"]]
    both = [name for name in good if results[name]["muntin"]["passed"]]
    print(f"tmux passes {len(good)} of {len(results)}, muntin passes {len(both)} of those {len(good)}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
