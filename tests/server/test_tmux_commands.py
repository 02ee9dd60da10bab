"""tmux's command names, aliases and commands mean the same in muntin: checked against real tmux 3.3a."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import sys

import pytest
from _mux import mux  # noqa: F401 - the fixture
from _tmux import tmux  # noqa: F401 - the fixture
from conftest import poll_until
from test_tmux_scripts import PANES, both, same  # one command line against both

from muntin.commands import COMMANDS, find_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_every_tmux_alias_of_a_command_muntin_has_names_the_same_command(tmux):
    listed = tmux.cli("list-commands")
    assert listed.returncode == 0, listed.stderr
    aliases = dict(re.findall(r"^(\S+) \((\S+)\)", listed.stdout, re.MULTILINE))
    assert len(aliases) > 70  # tmux 3.3a has 90 commands, most with an alias
    ours = {spec.name for spec in COMMANDS}
    checked = {name: alias for name, alias in aliases.items() if name in ours}
    wrong = {alias: find_command(alias).name for name, alias in checked.items() if find_command(alias).name != name}
    assert not wrong, f"these tmux aliases name another command in muntin: {wrong}"
    assert len(checked) >= 55


# -- capture-pane -J ------------------------------------------------------------------------------------

WRAPS = ("printf '%s\\n' ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij 'one two three four five' short; "
         "printf 'ab%18s' ''; printf 'cd\\n'; printf 'done'; sleep 30")


def _captured(box, *flags: str) -> str:
    result = box.cli("capture-pane", "-p", *flags, "-t", "x")
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n")  # tmux prints the blank rows below too


@pytest.mark.parametrize("rows", [8, 3])  # all on the screen; most of it in the history
def test_capture_pane_j_joins_wrapped_lines_as_tmux(tmux, mux, rows):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "20", "-y", str(rows), WRAPS)
    for box in (tmux, mux):
        assert poll_until(lambda: "done" in _captured(box, "-S", "-")), _captured(box, "-S", "-")
    joined = _captured(mux, "-J", "-S", "-")
    assert joined == _captured(tmux, "-J", "-S", "-")
    assert "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij\none two three four five\nshort\nab" + " " * 18 + "cd" in joined
    assert _captured(mux, "-S", "-") == _captured(tmux, "-S", "-")  # without -J: row by row


# -- set-window-option, show-window-options ---------------------------------------------------------------


def test_setw_and_showw_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "new-window")
    assert same(tmux, mux, "showw") == ""
    both(tmux, mux, "setw", "mode-keys", "emacs")
    both(tmux, mux, "setw", "-t", "x:0", "synchronize-panes", "on")
    assert same(tmux, mux, "showw", "-t", "x:0") == "synchronize-panes on\n"
    assert same(tmux, mux, "showw") == "mode-keys emacs\n"  # the current window: x:1
    assert same(tmux, mux, "showw", "-v", "mode-keys") == "emacs\n"
    assert same(tmux, mux, "showw", "-g", "synchronize-panes") == "synchronize-panes off\n"
    both(tmux, mux, "setw", "-t", "x:0", "synchronize-panes")  # an on/off option given no value: toggled
    assert same(tmux, mux, "showw", "-t", "x:0", "synchronize-panes") == "synchronize-panes off\n"
    both(tmux, mux, "setw", "-u", "mode-keys")
    assert same(tmux, mux, "showw") == ""
    both(tmux, mux, "setw", "-q", "no-such-option", "1")
    both(tmux, mux, "setw", "-g", "automatic-rename", "off")
    both(tmux, mux, "setw", "-o", "-t", "x:0", "monitor-activity", "on")
    for words in (("setw", "no-such-option", "1"), ("setw", "-g", "-o", "automatic-rename", "on"),
                  ("setw", "-o", "-t", "x:0", "monitor-activity", "off"),
                  ("showw", "no-such-option"), ("setw", "mode-keys", "bogus")):
        theirs, ours = tmux.cli(*words), mux.cli(*words)
        assert theirs.returncode != 0 and ours.returncode != 0, (words, ours.stderr)
    assert same(tmux, mux, "showw", "-g", "automatic-rename") == "automatic-rename off\n"


def test_setw_synchronize_panes_types_into_every_pane(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "cat")
    mux("split-window", "-t", "x", "cat")
    mux("setw", "-t", "x", "synchronize-panes", "on")
    mux("send-keys", "-t", "x:0.1", "-l", "both-of-them")
    mux.wait_text("x:0.0", "both-of-them")
    mux("set", "-g", "synchronize-panes", "off")  # the window's own value stays
    mux("send-keys", "-t", "x:0.1", "-l", "again")
    mux.wait_text("x:0.0", "again")
    mux("setw", "-t", "x", "-u", "synchronize-panes")
    mux("send-keys", "-t", "x:0.1", "-l", "alone")
    mux.wait_text("x:0.1", "alone")
    assert "alone" not in mux.screen("x:0.0")


# -- set-hook, show-hooks -------------------------------------------------------------------------------


def test_set_hook_and_show_hooks_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    assert same(tmux, mux, "show-hooks") == ""
    ours = same(tmux, mux, "show-hooks", "-g")  # every hook tmux has, none set
    assert "after-new-window\n" in ours and "session-created\n" in ours
    both(tmux, mux, "set-hook", "-g", "after-new-window", "display -p one")
    both(tmux, mux, "set-hook", "-ga", "after-new-window", "display -p two")
    both(tmux, mux, "set-hook", "-g", "after-new-window[5]", "display -p five")
    assert same(tmux, mux, "show-hooks", "-g", "after-new-window") == (
        "after-new-window[0] display-message -p one\nafter-new-window[1] display-message -p two\n"
        "after-new-window[5] display-message -p five\n")
    assert same(tmux, mux, "new-window", "-d") == "one\ntwo\nfive\n"  # after the command, to its client
    assert same(tmux, mux, "set-hook", "-gR", "after-new-window") == "one\ntwo\nfive\n"
    both(tmux, mux, "set-hook", "-gu", "after-new-window[1]")
    assert same(tmux, mux, "new-window", "-d") == "one\nfive\n"
    both(tmux, mux, "set-hook", "-gu", "after-new-window")
    assert same(tmux, mux, "new-window", "-d") == ""
    both(tmux, mux, "set-hook", "after-split-window", "display -p split")  # the session's
    assert same(tmux, mux, "show-hooks") == "after-split-window[0] display-message -p split\n"
    assert same(tmux, mux, "split-window", "-d") == "split\n"
    both(tmux, mux, "set-hook", "-g", "after-split-window", "display -p global")  # the session's wins
    assert same(tmux, mux, "split-window", "-d") == "split\n"
    both(tmux, mux, "set-hook", "after-split-window", "select-pane -t nosuch")
    theirs, ours = tmux.cli("split-window", "-d"), mux.cli("split-window", "-d")
    assert theirs.returncode != 0 and ours.returncode != 0  # the hook's error is the command's
    assert same(tmux, mux, "list-panes", "-F", "#{pane_index}") == "0\n1\n2\n3\n"  # the split happened
    for words in (("set-hook", "-g", "no-such-hook", "x"), ("set-hook", "-g", "after-new-window"),
                  ("set-hook", "-g", "after-new-window", "no-such-command")):
        theirs, ours = tmux.cli(*words), mux.cli(*words)
        assert theirs.returncode != 0 and ours.returncode != 0, (words, ours.stderr)


def test_an_after_hook_runs_where_the_new_window_is(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "set-hook", "-g", "after-new-window", "rename-window hooked")
    both(tmux, mux, "new-window", "-d", ";", "new-window", "-d")
    assert same(tmux, mux, "list-windows", "-F", "#{window_index} #{window_name}").split("\n")[1:] == [
        "1 hooked", "2 hooked", ""]


def test_start_server_ends_at_once_without_a_session_as_tmux(tmux, mux):
    both(tmux, mux, "start-server")
    theirs, ours = tmux.cli("has-session"), mux.cli("has-session")
    assert theirs.returncode != 0 and ours.returncode != 0  # no server runs any more
    both(tmux, mux, "start-server", ";", "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    same(tmux, mux, "list-sessions", "-F", "#{session_name}")


# -- load-buffer, save-buffer -----------------------------------------------------------------------------


def test_load_buffer_and_save_buffer_as_tmux(tmux, mux, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path is the command line's, not the server's
    (tmp_path / "in.txt").write_bytes(b"one\ntwo three\n\tend")
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "load-buffer", "-b", "f", "in.txt")
    assert same(tmux, mux, "save-buffer", "-b", "f", "-") == "one\ntwo three\n\tend"  # byte for byte
    for box, name in ((tmux, "theirs"), (mux, "ours")):
        box.cli("save-buffer", "-b", "f", f"{name}.txt")
        box.cli("save-buffer", "-a", "-b", "f", f"{name}.txt")
    assert (tmp_path / "ours.txt").read_bytes() == (tmp_path / "theirs.txt").read_bytes() == \
        b"one\ntwo three\n\tend" * 2
    ours = [sys.executable, "-m", "muntin", "-S", str(mux.sock)]
    for prefix, env in ((tmux.prefix, tmux.env), (ours, None)):
        fed = subprocess.run([*prefix, "load-buffer", "-b", "in", "-"], input="-from\nstdin\n", text=True,
                             capture_output=True, env=env, timeout=30)
        assert fed.returncode == 0, fed.stderr
    assert same(tmux, mux, "save-buffer", "-b", "in", "-") == "-from\nstdin\n"
    for words in (("load-buffer", "no-such-file"), ("save-buffer", "-b", "no-such-buffer", "-"),
                  ("save-buffer", "-b", "f", "no-such-dir/x")):
        theirs, ours = tmux.cli(*words), mux.cli(*words)
        assert theirs.returncode != 0 and ours.returncode != 0, (words, ours.stderr)


# -- respawn-window, move-pane ----------------------------------------------------------------------------

def test_respawn_window_runs_the_first_pane_again_in_all_of_the_window_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "sleep 100", ";",
         "split-window", "-h", "sleep 100", ";", "split-window", "sleep 100")
    theirs, ours = tmux.cli("respawn-window", "-t", "x:0"), mux.cli("respawn-window", "-t", "x:0")
    assert theirs.returncode != 0 and ours.returncode != 0  # its panes still run: -k ends them
    both(tmux, mux, "respawn-window", "-k", "-t", "x:0", "echo respawned; sleep 100")
    assert same(tmux, mux, "list-panes", "-a", "-F", PANES) == "x:0.0 80x24 0,0\n"
    mux.wait_text("x:0.0", "respawned")


def test_move_pane_is_join_pane_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "split-window", ";",
         "new-window", ";", "split-window", "-h")
    both(tmux, mux, "move-pane", "-h", "-s", "x:1.1", "-t", "x:0.0")
    both(tmux, mux, "movep", "-s", "x:1.0", "-t", "x:0.1", "-b", "-l", "5")
    same(tmux, mux, "list-panes", "-a", "-F", PANES)


# -- find-window, refresh-client ----------------------------------------------------------------------------


def test_find_window_prints_the_windows_that_match_from_the_command_line(mux):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24", "-n", "editor", "cat")
    mux("new-window", "-d", "-n", "Build", "printf 'compiling main.c\\n'; sleep 30")
    mux("new-window", "-d", "-n", "logs", "cat")
    mux.wait_text("x:1", "compiling")
    assert mux("find-window", "-N", "edit").output == "x:0: editor\n"
    assert mux("find-window", "-N", "build").output == ""
    assert mux("find-window", "-Ni", "build").output == "x:1: Build\n"
    assert mux("find-window", "-C", "main.c").output == "x:1: Build\n"
    assert mux("find-window", "-r", "^(editor|logs)$").output == "x:0: editor\nx:2: logs\n"
    assert not mux.try_("find-window", "-r", "(").ok


def test_refresh_client_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    for words in (("refresh-client", "-S"), ("refresh-client", "-C", "100x40")):
        theirs, ours = tmux.cli(*words), mux.cli(*words)
        assert theirs.returncode != 0 and ours.returncode != 0
        assert "no current client" in theirs.stderr and "no current client" in ours.stderr


def test_prefix_ctrl_z_suspends_the_client_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    theirs, ours = both(tmux, mux, "list-keys", "-T", "prefix")

    def bound(output: str) -> list[str]:
        return [" ".join(line.split()) for line in output.splitlines() if line.split()[3:4] == ["C-z"]]

    assert bound(ours) == bound(theirs) == ["bind-key -T prefix C-z suspend-client"]
    refused = mux.cli("suspend-client")  # a command line has no terminal to give back
    assert refused.returncode != 0 and "attached muntin" in refused.stderr


# -- command-alias ------------------------------------------------------------------------------------------


def test_command_alias_as_tmux(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    both(tmux, mux, "set", "-s", "command-alias[10]", "zz=split-window -h")
    both(tmux, mux, "set", "-s", "command-alias[11]", "yy=display -p")
    both(tmux, mux, "zz", "-d", ";", "splitp", "-d")  # one of tmux's own aliases too
    assert same(tmux, mux, "list-panes", "-F", "#{pane_index}") == "0\n1\n2\n"
    assert same(tmux, mux, "yy", "hello") == "hello\n"  # the words after the alias follow its text
    assert same(tmux, mux, "show", "-s", "command-alias[10]") == 'command-alias[10] "zz=split-window -h"\n'
    assert same(tmux, mux, "show", "-sv", "command-alias[10]") == "zz=split-window -h\n"
    both(tmux, mux, "set", "-su", "command-alias[10]")
    theirs, ours = tmux.cli("zz"), mux.cli("zz")
    assert theirs.returncode != 0 and ours.returncode != 0
    assert "unknown command: zz" in theirs.stderr and "unknown command: zz" in ours.stderr


def test_a_command_alias_works_in_a_file_and_a_hook(mux, tmp_path):
    mux("new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    mux("set", "-s", "command-alias[10]", "two=split-window -d ; split-window -d")
    (tmp_path / "f.conf").write_text("two\n")
    mux("source-file", str(tmp_path / "f.conf"))
    assert len(mux("list-panes").output.splitlines()) == 3


# -- link-window, unlink-window ------------------------------------------------------------------------------


def test_unlink_window_as_tmux_and_link_window_refused(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24", ";", "new-window", ";",
         "new-session", "-d", "-s", "y")
    theirs, ours = tmux.cli("unlink-window", "-t", "x:1"), mux.cli("unlink-window", "-t", "x:1")
    assert theirs.returncode != 0 and ours.returncode != 0
    assert "window only linked to one session" in theirs.stderr and "window only linked to one session" in ours.stderr
    both(tmux, mux, "unlinkw", "-k", "-t", "x:1")
    same(tmux, mux, "list-windows", "-a", "-F", "#{session_name}:#{window_index}")
    refused = mux.cli("link-window", "-s", "x:0", "-t", "y:5")
    assert refused.returncode != 0 and "cannot be linked" in refused.stderr


def test_server_access_as_tmux_for_the_owner(tmux, mux):
    both(tmux, mux, "new-session", "-d", "-s", "x", "-x", "80", "-y", "24")
    same(tmux, mux, "server-access", "-l")  # the owner, as "NAME (W)"; nobody for root
    me = pwd.getpwuid(os.getuid()).pw_name
    for words in (("server-access",), ("server-access", "-a", "no-such-user-here"), ("server-access", "-a", me)):
        theirs, ours = tmux.cli(*words), mux.cli(*words)
        assert theirs.returncode != 0 and ours.returncode != 0, words
        assert theirs.stderr.strip() == ours.stderr.removeprefix("muntin: server-access: ").strip(), words
