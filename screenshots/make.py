#!/usr/bin/env python3
"""Regenerate the pictures in this folder from the real app.

Each picture starts a session on a real muntin server (a private socket in a temp dir), runs real programs
in its panes, attaches the real Textual app headless (``App.run_test``) and saves the screen as SVG. The
content is fixed: the status clock shows 12:00, panes run ``sh`` with a clean environment (``PS1='$ '``, no
host name or path) in a fixed folder of the temp dir, and coloured output comes from files the panes print.

    python screenshots/make.py                  # every picture, into this folder
    python screenshots/make.py --out /tmp/shots --only three-panes less

To add a picture: write ``async def my_picture(stage: Stage) -> str`` (build a session with
``stage.command``, then ``async with stage.attach(session) as (app, pilot)``, wait with ``stage.until``
and ``return stage.svg(app, title)``), and add it to PICTURES.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shlex
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from muntin.client import Connection, CommandResult, start_server
from muntin.ui import make_app
from muntin.ui.app import MuntinApp
from muntin.ui.status import HintPanel

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)  # the app's size in cells: the window is one row shorter (the status bar)
CLOCK = "12:00"
TIMEOUT = 15.0  # seconds any one wait may take

ESC = "\x1b"


def sgr(text: str, *codes: int | str) -> str:
    return f"{ESC}[{';'.join(map(str, codes))}m{text}{ESC}[0m"


# -- what the panes show -----------------------------------------------------------------------------------

def _ls_output() -> str:
    """``ls`` in three columns, coloured as GNU ls does by default (folders, programs, links)."""
    folder, program, link = (1, 34), (1, 32), (1, 36)
    rows = [
        [("bench", folder), ("docs", folder), ("pyproject.toml", None)],
        [("README.md", None), ("run-tests", program), ("src", folder)],
        [("examples", folder), ("shots", link), ("themes", folder)],
    ]
    widths = [11, 11, 0]
    lines = []
    for row in rows:
        line = ""
        for (name, colour), width in zip(row, widths):
            line += (sgr(name, *colour) if colour else name) + " " * max(width - len(name), 0)
        lines.append(line)
    return "\r\n".join(lines)


LEFT = (
    "$ ls\r\n" + _ls_output() + "\r\n"
    "$ ./run-tests -q\r\n"
    + sgr("........................................", 32) + " [ 61%]\r\n"
    + sgr("..........................", 32) + sgr("F", 31, 1) + " [100%]\r\n"
    + sgr("FAILED", 31) + " tests/ui/test_status.py::test_clock\r\n"
    + sgr("1 failed", 31, 1) + ", " + sgr("66 passed", 32) + " in 3.42s\r\n"
    "$ git status --short\r\n"
    + sgr(" M", 31) + " src/muntin/ui/status.py\r\n"
    + sgr("??", 31) + " shots/\r\n"
)

_LOG = [
    ("3f9c2d1", "(HEAD -> main, origin/main)", "Fix clock"),
    ("8a41e07", "", "Themes: add fjord and parchment"),
    ("c27b5f3", "", "Copy mode: search backwards"),
    ("51d0a9e", "(tag: v0.3.0)", "Layout files: pane env"),
    ("e6b3c18", "", "Status bar: window tabs, zoom flag"),
    ("09fa7c4", "", "Server: remain-on-exit failed"),
    ("7d2e615", "", "Emulator: wide characters"),
]


def _log_line(sha: str, refs: str, subject: str) -> str:
    if refs:
        inner = refs[1:-1].replace("HEAD -> ", f"{ESC}[1;36mHEAD -> {ESC}[1;32m", 1)
        inner = inner.replace("origin/main", f"{ESC}[1;31morigin/main{ESC}[33m")
        inner = inner.replace("tag: v0.3.0", f"{ESC}[1;33mtag: v0.3.0{ESC}[33m")
        refs = f"{ESC}[33m({inner}{ESC}[33m){ESC}[0m "
    return f"{sgr('*', 31)} {sgr(sha, 33)} {refs}{subject}"


LOG = "$ git log --oneline --graph\r\n" + "\r\n".join(_log_line(*entry) for entry in _LOG) + "\r\n"

PYTHON_LINES = [
    "from collections import Counter",
    "words = 'a rose is a rose is a rose'.split()",
    "Counter(words).most_common(2)",
    "sorted(set(words), key=len)",
]

NOTES = """\
muntin: notes for the next release
==================================

