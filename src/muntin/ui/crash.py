"""A crash of the UI: one line on exit and a non-zero status instead of Textual's traceback screen."""

from __future__ import annotations

import shlex
import traceback
from pathlib import Path

from muntin.ui.literal import visible


class CrashGuard:
    """Mixed into the app before ``App``: an unhandled exception ends the app as Textual would (return code
    1, the exception kept for ``run_test`` to raise) but leaves no traceback on the terminal; ``crash`` says
    what went wrong and ``crash_log`` where the traceback was written, if it could be."""

    crash: str | None = None
    crash_log: Path | None = None
    crash_session: str | None = None
    crash_dir: Path | None = None  # where the traceback is written (the server's socket directory)

    def _handle_exception(self, error: Exception) -> None:  # Textual's hook for an unhandled exception
        if self.crash is None:
            from textual.worker import WorkerFailed

            cause = error.error if isinstance(error, WorkerFailed) else error  # the worker's own exception
            self.crash = f"{type(cause).__name__}: {cause}".splitlines()[0] if str(cause) else type(cause).__name__
            self.crash_log = _write_log(self.crash_dir, cause)
            try:  # the session shown, to say how to attach again (the widgets are gone after exit)
                self.crash_session = self.status.session or None
            except Exception:  # noqa: BLE001 - the crash may have come before or during compose
                self.crash_session = None
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._close_messages_no_wait()


def _write_log(directory: Path | None, error: Exception) -> Path | None:
    if directory is None:
        return None
    path = directory / "client-crash.log"
    try:
        path.write_text("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return path


def crash_line(crash: str, log: Path | None, session: str | None) -> str:
    """The one line printed when the UI has crashed: what, where the details are, how to get back."""
    where = f"; traceback in {log}" if log is not None else ""
    again = f"muntin attach -t {shlex.quote(session)}" if session else "muntin attach"
    return visible(f"muntin: the client crashed ({crash}){where}; the session is still running: {again}")
