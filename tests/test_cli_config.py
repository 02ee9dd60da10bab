"""``muntin check-config`` and the UI options (-f, --theme) of the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from muntin.ui import make_app


def muntin(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "muntin", *args], capture_output=True, text=True, timeout=30,
                          env={**os.environ, **(env or {})})


def test_check_config_names_each_problem_with_its_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('prefix = "C-a"\nremain-on-exit = "maybe"\n[keys.prefix]\n"|" = "split-window -q"\n')
    result = muntin("check-config", "-f", str(config))
    assert result.returncode == os.EX_CONFIG
    assert f"{config}:2: remain-on-exit: expected one of off, on, failed, got 'maybe'" in result.stderr
    assert f"{config}:4: split-window: unknown flag -q" in result.stderr
    assert muntin("-f", str(config), "check-config").returncode == os.EX_CONFIG


def test_check_config_of_a_good_file_and_of_the_default_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('prefix = "C-a"\nmouse = false\n[keys.prefix]\n"|" = "split-window -h"\n')
    assert muntin("check-config", "-f", str(config)).returncode == os.EX_OK
    home = tmp_path / "xdg"
    (home / "muntin").mkdir(parents=True)
    (home / "muntin" / "config.toml").write_text("history-limit = -5\n")
    result = muntin("check-config", env={"XDG_CONFIG_HOME": str(home)})
    assert result.returncode == os.EX_CONFIG and "config.toml:1:" in result.stderr


def test_theme_option_and_unknown_theme(tmp_path: Path) -> None:
    app = make_app(tmp_path / "sock", theme_name="fjord", config_path=tmp_path / "none.toml")
    assert app.theme_name == "fjord"
    app = make_app(tmp_path / "sock", theme_name="no-such-theme", config_path=tmp_path / "none.toml")
    assert app.theme_name == "terminal"
    assert any("no theme called 'no-such-theme'" in problem for problem in app.startup_problems)  # shown in the UI


def test_command_help_comes_from_the_table() -> None:
    result = muntin("wait-for", "--help")
    assert result.returncode == 0 and result.stdout.startswith("wait-for") and "--timeout" in result.stdout
    assert muntin("no-such-command", "--help").returncode == os.EX_USAGE


def test_a_bad_global_option_is_a_one_line_usage_error() -> None:
    for args in (("-Q",), ("-L",), ("--theme",)):
        result = muntin(*args)
        assert result.returncode == os.EX_USAGE, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("muntin: "), result.stderr
