"""The real muntin in a private tmux: a key bound to display-menu draws the menu over the window, and the
item's key runs its command in the pane the menu belongs to."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui, tmux_server  # noqa: F401 - the fixtures


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


COMPARED = ["-x", "C", "-y", "C", "-T", "#[align=centre]Pick #{window_index}", "Horizontal Split", "h",
            "split-window -h", "", "-Disabled", "d", "kill-pane", "#{?pane_in_mode,Hidden,}", "z", "kill-pane",
            "Kill", "X", "kill-pane", "Last one", "", "kill-pane"]


def _box(screen: str) -> tuple[int, int, list[str]]:
    """The menu's top row, its left column and its lines, as the terminal shows them."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    left = lines[top].index("┌")
    right = lines[top].index("┐", left)
    box = []
    for line in lines[top:]:
        box.append(line[left:right + 1])
        if line[left:left + 1] == "└":
            break
    return top, left, box


def test_the_menu_box_is_drawn_where_and_as_tmux_draws_it(muntin_ui: MuntinInTmux, tmux_server) -> None:
    """The same display-menu in real tmux 3.3a and in muntin, each full screen in a 100x30 terminal."""
    import subprocess

    inner = ["tmux", "-L", "menu-inner", "-f", "/dev/null"]
    env = tmux_server.env
    tmux_server.start(["env", "-u", "TMUX", *inner, "new", "-s", "s"])
    try:
        tmux_server.wait_for("[s]", timeout=15)
        client = subprocess.run([*inner, "list-clients", "-F", "#{client_name}"], env=env, capture_output=True,
                                text=True, timeout=10).stdout.split()[0]
        subprocess.Popen([*inner, "display-menu", "-c", client, *COMPARED], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        expected = _box(tmux_server.wait_for("Horizontal Split"))
    finally:
        subprocess.run([*inner, "kill-server"], env=env, capture_output=True, timeout=10)

    app, tmux = muntin_ui, muntin_ui.tmux
    app.start()
    tmux.wait_for("0:", timeout=15)
    app.cli("display-menu", *COMPARED)
    assert _box(tmux.wait_for("Horizontal Split")) == expected
