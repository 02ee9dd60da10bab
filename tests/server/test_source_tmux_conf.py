"""source-file of a file in tmux's syntax: the whole file parsed as tmux does, each problem as FILE:LINE, and
a bad line never stops the lines after it; -n, -v, -q, -F, several paths and globs, and the nesting limit."""

from __future__ import annotations

import os
from pathlib import Path

from _mux import Mux, mux  # noqa: F401 - the fixture


def option(mux: Mux, name: str) -> str:
    return mux("show-options", "-gv", name).output.rstrip("\n")


def test_blocks_over_lines_and_a_bad_line_that_stops_nothing(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    conf = tmp_path / "t.conf"
    conf.write_text("set -g status-left 'one'\n"
                    "set -g no-such-option-at-all 1\n"
                    "bind x {\n  split-window\n  select-layout tiled\n}\n"
                    "nosuchcommand\n"
                    "W=wide\n"
                    "set -g status-right \"$W\" \\\n  ; set -g history-limit 123\n")
    result = mux.try_("source-file", str(conf))
    assert not result.ok and result.code == os.EX_CONFIG
    lines = result.error.removeprefix("source-file: ").splitlines()
    assert lines[0].startswith(f"{conf}:2: ") and "no-such-option-at-all" in lines[0], lines
    assert lines[1].startswith(f"{conf}:7: ") and "nosuchcommand" in lines[1], lines
    assert len(lines) == 2, lines
    assert option(mux, "status-left") == "one"
    assert option(mux, "status-right") == "wide"
    assert option(mux, "history-limit") == "123"
    assert "split-window ; select-layout tiled" in mux("list-keys", "-T", "prefix").output


def test_parse_only_verbose_quiet_format_and_globs(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    (tmp_path / "one.conf").write_text("set -g status-left one\n")
    (tmp_path / "two.conf").write_text("set -g status-right two\n")
    checked = mux("source-file", "-nv", str(tmp_path / "one.conf"))
    assert checked.output.rstrip() == f"{tmp_path}/one.conf:1: set -g status-left one"
    assert option(mux, "status-left") != "one"  # -n runs nothing
    assert mux("source-file", "-q", str(tmp_path / "absent.conf")).ok
    missing = mux.try_("source-file", str(tmp_path / "absent.conf"))
    assert not missing.ok and missing.code == os.EX_NOINPUT
    mux("source-file", str(tmp_path / "*.conf"))
    assert option(mux, "status-left") == "one"
    assert option(mux, "status-right") == "two"
    mux("source-file", "-qF", str(tmp_path / "#{session_name}.conf"))  # a.conf: none, and -q
    (tmp_path / "a.conf").write_text("set -g status-left from-format\n")
    mux("source-file", "-F", str(tmp_path / "#{session_name}.conf"))
    assert option(mux, "status-left") == "from-format"


def test_a_file_sourcing_itself_stops_at_the_nesting_limit(mux: Mux, tmp_path: Path) -> None:  # noqa: F811
    mux("new", "-d", "-s", "a", "--", "cat")
    conf = tmp_path / "self.conf"
    conf.write_text(f"source-file {conf}\n")
    result = mux.try_("source-file", str(conf))
    assert not result.ok and "too many nested files" in result.error


def test_check_config_reads_a_tmux_file_and_reports_each_problem(tmp_path: Path) -> None:
    import subprocess
    import sys

    conf = tmp_path / "t.conf"
    conf.write_text("set -g mouse on\nset -g wrap-search off\nbind x {\n  split-window\n}\nsplit-window -Q\n"
                    "set -g history-limit lots\n")
    result = subprocess.run([sys.executable, "-m", "muntin", "check-config", "-f", str(conf)], capture_output=True,
                            text=True, timeout=60, stdin=subprocess.DEVNULL)
    lines = result.stderr.splitlines()
    assert result.returncode == os.EX_CONFIG
    assert [line.split(": ", 1)[0] for line in lines] == [f"{conf}:2", f"{conf}:6", f"{conf}:7"], lines
    assert "muntin does not have option wrap-search" in lines[0] and "-Q" in lines[1] and "lots" in lines[2]
    conf.write_text("set -g mouse on\nset -g status-format[1] '#S'\nset -as terminal-overrides ',*:am@'\n")
    clean = subprocess.run([sys.executable, "-m", "muntin", "check-config", "-f", str(conf)], capture_output=True,
                           text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert clean.returncode == 0 and clean.stderr == ""
