"""The examples in docs/config.md are valid: the config example and the user theme example load cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from muntin.config import Theme, parse_config
from muntin.config.settings import OPTION_NAMES
from muntin.config.theme import UI_KEYS, parse_theme, shipped_themes

DOC = Path(__file__).resolve().parents[2] / "docs" / "config.md"


def _toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOC.read_text(), re.S)


def test_config_example_has_no_problems() -> None:
    result = parse_config(_toml_blocks()[0], "config.md", {theme.name for theme in shipped_themes().loaded})
    assert result.problems == []
    assert result.settings.theme == "fjord" and result.settings.base_index == 1
    assert sum(binding.unbind for binding in result.bindings_with_lines) == 2


def test_theme_example_loads() -> None:
    assert isinstance(parse_theme(_toml_blocks()[1], "harbour.toml", "harbour"), Theme)


def test_every_setting_ui_key_and_shipped_theme_is_documented() -> None:
    text = DOC.read_text()
    assert [name for name in OPTION_NAMES if f"`{name.split('.')[-1]}`" not in text] == []
    assert [key for key in UI_KEYS if f"`{key}`" not in text] == []
    assert [t.name for t in shipped_themes().loaded if f"`{t.name}`" not in text] == []


def test_readme_config_example_has_no_problems() -> None:
    readme = DOC.parents[1] / "README.md"
    block = next(b for b in re.findall(r"```toml\n(.*?)```", readme.read_text(), re.S) if "config.toml" in b)
    result = parse_config(block, "README.md", {theme.name for theme in shipped_themes().loaded})
    assert result.problems == []
    assert result.settings.prefix == "C-a" and str(result.settings.mode_keys) == "vi"
    assert any(b.table == "copy-mode-vi" for b in result.bindings_with_lines)
