"""config is the lowest layer: it imports nothing of muntin but itself."""

from __future__ import annotations

import ast
from pathlib import Path

import muntin.config

CONFIG = Path(muntin.config.__file__).parent


def test_config_imports_only_itself_and_the_stdlib() -> None:
    outside = []
    for source in sorted(CONFIG.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            outside += [f"{source.name}: {name}" for name in names
                        if name.split(".")[0] in ("muntin", "textual", "pyte", "rich")
                        and not name.startswith("muntin.config")]
    assert outside == []
