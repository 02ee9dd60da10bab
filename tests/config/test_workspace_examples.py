"""The example workspaces in examples/ load cleanly, and the workspace modules stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from muntin.config.workspace import SUFFIXES, dump_workspace, load_workspace

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(path for path in (ROOT / "examples").iterdir() if path.suffix in SUFFIXES)
EXPECTED_WARNINGS: dict[str, list[str]] = {}  # tmuxp-dev.yaml uses only keys muntin carries out


def test_there_is_an_example_of_each_kind() -> None:
    assert {path.suffix for path in EXAMPLES} >= {".toml", ".py", ".yaml"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_each_example_loads_cleanly_and_round_trips(path: Path, tmp_path: Path) -> None:
    result = load_workspace(path)
    assert result.problems == () and result.ok
    expected = EXPECTED_WARNINGS.get(path.name, [])
    assert len(result.warnings) == len(expected)
    assert all(f"'{key}'" in warning.message for key, warning in zip(expected, result.warnings))
    dumped = tmp_path / "dumped.toml"
    dumped.write_text(dump_workspace(result.workspace))
    assert load_workspace(dumped).workspace == result.workspace


@pytest.mark.parametrize("module", ["_tomlpos.py", "workspace.py", "tmuxp.py"])
def test_the_loaders_import_only_the_stdlib_yaml_and_muntin_config(module: str) -> None:
    tree = ast.parse((ROOT / "src" / "muntin" / "config" / module).read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    muntin = {name for name in names if name.split(".")[0] == "muntin"}
    assert all(name.startswith("muntin.config") for name in muntin)
    assert not {name.split(".")[0] for name in names} & {"textual", "pyte", "asyncio", "socket", "pty"}
