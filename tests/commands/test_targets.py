"""Targets resolved against a small in-test model that implements the target protocols."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from muntin.commands import Current, TargetError, TargetKind, resolve


@dataclass(eq=False)
class FakePane:
    id: int
    index: int
    column: int = 0
    row: int = 0


@dataclass(eq=False)
class FakeWindow:
    id: int
    index: int
    name: str
    panes: list[FakePane]
    active: int = 0
    last: int | None = None

    @property
    def active_pane(self) -> FakePane:
        return self.panes[self.active]

    @property
    def last_pane(self) -> FakePane | None:
        return None if self.last is None else self.panes[self.last]

    def neighbour(self, pane: FakePane, direction: str) -> FakePane | None:
        dc, dr = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}[direction]
        return next((p for p in self.panes if (p.column, p.row) == (pane.column + dc, pane.row + dr)), None)


@dataclass(eq=False)
class FakeSession:
    id: int
    name: str
    windows: list[FakeWindow]
    active: int = 0
    last: int | None = None

    @property
    def active_window(self) -> FakeWindow:
        return self.windows[self.active]

    @property
    def last_window(self) -> FakeWindow | None:
        return None if self.last is None else self.windows[self.last]


@dataclass
class FakeModel:
    sessions: list[FakeSession] = field(default_factory=list)


def _grid(first_id: int) -> list[FakePane]:
    """Four panes in a 2x2 grid: 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right."""
    return [FakePane(first_id + i, i, i % 2, i // 2) for i in range(4)]


@pytest.fixture
def model() -> FakeModel:
    main = FakeSession(0, "main", [
        FakeWindow(0, 0, "editor", _grid(0), active=1, last=3),
        FakeWindow(1, 1, "logs", [FakePane(4, 0), FakePane(5, 1)]),
        FakeWindow(2, 3, "build", [FakePane(6, 0)]),
    ], active=0, last=2)
    other = FakeSession(1, "other", [FakeWindow(3, 0, "shell", [FakePane(7, 0), FakePane(8, 1), FakePane(9, 2)])])
    return FakeModel([main, other])


def _here(model: FakeModel) -> Current:
    session = model.sessions[0]
    return Current(session, session.windows[0], session.windows[0].panes[1])


@pytest.mark.parametrize(("target", "where"), [
    (None, ("main", 0, 1)),
    ("", ("main", 0, 1)),
    ("%5", ("main", 1, 1)),
    ("%8", ("other", 0, 1)),
    ("@3", ("other", 0, 0)),
    ("2", ("main", 0, 2)),
    ("{last}", ("main", 0, 3)),
    ("+", ("main", 0, 2)),
    ("-", ("main", 0, 0)),
    ("{next}", ("main", 0, 2)),
    ("{previous}", ("main", 0, 0)),
    ("+3", ("main", 0, 0)),
    ("{left}", ("main", 0, 0)),
    ("{bottom}", ("main", 0, 3)),
    ("{top}", ("main", 0, 1)),
    ("{down-of}", ("main", 0, 3)),
    ("{left-of}", ("main", 0, 0)),
    ("1.1", ("main", 1, 1)),
    ("logs.0", ("main", 1, 0)),
    (":1", ("main", 1, 0)),
    (":3.0", ("main", 3, 0)),
    (":{last}", ("main", 3, 0)),
    (":+", ("main", 1, 0)),
    (":-", ("main", 3, 0)),
    (":bu", ("main", 3, 0)),
    ("other:", ("other", 0, 0)),
    ("other:0.2", ("other", 0, 2)),
    ("oth:.1", ("other", 0, 1)),
    ("$1:", ("other", 0, 0)),
    ("main:editor.{last}", ("main", 0, 3)),
])
def test_pane_targets(model: FakeModel, target: str | None, where: tuple[str, int, int]) -> None:
    found = resolve(model, target, _here(model))
    assert (found.session.name, found.window.index, found.pane.index) == where


@pytest.mark.parametrize(("target", "kind", "where"), [
    ("1", TargetKind.WINDOW, ("main", 1)),
    ("build", TargetKind.WINDOW, ("main", 3)),
    ("{last}", TargetKind.WINDOW, ("main", 3)),
    ("+", TargetKind.WINDOW, ("main", 1)),
    ("other", TargetKind.SESSION, ("other", 0)),
    ("$0", TargetKind.SESSION, ("main", 0)),
    ("other:0", TargetKind.WINDOW, ("other", 0)),
    ("=other", TargetKind.SESSION, ("other", 0)),
    ("=main:=logs", TargetKind.WINDOW, ("main", 1)),
])
def test_window_and_session_targets(model: FakeModel, target: str, kind: TargetKind,
                                    where: tuple[str, int]) -> None:
    found = resolve(model, target, _here(model), kind)
    assert (found.session.name, found.window.index) == where


@pytest.mark.parametrize(("target", "kind", "message"), [
    ("9", TargetKind.PANE, "can't find pane: 9 (window 0 has panes 0-3)"),
    ("other:0.7", TargetKind.PANE, "can't find pane: 7 (window 0 has panes 0-2)"),
    ("%42", TargetKind.PANE, "can't find pane: %42"),
    ("@42", TargetKind.PANE, "can't find window: @42"),
    (":2", TargetKind.PANE, "can't find window: 2 (session main has windows 0, 1, 3)"),
    ("nope", TargetKind.WINDOW, "can't find window: nope (session main has windows 0, 1, 3)"),
    ("nope:", TargetKind.PANE, "can't find session: nope (sessions: main, other)"),
    ("{up-of}", TargetKind.PANE, "no pane up of pane 1"),
    ("other:.{last}", TargetKind.PANE, "no last pane in window 0"),
    ("other:{last}", TargetKind.WINDOW, "no last window in session other"),
    ("=oth", TargetKind.SESSION, "can't find session: =oth (sessions: main, other)"),
    ("=lo", TargetKind.WINDOW, "can't find window: =lo (session main has windows 0, 1, 3)"),
])
def test_errors(model: FakeModel, target: str, kind: TargetKind, message: str) -> None:
    with pytest.raises(TargetError) as caught:
        resolve(model, target, _here(model), kind)
    assert str(caught.value) == message


def test_without_current_session(model: FakeModel) -> None:
    with pytest.raises(TargetError, match="no current session"):
        resolve(model, "0", Current())
    single = FakeModel(model.sessions[1:])
    assert resolve(single, "2", Current()).pane.id == 9


@pytest.mark.parametrize(("target", "kind", "where"), [
    ("other", TargetKind.PANE, ("other", 0, 0)),
    ("oth", TargetKind.WINDOW, ("other", 0, 0)),
    ("logs", TargetKind.PANE, ("main", 1, 0)),
])
def test_bare_word_falls_back_to_a_session(model: FakeModel, target: str, kind: TargetKind,
                                           where: tuple[str, int, int]) -> None:
    found = resolve(model, target, _here(model), kind)
    assert (found.session.name, found.window.index, found.pane.index) == where


def test_bare_word_naming_nothing_reports_the_window(model: FakeModel) -> None:
    with pytest.raises(TargetError, match="can't find window: zzz"):
        resolve(model, "zzz", _here(model))
