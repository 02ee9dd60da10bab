"""A tmux user with a tmux configuration file and no muntin one is told how to use it; nobody else is."""

from __future__ import annotations

from pathlib import Path

from muntin.config.paths import tmux_config, tmux_config_note


def test_the_note_names_the_file_and_the_command_and_goes_with_a_config_toml(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert tmux_config(env) is None and tmux_config_note(env) is None
    conf = tmp_path / "xdg" / "tmux" / "tmux.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("set -g mouse on\n")
    assert tmux_config(env) == conf
    (tmp_path / ".tmux.conf").write_text("set -g mouse on\n")
    assert tmux_config(env) == tmp_path / ".tmux.conf"  # tmux looks there first
    note = tmux_config_note(env)
    assert note is not None and f"muntin -f {tmp_path / '.tmux.conf'}" in note
    (tmp_path / "xdg" / "muntin").mkdir()
    (tmp_path / "xdg" / "muntin" / "config.toml").write_text("")
    assert tmux_config_note(env) is None
