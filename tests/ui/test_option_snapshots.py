"""SVG snapshots of the tmux options that change how the UI draws: pane-border-style and
pane-active-border-style (the borders' colours), mode-style (the copy-mode selection) and status-justify
(where the window list is). Regenerate with ``--snapshot-update`` after an intended change, and look."""

from __future__ import annotations

from muntin.ui.link import OptionsUpdate, PaneUpdate
from muntin.ui.window_view import CopyView

from test_screen_snapshots import snapshot_after

STYLES = {"pane-border-style": "fg=colour238", "pane-active-border-style": "fg=colour39,bold",
          "mode-style": "fg=black,bg=yellow"}


def test_border_and_mode_styles(snap_compare) -> None:
    def setup(app, link) -> None:
        link.queue.put_nowait(OptionsUpdate(STYLES))
        link.queue.put_nowait(PaneUpdate(1, {}, copy=CopyView("[0/42]", {1: ((0, 4, "selection"),)})))

    def ready(app) -> bool:
        return app.in_copy_mode(1) and app.server_options.get("mode-style") == STYLES["mode-style"]

    assert snapshot_after(snap_compare, setup=setup, ready=ready)


def test_status_justify_centre(snap_compare) -> None:
    def setup(app, link) -> None:
        link.queue.put_nowait(OptionsUpdate({"status-justify": "centre"}))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: app.status.justify == "centre")


def test_status_justify_right(snap_compare) -> None:
    def setup(app, link) -> None:
        link.queue.put_nowait(OptionsUpdate({"status-justify": "right"}))

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: app.status.justify == "right")


def test_mode_style_in_choose_tree(snap_compare) -> None:
    from muntin.ui.tree import TreeScreen

    def setup(app, link) -> None:
        app.server_options["mode-style"] = "fg=black,bg=yellow"
        app.client_action("choose-tree", {"argv": []})

    assert snapshot_after(snap_compare, setup=setup, ready=lambda app: isinstance(app.screen, TreeScreen))
