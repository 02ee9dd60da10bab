"""tmuxp workspace files built by `muntin load -d` and by `tmuxp load -d` in tmux, compared: structure, active
window and panes, pane sizes at 80x24, start directories and the lines typed."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMUX_CONF = "set -g default-size 80x24\nset -g default-shell /bin/sh\n"
FORMAT = "\t".join(("#{window_index}", "#{window_name}", "#{window_active}", "#{pane_active}", "#{pane_width}x#{pane_height}",
                    "#{pane_current_path}", "#{pane_id}"))
SETTLE = 1.0  # seconds every screen must stay the same before it is read
DEADLINE = 25.0


@dataclass(frozen=True)
class Built:
    """What one program made of a file: the session's name, and per window its name, whether it is current
    and per pane (size, active, directory, typed lines); or why it could not be built."""

    session: str = ""
    windows: tuple = ()
    error: str = ""


def default_files() -> list[Path]:
    examples = [path for path in sorted((ROOT / "examples").iterdir()) if path.suffix in (".yaml", ".yml", ".json")]
    return examples + sorted((ROOT / "bench" / "tmuxp").iterdir())


def _lines(screen: str) -> tuple[str, ...]:
    """A screen's non-empty lines with runs of spaces made one (tmuxp types a space before each command)."""
    return tuple(" ".join(line.split()) for line in screen.splitlines() if line.strip())


class Program:
    """One multiplexer's command line on a private server."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.env = env

    def run(self, *words: str, check: bool = True) -> str:
        result = subprocess.run([*self.argv, *words], capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL, env=self.env)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(words[:2])}: {result.stderr.strip() or result.returncode}")
        return result.stdout

    def built(self) -> Built:
        session = self.run("list-sessions", "-F", "#{session_name}").split("\n")[0]
        rows = [line.split("\t")[1:] + [line.split("\t")[0]] for line in self.run("list-panes", "-s", "-t", session, "-F", FORMAT).splitlines()]
        screens, deadline = {}, time.monotonic() + DEADLINE
        stable_since = time.monotonic()
        while time.monotonic() < deadline:  # every pane quiet for SETTLE seconds
            now = {row[5]: self.run("capture-pane", "-p", "-t", row[5]) for row in rows}
            if now != screens:
                screens, stable_since = now, time.monotonic()
            elif time.monotonic() - stable_since >= SETTLE:
                break
            time.sleep(0.1)
        windows: list[tuple] = []
        indexes: list[str] = []
        for name, window_active, pane_active, size, path, pane, index in rows:
            if not indexes or indexes[-1] != index:
                indexes.append(index)
                windows.append((name, window_active == "1", []))
            windows[-1][2].append((size, pane_active == "1", path, _lines(screens.get(pane, ""))))
        return Built(session, tuple((name, active, tuple(panes)) for name, active, panes in windows))


def build_muntin(path: Path, env: dict[str, str], scratch: Path) -> Built:
    muntin = Program([sys.executable, "-m", "muntin", "-S", str(scratch / "muntin.sock")], env)
    try:
        muntin.run("load", "-d", str(path))
        return muntin.built()
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return Built(error=str(error))
    finally:
        muntin.run("kill-server", check=False)


def build_tmuxp(path: Path, env: dict[str, str], scratch: Path, tmuxp: str) -> Built:
    socket = f"tmuxp-compare-{os.getpid()}"
    conf = scratch / "tmux.conf"
    conf.write_text(TMUX_CONF)
    tmux = Program(["tmux", "-L", socket, "-f", str(conf)], env)
    try:
        result = subprocess.run([tmuxp, "load", "-d", "-y", "--no-progress", "-L", socket, "-f", str(conf), str(path)],
                                capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, env=env)
        if result.returncode != 0:
            return Built(error=f"tmuxp load: {(result.stderr or result.stdout).strip().splitlines()[-1:]}")
        # tmux names a window after its pane's program on a timer; until the program's exec that is `tmux`
        # itself (its fork), so the names are read once none is
        deadline = time.monotonic() + 5
        while "tmux" in tmux.run("list-windows", "-a", "-F", "#{window_name}").split() and \
                time.monotonic() < deadline:
            time.sleep(0.1)
        return tmux.built()
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return Built(error=str(error))
    finally:
        tmux.run("kill-server", check=False)


def differences(mine: Built, theirs: Built) -> tuple[list[str], list[str]]:
    """What differs in structure (names, windows, panes, sizes, active ones, directories) and in the panes'
    text, in words."""
    if mine.error or theirs.error:
        return [line for line in (f"muntin: {mine.error}" if mine.error else "",
                                  f"tmuxp: {theirs.error}" if theirs.error else "") if line], []
    out, text = [], []
    if mine.session != theirs.session:
        out.append(f"session {mine.session!r} != {theirs.session!r}")
    if [w[0] for w in mine.windows] != [w[0] for w in theirs.windows]:
        out.append(f"windows {[w[0] for w in mine.windows]} != {[w[0] for w in theirs.windows]}")
    for (name, active, panes), (_, their_active, their_panes) in zip(mine.windows, theirs.windows):
        if active != their_active:
            out.append(f"{name}: current {active} != {their_active}")
        if len(panes) != len(their_panes):
            out.append(f"{name}: {len(panes)} panes != {len(their_panes)}")
            continue
        for what, index in (("sizes", 0), ("active", 1), ("directories", 2), ("typed lines", 3)):
            ours, other = [p[index] for p in panes], [p[index] for p in their_panes]
            if ours != other:
                (text if index == 3 else out).append(f"{name}: {what} {ours} != {other}")
    return out, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, help="tmuxp files (default: examples/ and bench/tmuxp/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every difference in full")
    args = parser.parse_args()
    tmuxp = shutil.which("tmuxp") or str(Path(sys.executable).with_name("tmuxp"))
    if not Path(tmuxp).exists():
        print("tmuxp is not installed (pip install tmuxp): only muntin's side would run", file=sys.stderr)
        return os.EX_UNAVAILABLE
    files = [path.resolve() for path in (args.files or default_files())]
    identical = same_structure = failed = 0
    start = os.getcwd()
    print(f"{'file':<36} {'result':<10} differences")
    with tempfile.TemporaryDirectory(prefix="tmuxp-compare-") as tmp:
        scratch = Path(tmp)
        (scratch / "sub").mkdir()
        os.chdir(scratch)  # both servers start their panes here: what their programs leave (vim's swap files) goes with it
        env = {key: value for key, value in os.environ.items() if key not in ("TMUX", "TMUX_PANE")}
        env.update(SHELL="/bin/sh", TMUXP_BENCH="bench", TMUXP_BENCH_DIR=str(scratch), TMUXP_PROGRESS="0")
        for path in files:
            path = path.resolve()
            theirs = build_tmuxp(path, env, scratch, tmuxp)
            structure, text = differences(build_muntin(path, env, scratch), theirs)
            failed += bool(theirs.error)
            same_structure += not structure
            identical += not structure and not text
            found = structure + text
            shown = found if args.verbose else [line[:150] for line in found[:3]]
            result = "identical" if not found else "tmuxp fails" if theirs.error else \
                "text" if not structure else "differs"
            print(f"{path.parent.name + '/' + path.name:<36} {result:<10} {'; '.join(shown)}")
        os.chdir(start)
    print(f"{same_structure} of {len(files)} build the same structure, {identical} also the same pane text; "
          f"tmuxp itself fails on {failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
