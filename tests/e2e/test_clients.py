"""Two real muntin clients on one session (each in its own private tmux, of different sizes), and copy mode
seen through both."""

from __future__ import annotations

import json
import sys

from tmuxharness import MuntinInTmux, TmuxServer, held, muntin_ui  # noqa: F401 - the fixture


def active_pane(app: MuntinInTmux) -> dict:
    return next(p for p in json.loads(app.cli("list-panes", "-a", "--json").stdout) if p["active"])


def test_two_clients_share_a_session_and_the_smaller_size_wins(muntin_ui: MuntinInTmux) -> None:
    app, big = muntin_ui, muntin_ui.tmux
    app.start()
    big.wait_for("0:", timeout=15)
    big.wait_for(lambda s: "$" in s, timeout=10)
    big.wait_until(lambda: active_pane(app)["width"] == big.width, what="the pane to take the big client's width")
    wide = big.width
    small = TmuxServer(width=70, height=20)
    try:
        small.start(held(["env", "SHELL=/bin/sh", sys.executable, "-W", "error", "-m", "muntin", "-S",
                          str(app.socket), "attach"]))
        small.wait_for("0:", timeout=15)
        big.wait_until(lambda: active_pane(app)["width"] == 70, what="the smaller client's width")
        # Typed in one client, seen in both.
        small.type("echo from-small-$((20+3))")
        small.send_keys("Enter")
        small.wait_for("from-small-23")
        big.wait_for("from-small-23")
        # Copy mode in the shared pane shows in both; q in the other client leaves it for both.
        big.send_keys("C-b", "[")
        big.wait_for("[0/")
        small.wait_for("[0/")
        small.send_keys("q")
        big.wait_until(lambda: "[0/" not in big.text(), what="copy mode to end in the big client")
        small.wait_until(lambda: "[0/" not in small.text(), what="copy mode to end in the small client")
        # The small client detaches: the session grows back to the big client's size.
        small.send_keys("C-b", "d")
        small.wait_for("[detached]", timeout=10)
        big.wait_until(lambda: active_pane(app)["width"] == wide, what="the width to come back")
    finally:
        small.kill()


def test_with_window_size_latest_the_client_typed_into_sets_the_size(muntin_ui: MuntinInTmux) -> None:
    app, big = muntin_ui, muntin_ui.tmux
    app.start()
    big.wait_for("0:", timeout=15)
    big.wait_for(lambda s: "$" in s, timeout=10)
    app.cli("set-option", "-g", "window-size", "latest")
    big.wait_until(lambda: active_pane(app)["width"] == big.width, what="the pane to take the big client's width")
    small = TmuxServer(width=70, height=20)
    try:
        small.start(held(["env", "SHELL=/bin/sh", sys.executable, "-W", "error", "-m", "muntin", "-S",
                          str(app.socket), "attach"]))
        small.wait_for("0:", timeout=15)
        big.wait_until(lambda: active_pane(app)["width"] == 70, what="the client that attached last")
        big.type("echo from-big")
        big.send_keys("Enter")
        big.wait_until(lambda: active_pane(app)["width"] == big.width, what="the big client, typed into")
        small.type("echo from-small")
        big.wait_until(lambda: active_pane(app)["width"] == 70, what="the small client, typed into")
        # largest: the small client shows the top-left part of the session and keeps working.
        app.cli("set-option", "-g", "window-size", "largest")
        big.wait_until(lambda: active_pane(app)["width"] == big.width, what="the largest client's width")
        small.send_keys("Enter")
        small.type("echo still-$((40+2))")
        small.send_keys("Enter")
        small.wait_for("still-42")
        big.wait_for("still-42")
        small.send_keys("C-b", "d")
        small.wait_for("[detached]", timeout=10)
        big.wait_until(lambda: active_pane(app)["width"] == big.width, what="the one client left")
    finally:
        small.kill()
