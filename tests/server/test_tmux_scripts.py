"""Scripts written for tmux mean the same in muntin: one command line run against real tmux and muntin."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess

import pytest
from _mux import Mux, mux  # noqa: F401 - the fixture
from _tmux import Tmux, tmux  # noqa: F401 - the fixture
from conftest import poll_until


pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PANES = "#{session_name}:#{window_index}.#{pane_index} #{pane_width}x#{pane_height} #{pane_left},#{pane_top}"


def both(tmux: Tmux, mux: Mux, *words: str) -> tuple[str, str]:
    """Run one command line against both; each must succeed; their stdout."""
    theirs, ours = tmux.cli(*words), mux.cli(*words)
    assert theirs.returncode == 0, f"tmux {words}: {theirs.stderr}"
    assert ours.returncode == 0, f"muntin {words}: {ours.stderr}"
    return theirs.stdout, ours.stdout


def _names_settled(tmux: Tmux) -> bool:
    """tmux names a new window after its pane's program on a timer; until the program's exec, that is
    `tmux` itself (seen on a loaded machine), so window names are compared once none is."""
    names = tmux.cli("list-windows", "-a", "-F", "#{window_name}").stdout.split()
    return "tmux" not in names


def same(tmux: Tmux, mux: Mux, *words: str) -> str:
    if "#{window_name}" in " ".join(words):
        poll_until(lambda: _names_settled(tmux), 10)
    theirs, ours = both(tmux, mux, *words)
    assert ours == theirs, f"{words}:\ntmux:\n{theirs}\nmuntin:\n{ours}"
    return ours


# -- `;` on the command line --------------------------------------------------------------------------


def test_a_semicolon_word_separates_commands_on_the_command_line(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "split-window", ";",
         "select-layout", "tiled", ";", "new-window", ";", "split-window", "-h", ";", "split-window")
    panes = same(tmux, mux, "list-panes", "-a", "-F", PANES)
    assert len(panes.splitlines()) == 5


def test_a_word_ending_in_a_semicolon_ends_a_command_and_backslash_semicolon_is_kept(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "-n", "one;", "new-window", "-n",
         "a\\;", ";", "split-window;")
    same(tmux, mux, "list-windows", "-F", "#{window_index} #{window_name} #{window_panes}")
    # the second window is named `a;` and has two panes


def test_bind_key_in_a_file_binds_the_whole_sequence(tmux, mux):
    conf = tmux.dir / "keys.conf"
    conf.write_text("bind-key x split-window \\; select-layout tiled\n"
                    "bind-key y display-message 'a;b' \\; kill-pane\n")
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "source-file", str(conf))
    both(tmux, mux, "bind-key", "z", "split-window", "\\;", "select-layout", "tiled")  # the shell's '\;'

    def bound(output: str) -> dict[str, str]:
        keys = {}
        for line in output.splitlines():
            words = line.split(None, 4)
            if words[2:3] == ["prefix"] and words[3] in ("x", "y", "z"):
                keys[words[3]] = words[4].replace("\\;", ";").replace('"a;b"', "'a;b'")
        return keys

    theirs, ours = both(tmux, mux, "list-keys", "-T", "prefix")
    assert bound(ours) == bound(theirs) == {"x": "split-window ; select-layout tiled",
                                             "y": "display-message 'a;b' ; kill-pane",
                                             "z": "split-window ; select-layout tiled"}


# -- -P -F: print the new object ----------------------------------------------------------------------


def test_dash_p_prints_the_new_object_in_tmux_default_format(tmux, mux):
    assert same(tmux, mux, "new-session", "-d", "-P", "-s", "x", "-x", "80", "-y", "24") == "x:\n"
    assert same(tmux, mux, "split-window", "-t", "x", "-P") == "x:0.1\n"
    assert same(tmux, mux, "new-window", "-t", "x", "-P") == "x:1.0\n"
    assert same(tmux, mux, "break-pane", "-s", "x:0.1", "-P") == "x:2.0\n"
    assert same(tmux, mux, "split-window", "-t", "x", "-d") == ""  # nothing without -P
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


def test_dash_f_formats_the_new_object_and_its_id_targets_it(tmux, mux):
    assert same(tmux, mux, "new-session", "-d", "-P", "-F", "#{session_name} #{window_index}", "-s", "x",
                "-x", "80", "-y", "24") == "x 0\n"
    theirs, ours = both(tmux, mux, "split-window", "-h", "-t", "x", "-P", "-F", "#{pane_id}")
    assert theirs.startswith("%") and ours.startswith("%")  # pane=$(tmux split-window -P -F '#{pane_id}')
    where = "#{window_index}.#{pane_index} #{pane_width}"
    assert tmux.cli("display-message", "-p", "-t", theirs.strip(), where).stdout == \
        mux.cli("display-message", "-p", "-t", ours.strip(), where).stdout == "0.1 39\n"
    theirs, ours = both(tmux, mux, "new-window", "-d", "-t", "x", "-P", "-F", "#{window_index}:#{window_id}")
    assert theirs.split(":")[0] == ours.split(":")[0] == "1"
    assert same(tmux, mux, "break-pane", "-d", "-s", "x:0.1", "-P", "-F", "#{window_index}.#{pane_index}") == "2.0\n"


# -- new-window -t s:N, -k, -a, -b --------------------------------------------------------------------

WINDOWS = "#{window_index} #{window_name} #{window_active} #{window_panes}"


def test_new_window_at_an_index_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-n", "a", "-x", "80", "-y", "24")
    both(tmux, mux, "new-window", "-t", "x:5", "-n", "five")
    for taken in ("x:5", "x:0", "0"):  # taken: an error, and nothing made
        theirs, ours = tmux.cli("new-window", "-t", taken, "-n", "dup"), mux.cli("new-window", "-t", taken)
        assert theirs.returncode != 0 and ours.returncode != 0
        assert f"index {taken.split(':')[-1]} in use" in theirs.stderr and \
            f"index {taken.split(':')[-1]} in use" in ours.stderr
    both(tmux, mux, "new-window", "-k", "-t", "x:0", "-n", "zero")  # -k replaces the only-but-one window
    both(tmux, mux, "new-window", "-d", "-a", "-t", "x:0", "-n", "after0")
    both(tmux, mux, "new-window", "-b", "-t", "x:5", "-n", "before5")  # five moves up to 6
    both(tmux, mux, "new-window", "-a", "-n", "after-current")  # after the current window (before5)
    both(tmux, mux, "new-window", "-t", "3", "-n", "three")
    both(tmux, mux, "select-window", "-t", "x:1")
    both(tmux, mux, "new-window", "-d", "-k", "-t", "x:1", "-n", "replaced-current")
    same(tmux, mux, "list-windows", "-t", "x", "-F", WINDOWS)
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


def test_break_pane_source_and_destination_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "split-window", ";",
         "split-window", "-h")
    assert same(tmux, mux, "break-pane", "-d", "-s", "x:0.2", "-t", "x:7", "-P") == "x:7.0\n"
    theirs, ours = tmux.cli("break-pane", "-s", "x:0.1", "-t", "x:7"), mux.cli("break-pane", "-s", "x:0.1", "-t",
                                                                              "x:7")
    assert theirs.returncode != 0 and ours.returncode != 0
    same(tmux, mux, "list-windows", "-t", "x", "-F", WINDOWS)
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


# -- new -x 1 -y 1 ------------------------------------------------------------------------------------


def test_a_one_by_one_session_as_tmux(tmux, mux):
    sizes = "#{pane_width}x#{pane_height} #{window_width}x#{window_height}"
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "1", "-y", "1", "printf abc; exec cat")
    assert same(tmux, mux, "list-panes", "-a", "-F", sizes) == "1x1 1x1\n"
    for each in (tmux, mux):  # the program's text wraps in one column: the last letter is on screen
        assert poll_until(lambda box=each: box.cli("capture-pane", "-p", "-t", "x").stdout == "c\n", 10)
    for flag in ("-v", "-h"):  # no room to split, in both
        assert tmux.cli("split-window", flag, "-t", "x").returncode != 0
        assert mux.cli("split-window", flag, "-t", "x").returncode != 0
    both(tmux, mux, "resize-window", "-t", "x", "-x", "10", "-y", "5")
    assert same(tmux, mux, "list-panes", "-a", "-F", sizes) == "10x5 10x5\n"
    both(tmux, mux, "resize-window", "-t", "x", "-x", "1", "-y", "1", ";", "send-keys", "-t", "x", "hello", "Enter")
    assert same(tmux, mux, "list-panes", "-a", "-F", sizes) == "1x1 1x1\n"


def test_an_unquoted_semicolon_in_a_file_ends_the_command_anywhere(tmux, mux):
    conf = tmux.dir / "windows.conf"
    conf.write_text("new-window -n one;new-window -n 'two;2' ;new-window -n three\\;3; split-window\n")
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "source-file", str(conf))
    same(tmux, mux, "list-windows", "-F", WINDOWS)


# -- a file in tmux's syntax -------------------------------------------------------------------------

SYNTAX_CONF = r"""# comments, continuations, quotes over lines, escapes, variables, blocks, conditions
set -g @plain one\
two
set -g @quoted "a 'b' \"c\" \t|\e[1m|\101|\u00e9"
set -g @single 'no $HOME \n here'
set -g @multi "first
   # dropped: a comment line inside quotes
   second"
