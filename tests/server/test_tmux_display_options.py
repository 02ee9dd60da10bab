"""tmux's display options muntin has: each is set, shown, refused with a wrong value, and reaches an attached
client (the UI draws with it: tests/ui/test_option_snapshots.py)."""

from __future__ import annotations

import pytest

from muntin.commands.options import CLIENT_OPTIONS, OPTIONS, WINDOW_OPTIONS, option_text

from _mux import Mux, mux  # noqa: F401 - the fixture

SET = {"pane-border-style": ("fg=colour238", "fg=nope"), "pane-active-border-style": ("fg=colour39,bold", "fg=?"),
       "mode-style": ("bg=blue", "bg=xx"), "status-justify": ("absolute-centre", "middle"),
       "aggressive-resize": ("on", "sometimes"), "set-titles": ("on", "always"),
       "set-titles-string": ("#S / #W", None)}
"""Each option: a value it takes, and one it refuses (None: any text is a value)."""


@pytest.mark.parametrize("name", sorted(SET))
def test_set_show_and_refuse(mux: Mux, name: str) -> None:  # noqa: F811
    mux("new", "-d", "-s", "o", "--", "cat")
    good, bad = SET[name]
    assert mux("show-options", "-gv", name).output.rstrip("\n") == option_text(OPTIONS[name].default)
    mux("set-option", "-g", name, good)
    assert mux("show-options", "-gv", name).output.rstrip("\n") == good
    if bad is not None:
        refused = mux.try_("set-option", "-g", name, bad)
        assert not refused.ok and name in refused.error
    assert mux("show-options", "-gv", name).output.rstrip("\n") == good
    assert name in CLIENT_OPTIONS or name in WINDOW_OPTIONS
