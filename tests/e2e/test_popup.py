"""A popup through a real terminal: opened with a key binding, typed into, its output seen, and closed with -E
when its command exits."""

from __future__ import annotations

from tmuxharness import MuntinInTmux, muntin_ui  # noqa: F401 - the fixture


def test_a_bound_popup_takes_the_keys_and_closes_when_its_command_exits(muntin_ui: MuntinInTmux) -> None:
    app, outer = muntin_ui, muntin_ui.tmux
    app.start()
    outer.wait_for("0:", timeout=15)
    outer.wait_for(lambda s: "$" in s, timeout=10)
    app.cli("bind-key", "P", "display-popup", "-E", "-T", "asking", "-w", "40", "-h", "8",
            "sh -c 'printf \"name? \"; read x; echo \"hello-$x\"; read y'")
    outer.send_keys("C-b", "P")
    outer.wait_for("asking")
    outer.wait_for("name?")
    outer.type("popup")
    outer.send_keys("Enter")
    outer.wait_for("hello-popup")
    outer.send_keys("Enter")  # its command ends: -E closes the popup
    outer.wait_until(lambda: "asking" not in outer.text(), what="the popup to close")
    outer.type("echo after-$((40+2))")  # the keys go to the pane again
    outer.send_keys("Enter")
    outer.wait_for("after-42")


def test_prefix_w_shows_a_floating_pane_that_takes_the_keys_and_hides_it(muntin_ui: MuntinInTmux) -> None:
    app, outer = muntin_ui, muntin_ui.tmux
    app.start()
    outer.wait_for("0:", timeout=15)
    outer.wait_for(lambda s: "$" in s, timeout=10)
    outer.send_keys("C-b", "W")  # none yet: a floating shell
    outer.wait_until(lambda: "┌" in outer.text(), what="the floating pane's border")
    outer.type("echo float-$((40+2))")
    outer.send_keys("Enter")
    outer.wait_for("float-42")
    assert "1 1" in app.cli("list-panes", "-F", "#{pane_floating} #{pane_active}").stdout.splitlines()
    outer.send_keys("C-b", "W")  # hidden: the keys go to the tiled pane again
    outer.wait_until(lambda: "float-42" not in outer.text(), what="the floating pane to hide")
    outer.type("echo tiled-$((40+3))")
    outer.send_keys("Enter")
    outer.wait_for("tiled-43")
