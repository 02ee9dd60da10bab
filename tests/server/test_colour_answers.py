"""A pane answers colour queries (OSC 10 / 11 / 4) with the colours it is shown in: xterm's defaults until a
UI client reports its terminal's colours, then those (the "terminal" theme passes them through), and a theme's
own colours once the theme option names one that has them."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

from _mux import mux  # noqa: F401 - the fixture

from muntin.protocol import ClientKind, FrameDecoder, encode_frame, hello, make

QUERY = Path(__file__).parent.parent / "fixtures" / "colour_query.py"


def answer(mux, script) -> str:
    mux("send-keys", "-t", "c", f"clear; {sys.executable} {script}", "Enter")
    mux.wait_text("c", r"ANSWER \^")
    line = next(line for line in mux.screen("c").splitlines() if line.startswith("ANSWER "))
    mux("send-keys", "-t", "c", "clear", "Enter")
    mux.wait_text("c", r"^\$ *$")
    return line


def test_a_pane_answers_with_the_outer_terminals_colours_then_the_themes(mux) -> None:  # noqa: F811
    script = QUERY
    mux("new", "-d", "-s", "c", "-x", "100", "-y", "10", "--", "env", "PS1=$ ", "sh")
    mux.wait_text("c", r"\$")
    assert answer(mux, script) == ("ANSWER ^]11;rgb:0000/0000/0000 ^]10;rgb:e5e5/e5e5/e5e5 "
                                   "^]4;1;rgb:cdcd/0000/0000")  # xterm's defaults
    ui = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ui.settimeout(30)
    ui.connect(str(mux.sock))
    try:
        ui.sendall(encode_frame(hello(ClientKind.UI))
                   + encode_frame(make("attach", id=1, session="c", width=100, height=10)))
        decoder = FrameDecoder()
        while not any(message["t"] == "state" for message in decoder.feed(ui.recv(65536))):
            pass
        ui.sendall(encode_frame(make("colours", foreground="rgb:c0c0/d0d0/e0e0", background="#102030",
                                     palette={"1": "rgb:aa/00/11"}))
                   + encode_frame(make("command", id=2, argv=["display-message", "-p", "x"])))
        while not any(message["t"] == "result" for message in decoder.feed(ui.recv(65536))):
            pass  # the result comes after the colours message is handled: one connection is served in order
        assert answer(mux, script) == ("ANSWER ^]11;rgb:1010/2020/3030 ^]10;rgb:c0c0/d0d0/e0e0 "
                                       "^]4;1;rgb:aaaa/0000/1111")
        mux("set-option", "-g", "theme", "ember")  # a theme of its own colours (themes/ember.toml)
        assert answer(mux, script) == ("ANSWER ^]11;rgb:2828/2525/2424 ^]10;rgb:ebeb/dbdb/b2b2 "
                                       "^]4;1;rgb:cccc/3d3d/2c2c")
    finally:
        ui.close()
