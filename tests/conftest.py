"""Test-wide guards: nothing a test starts may outlive the run.

Every process started during the run inherits ``MUNTIN_TEST_TOKEN``; at the end of the session any live
process still carrying it, any unreaped child, or any file descriptor opened and not closed fails the run.
"""

from __future__ import annotations

import os
import signal
import uuid
from pathlib import Path

import pytest
from _deadline import poll_until, poll_until_async  # noqa: F401 - for the tests: from conftest import ...

TOKEN = uuid.uuid4().hex
for _name in ("MUNTIN", "MUNTIN_PANE"):  # run from a muntin pane, the tests still never reach its server
    os.environ.pop(_name, None)
os.environ["MUNTIN_TEST_TOKEN"] = TOKEN
# Servers the tests start read settings from here (empty), never from the user's own config.toml.
_CONFIG_HOME = Path(__import__("tempfile").mkdtemp(prefix="muntin-test-config-"))
os.environ["XDG_CONFIG_HOME"] = str(_CONFIG_HOME)
__import__("atexit").register(__import__("shutil").rmtree, _CONFIG_HOME, True)
# And write their logs here, never into the user's own ~/.local/state.
_STATE_HOME = Path(__import__("tempfile").mkdtemp(prefix="muntin-test-state-"))
os.environ["XDG_STATE_HOME"] = str(_STATE_HOME)
__import__("atexit").register(__import__("shutil").rmtree, _STATE_HOME, True)


def _proc_stat(pid: int) -> tuple[str, int] | None:
    """(state, ppid) of a process, or None if it is gone."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = data[data.rfind(")") + 2 :].split()
    return rest[0], int(rest[1])


def _marked_processes() -> list[int]:
    """Live processes (other than this one) whose environment carries this run's token."""
    me = os.getpid()
    needle = f"MUNTIN_TEST_TOKEN={TOKEN}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            env = Path(f"/proc/{entry}/environ").read_bytes()
        except OSError:
            continue
        if needle in env.split(b"\0"):
            stat = _proc_stat(int(entry))
            if stat and stat[0] != "Z":
                found.append(int(entry))
    return found


def _zombie_children() -> list[int]:
    me = os.getpid()
    zombies = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _proc_stat(int(entry))
            if stat and stat[1] == me and stat[0] == "Z":
                zombies.append(int(entry))
    return zombies


def _open_fds() -> dict[int, str]:
    fds = {}
    for entry in os.listdir("/proc/self/fd"):
        try:
            fds[int(entry)] = os.readlink(f"/proc/self/fd/{entry}")
        except OSError:
            pass
    return fds


def _describe(pid: int) -> str:
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        cmd = "?"
    return f"{pid} ({cmd.strip()})"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """End-to-end tests (tests/e2e) are marked ``e2e`` and need tmux, which CI installs."""
    import shutil

    for item in items:
        if Path(str(item.fspath)).parent.name == "e2e":
            item.add_marker(pytest.mark.e2e)
            if shutil.which("tmux") is None:
                item.add_marker(pytest.mark.skip(reason="tmux is not installed (CI installs it)"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI (``CI`` set, as .ci/run does) a corpus test that skips fails: the corpus is in tests/corpus,
    so a skip there means the checkout is incomplete, and the emulator would go untested against tmux. So
    do the terminfo key test, the browser test and the tests that need tmux, whose programs .ci/run installs."""
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if "corpus" in item.nodeid.lower() or "corpus" in reason.lower():
        report.outcome = "failed"
        report.longrepr = f"a corpus test skipped in CI ({reason}): tests/corpus must be complete"
    elif "terminfo" in item.nodeid.lower():  # .ci/run installs infocmp and the tmux-256color entry
        report.outcome = "failed"
        report.longrepr = f"the terminfo key test skipped in CI ({reason})"
    elif item.nodeid.startswith("tests/web/test_browser"):  # .ci/run installs chromium
        report.outcome = "failed"
        report.longrepr = f"the browser test skipped in CI ({reason})"
    elif "tmux is not installed" in reason:  # .ci/run installs tmux: a comparison with it must run
        report.outcome = "failed"
        report.longrepr = f"a test that needs tmux skipped in CI ({reason})"


def alive(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie that its parent (or init) has not reaped yet has exited."""
    stat = _proc_stat(pid)
    return stat is not None and stat[0] != "Z"





@pytest.fixture(scope="session", autouse=True)
def no_leaks():
    """Fail the run if a test left a process, a zombie or a file descriptor behind."""
    fds_before = _open_fds()
    yield
    problems = []
    leftover = poll_until(lambda: not _marked_processes(), timeout=5.0) or _marked_processes()
    if leftover is not True and leftover:
        problems.append("processes left running: " + ", ".join(_describe(p) for p in leftover))
        for pid in leftover:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    zombies = _zombie_children()
    if zombies:
        problems.append("unreaped children (zombies): " + ", ".join(map(str, zombies)))
        for pid in zombies:
            os.waitpid(pid, 0)
    fds_after = _open_fds()
    leaked = {fd: target for fd, target in fds_after.items() if fd not in fds_before}
    # The fd that listed /proc/self/fd is closed again by the time we look; ignore anything under /proc.
    leaked = {fd: t for fd, t in leaked.items() if not t.startswith("/proc/")}
    if leaked:
        problems.append("file descriptors left open: " + ", ".join(f"{fd}->{t}" for fd, t in sorted(leaked.items())))
    if problems:
        pytest.fail("the test run leaked resources:\n  " + "\n  ".join(problems), pytrace=False)
