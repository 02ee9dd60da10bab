"""``-F FORMAT`` on list-sessions, list-windows and list-panes, and the tmux variables formats can use:
what scripts written for tmux read a running session with."""

from __future__ import annotations

from _mux import Mux, mux  # noqa: F401 - the fixture
from _tmux import Tmux, tmux  # noqa: F401 - the fixture
from conftest import poll_until


def test_list_commands_print_one_formatted_line_per_item(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "f", "-x", "80", "-y", "24", "--", "sh").returncode == 0
    mux("split-window", "-t", "f", "--", "sh")
    mux("new-window", "-t", "f:", "-n", "waits", "--", "sleep", "100")
    panes = mux("list-panes", "-s", "-t", "f", "-F",
                "#{pane_id} #{pane_index} #{pane_active} #{pane_left},#{pane_top} #{pane_right},#{pane_bottom} "
                "#{pane_width}x#{pane_height} #{window_index}").output.splitlines()
    assert panes == ["%0 0 0 0,0 79,11 80x12 0", "%1 1 1 0,13 79,23 80x11 0", "%2 0 1 0,0 79,23 80x24 1"]
    windows = mux("list-windows", "-t", "f", "-F", "#I:#W #{window_panes} #{window_flags} #{window_id}").output
    assert windows.splitlines() == ["0:sh 2 - @0", "1:waits 1 * @1"]
    mux("new-session", "-d", "-s", "g", "--", "sh")
    sessions = mux("list-sessions", "-F", "#S #{session_windows} #{session_id} #W").output.splitlines()
    assert sessions == ["f 2 $0 waits", "g 1 $1 sh"]
    assert mux("list-panes", "-a", "-F", "##{pane_id}=#D").output.splitlines()[-1] == "#{pane_id}=%3"


def test_pane_variables_follow_the_pane(mux: Mux) -> None:  # noqa: F811
    assert mux.cli("new-session", "-d", "-s", "v", "--", "sh").returncode == 0
    mux("send-keys", "-t", "v", "printf 'one\\ntwo\\n'", "Enter")
    mux.wait_text("v", "^two$")

    def show(template: str) -> str:
        return mux("display-message", "-p", "-t", "v", template).output.strip()

    assert show("#{alternate_on} #{pane_in_mode} #{pane_dead} #{pane_start_command}") == "0 0 0 sh"
    assert int(show("#{cursor_y}")) >= 3 and show("#{history_limit}") == "10000"
    mux("send-keys", "-t", "v", "sleep 30", "Enter")
    assert poll_until(lambda: show("#{pane_current_command}") == "sleep", timeout=5)
    mux("copy-mode", "-t", "v")
    assert show("#{pane_in_mode}") == "1"


def test_every_documented_variable_has_a_value(mux: Mux) -> None:  # noqa: F811
    from muntin.commands.formats import FORMAT_VARIABLES

    assert mux.cli("new-session", "-d", "-s", "all", "--", "sh").returncode == 0
    template = "|".join(f"#{{{name}}}" for name in FORMAT_VARIABLES)
    values = dict(zip(FORMAT_VARIABLES, mux("display-message", "-p", "-t", "all", template).output.strip().split("|")))
    # client_* speak of an attached client: with none, they are empty, as in tmux
    empty = [name for name, value in values.items()
             if value == "" and name != "pane_dead_status" and not name.startswith("client_")]
    assert empty == [] and len(values) == len(FORMAT_VARIABLES)


TMUX_COMPARED = ("active_window_index", "last_window_index", "session_grouped", "session_marked", "window_raw_flags",
                 "window_activity_flag", "window_bell_flag", "window_linked", "window_linked_sessions",
                 "window_linked_sessions_list", "window_active_sessions", "window_active_sessions_list",
                 "window_start_flag", "window_end_flag", "pane_last", "pane_synchronized", "pane_input_off",
                 "pane_marked", "pane_at_left", "pane_at_top", "pane_at_right", "pane_at_bottom", "cursor_flag",
                 "insert_flag", "keypad_cursor_flag", "keypad_flag", "origin_flag", "wrap_flag",
                 "mouse_any_flag", "mouse_sgr_flag", "scroll_region_upper", "scroll_region_lower", "pane_tabs",
                 "pane_start_path", "uid", "user", "session_many_attached")
"""Variables libtmux reads on every list-* line, compared with tmux's values."""


def test_variables_libtmux_reads_have_tmux_values(mux: Mux, tmux: Tmux, tmp_path) -> None:  # noqa: F811
    script = [["new-session", "-d", "-s", "v", "-x", "80", "-y", "24", "-c", str(tmp_path), "sh"],
              ["split-window", "-h", "-t", "v", "-c", str(tmp_path), "sh"], ["split-window", "-t", "v", "-c", str(tmp_path), "sh"],
              ["new-window", "-t", "v", "-c", str(tmp_path), "sh"],
              ["new-window", "-t", "v", "-c", str(tmp_path), "sh"], ["select-window", "-t", "v:1"],
              ["set-option", "-w", "-t", "v:1", "synchronize-panes", "on"]]
    template = "|".join(f"#{{{name}}}" for name in TMUX_COMPARED)
    seen = []
    for run in (mux.cli, tmux.cli):
        for words in script:
            assert run(*words).returncode == 0, words
        listing = run("list-panes", "-a", "-F", template)
        assert listing.returncode == 0
        seen.append([dict(zip(TMUX_COMPARED, line.split("|"))) for line in listing.stdout.splitlines()])
    assert len(seen[0]) == len(seen[1]) == 5
    for ours, theirs in zip(*seen):
        assert {k: (v, theirs[k]) for k, v in ours.items() if v != theirs[k]} == {}