Sessions keep running on the server when
you detach; `muntin attach` brings them back
as they were, scrollback included.

Keys
----
  ctrl+b %       split left/right
  ctrl+b "       split top/bottom
  ctrl+b arrows  move to the next pane
  ctrl+b z       zoom the pane (and back)
  ctrl+b [       copy mode: scroll, search
  ctrl+b d       detach

Layout files
------------
A layout file names a session, its windows
and their panes, with the command, working
folder and environment of each pane;
`muntin load-layout FILE` builds it.

Themes
------
Borders, the status bar and the 16 ANSI
colours come from a theme: terminal, fjord,
parchment, ember, morning, vampire-night
and high-contrast ship with muntin.
"""

DEPLOY = (
    "building image muntin:0.4.0 ... " + sgr("done", 32) + "\r\n"
    "pushing image to registry ...   " + sgr("done", 32) + "\r\n"
    "running migrations ...\r\n"
    "  0007_add_sessions_table       " + sgr("ok", 32) + "\r\n"
    "  0008_pane_titles              " + sgr("FAILED", 31, 1) + "\r\n"
    + sgr("error:", 31, 1) + " column \"title\" already exists\r\n"
    "rolling back 0008_pane_titles\r\n"
)


# -- the stage: a server, a clean folder, and helpers ------------------------------------------------------

class Stage:
    """A running server on a private socket and a folder for the panes; commands and attaching."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"  # the panes' working folder (shown nowhere: PS1 is '$ ')
        self.home.mkdir()
        self.socket = root / "sock" / "muntin"
        self.socket.parent.mkdir(mode=0o700)
        self.config = root / "config.toml"  # empty: the default settings, not the user's
        self.config.write_text("")
        self.env = ["env", "-i", f"PATH={os.environ.get('PATH', '/usr/bin:/bin')}", f"HOME={self.home}",
                    "TERM=tmux-256color", "PS1=$ ", "LANG=C.UTF-8", "LESSHISTFILE=-", "PYTHONSTARTUP="]

    # server and commands

    def command(self, *argv: str) -> CommandResult:
        """Run one command on the server; a failure stops the picture."""
        with Connection.open(self.socket) as connection:
            result = connection.command(list(argv))
        if not result.ok:
            raise RuntimeError(f"{shlex.join(argv)}: {result.error or result.output}")
        return result

    def pane(self, title: str, text: str = "", then: list[str] | None = None, *, wait: bool = False) -> list[str]:
        """argv for a pane in the clean environment: set the pane's title, print ``text`` and run ``then``
        (default: ``sh``, whose prompt is ``$ ``). With ``wait`` it first waits for Enter (not echoed), so
        that it prints at its final size once the layout is built: see ``release``."""
        steps = [f"printf '\\033]2;%s\\007' {shlex.quote(title)}"]
        if wait:
            steps.append("stty -echo; read _; stty echo")
        if text:
            name = f".{title}-{len(list(self.home.glob('.*.ans')))}.ans"
            (self.home / name).write_text(text)
            steps.append(f"cat {name}")
        steps.append("exec " + shlex.join(then or ["sh"]))
        return [*self.env, "sh", "-c", "; ".join(steps)]

    def release(self, *targets: str) -> None:
        """Let panes made with ``pane(..., wait=True)`` print."""
        for target in targets:
            self.command("send-keys", "-t", target, "Enter")

    def screen(self, target: str) -> str:
        """A pane's screen as text, as the server has it."""
        return self.command("capture-pane", "-p", "-t", target).output

    async def type(self, pilot, target: str, *lines: str, prompt: str | None = "$ ") -> None:
        """Type each line into a pane and press Enter; with a ``prompt``, wait for it before each line and
        after the last (so nothing is typed ahead and echoed out of place)."""
        def at_prompt(count: int) -> bool:
            text = self.screen(target).rstrip()
            return text.count(prompt.rstrip()) > count and text.endswith(prompt.rstrip())

        for line in lines:
            seen = -1
            if prompt:
                await self.until(pilot, lambda: at_prompt(0), f"{prompt!r} in {target}")
                seen = self.screen(target).count(prompt.rstrip())
            self.command("send-keys", "-t", target, "-l", line)
            self.command("send-keys", "-t", target, "Enter")
            if prompt:
                await self.until(pilot, lambda: at_prompt(seen), f"{line!r} to finish in {target}")

    def new_session(self, name: str, argv: list[str], window: str = "") -> None:
        width, height = SIZE
        self.command("new-session", "-d", "-s", name, *(["-n", window] if window else []), "-c", str(self.home),
                     "-x", str(width), "-y", str(height - 1), "--", *argv)

    def split(self, target: str, argv: list[str], *flags: str) -> str:
        """Split ``target``; the new pane's id as ``%N``."""
        result = self.command("split-window", *flags, "-c", str(self.home), "-t", target, "--", *argv)
        return _pane_target(result.data["pane"])

    # the app

    @contextlib.asynccontextmanager
    async def attach(self, session: str, theme: str = "terminal") -> AsyncIterator[tuple[MuntinApp, object]]:
        app = make_app(self.socket, session, theme_name=theme, config_path=self.config, clock_format=CLOCK)
        async with app.run_test(size=SIZE) as pilot:
            await self.until(pilot, lambda: app.active is not None and app.view.panes, "the app to attach")
            yield app, pilot
        self.command("kill-session", "-t", session)  # the next picture may use the same name

    @staticmethod
    async def until(pilot, predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"gave up waiting for {what} after {timeout:g}s")
            await pilot.pause(0.02)

    async def settle(self, pilot) -> None:
        """A few more frames so the last updates are drawn."""
        for _ in range(5):
            await pilot.pause(0.02)

    @staticmethod
    def svg(app: MuntinApp, title: str) -> str:
        return app.export_screenshot(title=title)


def screen_text(app: MuntinApp) -> str:
    """The window's text as the app draws it (every pane, borders and titles)."""
    return "\n".join(app.view.render_line(y).text for y in range(app.view.size.height))


def pane_ids(stage: Stage, session: str) -> list[str]:
    import json

    panes = json.loads(stage.command("list-panes", "-s", "-t", session, "--json").output)
    return [_pane_target(pane["id"]) for pane in panes]


def _pane_target(pane_id) -> str:
    return str(pane_id) if str(pane_id).startswith("%") else f"%{pane_id}"


# -- the pictures ------------------------------------------------------------------------------------------

async def _three_panes(stage: Stage, theme: str) -> str:
    """An editor-free working day: a shell (ls, tests, git status), git log, and python."""
    stage.new_session("demo", stage.pane("shell", LEFT, wait=True), window="work")
    left = pane_ids(stage, "demo")[0]
    log = stage.split(left, stage.pane("git", LOG, wait=True), "-h")
    python = stage.split(log, stage.pane("python", then=[sys.executable, "-q"]), "-v")
    stage.command("new-window", "-d", "-t", "demo", "-n", "logs", "-c", str(stage.home), "--", *stage.pane("logs"))
    stage.command("select-pane", "-t", left)
    async with stage.attach("demo", theme) as (app, pilot):
        await stage.until(pilot, lambda: len(app.view.panes) == 3, "three panes")
        stage.release(left, log)
        await stage.type(pilot, python, *PYTHON_LINES, prompt=">>> ")
        await stage.until(pilot, lambda: "shots/" in screen_text(app) and "Emulator: wide" in screen_text(app)
                          and screen_text(app).count(">>>") == len(PYTHON_LINES) + 1, "the panes' output")
        await stage.settle(pilot)
        return stage.svg(app, "muntin")


async def three_panes(stage: Stage) -> str:
    return await _three_panes(stage, "terminal")


async def theme_fjord(stage: Stage) -> str:
    return await _three_panes(stage, "fjord")


async def theme_parchment(stage: Stage) -> str:
    return await _three_panes(stage, "parchment")


async def less(stage: Stage) -> str:
    """``less`` on the alternate screen in the right pane, a shell on the left."""
    (stage.home / "NOTES.txt").write_text(NOTES)
    stage.new_session("demo", stage.pane("shell"), window="notes")
    shell = pane_ids(stage, "demo")[0]
    viewer = stage.split(shell, stage.pane("less"), "-h")
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: len(app.view.panes) == 2 and screen_text(app).count("$ ") == 2,
                          "two prompts")
        await stage.type(pilot, shell, "wc -l NOTES.txt", "grep -c 'ctrl+b' NOTES.txt")
        await stage.type(pilot, viewer, "less NOTES.txt", prompt=None)
        await stage.until(pilot, lambda: "NOTES.txt" in screen_text(app) and "Layout files" in screen_text(app),
                          "less")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: less")


