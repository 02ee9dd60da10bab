"""The key encoder against tmux-256color's terminfo (the TERM of every pane), read with ``infocmp -x``.

Every key capability the entry defines must be what muntin sends for that key. Terminfo's cursor keys
(``kcuu1`` ``\\EOA`` ...) are the application-mode (DECCKM) forms, valid after the program's ``smkx``; in
normal mode the encoder sends ``\\E[A`` .., as tmux does and as every curses program expects without
``smkx``. All other keys are the same in both cursor modes.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from muntin.emulator.keys import encode_key
from muntin.emulator.modes import Modes

NORMAL = Modes()
APP = Modes(application_cursor=True)

# Modifier suffix of the extended capabilities (kUP3 ...) as xterm's parameter: 2 shift ... 7 ctrl+alt.
_SUFFIX_MODS = {"": "shift", "3": "alt", "4": "alt+shift", "5": "ctrl", "6": "ctrl+shift", "7": "ctrl+alt"}
_EXTENDED = {"kUP": "up", "kDN": "down", "kLFT": "left", "kRIT": "right", "kHOM": "home", "kEND": "end",
             "kIC": "insert", "kDC": "delete", "kPRV": "pageup", "kNXT": "pagedown"}
_PLAIN = {"kich1": "insert", "kdch1": "delete", "khome": "home", "kend": "end", "kpp": "pageup",
          "knp": "pagedown", "kcbt": "shift+tab", "kbs": "backspace", "kind": "shift+down", "kri": "shift+up"}
_CURSOR = {"kcuu1": "up", "kcud1": "down", "kcuf1": "right", "kcub1": "left"}
# kf13-kf24 are shift+F1-F12, then ctrl, ctrl+shift, alt, alt+shift (ncurses' xterm numbering).
_F_GROUPS = ["", "shift+", "ctrl+", "ctrl+shift+", "alt+", "alt+shift+"]
# Capabilities that are no key press (or that muntin does not type).
_NOT_KEYS = {"kmous", "km"}


def _terminfo() -> dict[str, bytes]:
    if shutil.which("infocmp") is None:
        pytest.skip("infocmp is not installed (Debian: ncurses-bin)")
    result = subprocess.run(["infocmp", "-x", "-1", "tmux-256color"], capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        pytest.skip(f"no tmux-256color terminfo entry: {result.stderr.strip()}")
    caps: dict[str, bytes] = {}
    for line in result.stdout.splitlines():
        match = re.fullmatch(r"\s*(k\w+)=(.*),", line)
        if match:
            caps[match.group(1)] = _unescape(match.group(2))
    return caps


def _unescape(text: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and text[i + 1] in "Ee":
            out.append(0x1B)
            i += 2
        elif c == "^" and i + 1 < len(text):
            out.append(0x7F if text[i + 1] == "?" else ord(text[i + 1].upper()) & 0x1F)
            i += 2
        else:
            out.append(ord(c))
            i += 1
    return bytes(out)


def _key_for(cap: str) -> str | None:
    if cap in _PLAIN:
        return _PLAIN[cap]
    if cap in _CURSOR:
        return _CURSOR[cap]
    if match := re.fullmatch(r"kf(\d+)", cap):
        number = int(match.group(1)) - 1
        return f"{_F_GROUPS[number // 12]}f{number % 12 + 1}" if number // 12 < len(_F_GROUPS) else None
    if match := re.fullmatch(r"(k[A-Z]+)([3-7]?)", cap):
        base = _EXTENDED.get(match.group(1))
        return f"{_SUFFIX_MODS[match.group(2)]}+{base}" if base else None
    return None


def _cases() -> list[tuple[str, str, bytes]]:
    caps = _terminfo()
    cases = []
    unknown = []
    for cap, value in sorted(caps.items()):
        if cap in _NOT_KEYS:
            continue
        key = _key_for(cap)
        if key is None:
            unknown.append(cap)
            continue
        cases.append((cap, key, value))
    assert not unknown, f"key capabilities this test does not map to a key yet: {unknown}"
    return cases


def test_every_key_capability_is_what_muntin_sends_in_both_cursor_modes() -> None:
    cases = _cases()
    assert len(cases) > 100  # kf1-kf63, the cursor keys and their modified forms at least
    wrong = []
    for cap, key, value in cases:
        for modes, label in ((NORMAL, "normal"), (APP, "application")):
            expected = value
            if cap in _CURSOR and modes is NORMAL:
                expected = b"\x1b[" + value[2:]  # \EOA in terminfo, \E[A without smkx (see above)
            sent = encode_key(key, modes)
            if sent != expected:
                wrong.append(f"{cap} ({key}, {label} cursor keys): terminfo {expected!r}, muntin sends {sent!r}")
    assert not wrong, "\n".join(wrong)
