"""Copy mode in a real server: the CLI moves, searches, selects and copies into paste buffers, which paste
back into a pane; attached clients get the copy-mode view and the copied text."""

from __future__ import annotations

import asyncio
import os

from _mux import Mux, mux  # noqa: F401 - the fixture

from conftest import poll_until

from muntin.client import AsyncConnection

FILL = "for i in $(seq 1 60); do echo row-$i; done; echo needle here; echo last; exec cat"


def test_search_select_copy_and_paste(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "c", "-x", "40", "-y", "10", "--", "sh", "-c", FILL)
    mux.wait_text("c", "^last$")
    mux("copy-mode", "-t", "c")
    mux("send-keys", "-X", "-t", "c", "history-top")
    mux("send-keys", "-X", "-t", "c", "search-forward", "row-5")
    mux("send-keys", "-X", "-t", "c", "begin-selection")
    mux("send-keys", "-X", "-t", "c", "-N", "2", "cursor-down")
    mux("send-keys", "-X", "-t", "c", "end-of-line")
    mux("send-keys", "-X", "-t", "c", "copy-selection-and-cancel")
    assert mux("show-buffer").output == "row-5\nrow-6\nrow-7\n"
    assert mux("list-buffers").output.startswith('buffer0: 17 bytes: "row-5\\nrow-6\\nrow-7"')
    # The pane left copy mode: keys and pastes reach cat again.
    mux("paste-buffer", "-t", "c")

    def pasted() -> bool:  # typed as lines (LF became CR): the terminal echoes them and cat prints them back
        after = mux.screen("c").split("\nlast\n", 1)[-1]
        return after.count("row-5") == 2 and after.count("row-6") == 2 and "row-7" in after

    assert poll_until(pasted, timeout=10), mux.screen("c")


def test_copy_mode_commands_need_copy_mode_and_known_names(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "c", "--", "cat")
    not_in = mux.cli("send-keys", "-X", "-t", "c", "cursor-up")
    assert not_in.returncode == os.EX_UNAVAILABLE and "not in copy mode" in not_in.stderr
    mux("copy-mode", "-t", "c")
    unknown = mux.cli("send-keys", "-X", "-t", "c", "fly-away")
    assert unknown.returncode == os.EX_USAGE and "unknown copy-mode command: fly-away" in unknown.stderr
    missing = mux.cli("show-buffer", "-b", "nope")
    assert missing.returncode == os.EX_DATAERR
    mux("set-buffer", "-b", "mine", "hello")
    mux("set-buffer", "-a", "-b", "mine", " world")
    assert mux("show-buffer", "-b", "mine").output == "hello world\n"
    mux("delete-buffer", "-b", "mine")
    assert mux("list-buffers").output == ""


def test_attached_clients_see_the_view_and_get_the_copied_text(mux: Mux) -> None:  # noqa: F811
    mux("new-session", "-d", "-s", "c", "-x", "40", "-y", "6", "--", "sh", "-c", FILL)
    mux.wait_text("c", "^last$")

    async def scenario() -> None:
        connection = await AsyncConnection.open(mux.sock)
        try:
            assert (await connection.attach("c", 40, 7)).ok
            events = connection.events()
            assert (await connection.command("copy-mode -t c ; send-keys -X -t c search-backward row-3")).ok
            seen = None
            async for event in events:
                if event["t"] == "pane" and event.get("copy") and event["copy"]["marks"]:
                    seen = event
                    break
            text = ["".join(run[0] for run in row[1]) for row in seen["rows"]]
            assert any(line.startswith("row-39") for line in text)  # the view moved back to the match
            assert seen["copy"]["position"].startswith("[") and seen["cursor_visible"]
            assert {mark[3] for mark in seen["copy"]["marks"]} >= {"current"}
            assert (await connection.command("send-keys -X -t c select-line ; "
                                             "send-keys -X -t c copy-selection-and-cancel")).ok
            async for event in events:
                if event["t"] == "action" and event["name"] == "clipboard":
                    assert event["args"]["text"] == "row-39\n"
                    break
            async for event in events:
                if event["t"] == "pane" and "copy" in event and event["copy"] is None:
                    break  # left copy mode: the live screen again
        finally:
            await connection.close()

    asyncio.run(asyncio.wait_for(scenario(), 20))


def test_paste_is_bracketed_when_the_program_asked(mux: Mux) -> None:  # noqa: F811
    # "ready" only once the terminal is raw: a paste that came before would be echoed and held by the tty.
    mux("new-session", "-d", "-s", "b", "--", "sh", "-c",
        "stty raw -echo; printf '\\033[?2004hready\\r\\n'; exec od -c")
    mux.wait_text("b", "ready")
    mux("set-buffer", "hi")
    mux("paste-buffer", "-p", "-t", "b")
    mux("send-keys", "-t", "b", "-l", "xxxxxxxxxxxxxxxxxxxx")  # od prints in blocks of 16 bytes
    mux.wait_text("b", r"033   \[   2   0   0   ~   h   i 033   \[   2   0   1   ~")