async def prefix_hints(stage: Stage) -> str:
    """The panel of every key that may follow the prefix, shown after ctrl+b."""
    stage.new_session("demo", stage.pane("shell", LEFT, wait=True), window="work")
    left = pane_ids(stage, "demo")[0]
    log = stage.split(left, stage.pane("git", LOG, wait=True), "-h")
    stage.command("select-pane", "-t", left)
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: len(app.view.panes) == 2, "two panes")
        stage.release(left, log)
        await stage.until(pilot, lambda: "shots/" in screen_text(app) and "Emulator: wide" in screen_text(app),
                          "the panes' output")
        await pilot.press("ctrl+b")
        panel = app.query_one(HintPanel)
        await stage.until(pilot, lambda: panel.display and panel.hints and panel.size.height > 0, "the hints")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: after ctrl+b")


async def dead_pane(stage: Stage) -> str:
    """A command that failed: its pane stays (remain-on-exit) with the report under its output."""
    stage.command("set-option", "-g", "remain-on-exit", "failed")  # the default, said out loud
    stage.new_session("demo", stage.pane("shell"), window="deploy")
    shell = pane_ids(stage, "demo")[0]
    # Split at once, so the failing command starts at its final size and ends in well under 0.05s: its
    # report says "after 0.0s" every time.
    failing = stage.split(shell, stage.pane("deploy", DEPLOY, ["sh", "-c", "exit 3"]), "-h")
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: "[exited with status 3" in screen_text(app), "the exit report")
        stage.command("select-pane", "-t", failing)
        await stage.until(pilot, lambda: app.active == int(failing.lstrip("%")), "the dead pane to be active")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: a failed command")


