"""tmux's format language: ``#{...}`` with its modifiers, ``#{?cond,a,b}``, ``#S``-style aliases, ``##``.

A pure expander, as tmux 3.3a's ``format_expand1`` and ``format_replace`` work: nested ``#{...}`` matched by
braces (``#,`` ``#}`` ``##`` ``#{`` ``#:`` escape inside them), conditions that are names or formats,
comparisons (``==`` ``!=`` ``<`` ``>`` ``<=`` ``>=`` ``||`` ``&&``), ``m`` (fnmatch, ``m/r`` regular
expression, ``m/i``), ``E`` and ``T`` (expand the value again, ``T`` with strftime), ``t`` (time), ``=N``
trim with a marker, ``pN`` pad, ``s/a/b/`` substitution, ``b`` ``d`` ``l`` ``q`` ``a`` ``n`` ``w``,
``e|op|`` arithmetic, ``S`` ``W`` ``P`` loops and ``N`` (does a window or session of that name exist) when
the caller supplies sessions, windows and panes, ``C`` (search the pane) when it supplies a search, and
``#(command)`` when it supplies a job runner. ``#[style]`` passes through untouched.

What the expander sees is a :class:`Scope`: a mapping of values and an optional resolver for names it does
not hold (options, ``@user`` options, the environment, as tmux falls back to them). Values are data: they
are never expanded again unless ``E:`` or ``T:`` asks. Unknown names expand to nothing, as in tmux. A
format cannot stall its caller: nesting stops at tmux's loop limit (100), and one expansion does at most
:data:`STEP_LIMIT` replacements and returns at most :data:`SIZE_LIMIT` characters.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from muntin.emulator.width import wcwidth

from muntin.commands.styles import colour_hex

FORMAT_VARIABLES = ("session_name", "session_id", "session_windows", "session_created", "session_width",
                    "session_height", "window_index", "window_id", "window_name", "window_active", "window_panes",
                    "window_layout", "window_flags", "window_zoomed_flag", "window_width", "window_height",
                    "pane_id", "pane_index", "pane_active", "pane_floating", "pane_pid", "pane_title", "pane_width",
                    "pane_height", "pane_left", "pane_top", "pane_right", "pane_bottom", "pane_dead",
                    "pane_dead_status", "pane_in_mode", "pane_mode", "pane_pipe", "pane_current_command", "pane_current_path",
                    "pane_start_command", "history_size", "history_limit", "cursor_x", "cursor_y",
                    "alternate_on", "session_path", "pane_tty", "cursor_character", "session_attached",
                    "window_last_flag", "client_name", "client_tty", "client_width", "client_height",
                    "client_session", "client_pid", "client_termname", "client_flags", "pane_start_path",
                    "active_window_index", "last_window_index", "session_grouped", "session_marked",
                    "session_stack", "pid", "uid", "user", "window_raw_flags", "window_visible_layout",
                    "window_activity_flag", "window_bell_flag", "window_silence_flag", "window_marked_flag",
                    "window_linked", "window_linked_sessions", "window_linked_sessions_list",
                    "window_active_sessions", "window_active_sessions_list", "window_start_flag",
                    "window_end_flag", "pane_last", "pane_synchronized", "pane_input_off", "pane_marked",
                    "pane_marked_set", "pane_at_left", "pane_at_top", "pane_at_right", "pane_at_bottom",
                    "cursor_flag", "insert_flag", "keypad_cursor_flag", "keypad_flag", "origin_flag", "wrap_flag",
                    "mouse_standard_flag", "mouse_button_flag", "mouse_all_flag", "mouse_any_flag",
                    "mouse_sgr_flag", "mouse_utf8_flag", "scroll_region_upper", "scroll_region_lower",
                    "pane_tabs", "session_many_attached")

SHORT_ALIASES = {"D": "pane_id", "F": "window_flags", "H": "host", "I": "window_index", "P": "pane_index",
                 "S": "session_name", "T": "pane_title", "W": "window_name", "h": "host_short"}

LOOP_LIMIT = 100
"""How deep formats nest (an ``#{E:}`` of itself, arguments in arguments), tmux's FORMAT_LOOP_LIMIT."""
STEP_LIMIT = 20_000
"""``#{...}`` replacements one expansion may do; past it the rest expands to nothing (tmux has no such
limit: two ``#{E:@self}`` in a row there double the work at each of its 100 levels)."""
SIZE_LIMIT = 1 << 16
"""Characters any one expansion (and any padding) may reach; what goes past is cut off."""
_TIME_LIMIT = 8192  # strftime of a format longer than tmux's buffer gives nothing, as in tmux

Children = Callable[[str], "Sequence[tuple[Scope, bool]] | None"]


@dataclass(frozen=True)
class Scope:
    """What a format can see. ``values`` by name, ``resolve(name)`` for any name they lack (None: unknown);
    ``children(kind)`` the sessions (``"S"``), the session's windows (``"W"``) or the window's panes
    (``"P"``) as (scope, is-current) pairs, None where there are none to loop over; ``search(text, regex,
    ignore_case)`` the number of the line of the pane holding ``text`` (``#{C:}``); ``job(command)`` the
    output of ``#(command)`` so far (None: not run here)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    resolve: Callable[[str], Any] | None = None
    children: Children | None = None
    search: Callable[[str, bool, bool], int] | None = None
    job: Callable[[str], str | None] | None = None

    def find(self, name: str) -> str | None:
        if name in self.values:
            return _text(self.values[name])
        if self.resolve is not None:
            found = self.resolve(name)
            return None if found is None else _text(found)
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def expand(template: str, scope: Scope, *, strftime: bool = False, now: float | None = None) -> str:
    """``template`` expanded in ``scope``; ``strftime`` as tmux's display-message, status line, titles and
    borders do: ``%`` fields of the template itself (never of the values put in) become the time."""
    state = _State(time.localtime(now) if now is not None else None)
    return _expand1(state, scope, template, strftime, True)


def format_string(template: str, values: Mapping[str, Any], resolve: Callable[[str], Any] | None = None, *,
                  strftime: bool = False, children: Children | None = None) -> str:
    """``template`` expanded from ``values`` (and ``resolve`` for names they lack)."""
    return expand(template, Scope(values, resolve, children), strftime=strftime)


def truthy(value: str | None) -> bool:
    """tmux's format_true: anything but nothing and ``0``."""
    return bool(value) and value != "0"


class _State:
    __slots__ = ("depth", "steps", "tm")

    def __init__(self, tm: time.struct_time | None) -> None:
        self.depth = 0
        self.steps = 0
        self.tm = tm


def _expand1(state: _State, scope: Scope, fmt: str, timed: bool, jobs: bool) -> str:
    if not fmt or state.depth >= LOOP_LIMIT or state.steps > STEP_LIMIT:
        return ""
    state.depth += 1
    try:
        if timed and "%" in fmt:
            if state.tm is None:
                state.tm = time.localtime()
            try:
                fmt = time.strftime(fmt, state.tm)
            except ValueError:
                return ""
            if len(fmt.encode(errors="surrogateescape")) >= _TIME_LIMIT:
                return ""
        return _walk(state, scope, fmt, timed, jobs)
    finally:
        state.depth -= 1


def _walk(state: _State, scope: Scope, fmt: str, timed: bool, jobs: bool) -> str:
    out: list[str] = []
    size = 0
    i, n = 0, len(fmt)
    while i < n:
        hash_at = fmt.find("#", i)
        if hash_at < 0:
            out.append(fmt[i:])
            break
        if hash_at > i:
            out.append(fmt[i:hash_at])
            size += hash_at - i
        if hash_at + 1 >= n:  # a lone # at the end stays
            out.append("#")
            break
        ch = fmt[hash_at + 1]
        i = hash_at + 2
        piece: str | None
        if ch == "(":
            end = _close_paren(fmt, i)
            if end is None:
                break
            piece = _job(state, scope, fmt[i:end], jobs)
            i = end + 1
        elif ch == "{":
            end = _skip(fmt, hash_at, "}")
            if end is None:
                break
            piece = _replace(state, scope, fmt[i:end], timed, jobs)
            if piece is None:
                break
            i = end + 1
        elif ch == "#":
            j = i
            while j < n and fmt[j] == "#":
                j += 1
            if j < n and fmt[j] == "[":  # ##[ with two or more #s: a style left for drawing
                piece = fmt[hash_at:j + 1]
                i = j + 1
            else:
                piece = "#"
        elif ch in "},":
            piece = ch
        elif ch in SHORT_ALIASES:
            piece = _replace(state, scope, SHORT_ALIASES[ch], timed, jobs)
            if piece is None:
                break
        else:
            piece = "#" + ch
        out.append(piece)
        size += len(piece)
        if size > SIZE_LIMIT:
            break
    result = "".join(out)
    return result[:SIZE_LIMIT]


def _close_paren(fmt: str, start: int) -> int | None:
    depth = 1
    for i in range(start, len(fmt)):
        if fmt[i] == "(":
            depth += 1
        elif fmt[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _job(state: _State, scope: Scope, command: str, jobs: bool) -> str:
    if not jobs or scope.job is None:
        return ""
    output = scope.job(_expand1(state, scope, command, False, False))
    return "" if output is None else _expand1(state, scope, output, False, False)


def _skip(s: str, start: int, end: str) -> int | None:
    """tmux's format_skip: the first of ``end`` at brace depth 0 from ``start``, escapes skipped."""
    depth = 0
    i, n = start, len(s)
    while i < n:
        c = s[i]
        if c == "#":
            nxt = s[i + 1] if i + 1 < n else ""
            if nxt == "{":
                depth += 1
            if nxt == "" or nxt in ",#{}:":
                i += 2
                continue
        if c == "}":
            depth -= 1
        if c in end and depth == 0:
            return i
        i += 1
    return None


@dataclass
class _Modifier:
    name: str
    args: list[str]


def _is_end(s: str, i: int) -> bool:
    return i < len(s) and s[i] in ";:"


def _ispunct(c: str) -> bool:
    return len(c) == 1 and 33 <= ord(c) <= 126 and not c.isalnum()


def _modifiers(state: _State, scope: Scope, key: str, timed: bool, jobs: bool) -> tuple[list[_Modifier], str]:
    """tmux's format_build_modifiers: the modifiers before the ``:`` of ``key`` (their arguments expanded)
    and the rest; none, and all of ``key``, when it has no well-formed modifier list."""
    found: list[_Modifier] = []
    i, n = 0, len(key)
    while i < n and key[i] != ":":
        if key[i] == ";":
            i += 1
        c = key[i] if i < n else ""
        if c and c in "labcdnwETSWP<>" and _is_end(key, i + 1):
            found.append(_Modifier(c, []))
            i += 1
            continue
        if key[i:i + 2] in ("||", "&&", "!=", "==", "<=", ">=") and _is_end(key, i + 2):
            found.append(_Modifier(key[i:i + 2], []))
            i += 2
            continue
        if not c or c not in "mCNst=peq":
            break
        if _is_end(key, i + 1):
            found.append(_Modifier(c, []))
            i += 1
            continue
        nxt = key[i + 1] if i + 1 < n else ""
        if not _ispunct(nxt) or nxt == "-":
            end = _skip(key, i + 1, ":;")
            if end is None:
                break
            found.append(_Modifier(c, [_expand1(state, scope, key[i + 1:end], timed, jobs)]))
            i = end
            continue
        wrap = nxt
        i += 1
        args: list[str] = []
        while True:
            if key[i] == wrap and _is_end(key, i + 1):
                i += 1
                break
            end = _skip(key, i + 1, wrap + ";:")
            if end is None:
                break
            args.append(_expand1(state, scope, key[i + 1:end], timed, jobs))
            i = end
            if _is_end(key, i):
                break
        found.append(_Modifier(c, args))
    if i >= n or key[i] != ":":
        return [], key
    return found, key[i + 1:]


def _choose(state: _State, scope: Scope, s: str, timed: bool, jobs: bool, *,
            expand_them: bool) -> tuple[str, str] | None:
    comma = _skip(s, 0, ",")
    if comma is None:
        return None
    left, right = s[:comma], s[comma + 1:]
    if expand_them:
        return _expand1(state, scope, left, timed, jobs), _expand1(state, scope, right, timed, jobs)
    return left, right


def _number(text: str, low: int, high: int) -> int | None:
    """strtonum: a whole decimal number in [low, high], else None."""
    if not re.fullmatch(r"\s*[+-]?\d+", text):
        return None
    value = int(text)
    return value if low <= value <= high else None


_INT_MAX = 2**31 - 1


def _replace(state: _State, scope: Scope, key: str, timed: bool, jobs: bool) -> str | None:
    """One ``#{...}`` (without its braces); None where tmux's format_replace fails (the expansion stops)."""
    state.steps += 1
    if state.steps > STEP_LIMIT:
        return ""
    mods, copy = _modifiers(state, scope, key, timed, jobs)
    flags: set[str] = set()
    cmp = search = mexp = None
    subs: list[_Modifier] = []
    limit = width = 0
    marker: str | None = None
    time_format: str | None = None
    for m in mods:
        c = m.name
        if c in ("m", "<", ">", "||", "&&", "==", "!=", ">=", "<="):
            cmp = m
        elif c == "C":
            search = m
        elif c == "s":
            if len(m.args) >= 2:
                subs.append(m)
        elif c == "=":
            if m.args:
                limit = _number(m.args[0], -_INT_MAX - 1, _INT_MAX) or 0
                if len(m.args) >= 2:
                    marker = m.args[1]
        elif c == "p":
            if m.args:
                width = _number(m.args[0], -_INT_MAX - 1, _INT_MAX) or 0
        elif c == "e":
            if 1 <= len(m.args) <= 3:
                mexp = m
        elif c == "t":
            flags.add("t")
            if m.args:
                if "p" in m.args[0]:
                    flags.add("pretty")
                elif len(m.args) >= 2 and "f" in m.args[0]:
                    time_format = _strip(m.args[1])
        elif c == "q":
            flags.add("q" if not m.args else "qstyle" if ("e" in m.args[0] or "h" in m.args[0]) else "")
        elif c == "N":
            flags.add("Ns" if m.args and "w" not in m.args[0] and "s" in m.args[0] else
                      "Nw" if not m.args or "w" in m.args[0] else "")
        elif c in "labcdnwETSWP":
            flags.add(c)

    value: str | None
    if "l" in flags:
        value = copy
    elif "a" in flags:
        number = _number(_expand1(state, scope, copy, timed, jobs), 32, 126)
        value = "" if number is None else chr(number)
    elif "c" in flags:
        value = colour_hex(_expand1(state, scope, copy, timed, jobs))
    elif "S" in flags or "W" in flags or "P" in flags:
        kind = "S" if "S" in flags else "W" if "W" in flags else "P"
        value = _loop(state, scope, kind, copy, timed, jobs)
        if value is None:
            return None
    elif "Nw" in flags or "Ns" in flags:
        kind, field_name = ("W", "window_name") if "Nw" in flags else ("S", "session_name")
        items = scope.children(kind) if scope.children is not None else None
        if items is None:
            return None
        name = _expand1(state, scope, copy, timed, jobs)
        value = "1" if any(child.find(field_name) == name for child, _ in items) else "0"
    elif search is not None:
        text = _expand1(state, scope, copy, timed, jobs)
        if scope.search is None:
            value = "0"
        else:
            how = search.args[0] if search.args else ""
            value = str(scope.search(text, "r" in how, "i" in how))
    elif cmp is not None:
        sides = _choose(state, scope, copy, timed, jobs, expand_them=True)
        if sides is None:
            return None
        value = _compare(cmp, *sides)
    elif copy.startswith("?"):
        comma = _skip(copy, 1, ",")
        if comma is None:
            return None
        condition = copy[1:comma]
        found = _find(scope, condition, flags, time_format)
        if found is None:
            found = _expand1(state, scope, condition, timed, jobs)
            if found == condition:
                found = ""
        branches = _choose(state, scope, copy[comma + 1:], timed, jobs, expand_them=False)
        if branches is None:
            return None
        value = _expand1(state, scope, branches[0] if truthy(found) else branches[1], timed, jobs)
    elif mexp is not None:
        value = _arithmetic(state, scope, mexp, copy, timed, jobs)
    elif "#{" in copy:
        value = _expand1(state, scope, copy, timed, jobs)
    else:
        value = _find(scope, copy, flags, time_format)
        if value is None:
            value = ""

    if "E" in flags:
        value = _expand1(state, scope, value, timed, jobs)
    elif "T" in flags:
        value = _expand1(state, scope, value, True, jobs)
    for sub in subs:
        pattern = _expand1(state, scope, sub.args[0], timed, jobs)
        with_ = _expand1(state, scope, sub.args[1], timed, jobs)
        value = _substitute(value, pattern, with_, len(sub.args) >= 3 and "i" in sub.args[2])
    if limit > 0:
        trimmed = _trim_left(value, limit)
        value = trimmed + marker if marker is not None and trimmed != value else trimmed
    elif limit < 0:
        trimmed = _trim_right(value, -limit)
        value = marker + trimmed if marker is not None and trimmed != value else trimmed
    if width:
        room = min(abs(width), SIZE_LIMIT) - _cstr_width(value)
        if room > 0:
            value = value + " " * room if width > 0 else " " * room + value
    if "n" in flags:
        value = str(len(value.encode(errors="surrogateescape")))
    if "w" in flags:
        value = str(format_width(value))
    return value[:SIZE_LIMIT]


def _loop(state: _State, scope: Scope, kind: str, fmt: str, timed: bool, jobs: bool) -> str | None:
    items = scope.children(kind) if scope.children is not None else None
    if items is None:
        return None
    every, current = fmt, None
    if kind != "S":
        both = _choose(state, scope, fmt, timed, jobs, expand_them=False)
        if both is not None:
            every, current = both
    out: list[str] = []
    size = 0
    for child, is_current in items:
        piece = _expand1(state, child, current if current is not None and is_current else every, timed, jobs)
        out.append(piece)
        size += len(piece)
        if size > SIZE_LIMIT or state.steps > STEP_LIMIT:
            break
    return "".join(out)


def _compare(cmp: _Modifier, left: str, right: str) -> str:
    name = cmp.name
    if name == "||":
        result = truthy(left) or truthy(right)
    elif name == "&&":
        result = truthy(left) and truthy(right)
    elif name == "m":
        how = cmp.args[0] if cmp.args else ""
        result = _match(left, right, regex="r" in how, ignore_case="i" in how)
    else:
        a, b = left.encode(errors="surrogateescape"), right.encode(errors="surrogateescape")  # strcmp
        result = {"==": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[name]
    return "1" if result else "0"


_STRTOD = re.compile(r"\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|"
                     r"\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|inf(?:inity)?|nan)?", re.IGNORECASE)


def _strtod(text: str) -> float | None:
    """C's strtod of all of ``text`` (nothing is 0, as there), else None."""
    match = _STRTOD.fullmatch(text)
    if match is None:
        return None
    body = text.strip()
    if body in ("", "+", "-"):
        return 0.0 if body == "" else None
    if re.match(r"[+-]?0[xX]", body):
        sign = -1.0 if body.startswith("-") else 1.0
        digits = body.lstrip("+-")
        return sign * float.fromhex(digits if "p" in digits.lower() else digits + "p0")
    return float(body)


def _arithmetic(state: _State, scope: Scope, mexp: _Modifier, copy: str, timed: bool, jobs: bool) -> str:
    op = mexp.args[0]
    if op not in ("+", "-", "*", "/", "%", "m", "==", "!=", ">", "<", ">=", "<="):
        return ""
    floating = len(mexp.args) >= 2 and "f" in mexp.args[1]
    precision = 2 if floating else 0
    if len(mexp.args) >= 3:
        given = _number(mexp.args[2], -_INT_MAX - 1, _INT_MAX)
        if given is None:
            return ""
        precision = max(min(given, 100), 0)
    sides = _choose(state, scope, copy, timed, jobs, expand_them=True)
    if sides is None:
        return ""
    left, right = _strtod(sides[0]), _strtod(sides[1])
    if left is None or right is None:
        return ""
    if not floating:
        left, right = _truncate(left), _truncate(right)
    try:
        if op == "+":
            result = left + right
        elif op == "-":
            result = left - right
        elif op == "*":
            result = left * right
        elif op == "/":
            result = left / right if right else math.copysign(math.inf, left) if left else math.nan
        elif op in ("%", "m"):
            result = math.fmod(left, right) if right else math.nan
        else:
            result = float({"==": abs(left - right) < 1e-9, "!=": abs(left - right) > 1e-9, ">": left > right,
                            "<": left < right, ">=": left >= right, "<=": left <= right}[op])
    except (OverflowError, ValueError):
        result = math.nan
    if not floating:
        result = _truncate(result)
    return f"{result:.{precision}f}"


def _truncate(value: float) -> float:
    """(long long) of a double, as x86 does it: out of range (and NaN) is the smallest long long."""
    if math.isnan(value) or not -2.0**63 <= value < 2.0**63:
        return -2.0**63
    return float(math.trunc(value))


def _strip(s: str) -> str:
    """tmux's format_strip: the ``#`` of escapes outside ``#{...}`` removed."""
    out: list[str] = []
    depth = 0
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        nxt = s[i + 1] if i + 1 < n else ""
        if c == "#" and nxt == "{":
            depth += 1
        if c == "#" and nxt and nxt in ",#{}:":
            if depth:
                out.append(c)
            i += 1
            continue
        if c == "}":
            depth -= 1
        out.append(c)
        i += 1
    return "".join(out)


def _find(scope: Scope, name: str, flags: set[str], time_format: str | None) -> str | None:
    """tmux's format_find: a name's value with the ``t`` ``b`` ``d`` ``q`` modifiers applied."""
    found = scope.find(name)
    if "t" in flags:
        seconds = _number(found, 0, 2**63 - 1) if found is not None else None
        if not seconds:
            return None
        if "pretty" in flags:
            return _pretty_time(seconds)
        try:
            if time_format is not None:
                return time.strftime(time_format, time.localtime(seconds))[:_TIME_LIMIT]
            return time.ctime(seconds)
        except (ValueError, OverflowError, OSError):
            return None
    if found is None:
        return None
    if "b" in flags:
        found = _basename(found)
    if "d" in flags:
        found = _dirname(found)
    if "q" in flags:
        found = re.sub(r"([|&;<>()$`\\\"'*?\[# =%])", r"\\\1", found)
    if "qstyle" in flags:
        found = found.replace("#", "##")
    return found


def _basename(path: str) -> str:
    if not path:
        return "."
    stripped = path.rstrip("/")
    return "/" if not stripped else stripped.rsplit("/", 1)[-1]


def _dirname(path: str) -> str:
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path else "."
    if "/" not in stripped:
        return "."
    head = stripped.rsplit("/", 1)[0].rstrip("/")
    return head or "/"


def _pretty_time(seconds: int) -> str:
    now = max(int(time.time()), seconds)
    age = now - seconds
    now_tm, tm = time.localtime(now), time.localtime(seconds)
    if age < 24 * 3600:
        return time.strftime("%H:%M", tm)
    if (tm.tm_year == now_tm.tm_year and tm.tm_mon == now_tm.tm_mon) or age < 28 * 24 * 3600:
        return time.strftime("%a%d", tm)
    if (tm.tm_year == now_tm.tm_year and tm.tm_mon < now_tm.tm_mon) or \
            (tm.tm_year == now_tm.tm_year - 1 and tm.tm_mon > now_tm.tm_mon):
        return time.strftime("%d%b", tm)
    return time.strftime("%h%y", tm)


def search_rows(rows: Sequence[str], text: str, regex: bool, ignore_case: bool) -> int:
    """``#{C:TEXT}``: the number (from 1) of the first of a pane's screen ``rows`` that holds ``text`` (a
    glob; ``r``: a regular expression; ``i``: in any case), trailing blanks dropped; 0 where none does."""
    pattern = text if regex else f"*{text}*"
    for number, row in enumerate(rows, 1):
        if _match(pattern, row.rstrip(), regex=regex, ignore_case=ignore_case):
            return number
    return 0


def _match(pattern: str, text: str, *, regex: bool, ignore_case: bool) -> bool:
    if regex:
        try:
            return re.search(_posix_regex(pattern), text, re.IGNORECASE if ignore_case else 0) is not None
        except re.error:
            return False
    try:
        return re.fullmatch(_fnmatch_regex(pattern), text, re.DOTALL | (re.IGNORECASE if ignore_case else 0)) \
            is not None
    except re.error:
        return False


def _fnmatch_regex(pattern: str) -> str:
    """fnmatch(3) without flags as a regular expression: ``*`` and ``?`` match ``/`` too, ``\\`` escapes."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\" and i < n:
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "[":
            j = i
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                close = pattern.find(":]", j + 2) if pattern.startswith("[:", j) else -1
                j = close + 2 if close > 0 else j + 1
            if j >= n:
                out.append(re.escape(c))
                continue
            body = pattern[i:j]
            i = j + 1
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + _bracket(body) + "]")
        else:
            out.append(re.escape(c))
    return "".join(out)


_CLASSES = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
            "space": r" \t\n\r\f\v", "blank": r" \t", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f",
            "cntrl": r"\x00-\x1f\x7f", "print": r" -~", "graph": r"!-~"}


def _bracket(body: str) -> str:
    """The inside of a POSIX bracket expression for Python: classes spelled out, backslash and a leading
    ``^`` literal."""
    out: list[str] = []
    i = 0
    while i < len(body):
        if body.startswith("[:", i):
            end = body.find(":]", i + 2)
            if end > 0 and body[i + 2:end] in _CLASSES:
                out.append(_CLASSES[body[i + 2:end]])
                i = end + 2
                continue
        c = body[i]
        out.append("\\" + c if c in "\\^[]&|~" else c)
        i += 1
    return "".join(out)


def _posix_regex(pattern: str) -> str:
    """A POSIX extended regular expression as Python's: bracket expressions rewritten, ``\\`` kept."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            j = i + 1
            negate = j < n and pattern[j] == "^"
            if negate:
                j += 1
            start = j
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern.startswith("[:", j) and pattern.find(":]", j + 2) > 0:
                    j = pattern.find(":]", j + 2) + 2
                else:
                    j += 1
            if j >= n:
                out.append(re.escape(pattern[i:]))
                break
            out.append("[" + ("^" if negate else "") + _bracket(pattern[start:j]) + "]")
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _substitute(text: str, pattern: str, with_: str, ignore_case: bool) -> str:
    """tmux's regsub: every match of ``pattern`` in ``text`` replaced, ``\\0``-``\\9`` the groups."""
    if not text:
        return ""
    try:
        compiled = re.compile(_posix_regex(pattern), re.IGNORECASE if ignore_case else 0)
    except re.error:
        return text

    def replacement(match: re.Match[str]) -> str:
        out: list[str] = []
        i = 0
        while i < len(with_):
            c = with_[i]
            if c == "\\" and i + 1 < len(with_):
                i += 1
                c = with_[i]
                if c.isdigit() and int(c) <= compiled.groups and match.group(int(c)):
                    out.append(match.group(int(c)))
                    i += 1
                    continue
            out.append(c)
            i += 1
        return "".join(out)

    out: list[str] = []
    start = last = 0
    empty = False
    while start <= len(text):
        match = compiled.search(text[start:])  # as regexec on the rest: ^ anchors there
        if match is None:
            out.append(text[start:])
            break
        begin, end = start + match.start(), start + match.end()
        out.append(text[last:begin])
        if empty or begin != last or begin != end:
            out.append(replacement(match))
            last = start = end
            empty = False
        else:  # an empty match where the last one ended: move on one character
            last, start, empty = end, end + 1, True
        if pattern.startswith("^"):
            out.append(text[start:])
            break
    return "".join(out)

def _leading_hashes(s: str, i: int) -> tuple[int, int, int]:
    """tmux's format_leading_hashes at ``i``: (where the run ends or its style's # is, how many #s, their
    width)."""
    n = 0
    while i + n < len(s) and s[i + n] == "#":
        n += 1
    if i + n >= len(s) or s[i + n] != "[":
        return i + n, n, n // 2 + n % 2
    if n % 2 == 0:
        return i + n, n, n // 2
    return i + n - 1, n, n // 2


def _char_width(c: str) -> int:
    if " " <= c <= "~":
        return 1
    if ord(c) < 0x80:
        return 0
    return max(wcwidth(c), 0)


def format_width(text: str) -> int:
    """Cells ``text`` takes on a status line: ``#[...]`` styles count nothing, ``##`` one."""
    width = 0
    i, n = 0, len(text)
    while i < n:
        if text[i] == "#":
            end, _, hashes = _leading_hashes(text, i)
            width += hashes
            i = end
            if i < n and text[i] == "#":
                close = _skip(text, i + 2, "]")
                if close is None:
                    return 0
                i = close + 1
        else:
            width += _char_width(text[i])
            i += 1
    return width


def _trim_left(text: str, limit: int) -> str:
    """The first ``limit`` cells of ``text``, styles kept (tmux's format_trim_left)."""
    return _cells(text, 0, limit)


def _trim_right(text: str, limit: int) -> str:
    """The last ``limit`` cells of ``text``, styles kept (tmux's format_trim_right)."""
    total = format_width(text)
    return text if total <= limit else _cells(text, total - limit, math.inf)


def _cells(text: str, low: float, high: float) -> str:
    """What of ``text`` falls in the cells from ``low`` up to ``high``: the #[...] styles on the way kept,
    an escaped ``##`` one cell, control characters dropped."""
    out: list[str] = []
    width = 0
    i, n = 0, len(text)
    while i < n and width < high:
        if text[i] == "#":
            end, count, hashes = _leading_hashes(text, i)
            kept = int(max(0, min(width + hashes, high) - max(width, low)))
            if kept:
                out.append("#" if count == 1 else "#" * (2 * kept))
            width += hashes if high == math.inf else kept
            i = end
            if i < n and text[i] == "#":
                close = _skip(text, i + 2, "]")
                if close is None:
                    break
                out.append(text[i:close + 1])
                i = close + 1
            continue
        c = text[i]
        cells = _char_width(c)
        if (cells or ord(c) >= 0x80) and low <= width and width + cells <= high:
            out.append(c)
        width += cells
        i += 1
    return "".join(out)


def _cstr_width(text: str) -> int:
    return sum(_char_width(c) for c in text)

