"""Where the user's files are: $XDG_CONFIG_HOME/muntin, else ~/.config/muntin."""

from __future__ import annotations

from pathlib import Path

import pytest

from muntin.config import config_dir, config_file, user_themes_dir


@pytest.mark.parametrize(("env", "expected"), [
    ({"XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/u"}, "/x/conf/muntin"),
    ({"HOME": "/home/u"}, "/home/u/.config/muntin"),
    ({"XDG_CONFIG_HOME": "", "HOME": "/home/u"}, "/home/u/.config/muntin"),
    ({"XDG_CONFIG_HOME": "relative/conf", "HOME": "/home/u"}, "/home/u/.config/muntin"),
])
def test_config_dir(env: dict[str, str], expected: str) -> None:
    assert config_dir(env) == Path(expected)
    assert config_file(env) == Path(expected) / "config.toml"
    assert user_themes_dir(env) == Path(expected) / "themes"


def test_config_dir_reads_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_file() == tmp_path / "muntin" / "config.toml"
