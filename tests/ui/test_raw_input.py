"""Raw input in the app: bytes for the pane in one write, the prefix and screens fed from the same stream."""

from __future__ import annotations

from muntin.emulator.modes import Modes
from muntin.emulator.rawinput import InputParser
from muntin.ui.app import MuntinApp
from muntin.ui.driver import RawInput
from muntin.ui.link import PaneUpdate
from muntin.ui.screens import PromptScreen

from test_app_routing import KEYMAP, RecordingLink, started


async def typed(pilot, data: bytes) -> None:
    parser = InputParser()
    pilot.app.post_message(RawInput(parser.feed(data) + parser.flush()))
    for _ in range(5):
        await pilot.pause()


async def test_bytes_go_to_the_pane_unchanged_in_one_write_and_the_prefix_is_seen() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        await typed(pilot, b"ab\x1b:wq\r\x1b.\x1b0\x02%cd")
        assert link.inputs == [(1, b"ab\x1b:wq\r\x1b.\x1b0"), (1, b"cd")]
        assert link.commands == ["split-window -h"]
        await typed(pilot, b"\x02\x02\x1b[27;5;13~")  # the prefix twice; an unknown sequence as it came
        assert link.inputs[-1] == (1, b"\x02\x1b[27;5;13~")
        await typed(pilot, b"\x1b[24~")  # F12: bound in the root table
        assert link.commands[-1] == "next-window"


async def test_special_keys_are_encoded_for_the_pane_and_pastes_bracketed_when_asked() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        await typed(pilot, b"\x1b[H\x1bOF\x1bOA")
        assert link.inputs[-1] == (1, b"\x1b[1~\x1b[4~\x1b[A")
        await link.queue.put(PaneUpdate(1, {}, modes=Modes(application_cursor=True, bracketed_paste=True)))
        await pilot.pause()
        await typed(pilot, b"\x1b[A\x1b[200~x\x1b[Ay\r\x1b[201~")
        assert link.inputs[-1] == (1, b"\x1bOA\x1b[200~x\x1b[Ay\r\x1b[201~")
        await link.queue.put(PaneUpdate(1, {}, modes=Modes(backarrow_sends_bs=True)))  # DECBKM
        await pilot.pause()
        await typed(pilot, b"a\x7f\x08")
        assert link.inputs[-1] == (1, b"a\x08\x08")


async def test_keys_after_the_prompt_opens_go_to_the_prompt() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        await typed(pilot, b"\x02:split-window -h")
        assert isinstance(app.screen, PromptScreen)
        await typed(pilot, b"\r")
        assert link.commands[-1] == "split-window -h"
        assert link.inputs == []


async def test_escape_time_follows_set_option() -> None:
    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        assert app.escape_time == 0.010  # the default, as in tmux 3.5
        app.server_action("set-option", {"name": "escape-time", "value": "250"})
        assert app.escape_time == 0.25


def test_the_configured_escape_time_and_the_raw_driver_are_the_apps(tmp_path) -> None:
    from muntin.ui import make_app
    from muntin.ui.driver import MuntinDriver

    config = tmp_path / "config.toml"
    config.write_text("escape-time = 0\n")
    app = make_app(tmp_path / "sock", config_path=config)
    assert app.escape_time == 0 and app.driver_class is MuntinDriver


def test_the_terminals_colour_answers_are_collected_until_all_came_or_the_time_is_up() -> None:
    from textual._xterm_parser import XTermParser

    from muntin.emulator.rawinput import COLOUR_QUERIES
    from muntin.ui.driver import COLOUR_TIMEOUT, ColourAnswers, dispatch

    assert COLOUR_QUERIES.count("?") == 18  # OSC 10, 11 and the 16 ANSI colours
    posted: list = []
    answers = ColourAnswers(now=0.0)
    parser = InputParser()
    tokens = parser.feed(b"\x1b]11;rgb:1010/2020/3030\x1b\\x\x1b]4;1;rgb:aaaa/0000/1111\x07\x1b]52;c;eA==\x07")
    dispatch(tokens, XTermParser(), posted.append, answers)
    assert [token.data for message in posted for token in message.tokens] == [b"x"]  # typed keys go on
    assert answers.due(COLOUR_TIMEOUT / 2) is None  # not all answered yet: the terminal has time
    assert answers.due(COLOUR_TIMEOUT) == {"background": "rgb:1010/2020/3030", "1": "rgb:aaaa/0000/1111"}
    assert answers.due(COLOUR_TIMEOUT * 2) is None  # given once


async def test_the_outer_terminals_colours_go_to_the_server() -> None:
    from muntin.ui.driver import OuterColours

    link = RecordingLink()
    app = MuntinApp(link, KEYMAP)
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, link)
        app.post_message(OuterColours({"background": "rgb:1010/2020/3030"}))
        await pilot.pause()
        assert link.colours == {"background": "rgb:1010/2020/3030"}
