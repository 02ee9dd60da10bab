"""allow-rename, as in tmux 3.3a: a program's ``ESC k NAME ESC \\`` renames its window only with the option on
(off by default), and the name it gives then stays (automatic-rename is turned off for that window)."""

from __future__ import annotations

from _deadline import poll_until
from _mux import Mux, mux  # noqa: F401 - the fixture

NAMES = ("list-windows", "-t", "r", "-F", "#{window_name}")


def test_esc_k_renames_the_window_only_with_allow_rename(mux: Mux) -> None:  # noqa: F811
    mux("new", "-d", "-s", "r", "-n", "first", "--", "cat")
    assert mux("show-options", "-gv", "allow-rename").output.strip() == "off"
    mux("respawn-pane", "-k", "-t", "r", "--", "sh", "-c", r"printf '\033kignored\033\\shown-off\n'; exec cat")
    mux.wait_text("r", "shown-off")
    assert mux(*NAMES).output.split() == ["first"]
    assert "ignored" not in mux.screen("r")  # the name is never drawn as text

    mux("set-option", "-w", "-t", "r", "allow-rename", "on")
    assert mux("show-options", "-wv", "-t", "r", "allow-rename").output.strip() == "on"
    mux("respawn-pane", "-k", "-t", "r", "--", "sh", "-c", r"printf '\033kbuilding\033\\'; exec cat")
    poll_until(lambda: mux(*NAMES).output.split() == ["building"])
    assert mux("show-options", "-wv", "-t", "r", "automatic-rename").output.strip() == "off"