V=value
%hidden H=hidden
set -g @vars "$V ${V}-$H" ; set -g @semi 'x;y'
set -g @tilde ~/f
set -g @notilde a~
%if "#{==:#{session_name},x}"
set -g @cond yes
%elif "1"
set -g @cond elif
%else
set -g @cond no
%endif
%if "#{session_name}"
  %if "0"
set -g @nested inner-if
  %else
set -g @nested inner-else
  %endif
%endif
if-shell -F "#{session_name}" {
  set -g @block "line one"
  set -g @block2 two
} {
  set -g @block never
}
"""


def test_a_file_in_tmux_syntax_sets_the_same_values(tmux, mux):
    conf = tmux.dir / "syntax.conf"
    conf.write_text(SYNTAX_CONF)
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "source-file", str(conf))
    for name in ("@plain", "@quoted", "@single", "@multi", "@vars", "@semi", "@tilde", "@notilde", "@cond",
                 "@nested", "@block", "@block2"):
        same(tmux, mux, "show-options", "-gv", name)


def test_a_layout_chosen_for_a_window_that_is_not_current_sizes_its_panes(tmux, mux):
    """libtmux makes windows with ``new-window -d`` and lays them out by id while another is current."""
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "new-window", "-d", "-t", "x:", "-n", "behind")
    both(tmux, mux, "split-window", "-d", "-t", "x:behind")
    both(tmux, mux, "select-layout", "-t", "x:behind", "even-horizontal")
    both(tmux, mux, "split-window", "-d", "-t", "x:behind.0")
    both(tmux, mux, "select-layout", "-t", "x:behind", "main-vertical")
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


@pytest.mark.parametrize(("preset", "option", "size"), [("main-horizontal", "main-pane-height", "67%"),
                                                        ("main-vertical", "main-pane-width", "50%"),
                                                        ("main-horizontal", "main-pane-height", "30")])
def test_main_pane_sizes_as_tmux(tmux, mux, preset, option, size):
    """A percentage is of the window less the border; the others keep tmux's minimum of one cell."""
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "split-window", "-t", "x")
    both(tmux, mux, "split-window", "-t", "x")
    both(tmux, mux, "set-option", "-w", "-t", "x", option, size)
    both(tmux, mux, "select-layout", "-t", "x", preset)
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


