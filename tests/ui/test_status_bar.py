"""The status bar shows the session, window marks, the prefix hint and a clock."""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual.app import App, ComposeResult

from muntin.ui.status import StatusBar, StatusStyles, WindowTab

STYLES = StatusStyles(*(RichStyle() for _ in range(7)))


def test_window_marks() -> None:
    assert WindowTab(0, "bash", current=True).label() == "0:bash*"
    assert WindowTab(1, "vim", last=True, bell=True).label() == "1:vim-!"
    assert WindowTab(2, "logs", activity=True, zoomed=True).label() == "2:logs#Z"


class BarApp(App):
    def compose(self) -> ComposeResult:
        yield StatusBar(STYLES, clock_format=" CLOCK ")


async def test_bar_switches_between_windows_and_hints() -> None:
    app = BarApp()
    async with app.run_test(size=(60, 3)) as pilot:
        bar = app.query_one(StatusBar)
        bar.update(session="main", windows=[WindowTab(0, "bash", current=True), WindowTab(1, "vim")])
        await pilot.pause()
        line = bar.render_line(0).text
        assert line.startswith("[main] 0:bash* 1:vim")
        assert line.endswith(" CLOCK ") and len(line) == 60
        bar.show_hints([("%", "split left/right"), ('"', "split top/bottom")])
        assert "prefix" in bar.render_line(0).text
        bar.show_hints(None)
        assert "0:bash*" in bar.render_line(0).text
