"""The mouse moves a popup by its title or border and resizes it by its bottom-right corner; a click inside
it is the program's."""

from __future__ import annotations

from muntin.layout import Rect
from muntin.ui.link import LayoutUpdate
from muntin.ui.window_view import FloatingView

from test_snapshots import PANES, SIZE, build_app, settle


async def test_dragging_the_title_moves_a_popup_and_the_corner_resizes_it() -> None:
    app, link = build_app()
    rect = Rect(23, 6, 44, 10)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.mouse_enabled = True
        link.queue.put_nowait(LayoutUpdate(90, 24, PANES, active=9, floating={9: FloatingView(rect, "top")}))
        for _ in range(50):
            await pilot.pause()
            if app.view.floating:
                break
        top = app.view.top
        assert app.view.pane_at(30, top + 8) == 9 and app.view.pane_at(5, top + 8) == 1
        await pilot.mouse_down(offset=(30, top + 5))  # the title row, above the content
        await pilot.hover(offset=(33, top + 7))
        await pilot.mouse_up(offset=(33, top + 7))
        assert link.commands[-1] == "move-floating -t %9 -x 26 -y 8"
        corner = (rect.x + rect.width, top + rect.y + rect.height)
        await pilot.mouse_down(offset=corner)
        await pilot.hover(offset=(corner[0] - 4, corner[1] - 2))
        await pilot.mouse_up(offset=(corner[0] - 4, corner[1] - 2))
        assert link.commands[-1] == "move-floating -t %9 -w 40 -h 8"