# -- the default shell is a login shell ---------------------------------------------------------------


def _pane_args(box: Tmux | Mux, target: str) -> str:
    """The command line of a pane's process as ps shows it (its argv[0] as the program was given it)."""
    pid = box.cli("display-message", "-p", "-t", target, "#{pane_pid}").stdout.strip()
    return subprocess.run(["ps", "-o", "args=", "-p", pid], capture_output=True, text=True).stdout.strip()


def test_the_default_shell_starts_as_a_login_shell_and_a_line_as_shell_c(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "set-option", "-g", "default-shell", "/bin/sh")
    both(tmux, mux, "new-window", "-t", "x:1")
    both(tmux, mux, "split-window", "-t", "x:1", "sleep 30; true")  # one word: a line for the shell
    both(tmux, mux, "set-option", "-g", "default-command", "sleep 31; true")
    both(tmux, mux, "new-window", "-t", "x:2")
    for target, expected in (("x:1.0", "-sh"), ("x:1.1", "sh -c sleep 30; true"), ("x:2", "sh -c sleep 31; true")):
        theirs, ours = _pane_args(tmux, target), _pane_args(mux, target)
        assert theirs == ours == expected, (target, theirs, ours)
    # the first pane: the user's shell ($SHELL), as a login shell too
    for box in (tmux, mux):
        assert poll_until(lambda box=box: _pane_args(box, "x:0").startswith("-"), 10), _pane_args(box, "x:0")
    same(tmux, mux, "list-panes", "-t", "x:1", "-F", "#{pane_index} #{pane_current_command}")


