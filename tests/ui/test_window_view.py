"""WindowView draws panes, borders and titles from pane rectangles and styled rows."""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual.app import App, ComposeResult
from textual.geometry import Size

from muntin.emulator import Style
from muntin.ui.borders import border_rows
from muntin.layout import Rect
from muntin.ui.render import StyleMapper
from muntin.ui.window_view import BorderStyles, WindowView


S = Style


BORDERS = BorderStyles(RichStyle(color="white"), RichStyle(color="green"), RichStyle(), RichStyle(bold=True))


def test_border_characters_join_up() -> None:
    # Two panes side by side over a third: a T junction where the borders meet.
    panes = {1: Rect(0, 0, 4, 2), 2: Rect(5, 0, 4, 2), 3: Rect(0, 3, 9, 2)}
    rows = border_rows(9, 5, panes, active=1)
    assert [(run.x, run.text) for run in rows[0]] == [(4, "│")]
    assert [(run.x, run.text) for run in rows[2]] == [(0, "────┴────")]
    assert rows[2][0].active[:5] == (True,) * 5 and not any(rows[2][0].active[6:])


class ViewApp(App):
    def compose(self) -> ComposeResult:
        yield WindowView(StyleMapper(), BORDERS, id="view")


async def test_view_renders_rows_titles_and_cursor() -> None:
    app = ViewApp()
    async with app.run_test(size=(20, 6)) as pilot:
        view = app.query_one(WindowView)
        view.set_layout(Size(20, 5), {1: Rect(0, 0, 9, 5), 2: Rect(10, 0, 10, 5)}, active=1)
        view.update_rows(1, {0: [("hello", S(fg=1, bold=True))], 1: [("wörld", S())]})
        view.update_rows(2, {2: [("right", S(reverse=True))]})
        view.update_title(2, "vim")
        view.update_cursor(1, (5, 0), True)
        await pilot.pause()
        lines = [view.render_line(y).text for y in range(6)]
        assert lines[0] == "─" * 11 + " vim " + "─" * 4
        assert lines[1] == "hello    │          "
        assert lines[2] == "wörld    │          "
        assert lines[3] == "         │right     "
        cursor_cell = view.render_line(1).crop(5, 6)
        assert any(seg.style and seg.style.reverse for seg in cursor_cell)
