"""A workspace built in Python: one window per folder of the project, each with an editor and a shell.

Load it with `muntin load examples/workspace.py`. A .py layout file defines `workspace` (a Workspace) or
`build()` returning one; relative cwds are relative to this file.
"""

from __future__ import annotations

from pathlib import Path

from muntin.config.workspace import PaneSpec, SendSpec, SplitSpec, WindowSpec, Workspace

ROOT = Path(__file__).resolve().parent.parent


def window_for(folder: Path) -> WindowSpec:
    """An editor above a shell that lists the folder, in ``folder``."""
    return WindowSpec(
        name=folder.name,
        cwd=str(folder),
        root=SplitSpec("vertical", [
            PaneSpec(command="${EDITOR:-vi} .", size="70%", focus=True),
            PaneSpec(send=[SendSpec("ls"), SendSpec("git status --short .", enter=False)]),
        ]),
    )


def build() -> Workspace:
    folders = [ROOT / name for name in ("src", "tests", "examples") if (ROOT / name).is_dir()]
    return Workspace(session="muntin-py", cwd="..", env={"MUNTIN_LAYOUT": "py"},
                     windows=[window_for(folder) for folder in folders])