# -- -c and -n are formats ------------------------------------------------------------------------------


def test_dash_c_and_dash_n_are_formats_read_for_the_current_pane(tmux, mux):
    """``bind '"' split-window -c "#{pane_current_path}"`` is in most .tmux.conf files."""
    top = tmux.dir / "top"
    (top / "sub" / "deeper").mkdir(parents=True)
    (top / "other").mkdir()
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "-c", str(top), "-n", "w#{host_short}",
         "cd sub && exec sleep 100")
    for box in (tmux, mux):
        assert poll_until(lambda box=box: box.cli("display-message", "-p", "-t", "x:0", "#{pane_current_path}")
                          .stdout.strip() == str(top / "sub"), 10)
    both(tmux, mux, "split-window", "-t", "x", "-c", "#{pane_current_path}", "sleep 100")
    both(tmux, mux, "new-window", "-d", "-t", "x:1", "-c", str(top / "other"), "-n", "#{window_index}+", "sleep 100")
    both(tmux, mux, "new-window", "-d", "-t", "x:2", "-c", "#{pane_current_path}/deeper", "sleep 100")
    # the target is window 1, but the format is read for the current window's active pane (x:0.1)
    both(tmux, mux, "split-window", "-d", "-t", "x:1", "-c", "#{pane_start_path}#{?pane_dead,,}", "sleep 100")
    paths = same(tmux, mux, "list-panes", "-a", "-F", "#{pane_start_path} #{pane_current_path}")
    assert paths.splitlines()[-1] == f"{top}/sub/deeper {top}/sub/deeper"
    names = same(tmux, mux, "list-windows", "-F", "#{window_index} #{window_name}", "-f", "#{!=:#{window_index},2}")
    assert names.split() == ["0", f"w{socket.gethostname().split('.')[0]}", "1", "0+"]


def test_ids_count_from_zero_as_tmux(tmux, mux):
    ids = "#{session_id} #{window_id} #{pane_id}"
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "split-window", ";", "new-window",
         ";", "new-session", "-d", "-s", "y")
    assert same(tmux, mux, "list-panes", "-a", "-F", ids).split("\n") == ["$0 @0 %0", "$0 @0 %1", "$0 @1 %2",
                                                                          "$1 @2 %3", ""]
    assert same(tmux, mux, "list-windows", "-a", "-f", "#{==:#{session_name},y}", "-F", "#{window_id}") == "@2\n"
    assert same(tmux, mux, "list-sessions", "-f", "#{session_windows}", "-F", "#{session_id}") == "$0\n$1\n"
    assert same(tmux, mux, "list-panes", "-s", "-t", "x", "-f", "#{pane_index}", "-F", "#{pane_id}") == "%1\n"
    both(tmux, mux, "kill-pane", "-t", "%0")
    assert same(tmux, mux, "display-message", "-p", "-t", "%1", "#{pane_index}") == "0\n"


