"""`#{...}` formats for display-message and the status bar: variables, short aliases, `##`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FORMAT_VARIABLES = ("session_name", "session_id", "session_windows", "session_created", "session_width",
                    "session_height", "window_index", "window_id", "window_name", "window_active", "window_panes",
                    "window_layout", "window_flags", "window_zoomed_flag", "window_width", "window_height",
                    "pane_id", "pane_index", "pane_active", "pane_pid", "pane_title", "pane_width",
                    "pane_height", "pane_left", "pane_top", "pane_right", "pane_bottom", "pane_dead",
                    "pane_dead_status", "pane_in_mode", "pane_pipe", "pane_current_command", "pane_current_path",
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

SHORT_ALIASES = {"D": "pane_id", "P": "pane_index", "I": "window_index", "W": "window_name",
                 "S": "session_name", "T": "pane_title"}

_TOKEN = re.compile(r"#(?:\{([^}]*)\}|(#)|([A-Z]))")


def format_string(template: str, values: Mapping[str, Any]) -> str:
    """`template` with `#{name}` and `#P`-style aliases replaced from `values` (unknown names become
    empty, as in tmux), `#{?name,yes,no}` choosing on a true value, and `##` a literal `#`."""

    def replace(match: re.Match[str]) -> str:
        name, hash_, short = match.groups()
        if hash_:
            return "#"
        if short:
            return str(values.get(SHORT_ALIASES.get(short, ""), "")) if short in SHORT_ALIASES else match[0]
        if name.startswith("?"):
            test, _, rest = name[1:].partition(",")
            yes, _, no = rest.partition(",")
            return yes if _truthy(values.get(test)) else no
        value = values.get(name, "")
        return "" if value is None else str(value)

    return _TOKEN.sub(replace, template)


def _truthy(value: Any) -> bool:
    return bool(value) and value not in ("0", "off")
