"""set-clipboard, as in tmux 3.3a: a program's OSC 52 write becomes a paste buffer with ``on`` only; ``on``
and ``external`` (the default) pass it to the attached clients' terminals, ``off`` drops it."""

from __future__ import annotations

import base64

import pytest

from _deadline import poll_until
from _mux import Mux, mux  # noqa: F401 - the fixture


def _osc52(text: str) -> str:
    return rf"printf '\033]52;c;{base64.b64encode(text.encode()).decode()}\a{text}-done\n'; exec cat"


@pytest.mark.parametrize(("mode", "kept"), [("on", True), ("external", False), ("off", False)])
def test_osc_52_keeps_a_buffer_only_with_on(mux: Mux, mode: str, kept: bool) -> None:  # noqa: F811
    mux("new", "-d", "-s", "c", "--", "cat")
    assert mux("show-options", "-gv", "set-clipboard").output.strip() == "external"
    mux("set-option", "-g", "set-clipboard", mode)
    assert mux("show-options", "-gv", "set-clipboard").output.strip() == mode
    mux("respawn-pane", "-k", "-t", "c", "--", "sh", "-c", _osc52(f"copied{mode}"))
    mux.wait_text("c", f"copied{mode}-done")
    if kept:
        poll_until(lambda: f"copied{mode}" in mux("list-buffers").output)
    else:
        assert f"copied{mode}" not in mux("list-buffers").output
    assert not mux.try_("set-option", "-g", "set-clipboard", "maybe").ok