def test_a_dead_panes_directory_and_commands_as_tmux(tmux, mux):
    """tmux reads a pane's directory from its running program: a dead pane has none; its command is the
    one it was given, in tmux's quoting."""
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "-c", str(tmux.dir), ";",
         "set-option", "-g", "remain-on-exit", "on")
    both(tmux, mux, "new-window", "-t", "x:1", "/nonexistent/program")
    both(tmux, mux, "new-window", "-t", "x:2", "exit 3")
    both(tmux, mux, "new-window", "-t", "x:3", "printf '%s\\n' \"a b\"; sleep 30")
    both(tmux, mux, "new-window", "-d", "-t", "x:4", "sh", "-c", 'echo "x $HOME" ~; sleep 30')
    for box in (tmux, mux):
        assert poll_until(lambda box=box: box.cli("list-panes", "-a", "-F", "#{pane_dead}").stdout.split()
                          == ["0", "1", "1", "0", "0"], 10)
    same(tmux, mux, "list-panes", "-a", "-F", "#{pane_dead} #{pane_dead_status} [#{pane_current_path}] "
         "[#{pane_start_path}] [#{pane_start_command}]")
    same(tmux, mux, "list-panes", "-a", "-f", "#{pane_dead}", "-F", "#{pane_current_command}")


# -- everyday idioms ------------------------------------------------------------------------------------


def _screen(box: Tmux | Mux, target: str, *flags: str) -> str:
    return box.cli("capture-pane", "-p", "-t", target, *flags).stdout


def test_everyday_scripting_idioms_print_what_tmux_prints(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "-n", "one", "exec cat", ";",
         "new-window", "-n", "two", "exec cat", ";", "new-window", "-n", "three", "exec cat")
    where = "#{session_name}:#{window_index}.#{pane_index} #{window_flags} #{pane_active} #{window_panes}"
    for words in (("has-session", "-t", "x"), ("has-session", "-t", "x:two"), ("select-window", "-t", "x:one"),
                  ("select-window", "-t", "x:two"), ("select-window", "-t", "x:1"), ("last-window", "-t", "x"),
                  ("next-window", "-t", "x"), ("rename-window", "-t", "x:0", "first"),
                  ("rename-session", "-t", "x", "y"), ("rename-session", "-t", "y", "x"),
                  ("split-window", "-t", "x:0", "exec cat"), ("split-window", "-h", "-t", "x:0", "exec cat"),
                  ("select-pane", "-t", "x:0.0"), ("last-pane", "-t", "x:0"), ("swap-pane", "-U", "-t", "x:0.2"),
                  ("swap-pane", "-D", "-t", "x:0.0"), ("resize-pane", "-Z", "-t", "x:0.1")):
        assert same(tmux, mux, *words) == "", words
        same(tmux, mux, "display-message", "-p", where)
    same(tmux, mux, "list-windows", "-t", "x", "-F", "#{window_index}:#{window_name}#{window_flags}")
    same(tmux, mux, "list-panes", "-t", "x:0", "-F", "#{pane_index} #{pane_active} #{pane_width}x#{pane_height} "
         "#{pane_id} #{window_zoomed_flag}")
    for box in (tmux, mux):
        assert poll_until(lambda box=box: box.cli("display-message", "-p", "-t", "x:1", "#{pane_current_command}")
                          .stdout == "cat\n", 10)
        for keys, line in ((("-l", "a;b", ";", "send-keys", "-t", "x:1", "Enter"), "a;b"),
                           (("-H", "68", "69", "zz", "0a"), "hi"),  # a word that is not a hex byte is skipped
                           (("-N", "3", "z", ";", "send-keys", "-t", "x:1", "Enter"), "zzz")):
            box.cli("send-keys", "-t", "x:1", *keys)  # each line echoed, then cat's copy, before the next
            assert poll_until(lambda box=box, line=line: _screen(box, "x:1").split().count(line) == 2, 10), \
                _screen(box, "x:1")
    assert _screen(tmux, "x:1").split() == ["a;b", "a;b", "hi", "hi", "zzz", "zzz"]
    for flags in ((), ("-S", "1", "-E", "2"), ("-S", "-5", "-E", "0"), ("-E", "1"), ("-S", "4")):
        # muntin leaves out the blank lines at the end of the range, where tmux prints them
        assert _screen(tmux, "x:1", *flags).rstrip("\n") == _screen(mux, "x:1", *flags).rstrip("\n"), flags
    for words in (("break-pane", "-d", "-s", "x:0.2", "-t", "x:5"), ("join-pane", "-s", "x:5", "-t", "x:0"),
                  ("join-pane", "-h", "-s", "x:2.0", "-t", "x:0.0"), ("kill-pane", "-t", "x:0.1"),
                  ("kill-window", "-t", "x:1")):
        assert same(tmux, mux, *words) == "", words  # a pane ended by its hangup goes in silence
        same(tmux, mux, "list-panes", "-a", "-F", "#{window_index}.#{pane_index} #{pane_active} "
             "#{pane_width}x#{pane_height} #{pane_id}")


