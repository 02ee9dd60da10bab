"""choose-tree's rows from the server's JSON listings: sessions, windows and panes, with the commands that
show each, and the current one marked."""

from __future__ import annotations

from muntin.ui.tree import tree_rows

WINDOWS = [
    {"session": "work", "index": 0, "name": "code", "active": True, "panes": 2},
    {"session": "work", "index": 1, "name": "logs", "last": True, "panes": 1},
    {"session": "a b", "index": 0, "name": "sh", "active": True, "panes": 1},
]
PANES = [
    {"session": "work", "window": 0, "index": 1, "id": "%2", "foreground_command": "vim x", "state": "running"},
    {"session": "work", "window": 0, "index": 0, "id": "%1", "foreground_command": "bash", "state": "running"},
    {"session": "work", "window": 1, "index": 0, "id": "%3", "title": "tail", "state": "dead"},
    {"session": "a b", "window": 0, "index": 0, "id": "%4", "foreground_command": "sh", "state": "running"},
]


def test_sessions_only() -> None:
    rows = tree_rows(WINDOWS, PANES, "work", expand="sessions")
    assert [r.label for r in rows] == ["a b: 1 windows", "work: 2 windows (attached)"]
    assert rows[0].command == "switch-client -t 'a b'" and rows[1].current


def test_windows_and_panes_in_order_with_commands() -> None:
    rows = tree_rows(WINDOWS, PANES, "work", expand="panes")
    labels = [r.label for r in rows]
    assert labels[3:] == ["work: 2 windows (attached)", "  0: code* (2 panes)", "    0: %1 bash", "    1: %2 vim x",
                          "  1: logs- (1 panes)", "    0: %3 tail [dead]"]
    assert rows[6].command == "switch-client -t work ; select-window -t work:0 ; select-pane -t %2"
    assert [i for i, r in enumerate(rows) if r.current] == [3, 4]  # the attached session and its window
