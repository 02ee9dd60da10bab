"""status-format[0], when set, is the status line: expanded by the server, its #[styles] drawn as tmux draws them."""

from __future__ import annotations

import os
from pathlib import Path

from rich.color import Color

from muntin.ui import make_app
from muntin.ui.format_draw import draw

from test_app_server import command, server, until  # noqa: F401 - the fixture


def test_hashes_and_styles_are_drawn_as_tmux_draws_them() -> None:
    from rich.style import Style

    base = Style()

    def styler(style, word):
        return style + Style(bgcolor=word.removeprefix("bg="))
    pieces = draw("###[bg=red]0 ##[x] ####[y #####[bg=blue]z#[default]w #", base, styler)
    assert "".join(p.text for p in pieces) == "#0 #[x] ##[y ##zw #"
    styles = {p.text[0]: p.style.bgcolor for p in pieces}
    assert styles["0"] == Color.parse("red") and styles["z"] == Color.parse("blue") and styles["w"] is None
    assert draw("a#[bg=red", base, styler)[0].text == "a"  # no end to the style: nothing more is drawn


async def test_status_format_zero_replaces_the_status_line(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "sf", "--", "cat").ok
    assert command(server, "set-environment", "-g", "V", "###[bg=yellow]0").ok
    app = make_app(server, "sf", config_path=Path(os.devnull))
    async with app.run_test(size=(40, 10)) as pilot:
        await until(pilot, lambda: app.active is not None)
        assert command(server, "set", "-g", "status-format[0]", "#{session_name} #{V} #{w:V}").ok

        def line():
            return app.status.render_line(0)

        await until(pilot, lambda: line().text.startswith("sf #0 2"))
        yellow = [segment for segment in line() if segment.text.startswith("0")]
        assert yellow and yellow[0].style.bgcolor is not None
        assert command(server, "set", "-gu", "status-format").ok  # the default: muntin's own line again
        await until(pilot, lambda: line().text.startswith("[sf]"))


def test_am_off_in_terminal_overrides_leaves_the_bottom_right_cell_blank() -> None:
    from muntin.ui.client_options import lacks_margins

    assert lacks_margins("*:am@", "screen") and lacks_margins("xterm*:Tc,scr*:am@:XT", "screen-256color")
    assert not lacks_margins("", "screen") and not lacks_margins("xterm*:am@", "screen")
    assert not lacks_margins("*:am@,*:am", "screen")  # a later entry gives it back


async def test_the_status_line_ends_a_cell_short_without_margins(server: Path) -> None:  # noqa: F811
    assert command(server, "new-session", "-d", "-s", "am", "--", "cat").ok
    assert command(server, "set", "-g", "status-right", "RRR").ok
    app = make_app(server, "am", config_path=Path(os.devnull))
    async with app.run_test(size=(20, 5)) as pilot:
        await until(pilot, lambda: app.status.render_line(0).text.endswith("RRR"))
        assert command(server, "set", "-as", "terminal-overrides", ",*:am@").ok
        await until(pilot, lambda: app.status.render_line(0).text.endswith("RR "))
        assert app.status.render_line(0).cell_length == 20
