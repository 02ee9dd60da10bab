"""set-titles in the real muntin inside a private tmux: the UI sets its outer terminal's title (OSC 2) to
set-titles-string, and sets it again when what the format shows changes (the outer tmux's #{pane_title})."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def test_set_titles_names_the_outer_terminal(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s, timeout=10)

    def outer_title() -> str:
        return tmux.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}").strip()

    session = app.cli("display-message", "-p", "#S").stdout.strip()
    app.cli("set-option", "-g", "set-titles-string", "MT #S:#I #T")
    app.cli("set-option", "-g", "set-titles", "on")
    tmux.type(r"printf '\033]2;first\033\\'")
    tmux.send_keys("Enter")
    tmux.wait_until(lambda: outer_title() == f"MT {session}:0 first", what="the title from set-titles-string")
    tmux.type(r"printf '\033]2;second\033\\'")
    tmux.send_keys("Enter")
    tmux.wait_until(lambda: outer_title() == f"MT {session}:0 second", what="the title set again")