BUILD_LOG = "".join(
    f"{sgr('[%02d:%02d]' % (9 + n // 60, n % 60), 2)} "
    + (f"{sgr('error', 31, 1)}: test_{name} failed: expected 3 panes, got 2" if n % 11 == 7 else
       f"{sgr('ok', 32)}    compile src/muntin/{name}.py")
    + "\r\n"
    for n, name in enumerate(["layout", "server", "client", "emulator", "keys", "status", "theme", "copy",
                              "window", "pane", "borders", "render", "config", "session", "buffers"] * 4)
)


async def copy_mode(stage: Stage) -> str:
    """Copy mode over a build log: scrolled back, every match of a search highlighted, two lines selected."""
    stage.new_session("demo", stage.pane("build", BUILD_LOG.replace("\r\n", "\n")), window="build")
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: "$ " in screen_text(app), "the log and a prompt")
        pane = app.view.panes[app.active]
        await pilot.press("ctrl+b", "left_square_bracket")
        await stage.until(pilot, lambda: pane.copy is not None, "copy mode")
        await pilot.press("ctrl+u", "question_mark", *"error", "enter")
        await stage.until(pilot, lambda: pane.copy is not None and any(
            kind == "current" for marks in pane.copy.marks.values() for *_, kind in marks), "the search")
        await pilot.press("j", "j", "V", "j")
        await stage.until(pilot, lambda: any(kind == "selection" for marks in pane.copy.marks.values()
                                             for *_, kind in marks), "the selection")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: copy mode")


