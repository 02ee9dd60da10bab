"""The process core: programs started on ptys (os.forkpty), signalled, resized, reaped and reported."""

from __future__ import annotations

from muntin.process._child import DEFAULT_TERM, Child, SpawnError, build_env, process_argv, process_cwd, process_name, spawn, wait_gone, which
from muntin.process._reaper import Reaper, reaper_for
from muntin.process._restore import ask_text, restore_argv, wrapped
from muntin.process._status import EndedBy, ExitKind, ExitStatus, signal_name

__all__ = [
    "DEFAULT_TERM",
    "Child",
    "EndedBy",
    "ExitKind",
    "ExitStatus",
    "Reaper",
    "ask_text",
    "SpawnError",
    "build_env",
    "process_argv",
    "process_cwd",
    "process_name",
    "reaper_for",
    "restore_argv",
    "signal_name",
    "spawn",
    "wait_gone",
    "which",
    "wrapped",
]
