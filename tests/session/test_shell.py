"""The shell a new pane runs is found as tmux finds it, so the same script names its windows alike."""

from __future__ import annotations

import os
import pwd

from muntin.session.pane import default_command, user_shell


def _account_shell() -> str:
    shell = pwd.getpwuid(os.getuid()).pw_shell
    return shell if shell and os.access(shell, os.X_OK) else "/bin/sh"


def test_shell_from_the_environment(monkeypatch):
    monkeypatch.setenv("SHELL", "/bin/sh")
    assert user_shell() == "/bin/sh"
    assert default_command() == ["/bin/sh"]


def test_without_shell_the_account_shell_is_used(monkeypatch):
    monkeypatch.delenv("SHELL", raising=False)
    assert user_shell() == _account_shell()


def test_a_relative_missing_or_directory_shell_is_not_used(monkeypatch, tmp_path):
    for bad in ("sh", str(tmp_path / "missing"), str(tmp_path)):
        monkeypatch.setenv("SHELL", bad)
        assert user_shell() == _account_shell(), bad
