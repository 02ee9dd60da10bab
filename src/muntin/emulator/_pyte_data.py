"""pyte's data tables, read from the installed pyte without importing the package.

The emulator takes the DEC special graphics set and the mode numbers from pyte, whose design it follows.
``import pyte`` runs the package's ``__init__``, which loads pyte's Screen and with it wcwidth's tables: about
7 MB of every server process, for a 32-character table and a few numbers. The two data modules import
nothing, so each is loaded on its own, from the file pyte installed.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType


def load(name: str) -> ModuleType:
    """pyte's module ``name`` (``charsets``, ``modes``), run on its own under a name of muntin's."""
    package = importlib.util.find_spec("pyte")  # finds the package without running its __init__
    if package is None or not package.submodule_search_locations:
        raise ImportError("muntin needs pyte (pip install pyte)")
    path = f"{package.submodule_search_locations[0]}/{name}.py"
    spec = importlib.util.spec_from_file_location(f"muntin.emulator._pyte_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
