"""The real muntin in a private tmux: a key bound to display-menu draws the menu over the window, and the
item's key runs its command in the pane the menu belongs to."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def test_a_bound_menu_opens_and_its_item_key_runs_the_item(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s or "#" in s, timeout=10)
    app.cli("bind-key", "m", "display-menu", "-T", "#[align=centre]Pick [b]#{session_name}[/b]",
            "Say hello", "h", "send-keys 'echo picked-$((40+2))' Enter", "",
            "Split", "s", "split-window -h")
    tmux.send_keys("C-b", "m")
    screen = tmux.wait_for("Say hello")
    title = next(line for line in screen.splitlines() if "Pick [b]" in line)
    assert "┌" in title and "┐" in title  # the box, its title in the top border, markup shown as it reads
    assert any("Say hello" in line and "(h)" in line for line in screen.splitlines()), screen
    tmux.send_keys("h")
    tmux.wait_for("picked-42")
    tmux.wait_for(lambda s: "Say hello" not in s)


def test_a_right_click_in_the_real_terminal_opens_the_panes_menu(muntin_ui: MuntinInTmux) -> None:
    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    tmux.wait_for(lambda s: "$" in s or "#" in s, timeout=10)
    tmux.type("\x1b[<2;20;6M\x1b[<2;20;6m")  # what the terminal sends for a right click (SGR mouse reports)
    screen = tmux.wait_for("Horizontal Split")
    top = next(i for i, line in enumerate(screen.splitlines()) if "┌" in line)
    assert top == 5  # -yM: the menu's top at the click's row
    tmux.send_keys("v")  # Vertical Split
    tmux.wait_until(lambda: len(app.cli("list-panes", "-F", "#{pane_id}").stdout.split()) == 2, what="a split")
