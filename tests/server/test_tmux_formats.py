"""Formats mean the same in muntin as in tmux: each format printed by real tmux and by muntin, the same
sessions, windows and user options on both."""

from __future__ import annotations

import shutil

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from _tmux import Tmux, tmux  # noqa: F401 - the fixture
from test_tmux_scripts import both, same

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

USER_OPTIONS = {"@a": "hello", "@n": "42", "@z": "0", "@f": "#{@a}", "@path": "/usr/local/bin/",
                "@s": "ab;c d$x", "@wide": "日本語テキスト", "@sty": "#[fg=red]abc#[default]def", "@pct": "100%%"}

FORMATS = [
    "#{@a} #{@nosuch}| #{session_name} #S #{window_name} #W #{window_index} #I #X ## #, #}",
    "#{?@a,yes,no} #{?@z,yes,no} #{?@nosuch,yes,no} #{?#{==:#{@n},42},yes,no} #{?@a,#{?@z,A,B},C} "
    "#{?@z,x,b,y,z} #{?window_active,on,off} #{?#{m:*ll*,#{@a}},m,n}",
    "#{==:a,a}#{!=:a,b}#{<:a,b}#{>:a,b}#{<=:b,b}#{>=:a,b}#{||:0,1}#{&&:1,0}",
    "#{m:h?llo,#{@a}} #{m/i:H*,#{@a}} #{m/r:^h.l+o$,#{@a}} #{m:[!a-h]*,#{@a}}",
    "#{E:@f} #{@f} #{l:#{@a}} #{T:@a}",
    "#{=3:@a} #{=-3:@a} #{=/3/...:@a} #{=/-3/...:@a} #{=3:@wide} #{=5:@sty} #{=-4:@sty}",
    "#{p10:@a}| #{p-10:@a}| #{p2:@a}| #{n:@a} #{w:@wide} #{w:@sty}",
    r"#{s/l/L/:@a} #{s/L/x/i:@a} #{s/(h)(e)/\2\1/:@a} #{s/x*/-/:@a} #{s/l/L/;s/o/0/:@a}",
    "#{b:@path} #{d:@path} #{d:@a} #{q:@s}",
    "#{e|+|:1,2} #{e|-|:1,2} #{e|*|:3,4} #{e|/|:7,2} #{e|/|f:7,2} #{e|/|f|4:7,2} #{e|m|:7,3} #{e|+|:#{@n},8}",
    "#{e|==|:2,2.0} #{e|<|:1,2} #{e|+|f:1.9,1.9} #{e|+|:a,1} #{a:65}",
    "#{window_panes} #{session_windows} #{pane_index} #{window_width}x#{window_height}",
    "#{W:#{window_index}:#{window_name} } #{W:#I ,[#I] } #{P:#{pane_index}#,,*#{pane_index}#,}",
    "#{S:#{session_name} } #{N:two} #{N:nope} #{N/s:other} #{N/s:nope}",
    "#{@pct} 100%% #{session_name}",
    "before #{==:a} after",
]


@pytest.fixture
def servers(tmux: Tmux, mux: Mux) -> tuple[Tmux, Mux]:
    setting = [word for name, value in USER_OPTIONS.items() for word in (";", "set-option", "-g", name, value)]
    both(tmux, mux, "new-session", "-d", "-s", "main", "-x", "80", "-y", "24", "-n", "one", ";",
         "new-window", "-t", "main", "-n", "two", ";", "split-window", "-t", "main:two", ";",
         "new-session", "-d", "-s", "other", "-x", "80", "-y", "24", "-n", "three", *setting)
    return tmux, mux


def test_display_message_prints_what_tmux_prints(servers) -> None:
    """Every format of the table, one per line, in one message: identical output, line by line."""
    tmux, mux = servers
    template = "\n".join(FORMATS)
    for flag in ((), ("-F",)):
        theirs, ours = both(tmux, mux, "display-message", "-p", "-t", "main:two", *flag, template)
        assert len(theirs.splitlines()) == len(FORMATS)
        differ = [f"{fmt!r}:\n  tmux:   {t!r}\n  muntin: {o!r}"
                  for fmt, t, o in zip(FORMATS, theirs.splitlines(), ours.splitlines() + [""] * len(FORMATS))
                  if t != o]
        assert not differ, "\n".join(differ)


def test_list_commands_and_new_window_expand_the_same_formats(servers) -> None:
    tmux, mux = servers
    same(tmux, mux, "list-windows", "-a", "-F", "#{session_name}:#{window_index} #{?window_active,*,-} #{@a} "
         "#{=2:window_name} #{P:#{pane_index}}")
    same(tmux, mux, "list-sessions", "-F", "#{session_name} #{session_windows} #{e|*|:#{session_windows},10}")
    same(tmux, mux, "list-panes", "-s", "-t", "main", "-F", "#{window_index}.#{pane_index} #{==:#{pane_index},1}")
    same(tmux, mux, "new-window", "-d", "-t", "main", "-P", "-F", "#{window_index} #{@n} #{e|+|:#{@n},1}")


def test_user_options_are_set_shown_and_unset_at_every_scope(servers) -> None:
    tmux, mux = servers
    same(tmux, mux, "show-options", "-gv", "@n")
    both(tmux, mux, "set-option", "-t", "other", "@n", "7")
    both(tmux, mux, "set-option", "-w", "-t", "main:one", "@w", "win")
    same(tmux, mux, "display-message", "-p", "-t", "other", "#{@n} #{@w}|")
    same(tmux, mux, "display-message", "-p", "-t", "main:one", "#{@n} #{@w}|")
    same(tmux, mux, "show-options", "-t", "other", "-v", "@n")
    both(tmux, mux, "set-option", "-u", "-t", "other", "@n")
    same(tmux, mux, "display-message", "-p", "-t", "other", "#{@n}")
    theirs, ours = tmux.cli("show-options", "-gv", "@gone"), mux.cli("show-options", "-gv", "@gone")
    assert theirs.returncode != 0 and ours.returncode != 0
    same(tmux, mux, "show-options", "-gqv", "@gone")