async def restored(stage: Stage) -> str:
    """What ``muntin resurrect`` brings back after a reboot: a shell with its history above the marked line
    and a new prompt, and a program (not one of resurrect-programs) waiting for Enter."""
    from muntin.client.resurrect import Resurrector
    from muntin.config.state import SavedPane, SavedSession, SavedWindow

    saved = time.mktime((2026, 12, 1, 14, 3, 0, 0, 0, -1))
    env = {"PS1": "$ ", "HOME": str(stage.home), "LANG": "C.UTF-8"}
    build = tuple(BUILD_LOG.split("\r\n")[:9])
    width, height = SIZE
    session = SavedSession("demo", path=str(stage.home), width=width, height=height - 1, windows=(
        SavedWindow(0, name="work", active=0, panes=(
            SavedPane(cwd=str(stage.home), env=env, history=("$ make check", *build, "$ git status --short",
                                                              f" M {sgr('src/muntin/server/server.py', 31)}")),
            SavedPane(cwd=str(stage.home), env=env, command=("python3", "-m", "http.server", "8000"),
                      history=("$ python3 -m http.server 8000", "Serving HTTP on 0.0.0.0 port 8000 ...",
                               '127.0.0.1 - - [01/Dec/2026 14:01:12] "GET / HTTP/1.1" 200 -'))),),))
    stage.command("set-option", "-g", "default-shell", "/bin/sh")
    try:
        with Connection.open(stage.socket) as connection:
            Resurrector(connection).restore(session, saved)
    finally:
        stage.command("set-option", "-gu", "default-shell")
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: screen_text(app).count("restored from 2026-12-01 14:03") == 2
                          and "press Enter to run: python3 -m http.server 8000" in screen_text(app)
                          and "$" in screen_text(app).split("restored from", 2)[1], "the restored panes")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: restored by muntin resurrect")


POPUP = (f"{sgr('On branch', 1)} main\n"
         f"Changes not staged for commit:\n  {sgr('modified:   src/muntin/server/server.py', 31)}\n"
         f"  {sgr('modified:   README.md', 31)}\n\n")


async def popup(stage: Stage) -> str:
    """``display-popup -E -T status`` over two panes: a shell in a bordered, titled box in the middle."""
    stage.new_session("demo", stage.pane("shell", LEFT, wait=True), window="work")
    left = pane_ids(stage, "demo")[0]
    log = stage.split(left, stage.pane("git", LOG, wait=True), "-h")
    async with stage.attach("demo") as (app, pilot):
        await stage.until(pilot, lambda: len(app.view.panes) == 2, "two panes")
        stage.release(left, log)
        await stage.until(pilot, lambda: "Emulator: wide" in screen_text(app), "the panes' output")
        opened = stage.command("display-popup", "-E", "-T", "git status", "-w", "60%", "-h", "50%", "-d",
                               str(stage.home), "--", *stage.pane("status", POPUP))
        box = int(opened.data["pane"].lstrip("%"))
        await stage.until(pilot, lambda: box in app.view.floating and "README.md" in screen_text(app)
                          and screen_text(app).count("$ ") >= 2, "the popup")
        await stage.settle(pilot)
        return stage.svg(app, "muntin: display-popup")


Picture = Callable[[Stage], Awaitable[str]]

PICTURES: dict[str, Picture] = {
    "three-panes": three_panes,
    "less": less,
    "prefix-hints": prefix_hints,
    "dead-pane": dead_pane,
    "copy-mode": copy_mode,
    "restored": restored,
    "popup": popup,
    "theme-fjord": theme_fjord,
    "theme-parchment": theme_parchment,
}


# -- running -----------------------------------------------------------------------------------------------

def stop_server(stage: Stage) -> None:
    """Kill the server (and so every pane) and wait for its socket to go."""
    try:
        with Connection.open(stage.socket) as connection:
            connection.command(["kill-server"])
    except (OSError, ConnectionError):
        pass
    deadline = time.monotonic() + 10
    while stage.socket.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not go away: {stage.socket} is still there")
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the SVGs (default: %(default)s)")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=list(PICTURES),
                        help="just these pictures: " + ", ".join(PICTURES))
    args = parser.parse_args(argv)
    names = args.only or list(PICTURES)
    args.out.mkdir(parents=True, exist_ok=True)
    # Nothing of the user's: no config, no themes of their own.
    with tempfile.TemporaryDirectory(prefix="muntin-shots-") as tmp:
        root = Path(tmp)
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")
        os.environ["XDG_STATE_HOME"] = str(root / "state")  # the server's log and saved sessions too
        stage = Stage(root)
        start_server(stage.socket)
        try:
            # The server ends with its last session: this one keeps it up between pictures.
            stage.command("new-session", "-d", "-s", "keep", "-c", str(stage.home), "--", *stage.pane("keep"))
            for name in names:
                svg = asyncio.run(PICTURES[name](stage))
                target = args.out / f"{name}.svg"
                target.write_text(svg)
                print(f"wrote {target}")
        finally:
            stop_server(stage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
