"""What tmux 3.3a's own regression scripts (regress/*.sh) check, run against real tmux and muntin alike."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from _tmux import Tmux, tmux  # noqa: F401 - the fixture
from conftest import poll_until
from test_tmux_scripts import both, same

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def with_config(tmux: Tmux, mux: Mux, config: str, *words: str) -> None:
    """``-f CONFIG WORDS...`` against both (a server each starts with the file); each must succeed."""
    path = tmux.dir / "regress.conf"
    path.write_text(config)
    theirs = subprocess.run(["tmux", "-L", tmux.name, "-f", str(path), *words], capture_output=True, text=True,
                            timeout=30, stdin=subprocess.DEVNULL, env=tmux.env)
    ours = subprocess.run([sys.executable, "-m", "muntin", "-S", str(mux.sock), "-f", str(path), *words],
                          capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert theirs.returncode == 0, theirs.stderr
    assert ours.returncode == 0, ours.stderr


# -- set-option -a (am-terminal.sh) ---------------------------------------------------------------------


def test_set_option_a_appends_to_text_and_with_a_comma_to_a_style(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    both(tmux, mux, "set", "-g", "status-right", "RRR")
    both(tmux, mux, "set", "-ga", "status-right", "SSS")
    both(tmux, mux, "set", "-g", "status-style", "bg=red")
    both(tmux, mux, "set", "-ga", "status-style", "fg=blue")
    both(tmux, mux, "set", "-a", "@mine", "one")  # not set in the session yet: the text alone
    both(tmux, mux, "set", "-a", "@mine", "two")
    assert same(tmux, mux, "show", "-gv", "status-right") == "RRRSSS\n"
    assert same(tmux, mux, "show", "-gv", "status-style") == "bg=red,fg=blue\n"
    assert same(tmux, mux, "show", "-v", "@mine") == "onetwo\n"


# -- base-index (new-session-base-index.sh) -------------------------------------------------------------


def test_new_windows_take_the_first_free_index_from_base_index(tmux, mux):
    with_config(tmux, mux, "set -g base-index 100\nnew\nset base-index 200\nneww\n", "start-server")
    assert same(tmux, mux, "list-windows", "-F", "#{window_index}") == "100\n200\n"


# -- capture-pane prints every row (cursor-test*.sh) ----------------------------------------------------


def test_capture_pane_prints_the_blank_rows_below_too(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "20", "-y", "5", "printf 'ab\\n'; exec cat")
    for box in (tmux, mux):
        assert poll_until(lambda: box.cli("capture-pane", "-p").stdout.startswith("ab\n"))
    assert same(tmux, mux, "capture-pane", "-p") == "ab\n\n\n\n\n"


# -- if-shell in a config file (if-shell-error.sh, if-shell-nested.sh) ----------------------------------


def test_a_bad_command_in_the_start_up_config_shows_in_view_mode_over_the_first_pane(tmux, mux):
    with_config(tmux, mux, "if 'true' 'wibble wobble'\n", "new-session", "-d")
    assert same(tmux, mux, "display-message", "-p", "#{pane_in_mode}") == "1\n"


def test_a_user_option_set_with_s_shows_with_show_s(tmux, mux):
    with_config(tmux, mux, "if 'true' 'set -s @done yes'\n", "new-session", "-d")
    assert same(tmux, mux, "show", "-vs", "@done") == "yes\n"
    assert same(tmux, mux, "display-message", "-p", "#{pane_in_mode}") == "0\n"


# -- show-options quotes a text as tmux's args_escape ---------------------------------------------------

VALUES = ["plain", "two words", "#[fg=red]x", 'say "hi"', "it's", "$HOME and $1", "a\\b", "tab\there", "~/x",
          "~ x", "#", "'", "~", "", "100%", "{a}", "semi;colon", "é ü"]


@pytest.mark.parametrize("value", VALUES)
def test_show_options_quotes_a_value_as_tmux(tmux, mux, value):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    both(tmux, mux, "set", "-g", "status-right", value)
    both(tmux, mux, "set", "-g", "@mine", value)
    same(tmux, mux, "show", "-g", "status-right")
    same(tmux, mux, "show", "-g", "@mine")
    same(tmux, mux, "show", "-gv", "status-right")


# -- #{C:TEXT} and #{c:COLOUR} --------------------------------------------------------------------------

SEARCHES = ["#{C:two}", "#{C:TWO}", "#{C/i:TWO}", "#{C/r:^th.ee$}", "#{C/ri:^TH}", "#{C:nothing}", "#{C:o}",
            "#{C:t*e}"]
COLOURS = ["red", "colour123", "color0", "colour255", "#ff8000", "brightblue", "7", "93", "default", "terminal",
           "nonsense", "colour256", "#FFAA00", "Red"]


def test_c_searches_the_pane_and_c_gives_a_colour_as_hex_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "20", "-y", "5", "printf 'one\\ntwo\\nthree\\n'; exec cat")
    for box in (tmux, mux):
        assert poll_until(lambda: "three" in box.cli("capture-pane", "-p").stdout)
    for template in [*SEARCHES, *(f"#{{c:{colour}}}" for colour in COLOURS)]:
        same(tmux, mux, "display-message", "-p", template)


# -- show-prompt-history, clear-prompt-history ----------------------------------------------------------


def test_show_and_clear_prompt_history_print_and_refuse_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    assert same(tmux, mux, "show-prompt-history").startswith("History for command:\n\n\nHistory for search:")
    same(tmux, mux, "showphist", "-T", "window-target")
    same(tmux, mux, "clear-prompt-history", "-T", "search")
    same(tmux, mux, "clearphist")
    theirs, ours = tmux.cli("showphist", "-T", "wrong"), mux.cli("showphist", "-T", "wrong")
    assert theirs.returncode != 0 and ours.returncode != 0
    assert "invalid type: wrong" in theirs.stderr and "invalid type: wrong" in ours.stderr


def test_add_prompt_history_keeps_a_repeated_line_once_and_the_newest_lines(mux):
    mux("new-session", "-d", "-s", "x")
    mux("set", "-g", "prompt-history-limit", "2")
    for line in ("one", "two", "two", "three"):
        mux("add-prompt-history", line)
    assert mux("show-prompt-history", "-T", "command").output == "History for command:\n\n1: two\n2: three\n\n"


# -- array options: status-format (style-trim.sh) -------------------------------------------------------

ARRAY_STEPS = [("set", "-g", "status-format[5]", "x y"), ("set", "status-format", "a b,c"),
               ("set", "-u", "status-format"), ("set", "-gu", "status-format[1]"), ("set", "-ga", "status-format[5]", "z"),
               ("set", "-g", "status-format", ""), ("set", "-gu", "status-format"), ("set", "-ga", "status-format", "q")]


def test_status_format_is_an_array_option_as_in_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    same(tmux, mux, "show", "-g", "status-format")
    for step in ARRAY_STEPS:
        both(tmux, mux, *step)
        same(tmux, mux, "show", "-g", "status-format")
        same(tmux, mux, "show", "-gv", "status-format")
        same(tmux, mux, "show", "-g", "status-format[3]")
    both(tmux, mux, "set", "status-format[2]", "mine")
    same(tmux, mux, "show", "-v", "status-format[2]")
    theirs, ours = tmux.cli("set", "-g", "status-right[0]", "x"), mux.cli("set", "-g", "status-right[0]", "x")
    assert theirs.returncode != 0 and ours.returncode != 0
    assert "not an array: status-right[0]" in theirs.stderr and "not an array: status-right[0]" in ours.stderr


# -- capture-pane -e and -C write codes as tmux (style-trim.sh) -----------------------------------------

# Each line ends in unstyled text: tmux writes a code only before a cell a program wrote, and muntin, which
# does not tell those from cells never written, writes the codes of a line's blanks too (the blanks
# themselves are trimmed), so a line ending in a style change differs in where the next code comes.
SGR = ("printf '\\033[1;31mred\\033[0m plain\\n\\033[43mbg\\033[49m back\\n\\033[38;5;200mc200\\033[m x\\n"
       "\\033[1;4mbu\\033[22mu\\033[0m x\\n\\033[38;2;1;2;3mrgb\\033[0m \\033[93mbright\\033[39m x\\n"
       "back\\\\\\\\slash\\n'; exec cat")


def test_capture_pane_e_and_c_write_the_codes_tmux_writes(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "30", "-y", "10", SGR)
    for box in (tmux, mux):
        assert poll_until(lambda: "slash" in box.cli("capture-pane", "-p").stdout)
    same(tmux, mux, "capture-pane", "-pe")
    same(tmux, mux, "capture-pane", "-peC")
    same(tmux, mux, "capture-pane", "-pC")


# -- terminal-overrides (am-terminal.sh) ----------------------------------------------------------------


def test_terminal_overrides_is_a_comma_separated_server_array_as_in_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    same(tmux, mux, "show", "-s", "terminal-overrides")
    both(tmux, mux, "set", "-as", "terminal-overrides", ",*:am@")
    both(tmux, mux, "set", "-as", "terminal-overrides", "xterm*:Tc,screen:XT")
    same(tmux, mux, "show", "-s", "terminal-overrides")
    same(tmux, mux, "show", "-sv", "terminal-overrides[1]")


# -- conf-syntax.sh: one-line %if, set -F, set -sg ------------------------------------------------------

ONE_LINE_IF = ("set -g @a 1 ; %if #{l:1} set -g @b red ; set -g @c x %elif 1 set -g @d no %else set -g @e no "
               "%endif ; set -g @f y\n%if #{l:0} set -g @g no %else set -g @h yes %endif\n%if 1\nset -g @i yes\n"
               "%endif\nset -sg escape-time 7\nset -g -F @j '#{==:a,a}-#{l:x}'\n")


def test_one_line_conditions_set_f_and_set_sg_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x")
    conf = tmux.dir / "inline.conf"
    conf.write_text(ONE_LINE_IF)
    both(tmux, mux, "source-file", str(conf))
    assert same(tmux, mux, "show", "-gv", "@b") == "red\n"
    for name in ("@a", "@c", "@f", "@h", "@i", "@j"):
        same(tmux, mux, "show", "-gv", name)
    for name in ("@d", "@e", "@g"):
        assert tmux.cli("show", "-gv", name).stdout == mux.cli("show", "-gv", name).stdout == ""
    same(tmux, mux, "show", "-sv", "escape-time")
    both(tmux, mux, "source-file", "-n", str(conf))