def test_buffers_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "set-buffer", "-b", "b1", "hello")
    both(tmux, mux, "set-buffer", "world")
    for words, text in ((("show-buffer",), "world"), (("show-buffer", "-b", "b1"), "hello")):
        theirs, ours = both(tmux, mux, *words)
        assert theirs == text and ours == text + "\n"  # tmux prints the buffer as it is, muntin ends the line
    assert same(tmux, mux, "list-buffers", "-F", "#{buffer_name} #{buffer_size} #{buffer_sample}") == \
        "buffer0 5 world\nb1 5 hello\n"
    assert same(tmux, mux, "list-buffers", "-f", "#{==:#{buffer_name},b1}", "-F", "#{buffer_name}") == "b1\n"
    both(tmux, mux, "delete-buffer", "-b", "b1")
    for box in (tmux, mux):
        failed = box.cli("show-buffer", "-b", "b1")
        assert failed.returncode != 0 and "no buffer b1" in failed.stderr


def test_missing_targets_fail_in_both(tmux, mux):
    """The messages are tmux's (muntin adds what there is); the exit status is not 0 in both (tmux's is
    1, muntin's the matching os.EX_* code)."""
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    for words, message in ((("has-session", "-t", "nosuch"), "can't find session: nosuch"),
                           (("select-window", "-t", "x:9"), "can't find window: 9"),
                           (("kill-pane", "-t", "x:0.9"), "can't find pane: 9"),
                           (("kill-window", "-t", "x:9"), "can't find window: 9"),
                           (("kill-session", "-t", "nosuch"), "can't find session: nosuch"),
                           (("new-session", "-d", "-s", "x"), "duplicate session: x")):
        for box in (tmux, mux):
            failed = box.cli(*words)
            assert failed.returncode != 0 and message in failed.stderr, (words, failed.stderr)


def test_panes_made_from_the_command_line_run_with_its_path(tmux, mux):
    """tmux gives a pane made by a command line that command line's PATH, over the session's and -e's."""
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "set-environment", "-t", "x",
         "PATH", "/nonexistent", ";", "set-environment", "-t", "x", "FOO", "session")
    both(tmux, mux, "new-window", "-t", "x:1", "-e", "PATH=/also-not", "-e", "BAR=given",
         "echo \"$PATH|$FOO|$BAR\"; exec cat")
    expected = f"{os.environ['PATH']}|session|given"
    for box in (tmux, mux):
        assert poll_until(lambda box=box: expected in _screen(box, "x:1", "-J"), 10), _screen(box, "x:1", "-J")
