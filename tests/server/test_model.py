"""The session model without processes: targets resolve against it, panes leave windows cleanly."""

from __future__ import annotations

import pytest

from muntin.commands import Current, TargetError, TargetKind, resolve
from muntin.layout import Split
from muntin.session import Model, ModelView, Pane, PaneState, Session, Window


def build() -> Model:
    model = Model()
    for name in ("work", "play"):
        session = Session(model.new_id("session"), name, 80, 24)
        model.add_session(session)
        for index in range(2):
            first = Pane(model.new_pane_id())
            window = Window(session, model.new_id("window"), index, f"w{index}", first, 80, 24)
            session.window_map[index] = window
            second = Pane(model.new_pane_id())
            window.add_split(first, second, Split.HORIZONTAL)
            window.select(second.id)
        session.select(0)
    return model


@pytest.mark.parametrize("text, kind, expected", [
    ("%5", TargetKind.PANE, ("play", 0, 5)),
    ("work:1.0", TargetKind.PANE, ("work", 1, 2)),
    ("play", TargetKind.SESSION, ("play", 0, 5)),
    ("w1", TargetKind.WINDOW, ("work", 1, 3)),
    ("{last}", TargetKind.PANE, ("work", 0, 0)),
    ("", TargetKind.PANE, ("work", 0, 1)),
])
def test_targets(text: str, kind: TargetKind, expected: tuple[str, int, int]) -> None:
    model = build()
    work = model.sessions["work"]
    found = resolve(ModelView(model), text, Current(work, work.window, work.window.active_pane), kind)
    assert (found.session.name, found.window.index, found.pane.id) == expected


def test_bad_targets_say_what_exists() -> None:
    model = build()
    with pytest.raises(TargetError, match=r"window 0 has panes 0-1"):
        resolve(ModelView(model), "work:0.5", Current())


def test_removing_panes_moves_focus_and_sizes() -> None:
    model = build()
    window = model.sessions["work"].window
    first, second = window.panes
    assert (first.cols, second.cols) == (40, 39) and first.index == 0 and second.index == 1
    window.remove(second)
    assert window.active_pane is first and window.last_pane is None
    assert (first.cols, first.rows) == (80, 24)
    assert first.state is PaneState.DEAD  # never started
    assert window.neighbour(first, "right") is None
