"""A pane's turn ends at its deadline even inside one read: the rest is parsed at its next turn."""

from __future__ import annotations

import select
import time

from muntin.emulator import Terminal
from muntin.session import Pane

# Dear to parse: every REP draws a screenful (see tests/emulator/test_cost.py).
DEAR = b"x" + b"\x1b[65535b\x1b[2J" * 400 + b"\r\nEND"


def test_a_read_whose_deadline_has_passed_parses_one_piece_and_keeps_the_rest(tmp_path) -> None:
    data = tmp_path / "dear.bin"
    data.write_bytes(DEAR)
    pane = Pane(1, argv=["sh", "-c", f"stty raw -echo; cat {data}; sleep 30"], rows=24, cols=80)
    pane.start()
    try:
        pane.read_size = 4096
        parsed = cut = 0
        deadline = time.monotonic() + 30
        while parsed < len(DEAR) and time.monotonic() < deadline:
            if not pane.unparsed:
                select.select([pane.fd], [], [], 1.0)  # until the program has written more
            fresh = not pane.unparsed
            count = pane.pump(pane.read_size, time.perf_counter())  # a deadline that has passed
            parsed += count
            if fresh and pane.unparsed:  # a read was cut after its first piece
                cut += 1
                assert count == pane.read_size // 4
        assert parsed == len(DEAR) and cut > 0
        whole = Terminal(24, 80)
        whole.feed(DEAR)
        assert pane.terminal.display == whole.display  # cut anywhere, the screen is the same
    finally:
        pane.child.close(0.5)
