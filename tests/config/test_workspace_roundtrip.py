"""dump_workspace -> load_workspace gives back an equal Workspace, for workspaces generated at random."""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from muntin.config._tomlpos import key_lines
from muntin.config.workspace import (
    PRESETS, PaneSpec, SendSpec, SplitDirection, SplitSpec, WindowSpec, Workspace, check_workspace,
    dump_workspace, load_workspace, resolve_workspace,
)

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=".:"), min_size=1, max_size=8)
envs = st.dictionaries(texts, texts, max_size=3)
seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
cwds = st.sampled_from([None, "/", "/tmp"])
directions = st.sampled_from(list(SplitDirection))
sizes = st.one_of(st.none(), st.integers(1, 500), st.integers(1, 30).map(lambda n: f"{n}%"))

panes = st.builds(
    PaneSpec, command=st.none() | texts, send=st.lists(st.builds(SendSpec, texts, st.booleans()) | texts, max_size=3),
    enter=st.booleans(), title=st.none() | texts, remain_on_exit=st.none() | st.booleans(), size=sizes, cwd=cwds,
    env=envs, wait=st.none() | texts, wait_timeout=st.none() | seconds, sleep_before=seconds, sleep_after=seconds,
)
nodes = st.recursive(panes, lambda inner: st.builds(SplitSpec, directions, st.lists(inner, min_size=2, max_size=3),
                                                    sizes), max_leaves=6)
options = st.fixed_dictionaries({}, optional={"synchronize-panes": st.booleans(),
                                              "main-pane-width": st.integers(1, 300)})


@st.composite
def windows(draw: st.DrawFn) -> WindowSpec:
    root = replace(draw(nodes), size=None)  # a window's only node fills it: a size there is refused
    flat = isinstance(root, SplitSpec) and all(isinstance(child, PaneSpec) for child in root.children)
    layout = draw(st.none() | st.sampled_from(PRESETS)) if flat else None
    return WindowSpec(name=draw(st.none() | texts), layout=layout, root=root, cwd=draw(cwds), env=draw(envs),
                      options=draw(options))


workspaces = st.builds(Workspace, session=st.none() | names, cwd=cwds, env=envs,
                       windows=st.lists(windows(), min_size=1, max_size=3))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces)
def test_dump_then_load_is_the_identity(workspace: Workspace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        resolved = resolve_workspace(workspace, folder)
        assume(not check_workspace(resolved))  # e.g. sizes adding up to more than 100%: refused, as they should be
        path = Path(folder) / "dumped.toml"
        path.write_text(dump_workspace(resolved), encoding="utf-8")
        result = load_workspace(path)
        assert result.problems == ()
        assert result.workspace == resolved


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [path] + [p for key, item in value.items() for p in _paths(item, path + (key,))]
    if isinstance(value, list):
        return [path] + [p for index, item in enumerate(value) for p in _paths(item, path + (index,))]
    return [path]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces)
def test_every_key_of_a_dumped_file_has_its_line(workspace: Workspace) -> None:
    text = dump_workspace(resolve_workspace(workspace, "/"))
    lines = key_lines(text)
    assert [path for path in _paths(tomllib.loads(text)) if path and path not in lines] == []
    # each key sits on a line at or below its table's header
    for path, line in lines.items():
        assert line >= max((lines[path[:depth]] for depth in range(1, len(path))), default=1)
